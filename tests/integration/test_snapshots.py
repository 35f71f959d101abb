"""Snapshots (README "State and snapshots"): --state-file is loaded at start (version 1 files too), every
change is journaled beside it before it is answered, and a clean shutdown folds the journal into a
version-2 snapshot written atomically. test_state_journal.py has the crash, torn-tail and disk-full tests."""

import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import unittest

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ApiTestMixin, CcemuServer, salesforce_model

SECRET = "secret-access-token"


def stored_model(name):
    """A model as the store keeps it: read-only values generated, write-only values included."""
    model = salesforce_model(name)
    model["ConnectorProfileArn"] = f"arn:aws:appflow:us-east-1:{DEFAULT_ACCOUNT}:connectorprofile/{name}"
    model["CredentialsArn"] = (f"arn:aws:secretsmanager:us-east-1:{DEFAULT_ACCOUNT}:secret:"
                               f"appflow!{DEFAULT_ACCOUNT}-{name}-1767225600000-AbCdEf")
    return model


def dump_of(names):
    return {"format": "ccemu-state", "version": 1,
            "resources": {DEFAULT_ACCOUNT: {"us-east-1": {TYPE_NAME: {n: stored_model(n) for n in names}}}}}


def names_in(dump):
    return set(dump["resources"].get(DEFAULT_ACCOUNT, {}).get("us-east-1", {}).get(TYPE_NAME, {}))


class SnapshotTestCase(ApiTestMixin, unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-snapshots-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.path = os.path.join(self.dir, "state.json")

    def start(self, *flags):
        server = CcemuServer("--state-file", self.path, *flags)
        server.start()
        self.addCleanup(server.stop)
        return server

    def read_file(self):
        with open(self.path) as f:
            return json.load(f)

    def file_names(self):
        try:
            return names_in(self.read_file())
        except FileNotFoundError:
            return set()

    def created(self, server, name):
        event = self.assertEvent(self.create(salesforce_model(name), server=server), "CREATE", "IN_PROGRESS")
        self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]}, server=server),
                         "CREATE", "SUCCESS")


class StateFileTest(SnapshotTestCase):

    def test_missing_file_means_empty_state(self):
        server = self.start()
        status, _, body = server.raw("GET", "/_ccemu/state")
        self.assertEqual(json.loads(body)["resources"], {})
        self.assertFalse(os.path.exists(self.path))

    def kill9(self, server):
        server.proc.kill()
        server.proc.wait(timeout=10)
        server.stop()

    def test_change_survives_kill_9_with_write_only_values_and_mode_0600(self):
        server = self.start()
        self.created(server, "s1")
        # Journaled before the answer; the snapshot comes with the next fold.
        self.assertEqual(os.listdir(self.dir), ["state.json.journal.0"])
        self.assertEqual(stat.S_IMODE(os.stat(self.path + ".journal.0").st_mode), 0o600)
        self.kill9(server)
        server = self.start()
        self.assertIn("s1", names_in(json.loads(server.raw("GET", "/_ccemu/state")[2])))
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        dump = self.read_file()
        self.assertEqual(dump["version"], 2)
        model = dump["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]["s1"]
        self.assertEqual(model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"]["AccessToken"],
                         SECRET)
        self.assertEqual(stat.S_IMODE(os.stat(self.path).st_mode), 0o600)

    def test_clean_shutdown_writes_the_last_change(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=sig.name):
                server = self.start()
                name = "down" + sig.name.lower()
                self.created(server, name)
                server.proc.send_signal(sig)
                self.assertEqual(server.proc.wait(timeout=10), 0)
                self.assertIn(name, self.file_names())

    def test_restart_keeps_resources_and_updates_still_work(self):
        server = self.start()
        self.created(server, "kept")
        server.stop()
        server = self.start()
        got = self.api("GetResource", {"TypeName": TYPE_NAME, "Identifier": "kept"}, server=server)
        self.assertEqual(got[0], 200, got)
        # The AppFlow rules need ConnectorProfileConfig, which only the file kept (write-only).
        event = self.assertEvent(self.update("kept", [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}],
                                             server=server), "UPDATE", "IN_PROGRESS")
        final = self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]},
                                          server=server), "UPDATE", "SUCCESS")
        self.assertEqual(final["Identifier"], "kept")

    def test_put_state_is_written_too(self):
        server = self.start()
        status, _, _ = server.raw("PUT", "/_ccemu/state", json.dumps(dump_of(["p1", "p2"])).encode())
        self.assertEqual(status, 200)
        self.kill9(server)
        server = self.start()
        self.assertEqual(names_in(json.loads(server.raw("GET", "/_ccemu/state")[2])), {"p1", "p2"})

    def test_reset_is_written_too(self):
        with open(self.path, "w") as f:
            json.dump(dump_of(["gone"]), f)
        server = self.start()
        self.assertEqual(server.reset(), 200)
        self.kill9(server)
        server = self.start()
        self.assertEqual(names_in(json.loads(server.raw("GET", "/_ccemu/state")[2])), set())


