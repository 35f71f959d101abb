"""ccemu --upstream URL --record FILE (README "Fixtures"): a second ccemu on loopback is the upstream, over
http directly and over https through a front with a self-signed certificate made with the openssl CLI
(signing_front.py, which also checks every SigV4 signature ccemu computes). The client's answers are the
upstream's, unchanged; the recording is secret-free and replays to the same answers.
"""

import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer  # noqa: E402
from fixture_support import (UPSTREAM_ACCESS_KEY, UPSTREAM_SECRET_KEY, UPSTREAM_SESSION_TOKEN,  # noqa: E402
                             RecordingsMixin, isolate_environment, make_client, outcome, read_fixture,
                             restore_environment)
from signing_front import SigningFront, make_self_signed_certificate  # noqa: E402
from test_fixtures_replay import boto3_session  # noqa: E402

REGION = "eu-west-1"  # not ccemu's default: the upstream must be signed for the client's region


def setUpModule():
    isolate_environment()


def tearDownModule():
    restore_environment()


def ccemu_environment(**credentials):
    """This process's environment without AWS_* variables, plus `credentials`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(credentials)
    return env


SIGNING_ENVIRONMENT = dict(AWS_ACCESS_KEY_ID=UPSTREAM_ACCESS_KEY, AWS_SECRET_ACCESS_KEY=UPSTREAM_SECRET_KEY,
                           AWS_SESSION_TOKEN=UPSTREAM_SESSION_TOKEN)


class ProxyTest(RecordingsMixin, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if shutil.which("openssl") is None:
            raise AssertionError("the openssl CLI is needed to make a test certificate: scripts/install-deps --test")
        cls.certificates = tempfile.mkdtemp(prefix="ccemu-tls-")
        cls.addClassCleanup(shutil.rmtree, cls.certificates, True)
        cls.certificate, cls.key = make_self_signed_certificate(cls.certificates)
        cls.upstream = CcemuServer("--seed", "11")
        cls.upstream.start()
        cls.addClassCleanup(cls.upstream.stop)

    def setUp(self):
        self.assertEqual(self.upstream.reset() // 100, 2)

    def proxy(self, upstream_url, record=None, *flags):
        args = ["--upstream", upstream_url, *flags] + (["--record", record] if record else [])
        return CcemuServer(*args, env=ccemu_environment(**SIGNING_ENVIRONMENT))

    def replayed(self, path):
        self.assertSecretFree(path)
        with CcemuServer("--replay", path) as replay:
            return boto3_session(make_client(replay, region=REGION, access_key="AKIAREPLAYCLIENT0001"))

    def test_http_upstream_ccemu_holds_the_state_and_recording_replays(self):
        path = self.recording("http")
        with self.proxy(self.upstream.url, path) as proxy:
            results = boto3_session(make_client(proxy, region=REGION))
        created = results[0][1]["ProgressEvent"]
        self.assertEqual((created["Identifier"], created["OperationStatus"]), ("sf-1", "IN_PROGRESS"))
        # The writes happened upstream, in the client's region.
        status, body = self.upstream.call("ListResourceRequests", {}, region=REGION)
        self.assertEqual(status, 200)
        self.assertIn(created["RequestToken"],
                      [s["RequestToken"] for s in body["ResourceRequestStatusSummaries"]])
        exchanges = read_fixture(path)
        self.assertEqual(len(exchanges), len(results))
        self.assertEqual({e["region"] for e in exchanges}, {REGION})
        self.assertEqual(self.replayed(path), results)

    def test_https_upstream_with_self_signed_certificate(self):
        path = self.recording("https")
        with SigningFront(self.upstream, UPSTREAM_ACCESS_KEY, UPSTREAM_SECRET_KEY, UPSTREAM_SESSION_TOKEN,
                          self.certificate, self.key) as front, \
                self.proxy(front.url, path, "--upstream-ca", self.certificate) as proxy:
            cc = make_client(proxy, region=REGION)
            results = boto3_session(cc)
            # The answer is the upstream's, unchanged: status, body bytes and x-amzn-RequestId.
            body = b'{"Identifier":"sf-none","TypeName":"AWS::AppFlow::ConnectorProfile"}'
            status, headers, data = proxy.raw("POST", "/", body, {
                "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "CloudApiService.GetResource",
                "Authorization": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/{REGION}/cloudcontrolapi/"
                                 "aws4_request, SignedHeaders=host, Signature=" + "0" * 64})
            last = front.seen[-1]
            self.assertEqual((status, data, headers["x-amzn-requestid"]), (last["status"], last["answer"], last["request_id"]))
            self.assertEqual(status, 400)
            reply = cc.get_resource_request_status(RequestToken=results[0][1]["ProgressEvent"]["RequestToken"])
            self.assertEqual(reply["ResponseMetadata"]["RequestId"], front.seen[-1]["request_id"])
        self.assertEqual(len(front.seen), len(results) + 2)
        port = front.url.rsplit(":", 1)[1]
        for seen in front.seen:
            self.assertTrue(seen["signature_valid"], seen["headers"])
            self.assertEqual(seen["region"], REGION)
            self.assertEqual(seen["headers"]["host"], f"127.0.0.1:{port}")
            self.assertEqual(seen["headers"]["x-amz-security-token"], UPSTREAM_SESSION_TOKEN)
        self.assertEqual(len(read_fixture(path)), len(results) + 2)
        self.assertEqual(self.replayed(path), results)

    def test_https_upstream_certificate_is_verified(self):
        path = self.recording("untrusted")
        with SigningFront(self.upstream, UPSTREAM_ACCESS_KEY, UPSTREAM_SECRET_KEY, UPSTREAM_SESSION_TOKEN,
                          self.certificate, self.key) as front, self.proxy(front.url, path) as proxy:
            status, body = outcome(make_client(proxy, region=REGION).get_resource, TypeName=TYPE_NAME, Identifier="x")
        self.assertEqual((status, body), (502, {
            "Code": "NetworkFailureException",
            "Message": f"Upstream {front.url} gave no answer: its TLS certificate is not trusted (see --upstream-ca)."}))
        self.assertEqual(front.seen, [])
        self.assertEqual(read_fixture(path), [])  # only upstream answers are recorded

    def test_signing_credentials_are_required(self):
        server = CcemuServer("--upstream", self.upstream.url, env=ccemu_environment())
        self.addCleanup(server.stop)
        with self.assertRaises(RuntimeError) as raised:
            server.start()
        self.assertIn("ccemu: --upstream signs requests with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                      str(raised.exception))


if __name__ == "__main__":
    unittest.main()
