"""Black-box tests: the real AWS CLI talks to a ccemu binary (spec cloudcontrol-api.md §6 and §9).

The CLI comes from env AWS_CLI, else `aws` on PATH; without one every test is skipped. Each invocation
gets fixed dummy credentials, a region, empty config/credentials files and no other AWS_* variables,
so the user's setup cannot interfere. Nothing here sleeps.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model  # noqa: E402

AWS_CLI = shutil.which(os.environ["AWS_CLI"]) if os.environ.get("AWS_CLI") else shutil.which("aws")
ACCOUNT = "123456789012"  # "test" is not a 12-digit access key, so ccemu uses its default account
CREDENTIALS_ARN = r"arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-{}-\d+-[A-Za-z0-9]{{6}}"


def cli_version():
    """(major, minor, patch) of the CLI, from `aws --version` (v1 may print it on stderr)."""
    done = subprocess.run([AWS_CLI, "--version"], capture_output=True, text=True, timeout=60)
    match = re.search(r"aws-cli/(\d+)\.(\d+)\.(\d+)", done.stdout + done.stderr)
    if not match:
        raise RuntimeError("cannot read the AWS CLI version: " + done.stdout + done.stderr)
    return tuple(int(part) for part in match.groups())


@unittest.skipIf(AWS_CLI is None, "AWS CLI not found: no `aws` on PATH and AWS_CLI not set (scripts/test installs it)")
class AwsCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.version = cli_version()
        cls.tmp = tempfile.TemporaryDirectory(prefix="ccemu-awscli-")
        cls.addClassCleanup(cls.tmp.cleanup)
        for name in ("config", "credentials"):
            open(os.path.join(cls.tmp.name, name), "w").close()
        cls.server = CcemuServer()
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        status, _, _ = self.server.raw("POST", "/_ccemu/reset")
        self.assertEqual(status // 100, 2, "POST /_ccemu/reset failed")

    # --- helpers -----------------------------------------------------------------------------------

    def env(self, **extra):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            env.pop(proxy, None)
        env.update(
            AWS_ACCESS_KEY_ID="test",
            AWS_SECRET_ACCESS_KEY="test",
            AWS_DEFAULT_REGION="us-east-1",
            AWS_CONFIG_FILE=os.path.join(self.tmp.name, "config"),
            AWS_SHARED_CREDENTIALS_FILE=os.path.join(self.tmp.name, "credentials"),
            AWS_PAGER="",  # CLI v2 would otherwise page the output
            AWS_EC2_METADATA_DISABLED="true",
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )
        env.update(extra)
        return env

    def aws(self, *args, endpoint=True, env=None):
        """Runs `aws cloudcontrol <args> --output json [--endpoint-url URL]`; returns CompletedProcess."""
        command = [AWS_CLI, "cloudcontrol", *args, "--output", "json"]
        if endpoint:
            command += ["--endpoint-url", self.server.url]
        return subprocess.run(command, capture_output=True, text=True, env=env or self.env(), timeout=120)

    def aws_json(self, *args, **kwargs):
        done = self.aws(*args, **kwargs)
        self.assertEqual(done.returncode, 0, f"aws {' '.join(args)} failed: {done.stderr}")
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def create(self, name, **kwargs):
        out = self.aws_json(
            "create-resource", "--type-name", TYPE_NAME, "--desired-state", json.dumps(salesforce_model(name)), **kwargs
        )
        return out["ProgressEvent"]

    def properties(self, name):
        out = self.aws_json("get-resource", "--type-name", TYPE_NAME, "--identifier", name)
        self.assertEqual(out["TypeName"], TYPE_NAME)
        self.assertEqual(out["ResourceDescription"]["Identifier"], name)
        self.assertIsInstance(out["ResourceDescription"]["Properties"], str)  # JSON text, not an object
        return json.loads(out["ResourceDescription"]["Properties"])

    def service_error_exit_code(self):
        # CLI v1 exits 255 on a service error (spec §9 [V]); CLI v2 (Debian's awscli 2.x) documents 254 for it.
        return 255 if self.version[0] == 1 else 254

    # --- tests -------------------------------------------------------------------------------------

    def test_create_get_list_update_delete(self):
        event = self.create("cli-p1")
        self.assertEqual(event["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(event["Operation"], "CREATE")
        self.assertEqual(event["TypeName"], TYPE_NAME)
        self.assertEqual(event["Identifier"], "cli-p1")
        token = event["RequestToken"]

        status = self.aws_json("get-resource-request-status", "--request-token", token)["ProgressEvent"]
        self.assertEqual(status["OperationStatus"], "SUCCESS")
        self.assertEqual(status["RequestToken"], token)
        self.assertEqual(status["Identifier"], "cli-p1")

        props = self.properties("cli-p1")
        self.assertNotIn("ConnectorProfileConfig", props)  # write-only
        self.assertNotIn("KMSArn", props)  # write-only
        self.assertEqual(props["ConnectorProfileName"], "cli-p1")
        self.assertEqual(props["ConnectorType"], "Salesforce")
        self.assertEqual(props["ConnectionMode"], "Public")
        # [I] generated ARN formats (spec §7).
        self.assertEqual(props["ConnectorProfileArn"], f"arn:aws:appflow:us-east-1:{ACCOUNT}:connectorprofile/cli-p1")
        self.assertRegex(props["CredentialsArn"], "^" + CREDENTIALS_ARN.format("cli-p1") + "$")
        credentials_arn = props["CredentialsArn"]

        listed = self.aws_json("list-resources", "--type-name", TYPE_NAME)
        self.assertIn("cli-p1", [d["Identifier"] for d in listed["ResourceDescriptions"]])

        patch = '[{"op":"replace","path":"/ConnectionMode","value":"Private"}]'
        event = self.aws_json(
            "update-resource", "--type-name", TYPE_NAME, "--identifier", "cli-p1", "--patch-document", patch
        )["ProgressEvent"]
        self.assertEqual(event["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(event["Operation"], "UPDATE")
        props = self.properties("cli-p1")
        self.assertEqual(props["ConnectionMode"], "Private")
        self.assertEqual(props["CredentialsArn"], credentials_arn)  # stable across updates

        event = self.aws_json("delete-resource", "--type-name", TYPE_NAME, "--identifier", "cli-p1")["ProgressEvent"]
        self.assertEqual(event["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(event["Operation"], "DELETE")

        done = self.aws("get-resource", "--type-name", TYPE_NAME, "--identifier", "cli-p1")
        self.assertEqual(done.returncode, self.service_error_exit_code(), done.stderr)
        self.assertIn("ResourceNotFoundException", done.stderr)
        self.assertIn("GetResource", done.stderr)

    def test_waiter_returns_at_once(self):
        token = self.create("cli-wait")["RequestToken"]
        done = self.aws("wait", "resource-request-success", "--request-token", token, "--debug")
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        # The waiter polls again only after its 5 s delay: one status call means the first answer
        # was already SUCCESS.
        polls = re.findall(r"Making request for OperationModel\(name=GetResourceRequestStatus\)",
                           done.stderr)
        self.assertEqual(len(polls), 1, done.stderr[-2000:])

    def test_list_resources_auto_paginates(self):
        names = [f"cli-page-{i}" for i in range(5)]
        for name in names:
            self.create(name)
        listed = self.aws_json("list-resources", "--type-name", TYPE_NAME, "--page-size", "2")
        identifiers = [d["Identifier"] for d in listed["ResourceDescriptions"]]
        self.assertEqual(sorted(identifiers), sorted(names))  # all 5, none twice
        self.assertNotIn("NextToken", listed)
        for description in listed["ResourceDescriptions"]:  # [I] list returns the GetResource view
            props = json.loads(description["Properties"])
            self.assertEqual(props["ConnectorProfileName"], description["Identifier"])
            self.assertNotIn("ConnectorProfileConfig", props)

    def test_endpoint_from_environment_variable(self):
        # Service-specific endpoint variables arrived in CLI v1.29.0 and v2.13.0.
        if self.version < ((1, 29, 0) if self.version[0] == 1 else (2, 13, 0)):
            self.skipTest("AWS CLI %d.%d.%d predates AWS_ENDPOINT_URL_CLOUDCONTROL" % self.version)
        env = self.env(AWS_ENDPOINT_URL_CLOUDCONTROL=self.server.url, AWS_MAX_ATTEMPTS="1")
        out = self.aws_json(
            "create-resource",
            "--type-name",
            TYPE_NAME,
            "--desired-state",
            json.dumps(salesforce_model("cli-env")),
            "--cli-connect-timeout",
            "5",
            endpoint=False,
            env=env,
        )
        self.assertEqual(out["ProgressEvent"]["Identifier"], "cli-env")
        out = self.aws_json(
            "get-resource", "--type-name", TYPE_NAME, "--identifier", "cli-env", "--cli-connect-timeout", "5",
            endpoint=False, env=env,
        )
        self.assertEqual(json.loads(out["ResourceDescription"]["Properties"])["ConnectorProfileName"], "cli-env")

    # --- identifier forms (README "Identifiers: compound and URL") ---------------------------------

    def test_compound_identifier_joined_in_primary_identifier_order_or_as_json(self):
        # AWS::Logs::LogStream's primaryIdentifier is [LogGroupName, LogStreamName] (its registry schema). The
        # Cloud Control user guide ("Identifying resources"): a compound identifier is its values joined with
        # `|` in that order, or JSON in any order.
        model = {"LogGroupName": "app", "LogStreamName": "web-1"}
        out = self.aws_json("create-resource", "--type-name", "AWS::Logs::LogStream", "--desired-state", json.dumps(model))
        self.assertEqual(out["ProgressEvent"]["Identifier"], "app|web-1")
        for identifier in ("app|web-1", '{"LogStreamName":"web-1","LogGroupName":"app"}'):
            out = self.aws_json("get-resource", "--type-name", "AWS::Logs::LogStream", "--identifier", identifier)
            self.assertEqual(out["ResourceDescription"]["Identifier"], "app|web-1")
        done = self.aws("get-resource", "--type-name", "AWS::Logs::LogStream", "--identifier", "web-1|app")
        self.assertEqual(done.returncode, self.service_error_exit_code(), done.stderr)
        self.assertIn("ResourceNotFoundException", done.stderr)

    def test_url_identifier_as_json_or_with_cli_follow_urlparam_off(self):
        out = self.aws_json("create-resource", "--type-name", "AWS::SQS::Queue", "--desired-state", '{"QueueName":"jobs"}')
        # The service makes the QueueUrl: the first event names no identifier yet (issue 18), the status does.
        self.assertNotIn("Identifier", out["ProgressEvent"])
        out = self.aws_json("get-resource-request-status", "--request-token", out["ProgressEvent"]["RequestToken"])
        queue = out["ProgressEvent"]["Identifier"]
        self.assertTrue(queue.startswith("https://sqs.us-east-1.amazonaws.com/123456789012/"), queue)
        get = ("get-resource", "--type-name", "AWS::SQS::Queue", "--identifier")
        out = self.aws_json(*get, json.dumps({"QueueUrl": queue}))
        self.assertEqual(out["ResourceDescription"]["Identifier"], queue)
        # The CLI's own fetch of the URL goes to a proxy that refuses it, so nothing leaves this machine.
        offline = {"HTTPS_PROXY": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9"}
        if self.version[0] == 1:
            # awscli v1's paramfile.py fetches http(s):// values unless cli_follow_urlparam is false.
            done = self.aws(*get, queue, env=self.env(**offline))
            self.assertNotEqual(done.returncode, 0)
            self.assertIn(f"Unable to retrieve {queue}", done.stderr)
        config = os.path.join(self.tmp.name, "config-follow-urlparam-off")
        with open(config, "w") as f:
            f.write("[default]\ncli_follow_urlparam = false\n")
        out = self.aws_json(*get, queue, env=self.env(AWS_CONFIG_FILE=config, **offline))
        self.assertEqual(out["ResourceDescription"]["Identifier"], queue)


if __name__ == "__main__":
    unittest.main()
