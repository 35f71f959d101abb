"""--record and --replay end to end (README "Fixtures"): real clients (boto3, the AWS CLI, StackQL's wire
format) against real ccemu processes.

- Record -> replay gives the client identical results (boto3 and StackQL), tokens included.
- Identical requests are answered in recorded order; an altered request gets 400 ReplayMismatchException
  naming the closest recorded request and the first differing field; --replay-fallthrough serves it live.
- With --seed two recordings of the same traffic are byte-identical, and the committed fixtures in
  fixtures/recordings/ are exactly what scripts/record-fixtures makes today; they replay through boto3
  and the AWS CLI.
Every recording written here is grepped for the secrets that were sent (fixture_support.RecordingsMixin).
"""

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer  # noqa: E402
from fixture_scenarios import SCENARIOS, record  # noqa: E402
from fixture_support import (COMMITTED, MODEL_SECRETS, RecordingsMixin, as_sent, expected_outcome,  # noqa: E402
                             isolate_environment, make_client, outcome, read_fixture, restore_environment,
                             snake_case)
from test_stackql_seed import StackqlWire  # noqa: E402

AWS_CLI = shutil.which("aws")


def setUpModule():
    isolate_environment()


def tearDownModule():
    restore_environment()


def salesforce(name, mode="Public"):
    access_token, refresh_token, _, kms_arn = MODEL_SECRETS
    return {
        "ConnectorProfileName": name, "ConnectorType": "Salesforce", "ConnectionMode": mode, "KMSArn": kms_arn,
        "ConnectorProfileConfig": {
            "ConnectorProfileProperties": {"Salesforce": {"InstanceUrl": "https://example.my.salesforce.com"}},
            "ConnectorProfileCredentials": {"Salesforce": {"AccessToken": access_token, "RefreshToken": refresh_token}},
        },
    }


def boto3_session(cc):
    """A client session: every operation, tokens taken from the answers; returns [(status, result)]."""
    results = []

    def run(call, **params):
        results.append(outcome(call, **params))
        return results[-1][1]

    created = run(cc.create_resource, TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce("sf-1")))
    token = created["ProgressEvent"]["RequestToken"]
    run(cc.get_resource_request_status, RequestToken=token)
    run(cc.get_resource, TypeName=TYPE_NAME, Identifier="sf-1")
    run(cc.list_resources, TypeName=TYPE_NAME)
    rotated = [{"op": "replace", "path": "/ConnectorProfileConfig/ConnectorProfileCredentials/Salesforce/AccessToken",
                "value": MODEL_SECRETS[2]}]
    updated = run(cc.update_resource, TypeName=TYPE_NAME, Identifier="sf-1", PatchDocument=json.dumps(rotated))
    if "ProgressEvent" in updated:
        run(cc.get_resource_request_status, RequestToken=updated["ProgressEvent"]["RequestToken"])
    mode = [{"op": "add", "path": "/ConnectionMode", "value": "Private"}]
    updated = run(cc.update_resource, TypeName=TYPE_NAME, Identifier="sf-1", PatchDocument=json.dumps(mode))
    run(cc.get_resource_request_status, RequestToken=updated["ProgressEvent"]["RequestToken"])
    run(cc.get_resource, TypeName=TYPE_NAME, Identifier="sf-1")
    run(cc.get_resource, TypeName=TYPE_NAME, Identifier="sf-missing")
    run(cc.list_resource_requests, ResourceRequestStatusFilter={"Operations": ["CREATE", "UPDATE"]})
    deleted = run(cc.delete_resource, TypeName=TYPE_NAME, Identifier="sf-1")
    run(cc.get_resource_request_status, RequestToken=deleted["ProgressEvent"]["RequestToken"])
    run(cc.get_resource, TypeName=TYPE_NAME, Identifier="sf-1")
    return results


class CapturingWire(StackqlWire):
    """StackQL's wire format, remembering (status, body) of every answer."""

    def __init__(self, server, **keys):
        super().__init__(server, **keys)
        self.replies = []

    def send(self, operation, body, region="us-east-1"):
        reply = super().send(operation, body, region)
        self.replies.append((operation, reply.status, reply.body))
        return reply