class CorruptStateFileTest(SnapshotTestCase):

    def assertStartFails(self, content, message):
        with open(self.path, "w") as f:
            f.write(content)
        env = dict(os.environ)
        proc = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--state-file", self.path],
                              capture_output=True, text=True, timeout=30, env=env)
        self.assertEqual(proc.returncode, 1, proc.stdout)
        self.assertEqual(proc.stdout, "")
        self.assertEqual(proc.stderr, f"ccemu: cannot load state file {self.path}: {message}\n")
        with open(self.path) as f:
            self.assertEqual(f.read(), content, "a file that cannot be loaded is left as it was")

    def test_truncated_file_stops_start_up(self):
        text = json.dumps(dump_of(["t1"]))
        with open(self.path, "w") as f:
            f.write(text[: len(text) // 2])
        proc = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--state-file", self.path],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1)
        self.assertTrue(proc.stderr.startswith(f"ccemu: cannot load state file {self.path}: not JSON: "),
                        proc.stderr)

    def test_empty_file_stops_start_up(self):
        proc_message = "not JSON: "
        with open(self.path, "w"):
            pass
        proc = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--state-file", self.path],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"cannot load state file {self.path}: {proc_message}", proc.stderr)

    def test_invalid_dump_stops_start_up(self):
        self.assertStartFails('{"format": "ccemu-state", "version": 1, "resources": {"1": {}}}',
                              "Invalid state dump: '1' is not a 12-digit account id")

    def test_masked_dump_stops_start_up(self):
        dump = dump_of(["m1"])
        dump["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]["m1"]["ConnectorProfileConfig"] = "***"
        self.assertStartFails(json.dumps(dump), (
            f"Invalid state dump at {DEFAULT_ACCOUNT}/us-east-1/{TYPE_NAME}/m1: write-only property "
            "/ConnectorProfileConfig holds the marker \"***\" of a masked dump; GET /_ccemu/state cannot restore "
            "write-only values"))

    def test_unreadable_path_stops_start_up(self):
        os.remove(self.path) if os.path.exists(self.path) else None
        os.mkdir(self.path)
        proc = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--state-file", self.path],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 1)
        self.assertEqual(proc.stderr, f"ccemu: cannot load state file {self.path}: Is a directory\n")


if __name__ == "__main__":
    unittest.main()


class StateFileFolderTest(SnapshotTestCase):
    """A --state-file whose folder is missing (README's own ~/.ccemu/state.json on a fresh machine)."""

    def test_missing_folders_are_made_private_and_the_state_is_kept(self):
        self.path = os.path.join(self.dir, "home", ".ccemu", "state.json")
        server = self.start()
        for folder in (os.path.join(self.dir, "home"), os.path.join(self.dir, "home", ".ccemu")):
            self.assertEqual(stat.S_IMODE(os.stat(folder).st_mode), 0o700, folder)
        self.created(server, "kept")
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 0)
        self.assertIn("kept", self.file_names())

    def test_a_folder_that_cannot_be_made_stops_start_up(self):
        blocker = os.path.join(self.dir, "a-file")
        open(blocker, "w").close()
        path = os.path.join(blocker, "state.json")
        done = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--state-file", path],
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, f"ccemu: cannot use state file {path}: cannot write files in the folder "
                                      f"{blocker}: Not a directory\n")

    def test_a_removed_state_folder_refuses_changes_and_the_final_save_exits_non_zero(self):
        self.path = os.path.join(self.dir, "gone", "state.json")
        server = self.start()
        self.created(server, "kept")
        shutil.rmtree(os.path.join(self.dir, "gone"))
        status, body = self.create(salesforce_model("lost"), server=server)
        self.assertApiError((status, body), 502, "ServiceInternalErrorException",
                            prefix="The change could not be recorded: cannot append to the removed journal")
        self.assertEqual(self.get("kept", server=server)[0], 200)  # reads go on
        self.assertEqual(self.get("lost", server=server)[0], 400)  # ResourceNotFoundException: nothing applied
        server.proc.send_signal(signal.SIGTERM)
        self.assertEqual(server.proc.wait(timeout=10), 1)
        self.assertIn("ccemu: cannot write state file (the journal keeps every change): ", server.proc.stderr.read())
