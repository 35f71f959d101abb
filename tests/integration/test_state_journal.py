"""The journal beside --state-file (README "State and snapshots"): a torn or corrupt tail is cut with one
warning, a journal write that fails (disk full) refuses that change and applies nothing, and a restart keeps
what a client can observe: AppFlow tags and times, the request ledger and ClientToken replays. The kill -9
crash test is test_state_journal_crash.py (labelled slow)."""

import json
import os
import shutil
import signal
import stat
import struct
import tempfile
import unittest

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ApiTestMixin, CcemuServer, salesforce_model

REGION = "us-east-1"
HEADER = 16  # "ccemu-journal 1\n"


def appflow_scope():
    return ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261127/us-east-1/appflow/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0" * 64)


def appflow(server, path, body=None, method="POST"):
    """One native AppFlow request as the SDKs send it; returns (status, parsed body)."""
    payload = b"" if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-Amz-Date": "20261127T120000Z",
               "Authorization": appflow_scope()}
    status, _, data = server.raw(method, path, payload, headers)
    return status, json.loads(data) if data else None


def appflow_profile(name, mode="Public", **extra):
    body = {
        "connectorProfileName": name, "connectorType": "Salesforce", "connectionMode": mode,
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
            "connectorProfileCredentials": {"Salesforce": {"accessToken": "a", "refreshToken": "r"}},
        },
    }
    body.update(extra)
    return body


def appflow_update(name, mode):
    body = appflow_profile(name, mode)
    del body["connectorType"]
    return body


def journal_records(path):
    """(offset, length) of each whole record in a journal file."""
    with open(path, "rb") as f:
        data = f.read()
    records, at = [], HEADER
    while at + 8 <= len(data):
        (length,) = struct.unpack_from("<I", data, at)
        if at + 8 + length > len(data):
            break
        records.append((at, 8 + length))
        at += 8 + length
    return records


def kill9(server):
    """Kills the server with SIGKILL; returns what it wrote on stderr."""
    server.proc.kill()
    _, stderr = server.proc.communicate(timeout=10)
    server.stop()
    return stderr


def profiles(server):
    """ConnectionMode of every stored ConnectorProfile, from the admin dump."""
    status, _, body = server.raw("GET", "/_ccemu/state")
    assert status == 200, body
    models = json.loads(body)["resources"].get(DEFAULT_ACCOUNT, {}).get(REGION, {}).get(TYPE_NAME, {})
    return {name: model["ConnectionMode"] for name, model in models.items()}


def global_role(test, server, region, name="journaled-role"):
    """The AWS::IAM::Role's properties as GetResource answers in `region`."""
    status, body = server.call("GetResource", {"TypeName": "AWS::IAM::Role", "Identifier": name}, region=region)
    test.assertEqual(status, 200, body)
    return json.loads(body["ResourceDescription"]["Properties"])