def stderr_of(server):
    """Stops `server` and returns what it wrote on stderr."""
    server.proc.terminate()
    server.proc.wait(timeout=10)
    text = server.proc.stderr.read()
    server.stop()
    return text


class RoundTripTest(RecordingsMixin, unittest.TestCase):
    def test_boto3_results_replay_identically_for_another_client(self):
        path = self.recording("boto3")
        with CcemuServer("--seed", "3", "--record", path) as live:
            recorded = boto3_session(make_client(live))
        # Another client: other credentials, fresh ClientTokens; the answers must not change.
        with CcemuServer("--replay", path) as replay:
            replayed = boto3_session(make_client(replay, access_key="AKIAANOTHERCLIENT001",
                                                 secret_key="another-secret", session_token="another-token"))
        self.assertEqual(replayed, recorded)
        self.assertEqual(recorded[-2][1]["ProgressEvent"]["OperationStatus"], "SUCCESS")
        self.assertEqual(recorded[-1][1]["Code"], "ResourceNotFoundException")
        self.assertSecretFree(path)

    def test_stackql_wire_results_replay_identically(self):
        path = self.recording("stackql")
        with CcemuServer("--seed", "4", "--record", path) as live:
            recorded = CapturingWire(live, access_key="AKIAFIXTURECLIENT001", secret_key="x")
            SCENARIOS["seed-sql"](recorded)
        with CcemuServer("--replay", path) as replay:
            replayed = CapturingWire(replay, access_key="AKIAANOTHERCLIENT001", secret_key="y")
            SCENARIOS["seed-sql"](replayed)
        self.assertEqual(replayed.replies, recorded.replies)
        self.assertEqual(len(read_fixture(path)), len(recorded.replies))

    def test_identical_requests_are_answered_in_recorded_order(self):
        path = self.recording("polls")
        with CcemuServer("--seed", "5", "--progress", "polls=2", "--record", path) as live:
            cc = make_client(live)
            token = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce("sf-2")))[
                "ProgressEvent"]["RequestToken"]
            live_statuses = [cc.get_resource_request_status(RequestToken=token)["ProgressEvent"]["OperationStatus"]
                             for _ in range(3)]
        self.assertEqual(live_statuses, ["IN_PROGRESS", "IN_PROGRESS", "SUCCESS"])
        with CcemuServer("--replay", path) as replay:
            cc = make_client(replay)
            replayed_token = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce("sf-2")))[
                "ProgressEvent"]["RequestToken"]
            self.assertEqual(replayed_token, token)
            statuses = [cc.get_resource_request_status(RequestToken=token)["ProgressEvent"]["OperationStatus"]
                        for _ in range(4)]
        # Once every recorded answer is given, the last one repeats.
        self.assertEqual(statuses, ["IN_PROGRESS", "IN_PROGRESS", "SUCCESS", "SUCCESS"])


