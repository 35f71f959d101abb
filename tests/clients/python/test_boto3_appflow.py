"""boto3's `appflow` client against ccemu's native AppFlow API, each step also checked through Cloud
Control (one store: a connector profile is one thing seen through two APIs), and the reverse."""

import json
import unittest

from boto3_support import (  # noqa: F401
    DEFAULT_ACCOUNT,
    TYPE_NAME,
    CcemuServer,
    ClientError,
    isolate_environment,
    make_client,
    restore_environment,
    salesforce_model,
)

import boto3

SERVER = None


def setUpModule():
    global SERVER
    isolate_environment()
    SERVER = CcemuServer()
    SERVER.start()


def tearDownModule():
    SERVER.stop()
    restore_environment()


def appflow_client(region="us-east-1"):
    return boto3.session.Session().client(
        "appflow",
        region_name=region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        endpoint_url=SERVER.url,
    )


SALESFORCE_CONFIG = {
    "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
    "connectorProfileCredentials": {
        "Salesforce": {"accessToken": "secret-access-token", "refreshToken": "secret-refresh-token"}
    },
}


def arn(name, region="us-east-1"):
    return f"arn:aws:appflow:{region}:{DEFAULT_ACCOUNT}:connectorprofile/{name}"


class AppFlowLifecycleTest(unittest.TestCase):
    def setUp(self):
        SERVER.reset()
        self.appflow = appflow_client()
        self.cloudcontrol = make_client(SERVER)

    def create(self, name, **extra):
        return self.appflow.create_connector_profile(
            connectorProfileName=name,
            connectorType="Salesforce",
            connectionMode="Public",
            connectorProfileConfig=SALESFORCE_CONFIG,
            **extra,
        )

    def cloud_control_properties(self, name):
        described = self.cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier=name)
        return json.loads(described["ResourceDescription"]["Properties"])

    def test_create_describe_update_delete_seen_through_cloud_control(self):
        created = self.create("af-1", kmsArn="arn:aws:kms:us-east-1:123456789012:key/abcd-1234")
        self.assertEqual(created["connectorProfileArn"], arn("af-1"))

        props = self.cloud_control_properties("af-1")
        self.assertEqual(props["ConnectorProfileArn"], arn("af-1"))
        self.assertEqual(props["ConnectorType"], "Salesforce")
        self.assertEqual(props["ConnectionMode"], "Public")
        self.assertIn("CredentialsArn", props)
        self.assertNotIn("ConnectorProfileConfig", props)
        self.assertNotIn("KMSArn", props)

        detail = self.appflow.describe_connector_profiles(connectorProfileNames=["af-1"])["connectorProfileDetails"]
        self.assertEqual(len(detail), 1)
        profile = detail[0]
        self.assertEqual(profile["connectorProfileArn"], arn("af-1"))
        self.assertEqual(profile["connectorProfileName"], "af-1")
        self.assertEqual(profile["connectorType"], "Salesforce")
        self.assertEqual(profile["connectionMode"], "Public")
        self.assertEqual(profile["credentialsArn"], props["CredentialsArn"])
        self.assertEqual(
            profile["connectorProfileProperties"],
            {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
        )
        self.assertEqual(profile["createdAt"], profile["lastUpdatedAt"])  # datetimes, parsed by botocore
        self.assertNotIn("kmsArn", profile)

        updated = self.appflow.update_connector_profile(
            connectorProfileName="af-1",
            connectionMode="Private",
            connectorProfileConfig={
                "connectorProfileProperties": {
                    "Salesforce": {"instanceUrl": "https://other.my.salesforce.com", "isSandboxEnvironment": True}
                }
            },
        )
        self.assertEqual(updated["connectorProfileArn"], arn("af-1"))
        props = self.cloud_control_properties("af-1")
        self.assertEqual(props["ConnectionMode"], "Private")
        profile = self.appflow.describe_connector_profiles(connectorProfileNames=["af-1"])["connectorProfileDetails"][0]
        self.assertEqual(profile["connectionMode"], "Private")
        self.assertEqual(
            profile["connectorProfileProperties"],
            {"Salesforce": {"instanceUrl": "https://other.my.salesforce.com", "isSandboxEnvironment": True}},
        )
        self.assertGreaterEqual(profile["lastUpdatedAt"], profile["createdAt"])

        self.assertEqual(self.appflow.delete_connector_profile(connectorProfileName="af-1")["ResponseMetadata"]["HTTPStatusCode"], 200)
        with self.assertRaises(ClientError) as caught:
            self.cloudcontrol.get_resource(TypeName=TYPE_NAME, Identifier="af-1")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(self.appflow.describe_connector_profiles()["connectorProfileDetails"], [])

    def test_cloud_control_profile_seen_through_appflow(self):
        model = salesforce_model("cc-1", ConnectorLabel="label1")
        self.cloudcontrol.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(model))
        profile = self.appflow.describe_connector_profiles()["connectorProfileDetails"][0]
        self.assertEqual(profile["connectorProfileName"], "cc-1")
        self.assertEqual(profile["connectorLabel"], "label1")
        self.assertEqual(profile["connectorProfileArn"], arn("cc-1"))
        self.assertEqual(profile["connectorProfileProperties"], {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}})
        self.assertNotIn("connectorProfileCredentials", json.dumps(profile, default=str))

        patch = json.dumps([{"op": "replace", "path": "/ConnectionMode", "value": "Private"}])
        self.cloudcontrol.update_resource(TypeName=TYPE_NAME, Identifier="cc-1", PatchDocument=patch)
        profile = self.appflow.describe_connector_profiles(connectorProfileNames=["cc-1"])["connectorProfileDetails"][0]
        self.assertEqual(profile["connectionMode"], "Private")

        self.cloudcontrol.delete_resource(TypeName=TYPE_NAME, Identifier="cc-1")
        self.assertEqual(self.appflow.describe_connector_profiles(connectorProfileNames=["cc-1"])["connectorProfileDetails"], [])
        with self.assertRaises(ClientError) as caught:
            self.appflow.delete_connector_profile(connectorProfileName="cc-1")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_describe_filters_and_pages(self):
        for name in ("p-a", "p-b", "p-c"):
            self.create(name)
        self.appflow.create_connector_profile(
            connectorProfileName="snow",
            connectorType="Snowflake",
            connectionMode="Public",
            connectorProfileConfig={
                "connectorProfileProperties": {
                    "Snowflake": {"warehouse": "wh", "stage": "@db.schema.stage", "bucketName": "my-bucket"}
                },
                "connectorProfileCredentials": {"Snowflake": {"username": "u", "password": "secret-pw"}},
            },
        )
        by_type = self.appflow.describe_connector_profiles(connectorType="Snowflake")["connectorProfileDetails"]
        self.assertEqual([p["connectorProfileName"] for p in by_type], ["snow"])
        by_name = self.appflow.describe_connector_profiles(connectorProfileNames=["p-b", "nope"])
        self.assertEqual([p["connectorProfileName"] for p in by_name["connectorProfileDetails"]], ["p-b"])
        unknown = self.appflow.describe_connector_profiles(connectorProfileNames=["nope"])
        self.assertEqual(unknown["connectorProfileDetails"], [])
        self.assertNotIn("nextToken", unknown)

        seen, token, pages = [], None, 0
        while True:
            kwargs = {"maxResults": 1, **({"nextToken": token} if token else {})}
            page = self.appflow.describe_connector_profiles(**kwargs)
            pages += 1
            self.assertLessEqual(len(page["connectorProfileDetails"]), 1)
            seen += [p["connectorProfileName"] for p in page["connectorProfileDetails"]]
            token = page.get("nextToken")
            if not token:
                break
        self.assertEqual(seen, ["p-a", "p-b", "p-c", "snow"])
        self.assertEqual(pages, 4)
        listed = self.cloudcontrol.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"]
        self.assertEqual([d["Identifier"] for d in listed], seen)

    def test_tags(self):
        self.create("tagged")
        self.appflow.tag_resource(resourceArn=arn("tagged"), tags={"team": "data", "env": "dev"})
        self.assertEqual(self.appflow.list_tags_for_resource(resourceArn=arn("tagged"))["tags"], {"team": "data", "env": "dev"})
        self.appflow.untag_resource(resourceArn=arn("tagged"), tagKeys=["env"])
        self.assertEqual(self.appflow.list_tags_for_resource(resourceArn=arn("tagged"))["tags"], {"team": "data"})
        with self.assertRaises(ClientError) as caught:
            self.appflow.list_tags_for_resource(resourceArn=arn("missing"))
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 404)

    def test_regions_are_separate(self):
        self.create("regional")
        west = appflow_client("us-west-2")
        self.assertEqual(west.describe_connector_profiles()["connectorProfileDetails"], [])


