"""Runs the hostile-input catalogue (hostile_cases.py) against one ccemu: one test method per family,
one subTest per named case. After every case the server must answer GET /_ccemu/health and the
default account's ListResources + ListResourceRequests must equal the snapshot taken before the
first case. Half-sent requests run in their own class, on a server of their own.
"""

import itertools
import json
import os
import select
import socket
import sys
import threading
import time
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "integration"))
sys.path.insert(0, HERE)

import hostile_cases as catalogue  # noqa: E402
from ccemu_server import TYPE_NAME, ApiTestMixin, CcemuServer, parse_json, salesforce_model  # noqa: E402

CASES = catalogue.all_cases()
DEFAULT_KEY = "AKIDEXAMPLE"
STS_NAMESPACE = "{https://sts.amazonaws.com/doc/2011-06-15/}"
_scratch_accounts = itertools.count(700000000001)


class CatalogueTestCase(ApiTestMixin, unittest.TestCase):
    """A server with two resources and a few finished requests, and the snapshot of that state."""

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer()
        cls.server.start()
        cls.populate()

    @classmethod
    def populate(cls):
        """Creates keep and keep2, records a failed delete, and takes the baseline snapshot."""
        for name, mode in (("keep", "Public"), ("keep2", "Private")):
            status, body = cls.server.call("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": json.dumps(
                salesforce_model(name, ConnectionMode=mode))})
            assert status == 200, body
            cls.server.call("GetResourceRequestStatus", {"RequestToken": body["ProgressEvent"]["RequestToken"]})
        status, body = cls.server.call("DeleteResource", {"TypeName": TYPE_NAME, "Identifier": "never-created"})
        assert status == 200, body
        cls.get_keep = cls.server.call("GetResource", {"TypeName": TYPE_NAME, "Identifier": "keep"})
        assert cls.get_keep[0] == 200, cls.get_keep
        cls.baseline = cls.snapshot_of(cls.server)
        assert [d["Identifier"] for d in cls.baseline[0]] == ["keep", "keep2"], cls.baseline

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    @staticmethod
    def snapshot_of(server, access_key=DEFAULT_KEY):
        """(every ListResources description, every ListResourceRequests summary) of one account."""
        def pages(operation, body):
            out, token = [], None
            while True:
                status, page = server.call(operation, dict(body, **({"NextToken": token} if token else {})),
                                           access_key=access_key)
                assert status == 200, page
                out.append(page)
                token = page.get("NextToken")
                if token is None:
                    return out

        resources = pages("ListResources", {"TypeName": TYPE_NAME})
        requests = pages("ListResourceRequests", {})
        return ([d for p in resources for d in p["ResourceDescriptions"]],
                [s for p in requests for s in p.get("ResourceRequestStatusSummaries", [])])

    def assertServerIntact(self):
        """Health answers and the state is the baseline. When it is not, the server is reset and
        repopulated (after the failure is recorded) so later cases are judged on their own."""
        status, health = self.server.health()
        self.assertEqual((status, health.get("status")), (200, "ok"))
        now = self.snapshot_of(self.server)
        if now != self.baseline:
            (resources, requests), (old_resources, old_requests) = now, self.baseline
            added = [d["Identifier"] for d in resources if d not in old_resources]
            lost = [d["Identifier"] for d in old_resources if d not in resources]
            recorded = [(s["Operation"], s.get("Identifier"), s["OperationStatus"])
                        for s in requests if s not in old_requests]
            self.server.reset()
            type(self).populate()
            self.fail(f"state changed: resources new {added}, changed or gone {lost}; requests new {recorded}")