class MismatchTest(RecordingsMixin, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.path = os.path.join(COMMITTED, "stackql-deploy.jsonl")
        cls.exchanges = read_fixture(cls.path)

    def line_of(self, operation, request):
        for number, exchange in enumerate(self.exchanges, 1):
            if exchange["operation"] == operation and exchange["request"] == request:
                return number
        raise AssertionError(f"no {operation} {request} in {self.path}")

    def test_altered_identifier_names_the_differing_field(self):
        with CcemuServer("--replay", self.path) as replay:
            status, body = outcome(make_client(replay).get_resource, TypeName=TYPE_NAME, Identifier="dd-other")
            log = stderr_of(replay)
        get = {"Identifier": "dd-stack", "TypeName": TYPE_NAME}
        message = (f"No recorded exchange matches this GetResource request. Closest recorded request (line "
                   f"{self.line_of('GetResource', get)}): GetResource in us-east-1 "
                   f'{{"Identifier":"dd-stack","TypeName":"{TYPE_NAME}"}}. '
                   'First differing field: /Identifier (recorded "dd-stack", sent "dd-other").')
        self.assertEqual((status, body), (400, {"Code": "ReplayMismatchException", "Message": message}))
        self.assertIn("ccemu: replay mismatch: " + message, log)

    def test_altered_desired_state_names_the_property(self):
        create = next(e for e in self.exchanges if e["operation"] == "CreateResource")
        desired = dict(create["request"]["DesiredState"], ConnectionMode="Private")
        with CcemuServer("--replay", self.path) as replay:
            status, body = outcome(make_client(replay).create_resource, TypeName=TYPE_NAME,
                                   DesiredState=json.dumps(desired))
        self.assertEqual((status, body["Code"]), (400, "ReplayMismatchException"))
        self.assertIn(f"(line {self.exchanges.index(create) + 1}): CreateResource in us-east-1", body["Message"])
        self.assertTrue(body["Message"].endswith(
            'First differing field: /DesiredState/ConnectionMode (recorded "Public", sent "Private").'), body)

    def test_other_region_is_named(self):
        with CcemuServer("--replay", self.path) as replay:
            status, body = outcome(make_client(replay, region="eu-west-1").get_resource, TypeName=TYPE_NAME,
                                   Identifier="dd-stack")
        self.assertEqual(status, 400)
        self.assertTrue(body["Message"].endswith("First differing field: region (recorded us-east-1, sent eu-west-1)."))

    def test_fallthrough_serves_unmatched_requests_live(self):
        with CcemuServer("--replay", self.path, "--replay-fallthrough", "--seed", "9") as replay:
            cc = make_client(replay)
            recorded = outcome(cc.get_resource, TypeName=TYPE_NAME, Identifier="dd-stack")
            live = outcome(cc.create_resource, TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce("sf-live")))
            live_read = outcome(cc.get_resource, TypeName=TYPE_NAME, Identifier="sf-live")
        self.assertEqual(recorded, expected_outcome(self.exchanges[0]))
        self.assertEqual(live[1]["ProgressEvent"]["Identifier"], "sf-live")
        self.assertEqual(live_read[0], 200)


class DeterminismTest(RecordingsMixin, unittest.TestCase):
    def test_seeded_recordings_of_the_same_traffic_are_byte_identical(self):
        for name in SCENARIOS:
            with self.subTest(scenario=name):
                first, second = self.recording(name + "-1"), self.recording(name + "-2")
                record(name, first)
                record(name, second)
                with open(first, "rb") as a, open(second, "rb") as b:
                    self.assertEqual(a.read(), b.read())

    def test_committed_fixtures_are_what_record_fixtures_makes(self):
        for name in SCENARIOS:
            with self.subTest(scenario=name):
                fresh = self.recording(name)
                record(name, fresh)
                committed = os.path.join(COMMITTED, name + ".jsonl")
                with open(committed, encoding="utf-8") as a, open(fresh, encoding="utf-8") as b:
                    old, new = a.read().splitlines(), b.read().splitlines()
                if old != new:
                    diff = "\n".join(list(difflib.unified_diff(old, new, committed, "regenerated", lineterm=""))[:40])
                    self.fail(f"{committed} differs from a fresh recording: ccemu answers differently now. "
                              f"Run scripts/record-fixtures and review the diff.\n{diff}")


