"""The JS harness as a user meets it (README "Use from tests"): the node:test example
(tests/harness/js/example) run in a temporary folder where the harness is an installed package named
`ccemu-harness`, beside the AWS SDK the JS suite locks. The README shows that example verbatim, and
tells users to install the SDK it imports, which the harness declares as its optional peer."""

import json
import os
import shutil
import subprocess
import tempfile
import unittest

from test_readme import JS_MODULES, ROOT, node_major

HARNESS = os.path.join(ROOT, "tests", "harness", "js")
EXAMPLE = os.path.join(HARNESS, "example", "ccemu.test.js")


class JsHarnessExampleTest(unittest.TestCase):

    def test_readme_shows_the_example_verbatim(self):
        with open(EXAMPLE) as f, open(os.path.join(ROOT, "README.md")) as readme:
            self.assertIn("```js\n" + f.read() + "```", readme.read())

    def test_the_sdk_the_example_imports_is_a_declared_peer_that_readme_installs(self):
        with open(os.path.join(HARNESS, "package.json")) as f:
            package = json.load(f)
        self.assertEqual(package.get("dependencies", {}), {})  # the harness itself needs nothing
        self.assertIn("@aws-sdk/client-cloudcontrol", package["peerDependencies"])
        self.assertEqual(package["peerDependenciesMeta"]["@aws-sdk/client-cloudcontrol"], {"optional": True})
        with open(EXAMPLE) as f:
            self.assertIn('from "@aws-sdk/client-cloudcontrol"', f.read())
        with open(os.path.join(ROOT, "README.md")) as f:
            self.assertIn("`npm install --save-dev ./tests/harness/js @aws-sdk/client-cloudcontrol`", f.read())

    def test_the_node_test_example_passes_in_a_fresh_folder(self):
        if node_major() < 20 or not os.path.isdir(JS_MODULES):
            self.skipTest("the JS SDK needs Node.js 20+ and `npm ci` in tests/clients/js")
        work = tempfile.mkdtemp(prefix="ccemu-jsharness-")
        self.addCleanup(shutil.rmtree, work)
        modules = os.path.join(work, "node_modules")
        os.makedirs(modules)
        for entry in os.listdir(JS_MODULES):
            os.symlink(os.path.join(JS_MODULES, entry), os.path.join(modules, entry))
        shutil.copytree(HARNESS, os.path.join(modules, "ccemu-harness"), ignore=shutil.ignore_patterns("example"))
        shutil.copy(EXAMPLE, work)
        with open(os.path.join(work, "package.json"), "w") as f:
            f.write('{"type": "module"}\n')
        done = subprocess.run(["node", "--test"], cwd=work, capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("# pass 3", done.stdout)


if __name__ == "__main__":
    unittest.main()
