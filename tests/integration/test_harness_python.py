"""The Python harness (tests/harness/python, README "Use from tests") against the real binary: where it
finds ccemu, how start options become flags, what a failed start reports, and its admin calls."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
from unittest import mock

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "harness", "python"))

from ccemu_harness import Ccemu, CcemuError, CcemuStartError, find_binary  # noqa: E402

from ccemu_server import TYPE_NAME, CcemuServer, ApiTestMixin, salesforce_model  # noqa: E402


class FindBinaryTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-find-")
        self.addCleanup(shutil.rmtree, self.dir)
        self.on_path = os.path.join(self.dir, "ccemu")
        with open(self.on_path, "w") as f:
            f.write("#!/bin/sh\n")
        os.chmod(self.on_path, stat.S_IRWXU)

    def test_given_then_environment_then_path(self):
        with mock.patch.dict(os.environ, {"CCEMU_BINARY": "/opt/env/ccemu", "PATH": self.dir}):
            self.assertEqual(find_binary("/opt/given/ccemu"), "/opt/given/ccemu")
            self.assertEqual(find_binary(), "/opt/env/ccemu")
        with mock.patch.dict(os.environ, {"PATH": self.dir}):
            os.environ.pop("CCEMU_BINARY", None)
            self.assertEqual(find_binary(), self.on_path)

    def test_none_found_says_where_it_looked(self):
        with mock.patch.dict(os.environ, {"PATH": os.path.join(self.dir, "empty")}):
            os.environ.pop("CCEMU_BINARY", None)
            with self.assertRaisesRegex(CcemuStartError, "set CCEMU_BINARY, or put ccemu on PATH"):
                find_binary()
            # A source checkout's user is told which binary to name (README "Use from tests").
            with self.assertRaisesRegex(CcemuStartError, "build/emulator/ccemu: set CCEMU_BINARY to its absolute path"):
                find_binary()


class StartOptionsTest(unittest.TestCase):

    def test_every_option_becomes_its_flag(self):
        server = Ccemu("/bin/ccemu", host="127.0.0.2", progress="polls=2", validation="schema", seed=7,
                       record="r.jsonl", replay="p.jsonl", state_file="s.json", schema_dirs=["a", "b"],
                       types=["AWS::S3::*", "AWS::AppFlow::ConnectorProfile"], args=["--log-level", "info"])
        self.assertEqual(server.command(), [
            "/bin/ccemu", "--port", "0", "--host", "127.0.0.2", "--progress", "polls=2", "--validation", "schema",
            "--seed", "7", "--record", "r.jsonl", "--replay", "p.jsonl", "--state-file", "s.json",
            "--schema-dir", "a", "--schema-dir", "b", "--types", "AWS::S3::*,AWS::AppFlow::ConnectorProfile",
            "--log-level", "info"])

    def test_types_narrow_what_is_served(self):
        with Ccemu(types=["AWS::S3::Bucket", "AWS::AppFlow::*"]) as server:
            self.assertEqual(sorted(server.health()["types"]),
                             ["AWS::AppFlow::Connector", TYPE_NAME, "AWS::AppFlow::Flow", "AWS::S3::Bucket"])

    def test_no_options_no_flags(self):
        self.assertEqual(Ccemu("/bin/ccemu").command(), ["/bin/ccemu", "--port", "0"])


class FailedStartTest(unittest.TestCase):

    def test_a_failed_start_raises_with_stderr_and_leaves_no_process(self):
        with Ccemu() as first:
            second = Ccemu(args=["--port", str(first.port)])  # the last --port wins
            with self.assertRaises(CcemuStartError) as raised:
                second.start()
        self.assertIn("exited with status 1 before listening", str(raised.exception))
        self.assertIn(f"cannot listen on 127.0.0.1:{first.port}: address already in use", str(raised.exception))
        self.assertIsNotNone(second.process.poll())

    def test_a_bad_flag_is_reported(self):
        with self.assertRaisesRegex(CcemuStartError, "--progress takes immediate, polls=N or ms=N"):
            Ccemu(progress="sometimes").start()

    def test_a_binary_that_cannot_run_is_reported(self):
        with self.assertRaisesRegex(CcemuStartError, "cannot run /nonexistent/ccemu"):
            Ccemu("/nonexistent/ccemu").start()


class AdminCallsTest(ApiTestMixin, unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        # The suite's wrapper speaks Cloud Control (the mixin's helpers); its harness does the admin calls.
        cls.server = CcemuServer("--seed", "3")
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)
        cls.ccemu = cls.server.ccemu

    def setUp(self):
        self.ccemu.reset()
        self.ccemu.clear_faults()

    def test_endpoint_url_and_health(self):
        self.assertRegex(self.ccemu.endpoint_url, r"^http://127\.0\.0\.1:\d+$")
        self.assertEqual(self.ccemu.health()["status"], "ok")
        self.assertIn(TYPE_NAME, self.ccemu.health()["types"])

    def test_state_requests_and_reset(self):
        self.create_ok(salesforce_model("h1"))
        resources = self.ccemu.state()["resources"]["123456789012"]["us-east-1"][TYPE_NAME]
        self.assertEqual(resources["h1"]["ConnectorProfileConfig"], "***")
        self.assertEqual([r["event"]["Operation"] for r in self.ccemu.requests()], ["CREATE"])
        self.ccemu.reset()
        self.assertEqual(self.ccemu.requests(), [])
        self.assertEqual(self.ccemu.state()["resources"], {})

    def test_load_state(self):
        dump = {"format": "ccemu-state", "version": 1, "resources": {"123456789012": {"us-east-1": {
            TYPE_NAME: {"h2": {"ConnectorProfileName": "h2", "ConnectorType": "Salesforce",
                               "ConnectionMode": "Public"}}}}}}
        self.ccemu.load_state(dump)
        self.assertEqual(self.props("h2")["ConnectorProfileName"], "h2")

    def test_faults_added_listed_and_cleared(self):
        rule = self.ccemu.add_fault(operation="GetResource", error={"code": "ThrottlingException"}, times=1)
        self.assertEqual(rule["remaining"], 1)
        self.assertIn("id", rule)
        self.assertApiError(self.get("x"), 429, "ThrottlingException")
        self.assertEqual(self.ccemu.faults()[0]["fired"], 1)
        both = self.ccemu.add_fault([{"operation": "ListResources", "latency_ms": 1},
                                     {"operation": "GetResource", "error": {"code": "ThrottlingException"}}])
        self.assertEqual([r["operation"] for r in both], ["ListResources", "GetResource"])
        self.ccemu.clear_faults()
        self.assertEqual(self.ccemu.faults(), [])
        self.assertMissing("x")

    def test_a_refused_admin_call_raises_with_ccemus_message(self):
        with self.assertRaisesRegex(CcemuError, "POST /_ccemu/faults: 400 .*latency_ms"):
            self.ccemu.add_fault(operation="GetResource", latency_ms=-1)


@unittest.skipIf(shutil.which("openssl") is None, "no openssl command (scripts/install-deps --test installs it)")
class TlsStartTest(unittest.TestCase):

    def test_health_and_admin_calls_over_https(self):
        folder = tempfile.mkdtemp(prefix="ccemu-harness-tls-")
        self.addCleanup(shutil.rmtree, folder)
        subprocess.run([os.path.join(ROOT, "scripts", "make-cert"), folder], check=True, capture_output=True,
                       timeout=120)
        with Ccemu(args=["--tls-cert", os.path.join(folder, "cert.pem"),
                         "--tls-key", os.path.join(folder, "key.pem")]) as server:
            self.assertTrue(server.endpoint_url.startswith("https://127.0.0.1:"), server.endpoint_url)
            self.assertEqual(server.requests(), [])


class ReadmeTest(unittest.TestCase):

    def test_readme_shows_the_pytest_example_verbatim(self):
        with open(os.path.join(ROOT, "README.md")) as f:
            readme = f.read()
        for name in ("conftest.py", "test_connector_profiles.py"):
            with open(os.path.join(ROOT, "tests", "harness", "python", "example", name)) as f:
                self.assertIn("```python\n" + f.read() + "```", readme, name)


class StderrModesTest(unittest.TestCase):

    def test_buffer_keeps_the_access_log(self):
        with Ccemu(args=["--log-level", "info"]) as server:
            server.health()
        self.assertIn('operation="GET /_ccemu/health"', server.stderr_text)

    def test_pipe_leaves_stderr_to_the_caller(self):
        server = Ccemu(args=["--log-level", "info"], stderr="pipe", wait_for_health=False)
        server.start()
        try:
            server.health()
            server.process.terminate()
            self.assertIn('operation="GET /_ccemu/health"', server.process.stderr.read())
        finally:
            server.stop()

    def test_an_unknown_mode_is_refused(self):
        with self.assertRaises(ValueError):
            Ccemu("/bin/ccemu", stderr="file")


if __name__ == "__main__":
    unittest.main()
