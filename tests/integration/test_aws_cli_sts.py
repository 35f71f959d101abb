"""Black-box tests: the real AWS CLI's `aws sts get-caller-identity / assume-role /
assume-role-with-web-identity` against ccemu (README "STS"), then the issued temporary credentials in
the CLI's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) creating a
ConnectorProfile with `aws cloudcontrol` and reading it with `aws appflow`, in the role's account, with
and without --verify-sigv4.

The CLI comes from env AWS_CLI, else `aws` on PATH; without one every test is skipped. The environment is
isolated as in test_aws_cli.py.
"""

import base64
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model  # noqa: E402
import test_aws_cli  # noqa: E402
from test_aws_cli import AWS_CLI  # noqa: E402

ROLE_ACCOUNT = "210987654321"
ROLE_ARN = f"arn:aws:iam::{ROLE_ACCOUNT}:role/deployer"
CREDENTIALS = {"AKIDCLISTS": {"secret_access_key": "cli-sts-secret", "account_id": "111122223333"}}


def jwt(claims):
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'RS256'})}.{part(claims)}.c2ln"


@unittest.skipIf(AWS_CLI is None, "AWS CLI not found: no `aws` on PATH and AWS_CLI not set (scripts/test installs it)")
class AwsCliStsTest(unittest.TestCase):
    FLAGS = ()
    KEY = ("test", "test")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="ccemu-awscli-sts-")
        cls.addClassCleanup(cls.tmp.cleanup)
        for name in ("config", "credentials"):
            open(os.path.join(cls.tmp.name, name), "w").close()
        with open(os.path.join(cls.tmp.name, "keys.json"), "w") as f:
            json.dump(CREDENTIALS, f)
        flags = [flag.replace("{tmp}", cls.tmp.name) for flag in cls.FLAGS]
        cls.server = CcemuServer(*flags)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def env(self, key_id=None, secret=None, token=None):
        env = test_aws_cli.AwsCliTest.env(self, AWS_ACCESS_KEY_ID=key_id or self.KEY[0],
                                          AWS_SECRET_ACCESS_KEY=secret or self.KEY[1])
        if token:
            env["AWS_SESSION_TOKEN"] = token
        return env

    def aws(self, service, *args, env=None):
        command = [AWS_CLI, service, *args, "--output", "json", "--endpoint-url", self.server.url]
        done = subprocess.run(command, capture_output=True, text=True, env=env or self.env(), timeout=120)
        self.assertEqual(done.returncode, 0, f"aws {service} {' '.join(args)} failed: {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def role_env(self, credentials):
        return self.env(credentials["AccessKeyId"], credentials["SecretAccessKey"], credentials["SessionToken"])

    def check_role_owns_profile(self, credentials, name):
        env = self.role_env(credentials)
        event = self.aws("cloudcontrol", "create-resource", "--type-name", TYPE_NAME, "--desired-state",
                         json.dumps(salesforce_model(name)), env=env)["ProgressEvent"]
        done = self.aws("cloudcontrol", "get-resource-request-status", "--request-token", event["RequestToken"],
                        env=env)["ProgressEvent"]
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        profiles = self.aws("appflow", "describe-connector-profiles", "--connector-profile-names", name,
                            env=env)["connectorProfileDetails"]
        self.assertEqual([p["connectorProfileArn"] for p in profiles],
                         [f"arn:aws:appflow:us-east-1:{ROLE_ACCOUNT}:connectorprofile/{name}"])

    def test_get_caller_identity(self):
        out = self.aws("sts", "get-caller-identity")
        account = "123456789012" if self.KEY[0] == "test" else CREDENTIALS[self.KEY[0]]["account_id"]
        self.assertEqual(out, {"UserId": account, "Account": account, "Arn": f"arn:aws:iam::{account}:root"})

    def test_assume_role_then_cloudcontrol_and_appflow(self):
        out = self.aws("sts", "assume-role", "--role-arn", ROLE_ARN, "--role-session-name", "cli")
        self.assertEqual(out["AssumedRoleUser"]["Arn"], f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/deployer/cli")
        self.assertRegex(out["Credentials"]["AccessKeyId"], r"^ASIA[A-Z0-9]{16}$")
        self.assertRegex(out["Credentials"]["Expiration"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d")
        who = self.aws("sts", "get-caller-identity", env=self.role_env(out["Credentials"]))
        self.assertEqual(who["Arn"], out["AssumedRoleUser"]["Arn"])
        self.check_role_owns_profile(out["Credentials"], f"cli-role-{len(self.FLAGS)}")

    def test_assume_role_with_web_identity(self):
        token = jwt({"iss": "https://oidc.example.com", "sub": "ci-job", "aud": "sts.amazonaws.com"})
        # Unsigned: the CLI sends no credentials at all for this operation.
        out = self.aws("sts", "assume-role-with-web-identity", "--role-arn", ROLE_ARN, "--role-session-name", "oidc",
                       "--web-identity-token", token)
        self.assertEqual((out["SubjectFromWebIdentityToken"], out["Audience"]), ("ci-job", "sts.amazonaws.com"))
        self.check_role_owns_profile(out["Credentials"], f"cli-oidc-{len(self.FLAGS)}")

    def test_validation_error_as_the_cli_prints_it(self):
        command = [AWS_CLI, "sts", "assume-role", "--role-arn", ROLE_ARN, "--role-session-name", "bad name",
                   "--endpoint-url", self.server.url]
        done = subprocess.run(command, capture_output=True, text=True, env=self.env(), timeout=120)
        self.assertNotEqual(done.returncode, 0, done.stderr)
        self.assertIn("An error occurred (ValidationError) when calling the AssumeRole operation: 1 validation error "
                      "detected: Value 'bad name' at 'roleSessionName' failed to satisfy constraint: Member must "
                      "satisfy regular expression pattern: [\\w+=,.@-]*", done.stderr)


class AwsCliStsVerifiedTest(AwsCliStsTest):
    FLAGS = ("--verify-sigv4", "--credentials", "{tmp}/keys.json")
    KEY = ("AKIDCLISTS", "cli-sts-secret")


if __name__ == "__main__":
    unittest.main()
