"""The container image (scripts/Dockerfile, README "Install") built and run with podman, as the issue's
CI can: a Debian 12 base made with `debootstrap --variant=minbase bookworm` and `podman import` (kept
as localhost/ccemu-test-base:bookworm for later runs), the image built by scripts/container-image
with `--isolation chroot`, a container run with runc on the host's network. It answers the AWS CLI,
runs as a non-root user and its HEALTHCHECK passes. Skips, saying why, where the tools are missing.
Slow (CTest label `slow`): runs in scripts/test's Release stage only."""

import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.request

from test_package import free_port

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BUILD = os.path.dirname(os.path.dirname(os.environ.get("CCEMU_BINARY", "/nonexistent/emulator/ccemu")))
BASE = "localhost/ccemu-test-base:bookworm"
MISSING = [tool for tool in ("podman", "runc", "debootstrap", "aws") if not shutil.which(tool)]
# Some CI machines (ours among them) refuse podman's default resource limits.
RUN_FLAGS = ["--runtime", "runc", "--network", "host", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024"]


def run_ok(argv, timeout=900, **kw):
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, **kw)
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return done.stdout


def ensure_base_image(work):
    if subprocess.run(["podman", "image", "exists", BASE]).returncode == 0:
        return
    root = os.path.join(work, "bookworm")
    run_ok(["debootstrap", "--variant=minbase", "bookworm", root, "http://deb.debian.org/debian"])
    tarball = os.path.join(work, "bookworm.tar")
    run_ok(["tar", "-C", root, "-cf", tarball, "."])
    run_ok(["podman", "import", tarball, BASE])


@unittest.skipIf(MISSING, f"missing {', '.join(MISSING)} (Debian: podman runc debootstrap awscli)")
@unittest.skipIf(os.geteuid() != 0, "debootstrap and podman's chroot builds need root here")
class ContainerImageTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.work = tempfile.mkdtemp(prefix="ccemu-container-")
        cls.addClassCleanup(shutil.rmtree, cls.work)
        ensure_base_image(cls.work)
        cls.image = f"localhost/ccemu-test:{os.getpid()}"
        run_ok([os.path.join(ROOT, "scripts", "container-image"), "--base", BASE, "--tag", cls.image,
                "--build-dir", BUILD, "--", "--isolation", "chroot"])
        cls.addClassCleanup(subprocess.run, ["podman", "rmi", "-f", cls.image], capture_output=True)
        cls.port = free_port()
        cls.container = run_ok(["podman", "run", "-d", *RUN_FLAGS, "-e", f"CCEMU_PORT={cls.port}", cls.image]).strip()
        cls.addClassCleanup(subprocess.run, ["podman", "rm", "-f", cls.container], capture_output=True)
        cls.endpoint = f"http://127.0.0.1:{cls.port}"
        cls.wait_for_health()

    @classmethod
    def wait_for_health(cls, deadline_seconds=30):
        deadline = time.monotonic() + deadline_seconds
        while True:
            try:
                with urllib.request.urlopen(cls.endpoint + "/_ccemu/health", timeout=5) as answer:
                    return json.load(answer)
            except OSError as exc:
                if time.monotonic() > deadline:
                    logs = subprocess.run(["podman", "logs", cls.container], capture_output=True, text=True)
                    raise AssertionError(f"no health answer from the container: {exc}; logs: {logs.stdout}{logs.stderr}")
            time.sleep(0.05)  # not listening yet: poll again until the deadline

    def test_it_answers_the_aws_cli_with_the_shipped_types(self):
        home = os.path.join(self.work, "home")
        os.makedirs(home, exist_ok=True)
        for name in ("config", "credentials"):
            open(os.path.join(home, name), "w").close()
        env = {"PATH": os.environ["PATH"], "HOME": home, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
               "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": os.path.join(home, "config"),
               "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials")}
        listed = json.loads(run_ok(["aws", "cloudcontrol", "list-resources", "--endpoint-url", self.endpoint,
                                    "--type-name", "AWS::AppFlow::ConnectorProfile"], env=env))
        self.assertEqual(listed["ResourceDescriptions"], [])

    def test_it_listens_on_all_addresses_inside_and_runs_as_a_non_root_user(self):
        logs = run_ok(["podman", "logs", self.container])
        self.assertIn(f"ccemu listening on http://0.0.0.0:{self.port}", logs)
        self.assertNotEqual(run_ok(["podman", "exec", self.container, "id", "-u"]).strip(), "0")

    def test_the_image_declares_its_port_and_healthcheck_and_the_check_passes(self):
        inspected = json.loads(run_ok(["podman", "image", "inspect", self.image]))[0]
        self.assertIn("4566/tcp", inspected["Config"]["ExposedPorts"])
        self.assertEqual(inspected["Config"]["User"], "ccemu")
        self.assertIn("/_ccemu/health", " ".join(inspected["Healthcheck"]["Test"]))
        run_ok(["podman", "healthcheck", "run", self.container])


if __name__ == "__main__":
    unittest.main()
