"""boto3's STS client against ccemu's STS (README "STS"): GetCallerIdentity, AssumeRole,
AssumeRoleWithWebIdentity and GetSessionToken answer in AWS's shapes, and a role's temporary
credentials then create and read a ConnectorProfile through Cloud Control and AppFlow, in the role's
account, with and without --verify-sigv4.

Facts: botocore's sts model 2011-06-15 (shapes, constraints, the noAuth AssumeRoleWithWebIdentity);
the assumed-role ARN and AROA...:<session> id shapes and "Cannot call GetSessionToken with session
credentials" from the STS API reference.
"""

import base64
import datetime
import json
import os
import re
import shutil
import tempfile
import unittest

import boto3
from botocore.config import Config

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, ClientError, salesforce_model

ROLE_ACCOUNT = "210987654321"
ROLE_ARN = f"arn:aws:iam::{ROLE_ACCOUNT}:role/deployer"
VERIFIED_ACCOUNT = "111122223333"
CREDENTIALS = {"AKIDSTSVERIFIED": {"secret_access_key": "sts-secret", "account_id": VERIFIED_ACCOUNT}}
ACCESS_KEY_ID = re.compile(r"^ASIA[A-Z0-9]{16}$")
ROLE_ID = re.compile(r"^AROA[A-Z0-9]{17}:")
APPFLOW_CONFIG = {
    "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
    "connectorProfileCredentials": {"Salesforce": {"accessToken": "sts-test-token"}},
}
_directory = None


def setUpModule():
    global _directory
    support.isolate_environment()
    _directory = tempfile.mkdtemp(prefix="ccemu-sts-")
    with open(os.path.join(_directory, "credentials.json"), "w") as f:
        json.dump(CREDENTIALS, f)


def tearDownModule():
    shutil.rmtree(_directory)
    support.restore_environment()


def web_identity_token(claims):
    """A JWT as an OIDC provider issues it (ccemu reads its claims; it checks no signature)."""
    def part(value):
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'RS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


CI_TOKEN = web_identity_token({"iss": "https://token.actions.githubusercontent.com", "sub": "repo:acme/app:ref:refs/heads/main",
                               "aud": "sts.amazonaws.com", "exp": 4102444800})


class StsCase(Boto3TestCase):

    def sts(self, access_key="test", secret="test", token=None, validate=True):
        client = boto3.session.Session().client(
            "sts", region_name="us-east-1", endpoint_url=self.server.url, aws_access_key_id=access_key,
            aws_secret_access_key=secret, aws_session_token=token,
            config=Config(parameter_validation=validate, retries={"max_attempts": 1}))
        self.addCleanup(client.close)
        return client

    def clients_for(self, credentials):
        """Cloud Control and AppFlow clients signing with issued temporary credentials."""
        kwargs = dict(region_name="us-east-1", endpoint_url=self.server.url,
                      aws_access_key_id=credentials["AccessKeyId"],
                      aws_secret_access_key=credentials["SecretAccessKey"],
                      aws_session_token=credentials["SessionToken"],
                      config=Config(retries={"max_attempts": 1}))
        session = boto3.session.Session()
        cc, appflow = session.client("cloudcontrol", **kwargs), session.client("appflow", **kwargs)
        self.addCleanup(cc.close)
        self.addCleanup(appflow.close)
        return cc, appflow

    def assertCredentials(self, credentials, seconds):
        self.assertRegex(credentials["AccessKeyId"], ACCESS_KEY_ID)
        self.assertEqual(len(credentials["SecretAccessKey"]), 40)
        self.assertGreater(len(credentials["SessionToken"]), 100)
        left = credentials["Expiration"] - datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs(left.total_seconds() - seconds), 120, credentials["Expiration"])

    def assertOwnedByRole(self, credentials, name):
        """Temporary credentials create through Cloud Control and read through AppFlow, in the role's
        account; the default account does not see the profile."""
        cc, appflow = self.clients_for(credentials)
        event = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)))["ProgressEvent"]
        status = cc.get_resource_request_status(RequestToken=event["RequestToken"])["ProgressEvent"]
        self.assertEqual(status["OperationStatus"], "SUCCESS", status)
        model = json.loads(cc.get_resource(TypeName=TYPE_NAME, Identifier=name)["ResourceDescription"]["Properties"])
        self.assertEqual(model["ConnectorProfileArn"],
                         f"arn:aws:appflow:us-east-1:{ROLE_ACCOUNT}:connectorprofile/{name}")
        profiles = appflow.describe_connector_profiles(connectorProfileNames=[name])["connectorProfileDetails"]
        self.assertEqual([p["connectorProfileArn"] for p in profiles], [model["ConnectorProfileArn"]])
        # And AppFlow writes where Cloud Control reads, still in the role's account.
        appflow.create_connector_profile(connectorProfileName=name + "-af", connectorType="Salesforce",
                                         connectionMode="Public", connectorProfileConfig=APPFLOW_CONFIG)
        read = cc.get_resource(TypeName=TYPE_NAME, Identifier=name + "-af")["ResourceDescription"]
        self.assertEqual(read["Identifier"], name + "-af")
        return model


