"""Black-box tests: StackQL's current `aws` provider (native AppFlow, stackql/native-appflow.md) against ccemu.

No StackQL binary can run here, so its requests are written byte for byte as native-appflow.md §2-3 describes
them: `POST /<op>? HTTP/1.1` (a bare `?`), Go's header order, `Content-Type: application/json` only when SQL gave
body fields, the 4-byte body `null` for an unfiltered SELECT, Go `encoding/json` bodies, and a real SigV4
signature for service `appflow` that ccemu checks (--verify-sigv4). Each SELECT is one DescribeConnectorProfiles
whose whole answer is one row (§4.2); a mutation fails the statement with `insert over HTTP error: <status line>`
when the status is 400 or more (§4.3).
"""

import datetime
import gzip
import hashlib
import hmac
import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer  # noqa: E402
from test_stackql_seed import go_json  # noqa: E402

ACCESS_KEY = "AKIDSTACKQLNATIVE1"
SECRET_KEY = "stackql-native-secret-key"
ACCOUNT = "210987654321"
REGION = "us-east-1"

SALESFORCE_CONFIG = (
    '{"connectorProfileProperties":{"Salesforce":{"instanceUrl":"https://example.my.salesforce.com",'
    '"isSandboxEnvironment":false}},"connectorProfileCredentials":{"Salesforce":{"accessToken":"tok",'
    '"refreshToken":"ref"}}}'
)


