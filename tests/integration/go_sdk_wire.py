"""Cloud Control requests written byte for byte as the AWS SDK for Go v2 (service/cloudcontrol over
net/http) sends them: what Terraform's awscc provider and Pulumi's aws-native provider put on the wire.

Facts (aws-sdk-go-v2 service/cloudcontrol serializers.go and smithy-go, net/http):
- `POST / HTTP/1.1`; net/http writes Host, User-Agent and Content-Length first, the other headers in
  sorted order, and its transport adds `Accept-Encoding: gzip` (undone before the SDK sees the body).
- awsJson1_0: `Content-Type: application/x-amz-json-1.0`, `X-Amz-Target: CloudApiService.<Op>`, the
  body's members in sorted order (the generated serializers write them so), compact, strings escaped
  without HTML escaping (smithy-go's encoder).
- `Amz-Sdk-Invocation-Id` (a UUID per operation) and `Amz-Sdk-Request: attempt=1; max=<attempts>` are
  signed; User-Agent is not (the v4 signer ignores it); no X-Amz-Content-Sha256 outside S3.
The providers' own parts (ClientToken formats, DesiredState and PatchDocument text) are in the suites.
"""

import datetime
import gzip
import hashlib
import hmac
import json
import os
import tempfile
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

from ccemu_server import CcemuServer
from test_stackql_seed import go_json

REGION = "us-east-1"
STS = "{https://sts.amazonaws.com/doc/2011-06-15/}"


def smithy_json(members):
    """A request body as smithy-go's JSON encoder writes the generated serializer's output: members in
    sorted order, compact, non-ASCII kept, no HTML escaping."""
    return json.dumps({k: members[k] for k in sorted(members) if members[k] is not None},
                      separators=(",", ":"), ensure_ascii=False)


def go_json_list(ops):
    """json.Marshal of JSON-Patch operations ({"op","path","value"}, value omitted when absent), as both
    providers send a PatchDocument."""
    return "[" + ",".join(
        '{"op":%s,"path":%s%s}' % (json.dumps(o["op"]), json.dumps(o["path"]),
                                  (',"value":' + go_json(o["value"])) if "value" in o else "") for o in ops) + "]"


def start_signed_server(test_class, access_key, secret_key, account):
    """A ccemu for `test_class`'s lifetime that checks signatures (--verify-sigv4) and knows one key."""
    tmp = tempfile.TemporaryDirectory(prefix="ccemu-go-sdk-")
    test_class.addClassCleanup(tmp.cleanup)
    keys = os.path.join(tmp.name, "keys.json")
    with open(keys, "w") as f:
        json.dump({access_key: {"secret_access_key": secret_key, "account_id": account}}, f)
    test_class.server = CcemuServer("--verify-sigv4", "--credentials", keys)
    test_class.server.start()
    test_class.addClassCleanup(test_class.server.stop)


class GoSdkWire:
    """One provider's Cloud Control client: its credentials, User-Agent and retry attempts."""

    def __init__(self, server, access_key, secret_key, user_agent, max_attempts, session_token=None):
        self.server = server
        self.access_key, self.secret_key, self.session_token = access_key, secret_key, session_token
        self.user_agent = user_agent
        self.max_attempts = max_attempts
        self.sent = []  # (operation, body text) of every request, in order

    def request_bytes(self, operation, members):
        """A Cloud Control operation (awsJson1_0)."""
        return self.signed_bytes("cloudcontrolapi", smithy_json(members).encode(), "application/x-amz-json-1.0",
                                 f"CloudApiService.{operation}")

    def sts_request_bytes(self, action, **members):
        """An STS operation (awsQuery): Action and Version, then the members, form-encoded in sorted key
        order as smithy-go's query encoder (url.Values) writes them."""
        values = dict(members, Action=action, Version="2011-06-15")
        body = urllib.parse.urlencode(sorted(values.items()), quote_via=urllib.parse.quote)
        return self.signed_bytes("sts", body.encode(), "application/x-www-form-urlencoded; charset=utf-8", None)

    def sts_call(self, action, **members):
        """Sends one STS operation; returns (status, the XML answer's root element)."""
        status, headers, body = self.server.send_raw(self.sts_request_bytes(action, **members))
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return status, ET.fromstring(body)

    def signed_bytes(self, service, payload, content_type, target):
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        host = f"{self.server.host}:{self.server.port}"
        signed = {
            "amz-sdk-invocation-id": str(uuid.uuid4()),
            "amz-sdk-request": f"attempt=1; max={self.max_attempts}",
            "content-length": str(len(payload)),
            "content-type": content_type,
            "host": host,
            "x-amz-date": amz_date,
        }
        if target:
            signed["x-amz-target"] = target
        if self.session_token:
            signed["x-amz-security-token"] = self.session_token
        names = sorted(signed)
        canonical = "\n".join(["POST", "/", "", "".join(f"{n}:{signed[n]}\n" for n in names), ";".join(names),
                               hashlib.sha256(payload).hexdigest()])
        scope = f"{amz_date[:8]}/{REGION}/{service}/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = ("AWS4" + self.secret_key).encode()
        for part in (amz_date[:8], REGION, service, "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        headers = {
            "Amz-Sdk-Invocation-Id": signed["amz-sdk-invocation-id"],
            "Amz-Sdk-Request": signed["amz-sdk-request"],
            "Authorization": f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
                             f"SignedHeaders={';'.join(names)}, Signature={signature}",
            "Content-Type": content_type,
            "X-Amz-Date": amz_date,
        }
        if target:
            headers["X-Amz-Target"] = target
        if self.session_token:
            headers["X-Amz-Security-Token"] = self.session_token
        lines = ["POST / HTTP/1.1", f"Host: {host}", f"User-Agent: {self.user_agent}",
                 f"Content-Length: {len(payload)}"]
        lines += [f"{name}: {headers[name]}" for name in sorted(headers)]
        lines.append("Accept-Encoding: gzip")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload

    def caller_identity(self):
        """STS GetCallerIdentity as the SDK sends it; returns the Account of the XML answer."""
        status, root = self.sts_call("GetCallerIdentity")
        assert status == 200, ET.tostring(root)
        return root.findtext(f"{STS}GetCallerIdentityResult/{STS}Account")

    def call(self, operation, **members):
        """Sends one operation; returns (status, parsed answer)."""
        data = self.request_bytes(operation, members)
        self.sent.append((operation, data.split(b"\r\n\r\n", 1)[1].decode()))
        status, headers, body = self.server.send_raw(data)
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return status, json.loads(body)

    def wait(self, event):
        """The SDK's waiters and Pulumi's awaiter: poll GetResourceRequestStatus until a terminal status
        (ccemu without --progress finishes on the first poll). Returns the last ProgressEvent and the
        number of polls."""
        polls = 0
        while event["OperationStatus"] in ("PENDING", "IN_PROGRESS", "CANCEL_IN_PROGRESS"):
            status, answer = self.call("GetResourceRequestStatus", RequestToken=event["RequestToken"])
            assert status == 200, answer
            event = answer["ProgressEvent"]
            polls += 1
        return event, polls