class CommittedFixtureReplayTest(unittest.TestCase):
    """Replays every committed fixture in CI: each recorded request sent by boto3, each answer as recorded."""

    def test_every_exchange_replays_through_boto3(self):
        names = sorted(f for f in os.listdir(COMMITTED) if f.endswith(".jsonl"))
        self.assertEqual(names, sorted(name + ".jsonl" for name in SCENARIOS))
        for name in names:
            exchanges = read_fixture(os.path.join(COMMITTED, name))
            with self.subTest(fixture=name), CcemuServer("--replay", os.path.join(COMMITTED, name)) as replay:
                clients = {}
                for number, exchange in enumerate(exchanges, 1):
                    region = exchange["region"]
                    cc = clients.setdefault(region, make_client(replay, region=region))
                    got = outcome(getattr(cc, snake_case(exchange["operation"])), **as_sent(exchange["request"]))
                    self.assertEqual(got, expected_outcome(exchange), f"{name} line {number}")

    def test_replayed_create_token_finds_its_recorded_status(self):
        exchanges = read_fixture(os.path.join(COMMITTED, "seed-sql.jsonl"))
        create = next(e for e in exchanges if e["operation"] == "CreateResource"
                      and e["request"]["DesiredState"]["ConnectorProfileName"] == "dd-profile")
        with CcemuServer("--replay", os.path.join(COMMITTED, "seed-sql.jsonl")) as replay:
            cc = make_client(replay)
            for earlier in exchanges[:exchanges.index(create)]:  # the answers before it, in order
                outcome(getattr(cc, snake_case(earlier["operation"])), **as_sent(earlier["request"]))
            event = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(create["request"]["DesiredState"]))
            token = event["ProgressEvent"]["RequestToken"]
            self.assertEqual(token, create["response"]["ProgressEvent"]["RequestToken"])
            done = cc.get_resource_request_status(RequestToken=token)["ProgressEvent"]
        self.assertEqual((done["Operation"], done["OperationStatus"]), ("CREATE", "SUCCESS"))

    @unittest.skipIf(AWS_CLI is None, "AWS CLI not found (scripts/test installs it)")
    def test_aws_cli_replays_a_committed_fixture(self):
        path = os.path.join(COMMITTED, "stackql-deploy.jsonl")
        exchanges = read_fixture(path)
        with tempfile.TemporaryDirectory(prefix="ccemu-cli-") as home, CcemuServer("--replay", path) as replay:
            for name in ("config", "credentials"):
                open(os.path.join(home, name), "w").close()
            env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
            env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
                       AWS_CONFIG_FILE=os.path.join(home, "config"),
                       AWS_SHARED_CREDENTIALS_FILE=os.path.join(home, "credentials"))
            base = [AWS_CLI, "cloudcontrol", "--endpoint-url", replay.url, "--output", "json"]
            # The first three recorded GetResource answers are 400s (before stackql-deploy's create).
            missing = subprocess.run(base + ["get-resource", "--type-name", TYPE_NAME, "--identifier", "dd-stack"],
                                     env=env, capture_output=True, text=True, timeout=120)
            self.assertNotEqual(missing.returncode, 0)
            self.assertIn("ResourceNotFoundException", missing.stderr)
            create = next(e for e in exchanges if e["operation"] == "CreateResource")
            created = subprocess.run(base + ["create-resource", "--type-name", TYPE_NAME, "--desired-state",
                                             json.dumps(create["request"]["DesiredState"])],
                                     env=env, capture_output=True, text=True, timeout=120)
            self.assertEqual(created.returncode, 0, created.stderr)
            event = json.loads(created.stdout)["ProgressEvent"]
            self.assertEqual(event["RequestToken"], create["response"]["ProgressEvent"]["RequestToken"])
            self.assertEqual(event["OperationStatus"], "IN_PROGRESS")


class CommandLineTest(unittest.TestCase):
    def run_ccemu(self, *args):
        return subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", *args], capture_output=True, text=True,
                              timeout=30)

    def test_conflicting_and_incomplete_flags_are_refused(self):
        cases = [
            (["--replay", "a.jsonl", "--record", "b.jsonl"],
             "ccemu: --replay answers from a recording; it cannot be combined with --record or --upstream\n"),
            (["--replay-fallthrough"], "ccemu: --replay-fallthrough needs --replay FILE\n"),
            (["--upstream-ca", "ca.pem"], "ccemu: --upstream-ca needs --upstream URL\n"),
            (["--upstream", "ftp://example.com"],
             "ccemu: --upstream takes http://HOST[:PORT][/PATH] or https://..., not 'ftp://example.com'\n"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                done = self.run_ccemu(*args)
                self.assertEqual(done.returncode, 2)
                self.assertEqual(done.stderr, message + "Try 'ccemu --help'.\n")

    def test_unreadable_replay_file_stops_ccemu(self):
        done = self.run_ccemu("--replay", "/nonexistent/recording.jsonl")
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, "ccemu: cannot read /nonexistent/recording.jsonl\n")

    def test_help_lists_the_fixture_flags(self):
        done = self.run_ccemu("--help")
        for flag in ("--record FILE", "--replay FILE", "--replay-fallthrough", "--upstream URL", "--upstream-ca FILE"):
            self.assertIn(flag, done.stdout)


if __name__ == "__main__":
    unittest.main()
