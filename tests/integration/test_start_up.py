"""Start-up as a new user meets it (README "Command line"): instant help and version, and the shipped
schemas found next to the executable wherever it is installed or copied with its share/ folder."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from ccemu_server import CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
WIDGET_SCHEMA = os.path.join(ROOT, "tests", "schemas", "any-type", "Test-Widget-Thing.json")


def ccemu(*args, binary=None):
    return subprocess.run([binary or os.environ["CCEMU_BINARY"], *args], capture_output=True, text=True,
                          timeout=30)


class HelpAndVersionTest(unittest.TestCase):

    def test_short_and_long_help_print_usage(self):
        for flag in ("-h", "--help"):
            with self.subTest(flag=flag):
                done = ccemu(flag)
                self.assertEqual(done.returncode, 0, done.stderr)
                self.assertTrue(done.stdout.startswith("Usage: ccemu [options]"), done.stdout)
                self.assertIn("--version", done.stdout)

    def test_version(self):
        done = ccemu("--version")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout,
                         r"^ccemu \d+\.\d+\.\d+\nregistry bundle: (none|\d+ types, snapshot \S+ \(.+\))\n$")

    def test_scripts_run_help_does_not_build_and_says_it_adds_no_flags(self):
        done = subprocess.run([os.path.join(ROOT, "scripts", "run"), "--help"], capture_output=True, text=True,
                              timeout=30, env=dict(os.environ, PATH="/usr/bin:/bin"))
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertTrue(done.stdout.startswith("Usage: scripts/run [CCEMU_FLAGS...]"), done.stdout)
        self.assertIn("scripts/run adds none of its own", done.stdout)
        self.assertNotIn("Installing", done.stderr)


class ShippedSchemaLocationTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-layout-")
        self.addCleanup(shutil.rmtree, self.dir)

    def types_served_by(self, binary):
        with CcemuServer(binary=binary) as server:
            status, health = server.health()
            self.assertEqual(status, 200)
            return health["types"]

    def test_a_binary_beside_share_ccemu_schema_serves_that_folder(self):
        # An install layout with a schema folder the checkout does not have: proof that the
        # executable's own share/ folder is the one read, not the source tree's.
        os.makedirs(os.path.join(self.dir, "bin"))
        shared = os.path.join(self.dir, "share", "ccemu", "schema")
        os.makedirs(shared)
        shutil.copy(WIDGET_SCHEMA, shared)
        binary = os.path.join(self.dir, "bin", "ccemu")
        shutil.copy(os.environ["CCEMU_BINARY"], binary)
        self.assertEqual(self.types_served_by(binary), ["Test::Widget::Thing"])

    def test_cmake_install_gives_a_binary_that_serves_the_shipped_schemas(self):
        build_dir = os.path.dirname(os.path.dirname(os.environ["CCEMU_BINARY"]))
        done = subprocess.run(["cmake", "--install", build_dir, "--prefix", self.dir],
                              capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stderr)
        binary = os.path.join(self.dir, "bin", "ccemu")
        self.assertIn("AWS::AppFlow::ConnectorProfile", self.types_served_by(binary))
        self.assertTrue(os.path.isfile(os.path.join(self.dir, "share", "ccemu", "schema",
                                                    "AWS-AppFlow-ConnectorProfile.json")))

    def test_schema_dir_adds_to_the_shipped_schemas(self):
        folder = os.path.join(self.dir, "mine")
        os.makedirs(folder)
        shutil.copy(WIDGET_SCHEMA, folder)
        with CcemuServer("--schema-dir", folder) as server:
            types = server.health()[1]["types"]
        self.assertIn("Test::Widget::Thing", types)
        self.assertIn("AWS::AppFlow::ConnectorProfile", types)
        self.assertIn("AWS::S3::Bucket", types)


if __name__ == "__main__":
    unittest.main()