class HostileCatalogueTest(CatalogueTestCase):
    def run_family(self, family):
        for case in CASES[family]:
            with self.subTest(name=case.name):
                self.run_case(case)

    def run_case(self, case):
        """Checks the answer, then (even when that failed) health and the state."""
        try:
            self.check_answer(case)
        finally:
            self.assertServerIntact()

    def check_answer(self, case):
        key = DEFAULT_KEY
        if isinstance(case.send, catalogue.Call) and case.send.scratch:
            key = str(next(_scratch_accounts))
        status, headers, data = self.send(case.send, key)
        expect = case.expect
        if isinstance(expect, catalogue.AwsError):
            self.assertAwsError(status, headers, data, expect)
        elif isinstance(expect, catalogue.StsError):
            self.assertStsError(status, headers, data, expect)
        elif isinstance(expect, catalogue.StsAnswer):
            self.assertEqual((status, headers.get("content-type")), (200, "text/xml"), data[:300])
            self.assertEqual(ET.fromstring(data).tag, STS_NAMESPACE + expect.operation + "Response")
        elif isinstance(expect, catalogue.Refused):
            self.assertGreaterEqual(status, 400, data[:300])
            self.assertLess(status, 500, data[:300])
        elif isinstance(expect, catalogue.LikeGetKeep):
            self.assertEqual((status, parse_json(data)), self.get_keep)
        elif isinstance(expect, catalogue.Created):
            self.finish((status, parse_json(data)), "CREATE", access_key=key)
        elif isinstance(expect, catalogue.FailedLater):
            done = self.finish((status, parse_json(data)), "CREATE", final="FAILED", access_key=key)
            self.assertEqual(done.get("ErrorCode"), expect.error_code, done)
            for part in expect.contains:
                self.assertIn(part, done.get("StatusMessage", ""))
            self.assertEqual(self.snapshot_of(self.server, key)[0], [], "a refused create left a resource")
        else:
            self.fail(f"unknown expectation {expect!r}")

    def send(self, how, access_key):
        """Returns (status, lower-cased headers, body bytes)."""
        if isinstance(how, catalogue.Call):
            return self.send_call(how, access_key)
        head = how.request_line + b"\r\nHost: %s:%d\r\n" % (self.server.host.encode(), self.server.port)
        return self.server.send_raw(head + b"".join(h + b"\r\n" for h in how.headers) + b"\r\n" + how.body)

    def send_call(self, how, access_key):
        body = how.body if isinstance(how.body, (bytes, str)) else json.dumps(how.body)
        sent = {"Content-Type": "application/x-amz-json-1.0",
                "X-Amz-Target": f"CloudApiService.{how.operation}",
                "X-Amz-Date": "20261127T120000Z",
                "Authorization": catalogue.authorization(
                    f"{access_key}/20261127/us-east-1/cloudcontrolapi/aws4_request")}
        return self.server.raw("POST", "/", body.encode() if isinstance(body, str) else body, sent)

    def assertAwsError(self, status, headers, data, expect):
        body = parse_json(data)
        self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.0")
        self.assertIn("x-amzn-requestid", headers)
        self.assertApiError((status, body), expect.status, expect.name, message=expect.message,
                            prefix=expect.prefix, contains=expect.contains)
        if expect.pattern is not None:
            self.assertRegex(body["Message"], "^" + expect.pattern + "$")

    def assertStsError(self, status, headers, data, expect):
        self.assertEqual((status, headers.get("content-type")), (expect.status, "text/xml"), data[:300])
        root = ET.fromstring(data)
        error = root.find(STS_NAMESPACE + "Error")
        self.assertEqual(root.findtext(STS_NAMESPACE + "RequestId"), headers.get("x-amzn-requestid"))
        self.assertEqual(error.findtext(STS_NAMESPACE + "Type"), "Sender")
        self.assertEqual(error.findtext(STS_NAMESPACE + "Code"), expect.code, data[:300])
        message = error.findtext(STS_NAMESPACE + "Message")
        if expect.message is not None:
            self.assertEqual(message, expect.message)
        if expect.prefix is not None:
            self.assertTrue(message.startswith(expect.prefix), message[:200])

    def test_catalogue_has_sixty_uniquely_named_cases(self):
        names = [case.name for cases in CASES.values() for case in cases]
        self.assertGreaterEqual(len(names), 60)
        self.assertEqual(len(names), len(set(names)), "duplicate case names")
        for name in names:
            self.assertRegex(name, r"^[a-z_0-9]+\.[\w./\-]+$")

    def test_json_structure(self):
        self.run_family("json")

    def test_sizes_and_limits(self):
        self.run_family("size")

    def test_invalid_utf8(self):
        self.run_family("utf8")

    def test_nul_bytes(self):
        self.run_family("nul")

    def test_huge_and_odd_numbers(self):
        self.run_family("number")

    def test_every_member_with_every_wrong_json_type(self):
        self.run_family("wrong_type")

    def test_256_kib_string_in_every_string_property(self):
        self.run_family("huge_string")

    def test_hostile_identifiers(self):
        self.run_family("identifier")

    def test_unknown_duplicated_odd_and_long_headers(self):
        self.run_family("header")

    def test_hostile_desired_states_and_patch_documents(self):
        self.run_family("document")

    def test_sts_query_protocol(self):
        self.run_family("sts")


class HalfSentRequestTest(CatalogueTestCase):
    """Every half-sent request at once: other clients are served meanwhile, and the server closes each
    stalled socket (after its 10 s read timeout) within the case's deadline."""

    def test_half_sent_requests_are_closed_without_holding_workers(self):
        cases = CASES["half_sent"]
        stalled = []
        started = time.monotonic()
        for case in cases:
            sock = socket.create_connection((self.server.host, self.server.port), timeout=30)
            data = case.send.data
            if b"\r\n" in data:
                line, rest = data.split(b"\r\n", 1)
                data = line + b"\r\nHost: %s:%d\r\n" % (self.server.host.encode(), self.server.port) + rest
            sock.sendall(data)
            stalled.append((case, sock))
        try:
            for _ in range(3):  # other clients, each on a new connection, while the stalled ones wait
                self.assertEqual(self.server.health()[0], 200)
                self.assertEqual(self.get("keep"), self.get_keep)
            served = time.monotonic() - started
            results = {}
            threads = [threading.Thread(target=lambda c=c, s=s: results.__setitem__(
                c.name, wait_for_close(s, started, c.expect.within))) for c, s in stalled]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for case, _ in stalled:
                with self.subTest(name=case.name):
                    closed_after, data = results[case.name]
                    self.assertIsNotNone(closed_after, f"still open after {case.expect.within} s")
                    self.assertGreater(closed_after, served, "closed before other clients were even tried")
                    if data:
                        self.assertRegex(data[:12], rb"^HTTP/1\.[01] 4\d\d", data[:200])
                    self.assertServerIntact()
        finally:
            for _, sock in stalled:
                sock.close()


def wait_for_close(sock, started, within):
    """Reads until the server closes `sock`. Returns (seconds from `started` to the close, bytes
    read), or (None, bytes read) when `within` seconds from `started` pass first."""
    data = b""
    deadline = started + within
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None, data
        readable, _, _ = select.select([sock], [], [], left)
        if not readable:
            continue
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            return time.monotonic() - started, data
        if not chunk:
            return time.monotonic() - started, data
        data += chunk


if __name__ == "__main__":
    unittest.main()
