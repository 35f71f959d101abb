"""Black-box tests of the awsJson1_0 wire protocol, member validation, caller identity and admin."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import (DEFAULT_ACCOUNT, ERROR_NAMESPACE, TYPE_NAME, UUID, ServerTestCase,  # noqa: E402
                          authorization, salesforce_model)

TYPE_PATTERN = "[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}::[A-Za-z0-9]{2,64}"
TOKEN_PATTERN = "[-A-Za-z0-9+/=]+"


def clause(value, member, constraint):
    """One member-constraint clause; value None means a missing member, ... a sensitive one."""
    shown = "Value null" if value is None else "Value" if value is ... else f"Value '{value}'"
    return f"{shown} at '{member}' failed to satisfy constraint: {constraint}"


def one_error(value, member, constraint):
    return "1 validation error detected: " + clause(value, member, constraint)


class WireProtocolTest(ServerTestCase):
    def raw_post(self, body, headers):
        status, _, data = self.server.raw("POST", "/", body, headers)
        return status, json.loads(data)

    def test_query_string_on_the_post_is_accepted(self):
        response = self.server.call("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": json.dumps(
            salesforce_model("query-1"))}, path="/?Action=CreateResource&Version=2021-09-30")
        self.finish(response, "CREATE", identifier="query-1")
        self.assertEqual(self.props("query-1")["ConnectorProfileName"], "query-1")

    def test_lower_case_header_names_are_accepted(self):  # JS SDK v3 style
        body = json.dumps({"TypeName": TYPE_NAME, "DesiredState": json.dumps(salesforce_model("lower-1"))})
        response = self.raw_post(body.encode(), {
            "content-type": "application/x-amz-json-1.0", "x-amz-target": "CloudApiService.CreateResource",
            "x-amz-date": "20261127T120000Z", "authorization": authorization("eu-west-3")})
        self.finish(response, "CREATE", identifier="lower-1", region="eu-west-3")
        self.assertIn(":eu-west-3:", self.props("lower-1", region="eu-west-3")["ConnectorProfileArn"])

    def test_missing_content_type_is_accepted(self):  # spec §1.1 mock rules [I]
        response = self.raw_post(json.dumps({"TypeName": TYPE_NAME}).encode(),
                                 {"X-Amz-Target": "CloudApiService.ListResources"})
        self.assertEqual(response[0], 200, response[1])

    def test_missing_target_is_unknown_operation(self):
        response = self.raw_post(b"{}", {"Content-Type": "application/x-amz-json-1.0"})
        self.assertApiError(response, 400, "UnknownOperationException")

    def test_unknown_target_is_unknown_operation(self):
        for target in ("CloudApiService.Frobnicate", "CloudApiService.", "Frobnicate.GetResource"):
            with self.subTest(target):
                response = self.raw_post(b"{}", {"X-Amz-Target": target,
                                                 "Content-Type": "application/x-amz-json-1.0"})
                self.assertApiError(response, 400, "UnknownOperationException")

    def test_body_that_is_not_a_json_object_is_serialization_exception(self):
        for body in (b"not json", b"{", b"[]", b'"TypeName"', b"null", b"{}{}"):
            with self.subTest(body):
                self.assertApiError(self.server.call("ListResources", body), 400, "SerializationException")

    def test_member_of_wrong_json_type_is_serialization_exception_naming_it(self):
        cases = [
            ("GetResource", {"TypeName": 5, "Identifier": "x"}, "typename"),
            ("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": {"ConnectorProfileName": "x"}},
             "desiredstate"),
            ("ListResources", {"TypeName": TYPE_NAME, "MaxResults": "10"}, "maxresults"),
            ("ListResourceRequests", {"ResourceRequestStatusFilter": "CREATE"}, "resourcerequeststatusfilter"),
            ("ListResourceRequests", {"ResourceRequestStatusFilter": {"Operations": "CREATE"}}, "operations"),
        ]
        for operation, body, member in cases:  # member name case is not fixed by the decisions
            with self.subTest(body=body):
                text = self.assertApiError(self.server.call(operation, body), 400, "SerializationException")
                self.assertIn(member, text.lower())

    def assertValidation(self, operation, body, message):
        self.assertApiError(self.server.call(operation, body), 400, "ValidationException", message=message)

    def assertValidationClauses(self, operation, body, clauses):
        """N errors: the header, then the clauses joined by "; " (their order is not asserted)."""
        header = f"{len(clauses)} validation errors detected: "
        text = self.assertApiError(self.server.call(operation, body), 400, "ValidationException", prefix=header)
        self.assertCountEqual(text[len(header):].split("; "), clauses)

    def test_type_name_pattern_violation(self):
        self.assertValidation("GetResource", {"TypeName": "AWS-AppFlow-ConnectorProfile", "Identifier": "x"},
                              one_error("AWS-AppFlow-ConnectorProfile", "typeName",
                                        "Member must satisfy regular expression pattern: " + TYPE_PATTERN))

    def test_request_token_pattern_violation(self):
        self.assertValidation("GetResourceRequestStatus", {"RequestToken": "bad token!"},
                              one_error("bad token!", "requestToken",
                                        "Member must satisfy regular expression pattern: " + TOKEN_PATTERN))

    def test_min_length_violation_of_sensitive_members_does_not_echo_them(self):
        self.assertValidation("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": ""},
                              one_error(..., "desiredState", "Member must have length greater than or equal to 1"))
        self.assertValidation("UpdateResource", {"TypeName": TYPE_NAME, "Identifier": "x", "PatchDocument": ""},
                              one_error(..., "patchDocument", "Member must have length greater than or equal to 1"))

    def test_max_length_violation(self):
        token = "a" * 129
        body = {"TypeName": TYPE_NAME, "DesiredState": json.dumps(salesforce_model("maxlen")), "ClientToken": token}
        self.assertValidation("CreateResource", body, one_error(
            token, "clientToken", "Member must have length less than or equal to 128"))
        self.assertMissing("maxlen")

    def test_missing_required_member(self):
        self.assertValidation("GetResource", {"Identifier": "x"},
                              one_error(None, "typeName", "Member must not be null"))

    def test_max_results_out_of_range(self):
        for operation, body in (("ListResources", {"TypeName": TYPE_NAME}), ("ListResourceRequests", {})):
            for value, constraint in ((0, "Member must have value greater than or equal to 1"),
                                      (101, "Member must have value less than or equal to 100")):
                with self.subTest(operation=operation, value=value):
                    self.assertValidation(operation, dict(body, MaxResults=value),
                                          one_error(value, "maxResults", constraint))  # echoed as '0' [I]

    def test_two_missing_members_give_two_errors(self):
        self.assertValidationClauses("GetResource", {}, [clause(None, "typeName", "Member must not be null"),
                                                         clause(None, "identifier", "Member must not be null")])

    def test_short_and_long_type_names_break_length_and_pattern(self):
        pattern = "Member must satisfy regular expression pattern: " + TYPE_PATTERN
        for name, length in (("A::B", "Member must have length greater than or equal to 10"),
                             ("AWS::" + "A" * 188 + "::Bar", "Member must have length less than or equal to 196")):
            with self.subTest(name=name):
                self.assertValidationClauses("GetResource", {"TypeName": name, "Identifier": "x"},
                                             [clause(name, "typeName", length), clause(name, "typeName", pattern)])

    def test_every_response_has_a_request_id_and_the_json_content_type(self):
        model = json.dumps(salesforce_model("hdr-1"))
        calls = [("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": model}),  # 200
                 ("ListResources", {"TypeName": TYPE_NAME}),  # 200
                 ("GetResource", {"TypeName": TYPE_NAME, "Identifier": "nope"}),  # 400
                 ("GetResource", {"TypeName": "AWS::Foo::Bar", "Identifier": "x"}),  # 400
                 ("GetResource", {}),  # 400 validation
                 ("GetResource", b"{"),  # 400 serialization
                 ("Frobnicate", {})]  # 400 unknown operation
        ids = set()
        for operation, body in calls:
            with self.subTest(operation=operation, body=body):
                _, headers, _ = self.server.call_full(operation, body)
                self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.0")
                self.assertRegex(headers.get("x-amzn-requestid", ""), UUID)
                ids.add(headers["x-amzn-requestid"])
        self.assertEqual(len(ids), len(calls), "request ids are fresh")

    def test_error_bodies_have_exactly_type_and_message(self):
        for operation, body in (("GetResource", {"TypeName": TYPE_NAME, "Identifier": "nope"}),
                                ("GetResource", {}), ("GetResource", b"]"), ("Frobnicate", {}),
                                ("GetResourceRequestStatus", {"RequestToken": "nope"})):
            with self.subTest(operation=operation, body=body):
                status, error = self.server.call(operation, body)
                self.assertGreaterEqual(status, 400)
                self.assertEqual(set(error), {"__type", "Message"})
                self.assertTrue(error["__type"].startswith(ERROR_NAMESPACE), error)
                self.assertIsInstance(error["Message"], str)
                self.assertTrue(error["Message"])

    def test_event_time_is_a_json_number_of_epoch_seconds(self):
        created = self.assertEvent(self.create(salesforce_model("time-1")), "CREATE", "IN_PROGRESS")
        done = self.poll(created["RequestToken"])
        listed = [s for s in self.list_requests() if s["RequestToken"] == created["RequestToken"]]
        for event in (created, done, *listed):
            with self.subTest(status=event["OperationStatus"]):
                self.assertIn(type(event["EventTime"]), (int, float), event)
                self.assertTrue(1.6e9 < event["EventTime"] < 1e10, "seconds, not milliseconds")


class IdentityTest(ServerTestCase):
    def arn(self, name, **identity):
        return self.props(name, **identity)["ConnectorProfileArn"]

    def test_unsigned_request_uses_the_default_region_and_account(self):  # spec §1.2 [I]
        self.finish(self.create(salesforce_model("anon-1"), sign=False), "CREATE", sign=False)
        self.assertEqual(self.arn("anon-1", sign=False),
                         f"arn:aws:appflow:us-east-1:{DEFAULT_ACCOUNT}:connectorprofile/anon-1")
        self.assertEqual(self.arn("anon-1"), self.arn("anon-1", sign=False))  # AKIDEXAMPLE: default account

    def test_state_is_isolated_per_region_of_the_credential_scope(self):
        self.create_ok(salesforce_model("reg-1"), region="eu-west-3")
        self.assertEqual(self.arn("reg-1", region="eu-west-3"),
                         f"arn:aws:appflow:eu-west-3:{DEFAULT_ACCOUNT}:connectorprofile/reg-1")
        self.assertMissing("reg-1", region="us-east-1")
        self.assertNotIn("reg-1", self.list_ids(region="ap-southeast-2"))
        self.create_ok(salesforce_model("reg-1"), region="us-west-2")  # same name, other region: no clash

    def test_state_is_isolated_per_twelve_digit_access_key(self):
        self.create_ok(salesforce_model("acct-1"), access_key="111122223333")
        self.assertEqual(self.arn("acct-1", access_key="111122223333"),
                         "arn:aws:appflow:us-east-1:111122223333:connectorprofile/acct-1")
        self.assertMissing("acct-1", access_key="444455556666")
        self.assertMissing("acct-1", access_key="AKIDEXAMPLE")
        self.assertMissing("acct-1", access_key="111122223333", region="eu-west-1")

    def test_non_numeric_access_key_is_the_default_account(self):
        self.create_ok(salesforce_model("acct-2"), access_key="AKIAIOSFODNN7EXAMPLE")
        self.assertIn(f":{DEFAULT_ACCOUNT}:", self.arn("acct-2", access_key=DEFAULT_ACCOUNT))

    def test_malformed_region_in_the_scope_is_invalid_signature(self):
        region = "{{ vars.AWS_REGION }}"
        message = f"Credential should be scoped to a valid region, not '{region}'."
        self.assertApiError(self.create(salesforce_model("badreg"), region=region), 400,
                            "InvalidSignatureException", message=message)
        self.assertApiError(self.get("badreg", region=region), 400, "InvalidSignatureException", message=message)
        self.assertMissing("badreg")


class RegionAndAccountFlagsTest(ServerTestCase):
    FLAGS = ("--region", "eu-central-1", "--account", "210987654321")

    def test_unsigned_request_uses_the_configured_region_and_account(self):
        self.finish(self.create(salesforce_model("flag-1"), sign=False), "CREATE", sign=False)
        self.assertEqual(self.props("flag-1", sign=False)["ConnectorProfileArn"],
                         "arn:aws:appflow:eu-central-1:210987654321:connectorprofile/flag-1")


class AdminTest(ServerTestCase):
    def test_health_reports_status_version_and_types(self):
        status, body = self.server.health()
        self.assertEqual(status, 200)
        self.assertEqual(set(body), {"status", "version", "types"})
        self.assertEqual(body["status"], "ok")
        self.assertIsInstance(body["version"], str)
        self.assertTrue(body["version"])
        # Every type of the registry bundle, sorted, ConnectorProfile among them.
        self.assertIn(TYPE_NAME, body["types"])
        self.assertIn("AWS::S3::Bucket", body["types"])
        self.assertEqual(body["types"], sorted(body["types"]))

    def test_reset_empties_every_region_and_account(self):
        identities = [{}, {"region": "eu-west-3"}, {"access_key": "111122223333"}]
        tokens = [self.create_ok(salesforce_model("reset-1"), **who)["RequestToken"] for who in identities]
        self.assertIn(self.server.reset(), (200, 204))
        for who, token in zip(identities, tokens):
            with self.subTest(**who):
                self.assertEqual(self.list_ids(**who), [])
                self.assertEqual(self.list_requests(**who), [])
                self.assertApiError(self.status(token, **who), 400, "RequestTokenNotFoundException")
        self.create_ok(salesforce_model("reset-1"))  # the name is free again
        self.assertEqual(self.server.health()[0], 200)


if __name__ == "__main__":
    unittest.main()
