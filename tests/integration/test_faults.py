"""Fault injection (README "Fault injection"): rules from --faults FILE or /_ccemu/faults; immediate errors
with their spec §1.5 status, FAILED ProgressEvents that change nothing, added latency; every time, the next N
times or with a probability that repeats under --seed."""

import json
import os
import shutil
import subprocess
import tempfile
import time
import unittest

from ccemu_server import TYPE_NAME, CcemuServer, ServerTestCase, salesforce_model

# Spec §1.5: every modeled error and its HTTP status.
MODELED_STATUS = {
    "AlreadyExistsException": 400, "ClientTokenConflictException": 400, "ConcurrentModificationException": 500,
    "ConcurrentOperationException": 400, "GeneralServiceException": 400, "HandlerFailureException": 502,
    "HandlerInternalFailureException": 502, "InvalidCredentialsException": 400, "InvalidRequestException": 400,
    "NetworkFailureException": 502, "NotStabilizedException": 400, "NotUpdatableException": 400,
    "PrivateTypeException": 400, "RequestTokenNotFoundException": 400, "ResourceConflictException": 400,
    "ResourceNotFoundException": 400, "ServiceInternalErrorException": 502, "ServiceLimitExceededException": 400,
    "ThrottlingException": 400, "TypeNotFoundException": 400, "UnsupportedActionException": 400,
}


def faults(server, method, rules=None):
    data = b"" if rules is None else json.dumps(rules).encode()
    status, _, body = server.raw(method, "/_ccemu/faults", data, {"Content-Type": "application/json"})
    return status, json.loads(body)


class FaultAdminTest(ServerTestCase):

    def setUp(self):
        self.assertEqual(faults(self.server, "DELETE")[0], 200)
        self.assertEqual(self.server.reset(), 200)

    def get(self, identifier="p1"):
        return self.api("GetResource", {"TypeName": TYPE_NAME, "Identifier": identifier})

    def test_next_two_times_then_normal_answers(self):
        status, body = faults(self.server, "POST", {"operation": "GetResource",
                                                    "error": {"code": "ThrottlingException"}, "times": 2})
        self.assertEqual(status, 200, body)
        self.assertEqual(body["rules"], [{"id": body["rules"][0]["id"], "operation": "GetResource", "times": 2,
                                          "fired": 0, "remaining": 2,
                                          "error": {"code": "ThrottlingException", "message": "Rate exceeded"}}])
        for _ in range(2):
            self.assertApiError(self.get(), 400, "ThrottlingException", message="Rate exceeded")
        self.assertApiError(self.get(), 400, "ResourceNotFoundException")
        rule = faults(self.server, "GET")[1]["rules"][0]
        self.assertEqual((rule["fired"], rule["remaining"]), (2, 0))

    def test_every_modeled_error_has_its_status(self):
        for name, status in MODELED_STATUS.items():
            with self.subTest(error=name):
                faults(self.server, "DELETE")
                self.assertEqual(faults(self.server, "POST", {"error": {"code": name, "message": "injected " + name}})[0],
                                 200)
                self.assertApiError(self.get(), status, name, message="injected " + name)

    def test_errors_outside_the_model_too(self):
        faults(self.server, "POST", {"error": {"code": "InternalFailure"}})
        self.assertApiError(self.get(), 500, "InternalFailure", message="Injected fault.")

    def test_matches_type_name_and_identifier(self):
        faults(self.server, "POST", {"type_name": TYPE_NAME, "identifier": "p1",
                                     "error": {"code": "ResourceConflictException"}})
        self.assertApiError(self.get("p1"), 400, "ResourceConflictException")
        self.assertApiError(self.get("p2"), 400, "ResourceNotFoundException")
        self.assertApiError(self.api("GetResource", {"TypeName": "AWS::Other::Thing", "Identifier": "p1"}),
                            400, "TypeNotFoundException")

    def test_failed_event_changes_nothing(self):
        faults(self.server, "POST", {"operation": "CreateResource", "times": 1,
                                     "failed_event": {"error_code": "ServiceInternalError",
                                                      "status_message": "the handler fell over"}})
        event = self.assertEvent(self.create(salesforce_model("f1")), "CREATE", "IN_PROGRESS", "f1")
        final = self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]}),
                                 "CREATE", "FAILED", "f1")
        self.assertEqual((final["ErrorCode"], final["StatusMessage"]),
                         ("ServiceInternalError", "the handler fell over"))
        self.assertApiError(self.get("f1"), 400, "ResourceNotFoundException")
        # The rule was used up: the same create now succeeds.
        event = self.assertEvent(self.create(salesforce_model("f1")), "CREATE", "IN_PROGRESS", "f1")
        self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]}),
                         "CREATE", "SUCCESS")

    def test_failed_update_keeps_the_resource_as_it_was(self):
        event = self.assertEvent(self.create(salesforce_model("u1")), "CREATE", "IN_PROGRESS")
        self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]})
        before = self.get("u1")[1]
        faults(self.server, "POST", {"identifier": "u1", "failed_event": {"error_code": "NotStabilized"}})
        event = self.assertEvent(self.update("u1", [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]),
                                 "UPDATE", "IN_PROGRESS")
        final = self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]})[1]["ProgressEvent"]
        self.assertEqual((final["OperationStatus"], final["ErrorCode"]), ("FAILED", "NotStabilized"))
        self.assertEqual(final["StatusMessage"], "Injected fault: the handler failed with NotStabilized.")
        self.assertEqual(self.get("u1")[1], before)

    def test_latency_delays_the_answer(self):
        faults(self.server, "POST", {"operation": "ListResources", "latency_ms": 300})
        started = time.monotonic()
        status, _ = self.api("ListResources", {"TypeName": TYPE_NAME})
        self.assertEqual(status, 200)
        self.assertGreaterEqual(time.monotonic() - started, 0.3)

    def test_invalid_rules_are_refused_and_none_added(self):
        status, body = faults(self.server, "POST", [{"latency_ms": 5}, {"error": {"code": "Throttling"}}])
        self.assertEqual(status, 400)
        self.assertEqual(body, {"message": "Invalid fault rule 2: error.code 'Throttling' is not an error name "
                                           "(e.g. ThrottlingException)"})
        status, _, raw = self.server.raw("POST", "/_ccemu/faults", b"{nope")
        self.assertEqual(status, 400)
        self.assertTrue(json.loads(raw)["message"].startswith("Invalid fault rules: "))
        self.assertEqual(faults(self.server, "GET"), (200, {"rules": []}))

    def test_delete_removes_every_rule(self):
        faults(self.server, "POST", [{"error": {"code": "ThrottlingException"}}, {"latency_ms": 1}])
        self.assertEqual(len(faults(self.server, "GET")[1]["rules"]), 2)
        self.assertEqual(faults(self.server, "DELETE"), (200, {"rules": []}))
        self.assertApiError(self.get(), 400, "ResourceNotFoundException")

    def test_reset_keeps_the_rules(self):
        faults(self.server, "POST", {"error": {"code": "ThrottlingException"}})
        self.assertEqual(self.server.reset(), 200)
        self.assertApiError(self.get(), 400, "ThrottlingException")


