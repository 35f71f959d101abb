"""boto3 conformance: immediate errors surface as their modeled classes with the spec's status codes and
messages; ClientToken idempotency (spec cloudcontrol-api.md §1.4-1.6, §5.1, §5.2, §5.6)."""

import json
import re
import unittest

from botocore.exceptions import ClientError

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, salesforce_model

TYPE_PATTERN = "[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}"


def setUpModule():
    support.isolate_environment()


def tearDownModule():
    support.restore_environment()


class ModeledErrorTest(Boto3TestCase):
    def patch(self, identifier, ops, **kwargs):
        return self.cc.update_resource(TypeName=TYPE_NAME, Identifier=identifier, PatchDocument=json.dumps(ops),
                                       **kwargs)

    def test_get_of_missing_resource_is_resource_not_found(self):
        name = self.name()
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException) as caught:
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=name)
        message = self.assertError(caught.exception, "ResourceNotFoundException", 400)
        expected = (rf"^{re.escape(TYPE_NAME)} Handler returned status FAILED: Resource of type '{re.escape(TYPE_NAME)}'"
                    rf" with identifier '{name}' was not found\. \(HandlerErrorCode: NotFound, RequestToken: "
                    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$")
        self.assertRegex(message, expected)
        self.assertEqual(caught.exception.response["Message"], message)  # modeled member, read from "Message"

    def test_update_of_missing_resource_is_resource_not_found(self):
        # [I] the spec picks an immediate ResourceNotFoundException for Update of a missing resource
        name = self.name()
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException) as caught:
            self.patch(name, [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}])
        self.assertError(caught.exception, "ResourceNotFoundException", 400,
                         contains=(f"with identifier '{name}' was not found.", "HandlerErrorCode: NotFound"))

    def test_unknown_type_is_type_not_found(self):
        calls = {
            "get_resource": {"Identifier": "p1"},
            "list_resources": {},
            "create_resource": {"DesiredState": json.dumps(salesforce_model("p1"))},
            "update_resource": {"Identifier": "p1", "PatchDocument": "[]"},
            "delete_resource": {"Identifier": "p1"},
        }
        for operation, members in calls.items():
            with self.subTest(operation=operation):
                with self.assertRaises(self.cc.exceptions.TypeNotFoundException) as caught:
                    getattr(self.cc, operation)(TypeName="AWS::Nothing::Here", **members)
                self.assertError(caught.exception, "TypeNotFoundException", 400,
                                 message="The type 'AWS::Nothing::Here' cannot be found.")

    def test_create_only_change_is_not_updatable(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        with self.assertRaises(self.cc.exceptions.NotUpdatableException) as caught:
            self.patch(name, [{"op": "replace", "path": "/ConnectorType", "value": "Slack"}])
        self.assertError(caught.exception, "NotUpdatableException", 400,
                         message="Invalid patch update: createOnlyProperties [/properties/ConnectorType] cannot be updated")
        self.assertEqual(self.props(name)["ConnectorType"], "Salesforce")

    def test_read_only_change_is_not_updatable(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        with self.assertRaises(self.cc.exceptions.NotUpdatableException) as caught:
            self.patch(name, [{"op": "replace", "path": "/ConnectorProfileArn",
                               "value": "arn:aws:appflow:us-east-1:123456789012:connectorprofile/other"}])
        self.assertError(caught.exception, "NotUpdatableException", 400,
                         message="Invalid patch update: readOnlyProperties [/properties/ConnectorProfileArn] cannot be updated")

    def test_unknown_request_token_is_request_token_not_found(self):
        for operation in ("get_resource_request_status", "cancel_resource_request"):
            with self.subTest(operation=operation):
                with self.assertRaises(self.cc.exceptions.RequestTokenNotFoundException) as caught:
                    getattr(self.cc, operation)(RequestToken="no-such-token")
                self.assertError(caught.exception, "RequestTokenNotFoundException", 400,
                                 message="Request with token no-such-token was not found")


class ValidationErrorTest(Boto3TestCase):
    """ValidationException is not in the model: boto3 raises a plain ClientError carrying the code."""

    def assertValidation(self, call, **kwargs):
        with self.assertRaises(ClientError) as caught:
            call()
        self.assertIs(type(caught.exception), ClientError, "unmodeled code must not map to a modeled class")
        return self.assertError(caught.exception, "ValidationException", 400, **kwargs)

    def create_raw(self, desired_state):
        return lambda: self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=desired_state)

    def test_schema_failure_missing_required_key(self):
        model = salesforce_model(self.name())
        del model["ConnectorType"]
        self.assertValidation(self.create_raw(json.dumps(model)), prefix="Model validation failed (",
                              contains=("ConnectorType",))

    def test_schema_failure_unknown_key(self):
        model = salesforce_model(self.name(), Foo="bar")
        self.assertValidation(self.create_raw(json.dumps(model)), prefix="Model validation failed (",
                              contains=("Foo",))

    def test_schema_failure_bad_enum(self):
        model = salesforce_model(self.name(), ConnectionMode="public")
        self.assertValidation(self.create_raw(json.dumps(model)), prefix="Model validation failed (",
                              contains=("ConnectionMode",))

    def test_desired_state_not_json(self):
        # [I] the spec picks ValidationException for unparseable DesiredState
        self.assertValidation(self.create_raw("{not json"), prefix="Model validation failed")

    def test_update_patch_failing_schema(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        patch = json.dumps([{"op": "remove", "path": "/ConnectionMode"}])
        self.assertValidation(
            lambda: self.cc.update_resource(TypeName=TYPE_NAME, Identifier=name, PatchDocument=patch),
            prefix="Model validation failed (", contains=("ConnectionMode",))
        self.assertEqual(self.props(name)["ConnectionMode"], "Public")

    def test_type_name_pattern(self):
        # botocore checks only minimum lengths, so this pattern violation reaches the server [I message form]
        self.assertValidation(
            lambda: self.cc.list_resources(TypeName="AWS-AppFlow-ConnectorProfile"),
            message="1 validation error detected: Value 'AWS-AppFlow-ConnectorProfile' at 'typeName' failed to "
                    f"satisfy constraint: Member must satisfy regular expression pattern: {TYPE_PATTERN}")

    def test_max_results_over_100(self):
        self.assertValidation(lambda: self.cc.list_resource_requests(MaxResults=500),
                              prefix="1 validation error detected: ",
                              contains=("'maxResults'", "Member must have value less than or equal to 100"))

    def test_client_token_pattern(self):
        self.assertValidation(
            lambda: self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model("p1")),
                                            ClientToken="a b"),
            prefix="1 validation error detected: ", contains=("'clientToken'",))