class JournalTestCase(ApiTestMixin, unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-journal-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.path = os.path.join(self.dir, "state.json")

    def start(self, *flags, binary=None):
        server = CcemuServer("--state-file", self.path, *flags, binary=binary)
        server.start()
        self.addCleanup(server.stop)
        return server

    def journal(self, generation=0):
        return f"{self.path}.journal.{generation}"


class TornTailTest(JournalTestCase):
    """A journal cut at every byte of its last record loads as if that change never happened, with one
    warning line; a record whose checksum fails is cut the same way."""

    def prepare(self):
        server = self.start()
        self.created_profiles = ["t1", "t2"]
        for name in self.created_profiles:
            self.assertEqual(appflow(server, "/create-connector-profile", appflow_profile(name))[0], 200)
        self.assertEqual(appflow(server, "/delete-connector-profile", {"connectorProfileName": "t2"})[0], 200)
        kill9(server)
        with open(self.journal(), "rb") as f:
            self.whole = f.read()
        self.last_offset, self.last_length = journal_records(self.journal())[-1]
        self.assertEqual(self.last_offset + self.last_length, len(self.whole))

    def start_from(self, content):
        with open(self.journal(), "wb") as f:
            f.write(content)
        server = self.start()
        found = set(profiles(server))
        return found, kill9(server)

    def test_cut_at_every_byte_of_the_last_record(self):
        self.prepare()
        for cut in range(self.last_offset, self.last_offset + self.last_length):
            with self.subTest(cut=cut):
                found, stderr = self.start_from(self.whole[:cut])
                self.assertEqual(found, {"t1", "t2"})  # the delete never happened
                warnings = [line for line in stderr.splitlines() if "torn or corrupt tail" in line]
                self.assertEqual(len(warnings), 1 if cut > self.last_offset else 0, stderr)
                self.assertEqual(os.path.getsize(self.journal()), self.last_offset)

    def test_a_record_failing_its_checksum_is_cut(self):
        self.prepare()
        damaged = bytearray(self.whole)
        damaged[self.last_offset + 8 + 2] ^= 0x40
        found, stderr = self.start_from(bytes(damaged))
        self.assertEqual(found, {"t1", "t2"})
        self.assertEqual(sum("torn or corrupt tail" in line for line in stderr.splitlines()), 1, stderr)
        # Appends continue after the cut, and are kept.
        server = self.start()
        self.assertEqual(appflow(server, "/delete-connector-profile", {"connectorProfileName": "t1"})[0], 200)
        kill9(server)
        server = self.start()
        self.assertEqual(set(profiles(server)), {"t2"})


class DiskFullTest(JournalTestCase):
    """A journal write past the file size limit (`ulimit -f`) refuses that change with
    ServiceInternalErrorException, applies nothing, says why on stderr, and reads go on."""

    def test_a_failed_journal_write_applies_nothing(self):
        wrapper = os.path.join(self.dir, "limited-ccemu")
        with open(wrapper, "w") as f:
            # 32 KiB: dash counts -f in 512-byte blocks.
            f.write(f'#!/bin/sh\nulimit -f 64\nexec "{os.environ["CCEMU_BINARY"]}" "$@"\n')
        os.chmod(wrapper, 0o755)
        server = self.start(binary=wrapper)
        acknowledged, refused = [], None
        for i in range(500):
            name = f"full{i:03d}"
            status, body = self.create(salesforce_model(name), server=server)
            if status != 200:
                refused = (name, status, body)
                break
            acknowledged.append(name)
        self.assertIsNotNone(refused, "the limit was never reached")
        name, status, body = refused
        self.assertEqual(status, 502, body)
        self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#ServiceInternalErrorException")
        self.assertIn("could not be recorded", body["Message"])
        # Nothing applied; reads still answered.
        self.assertEqual(self.get(name, server=server)[0], 400)  # ResourceNotFoundException, as AWS answers it (issue 20)
        self.assertEqual(self.get(acknowledged[-1], server=server)[0], 200)
        self.assertEqual(set(profiles(server)), set(acknowledged))
        # An AppFlow record is smaller than that Cloud Control one and may still fit: once one does not, it
        # is refused the same way.
        for i in range(100):
            status, body = appflow(server, "/create-connector-profile", appflow_profile(f"af-full{i}"))
            if status != 200:
                break
            acknowledged.append(f"af-full{i}")
        self.assertEqual(status, 500, body)
        self.assertEqual(set(profiles(server)), set(acknowledged))
        self.assertIn("cannot append to the journal", kill9(server))
        server = self.start()
        self.assertEqual(set(profiles(server)), set(acknowledged))


class RestartTest(JournalTestCase):
    """What a client observed before a restart, clean or kill -9, it observes after."""

    def restarts(self, server):
        """Yields a server after kill -9, then one after a clean stop."""
        kill9(server)
        server = self.start()
        yield server
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        server.stop()
        server = self.start()
        yield server

    def test_appflow_tags_and_times(self):
        server = self.start()
        status, created = appflow(server, "/create-connector-profile", appflow_profile("tagged"))
        self.assertEqual(status, 200, created)
        arn = created["connectorProfileArn"]
        self.assertEqual(appflow(server, f"/tags/{arn}", {"tags": {"team": "data", "env": "test"}})[0], 200)
        _, before = appflow(server, "/describe-connector-profiles", {"connectorProfileNames": ["tagged"]})
        for restarted in self.restarts(server):
            _, after = appflow(restarted, "/describe-connector-profiles", {"connectorProfileNames": ["tagged"]})
            self.assertEqual(after, before)
            self.assertEqual(appflow(restarted, f"/tags/{arn}", method="GET"),
                             (200, {"tags": {"team": "data", "env": "test"}}))

    def test_request_status_and_listing(self):
        server = self.start()
        created = self.assertEvent(self.create(salesforce_model("req"), server=server), "CREATE", "IN_PROGRESS")
        first = self.status(created["RequestToken"], server=server)
        updated = self.assertEvent(self.update("req", [{"op": "replace", "path": "/ConnectionMode",
                                                        "value": "Private"}], server=server), "UPDATE", "IN_PROGRESS")
        self.status(updated["RequestToken"], server=server)
        listing = self.api("ListResourceRequests", {}, server=server)
        for restarted in self.restarts(server):
            self.assertEqual(self.status(created["RequestToken"], server=restarted), first)
            self.assertEqual(self.api("ListResourceRequests", {}, server=restarted), listing)

    def test_client_token_replay(self):
        server = self.start()
        body = {"TypeName": TYPE_NAME, "DesiredState": json.dumps(salesforce_model("tok")), "ClientToken": "t-1"}
        first = self.api("CreateResource", body, server=server)
        self.assertEqual(first[0], 200, first)
        af_body = appflow_profile("af-tok", clientToken="af-1")
        af_first = appflow(server, "/create-connector-profile", af_body)
        self.assertEqual(af_first[0], 200, af_first)
        # A replay answers with the request's current event (spec §5.1), here its outcome.
        first = self.api("CreateResource", body, server=server)
        for restarted in self.restarts(server):
            # The same request answers as the first did, creating nothing twice.
            again = self.api("CreateResource", body, server=restarted)
            self.assertEqual(again, first)
            self.assertEqual(len(self.api("ListResourceRequests", {}, server=restarted)[1]["ResourceRequestStatusSummaries"]),
                             1)
            other = dict(body, DesiredState=json.dumps(salesforce_model("tok2")))
            self.assertApiError(self.api("CreateResource", other, server=restarted), 400,
                                "ClientTokenConflictException", prefix="ClientToken t-1 is already associated")
            self.assertEqual(appflow(restarted, "/create-connector-profile", af_body), af_first)
            conflict = appflow(restarted, "/create-connector-profile", appflow_profile("af-tok2", clientToken="af-1"))
            self.assertEqual(conflict[0], 409, conflict)

    def test_global_type_resource_is_every_regions_after_a_restart(self):
        # A global service's resource (README "Generated values", global services) is kept once per
        # account under the partition's home region; its request stays the caller's region's.
        server = self.start()
        role = {"RoleName": "journaled-role", "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": []}}
        created = self.api("CreateResource", {"TypeName": "AWS::IAM::Role", "DesiredState": json.dumps(role)},
                           server=server, region="us-west-2")
        self.assertEqual(created[0], 200, created)
        token = created[1]["ProgressEvent"]["RequestToken"]
        done = self.api("GetResourceRequestStatus", {"RequestToken": token}, server=server, region="us-west-2")
        self.assertEqual(done[1]["ProgressEvent"]["OperationStatus"], "SUCCESS", done)
        before = global_role(self, server, "us-west-2")
        for restarted in self.restarts(server):
            for region in ("us-east-1", "us-west-2", "eu-west-1", "ap-south-1"):
                self.assertEqual(global_role(self, restarted, region), before, region)
                listed = self.api("ListResources", {"TypeName": "AWS::IAM::Role"}, server=restarted, region=region)
                self.assertEqual([d["Identifier"] for d in listed[1]["ResourceDescriptions"]], ["journaled-role"])
            self.assertEqual(self.api("GetResourceRequestStatus", {"RequestToken": token}, server=restarted,
                                      region="us-west-2"), done)
        deleted = self.api("DeleteResource", {"TypeName": "AWS::IAM::Role", "Identifier": "journaled-role"},
                           server=restarted, region="eu-west-1")
        self.assertEqual(deleted[0], 200, deleted)

    def test_unfinished_request_on_a_global_type_changes_the_accounts_resource_after_a_restart(self):
        # The journal and the snapshot keep where the request's change goes, so after a restart it
        # still holds off another region's change to the resource and completes into the account's set.
        server = self.start("--progress", "polls=1")
        role = {"RoleName": "pending-role", "AssumeRolePolicyDocument": {}}
        body = {"TypeName": "AWS::IAM::Role", "DesiredState": json.dumps(role)}
        created = self.api("CreateResource", body, server=server, region="us-west-2")
        self.assertEqual(created[1]["ProgressEvent"]["OperationStatus"], "IN_PROGRESS", created)
        token = created[1]["ProgressEvent"]["RequestToken"]
        kill9(server)
        server = self.start("--progress", "polls=1")
        self.assertApiError(self.api("CreateResource", body, server=server, region="eu-west-1"), 400,
                            "ConcurrentOperationException", contains=[token])
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        server.stop()
        server = self.start("--progress", "polls=1")
        statuses = [self.api("GetResourceRequestStatus", {"RequestToken": token}, server=server,
                             region="us-west-2")[1]["ProgressEvent"]["OperationStatus"] for _ in range(2)]
        self.assertEqual(statuses, ["IN_PROGRESS", "SUCCESS"])
        for region in ("us-east-1", "us-west-2", "eu-west-1"):
            self.assertEqual(global_role(self, server, region, "pending-role")["RoleName"], "pending-role")

    def test_journal_and_snapshot_are_private(self):
        server = self.start()
        self.assertEqual(self.create(salesforce_model("p"), server=server)[0], 200)
        self.assertEqual(stat.S_IMODE(os.stat(self.journal()).st_mode), 0o600)
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)
        with open(self.path) as f:
            snapshot = json.load(f)
        self.assertEqual((snapshot["format"], snapshot["version"]), ("ccemu-state", 2))
        # The fold left one empty journal, the one the snapshot names.
        self.assertEqual(sorted(os.listdir(self.dir)), ["state.json", f"state.json.journal.{snapshot['journal']}"])
        self.assertEqual(os.path.getsize(self.journal(snapshot["journal"])), HEADER)



