"""boto3 conformance: the resource lifecycle, the ResourceRequestSuccess waiter and FAILED events
(spec cloudcontrol-api.md §3, §4, §5.6, §6)."""

import json
import unittest

from botocore.exceptions import WaiterError

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, salesforce_model

KMS_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def setUpModule():
    support.isolate_environment()


def tearDownModule():
    support.restore_environment()


class LifecycleTest(Boto3TestCase):
    def test_full_lifecycle(self):
        name = self.name()
        created = self.create(salesforce_model(name, KMSArn=KMS_ARN))
        self.assertIsInstance(created["EventTime"].timestamp(), float)  # botocore parses the epoch number
        self.wait(created["RequestToken"])
        done = self.status(created["RequestToken"])
        self.assertEventShape(done, "CREATE", "SUCCESS", name)

        props = self.props(name)
        self.assertNotIn("ConnectorProfileConfig", props)  # write-only
        self.assertNotIn("KMSArn", props)  # write-only
        self.assertEqual(props["ConnectorProfileName"], name)
        self.assertEqual(props["ConnectionMode"], "Public")
        self.assertEqual(props["ConnectorType"], "Salesforce")
        self.assertEqual(props["ConnectorProfileArn"], support.connector_profile_arn(name))
        self.assertRegex(props["CredentialsArn"], support.credentials_arn_pattern(name))

        listed = self.cc.list_resources(TypeName=TYPE_NAME)
        self.assertRequestId(listed)
        self.assertEqual(listed["TypeName"], TYPE_NAME)
        self.assertNotIn("NextToken", listed)
        self.assertEqual([d["Identifier"] for d in listed["ResourceDescriptions"]], [name])
        self.assertEqual(json.loads(listed["ResourceDescriptions"][0]["Properties"]), props)

        patch = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        response = self.cc.update_resource(TypeName=TYPE_NAME, Identifier=name, PatchDocument=json.dumps(patch))
        self.assertRequestId(response)
        updated = response["ProgressEvent"]
        self.assertEventShape(updated, "UPDATE", "IN_PROGRESS", name)
        self.wait(updated["RequestToken"])
        self.assertEventShape(self.status(updated["RequestToken"]), "UPDATE", "SUCCESS", name)
        after = self.props(name)
        self.assertEqual(after["ConnectionMode"], "Private")
        self.assertEqual(after["CredentialsArn"], props["CredentialsArn"])  # [I] stable across updates
        self.assertNotIn("ConnectorProfileConfig", after)
        self.assertNotIn("KMSArn", after)

        response = self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name)
        self.assertRequestId(response)
        deleted = response["ProgressEvent"]
        self.assertEventShape(deleted, "DELETE", "IN_PROGRESS", name)
        self.wait(deleted["RequestToken"])
        self.assertEventShape(self.status(deleted["RequestToken"]), "DELETE", "SUCCESS", name)
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException) as caught:
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=name)
        self.assertError(caught.exception, "ResourceNotFoundException", 400)
        self.assertEqual(self.cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"], [])

    def test_json_identifier_reads_the_same_resource(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        response = self.cc.get_resource(TypeName=TYPE_NAME, Identifier=json.dumps({"ConnectorProfileName": name}))
        self.assertEqual(response["ResourceDescription"]["Identifier"], name)  # [I] events/descriptions show the plain form

    def status_calls(self):
        """The GetResourceRequestStatus calls this test's client makes from now on."""
        calls = []
        event = "before-call.cloudcontrol.GetResourceRequestStatus"
        handler = lambda **kwargs: calls.append(kwargs)  # noqa: E731
        self.cc.meta.events.register(event, handler)
        self.addCleanup(self.cc.meta.events.unregister, event, handler)
        return calls

    def test_waiter_finishes_on_first_poll_with_default_config(self):
        event = self.create(salesforce_model(self.name()))
        calls = self.status_calls()
        self.wait(event["RequestToken"])
        self.assertEqual(len(calls), 1)  # SUCCESS on the first poll, no second one 5 s later

    def test_waiter_raises_on_failed_request(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        duplicate = self.create(salesforce_model(name))
        calls = self.status_calls()
        with self.assertRaises(WaiterError) as caught:
            self.wait(duplicate["RequestToken"])
        self.assertEqual(len(calls), 1)
        self.assertIn("FAILED", str(caught.exception))
        last = caught.exception.last_response["ProgressEvent"]
        self.assertEqual(last["OperationStatus"], "FAILED")
        self.assertEqual(last["ErrorCode"], "AlreadyExists")

    def test_waiter_raises_at_once_on_unknown_request_token(self):
        calls = self.status_calls()
        with self.assertRaises(WaiterError) as caught:
            self.wait("no-such-request-token")
        self.assertEqual(len(calls), 1)
        self.assertEqual(caught.exception.last_response["Error"]["Code"], "RequestTokenNotFoundException")


class FailedEventTest(Boto3TestCase):
    """Outcomes that arrive as a FAILED ProgressEvent rather than an HTTP error (spec §5.6)."""

    def failed(self, event, operation, error_code):
        done = self.status(event["RequestToken"])
        self.assertEventShape(done, operation, "FAILED", event.get("Identifier"))
        self.assertEqual(done["ErrorCode"], error_code, done)
        return done["StatusMessage"]

    def test_create_of_existing_name_fails_already_exists(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        message = self.failed(self.create(salesforce_model(name)), "CREATE", "AlreadyExists")
        self.assertEqual(message, f"Resource of type '{TYPE_NAME}' with identifier '{name}' already exists.")
        self.assertEqual(len(self.cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"]), 1)

    def test_delete_of_missing_resource_fails_not_found(self):
        # [I] the spec picks async FAILED NotFound for Delete of a missing resource
        name = self.name()
        response = self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name)
        self.assertRequestId(response)
        self.assertEventShape(response["ProgressEvent"], "DELETE", "IN_PROGRESS", name)
        message = self.failed(response["ProgressEvent"], "DELETE", "NotFound")
        self.assertEqual(message, f"Resource of type '{TYPE_NAME}' with identifier '{name}' was not found.")

    def test_minimal_model_fails_invalid_request_under_service_validation(self):
        # [I] the AppFlow API requires connectorProfileConfig; ccemu reports it as FAILED InvalidRequest
        name = self.name()
        message = self.failed(self.create(support.minimal_model(name)), "CREATE", "InvalidRequest")
        self.assertTrue(message.startswith("Invalid request provided: "), message)
        self.assertIn("connectorProfileConfig", message)
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException):
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=name)

    def test_failed_events_are_listed_with_error_code(self):
        name = self.name()
        self.create(support.minimal_model(name))
        response = self.cc.list_resource_requests(ResourceRequestStatusFilter={"OperationStatuses": ["FAILED"]})
        self.assertRequestId(response)
        summaries = response["ResourceRequestStatusSummaries"]
        self.assertEqual([(s["Identifier"], s["ErrorCode"]) for s in summaries], [(name, "InvalidRequest")])


class SchemaValidationLevelTest(Boto3TestCase):
    FLAGS = ("--validation", "schema")

    def test_minimal_model_succeeds_under_schema_validation(self):
        name = self.name()
        self.create_ok(support.minimal_model(name))
        self.assertEqual(self.props(name)["ConnectorProfileName"], name)


class SlowProgressWaiterTest(Boto3TestCase):
    """Requests stay IN_PROGRESS for two status polls (ccemu --progress polls=2)."""

    FLAGS = ("--progress", "polls=2")

    def test_waiter_polls_until_success(self):
        name = self.name()
        event = self.create(salesforce_model(name))
        self.wait(event["RequestToken"], Delay=1, MaxAttempts=5)  # IN_PROGRESS, IN_PROGRESS, SUCCESS
        self.assertEqual(self.props(name)["ConnectorProfileName"], name)

    def test_waiter_raises_on_cancel_complete(self):
        name = self.name()
        event = self.create(salesforce_model(name))
        response = self.cc.cancel_resource_request(RequestToken=event["RequestToken"])
        self.assertRequestId(response)
        self.assertEventShape(response["ProgressEvent"], "CREATE", "CANCEL_IN_PROGRESS", name)
        with self.assertRaises(WaiterError) as caught:
            self.wait(event["RequestToken"], Delay=1, MaxAttempts=5)
        self.assertIn("CANCEL_COMPLETE", str(caught.exception))
        self.assertEqual(caught.exception.last_response["ProgressEvent"]["OperationStatus"], "CANCEL_COMPLETE")
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException):  # [I] nothing applied
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=name)

    def test_waiter_gives_up_after_max_attempts(self):
        event = self.create(salesforce_model(self.name()))
        with self.assertRaises(WaiterError) as caught:
            self.wait(event["RequestToken"], Delay=1, MaxAttempts=1)
        self.assertIn("Max attempts exceeded", str(caught.exception))
        self.assertEqual(caught.exception.last_response["ProgressEvent"]["OperationStatus"], "IN_PROGRESS")


if __name__ == "__main__":
    unittest.main()
