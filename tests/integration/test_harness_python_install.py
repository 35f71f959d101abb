"""The Python harness as a user installs it (README "Use from tests"): README's install recipe (the
block marked `<!-- harness-install -->`) run line by line, under `bash -e`, in a project folder holding
the example pytest suite (tests/harness/python/example, plus the reset opt-out marker), with the
checkout's path in place of README's `~/src/ccemu` and a `python3` first on PATH that is not Debian's.
It installs the harness offline into a fresh venv and runs the suite through the plugin's fixtures;
then the suite runs again under pytest-xdist. Slow (CTest label `slow`): runs in scripts/test's Release
stage only."""

import os
import re
import shutil
import subprocess
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
HARNESS = os.path.join(ROOT, "tests", "harness", "python")
EXAMPLE = os.path.join(HARNESS, "example")
DEBIAN_PYTHON = "/usr/bin/python3"
NEEDED = "import boto3, ensurepip, pytest, setuptools, wheel"
README_CHECKOUT = "~/src/ccemu"
# Stands in for another python3 first on PATH (pyenv's, say), whose venvs lack wheel.
OTHER_PYTHON = "#!/bin/sh\necho 'not Debian'\''s python3' >&2\nexit 1\n"


def readme_recipe():
    with open(os.path.join(ROOT, "README.md")) as f:
        return re.search(r"<!-- harness-install -->\n```sh\n(.*?)\n```", f.read(), re.S)[1]


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


def debian_python_can_install():
    return os.path.exists(DEBIAN_PYTHON) and subprocess.run([DEBIAN_PYTHON, "-c", NEEDED],
                                                             capture_output=True).returncode == 0


@unittest.skipUnless(debian_python_can_install(), f"Debian's python3 cannot `{NEEDED}`: run scripts/install-deps --test")
class PythonHarnessInstallTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ccemu-pyharness-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp)
        # A checkout as README's recipe expects one: the harness (a copy, so pip's in-tree build leaves
        # nothing in this one) and the built binary.
        checkout = os.path.join(cls.tmp, "ccemu")
        shutil.copytree(HARNESS, os.path.join(checkout, "tests", "harness", "python"),
                        ignore=shutil.ignore_patterns("example", "__pycache__", "build", "*.egg-info"))
        os.makedirs(os.path.join(checkout, "build", "emulator"))
        os.symlink(os.environ["CCEMU_BINARY"], os.path.join(checkout, "build", "emulator", "ccemu"))
        other_bin = os.path.join(cls.tmp, "other-python")
        os.makedirs(other_bin)
        with open(os.path.join(other_bin, "python3"), "w") as f:
            f.write(OTHER_PYTHON)
        os.chmod(os.path.join(other_bin, "python3"), 0o755)
        cls.suite = os.path.join(cls.tmp, "project")
        shutil.copytree(EXAMPLE, cls.suite, ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(cls.suite, "test_keep_state.py"), "w") as f:
            f.write(KEEP_STATE_TESTS)
        cls.env = dict(os.environ, PIP_NO_INDEX="1", PATH=other_bin + os.pathsep + os.environ["PATH"])
        for name in ("PYTHONPATH", "CCEMU_BINARY"):
            cls.env.pop(name, None)
        recipe = readme_recipe().replace(README_CHECKOUT, checkout)
        cls.recipe = subprocess.run(["bash", "-e", "-u", "-o", "pipefail", "-c", recipe], cwd=cls.suite,
                                    env=cls.env, capture_output=True, text=True, timeout=600)
        cls.python = os.path.join(cls.suite, ".venv", "bin", "python")
        cls.binary = os.path.join(checkout, "build", "emulator", "ccemu")

    def test_readmes_recipe_installs_the_harness_and_runs_the_suite(self):
        self.assertEqual(self.recipe.returncode, 0, self.recipe.stdout + self.recipe.stderr)
        self.assertIn("7 passed", self.recipe.stdout)
        self.assertFalse(os.path.exists(os.path.join(self.suite, ".venv", "bin", "pytest")))

    def test_the_installed_package_is_the_plugin(self):
        done = subprocess.run([self.python, "-c", "import ccemu_harness, importlib.metadata as m; "
                               "print(ccemu_harness.__file__); "
                               "print([e.value for e in m.entry_points(group='pytest11') if e.name == 'ccemu'])"],
                              env=self.env, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, self.recipe.stderr + done.stderr)
        path, plugins = done.stdout.splitlines()
        self.assertTrue(path.startswith(self.tmp), path)
        self.assertEqual(plugins, "['ccemu_harness.pytest_plugin']")

    def test_the_example_suite_passes_under_xdist(self):
        if subprocess.run([DEBIAN_PYTHON, "-c", "import xdist"], capture_output=True).returncode != 0:
            self.skipTest("pytest-xdist is not installed (Debian: python3-pytest-xdist)")
        # --dist loadfile keeps each file's tests in order on one worker; each worker has its own ccemu.
        done = subprocess.run([self.python, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "2",
                               "--dist", "loadfile"], cwd=self.suite, env=dict(self.env, CCEMU_BINARY=self.binary),
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, self.recipe.stderr + done.stdout + done.stderr)
        self.assertIn("7 passed", done.stdout)


if __name__ == "__main__":
    unittest.main()
