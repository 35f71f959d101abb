"""Shared setup for the boto3 conformance suite: the real boto3 against a real ccemu binary.

The binary comes from env CCEMU_BINARY and is started by tests/integration/ccemu_server.py. Every
module calls isolate_environment() in setUpModule and restore_environment() in tearDownModule, so no
AWS_* variable, proxy or config/credentials file of the user's can change what boto3 sends.
"""

import json
import os
import re
import sys
import tempfile
import unittest

import boto3
import botocore
from botocore.exceptions import ClientError  # noqa: F401  (re-exported for the test modules)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "integration")))

from ccemu_server import TYPE_NAME, UUID, TOKEN, CcemuServer, salesforce_model  # noqa: E402,F401

DEFAULT_ACCOUNT = "123456789012"  # "test" is not a 12-digit access key id
PROXY_VARS = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")

_saved_env = None
_empty_file = None


def isolate_environment():
    """Drops AWS_* and proxy variables and points AWS_CONFIG_FILE/AWS_SHARED_CREDENTIALS_FILE at an empty file."""
    global _saved_env, _empty_file
    _saved_env = dict(os.environ)
    for key in list(os.environ):
        if key.startswith("AWS_") or key in PROXY_VARS:
            del os.environ[key]
    handle, _empty_file = tempfile.mkstemp(prefix="ccemu-boto3-", suffix=".ini")
    os.close(handle)
    os.environ["AWS_CONFIG_FILE"] = _empty_file
    os.environ["AWS_SHARED_CREDENTIALS_FILE"] = _empty_file


def restore_environment():
    os.environ.clear()
    os.environ.update(_saved_env or {})
    if _empty_file and os.path.exists(_empty_file):
        os.remove(_empty_file)


def botocore_version():
    return tuple(int(part) for part in re.findall(r"\d+", botocore.__version__)[:3])


def make_client(server=None, region="us-east-1", access_key="test", endpoint=True):
    """A cloudcontrol client from a fresh boto3 Session (so the isolated environment is what it reads)."""
    kwargs = {"region_name": region, "aws_access_key_id": access_key, "aws_secret_access_key": "test"}
    if endpoint:
        kwargs["endpoint_url"] = server.url
    return boto3.session.Session().client("cloudcontrol", **kwargs)


def minimal_model(name):
    """The three required properties only: valid for the schema, refused by the AppFlow API rules."""
    return {"ConnectorProfileName": name, "ConnectionMode": "Public", "ConnectorType": "Salesforce"}


def credentials_arn_pattern(name, region="us-east-1", account=DEFAULT_ACCOUNT):
    return (rf"^arn:aws:secretsmanager:{re.escape(region)}:{account}:secret:appflow!{account}-"
            rf"{re.escape(name)}-\d+-[A-Za-z0-9]{{6}}$")


def connector_profile_arn(name, region="us-east-1", account=DEFAULT_ACCOUNT):
    return f"arn:aws:appflow:{region}:{account}:connectorprofile/{name}"


class Boto3TestCase(unittest.TestCase):
    """One ccemu per class, started with FLAGS; `self.cc` is a boto3 client pointed at it."""

    FLAGS = ()

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer(*cls.FLAGS)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)
        cls.cc = make_client(cls.server)
        # Close pooled keep-alive connections before the server stops (cleanups run last-in first-out):
        # ccemu otherwise waits for idle connections to time out (about 5 s) on SIGTERM.
        cls.addClassCleanup(cls.cc.close)

    def setUp(self):
        self.assertEqual(self.server.reset() // 100, 2, "POST /_ccemu/reset failed")

    def client(self, **kwargs):
        """Another client (make_client arguments), closed when the test ends."""
        cc = make_client(self.server, **kwargs)
        self.addCleanup(cc.close)
        return cc

    def name(self, suffix=""):
        """A resource name unique to the running test method."""
        return self._testMethodName[5:45] + suffix

    # --- assertions ------------------------------------------------------------------------------

    def assertRequestId(self, response):
        self.assertRegex(response["ResponseMetadata"].get("RequestId", ""), UUID, response["ResponseMetadata"])

    def assertEventShape(self, event, operation, status, identifier=None):
        self.assertEqual(event["TypeName"], TYPE_NAME, event)
        self.assertEqual(event["Operation"], operation, event)
        self.assertEqual(event["OperationStatus"], status, event)
        self.assertRegex(event["RequestToken"], TOKEN)
        self.assertNotIn("ResourceModel", event)
        if identifier is not None:
            self.assertEqual(event["Identifier"], identifier, event)

    def assertError(self, exc, code, status, message=None, prefix=None, contains=()):
        """Checks a ClientError's code, HTTP status, message and request id; returns the message."""
        error = exc.response["Error"]
        self.assertEqual(error["Code"], code, exc.response)
        self.assertEqual(exc.response["ResponseMetadata"]["HTTPStatusCode"], status, exc.response)
        self.assertRequestId(exc.response)
        text = error["Message"]
        if message is not None:
            self.assertEqual(text, message)
        if prefix is not None:
            self.assertTrue(text.startswith(prefix), f"{text!r} does not start with {prefix!r}")
        for part in contains:
            self.assertIn(part, text)
        return text

    # --- calls -----------------------------------------------------------------------------------

    def create(self, model, cc=None, **kwargs):
        """CreateResource; checks the IN_PROGRESS answer and returns the event."""
        response = (cc or self.cc).create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(model), **kwargs)
        self.assertRequestId(response)
        event = response["ProgressEvent"]
        self.assertEventShape(event, "CREATE", "IN_PROGRESS", model.get("ConnectorProfileName"))
        return event

    def status(self, request_token, cc=None):
        response = (cc or self.cc).get_resource_request_status(RequestToken=request_token)
        self.assertRequestId(response)
        self.assertEqual(response["ProgressEvent"]["RequestToken"], request_token)
        return response["ProgressEvent"]

    def wait(self, request_token, cc=None, **config):
        waiter = (cc or self.cc).get_waiter("resource_request_success")
        if config:
            waiter.wait(RequestToken=request_token, WaiterConfig=config)
        else:
            waiter.wait(RequestToken=request_token)

    def create_ok(self, model, cc=None):
        event = self.create(model, cc)
        self.wait(event["RequestToken"], cc)
        return event

    def props(self, identifier, cc=None):
        response = (cc or self.cc).get_resource(TypeName=TYPE_NAME, Identifier=identifier)
        self.assertRequestId(response)
        self.assertEqual(response["TypeName"], TYPE_NAME)
        self.assertEqual(response["ResourceDescription"]["Identifier"], identifier)
        return json.loads(response["ResourceDescription"]["Properties"])
