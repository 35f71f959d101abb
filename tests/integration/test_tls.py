"""TLS (README "TLS"): scripts/make-cert makes a self-signed pair, --tls-cert/--tls-key serve HTTPS, and the
real AWS CLI talks to it with --ca-bundle (and refuses it without)."""

import json
import os
import shutil
import ssl
import stat
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
AWS_CLI = shutil.which(os.environ["AWS_CLI"]) if os.environ.get("AWS_CLI") else shutil.which("aws")


@unittest.skipIf(shutil.which("openssl") is None, "no openssl command (scripts/install-deps --test installs it)")
class TlsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ccemu-tls-")
        cls.addClassCleanup(shutil.rmtree, cls.dir)
        made = subprocess.run([os.path.join(ROOT, "scripts", "make-cert"), cls.dir], capture_output=True, text=True,
                              timeout=120)
        assert made.returncode == 0, made.stderr
        cls.cert, cls.key = os.path.join(cls.dir, "cert.pem"), os.path.join(cls.dir, "key.pem")
        cls.server = CcemuServer("--tls-cert", cls.cert, "--tls-key", cls.key)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def aws(self, *args, ca_bundle=True):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION="us-east-1",
                   AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_PAGER="",
                   AWS_EC2_METADATA_DISABLED="true", NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        command = [AWS_CLI, "cloudcontrol", *args, "--endpoint-url", self.server.url, "--output", "json"]
        if ca_bundle:
            command += ["--ca-bundle", self.cert]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)

    def test_make_cert_writes_a_pair_for_localhost_with_a_private_key(self):
        self.assertEqual(stat.S_IMODE(os.stat(self.key).st_mode), 0o600)
        text = subprocess.run(["openssl", "x509", "-in", self.cert, "-noout", "-text"], capture_output=True,
                              text=True, check=True).stdout
        self.assertIn("IP Address:127.0.0.1", text)
        self.assertIn("DNS:localhost", text)

    def test_listening_line_says_https(self):
        self.assertEqual(self.server.scheme, "https")
        self.assertTrue(self.server.url.startswith("https://127.0.0.1:"))

    @unittest.skipIf(AWS_CLI is None, "AWS CLI not found (scripts/install-deps --test installs it)")
    def test_aws_cli_with_ca_bundle(self):
        created = self.aws("create-resource", "--type-name", TYPE_NAME, "--desired-state",
                           json.dumps(salesforce_model("tls1")))
        self.assertEqual(created.returncode, 0, created.stderr)
        token = json.loads(created.stdout)["ProgressEvent"]["RequestToken"]
        status = self.aws("get-resource-request-status", "--request-token", token)
        self.assertEqual(json.loads(status.stdout)["ProgressEvent"]["OperationStatus"], "SUCCESS", status.stderr)
        got = self.aws("get-resource", "--type-name", TYPE_NAME, "--identifier", "tls1")
        self.assertEqual(got.returncode, 0, got.stderr)
        self.assertEqual(json.loads(got.stdout)["ResourceDescription"]["Identifier"], "tls1")

    @unittest.skipIf(AWS_CLI is None, "AWS CLI not found (scripts/install-deps --test installs it)")
    def test_aws_cli_refuses_the_certificate_without_the_bundle(self):
        listed = self.aws("list-resources", "--type-name", TYPE_NAME, ca_bundle=False)
        self.assertNotEqual(listed.returncode, 0)
        self.assertIn("CERTIFICATE_VERIFY_FAILED", listed.stderr)

    def test_admin_api_is_served_over_https_too(self):
        context = ssl.create_default_context(cafile=self.cert)
        with urllib.request.urlopen(self.server.url + "/_ccemu/health", context=context, timeout=30) as response:
            self.assertEqual(json.loads(response.read())["status"], "ok")

    def test_dashboard_is_served_over_https_and_its_own_origin_may_change_state(self):
        context = ssl.create_default_context(cafile=self.cert)
        with urllib.request.urlopen(self.server.url + "/_ccemu/ui", context=context, timeout=30) as response:
            page = response.read().decode()
        self.assertIn('src="/_ccemu/ui/app.js"', page)
        with urllib.request.urlopen(self.server.url + "/_ccemu/ui/app.js", context=context, timeout=30) as response:
            self.assertEqual(response.headers["Content-Type"], "text/javascript; charset=utf-8")
        own = f"127.0.0.1:{self.server.port}"
        for origin, status in ((f"https://{own}", 200), (f"http://{own}", 403)):
            request = urllib.request.Request(self.server.url + "/_ccemu/reset", method="POST", data=b"",
                                             headers={"Origin": origin})
            try:
                with urllib.request.urlopen(request, context=context, timeout=30) as response:
                    got = response.status
            except urllib.error.HTTPError as error:
                got = error.code
            self.assertEqual(got, status, origin)

    def test_tls_1_2_and_1_3_are_both_served(self):
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            with self.subTest(version=version.name):
                context = ssl.create_default_context(cafile=self.cert)
                context.minimum_version = context.maximum_version = version
                with urllib.request.urlopen(self.server.url + "/_ccemu/health", context=context,
                                            timeout=30) as response:
                    self.assertEqual(response.status, 200)

    def test_plain_http_is_not_answered(self):
        with self.assertRaises(Exception):
            urllib.request.urlopen(f"http://127.0.0.1:{self.server.port}/_ccemu/health", timeout=30).read()


class TlsFlagsTest(unittest.TestCase):

    def run_ccemu(self, *flags):
        return subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", *flags], capture_output=True, text=True,
                              timeout=30)

    def test_cert_and_key_go_together(self):
        done = self.run_ccemu("--tls-cert", "cert.pem")
        self.assertEqual(done.returncode, 2)
        self.assertIn("--tls-cert FILE and --tls-key FILE go together", done.stderr)

    def test_unreadable_files_stop_start_up(self):
        done = self.run_ccemu("--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem")
        self.assertEqual(done.returncode, 1)
        self.assertEqual(done.stderr, 'ccemu: cannot load TLS certificate "/nonexistent/cert.pem" and key '
                                      '"/nonexistent/key.pem"\n')


if __name__ == "__main__":
    unittest.main()