class StsWithoutVerification(StsCase):

    def test_get_caller_identity_names_the_account_root(self):
        out = self.sts().get_caller_identity()
        self.assertEqual((out["Account"], out["Arn"], out["UserId"]),
                         ("123456789012", "arn:aws:iam::123456789012:root", "123456789012"))
        self.assertRequestId(out)
        out = self.sts(access_key="444455556666").get_caller_identity()
        self.assertEqual(out["Account"], "444455556666")

    def test_assume_role_credentials_own_resources_in_the_role_account(self):
        out = self.sts().assume_role(RoleArn=ROLE_ARN, RoleSessionName="ci-run")
        self.assertCredentials(out["Credentials"], 3600)
        user = out["AssumedRoleUser"]
        self.assertEqual(user["Arn"], f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/deployer/ci-run")
        self.assertRegex(user["AssumedRoleId"], ROLE_ID)
        self.assertTrue(user["AssumedRoleId"].endswith(":ci-run"))
        creds = out["Credentials"]
        who = self.sts(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]).get_caller_identity()
        self.assertEqual((who["Account"], who["Arn"], who["UserId"]), (ROLE_ACCOUNT, user["Arn"], user["AssumedRoleId"]))
        self.assertOwnedByRole(creds, "sts-role-profile")
        with self.assertRaises(ClientError) as caught:
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier="sts-role-profile")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_assume_role_duration_and_same_role_id(self):
        first = self.sts().assume_role(RoleArn=ROLE_ARN, RoleSessionName="first", DurationSeconds=900)
        self.assertCredentials(first["Credentials"], 900)
        second = self.sts().assume_role(RoleArn=ROLE_ARN, RoleSessionName="second")
        self.assertEqual(first["AssumedRoleUser"]["AssumedRoleId"].split(":")[0],
                         second["AssumedRoleUser"]["AssumedRoleId"].split(":")[0])
        self.assertNotEqual(first["Credentials"]["AccessKeyId"], second["Credentials"]["AccessKeyId"])

    def test_assume_role_validation_errors(self):
        sts = self.sts(validate=False)
        cases = [
            ({"RoleSessionName": "s"}, "2 validation errors detected: Value null at 'roleArn' failed to satisfy "
             "constraint: Member must not be null; Value 's' at 'roleSessionName' failed to satisfy constraint: "
             "Member must have length greater than or equal to 2"),
            ({"RoleArn": ROLE_ARN, "RoleSessionName": "ok", "DurationSeconds": 100},
             "1 validation error detected: Value '100' at 'durationSeconds' failed to satisfy constraint: Member "
             "must have value greater than or equal to 900"),
            ({"RoleArn": ROLE_ARN, "RoleSessionName": "has space"},
             "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: "
             "Member must satisfy regular expression pattern: [\\w+=,.@-]*"),
            ({"RoleArn": "arn:aws:iam::12:role/x-long-enough", "RoleSessionName": "ok"}, "Request ARN is invalid"),
        ]
        for params, message in cases:
            with self.subTest(params=params), self.assertRaises(ClientError) as caught:
                sts.assume_role(**params)
            self.assertError(caught.exception, "ValidationError", 400, message=message)

    def test_role_chaining_is_limited_to_one_hour(self):
        creds = self.sts().assume_role(RoleArn=ROLE_ARN, RoleSessionName="first")["Credentials"]
        chained = self.sts(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        with self.assertRaises(ClientError) as caught:
            chained.assume_role(RoleArn=ROLE_ARN, RoleSessionName="second", DurationSeconds=7200)
        self.assertError(caught.exception, "ValidationError", 400, message=(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assuming other roles."))
        out = chained.assume_role(RoleArn="arn:aws:iam::333344445555:role/next", RoleSessionName="second")
        self.assertEqual(out["AssumedRoleUser"]["Arn"], "arn:aws:sts::333344445555:assumed-role/next/second")

    def test_assume_role_with_web_identity(self):
        out = self.sts().assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName="gha",
                                                       WebIdentityToken=CI_TOKEN)
        self.assertEqual(out["SubjectFromWebIdentityToken"], "repo:acme/app:ref:refs/heads/main")
        self.assertEqual(out["Audience"], "sts.amazonaws.com")
        self.assertEqual(out["Provider"], "https://token.actions.githubusercontent.com")
        self.assertEqual(out["AssumedRoleUser"]["Arn"], f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/deployer/gha")
        self.assertCredentials(out["Credentials"], 3600)
        self.assertOwnedByRole(out["Credentials"], "sts-oidc-profile")

    def test_web_identity_token_that_is_not_a_jwt(self):
        with self.assertRaises(ClientError) as caught:
            self.sts().assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName="gha",
                                                     WebIdentityToken="not-a-jwt")
        self.assertError(caught.exception, "InvalidIdentityToken", 400, prefix="The ID Token provided is not a valid JWT")

    def test_get_session_token(self):
        out = self.sts(access_key="444455556666").get_session_token()
        creds = out["Credentials"]
        self.assertCredentials(creds, 43200)
        session = self.sts(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
        who = session.get_caller_identity()
        self.assertEqual((who["Account"], who["Arn"]), ("444455556666", "arn:aws:iam::444455556666:root"))
        with self.assertRaises(ClientError) as caught:
            session.get_session_token()
        self.assertError(caught.exception, "AccessDenied", 403,
                         message="Cannot call GetSessionToken with session credentials")

    def test_unserved_operation_says_so(self):
        with self.assertRaises(ClientError) as caught:
            self.sts().get_federation_token(Name="someone")
        self.assertError(caught.exception, "InvalidAction", 400, prefix="Operation GetFederationToken is not supported")


class StsWithVerification(StsCase):

    @classmethod
    def setUpClass(cls):
        cls.FLAGS = ("--verify-sigv4", "--credentials", os.path.join(_directory, "credentials.json"))
        super().setUpClass()

    def test_signed_calls_and_refusals(self):
        who = self.sts("AKIDSTSVERIFIED", "sts-secret").get_caller_identity()
        self.assertEqual(who["Account"], VERIFIED_ACCOUNT)
        with self.assertRaises(ClientError) as caught:
            self.sts("AKIDSTSVERIFIED", "wrong-secret").get_caller_identity()
        self.assertError(caught.exception, "SignatureDoesNotMatch", 403,
                         prefix="The request signature we calculated does not match")
        with self.assertRaises(ClientError) as caught:
            self.sts("AKIDUNKNOWN", "x").get_caller_identity()
        self.assertError(caught.exception, "InvalidClientTokenId", 403,
                         message="The security token included in the request is invalid.")

    def test_role_credentials_verify_against_the_issued_secret(self):
        out = self.sts("AKIDSTSVERIFIED", "sts-secret").assume_role(RoleArn=ROLE_ARN, RoleSessionName="verified")
        creds = out["Credentials"]
        self.assertOwnedByRole(creds, "sts-verified-profile")
        who = self.sts(creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]).get_caller_identity()
        self.assertEqual(who["Arn"], f"arn:aws:sts::{ROLE_ACCOUNT}:assumed-role/deployer/verified")
        # The issued key with another secret, or without its session token, is refused everywhere.
        wrong = dict(creds, SecretAccessKey="x" * 40)
        cc, _ = self.clients_for(wrong)
        with self.assertRaises(ClientError) as caught:
            cc.list_resources(TypeName=TYPE_NAME)
        self.assertError(caught.exception, "InvalidSignatureException", 403)
        tokenless = self.sts(creds["AccessKeyId"], creds["SecretAccessKey"])
        with self.assertRaises(ClientError) as caught:
            tokenless.get_caller_identity()
        self.assertError(caught.exception, "InvalidClientTokenId", 403)

    def test_web_identity_is_unsigned(self):
        out = self.sts().assume_role_with_web_identity(RoleArn=ROLE_ARN, RoleSessionName="oidc",
                                                       WebIdentityToken=CI_TOKEN)
        self.assertOwnedByRole(out["Credentials"], "sts-verified-oidc")


if __name__ == "__main__":
    unittest.main()