class SeededRestartTest(JournalTestCase):
    """Under --seed the ids go on from where the run before the restart left them (README "State and
    snapshots"): a RequestToken made after a restart is never one a restored request has, whether the
    state came back from the journal (kill -9) or from the snapshot (a clean stop), and the same steps
    give the same tokens again."""

    def seeded_run(self, directory):
        self.path = os.path.join(directory, "state.json")
        tokens = []

        def create(server, name):
            event = self.assertEvent(self.create(salesforce_model(name), server=server), "CREATE", "IN_PROGRESS")
            tokens.append((name, event["RequestToken"]))

        server = self.start("--seed", "7")
        create(server, "before-kill-1")
        create(server, "before-kill-2")
        kill9(server)
        server = self.start("--seed", "7")
        create(server, "after-kill")
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        server.stop()
        server = self.start("--seed", "7")
        create(server, "after-stop")
        self.assertEqual(len({token for _, token in tokens}), len(tokens), tokens)
        # Each token still names its own request.
        for name, token in tokens:
            event = self.poll(token, server=server)
            self.assertEqual((event["Identifier"], event["OperationStatus"]), (name, "SUCCESS"), event)
        return tokens

    def test_tokens_made_after_a_restart_are_new_and_repeat_under_the_seed(self):
        first = self.seeded_run(os.path.join(self.dir, "first"))
        self.assertEqual(self.seeded_run(os.path.join(self.dir, "second")), first)


if __name__ == "__main__":
    unittest.main()