class AppFlowErrorsTest(unittest.TestCase):
    def setUp(self):
        SERVER.reset()
        self.appflow = appflow_client()

    def error(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call(**kwargs)
        response = caught.exception.response
        return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"], response["Error"]["Message"]

    def create_args(self, name="dup", **extra):
        return dict(
            connectorProfileName=name,
            connectorType="Salesforce",
            connectionMode="Public",
            connectorProfileConfig=SALESFORCE_CONFIG,
            **extra,
        )

    def test_duplicate_name_is_conflict(self):
        self.appflow.create_connector_profile(**self.create_args())
        status, code, message = self.error(self.appflow.create_connector_profile, **self.create_args())
        self.assertEqual((status, code), (409, "ConflictException"))
        self.assertEqual(message, "Connector Profile with name dup already exists.")

    def test_client_token_makes_a_retry_succeed_once(self):
        first = self.appflow.create_connector_profile(**self.create_args("idem", clientToken="retry-1"))
        again = self.appflow.create_connector_profile(**self.create_args("idem", clientToken="retry-1"))
        self.assertEqual(again["connectorProfileArn"], first["connectorProfileArn"])
        self.assertEqual(len(self.appflow.describe_connector_profiles()["connectorProfileDetails"]), 1)
        args = self.create_args("idem", clientToken="retry-1")
        args["connectionMode"] = "Private"
        status, code, message = self.error(self.appflow.create_connector_profile, **args)
        self.assertEqual((status, code), (409, "ConflictException"))
        self.assertEqual(message, "The clientToken 'retry-1' was already used with a different request.")
        # boto3 fills in a fresh token per call, so a new call with the same name is a duplicate.
        status, code, _ = self.error(self.appflow.create_connector_profile, **self.create_args("idem"))
        self.assertEqual((status, code), (409, "ConflictException"))

    def test_missing_profile_is_not_found(self):
        status, code, message = self.error(
            self.appflow.update_connector_profile,
            connectorProfileName="ghost",
            connectionMode="Public",
            connectorProfileConfig=SALESFORCE_CONFIG,
        )
        self.assertEqual((status, code), (404, "ResourceNotFoundException"))
        self.assertEqual(message, "Connector Profile with name ghost does not exist.")
        status, code, message = self.error(self.appflow.delete_connector_profile, connectorProfileName="ghost")
        self.assertEqual((status, code, message), (404, "ResourceNotFoundException", "Connector Profile with name ghost does not exist."))

    def test_member_constraints(self):
        # botocore validates client-side what it can; the pattern is checked by the service only.
        status, code, message = self.error(self.appflow.create_connector_profile, **self.create_args("has space"))
        self.assertEqual((status, code), (400, "ValidationException"))
        self.assertEqual(
            message,
            "1 validation error detected: Value 'has space' at 'connectorProfileName' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [\\w/!@#+=.-]+",
        )
        status, code, message = self.error(
            self.appflow.create_connector_profile, **self.create_args("label-bad", connectorLabel="Google BigQuery")
        )
        self.assertEqual(
            message,
            "1 validation error detected: Value 'Google BigQuery' at 'connectorLabel' failed to satisfy "
            "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][\\w!@#.-]+",
        )

    def test_service_rules(self):
        args = self.create_args("mismatch")
        args["connectorType"] = "Snowflake"
        status, code, message = self.error(self.appflow.create_connector_profile, **args)
        self.assertEqual((status, code), (400, "ValidationException"))
        self.assertIn("only one connector", message)
        self.assertIn("Salesforce", message)

    def test_schema_rules_named_in_api_terms(self):
        args = self.create_args("redshift")
        args["connectorType"] = "Redshift"
        args["connectorProfileConfig"] = {
            "connectorProfileProperties": {"Redshift": {"bucketName": "my-bucket", "roleArn": "not-an-arn"}}
        }
        status, code, message = self.error(self.appflow.create_connector_profile, **args)
        self.assertEqual((status, code), (400, "ValidationException"))
        self.assertTrue(
            message.startswith(
                "1 validation error detected: Value at "
                "'connectorProfileConfig.connectorProfileProperties.Redshift.roleArn' failed to satisfy constraint: "
            ),
            message,
        )

    def test_unsupported_operation(self):
        status, code, _ = self.error(self.appflow.list_flows)
        self.assertEqual((status, code), (404, "UnknownOperationException"))


if __name__ == "__main__":
    unittest.main()
