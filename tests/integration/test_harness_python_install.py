"""The Python harness as a user installs it (README "Use from tests"): `pip install` offline into a fresh
virtual environment, then the example pytest suite (tests/harness/python/example) run in a temporary
folder through the plugin's fixtures (plus the reset opt-out marker), once in one process and once
under pytest-xdist. Slow (CTest label `slow`): runs in scripts/test's Release stage only."""

import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HARNESS = os.path.join(ROOT, "tests", "harness", "python")
EXAMPLE = os.path.join(HARNESS, "example")
NEEDED = "import boto3, ensurepip, pytest, setuptools, wheel"


# The opt-out marker, beside the example: the second test sees what the first left.
KEEP_STATE_TESTS = """
import pytest
from test_connector_profiles import create_profile, listed


def test_first_creates(cloudcontrol_client):
    create_profile(cloudcontrol_client, "kept")


@pytest.mark.ccemu_no_reset
def test_then_sees_it_kept(cloudcontrol_client, ccemu):
    assert listed(cloudcontrol_client) == ["kept"]
    assert "kept" in str(ccemu.state())
"""


def interpreter():
    """A Python that can make a venv and build the harness offline, with pytest and boto3 to lend it:
    this one, else Debian's (scripts/install-deps --test installs what it needs)."""
    for candidate in (sys.executable, "/usr/bin/python3"):
        if os.path.exists(candidate) and subprocess.run([candidate, "-c", NEEDED], capture_output=True).returncode == 0:
            return candidate
    return None


PYTHON = interpreter()


@unittest.skipIf(PYTHON is None, f"no Python here can `{NEEDED}`: run scripts/install-deps --test")
class PythonHarnessInstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ccemu-pyharness-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp)
        # A copy, so pip's in-tree build leaves nothing in the checkout.
        source = os.path.join(cls.tmp, "ccemu-harness")
        shutil.copytree(HARNESS, source, ignore=shutil.ignore_patterns("example", "__pycache__", "build", "*.egg-info"))
        venv = os.path.join(cls.tmp, "venv")
        cls.run_ok([PYTHON, "-m", "venv", "--system-site-packages", venv])
        cls.python = os.path.join(venv, "bin", "python")
        cls.run_ok([cls.python, "-m", "pip", "install", "--no-index", "--no-build-isolation", "--quiet", source])
        cls.suite = os.path.join(cls.tmp, "suite")
        shutil.copytree(EXAMPLE, cls.suite, ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(cls.suite, "test_keep_state.py"), "w") as f:
            f.write(KEEP_STATE_TESTS)

    @staticmethod
    def run_ok(argv, **kw):
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, **kw)
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done

    def pytest(self, *flags):
        env = dict(os.environ, PIP_NO_INDEX="1")
        env.pop("PYTHONPATH", None)
        return subprocess.run([self.python, "-m", "pytest", "-p", "no:cacheprovider", "-q", *flags], cwd=self.suite,
                              env=env, capture_output=True, text=True, timeout=300)

    def test_the_installed_package_is_the_plugin(self):
        done = self.run_ok([self.python, "-c", "import ccemu_harness, importlib.metadata as m; "
                            "print(ccemu_harness.__file__); "
                            "print([e.value for e in m.entry_points(group='pytest11') if e.name == 'ccemu'])"])
        path, plugins = done.stdout.splitlines()
        self.assertTrue(path.startswith(self.tmp), path)
        self.assertEqual(plugins, "['ccemu_harness.pytest_plugin']")

    def test_the_example_suite_passes_in_one_process(self):
        done = self.pytest("-p", "no:xdist")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("7 passed", done.stdout)

    def test_the_example_suite_passes_under_xdist(self):
        if subprocess.run([self.python, "-c", "import xdist"], capture_output=True).returncode != 0:
            self.skipTest("pytest-xdist is not installed (Debian: python3-pytest-xdist)")
        # --dist loadfile keeps each file's tests in order on one worker; each worker has its own ccemu.
        done = self.pytest("-n", "2", "--dist", "loadfile")
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("7 passed", done.stdout)


if __name__ == "__main__":
    unittest.main()