class NativeWire:
    """Writes AppFlow requests exactly as StackQL (any-sdk over Go net/http) does and parses the answers."""

    def __init__(self, server):
        self.server = server

    def request_bytes(self, path, body, region=REGION):
        payload = b"null" if body is None else go_json(body).encode("utf-8")
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        host = f"{self.server.host}:{self.server.port}"
        signed = {"content-length": str(len(payload)), "host": host, "x-amz-date": amz_date}
        if body is not None:
            signed["content-type"] = "application/json"
        names = sorted(signed)
        canonical = "\n".join(
            ["POST", path, "", "".join(f"{n}:{signed[n]}\n" for n in names), ";".join(names),
             hashlib.sha256(payload).hexdigest()]
        )
        scope = f"{amz_date[:8]}/{region}/appflow/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = ("AWS4" + SECRET_KEY).encode()
        for part in (amz_date[:8], region, "appflow", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        lines = [
            f"POST {path}? HTTP/1.1",
            f"Host: {host}",
            "User-Agent: Go-http-client/1.1",
            f"Content-Length: {len(payload)}",
            f"Authorization: AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/{scope}, "
            f"SignedHeaders={';'.join(names)}, Signature={signature}",
        ]
        if body is not None:
            lines.append("Content-Type: application/json")
        lines += [f"X-Amz-Date: {amz_date}", "Accept-Encoding: gzip"]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload

    def send(self, path, body, region=REGION):
        status, headers, data = self.server.send_raw(self.request_bytes(path, body, region))
        # Go's transport asked for gzip itself, so it also undoes it before any-sdk sees the body.
        if headers.get("content-encoding") == "gzip":
            data = gzip.decompress(data)
        return status, headers, json.loads(data)

    def select(self, region=REGION, **filters):
        """One SELECT: one row {connector_profile_details, next_token, region}, or none on an error status."""
        status, _, answer = self.send("/describe-connector-profiles", filters or None, region)
        if status >= 300:
            return status, []
        return status, [{
            "connector_profile_details": json.dumps(answer["connectorProfileDetails"]),
            "next_token": answer.get("nextToken"),
            "region": region,
        }]

    def mutate(self, path, body):
        """INSERT/UPDATE/DELETE: StackQL's message for the outcome, and the answer."""
        status, _, answer = self.send(path, body)
        if status >= 400:
            phrase = {400: "Bad Request", 404: "Not Found", 409: "Conflict"}[status]
            return f"insert over HTTP error: {status} {phrase}", answer
        return "The operation was despatched successfully", answer


class StackqlNativeAppFlowTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="ccemu-stackql-native-")
        cls.addClassCleanup(cls.tmp.cleanup)
        credentials = os.path.join(cls.tmp.name, "credentials.json")
        with open(credentials, "w") as out:
            json.dump({ACCESS_KEY: {"secret_access_key": SECRET_KEY, "account_id": ACCOUNT}}, out)
        cls.server = CcemuServer("--verify-sigv4", "--credentials", credentials)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        self.assertEqual(self.server.reset() // 100, 2)
        self.wire = NativeWire(self.server)

    def insert(self, name, connector_type="Salesforce", config=SALESFORCE_CONFIG):
        # INSERT ... SELECT '<name>', '<type>', 'Public', '<config JSON text>', 'us-east-1'
        return self.wire.mutate(
            "/create-connector-profile",
            {"connectionMode": "Public", "connectorProfileConfig": json.loads(config),
             "connectorProfileName": name, "connectorType": connector_type},
        )

    def test_insert_body_is_the_documented_bytes(self):
        body = {"connectionMode": "Public", "connectorProfileConfig": json.loads(SALESFORCE_CONFIG),
                "connectorProfileName": "my-profile", "connectorType": "Salesforce"}
        self.assertEqual(len(go_json(body)), 332)  # native-appflow.md §3.3
        message, answer = self.wire.mutate("/create-connector-profile", body)
        self.assertEqual(message, "The operation was despatched successfully")
        self.assertEqual(answer, {"connectorProfileArn": f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/my-profile"})

    def test_select_without_filter_sends_null_and_gets_one_row(self):
        status, rows = self.wire.select()
        self.assertEqual(status, 200)
        self.assertEqual(rows, [{"connector_profile_details": "[]", "next_token": None, "region": REGION}])
        self.insert("p1")
        self.insert("p2")
        status, rows = self.wire.select()
        self.assertEqual(len(rows), 1)
        details = json.loads(rows[0]["connector_profile_details"])
        self.assertEqual([d["connectorProfileName"] for d in details], ["p1", "p2"])
        first = details[0]
        self.assertEqual(first["connectorProfileArn"], f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/p1")
        self.assertEqual(first["connectorProfileProperties"],
                         {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com", "isSandboxEnvironment": False}})
        self.assertIsInstance(first["createdAt"], float)
        self.assertRegex(first["credentialsArn"], rf"^arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:appflow!{ACCOUNT}-p1-")
        self.assertNotIn("tok", rows[0]["connector_profile_details"])
        self.assertNotIn("kmsArn", first)

    def test_select_with_filters(self):
        self.insert("p1")
        self.insert("p2")
        _, rows = self.wire.select(connectorProfileNames=["p2"])
        self.assertEqual([d["connectorProfileName"] for d in json.loads(rows[0]["connector_profile_details"])], ["p2"])
        _, rows = self.wire.select(connectorProfileNames=["nope"])
        self.assertEqual(rows[0]["connector_profile_details"], "[]")
        _, rows = self.wire.select(connectorType="Salesforce", maxResults=1)
        self.assertEqual(len(json.loads(rows[0]["connector_profile_details"])), 1)
        token = rows[0]["next_token"]
        self.assertTrue(token)
        _, rows = self.wire.select(nextToken=token)  # manual paging: AND nextToken = '<token>'
        self.assertEqual([d["connectorProfileName"] for d in json.loads(rows[0]["connector_profile_details"])], ["p2"])
        self.assertIsNone(rows[0]["next_token"])

    def test_update_then_delete(self):
        self.insert("my-profile")
        message, answer = self.wire.mutate(
            "/update-connector-profile",
            {"connectionMode": "Private", "connectorProfileConfig": json.loads(SALESFORCE_CONFIG),
             "connectorProfileName": "my-profile"},
        )
        self.assertEqual(message, "The operation was despatched successfully")
        self.assertEqual(answer["connectorProfileArn"], f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/my-profile")
        _, rows = self.wire.select(connectorProfileNames=["my-profile"])
        self.assertEqual(json.loads(rows[0]["connector_profile_details"])[0]["connectionMode"], "Private")

        message, answer = self.wire.mutate("/delete-connector-profile", {"connectorProfileName": "my-profile"})
        self.assertEqual((message, answer), ("The operation was despatched successfully", {}))
        _, rows = self.wire.select()
        self.assertEqual(rows[0]["connector_profile_details"], "[]")

    def test_statement_errors(self):
        self.insert("dup")
        message, answer = self.insert("dup")
        self.assertEqual(message, "insert over HTTP error: 409 Conflict")
        self.assertEqual(answer, {"message": "Connector Profile with name dup already exists."})
        # DELETE ... AND forceDelete = true: StackQL sends the string "true", which restJson1 refuses.
        message, answer = self.wire.mutate("/delete-connector-profile",
                                           {"connectorProfileName": "dup", "forceDelete": "true"})
        self.assertEqual(message, "insert over HTTP error: 400 Bad Request")
        self.assertEqual(answer, {"message": "Member 'forceDelete' must be a boolean, found a JSON string."})
        message, _ = self.wire.mutate("/delete-connector-profile", {"connectorProfileName": "ghost"})
        self.assertEqual(message, "insert over HTTP error: 404 Not Found")

    def test_error_headers(self):
        status, headers, answer = self.wire.send("/delete-connector-profile", {"connectorProfileName": "ghost"})
        self.assertEqual(status, 404)
        self.assertEqual(headers["x-amzn-errortype"], "ResourceNotFoundException")
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(answer, {"message": "Connector Profile with name ghost does not exist."})

    def test_the_same_profile_through_cloud_control(self):
        self.insert("both")
        # A Cloud Control read of the same account and region sees it at once (a signed request is needed
        # under --verify-sigv4, so the check goes through the admin state dump instead).
        status, _, data = self.server.raw("GET", "/_ccemu/state")
        self.assertEqual(status, 200)
        dump = json.loads(data)
        text = json.dumps(dump)
        self.assertIn(f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/both", text)
        self.assertIn(TYPE_NAME, text)
        self.assertNotIn('"tok"', text)


if __name__ == "__main__":
    unittest.main()