class ClientTokenTest(Boto3TestCase):
    def test_same_token_same_request_returns_same_request_token(self):
        name = self.name()
        desired = json.dumps(salesforce_model(name))
        first = self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=desired, ClientToken="token-same-1")
        again = self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=desired, ClientToken="token-same-1")
        token = first["ProgressEvent"]["RequestToken"]
        self.assertEqual(again["ProgressEvent"]["RequestToken"], token)
        self.assertRequestId(again)
        self.wait(token)
        third = self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=desired, ClientToken="token-same-1")
        self.assertEqual(third["ProgressEvent"]["RequestToken"], token)
        # [I] the replay returns the original request's current event, not an AlreadyExists failure
        self.assertEqual(third["ProgressEvent"]["OperationStatus"], "SUCCESS")
        creates = self.cc.list_resource_requests(ResourceRequestStatusFilter={"Operations": ["CREATE"]})
        self.assertEqual([s["RequestToken"] for s in creates["ResourceRequestStatusSummaries"]], [token])

    def test_same_token_different_desired_state_conflicts(self):
        name = self.name()
        first = self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)),
                                        ClientToken="token-conflict-1")
        other = json.dumps(salesforce_model(name, ConnectionMode="Private"))
        with self.assertRaises(self.cc.exceptions.ClientTokenConflictException) as caught:
            self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=other, ClientToken="token-conflict-1")
        self.assertError(caught.exception, "ClientTokenConflictException", 400,
                         message="ClientToken token-conflict-1 is already associated with an existing operation "
                                 f"with RequestToken {first['ProgressEvent']['RequestToken']}")

    def test_same_token_other_operation_conflicts(self):
        name = self.name()
        self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)),
                                ClientToken="token-conflict-2")
        with self.assertRaises(self.cc.exceptions.ClientTokenConflictException) as caught:
            self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name, ClientToken="token-conflict-2")
        self.assertError(caught.exception, "ClientTokenConflictException", 400)
        self.assertEqual(self.props(name)["ConnectorProfileName"], name)

    def test_generated_client_tokens_differ(self):
        # boto3 generates a fresh UUID ClientToken per call (idempotencyToken), so two deletes are two requests
        name = self.name()
        first = self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name)["ProgressEvent"]["RequestToken"]
        second = self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name)["ProgressEvent"]["RequestToken"]
        self.assertNotEqual(first, second)


class ConcurrentOperationTest(Boto3TestCase):
    FLAGS = ("--progress", "polls=2")

    def test_write_during_unfinished_request_is_concurrent_operation(self):
        name = self.name()
        event = self.create(salesforce_model(name))
        writes = {
            "update_resource": {"Identifier": name, "PatchDocument": "[]"},
            "delete_resource": {"Identifier": name},
            "create_resource": {"DesiredState": json.dumps(salesforce_model(name))},
        }
        for operation, members in writes.items():
            with self.subTest(operation=operation):
                with self.assertRaises(self.cc.exceptions.ConcurrentOperationException) as caught:
                    getattr(self.cc, operation)(TypeName=TYPE_NAME, **members)
                self.assertError(caught.exception, "ConcurrentOperationException", 400,
                                 prefix="Another resource operation is currently being performed on this resource.")
        self.wait(event["RequestToken"], Delay=1, MaxAttempts=5)
        self.assertEqual(self.props(name)["ConnectionMode"], "Public")


if __name__ == "__main__":
    unittest.main()
