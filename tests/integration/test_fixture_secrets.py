"""No fixture holds a secret (README "Fixtures"). Every file under fixtures/ is grepped for every secret value
the tests send (write-only property values such as client secrets, passwords, tokens and API keys, and the
clients' and the upstream signer's access keys, secret keys and session tokens: fixture_support.ALL_SECRETS),
and so are fresh recordings of every scenario. Each suite that records (test_fixtures_replay,
test_fixtures_proxy) greps its own recordings the same way when its test class ends.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import CcemuServer  # noqa: E402
from fixture_scenarios import SCENARIOS, SENT_SECRETS, WIRE_ACCESS_KEY, WIRE_SECRET_KEY, record  # noqa: E402
from fixture_support import ALL_SECRETS, FIXTURES, RecordingsMixin, secrets_in  # noqa: E402
from test_stackql_seed import StackqlWire  # noqa: E402


class SentPayloads(StackqlWire):
    """StackQL's wire format, keeping every body it sends."""

    def __init__(self, server):
        super().__init__(server, access_key=WIRE_ACCESS_KEY, secret_key=WIRE_SECRET_KEY)
        self.sent = []

    def send(self, operation, body, region="us-east-1"):
        reply = super().send(operation, body, region)
        self.sent.append(reply.sent)
        return reply


class FixtureSecretsTest(RecordingsMixin, unittest.TestCase):
    def test_no_file_under_fixtures_holds_a_sent_secret(self):
        files = [os.path.join(folder, name) for folder, _, names in os.walk(FIXTURES) for name in names]
        self.assertTrue(any(path.endswith(".jsonl") for path in files), "no recordings under fixtures/")
        leaks = [(os.path.relpath(path, FIXTURES), line, secret) for path in files
                 for secret, line in secrets_in(path)]
        self.assertEqual(leaks, [])

    def test_fresh_recordings_of_every_scenario_hold_no_sent_secret(self):
        for name in SCENARIOS:
            with self.subTest(scenario=name):
                path = self.recording(name)
                record(name, path)
                self.assertSecretFree(path)

    def test_the_scenarios_really_send_the_secrets_looked_for(self):
        # Otherwise the greps above would prove nothing.
        sent = b""
        for name, scenario in SCENARIOS.items():
            with CcemuServer() as server:
                wire = SentPayloads(server)
                scenario(wire)
                sent += b"\n".join(wire.sent)
        for secret in set(SENT_SECRETS) - {WIRE_ACCESS_KEY, WIRE_SECRET_KEY}:
            self.assertIn(secret.encode(), sent)
        self.assertTrue(set(SENT_SECRETS) <= set(ALL_SECRETS))


if __name__ == "__main__":
    unittest.main()
