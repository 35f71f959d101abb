"""README.md's examples are code: every block marked `<!-- runnable -->` is run, in README order, against
one ccemu on a free port (README's http://127.0.0.1:4566 pointed at it), as a reader who runs the whole
README top to bottom on one server would; each must succeed (shell blocks under `bash -e -o pipefail`,
so any failing command fails it). A block marked `<!-- runnable: FLAGS -->` needs ccemu started with
those flags, so it gets its own server. A runnable block followed at once by a block marked
`<!-- output -->` shows what it prints: its output must match, `…` standing for any text (an honest
abbreviation). So an example cannot rot, or go wrong only when run after the others, unnoticed."""

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
BLOCK = re.compile(r"<!-- runnable(?:: (?P<flags>[^>]*?))? -->\n```(?P<lang>\w+)\n(?P<code>.*?)\n```\n"
                   r"(?:<!-- output -->\n```\w*\n(?P<output>.*?)\n```\n)?", re.S)
ABBREVIATION = "…"


def readme():
    with open(os.path.join(ROOT, "README.md")) as f:
        return f.read()


def runnable_blocks():
    text = readme()
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        yield line, match["lang"], shlex.split(match["flags"] or ""), match["code"], match["output"]


def output_pattern(shown):
    """The regular expression a shown output stands for: literal text, `…` matching anything."""
    return re.compile(".*?".join(re.escape(part) for part in shown.split(ABBREVIATION)), re.S)


def node_major():
    node = shutil.which("node")
    if not node:
        return 0
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout
    return int(re.match(r"v(\d+)", version).group(1)) if version.startswith("v") else 0


class ReadmeExamplesTest(unittest.TestCase):

    def test_there_are_runnable_blocks_in_every_language(self):
        self.assertEqual({lang for _, lang, _, _, _ in runnable_blocks()}, {"sh", "python", "js"})

    def test_every_output_marker_follows_a_runnable_block(self):
        shown = sum(1 for *_, output in runnable_blocks() if output is not None)
        self.assertEqual(shown, readme().count("<!-- output -->"))

    def test_the_answers_readme_shows_are_checked(self):
        # Health and state loads are answers users compare theirs with: each is shown and compared.
        outputs = [output for *_, output in runnable_blocks() if output]
        self.assertTrue(any('"status":"ok","types":[' in output for output in outputs))
        self.assertTrue(any('{"status":"loaded"}' in output for output in outputs))
        self.assertTrue(any("holds the marker" in output for output in outputs))

    def test_every_runnable_block_succeeds_in_order_on_one_server(self):
        with CcemuServer() as shared:
            for line, lang, flags, code, output in runnable_blocks():
                with self.subTest(line=line, lang=lang):
                    if flags:
                        with CcemuServer(*self.checkout_paths(flags)) as own:
                            self.run_block(own, lang, code, output)
                    else:
                        self.run_block(shared, lang, code, output)

    @staticmethod
    def checkout_paths(flags):
        """Flags naming files of the checkout (fixtures/...) are read from the checkout."""
        return [os.path.join(ROOT, flag) if os.path.exists(os.path.join(ROOT, flag)) else flag for flag in flags]

    def run_block(self, server, lang, code, output):
        if lang == "js" and (node_major() < 20 or not os.path.isdir(JS_MODULES)):
            self.skipTest("the JS SDK needs Node.js 20+ and `npm ci` in tests/clients/js")
        work = tempfile.mkdtemp(prefix="ccemu-readme-")
        self.addCleanup(shutil.rmtree, work)
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION="us-east-1", HOME=work)
        env.pop("AWS_PROFILE", None)
        # Python examples import the harness as if it were installed (README "Use from tests").
        env["PYTHONPATH"] = PYTHON_HARNESS
        code = code.replace(README_URL, server.url)
        if lang == "sh":
            argv = ["bash", "-e", "-u", "-o", "pipefail", "-c", code]
        elif lang == "python":
            argv = [sys.executable, "-c", code]
        else:
            os.symlink(JS_MODULES, os.path.join(work, "node_modules"))
            with open(os.path.join(work, "example.mjs"), "w") as f:
                f.write(code)
            argv = ["node", "example.mjs"]
        done = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(done.returncode, 0, f"stdout:\n{done.stdout}\nstderr:\n{done.stderr}")
        if output is not None:
            printed = done.stdout.strip().replace(server.url, README_URL)
            self.assertTrue(output_pattern(output).fullmatch(printed),
                            f"README shows another answer.\nREADME:\n{output}\nccemu:\n{printed}")


class ReadmeLayoutTest(unittest.TestCase):
    """The front door: a short quick start first, then a table of contents of every section."""

    def sections(self):
        return re.findall(r"^## (.+)$", readme(), re.M)

    def test_the_quick_start_comes_first_and_is_short(self):
        text = readme()
        self.assertEqual(self.sections()[0], "Quick start")
        start = text.index("## Quick start\n")
        quick_start = text[start:text.index("\n## ", start + 1)]
        self.assertLessEqual(quick_start.count("\n"), 32, quick_start)
        for step in ("scripts/run", "aws cloudcontrol", "/_ccemu/state", "Ctrl-C"):
            self.assertIn(step, quick_start)

    def test_the_contents_list_every_section_in_order(self):
        text = readme()
        start = text.index("## Contents\n")
        contents = text[start:text.index("\n## ", start + 1)]
        linked = re.findall(r"^\s*- \[([^\]]+)\]\(#([^)]+)\)", contents, re.M)
        expected = [s for s in self.sections() if s != "Contents"]
        self.assertEqual([title for title, _ in linked], expected,
                         "README's Contents must list every `## ` section, in order, as `- [Title](#anchor)`")
        for title, anchor in linked:
            # GitHub's anchors: lower case, punctuation but `-` and `_` dropped, blanks made `-`.
            self.assertEqual(anchor, re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-"), title)


if __name__ == "__main__":
    unittest.main()
