"""Black-box tests of resource requests: idempotency, status, listing, pagination, cancel, progress modes,
validation levels."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TOKEN, TYPE_NAME, ServerTestCase, custom_connector_model, salesforce_model  # noqa: E402

MINIMAL = {"ConnectionMode": "Public", "ConnectorType": "Salesforce"}
TO_PRIVATE = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]


def minimal_model(name):
    return dict(MINIMAL, ConnectorProfileName=name)


class IdempotencyTest(ServerTestCase):
    """Spec §5.1. Each test uses its own account so its request list is its own."""

    def replay(self, response):
        status, body = response
        self.assertEqual(status, 200, body)
        return body["ProgressEvent"]

    def test_same_token_and_body_returns_the_same_request_and_no_second_resource(self):
        who = {"access_key": "200000000001"}
        model = salesforce_model("idem-1")
        first = self.assertEvent(self.create(model, "idem-token-1", **who), "CREATE", "IN_PROGRESS", "idem-1")
        again = self.replay(self.create(model, "idem-token-1", **who))
        self.assertEqual((again["RequestToken"], again["Operation"], again["Identifier"]),
                         (first["RequestToken"], "CREATE", "idem-1"))
        self.assertEqual(self.poll(first["RequestToken"], **who)["OperationStatus"], "SUCCESS")  # no AlreadyExists
        replayed = self.replay(self.create(model, "idem-token-1", **who))  # the current event of the original
        self.assertEqual((replayed["RequestToken"], replayed["OperationStatus"]), (first["RequestToken"], "SUCCESS"))
        self.assertEqual([s["RequestToken"] for s in self.list_requests(**who)], [first["RequestToken"]])
        self.assertEqual(self.list_ids(**who), ["idem-1"])

    def test_same_token_and_equivalent_json_is_the_same_request(self):  # canonical-JSON fingerprint [I]
        who = {"access_key": "200000000002"}
        model = salesforce_model("idem-2")
        first = self.assertEvent(self.create(model, "idem-token-2", **who), "CREATE", "IN_PROGRESS")
        body = {"TypeName": TYPE_NAME, "ClientToken": "idem-token-2",
                "DesiredState": json.dumps(model, indent=2, sort_keys=True)}
        self.assertEqual(self.replay(self.api("CreateResource", body, **who))["RequestToken"],
                         first["RequestToken"])

    def test_same_token_for_update_replays_the_update(self):
        who = {"access_key": "200000000003"}
        self.create_ok(salesforce_model("idem-3"), **who)
        first = self.assertEvent(self.update("idem-3", TO_PRIVATE, "idem-token-3", **who), "UPDATE", "IN_PROGRESS")
        self.assertEqual(self.replay(self.update("idem-3", TO_PRIVATE, "idem-token-3", **who))["RequestToken"],
                         first["RequestToken"])
        self.assertEqual(len(self.list_requests({"Operations": ["UPDATE"]}, **who)), 1)

    def test_same_token_with_a_different_body_or_operation_is_a_conflict(self):
        who = {"access_key": "200000000004"}
        first = self.create_ok(salesforce_model("idem-4"), client_token="idem-token-4", **who)
        message = ("ClientToken idem-token-4 is already associated with an existing operation with RequestToken "
                   + first["RequestToken"])
        attempts = {
            "other body": self.create(salesforce_model("idem-4", ConnectionMode="Private"), "idem-token-4", **who),
            "other name": self.create(salesforce_model("idem-4b"), "idem-token-4", **who),
            "update": self.update("idem-4", TO_PRIVATE, "idem-token-4", **who),
            "delete": self.delete("idem-4", "idem-token-4", **who),
        }
        for label, response in attempts.items():
            with self.subTest(label):
                self.assertApiError(response, 400, "ClientTokenConflictException", message=message)
        self.assertEqual(len(self.list_requests(**who)), 1)
        self.assertEqual(self.list_ids(**who), ["idem-4"])
        self.assertEqual(self.props("idem-4", **who)["ConnectionMode"], "Public")


class RequestStatusTest(ServerTestCase):
    def test_unknown_request_token_is_not_found_for_status_and_cancel(self):
        for operation in ("GetResourceRequestStatus", "CancelResourceRequest"):
            with self.subTest(operation):
                self.assertApiError(self.api(operation, {"RequestToken": "no-such-token"}), 400,
                                    "RequestTokenNotFoundException",
                                    message="Request with token no-such-token was not found")

    def assertCancelRefused(self, done):
        # Recorded (issue 20): 400 ValidationException "Request <token> is already in status SUCCESS".
        self.assertApiError(self.api("CancelResourceRequest", {"RequestToken": done["RequestToken"]}), 400,
                            "ValidationException",
                            message=f"Request {done['RequestToken']} is already in status {done['OperationStatus']}")
        strip = lambda e: {k: v for k, v in e.items() if k != "EventTime"}  # noqa: E731
        self.assertEqual(strip(self.poll(done["RequestToken"])), strip(done))

    def test_cancel_of_a_succeeded_request_is_refused(self):
        self.assertCancelRefused(self.create_ok(salesforce_model("term-1")))
        self.assertEqual(self.props("term-1")["ConnectorProfileName"], "term-1")

    def test_cancel_of_a_failed_request_is_refused(self):
        self.assertCancelRefused(self.finish(self.delete("term-ghost"), "DELETE", final="FAILED"))


class ListResourceRequestsTest(ServerTestCase):
    def run_mixed_requests(self, who):
        """Six requests; returns their tokens, oldest first, and their terminal statuses."""
        responses = [self.create(salesforce_model("a"), **who), self.create(salesforce_model("b"), **who),
                     self.create(salesforce_model("a"), **who), self.update("a", TO_PRIVATE, **who),
                     self.delete("b", **who), self.delete("ghost", **who)]
        tokens = []
        for status, body in responses:
            self.assertEqual(status, 200, body)
            tokens.append(body["ProgressEvent"]["RequestToken"])
        return tokens

    def test_newest_first_with_terminal_statuses(self):
        who = {"access_key": "300000000001"}
        tokens = self.run_mixed_requests(who)
        summaries = self.list_requests(**who)
        self.assertEqual([s["RequestToken"] for s in summaries], tokens[::-1])
        self.assertEqual([(s["Operation"], s["OperationStatus"]) for s in summaries][::-1], [
            ("CREATE", "SUCCESS"), ("CREATE", "SUCCESS"), ("CREATE", "FAILED"),
            ("UPDATE", "SUCCESS"), ("DELETE", "SUCCESS"), ("DELETE", "FAILED")])
        times = [s["EventTime"] for s in summaries]
        self.assertEqual(times, sorted(times, reverse=True))
        for summary in summaries:
            self.assertNotIn("ResourceModel", summary)

    def test_filters_by_operations_and_statuses(self):
        who = {"access_key": "300000000002"}
        t = self.run_mixed_requests(who)
        cases = [({"Operations": ["DELETE"]}, [t[5], t[4]]),
                 ({"OperationStatuses": ["FAILED"]}, [t[5], t[2]]),
                 ({"Operations": ["CREATE"], "OperationStatuses": ["FAILED"]}, [t[2]]),
                 ({"Operations": ["CREATE", "UPDATE"]}, [t[3], t[2], t[1], t[0]]),
                 ({"OperationStatuses": ["IN_PROGRESS"]}, []),
                 ({"Operations": []}, t[::-1])]  # an empty list does not filter [I]
        for filters, expected in cases:
            with self.subTest(filters):
                self.assertEqual([s["RequestToken"] for s in self.list_requests(filters, **who)], expected)

    def test_pages_of_one_return_every_request_once_with_well_formed_tokens(self):
        who = {"access_key": "300000000003"}
        tokens = self.run_mixed_requests(who)
        pages = self.list_pages("ListResourceRequests", {"MaxResults": 1}, **who)  # fails on a repeated token
        seen = [s["RequestToken"] for p in pages for s in p["ResourceRequestStatusSummaries"]]
        self.assertEqual(seen, tokens[::-1])
        for page in pages:
            self.assertLessEqual(len(page["ResourceRequestStatusSummaries"]), 1)
            if "NextToken" in page:
                self.assertRegex(page["NextToken"], TOKEN)

    def test_default_page_holds_20_requests(self):
        who = {"access_key": "300000000004"}
        for i in range(21):
            self.assertEvent(self.create(salesforce_model(f"page-{i}"), **who), "CREATE", "IN_PROGRESS")
        status, page = self.api("ListResourceRequests", {}, **who)
        self.assertEqual(status, 200, page)
        self.assertEqual(len(page["ResourceRequestStatusSummaries"]), 20)
        self.assertRegex(page["NextToken"], TOKEN)
        status, rest = self.api("ListResourceRequests", {"NextToken": page["NextToken"]}, **who)
        self.assertEqual(len(rest["ResourceRequestStatusSummaries"]), 1)
        self.assertNotIn("NextToken", rest)


class ListResourcesPaginationTest(ServerTestCase):
    NAMES = [f"res-{i}" for i in range(7)]
    WHO = {"access_key": "400000000001"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name in cls.NAMES:
            status, body = cls.server.call("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": json.dumps(
                salesforce_model(name))}, **cls.WHO)
            assert status == 200, body

    def test_pages_of_one_and_two_return_each_resource_once(self):
        for size in (1, 2):
            with self.subTest(max_results=size):
                pages = self.list_pages("ListResources", {"TypeName": TYPE_NAME, "MaxResults": size}, **self.WHO)
                ids = [d["Identifier"] for p in pages for d in p["ResourceDescriptions"]]
                self.assertCountEqual(ids, self.NAMES)
                self.assertEqual(len(pages), -(-len(self.NAMES) // size))  # no empty trailing page
                self.assertTrue(all(1 <= len(p["ResourceDescriptions"]) <= size for p in pages))
                self.assertNotIn("NextToken", pages[-1])

    def test_without_max_results_everything_fits_one_page(self):
        status, page = self.api("ListResources", {"TypeName": TYPE_NAME}, **self.WHO)
        self.assertEqual(status, 200, page)
        self.assertCountEqual([d["Identifier"] for d in page["ResourceDescriptions"]], self.NAMES)
        self.assertNotIn("NextToken", page)

    def test_empty_account_lists_an_empty_array(self):  # spec §3.3 [I]
        status, page = self.api("ListResources", {"TypeName": TYPE_NAME}, access_key="400000000002")
        self.assertEqual((status, page.get("ResourceDescriptions"), page.get("NextToken")), (200, [], None))


class CancelTest(ServerTestCase):
    """With `--progress polls=3` a request stays IN_PROGRESS for three status polls."""

    FLAGS = ("--progress", "polls=3")

    def complete(self, response, operation):
        event = self.assertEvent(response, operation, "IN_PROGRESS")
        for _ in range(3):
            self.assertEqual(self.poll(event["RequestToken"])["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(self.poll(event["RequestToken"])["OperationStatus"], "SUCCESS")

    def cancel(self, response, operation):
        """Cancels an in-flight request: CANCEL_IN_PROGRESS, then CANCEL_COMPLETE on the next poll."""
        token = self.assertEvent(response, operation, "IN_PROGRESS")["RequestToken"]
        cancelled = self.assertEvent(self.api("CancelResourceRequest", {"RequestToken": token}),
                                     operation, "CANCEL_IN_PROGRESS")
        self.assertEqual(cancelled["RequestToken"], token)
        self.assertEqual(self.poll(token)["OperationStatus"], "CANCEL_COMPLETE")
        return token

    def test_cancelled_create_is_not_applied(self):
        token = self.cancel(self.create(salesforce_model("cx-1")), "CREATE")
        self.assertMissing("cx-1")
        self.assertNotIn("cx-1", self.list_ids())
        self.assertEqual(self.poll(token)["OperationStatus"], "CANCEL_COMPLETE")  # terminal
        self.assertApiError(self.api("CancelResourceRequest", {"RequestToken": token}), 400, "ValidationException",
                            message=f"Request {token} is already in status CANCEL_COMPLETE")
        self.complete(self.create(salesforce_model("cx-1")), "CREATE")  # the name is free
        self.assertEqual(self.props("cx-1")["ConnectorProfileName"], "cx-1")

    def test_cancelled_update_keeps_the_old_model(self):
        self.complete(self.create(salesforce_model("cx-2")), "CREATE")
        self.cancel(self.update("cx-2", TO_PRIVATE), "UPDATE")
        self.assertEqual(self.props("cx-2")["ConnectionMode"], "Public")

    def test_cancelled_delete_keeps_the_resource(self):
        self.complete(self.create(salesforce_model("cx-3")), "CREATE")
        self.cancel(self.delete("cx-3"), "DELETE")
        self.assertEqual(self.props("cx-3")["ConnectorProfileName"], "cx-3")


class DelayedCompletionTest(ServerTestCase):
    FLAGS = ("--progress", "polls=1")

    def test_first_poll_in_progress_and_invisible_then_success_and_visible(self):
        token = self.assertEvent(self.create(salesforce_model("slow-1")), "CREATE", "IN_PROGRESS")["RequestToken"]
        self.assertMissing("slow-1")
        self.assertEqual(self.poll(token)["OperationStatus"], "IN_PROGRESS")
        self.assertMissing("slow-1")
        self.assertNotIn("slow-1", self.list_ids())
        self.assertEqual(self.poll(token)["OperationStatus"], "SUCCESS")
        self.assertEqual(self.props("slow-1")["ConnectorProfileName"], "slow-1")

    def test_delete_keeps_the_resource_visible_until_it_completes(self):
        token = self.assertEvent(self.create(salesforce_model("slow-2")), "CREATE", "IN_PROGRESS")["RequestToken"]
        self.assertEqual(self.poll(token)["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(self.poll(token)["OperationStatus"], "SUCCESS")
        token = self.assertEvent(self.delete("slow-2"), "DELETE", "IN_PROGRESS")["RequestToken"]
        self.assertEqual(self.poll(token)["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(self.props("slow-2")["ConnectorProfileName"], "slow-2")
        self.assertEqual(self.poll(token)["OperationStatus"], "SUCCESS")
        self.assertMissing("slow-2")


class SchemaValidationModeTest(ServerTestCase):
    FLAGS = ("--validation", "schema")

    def test_minimal_three_property_model_is_created(self):
        self.create_ok(minimal_model("min-1"))
        self.assertEqual(self.props("min-1")["ConnectorType"], "Salesforce")

    def test_properties_key_of_another_connector_type_is_accepted(self):
        model = salesforce_model("mixed-1")
        model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Datadog"] = {"InstanceUrl": "https://x.dd"}
        self.create_ok(model)

    def test_schema_and_unknown_keys_are_still_rejected(self):
        model = salesforce_model("strict-1")
        model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"]["Bogus"] = "x"
        self.assertApiError(self.create(model), 400, "ValidationException",
                            prefix="Model validation failed (", contains=("Bogus",))


class ServiceRulesTest(ServerTestCase):
    """Default `--validation service`: AppFlow API rules give FAILED InvalidRequest."""

    def assertInvalidRequest(self, model, member):
        failed = self.finish(self.create(model), "CREATE", final="FAILED",
                             identifier=model["ConnectorProfileName"])
        self.assertEqual(failed["ErrorCode"], "InvalidRequest")
        self.assertTrue(failed["StatusMessage"].startswith("Invalid request provided: "), failed)
        self.assertIn(member, failed["StatusMessage"])
        self.assertMissing(model["ConnectorProfileName"])

    def test_missing_connector_profile_config_fails(self):
        self.assertInvalidRequest(minimal_model("min-2"), "connectorProfileConfig")

    def test_properties_key_of_another_connector_type_fails_naming_it(self):
        model = salesforce_model("mixed-2")
        model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Datadog"] = {"InstanceUrl": "https://x.dd"}
        self.assertInvalidRequest(model, "Datadog")

    def test_label_matching_only_part_of_the_api_pattern_fails(self):
        self.assertInvalidRequest(custom_connector_model("label-1", "Google BigQuery"), "connectorLabel")

    def test_name_matching_only_part_of_the_api_pattern_fails(self):
        self.assertInvalidRequest(salesforce_model("my profile"), "connectorProfileName")


if __name__ == "__main__":
    unittest.main()
