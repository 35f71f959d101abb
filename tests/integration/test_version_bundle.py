"""`ccemu --version` names the registry snapshot it ships (README "Command line"): the second line reads
the index of the bundle in the shipped schema folder, found beside the executable as at start-up."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest


class VersionNamesTheBundleTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-version-")
        self.addCleanup(shutil.rmtree, self.dir)
        os.makedirs(os.path.join(self.dir, "bin"))
        self.schema = os.path.join(self.dir, "share", "ccemu", "schema")
        os.makedirs(self.schema)
        self.binary = os.path.join(self.dir, "bin", "ccemu")
        shutil.copy(os.environ["CCEMU_BINARY"], self.binary)

    def version(self):
        done = subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=30)
        self.assertEqual(done.returncode, 0, done.stderr)
        first, second = done.stdout.splitlines()
        self.assertRegex(first, r"^ccemu \d+\.\d+\.\d+$")
        return second

    def write_index(self, text):
        os.makedirs(os.path.join(self.schema, "registry"))
        with open(os.path.join(self.schema, "registry", "index.json"), "w") as f:
            f.write(text)

    def test_a_bundle_index_gives_its_size_snapshot_and_source(self):
        self.write_index(json.dumps({
            "format": "ccemu-registry-bundle", "version": 1, "source": "registry-schemas mirror, us-east-1",
            "snapshot": "2026-11-01",
            "types": {"AWS::S3::Bucket": "aws-s3-bucket.json", "AWS::KMS::Key": "aws-kms-key.json"}}))
        self.assertEqual(self.version(), "registry bundle: 2 types, snapshot 2026-11-01 (registry-schemas mirror, us-east-1)")

    def test_no_bundle_says_none(self):
        self.assertEqual(self.version(), "registry bundle: none")

    def test_an_unusable_index_says_why(self):
        self.write_index("{not json")
        index = os.path.join(self.schema, "registry", "index.json")
        self.assertEqual(self.version(), f"registry bundle: unreadable index {index}: not JSON")

    def test_an_index_of_another_format_says_so(self):
        self.write_index('{"format": "something-else", "types": {}}')
        self.assertIn("format is not ccemu-registry-bundle", self.version())


if __name__ == "__main__":
    unittest.main()
