"""boto3 against --verify-sigv4 (README "Signature verification"): botocore's signatures verify with the right
secret and are refused, with AWS's errors, with a wrong secret, an unknown key, an old date or none at all."""

import datetime
import json
import os
import re
import shutil
import tempfile
import unittest
from unittest import mock

import botocore
import botocore.auth
import botocore.awsrequest
import botocore.credentials
from botocore.config import Config

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, ClientError, salesforce_model

ACCOUNT = "111122223333"
OTHER_ACCOUNT = "444455556666"
CREDENTIALS = {
    "AKIDVERIFIED": {"secret_access_key": "right-secret", "account_id": ACCOUNT},
    "AKIDOTHER": {"secret_access_key": "other-secret", "account_id": OTHER_ACCOUNT},
}
MISMATCH = ("The request signature we calculated does not match the signature you provided. Check your AWS "
            "Secret Access Key and signing method. Consult the service documentation for details.")
_directory = None


def setUpModule():
    global _directory
    support.isolate_environment()
    _directory = tempfile.mkdtemp(prefix="ccemu-sigv4-")
    with open(os.path.join(_directory, "credentials.json"), "w") as f:
        json.dump(CREDENTIALS, f)


def tearDownModule():
    shutil.rmtree(_directory)
    support.restore_environment()


class SignatureTest(Boto3TestCase):

    @classmethod
    def setUpClass(cls):
        cls.FLAGS = ("--verify-sigv4", "--credentials", os.path.join(_directory, "credentials.json"))
        super().setUpClass()

    def signed_client(self, key="AKIDVERIFIED", secret="right-secret", **kwargs):
        cc = support.boto3.session.Session().client(
            "cloudcontrol", endpoint_url=self.server.url, region_name="eu-west-3", aws_access_key_id=key,
            aws_secret_access_key=secret, config=Config(retries={"total_max_attempts": 1}), **kwargs)
        self.addCleanup(cc.close)
        return cc

    def state_accounts(self):
        status, _, body = self.server.raw("GET", "/_ccemu/state")
        return {account: set(regions) for account, regions in json.loads(body)["resources"].items()}

    def test_right_secret_is_served_in_the_keys_account(self):
        cc = self.signed_client()
        name = self.name()
        self.create_ok(salesforce_model(name), cc=cc)
        self.assertEqual(self.props(name, cc=cc)["ConnectorProfileArn"],
                         f"arn:aws:appflow:eu-west-3:{ACCOUNT}:connectorprofile/{name}")
        self.assertEqual(self.state_accounts(), {ACCOUNT: {"eu-west-3"}})
        other = self.signed_client("AKIDOTHER", "other-secret")
        self.assertEqual(other.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"], [])

    def test_session_token_is_signed_along(self):
        cc = self.signed_client(aws_session_token="a-session-token")
        self.assertEqual(cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"], [])

    def test_wrong_secret_is_invalid_signature(self):
        with self.assertRaises(ClientError) as caught:
            self.signed_client(secret="wrong-secret").list_resources(TypeName=TYPE_NAME)
        self.assertError(caught.exception, "InvalidSignatureException", 403, message=MISMATCH)

    def test_wrong_secret_writes_nothing(self):
        with self.assertRaises(ClientError):
            self.signed_client(secret="wrong-secret").create_resource(
                TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(self.name())))
        self.assertEqual(self.state_accounts(), {})

    def test_unknown_key_is_unrecognized_client(self):
        with self.assertRaises(ClientError) as caught:
            self.signed_client(key="AKIDNOBODY", secret="right-secret").list_resources(TypeName=TYPE_NAME)
        self.assertError(caught.exception, "UnrecognizedClientException", 403,
                         message="The security token included in the request is invalid.")

    def test_request_older_than_15_minutes_is_expired(self):
        signed_at = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=20)).replace(tzinfo=None)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=signed_at):
            with self.assertRaises(ClientError) as caught:
                self.signed_client().list_resources(TypeName=TYPE_NAME)
        message = self.assertError(caught.exception, "InvalidSignatureException", 403)
        amz_date = signed_at.strftime("%Y%m%dT%H%M%SZ")
        match = re.fullmatch(rf"Signature expired: {amz_date} is now earlier than (\d{{8}}T\d{{6}}Z) "
                             r"\((\d{8}T\d{6}Z) - 15 min\.\)", message)
        self.assertIsNotNone(match, message)
        limit, now = (datetime.datetime.strptime(t, "%Y%m%dT%H%M%SZ") for t in match.groups())
        self.assertEqual(now - limit, datetime.timedelta(minutes=15))

    def test_unsigned_request_is_missing_authentication_token(self):
        cc = support.boto3.session.Session().client(
            "cloudcontrol", endpoint_url=self.server.url, region_name="eu-west-3",
            config=Config(signature_version=botocore.UNSIGNED, retries={"total_max_attempts": 1}))
        self.addCleanup(cc.close)
        with self.assertRaises(ClientError) as caught:
            cc.list_resources(TypeName=TYPE_NAME)
        self.assertError(caught.exception, "MissingAuthenticationTokenException", 403,
                         message="Missing Authentication Token")

    def test_query_string_requests_verify_as_botocore_signs_them(self):
        # StackQL sends POST /?Action=...&Version=...; the query is part of what is signed.
        body = json.dumps({"TypeName": TYPE_NAME}).encode()
        for secret, status in (("right-secret", 200), ("wrong-secret", 403)):
            with self.subTest(secret=secret):
                request = botocore.awsrequest.AWSRequest(
                    method="POST", url=f"{self.server.url}/?Action=ListResources&Version=2021-09-30", data=body,
                    headers={"Content-Type": "application/x-amz-json-1.0",
                             "X-Amz-Target": "CloudApiService.ListResources"})
                botocore.auth.SigV4Auth(botocore.credentials.Credentials("AKIDVERIFIED", secret),
                                        "cloudcontrolapi", "eu-west-3").add_auth(request)
                prepared = request.prepare()
                got, _, _ = self.server.raw("POST", "/?Action=ListResources&Version=2021-09-30", body,
                                            dict(prepared.headers.items()))
                self.assertEqual(got, status)


if __name__ == "__main__":
    unittest.main()
