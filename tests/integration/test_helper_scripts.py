"""scripts/make-cert and scripts/import-schema write where the user asked, never into the work tree:
a private key or a fetched schema must not end up committed or shipped by accident. scripts/run's
--help says what its flags do, truly."""

import os
import shutil
import stat
import subprocess
import tempfile
import unittest

from ccemu_server import CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))

FAKE_SCHEMA = """{"typeName": "Test::Fake::Thing", "properties": {"Name": {"type": "string"}},
 "primaryIdentifier": ["/properties/Name"], "additionalProperties": false}"""
FAKE_AWS = f"""#!/bin/sh
# Stands in for the AWS CLI: answers describe-type with a minimal schema.
echo '{FAKE_SCHEMA}'
"""


class HelperScriptsTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-scripts-")
        self.addCleanup(shutil.rmtree, self.dir)

    @unittest.skipUnless(shutil.which("openssl"), "the openssl command is not installed")
    def test_make_cert_defaults_to_a_private_folder_in_home(self):
        home = os.path.join(self.dir, "home")
        done = subprocess.run([os.path.join(ROOT, "scripts", "make-cert")], capture_output=True, text=True,
                              timeout=120, cwd=self.dir, env=dict(os.environ, HOME=home))
        self.assertEqual(done.returncode, 0, done.stderr)
        folder = os.path.join(home, ".ccemu", "tls")
        self.assertEqual(done.stdout.split(), [os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")])
        self.assertEqual(stat.S_IMODE(os.stat(folder).st_mode), 0o700)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(folder, "key.pem")).st_mode), 0o600)
        self.assertEqual(os.listdir(self.dir), ["home"])

    def test_a_tls_folder_in_the_checkout_is_ignored_by_git(self):
        with open(os.path.join(ROOT, ".gitignore")) as f:
            self.assertIn("tls/", f.read().split())

    def import_schema(self, *args):
        bin_dir = os.path.join(self.dir, "bin")
        os.makedirs(bin_dir, exist_ok=True)
        fake = os.path.join(bin_dir, "aws")
        with open(fake, "w") as f:
            f.write(FAKE_AWS)
        os.chmod(fake, 0o755)
        work = os.path.join(self.dir, "work")
        os.makedirs(work, exist_ok=True)
        done = subprocess.run([os.path.join(ROOT, "scripts", "import-schema"), *args, "Test::Fake::Thing"],
                              capture_output=True, text=True, timeout=60, cwd=work,
                              env=dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"]))
        self.assertEqual(done.returncode, 0, done.stderr)
        return work

    def test_import_schema_dir_is_relative_to_the_callers_folder(self):
        work = self.import_schema("--dir", "mine")
        self.assertTrue(os.path.isfile(os.path.join(work, "mine", "Test-Fake-Thing.json")))
        self.assertFalse(os.path.exists(os.path.join(ROOT, "mine")))

    def test_import_schema_without_dir_never_writes_the_shipped_schema_folder(self):
        before = sorted(os.listdir(os.path.join(ROOT, "schema")))
        work = self.import_schema()
        self.assertTrue(os.path.isfile(os.path.join(work, "schemas", "Test-Fake-Thing.json")))
        self.assertEqual(sorted(os.listdir(os.path.join(ROOT, "schema"))), before)

    def test_run_help_says_schema_dir_adds_to_the_shipped_schemas(self):
        done = subprocess.run([os.path.join(ROOT, "scripts", "run"), "--help"], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        usage = " ".join(done.stdout.split("Usage: ccemu")[0].split())
        self.assertIn("--schema-dir DIR (repeatable) adds DIR's schemas to the shipped ones", usage)
        self.assertNotIn("replaces", usage)
        # ... and so it does: the folder's type is served beside the shipped and bundled ones.
        folder = os.path.join(self.dir, "mine")
        os.makedirs(folder)
        with open(os.path.join(folder, "thing.json"), "w") as f:
            f.write(FAKE_SCHEMA)
        with CcemuServer("--schema-dir", folder) as server:
            types = server.ccemu.health()["types"]
        for served in ("Test::Fake::Thing", "AWS::AppFlow::ConnectorProfile", "AWS::Logs::LogGroup"):
            self.assertIn(served, types)


if __name__ == "__main__":
    unittest.main()
