"""Helpers for the --record / --replay / --upstream suites: recordings in a scratch folder that are
grepped for every secret the tests sent when the test class ends, boto3 clients with explicit
credentials, and a boto3 replay of any fixture file.
"""

import datetime
import json
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "clients", "python")))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

from boto3_support import isolate_environment, restore_environment  # noqa: E402,F401  (for the suites)
from fixture_scenarios import REPOSITORY, SENT_SECRETS  # noqa: E402

FIXTURES = os.path.join(REPOSITORY, "fixtures")
COMMITTED = os.path.join(FIXTURES, "recordings")

# Client credentials the suites send (besides the scenarios'); none may reach a recording.
CLIENT_ACCESS_KEY = "AKIAFIXTURECLIENT001"
CLIENT_SECRET_KEY = "fixture-client-secret-key-00000000000001"
CLIENT_SESSION_TOKEN = "fixture-client-session-token-000000000001"
# The credentials ccemu signs upstream requests with (--upstream reads them from the environment).
UPSTREAM_ACCESS_KEY = "AKIAFIXTUREUPSTREAM1"
UPSTREAM_SECRET_KEY = "fixture-upstream-secret-key-000000000001"
UPSTREAM_SESSION_TOKEN = "fixture-upstream-session-token-0000000001"
# Write-only values of the models the suites create themselves.
MODEL_SECRETS = ["fixture-sf-access-token", "fixture-sf-refresh-token", "fixture-sf-rotated-token",
                 "arn:aws:kms:us-east-1:123456789012:key/fixture-kms-key"]

ALL_SECRETS = sorted(set(SENT_SECRETS) | {CLIENT_ACCESS_KEY, CLIENT_SECRET_KEY, CLIENT_SESSION_TOKEN,
                                          UPSTREAM_ACCESS_KEY, UPSTREAM_SECRET_KEY, UPSTREAM_SESSION_TOKEN}
                     | set(MODEL_SECRETS))


def secrets_in(path):
    """[(secret, line number)] for every secret of ALL_SECRETS found in the file."""
    found = []
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            for secret in ALL_SECRETS:
                if secret.encode() in line:
                    found.append((secret, number))
    return found


class RecordingsMixin:
    """For unittest.TestCase classes: `self.recording(name)` gives a fresh path in a scratch folder;
    when the class ends, every file written there is grepped for ALL_SECRETS (and the class fails if one
    appears)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scratch = tempfile.mkdtemp(prefix="ccemu-recordings-")
        cls.addClassCleanup(cls._check_and_remove_recordings)

    @classmethod
    def _check_and_remove_recordings(cls):
        leaks = []
        for name in sorted(os.listdir(cls.scratch)):
            leaks += [f"{name} line {line}: {secret!r}" for secret, line in secrets_in(os.path.join(cls.scratch, name))]
        shutil.rmtree(cls.scratch, ignore_errors=True)
        if leaks:
            raise AssertionError("secrets in recordings written by the tests: " + "; ".join(leaks))

    def recording(self, name):
        return os.path.join(self.scratch, f"{self._testMethodName}-{name}.jsonl")

    def assertSecretFree(self, path):
        self.assertEqual(secrets_in(path), [], f"secrets in {path}")


def make_client(server, region="us-east-1", access_key=CLIENT_ACCESS_KEY, secret_key=CLIENT_SECRET_KEY,
                session_token=CLIENT_SESSION_TOKEN):
    """A boto3 cloudcontrol client with explicit credentials (a session token too) and no retries."""
    return boto3.session.Session().client(
        "cloudcontrol", endpoint_url=server.url, region_name=region, aws_access_key_id=access_key,
        aws_secret_access_key=secret_key, aws_session_token=session_token,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}))


def client_view(value):
    """A boto3 result as the client sees it, minus ResponseMetadata; datetimes as epoch seconds (ms)."""
    if isinstance(value, dict):
        return {k: client_view(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [client_view(v) for v in value]
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)
    return value


def outcome(call, **params):
    """(HTTP status, client view) of a boto3 call; errors as {"Code", "Message"}."""
    try:
        result = call(**params)
        return result["ResponseMetadata"]["HTTPStatusCode"], client_view(result)
    except ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"], {
            "Code": error.response["Error"]["Code"], "Message": error.response["Error"]["Message"]}


def snake_case(operation):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


def read_fixture(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def as_sent(canonical_request):
    """boto3 parameters for a recorded canonical request: parsed documents become JSON text again. Their
    "<redacted>" markers are sent as they are; ccemu redacts what a client sends the same way, so they match."""
    params = dict(canonical_request)
    for member in ("DesiredState", "PatchDocument", "ResourceModel"):
        if isinstance(params.get(member), (dict, list)):
            params[member] = json.dumps(params[member])
    return params


def expected_outcome(exchange):
    """What a boto3 client sees for a recorded exchange, in the form outcome() returns."""
    response = json.loads(json.dumps(exchange["response"]))
    if "__type" in response:
        return exchange["status"], {"Code": response["__type"].split("#")[-1], "Message": response["Message"]}
    documents = []
    if "ProgressEvent" in response:
        documents.append((response["ProgressEvent"], "ResourceModel"))
    if "ResourceDescription" in response:
        documents.append((response["ResourceDescription"], "Properties"))
    documents += [(item, "Properties") for item in response.get("ResourceDescriptions", [])]
    documents += [(item, "ResourceModel") for item in response.get("ResourceRequestStatusSummaries", [])]
    for holder, member in documents:
        if isinstance(holder.get(member), (dict, list)):
            holder[member] = json.dumps(holder[member], separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return exchange["status"], client_view(response)
