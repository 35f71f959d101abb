"""Fixtures for the native AppFlow API (README "Fixtures"): --record writes AppFlow exchanges secret-free
(credentials and kmsArn "<redacted>", clientToken dropped, errors keeping their x-amzn-ErrorType name),
--replay answers them byte for byte with their status and error header, and --upstream forwards them to
another ccemu re-signed for service `appflow` (checked there with --verify-sigv4)."""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import CcemuServer  # noqa: E402
from test_appflow_operability import SECRETS, appflow, salesforce  # noqa: E402

UPSTREAM_KEY, UPSTREAM_SECRET, UPSTREAM_ACCOUNT = "AKIDUPSTREAMAPPFLOW1", "upstream-appflow-secret", "444455556666"


def session(server):
    """The same AppFlow calls, in order; returns (status, error header, body) of each."""
    answers = []
    for path, body in (
        ("/create-connector-profile", salesforce("fx1", clientToken="token-1")),
        ("/create-connector-profile", salesforce("fx1")),
        ("/describe-connector-profiles", {"connectorProfileNames": ["fx1"]}),
        ("/delete-connector-profile", {"connectorProfileName": "ghost"}),
    ):
        status, headers, answer = appflow(server, path, body)
        answers.append((status, headers.get("x-amzn-errortype"), answer))
    return answers


class AppFlowFixturesTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="ccemu-appflow-fixtures-")
        self.addCleanup(self.tmp.cleanup)
        self.recording = os.path.join(self.tmp.name, "appflow.jsonl")

    def test_record_then_replay(self):
        with CcemuServer("--record", self.recording) as server:
            live = session(server)
        self.assertEqual([a[:2] for a in live], [(200, None), (409, "ConflictException"), (200, None),
                                                 (404, "ResourceNotFoundException")])
        with open(self.recording) as f:
            text = f.read()
        for secret in SECRETS:
            self.assertNotIn(secret, text)
        lines = [json.loads(line) for line in text.splitlines()]
        self.assertEqual([line["operation"] for line in lines],
                         ["CreateConnectorProfile", "CreateConnectorProfile", "DescribeConnectorProfiles",
                          "DeleteConnectorProfile"])
        self.assertEqual(lines[0]["request"]["connectorProfileConfig"]["connectorProfileCredentials"], "<redacted>")
        self.assertEqual(lines[0]["request"]["kmsArn"], "<redacted>")
        self.assertNotIn("clientToken", lines[0]["request"])
        self.assertEqual(lines[1]["error"], "ConflictException")
        self.assertNotIn("error", lines[0])

        with CcemuServer("--replay", self.recording) as server:
            replayed = session(server)
        self.assertEqual(replayed, live)

    def test_upstream_is_signed_for_appflow(self):
        credentials = os.path.join(self.tmp.name, "credentials.json")
        with open(credentials, "w") as f:
            json.dump({UPSTREAM_KEY: {"secret_access_key": UPSTREAM_SECRET, "account_id": UPSTREAM_ACCOUNT}}, f)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID=UPSTREAM_KEY, AWS_SECRET_ACCESS_KEY=UPSTREAM_SECRET)
        with CcemuServer("--verify-sigv4", "--credentials", credentials) as upstream:
            with CcemuServer("--upstream", upstream.url, "--record", self.recording, env=env) as proxy:
                answers = session(proxy)
                arn = f"arn:aws:appflow:us-east-1:{UPSTREAM_ACCOUNT}:connectorprofile/fx1"
                self.assertEqual(answers[0][2], {"connectorProfileArn": arn})  # the upstream's account
                self.assertEqual(answers[1][:2], (409, "ConflictException"))
                status, _, tags = appflow(proxy, "/tags/" + arn.replace(":", "%3A").replace("/", "%2F"), method="GET")
                self.assertEqual((status, tags), (200, {"tags": {}}))
        with open(self.recording) as f:
            text = f.read()
        self.assertNotIn(UPSTREAM_SECRET, text)
        self.assertNotIn(UPSTREAM_KEY, text)


if __name__ == "__main__":
    unittest.main()
