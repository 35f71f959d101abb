"""boto3 conformance: state per account and region, reaching ccemu through AWS_ENDPOINT_URL_CLOUDCONTROL,
and ResponseMetadata.RequestId on every response (spec cloudcontrol-api.md §1.2, §1.3, §6)."""

import json
import os
import unittest

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, salesforce_model


def setUpModule():
    support.isolate_environment()


def tearDownModule():
    support.restore_environment()


class IdentityTest(Boto3TestCase):
    def ids(self, cc):
        return [d["Identifier"] for d in cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"]]

    def test_regions_see_separate_state(self):
        east, paris = self.client(region="us-east-1"), self.client(region="eu-west-3")
        name = self.name()
        self.create_ok(salesforce_model(name), cc=east)
        self.assertEqual(self.ids(east), [name])
        self.assertEqual(self.ids(paris), [])
        with self.assertRaises(paris.exceptions.ResourceNotFoundException):
            paris.get_resource(TypeName=TYPE_NAME, Identifier=name)
        # the same name is free in the other region, and its ARNs name that region [I ARN format]
        self.create_ok(salesforce_model(name, ConnectionMode="Private"), cc=paris)
        east_props, paris_props = self.props(name, cc=east), self.props(name, cc=paris)
        self.assertEqual(east_props["ConnectionMode"], "Public")
        self.assertEqual(paris_props["ConnectionMode"], "Private")
        self.assertEqual(paris_props["ConnectorProfileArn"], support.connector_profile_arn(name, "eu-west-3"))
        self.assertRegex(paris_props["CredentialsArn"], support.credentials_arn_pattern(name, "eu-west-3"))
        self.assertEqual(east_props["ConnectorProfileArn"], support.connector_profile_arn(name, "us-east-1"))

    def test_request_tokens_are_per_region(self):
        east, paris = self.client(region="us-east-1"), self.client(region="eu-west-3")
        token = self.create(salesforce_model(self.name()), cc=east)["RequestToken"]
        with self.assertRaises(paris.exceptions.RequestTokenNotFoundException):
            paris.get_resource_request_status(RequestToken=token)
        self.assertEqual(paris.list_resource_requests().get("ResourceRequestStatusSummaries", []), [])

    def test_accounts_see_separate_state(self):
        first = self.client(access_key="111111111111")
        second = self.client(access_key="222222222222")
        name = self.name()
        self.create_ok(salesforce_model(name), cc=first)
        self.assertEqual(self.ids(first), [name])
        self.assertEqual(self.ids(second), [])
        self.assertEqual(self.ids(self.cc), [])  # "test" maps to the default account [I]
        with self.assertRaises(second.exceptions.ResourceNotFoundException):
            second.get_resource(TypeName=TYPE_NAME, Identifier=name)
        self.create_ok(salesforce_model(name), cc=second)  # no AlreadyExists across accounts
        for cc, account in ((first, "111111111111"), (second, "222222222222")):
            props = self.props(name, cc=cc)
            self.assertEqual(props["ConnectorProfileArn"], support.connector_profile_arn(name, account=account))
            self.assertRegex(props["CredentialsArn"], support.credentials_arn_pattern(name, account=account))

    def test_default_account_for_non_numeric_access_key(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        self.assertEqual(self.props(name)["ConnectorProfileArn"], support.connector_profile_arn(name))


class EndpointEnvironmentTest(Boto3TestCase):
    def setUp(self):
        super().setUp()
        saved = {k: os.environ.get(k) for k in ("AWS_ENDPOINT_URL_CLOUDCONTROL", "AWS_ENDPOINT_URL",
                                                 "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")}

        def restore():
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value

        self.addCleanup(restore)

    @unittest.skipIf(support.botocore_version() < (1, 31, 0),
                     f"botocore {support.botocore.__version__} predates AWS_ENDPOINT_URL_<SERVICE> (1.31)")
    def test_aws_endpoint_url_cloudcontrol(self):
        os.environ.pop("AWS_ENDPOINT_URL", None)
        os.environ.pop("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", None)
        os.environ["AWS_ENDPOINT_URL_CLOUDCONTROL"] = self.server.url
        cc = self.client(endpoint=False)
        self.assertEqual(cc.meta.endpoint_url, self.server.url)
        name = self.name()
        self.create_ok(salesforce_model(name), cc=cc)
        self.assertEqual(self.props(name, cc=cc)["ConnectorProfileName"], name)
        self.assertEqual(self.props(name)["ConnectorProfileName"], name)  # same state as via endpoint_url


class RequestIdTest(Boto3TestCase):
    def test_every_operation_returns_a_request_id(self):
        cc, name = self.cc, self.name()
        created = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)))
        token = created["ProgressEvent"]["RequestToken"]
        responses = {
            "CreateResource": created,
            "GetResourceRequestStatus": cc.get_resource_request_status(RequestToken=token),
            "GetResource": cc.get_resource(TypeName=TYPE_NAME, Identifier=name),
            "ListResources": cc.list_resources(TypeName=TYPE_NAME),
            "UpdateResource": cc.update_resource(TypeName=TYPE_NAME, Identifier=name, PatchDocument="[]"),
            "ListResourceRequests": cc.list_resource_requests(),
            "DeleteResource": cc.delete_resource(TypeName=TYPE_NAME, Identifier=name),
        }
        seen = set()
        for operation, response in responses.items():
            with self.subTest(operation=operation):
                self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 200)
                self.assertRequestId(response)
                self.assertEqual(response["ResponseMetadata"]["HTTPHeaders"]["content-type"],
                                 "application/x-amz-json-1.0")
                seen.add(response["ResponseMetadata"]["RequestId"])
        self.assertEqual(len(seen), len(responses), "request ids must be fresh per response")

    def test_errors_carry_a_request_id(self):
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException) as caught:
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=self.name())
        self.assertRequestId(caught.exception.response)
        with self.assertRaises(support.ClientError) as caught:
            self.cc.list_resources(TypeName="AWS-AppFlow-ConnectorProfile")
        self.assertRequestId(caught.exception.response)


if __name__ == "__main__":
    unittest.main()
