"""The packages as a user installs them (README "Install"): scripts/package builds the .deb and the
tarball from this build; each, unpacked into an empty folder, and a `cmake --install` prefix, give a
binary that serves the shipped schemas with no flags and answers the AWS CLI. The .deb declares what
the binary links. Slow (CTest label `slow`): runs in scripts/test's Release stage only."""

import glob
import json
import os
import re
import shutil
import subprocess
import signal
import socket
import tarfile
import tempfile
import unittest

from ccemu_server import TYPE_NAME
from ccemu_harness import Ccemu

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BUILD = os.path.dirname(os.path.dirname(os.environ.get("CCEMU_BINARY", "/nonexistent/emulator/ccemu")))
AWS_CLI = shutil.which("aws")
MISSING = [tool for tool in ("dpkg-deb", "dpkg-shlibdeps", "help2man", "objdump", "aws") if not shutil.which(tool)]


def run_ok(argv, **kw):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, **kw)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout


def readme_ci_steps():
    """The lines of README's `<!-- ci-steps -->` block, and the README."""
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    return re.search(r"<!-- ci-steps -->\n```sh\n(.*?)\n```", readme, re.S)[1].splitlines(), readme


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bundled_types():
    """The types of the checkout's registry bundle, if it has one."""
    index = os.path.join(ROOT, "schema", "registry", "index.json")
    if not os.path.exists(index):
        return set()
    with open(index) as f:
        return set(json.load(f)["types"])


