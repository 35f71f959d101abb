"""Starts a real ccemu binary on an ephemeral port and speaks Cloud Control to it over HTTP.

The binary's path comes from the CCEMU_BINARY environment variable (CTest sets it). Nothing here
sleeps to wait: start-up is detected by reading the "ccemu listening on" line, with a deadline.
"""

import http.client
import json
import os
import re
import socket
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness", "python"))

from ccemu_harness import Ccemu  # noqa: E402
from ccemu_harness.server import LISTEN_LINE  # noqa: E402,F401  (kept importable from here)

TYPE_NAME = "AWS::AppFlow::ConnectorProfile"
ERROR_NAMESPACE = "com.amazonaws.cloudcontrol#"
DEFAULT_ACCOUNT = "123456789012"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
TOKEN = re.compile(r"^[-A-Za-z0-9+/=]+$")


class CcemuServer:
    """One ccemu process, started by the Python harness (tests/harness/python), so every run of the
    suite tests it too. Use as a context manager; extra command-line flags go in `args`."""

    def __init__(self, *args, binary=None, env=None):
        self.binary = binary or os.environ["CCEMU_BINARY"]
        self.args = list(args)
        self.env = env  # the process environment; None inherits this one
        self.ccemu = None  # the harness's Ccemu: admin calls (state(), requests(), add_fault(), ...)
        self.proc = None
        self.scheme = "http"  # "https" under --tls-cert; raw() and call() speak plain http only
        self.host = None
        self.port = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, deadline_seconds=10.0):
        schema_dirs = []
        if os.environ.get("CCEMU_SCHEMA_DIR") and "--schema-dir" not in self.args:
            schema_dirs = [os.environ["CCEMU_SCHEMA_DIR"]]
        # Tests read proc.stderr themselves and count the requests they send: no health probe.
        self.ccemu = Ccemu(self.binary, schema_dirs=schema_dirs, args=self.args, env=self.env,
                           start_timeout=deadline_seconds, wait_for_health=False, stderr="pipe")
        try:
            self.ccemu.start()
        finally:
            self.proc = self.ccemu.process
        self.scheme, self.host, self.port = self.ccemu.scheme, self.ccemu.host, self.ccemu.port

    def stop(self):
        if self.ccemu:
            self.ccemu.stop()

    @property
    def url(self):
        return f"{self.scheme}://{self.host}:{self.port}"

    def raw(self, method, path, body=b"", headers=None):
        """Sends one request; returns (status, lower-cased headers, body bytes)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            conn.close()

    def call(self, operation, body, region="us-east-1", access_key="AKIDEXAMPLE", path="/", headers=None,
             sign=True):
        """Sends a Cloud Control operation as the SDKs do; returns (status, parsed JSON body)."""
        status, _, parsed = self.call_full(operation, body, region, access_key, path, headers, sign)
        return status, parsed

    def call_full(self, operation, body, region="us-east-1", access_key="AKIDEXAMPLE", path="/", headers=None,
                  sign=True):
        """Like call() but returns (status, lower-cased headers, parsed JSON body). `sign=False` sends no
        Authorization or X-Amz-Date header (aws --no-sign-request)."""
        payload = body if isinstance(body, (bytes, str)) else json.dumps(body)
        if isinstance(payload, str):
            payload = payload.encode()
        sent = {
            "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": f"CloudApiService.{operation}",
        }
        if sign:
            sent["X-Amz-Date"] = "20261127T120000Z"
            sent["Authorization"] = authorization(region, access_key)
        sent.update(headers or {})
        status, got, data = self.raw("POST", path, payload, sent)
        return status, got, parse_json(data)

    def send_raw(self, data, timeout=60):
        """Writes `data`, one whole HTTP request, on a new connection and reads one response even if the
        server answers before reading all of it. Returns (status, lower-cased headers, body bytes)."""
        sock = socket.create_connection((self.host, self.port), timeout=timeout)

        def write():
            try:
                sock.sendall(data)
            except OSError:
                pass  # the server may answer and close before it has read everything

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            response = http.client.HTTPResponse(sock)
            response.begin()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body
        finally:
            writer.join(timeout)
            sock.close()

    def reset(self):
        status, _, _ = self.raw("POST", "/_ccemu/reset")
        return status

    def health(self):
        status, _, data = self.raw("GET", "/_ccemu/health")
        return status, json.loads(data)


def authorization(region="us-east-1", access_key="AKIDEXAMPLE"):
    """A SigV4 Authorization header as botocore writes it (the signature is never checked)."""
    return (
        f"AWS4-HMAC-SHA256 Credential={access_key}/20261127/{region}/cloudcontrolapi/aws4_request, "
        "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64
    )


def parse_json(data):
    """Parses a response body; an unparseable one fails the test with the raw bytes shown."""
    if not data:
        return None
    try:
        return json.loads(data)
    except ValueError as exc:
        raise AssertionError(f"response body is not JSON: {data[:200]!r}") from exc


def salesforce_model(name="p1", **extra):
    """A ConnectorProfile the real service accepts: Salesforce with OAuth credentials."""
    model = {
        "ConnectorProfileName": name,
        "ConnectorType": "Salesforce",
        "ConnectionMode": "Public",
        "ConnectorProfileConfig": {
            "ConnectorProfileProperties": {"Salesforce": {"InstanceUrl": "https://example.my.salesforce.com"}},
            "ConnectorProfileCredentials": {
                "Salesforce": {"AccessToken": "secret-access-token", "RefreshToken": "secret-refresh-token"}
            },
        },
    }
    model.update(extra)
    return model


def custom_connector_model(name, label, **extra):
    """A CustomConnector profile (API-key auth); the label names the registered connector."""
    model = {
        "ConnectorProfileName": name,
        "ConnectorType": "CustomConnector",
        "ConnectorLabel": label,
        "ConnectionMode": "Public",
        "ConnectorProfileConfig": {
            "ConnectorProfileProperties": {"CustomConnector": {"ProfileProperties": {"region": "us"}}},
            "ConnectorProfileCredentials": {
                "CustomConnector": {"AuthenticationType": "APIKEY", "ApiKey": {"ApiKey": "secret-api-key"}}
            },
        },
    }
    model.update(extra)
    return model


class ApiTestMixin:
    """Helpers for unittest.TestCase classes that set `cls.server`. Identity keywords (region,
    access_key) pass through to CcemuServer.call."""

    server = None

    def api(self, operation, body, server=None, **identity):
        return (server or self.server).call(operation, body, **identity)

    def assertApiError(self, response, status, name, message=None, prefix=None, contains=()):
        """Checks an AWS JSON error: status, the exact `__type`, only __type and Message keys, and the
        message exactly, by prefix, or by substrings. Returns the message."""
        got_status, body = response
        self.assertEqual(got_status, status, body)
        self.assertIsInstance(body, dict)
        self.assertEqual(set(body), {"__type", "Message"}, body)
        self.assertEqual(body["__type"], ERROR_NAMESPACE + name, body)
        text = body["Message"]
        if message is not None:
            self.assertEqual(text, message)
        if prefix is not None:
            self.assertTrue(text.startswith(prefix), f"{text!r} does not start with {prefix!r}")
        for part in contains:
            self.assertIn(part, text)
        return text

    def assertEvent(self, response, operation, status, identifier=None):
        """Checks a 200 {"ProgressEvent": ...} answer; returns the event."""
        got_status, body = response
        self.assertEqual(got_status, 200, body)
        event = body["ProgressEvent"]
        self.assertEqual(event["TypeName"], TYPE_NAME)
        self.assertEqual(event["Operation"], operation, event)
        self.assertEqual(event["OperationStatus"], status, event)
        self.assertRegex(event["RequestToken"], TOKEN)
        self.assertNotIn("ResourceModel", event)
        if identifier is not None:
            self.assertEqual(event["Identifier"], identifier)
        return event

    def create(self, model, client_token=None, **kw):
        body = {"TypeName": TYPE_NAME, "DesiredState": json.dumps(model)}
        if client_token:
            body["ClientToken"] = client_token
        return self.api("CreateResource", body, **kw)

    def update(self, identifier, patch, client_token=None, **kw):
        body = {"TypeName": TYPE_NAME, "Identifier": identifier,
                "PatchDocument": patch if isinstance(patch, str) else json.dumps(patch)}
        if client_token:
            body["ClientToken"] = client_token
        return self.api("UpdateResource", body, **kw)

    def delete(self, identifier, client_token=None, **kw):
        body = {"TypeName": TYPE_NAME, "Identifier": identifier}
        if client_token:
            body["ClientToken"] = client_token
        return self.api("DeleteResource", body, **kw)

    def get(self, identifier, **kw):
        return self.api("GetResource", {"TypeName": TYPE_NAME, "Identifier": identifier}, **kw)

    def status(self, request_token, **kw):
        return self.api("GetResourceRequestStatus", {"RequestToken": request_token}, **kw)

    def poll(self, request_token, **kw):
        """One GetResourceRequestStatus that must succeed; returns the event."""
        got_status, body = self.status(request_token, **kw)
        self.assertEqual(got_status, 200, body)
        self.assertEqual(body["ProgressEvent"]["RequestToken"], request_token)
        return body["ProgressEvent"]

    def finish(self, response, operation, final="SUCCESS", identifier=None, **kw):
        """Checks an IN_PROGRESS answer, then that the first status poll is `final`; returns that event."""
        event = self.assertEvent(response, operation, "IN_PROGRESS", identifier)
        done = self.poll(event["RequestToken"], **kw)
        self.assertEqual(done["OperationStatus"], final, done)
        self.assertEqual(done["Operation"], operation)
        return done

    def create_ok(self, model, client_token=None, **kw):
        """Creates `model` and checks that the first status poll says SUCCESS; returns that event."""
        return self.finish(self.create(model, client_token, **kw), "CREATE",
                           identifier=model["ConnectorProfileName"], **kw)

    def props(self, identifier, **kw):
        """GetResource that must succeed; returns the parsed Properties."""
        got_status, body = self.get(identifier, **kw)
        self.assertEqual(got_status, 200, body)
        self.assertEqual(body["TypeName"], TYPE_NAME)
        return json.loads(body["ResourceDescription"]["Properties"])

    def assertMissing(self, identifier, **kw):
        self.assertApiError(self.get(identifier, **kw), 400, "ResourceNotFoundException")

    def list_pages(self, operation, body, **kw):
        """Follows NextToken to the end; returns the list of page bodies. Fails on a repeated token."""
        pages, seen, token = [], set(), None
        while True:
            request = dict(body, **({"NextToken": token} if token else {}))
            got_status, page = self.api(operation, request, **kw)
            self.assertEqual(got_status, 200, page)
            pages.append(page)
            token = page.get("NextToken")
            if token is None:
                return pages
            self.assertNotIn(token, seen, "NextToken repeated")
            seen.add(token)
            self.assertLess(len(pages), 1000, "pagination does not end")

    def list_ids(self, max_results=None, **kw):
        body = {"TypeName": TYPE_NAME}
        if max_results:
            body["MaxResults"] = max_results
        pages = self.list_pages("ListResources", body, **kw)
        return [d["Identifier"] for p in pages for d in p["ResourceDescriptions"]]

    def list_requests(self, filters=None, **kw):
        """Every ListResourceRequests summary, newest first, following NextToken."""
        body = {"ResourceRequestStatusFilter": filters} if filters else {}
        pages = self.list_pages("ListResourceRequests", body, **kw)
        return [s for p in pages for s in p.get("ResourceRequestStatusSummaries", [])]


class ServerTestCase(ApiTestMixin, unittest.TestCase):
    """Starts one ccemu with the flags in `FLAGS` for the whole class."""

    FLAGS = ()

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer(*cls.FLAGS)
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def name(self, suffix=""):
        """A resource name unique to the running test method."""
        return self._testMethodName[5:45] + suffix
