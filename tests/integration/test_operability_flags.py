"""The operability flags on the command line (README "Command line"): listed in --help, refused when
incomplete, and files that cannot be used stop start-up with a message that names them and no secret."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

FLAGS = ("--state-file", "--faults", "--verify-sigv4", "--credentials", "--tls-cert", "--tls-key", "--log-level")


def ccemu(*args):
    return subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", *args], capture_output=True, text=True,
                          timeout=30)


class OperabilityFlagsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-flags-")
        self.addCleanup(shutil.rmtree, self.dir)

    def test_help_lists_every_flag(self):
        done = ccemu("--help")
        self.assertEqual(done.returncode, 0)
        for flag in FLAGS:
            self.assertIn(flag, done.stdout)

    def test_verify_sigv4_and_credentials_go_together(self):
        for args in (("--verify-sigv4",), ("--credentials", "c.json")):
            done = ccemu(*args)
            self.assertEqual(done.returncode, 2, args)
            self.assertIn("--verify-sigv4 and --credentials FILE go together", done.stderr)

    def test_credentials_file_problems_stop_start_up_without_quoting_secrets(self):
        path = os.path.join(self.dir, "credentials.json")
        cases = [
            ('{"AKID": {"secret_access_key": "hush-hush", "account_id": "12"}}',
             "access key 'AKID': account_id must be a 12-digit string"),
            ('{"AKID": {"secret_access_key": "hush-hush", ', "not JSON"),
        ]
        for content, message in cases:
            with open(path, "w") as f:
                f.write(content)
            done = ccemu("--verify-sigv4", "--credentials", path)
            self.assertEqual(done.returncode, 1)
            self.assertEqual(done.stderr, f"ccemu: cannot load credentials file {path}: {message}\n")
            self.assertNotIn("hush", done.stderr)
        done = ccemu("--verify-sigv4", "--credentials", os.path.join(self.dir, "missing.json"))
        self.assertEqual(done.returncode, 1)
        self.assertIn("cannot be read", done.stderr)

    def test_fault_file_that_cannot_be_read(self):
        path = os.path.join(self.dir, "missing.json")
        done = ccemu("--faults", path)
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, f"ccemu: cannot load fault file {path}: cannot be read\n")


if __name__ == "__main__":
    unittest.main()
