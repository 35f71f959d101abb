"""Admin API over the whole state (README "Admin API"): GET/PUT /_ccemu/state and GET /_ccemu/requests."""

import copy
import json
import unittest

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ServerTestCase, salesforce_model

OTHER_ACCOUNT = "210987654321"
SECRETS = ("secret-access-token", "secret-refresh-token")


class AdminStateTest(ServerTestCase):

    def setUp(self):
        self.assertEqual(self.server.reset(), 200)

    def admin(self, method, path, body=None):
        data = b"" if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        status, headers, raw = self.server.raw(method, path, data, {"Content-Type": "application/json"})
        self.assertEqual(headers.get("content-type"), "application/json")
        return status, json.loads(raw)

    def state(self):
        status, body = self.admin("GET", "/_ccemu/state")
        self.assertEqual(status, 200, body)
        return body

    def created(self, name, model=None, **identity):
        model = model or salesforce_model(name)
        event = self.assertEvent(self.create(model, **identity), "CREATE", "IN_PROGRESS")
        return self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]},
                                         **identity), "CREATE", "SUCCESS")

    def unmasked_dump(self, *names):
        """A dump as a snapshot file holds it: write-only values included."""
        models = {}
        for name in names:
            model = salesforce_model(name)
            model["ConnectorProfileArn"] = f"arn:aws:appflow:us-east-1:{DEFAULT_ACCOUNT}:connectorprofile/{name}"
            model["CredentialsArn"] = (f"arn:aws:secretsmanager:us-east-1:{DEFAULT_ACCOUNT}:secret:"
                                       f"appflow!{DEFAULT_ACCOUNT}-{name}-1767225600000-AbCdEf")
            models[name] = model
        return {"format": "ccemu-state", "version": 1,
                "resources": {DEFAULT_ACCOUNT: {"us-east-1": {TYPE_NAME: models}}}}

    # --- GET /_ccemu/state -----------------------------------------------------------------------

    def test_state_lists_every_resource_per_account_region_and_type(self):
        self.created("a1")
        self.created("b1", region="eu-west-3", access_key=OTHER_ACCOUNT)
        state = self.state()
        self.assertEqual((state["format"], state["version"]), ("ccemu-state", 1))
        self.assertEqual(set(state["resources"]), {DEFAULT_ACCOUNT, OTHER_ACCOUNT})
        a1 = state["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]["a1"]
        b1 = state["resources"][OTHER_ACCOUNT]["eu-west-3"][TYPE_NAME]["b1"]
        self.assertEqual(a1["ConnectorProfileName"], "a1")
        self.assertEqual(b1["ConnectorProfileArn"], f"arn:aws:appflow:eu-west-3:{OTHER_ACCOUNT}:connectorprofile/b1")

    def test_state_masks_write_only_values(self):
        self.created("masked", salesforce_model("masked", KMSArn="arn:aws:kms:us-east-1:123456789012:key/k1"))
        model = self.state()["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]["masked"]
        self.assertEqual(model["ConnectorProfileConfig"], "***")
        self.assertEqual(model["KMSArn"], "***")
        text = json.dumps(self.state())
        for secret in SECRETS:
            self.assertNotIn(secret, text)

    def test_empty_state(self):
        self.assertEqual(self.state(), {"format": "ccemu-state", "version": 1, "resources": {}})

    # --- PUT /_ccemu/state -----------------------------------------------------------------------

    def test_put_loads_resources_that_reads_and_updates_then_see(self):
        status, body = self.admin("PUT", "/_ccemu/state", self.unmasked_dump("l1", "l2"))
        self.assertEqual((status, body), (200, {"status": "loaded"}))
        got = self.api("GetResource", {"TypeName": TYPE_NAME, "Identifier": "l2"})
        self.assertEqual(got[0], 200, got)
        self.assertNotIn("ConnectorProfileConfig", json.loads(got[1]["ResourceDescription"]["Properties"]))
        # The write-only values loaded with it satisfy the AppFlow rules on update.
        event = self.assertEvent(self.update("l1", [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]),
                                 "UPDATE", "IN_PROGRESS")
        self.assertEvent(self.api("GetResourceRequestStatus", {"RequestToken": event["RequestToken"]}),
                         "UPDATE", "SUCCESS")

    def test_put_replaces_everything_and_forgets_requests(self):
        self.created("old")
        self.assertEqual(self.admin("PUT", "/_ccemu/state", self.unmasked_dump("new"))[0], 200)
        self.assertEqual(set(self.state()["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]), {"new"})
        self.assertEqual(self.admin("GET", "/_ccemu/requests"), (200, {"requests": []}))

    def test_invalid_dumps_are_refused_and_change_nothing(self):
        self.created("kept")
        before = self.state()
        broken_model = self.unmasked_dump("n1", "n2")
        del broken_model["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]["n2"]["ConnectorType"]
        cases = [
            (b"{not json", "Invalid state dump: "),
            ({"format": "ccemu-state", "version": 7, "resources": {}}, "Invalid state dump: version must be 1"),
            ({"format": "ccemu-state", "version": 1, "resources": {"x": {}}},
             "Invalid state dump: 'x' is not a 12-digit account id"),
            ({"format": "ccemu-state", "version": 1, "resources": {DEFAULT_ACCOUNT: {"us-east-1": {"AWS::No::Such": {}}}}},
             f"Invalid state dump at {DEFAULT_ACCOUNT}/us-east-1/AWS::No::Such: type 'AWS::No::Such' is not served"),
            (broken_model, f"Invalid state dump at {DEFAULT_ACCOUNT}/us-east-1/{TYPE_NAME}/n2: Model validation failed "
                           "(#: required key [ConnectorType] not found)"),
            (before, f"Invalid state dump at {DEFAULT_ACCOUNT}/us-east-1/{TYPE_NAME}/kept: write-only property "
                     "/ConnectorProfileConfig holds the marker \"***\" of a masked dump; GET /_ccemu/state cannot "
                     "restore write-only values"),
        ]
        for dump, message in cases:
            with self.subTest(message=message):
                status, body = self.admin("PUT", "/_ccemu/state", dump)
                self.assertEqual(status, 400, body)
                self.assertTrue(body["message"].startswith(message), body)
                self.assertEqual(self.state(), before)
        self.assertEqual(len(self.admin("GET", "/_ccemu/requests")[1]["requests"]), 1)

    def test_round_trip_of_a_dump_without_write_only_values(self):
        dump = self.unmasked_dump("plain")
        for model in dump["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME].values():
            del model["ConnectorProfileConfig"]
        self.assertEqual(self.admin("PUT", "/_ccemu/state", dump)[0], 200)
        shown = self.state()
        self.assertEqual(self.admin("PUT", "/_ccemu/state", shown)[0], 200)
        self.assertEqual(self.state(), dump)

    # --- GET /_ccemu/requests --------------------------------------------------------------------

    def test_requests_lists_the_ledger_of_every_caller(self):
        self.created("r1")
        self.api("DeleteResource", {"TypeName": TYPE_NAME, "Identifier": "missing"}, region="eu-west-3",
                 access_key=OTHER_ACCOUNT)
        status, body = self.admin("GET", "/_ccemu/requests")
        self.assertEqual(status, 200)
        requests = body["requests"]
        self.assertEqual([(r["account"], r["region"]) for r in requests],
                         [(DEFAULT_ACCOUNT, "us-east-1"), (OTHER_ACCOUNT, "eu-west-3")])
        first, second = requests[0]["event"], requests[1]["event"]
        self.assertEqual((first["Operation"], first["OperationStatus"], first["Identifier"]), ("CREATE", "SUCCESS", "r1"))
        self.assertEqual((second["Operation"], second["OperationStatus"], second["ErrorCode"]),
                         ("DELETE", "FAILED", "NotFound"))
        self.assertIsInstance(first["EventTime"], (int, float))
        for secret in SECRETS:
            self.assertNotIn(secret, json.dumps(body))

    # --- off the Cloud Control path --------------------------------------------------------------

    def test_admin_paths_are_not_cloud_control_operations(self):
        status, body = self.api("ListResources", {"TypeName": TYPE_NAME}, path="/_ccemu/state")
        self.assertEqual(status, 404, body)
        self.assertEqual(body, {"message": "No admin endpoint at POST /_ccemu/state; README lists them under "
                                           "\"Admin endpoints\"."})
        self.assertEqual(self.state()["resources"], {})


class LargeStateTest(ServerTestCase):

    def test_dump_larger_than_a_cloud_control_body_loads(self):
        template = AdminStateTest.unmasked_dump(None, "x")
        models = template["resources"][DEFAULT_ACCOUNT]["us-east-1"][TYPE_NAME]
        model = models.pop("x")
        for i in range(8000):
            name = f"big{i:05d}"
            one = copy.deepcopy(model)
            one["ConnectorProfileName"] = name
            one["ConnectorProfileArn"] = one["ConnectorProfileArn"].replace("/x", "/" + name)
            models[name] = one
        data = json.dumps(template).encode()
        self.assertGreater(len(data), 4 * 1024 * 1024)
        status, _, body = self.server.raw("PUT", "/_ccemu/state", data)
        self.assertEqual(status, 200, body[:300])
        listed = self.api("ListResources", {"TypeName": TYPE_NAME, "MaxResults": 100})
        self.assertEqual(len(listed[1]["ResourceDescriptions"]), 100)


if __name__ == "__main__":
    unittest.main()