@unittest.skipIf(MISSING, f"missing {', '.join(MISSING)}: run scripts/install-deps --test")
class PackageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="ccemu-package-")
        cls.addClassCleanup(shutil.rmtree, cls.tmp)
        cls.output = os.path.join(cls.tmp, "packages")
        run_ok([os.path.join(ROOT, "scripts", "package"), "--build-dir", BUILD, "--output", cls.output])
        cls.version = run_ok([os.environ["CCEMU_BINARY"], "--version"]).splitlines()[0].split()[1]
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(cls.home)
        for name in ("config", "credentials"):
            open(os.path.join(cls.home, name), "w").close()

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="unpacked-", dir=self.tmp)

    def deb(self):
        return os.path.join(self.output, f"ccemu_{self.version}_amd64.deb")

    def aws_env(self, path=None):
        return {"PATH": path or os.environ["PATH"], "HOME": self.home, "AWS_ACCESS_KEY_ID": "test",
                "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                "AWS_CONFIG_FILE": os.path.join(self.home, "config"),
                "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.home, "credentials")}

    def aws(self, server, *args):
        return json.loads(run_ok([AWS_CLI, "cloudcontrol", *args, "--endpoint-url", server.endpoint_url],
                                 env=self.aws_env()))

    def assert_serves_with_no_flags(self, binary):
        """Starts `binary` with no flag but --port 0 and checks what a user sees."""
        with Ccemu(binary) as server:
            types = set(server.health()["types"])
            self.assertIn(TYPE_NAME, types)
            self.assertLessEqual(bundled_types(), types)
            listed = self.aws(server, "list-resources", "--type-name", TYPE_NAME)
            self.assertEqual(listed["TypeName"], TYPE_NAME)
            self.assertEqual(listed["ResourceDescriptions"], [])
            self.assertEqual(server.command(), [binary, "--port", "0"])

    def test_the_deb_is_named_for_the_version_and_holds_the_install_layout(self):
        listing = run_ok(["dpkg-deb", "--contents", self.deb()])
        for path in ("./usr/bin/ccemu", "./usr/share/ccemu/schema/AWS-AppFlow-ConnectorProfile.json",
                     "./usr/share/man/man1/ccemu.1.gz", "./usr/share/ccemu/harness/python/pyproject.toml",
                     "./usr/share/ccemu/harness/js/index.js"):
            self.assertRegex(listing, rf"\s{re.escape(path)}\n", path)
        self.assertNotIn("__pycache__", listing)
        self.assertNotIn("/example/", listing)
        self.assertEqual(run_ok(["dpkg-deb", "--field", self.deb(), "Package", "Version", "Architecture"]).split(),
                         ["Package:", "ccemu", "Version:", self.version, "Architecture:", "amd64"])

    def test_the_deb_depends_on_the_package_of_every_library_the_binary_needs(self):
        depends = run_ok(["dpkg-deb", "--field", self.deb(), "Depends"])
        declared = {re.match(r"\s*([^\s(]+)", part)[1] for part in depends.split(",")}
        run_ok(["dpkg-deb", "-x", self.deb(), self.dir])
        binary = os.path.join(self.dir, "usr", "bin", "ccemu")
        needed = re.findall(r"NEEDED\s+(\S+)", run_ok(["objdump", "-p", binary]))
        resolved = dict(re.findall(r"^\s*(\S+) => (/\S+)", run_ok(["ldd", binary]), re.M))
        self.assertIn("libcpp-httplib.so.0.11", needed)
        for library in (resolved[name] for name in needed):
            owner = subprocess.run(["dpkg", "-S", os.path.realpath(library)], capture_output=True, text=True)
            if owner.returncode != 0:  # usrmerge: registered under the other spelling of the path
                owner = subprocess.run(["dpkg", "-S", library], capture_output=True, text=True)
            package = owner.stdout.split(":")[0]
            self.assertIn(package, declared, f"{library} comes from {package}; Depends: {depends}")
        self.assertLessEqual({"libcpp-httplib0.11", "libssl3", "libstdc++6", "libc6"}, declared)

    def test_the_unpacked_deb_serves_with_no_flags_and_answers_the_aws_cli(self):
        run_ok(["dpkg-deb", "-x", self.deb(), self.dir])
        self.assert_serves_with_no_flags(os.path.join(self.dir, "usr", "bin", "ccemu"))

    def test_the_readme_ci_steps_start_the_installed_ccemu_and_answer(self):
        steps, readme = readme_ci_steps()
        ci_section = re.search(r"\n## CI\n(.*?)\n## ", readme, re.S)[1]
        yaml_blocks = re.findall(r"```yaml\n(.*?)```", ci_section, re.S)
        self.assertEqual(len(yaml_blocks), 2)  # GitHub Actions, GitLab CI
        for block in yaml_blocks:
            lines = [re.sub(r"^\s*(- )?", "", line) for line in block.splitlines()]
            for step in steps:
                self.assertIn(step, lines, f"a CI job in README lacks: {step}")
        # Where the jobs `apt-get install` the .deb, /usr/bin/ccemu is on PATH: here, the unpacked one.
        run_ok(["dpkg-deb", "-x", self.deb(), self.dir])
        port = str(free_port())
        script = "\n".join(steps).replace("4566", port)
        path = os.path.join(self.dir, "usr", "bin") + os.pathsep + os.environ["PATH"]
        work = os.path.join(self.dir, "work")
        os.makedirs(work)
        try:
            done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, env=self.aws_env(path),
                                  capture_output=True, text=True, timeout=120)
        finally:
            pid_file = os.path.join(work, "ccemu.pid")
            if os.path.exists(pid_file):
                with open(pid_file) as f:
                    os.kill(int(f.read()), signal.SIGTERM)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertEqual(json.loads(done.stdout[done.stdout.index("{"):])["ResourceDescriptions"], [])

    def test_the_man_page_is_made_from_help(self):
        run_ok(["dpkg-deb", "-x", self.deb(), self.dir])
        page = run_ok(["zcat", os.path.join(self.dir, "usr", "share", "man", "man1", "ccemu.1.gz")])
        self.assertRegex(page, r'\.TH CCEMU "1" .* "ccemu ' + re.escape(self.version))
        self.assertIn("schema\\-dir", page)

    def test_the_tarball_is_relocatable(self):
        tarballs = glob.glob(os.path.join(self.output, f"ccemu-{self.version}-linux-*.tar.gz"))
        self.assertEqual(len(tarballs), 1, os.listdir(self.output))
        with tarfile.open(tarballs[0]) as archive:
            archive.extractall(self.dir)
        (top,) = os.listdir(self.dir)
        moved = os.path.join(self.dir, "anywhere", "else")
        os.makedirs(os.path.dirname(moved))
        os.rename(os.path.join(self.dir, top), moved)
        self.assert_serves_with_no_flags(os.path.join(moved, "bin", "ccemu"))

    def test_cmake_install_into_a_prefix_serves_with_no_flags_and_answers_the_aws_cli(self):
        run_ok(["cmake", "--install", BUILD, "--prefix", self.dir])
        self.assert_serves_with_no_flags(os.path.join(self.dir, "bin", "ccemu"))


if __name__ == "__main__":
    unittest.main()
