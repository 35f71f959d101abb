"""Black-box tests: the real AWS CLI's `aws appflow ...` against ccemu's native AppFlow API, each step also
checked with `aws cloudcontrol ...` (one store), and the reverse; the errors with status, name and message.

The CLI comes from env AWS_CLI, else `aws` on PATH; without one every test is skipped. The environment is
isolated as in test_aws_cli.py.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model  # noqa: E402
import test_aws_cli  # noqa: E402
from test_aws_cli import AWS_CLI, cli_version  # noqa: E402

ACCOUNT = "123456789012"
CONFIG = {
    "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
    "connectorProfileCredentials": {"Salesforce": {"accessToken": "cli-secret-token"}},
}


def arn(name):
    return f"arn:aws:appflow:us-east-1:{ACCOUNT}:connectorprofile/{name}"


@unittest.skipIf(AWS_CLI is None, "AWS CLI not found: no `aws` on PATH and AWS_CLI not set (scripts/test installs it)")
class AwsCliAppFlowTest(unittest.TestCase):
    env = test_aws_cli.AwsCliTest.env

    @classmethod
    def setUpClass(cls):
        cls.version = cli_version()
        cls.tmp = tempfile.TemporaryDirectory(prefix="ccemu-awscli-appflow-")
        cls.addClassCleanup(cls.tmp.cleanup)
        for name in ("config", "credentials"):
            open(os.path.join(cls.tmp.name, name), "w").close()
        cls.server = CcemuServer()
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        self.assertEqual(self.server.reset() // 100, 2)

    def aws(self, service, *args, endpoint=True, env=None):
        command = [AWS_CLI, service, *args, "--output", "json"]
        if endpoint:
            command += ["--endpoint-url", self.server.url]
        return subprocess.run(command, capture_output=True, text=True, env=env or self.env(), timeout=120)

    def aws_json(self, service, *args, **kwargs):
        done = self.aws(service, *args, **kwargs)
        self.assertEqual(done.returncode, 0, f"aws {service} {' '.join(args)} failed: {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def describe(self, *args):
        return self.aws_json("appflow", "describe-connector-profiles", *args)["connectorProfileDetails"]

    def cc_properties(self, name):
        out = self.aws_json("cloudcontrol", "get-resource", "--type-name", TYPE_NAME, "--identifier", name)
        return json.loads(out["ResourceDescription"]["Properties"])

    def create(self, name):
        return self.aws_json(
            "appflow", "create-connector-profile", "--connector-profile-name", name,
            "--connector-type", "Salesforce", "--connection-mode", "Public",
            "--connector-profile-config", json.dumps(CONFIG),
        )

    def service_error_exit_code(self):
        return 255 if self.version[0] == 1 else 254

    def test_create_describe_update_delete(self):
        self.assertEqual(self.create("cli-af"), {"connectorProfileArn": arn("cli-af")})
        props = self.cc_properties("cli-af")
        self.assertEqual(props["ConnectorProfileArn"], arn("cli-af"))
        self.assertNotIn("ConnectorProfileConfig", props)

        by_name = self.describe("--connector-profile-names", "cli-af")
        self.assertEqual([p["connectorProfileName"] for p in by_name], ["cli-af"])
        self.assertEqual(by_name[0]["credentialsArn"], props["CredentialsArn"])
        self.assertEqual(by_name[0]["connectorProfileProperties"], CONFIG["connectorProfileProperties"])
        self.assertEqual([p["connectorProfileName"] for p in self.describe("--connector-type", "Salesforce")], ["cli-af"])
        self.assertEqual(self.describe("--connector-type", "Snowflake"), [])

        out = self.aws_json(
            "appflow", "update-connector-profile", "--connector-profile-name", "cli-af",
            "--connection-mode", "Private", "--connector-profile-config", json.dumps(CONFIG),
        )
        self.assertEqual(out, {"connectorProfileArn": arn("cli-af")})
        self.assertEqual(self.cc_properties("cli-af")["ConnectionMode"], "Private")

        self.aws_json("appflow", "delete-connector-profile", "--connector-profile-name", "cli-af", "--force-delete")
        listed = self.aws_json("cloudcontrol", "list-resources", "--type-name", TYPE_NAME)
        self.assertEqual(listed["ResourceDescriptions"], [])

    def test_all_pages_with_max_results_one(self):
        for name in ("a1", "a2", "a3"):
            self.create(name)
        # The CLI's own pagination (--page-size) needs a paginator the model does not define, so pages are
        # followed by hand as a script would.
        seen, token = [], None
        while True:
            args = ["--max-results", "1"] + (["--next-token", token] if token else [])
            page = self.aws_json("appflow", "describe-connector-profiles", *args)
            seen += [p["connectorProfileName"] for p in page["connectorProfileDetails"]]
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual(seen, ["a1", "a2", "a3"])

    def test_cloud_control_profile_through_appflow(self):
        self.aws_json("cloudcontrol", "create-resource", "--type-name", TYPE_NAME,
                      "--desired-state", json.dumps(salesforce_model("from-cc")))
        self.assertEqual([p["connectorProfileName"] for p in self.describe()], ["from-cc"])
        self.aws_json("cloudcontrol", "delete-resource", "--type-name", TYPE_NAME, "--identifier", "from-cc")
        self.assertEqual(self.describe(), [])

    def test_errors(self):
        self.create("dup")
        done = self.aws("appflow", "create-connector-profile", "--connector-profile-name", "dup",
                        "--connector-type", "Salesforce", "--connection-mode", "Public",
                        "--connector-profile-config", json.dumps(CONFIG))
        self.assertEqual(done.returncode, self.service_error_exit_code())
        self.assertIn("An error occurred (ConflictException) when calling the CreateConnectorProfile operation: "
                      "Connector Profile with name dup already exists.", done.stderr)
        done = self.aws("appflow", "delete-connector-profile", "--connector-profile-name", "ghost")
        self.assertIn("An error occurred (ResourceNotFoundException) when calling the DeleteConnectorProfile "
                      "operation: Connector Profile with name ghost does not exist.", done.stderr)
        done = self.aws("appflow", "create-connector-profile", "--connector-profile-name", "bad name",
                        "--connector-type", "Salesforce", "--connection-mode", "Public",
                        "--connector-profile-config", json.dumps(CONFIG))
        self.assertIn("An error occurred (ValidationException) when calling the CreateConnectorProfile operation: "
                      "1 validation error detected: Value 'bad name' at 'connectorProfileName' failed to satisfy "
                      "constraint: Member must satisfy regular expression pattern: [\\w/!@#+=.-]+", done.stderr)

    def test_endpoint_from_environment(self):
        if self.version < (1, 29, 0) or (self.version[0] == 2 and self.version < (2, 13, 0)):
            self.skipTest(f"AWS CLI {self.version} predates AWS_ENDPOINT_URL_<SERVICE>")
        self.create("env-af")
        env = self.env(AWS_ENDPOINT_URL_APPFLOW=self.server.url)
        out = self.aws_json("appflow", "describe-connector-profiles", endpoint=False, env=env)
        self.assertEqual([p["connectorProfileName"] for p in out["connectorProfileDetails"]], ["env-af"])


if __name__ == "__main__":
    unittest.main()
