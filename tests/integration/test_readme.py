"""README.md's examples are code: every block marked `<!-- runnable -->` (or `<!-- runnable: FLAGS -->`,
naming ccemu flags the block needs) is run against a fresh ccemu on a free port, with the README's
http://127.0.0.1:4566 pointed at it, and must succeed. So an example cannot rot unnoticed."""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

from ccemu_server import CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
JS_MODULES = os.path.join(ROOT, "tests", "clients", "js", "node_modules")
PYTHON_HARNESS = os.path.join(ROOT, "tests", "harness", "python")
README_URL = "http://127.0.0.1:4566"
BLOCK = re.compile(r"<!-- runnable(?:: (?P<flags>[^>]*?))? -->\n```(?P<lang>\w+)\n(?P<code>.*?)\n```", re.S)


def runnable_blocks():
    with open(os.path.join(ROOT, "README.md")) as f:
        text = f.read()
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield line, match["lang"], shlex.split(match["flags"] or ""), match["code"]


def node_major():
    node = shutil.which("node")
    if not node:
        return 0
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    return int(re.match(r"v(\d+)", version).group(1)) if version.startswith("v") else 0


class ReadmeExamplesTest(unittest.TestCase):

    def test_there_are_runnable_blocks_in_every_language(self):
        self.assertEqual({lang for _, lang, _, _ in runnable_blocks()}, {"sh", "python", "js"})

    def test_every_runnable_block_succeeds(self):
        for line, lang, flags, code in runnable_blocks():
            with self.subTest(line=line, lang=lang):
                self.run_block(lang, flags, code)

    def run_block(self, lang, flags, code):
        if lang == "js" and (node_major() < 20 or not os.path.isdir(JS_MODULES)):
            self.skipTest("the JS SDK needs Node.js 20+ and `npm ci` in tests/clients/js")
        # Flags naming files of the checkout (fixtures/...) are read from the checkout.
        flags = [os.path.join(ROOT, flag) if os.path.exists(os.path.join(ROOT, flag)) else flag for flag in flags]
        work = tempfile.mkdtemp(prefix="ccemu-readme-")
        self.addCleanup(shutil.rmtree, work)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION="us-east-1", HOME=work)
        env.pop("AWS_PROFILE", None)
        # Python examples import the harness as if it were installed (README "Use from tests").
        env["PYTHONPATH"] = PYTHON_HARNESS
        with CcemuServer(*flags) as server:
            code = code.replace(README_URL, server.url)
            if lang == "sh":
                argv = ["bash", "-euo", "pipefail", "-c", code]
            elif lang == "python":
                argv = [sys.executable, "-c", code]
            else:
                os.symlink(JS_MODULES, os.path.join(work, "node_modules"))
                with open(os.path.join(work, "example.mjs"), "w") as f:
                    f.write(code)
                argv = ["node", "example.mjs"]
            done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")


if __name__ == "__main__":
    unittest.main()