class FaultFileTest(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="ccemu-faults-")
        self.addCleanup(shutil.rmtree, self.dir)

    def write(self, content):
        path = os.path.join(self.dir, "faults.json")
        with open(path, "w") as f:
            f.write(content if isinstance(content, str) else json.dumps(content))
        return path

    def test_rules_from_the_file_apply_from_the_start(self):
        path = self.write([{"operation": "ListResources", "error": {"code": "ServiceInternalErrorException"}}])
        with CcemuServer("--faults", path) as server:
            status, body = server.call("ListResources", {"TypeName": TYPE_NAME})
            self.assertEqual((status, body["__type"]), (502, "com.amazonaws.cloudcontrol#ServiceInternalErrorException"))
            self.assertEqual(faults(server, "GET")[1]["rules"][0]["fired"], 1)

    def test_invalid_file_stops_start_up(self):
        for content, message in [("[1,", "not JSON: "),
                                 ({"latency_ms": "soon"}, "Invalid fault rule 1: latency_ms must be an integer")]:
            path = self.write(content)
            proc = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--faults", path],
                                  capture_output=True, text=True, timeout=30)
            self.assertEqual(proc.returncode, 1)
            self.assertTrue(proc.stderr.startswith(f"ccemu: cannot load fault file {path}: {message}"), proc.stderr)

    def test_probability_repeats_under_a_seed(self):
        path = self.write({"operation": "GetResource", "error": {"code": "ThrottlingException"}, "probability": 0.5})

        def pattern(seed):
            with CcemuServer("--faults", path, "--seed", seed) as server:
                # Both answers are 400s now (issue 20); the error name tells them apart.
                return "".join("x" if server.call("GetResource", {"TypeName": TYPE_NAME, "Identifier": "p"})[1]["__type"]
                               .endswith("#ThrottlingException") else "." for _ in range(40))

        first = pattern("9")
        self.assertEqual(first, pattern("9"))
        self.assertIn("x", first)
        self.assertIn(".", first)


if __name__ == "__main__":
    unittest.main()
