"""boto3 against injected faults (README "Fault injection"): its own retries recover from throttling, and a
FAILED event reaches the ResourceRequestSuccess waiter."""

import json
import unittest

import botocore.config
from botocore.exceptions import WaiterError

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, ClientError, salesforce_model


def setUpModule():
    support.isolate_environment()


def tearDownModule():
    support.restore_environment()


class FaultTest(Boto3TestCase):

    def setUp(self):
        super().setUp()
        self.assertEqual(self.faults("DELETE")[0], 200)

    def faults(self, method, rules=None):
        data = b"" if rules is None else json.dumps(rules).encode()
        status, _, body = self.server.raw(method, "/_ccemu/faults", data, {"Content-Type": "application/json"})
        return status, json.loads(body)

    def standard_client(self):
        """A client in botocore's standard retry mode making at most 3 attempts (the mode's default; botocore's
        "max_attempts" counts retries only, so 3 there would mean 4 attempts), closed when the test ends."""
        config = botocore.config.Config(retries={"mode": "standard", "total_max_attempts": 3})
        cc = support.boto3.session.Session().client(
            "cloudcontrol", endpoint_url=self.server.url, region_name="us-east-1", aws_access_key_id="test",
            aws_secret_access_key="test", config=config)
        self.addCleanup(cc.close)
        return cc

    def test_standard_retries_recover_from_two_throttles(self):
        self.faults("POST", {"operation": "CreateResource", "error": {"code": "ThrottlingException"}, "times": 2})
        cc = self.standard_client()
        name = self.name()
        response = cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)))
        self.assertEqual(response["ResponseMetadata"]["RetryAttempts"], 2)
        self.assertEqual(response["ProgressEvent"]["OperationStatus"], "IN_PROGRESS")
        self.wait(response["ProgressEvent"]["RequestToken"], cc=cc)
        self.assertEqual(self.props(name, cc=cc)["ConnectorProfileName"], name)
        rule = self.faults("GET")[1]["rules"][0]
        self.assertEqual((rule["fired"], rule["remaining"]), (2, 0))

    def test_standard_retries_give_up_after_three_attempts(self):
        self.faults("POST", {"operation": "ListResources", "error": {"code": "ThrottlingException"}, "times": 3})
        cc = self.standard_client()
        with self.assertRaises(ClientError) as caught:
            cc.list_resources(TypeName=TYPE_NAME)
        self.assertError(caught.exception, "ThrottlingException", 400, message="Rate exceeded")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["RetryAttempts"], 2)

    def test_retries_recover_from_a_server_fault(self):
        self.faults("POST", {"operation": "ListResources", "times": 1,
                             "error": {"code": "ServiceInternalErrorException"}})
        cc = self.standard_client()
        response = cc.list_resources(TypeName=TYPE_NAME)
        self.assertEqual(response["ResponseMetadata"]["RetryAttempts"], 1)

    def test_failed_create_is_visible_through_the_waiter(self):
        self.faults("POST", {"operation": "CreateResource", "failed_event": {
            "error_code": "ServiceLimitExceeded", "status_message": "Too many connector profiles."}})
        name = self.name()
        event = self.create(salesforce_model(name))
        with self.assertRaises(WaiterError) as caught:
            self.wait(event["RequestToken"], Delay=1, MaxAttempts=3)
        final = caught.exception.last_response["ProgressEvent"]
        self.assertEventShape(final, "CREATE", "FAILED", name)
        self.assertEqual(final["ErrorCode"], "ServiceLimitExceeded")
        self.assertEqual(final["StatusMessage"], "Too many connector profiles.")
        self.assertIn("FAILED", str(caught.exception))
        with self.assertRaises(self.cc.exceptions.ResourceNotFoundException):
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier=name)


if __name__ == "__main__":
    unittest.main()
