"""AWS's exact answers where ccemu used to differ (issue 20): the HTTP status of Cloud Control errors,
AWS's messages (request tokens, client tokens, the JSON-patch family), cancelling a finished request,
a read of a missing resource in the handler's frame, and NON_PROVISIONABLE types refused. Each
assertion cites the recording of real AWS it reproduces."""

import json
import re
import unittest

from ccemu_server import ERROR_NAMESPACE, TYPE_NAME, UUID, CcemuServer

PROFILE = {"ConnectorProfileName": "p1", "ConnectionMode": "Public", "ConnectorType": "Datadog",
           "ConnectorProfileConfig": {"ConnectorProfileProperties": {"Datadog": {"InstanceUrl": "https://a"}},
                                      "ConnectorProfileCredentials": {"Datadog": {"ApiKey": "k",
                                                                                  "ApplicationKey": "a"}}}}


class AwsAnswersTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.server.raw("POST", "/_ccemu/reset")

    def assertError(self, response, name, message):
        status, body = response
        self.assertEqual((status, body["__type"]), (400, ERROR_NAMESPACE + name), body)
        if isinstance(message, re.Pattern):
            self.assertRegex(body["Message"], message)
        else:
            self.assertEqual(body["Message"], message)

    def create(self, type_name, model, **extra):
        return self.server.call("CreateResource", {"TypeName": type_name, "DesiredState": json.dumps(model), **extra})

    # --- item 1: every Cloud Control client error is a 400 -----------------------------------------

    def test_type_not_found_is_400(self):
        # Recorded: TypeNotFoundException arrives with 400 (issue 20; the model gives it no
        # httpStatusCode); message from pulumi/pulumi-aws-native#2308 "The type '...' cannot be found."
        self.assertError(self.server.call("GetResource", {"TypeName": "AWS::Nope::Nothing", "Identifier": "x"}),
                         "TypeNotFoundException", "The type 'AWS::Nope::Nothing' cannot be found.")

    def test_resource_not_found_is_400_in_the_handlers_frame(self):
        # Items 1 and 4. pulumi/pulumi-aws-native#682: "cloudcontrol doesn't return a status code of
        # 404, but returns a generic 400". aws-cloudformation/cloudformation-coverage-roadmap#2090:
        # "AWS::ApplicationAutoScaling::ScalingPolicy Handler returned status FAILED: null
        # (HandlerErrorCode: NotFound, RequestToken: 94c5255d-...)".
        frame = re.compile(
            "^" + re.escape(f"{TYPE_NAME} Handler returned status FAILED: ") + r".+ \(HandlerErrorCode: NotFound, "
            r"RequestToken: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$")
        self.assertError(self.server.call("GetResource", {"TypeName": TYPE_NAME, "Identifier": "gone"}),
                         "ResourceNotFoundException", frame)
        self.assertError(self.server.call("UpdateResource", {"TypeName": TYPE_NAME, "Identifier": "gone",
                                                             "PatchDocument": "[]"}),
                         "ResourceNotFoundException", frame)

    # --- item 2: AWS's words -------------------------------------------------------------------

    def test_unknown_request_token_in_aws_words(self):
        # Recorded (issue 20): "Request with token DOESNOTEXIST was not found", status 400, from both
        # GetResourceRequestStatus and CancelResourceRequest.
        for operation in ("GetResourceRequestStatus", "CancelResourceRequest"):
            self.assertError(self.server.call(operation, {"RequestToken": "DOESNOTEXIST"}),
                             "RequestTokenNotFoundException", "Request with token DOESNOTEXIST was not found")

    def test_client_token_conflict_names_the_first_request(self):
        # Recorded (issue 20): "ClientToken <token> is already associated with an existing operation
        # with RequestToken <first request's token>", status 400.
        status, first = self.create(TYPE_NAME, PROFILE, ClientToken="token-1")
        self.assertEqual(status, 200, first)
        token = first["ProgressEvent"]["RequestToken"]
        other = dict(PROFILE, ConnectorProfileName="p2")
        self.assertError(self.create(TYPE_NAME, other, ClientToken="token-1"), "ClientTokenConflictException",
                         f"ClientToken token-1 is already associated with an existing operation with "
                         f"RequestToken {token}")

    def patch(self, operations):
        return self.server.call("UpdateResource", {"TypeName": TYPE_NAME, "Identifier": "p1",
                                                   "PatchDocument": json.dumps(operations)})

    def test_patch_failures_in_zjsonpatch_words(self):
        # aws-cloudformation/cloudformation-coverage-roadmap#2236, recorded from UpdateResource:
        # "ValidationException ... [REPLACE Operation] noSuchPath in source, path provided : //Tags".
        # The rest of the family is the same library's (flipkart-incubator/zjsonpatch
        # InPlaceApplyProcessor) messages for the other operations.
        self.assertEqual(self.create(TYPE_NAME, PROFILE)[0], 200)
        cases = [
            ([{"op": "replace", "path": "/Tags", "value": []}],
             "[REPLACE Operation] noSuchPath in source, path provided : //Tags"),
            ([{"op": "remove", "path": "/KMSArn"}], "[REMOVE Operation] noSuchPath in source, path provided : //KMSArn"),
            ([{"op": "add", "path": "/Missing/Child", "value": 1}],
             "[ADD Operation] noSuchPath in source, path provided: //Missing/Child"),
            ([{"op": "test", "path": "/ConnectionMode", "value": "Private"}], "[TEST Operation] value mismatch"),
            ([{"op": "move", "from": "/Nothing", "path": "/Labels"}],
             "[MOVE Operation] noSuchPath in source, path provided : //Nothing"),
            ([{"op": "add", "path": "/ConnectionMode/x", "value": 1}],
             '[ADD Operation] parent is not a container in source, path provided : //ConnectionMode/x | node : "Public"'),
        ]
        for operations, message in cases:
            with self.subTest(operations=operations):
                self.assertError(self.patch(operations), "ValidationException", message)

    # --- item 3: cancelling a finished request ----------------------------------------------------

    def test_cancelling_a_finished_request_is_a_validation_error(self):
        # Recorded (issue 20): 400 ValidationException "Request <token> is already in status SUCCESS",
        # and likewise for FAILED.
        status, body = self.create(TYPE_NAME, PROFILE)
        token = body["ProgressEvent"]["RequestToken"]
        self.server.call("GetResourceRequestStatus", {"RequestToken": token})
        self.assertError(self.server.call("CancelResourceRequest", {"RequestToken": token}),
                         "ValidationException", f"Request {token} is already in status SUCCESS")
        status, body = self.create(TYPE_NAME, PROFILE)  # a duplicate: FAILED AlreadyExists
        token = body["ProgressEvent"]["RequestToken"]
        self.assertError(self.server.call("CancelResourceRequest", {"RequestToken": token}),
                         "ValidationException", f"Request {token} is already in status FAILED")

    # --- item 5: NON_PROVISIONABLE types ----------------------------------------------------------

    def test_a_type_without_handlers_is_refused_for_every_operation(self):
        # AWS::CodeBuild::Project's registry schema declares no handlers (NON_PROVISIONABLE). Recorded
        # answers of that refusal: "An error occurred (UnsupportedActionException) when calling the
        # CreateResource operation: Resource type AWS::RDS::DBCluster does not support CREATE action"
        # (an AWS CLI session of 2021-10-12, when DBCluster was NON_PROVISIONABLE), status 400 for
        # AWS::Route53::RecordSet (alchemy-run/alchemy-async#1225), and "Resource type
        # AWS::Route53::RecordSet does not support READ action" (go-to-k/cdk-real-drift#1427).
        project = "AWS::CodeBuild::Project"
        calls = [
            ("CREATE", "CreateResource", {"DesiredState": json.dumps({"Name": "p"})}),
            ("READ", "GetResource", {"Identifier": "p"}),
            ("UPDATE", "UpdateResource", {"Identifier": "p", "PatchDocument": "[]"}),
            ("DELETE", "DeleteResource", {"Identifier": "p"}),
            ("LIST", "ListResources", {}),
        ]
        for action, operation, members in calls:
            with self.subTest(operation=operation):
                self.assertError(self.server.call(operation, {"TypeName": project, **members}),
                                 "UnsupportedActionException",
                                 f"Resource type {project} does not support {action} action")


class ServeNonProvisionableTest(unittest.TestCase):
    def test_the_flag_serves_types_without_handlers(self):
        with CcemuServer("--serve-non-provisionable", "--types", "AWS::CloudFormation::WaitConditionHandle") as server:
            status, body = server.call("CreateResource", {"TypeName": "AWS::CloudFormation::WaitConditionHandle",
                                                          "DesiredState": "{}"})
            self.assertEqual(status, 200, body)
            status, body = server.call("GetResourceRequestStatus",
                                       {"RequestToken": body["ProgressEvent"]["RequestToken"]})
            self.assertEqual(body["ProgressEvent"]["OperationStatus"], "SUCCESS", body)
            self.assertRegex(body["ProgressEvent"]["RequestToken"], UUID)


if __name__ == "__main__":
    unittest.main()
