"""Black-box tests of the resource operations: lifecycle, spec §5.6 outcomes, patches, concurrency."""

import json
import re
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ServerTestCase, salesforce_model  # noqa: E402

KMS_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
OTHER_TYPE = "AWS::Foo::Bar"


def not_found_message(identifier):
    """The GetResource/UpdateResource not-found text, as a regex (the RequestToken is a fresh UUID)."""
    return re.compile(
        "^" + re.escape(f"{TYPE_NAME} Handler returned status FAILED: Resource of type '{TYPE_NAME}' "
                        f"with identifier '{identifier}' was not found. (HandlerErrorCode: NotFound, RequestToken: ")
        + r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)$")


class LifecycleTest(ServerTestCase):
    def test_create_status_get_list_update_get_delete_get(self):
        model = salesforce_model("life-1", KMSArn=KMS_ARN)
        created = self.assertEvent(self.create(model), "CREATE", "IN_PROGRESS", "life-1")
        self.assertIsInstance(created["EventTime"], (int, float))
        done = self.poll(created["RequestToken"])
        self.assertEqual(done["OperationStatus"], "SUCCESS", done)
        self.assertEqual((done["Operation"], done["Identifier"]), ("CREATE", "life-1"))
        self.assertNotIn("ErrorCode", done)

        status, body = self.get('life-1')
        self.assertEqual(status, 200, body)
        self.assertEqual(body["ResourceDescription"]["Identifier"], "life-1")
        text = body["ResourceDescription"]["Properties"]
        props = json.loads(text)
        self.assertEqual(text, json.dumps(props, separators=(",", ":")), "Properties is compact JSON")
        self.assertEqual(set(props), {"ConnectorProfileName", "ConnectorType", "ConnectionMode",
                                      "ConnectorProfileArn", "CredentialsArn"})  # write-only ones absent
        self.assertEqual(props["ConnectorProfileArn"],
                         f"arn:aws:appflow:us-east-1:{DEFAULT_ACCOUNT}:connectorprofile/life-1")
        self.assertRegex(props["CredentialsArn"],
                         rf"^arn:aws:secretsmanager:us-east-1:{DEFAULT_ACCOUNT}:secret:"
                         rf"appflow!{DEFAULT_ACCOUNT}-life-1-\d{{13}}-[A-Za-z0-9]{{6}}$")

        status, listed = self.api("ListResources", {"TypeName": TYPE_NAME})
        self.assertEqual(status, 200, listed)
        self.assertEqual(listed["TypeName"], TYPE_NAME)
        self.assertIn({"Identifier": "life-1", "Properties": text}, listed["ResourceDescriptions"])

        patch = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        self.finish(self.update("life-1", patch), "UPDATE", identifier="life-1")
        after = self.props("life-1")
        self.assertEqual(after["ConnectionMode"], "Private")
        self.assertEqual(after["ConnectorProfileArn"], props["ConnectorProfileArn"])
        self.assertEqual(after["CredentialsArn"], props["CredentialsArn"])  # stable across updates

        self.finish(self.delete("life-1"), "DELETE", identifier="life-1")
        self.assertApiError(self.get("life-1"), 400, "ResourceNotFoundException")
        self.assertNotIn("life-1", self.list_ids())

    def test_identifier_in_json_form_for_get_update_delete(self):
        self.create_ok(salesforce_model("json-id"))
        as_json = json.dumps({"ConnectorProfileName": "json-id"})
        status, body = self.get(as_json)
        self.assertEqual(status, 200, body)
        self.assertEqual(body["ResourceDescription"]["Identifier"], "json-id")  # events show the plain form [I]
        patch = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        self.finish(self.update(as_json, patch), "UPDATE", identifier="json-id")
        self.assertEqual(self.props("json-id")["ConnectionMode"], "Private")
        self.finish(self.delete(as_json), "DELETE", identifier="json-id")
        self.assertMissing("json-id")


class ImmediateAndAsyncOutcomesTest(ServerTestCase):
    """One test per row of spec §5.6."""

    def test_unknown_type_is_404_type_not_found_for_every_operation(self):
        model = json.dumps(salesforce_model("x"))
        requests = {
            "CreateResource": {"TypeName": OTHER_TYPE, "DesiredState": model},
            "GetResource": {"TypeName": OTHER_TYPE, "Identifier": "x"},
            "ListResources": {"TypeName": OTHER_TYPE},
            "UpdateResource": {"TypeName": OTHER_TYPE, "Identifier": "x", "PatchDocument": "[]"},
            "DeleteResource": {"TypeName": OTHER_TYPE, "Identifier": "x"},
        }
        for operation, body in requests.items():
            with self.subTest(operation):
                self.assertApiError(self.api(operation, body), 400, "TypeNotFoundException",
                                    message=f"The type '{OTHER_TYPE}' cannot be found.")

    def test_duplicate_create_fails_async_with_already_exists(self):
        self.create_ok(salesforce_model("dup"))
        failed = self.finish(self.create(salesforce_model("dup", ConnectionMode="Private")), "CREATE",
                             final="FAILED", identifier="dup")
        self.assertEqual(failed["ErrorCode"], "AlreadyExists")
        self.assertEqual(failed["StatusMessage"],
                         f"Resource of type '{TYPE_NAME}' with identifier 'dup' already exists.")
        self.assertEqual(self.props("dup")["ConnectionMode"], "Public")

    def test_get_missing_is_404_with_handler_message(self):
        text = self.assertApiError(self.get("nope"), 400, "ResourceNotFoundException")
        self.assertRegex(text, not_found_message("nope"))

    def test_update_missing_is_404_with_handler_message(self):  # immediate, spec §5.6 [I]
        patch = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        text = self.assertApiError(self.update("ghost-u", patch), 400, "ResourceNotFoundException")
        self.assertRegex(text, not_found_message("ghost-u"))

    def test_create_only_change_is_400_not_updatable_and_changes_nothing(self):
        self.create_ok(salesforce_model("co"))
        before = self.props("co")
        patch = [{"op": "replace", "path": "/ConnectorType", "value": "Datadog"}]
        self.assertApiError(self.update("co", patch), 400, "NotUpdatableException", message=(
            "Invalid patch update: createOnlyProperties [/properties/ConnectorType] cannot be updated"))
        self.assertEqual(self.props("co"), before)

    def test_several_create_only_changes_are_listed_in_one_message(self):
        self.create_ok(salesforce_model("co-many"))
        patch = [{"op": "replace", "path": "/ConnectorType", "value": "Datadog"},
                 {"op": "add", "path": "/ConnectorLabel", "value": "label"}]
        text = self.assertApiError(self.update("co-many", patch), 400, "NotUpdatableException",
                                   prefix="Invalid patch update: createOnlyProperties [",
                                   contains=("/properties/ConnectorType", "/properties/ConnectorLabel"))
        self.assertTrue(text.endswith("] cannot be updated"), text)  # separator inside [] not asserted

    def test_read_only_change_is_400_not_updatable(self):
        self.create_ok(salesforce_model("ro"))
        patch = [{"op": "replace", "path": "/ConnectorProfileArn", "value": "arn:aws:appflow:x:1:y"}]
        self.assertApiError(self.update("ro", patch), 400, "NotUpdatableException", message=(
            "Invalid patch update: readOnlyProperties [/properties/ConnectorProfileArn] cannot be updated"))

    def test_create_only_property_patched_to_its_current_value_is_accepted(self):
        self.create_ok(salesforce_model("co-same"))
        patch = [{"op": "replace", "path": "/ConnectorType", "value": "Salesforce"},
                 {"op": "replace", "path": "/ConnectorProfileName", "value": "co-same"},
                 {"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        self.finish(self.update("co-same", patch), "UPDATE", identifier="co-same")
        self.assertEqual(self.props("co-same")["ConnectionMode"], "Private")

    def test_create_schema_failure_is_400_validation_exception(self):
        config = salesforce_model()["ConnectorProfileConfig"]
        cases = [
            ("ConnectionMode", {"ConnectorProfileName": "s1", "ConnectorType": "Salesforce"}),  # required
            ("ConnectionMode", salesforce_model("s2", ConnectionMode="public")),  # enum
            ("Foo", salesforce_model("s3", Foo="bar")),  # extraneous top-level key
            ("Bogus", salesforce_model("s4", ConnectorProfileConfig=dict(config, Bogus=1))),  # any depth
            ("ConnectorProfileName", salesforce_model("$$$")),  # pattern
            ("KMSArn", salesforce_model("s6", KMSArn="not-an-arn")),  # minLength and pattern
        ]
        for field, model in cases:
            with self.subTest(model=model):
                self.assertApiError(self.create(model), 400, "ValidationException",
                                    prefix="Model validation failed (", contains=(field,))
                self.assertMissing(model["ConnectorProfileName"])

    def test_update_schema_failure_is_400_validation_exception_and_changes_nothing(self):
        self.create_ok(salesforce_model("su"))
        before = self.props("su")
        cases = [
            ("ConnectionMode", [{"op": "replace", "path": "/ConnectionMode", "value": "public"}]),
            ("Foo", [{"op": "add", "path": "/Foo", "value": "bar"}]),
            ("ConnectionMode", [{"op": "remove", "path": "/ConnectionMode"}]),
        ]
        for field, patch in cases:
            with self.subTest(patch=patch):
                self.assertApiError(self.update("su", patch), 400, "ValidationException",
                                    prefix="Model validation failed (", contains=(field,))
                self.assertEqual(self.props("su"), before)

    def test_delete_missing_fails_async_with_not_found(self):  # spec §5.6 [I]
        failed = self.finish(self.delete("ghost-d"), "DELETE", final="FAILED", identifier="ghost-d")
        self.assertEqual(failed["ErrorCode"], "NotFound")
        self.assertEqual(failed["StatusMessage"],
                         f"Resource of type '{TYPE_NAME}' with identifier 'ghost-d' was not found.")

    def test_client_token_reused_for_a_different_request_is_a_conflict(self):
        first = self.create_ok(salesforce_model("tok-a"), client_token="ops-token-1")
        # AWS's words, recorded (issue 20).
        self.assertApiError(self.create(salesforce_model("tok-b"), client_token="ops-token-1"), 400,
                            "ClientTokenConflictException", message=(
                                "ClientToken ops-token-1 is already associated with an existing operation with "
                                f"RequestToken {first['RequestToken']}"))
        self.assertMissing("tok-b")


class PatchTest(ServerTestCase):
    """UpdateResource patch documents (spec §5.3): applied to the read view, all six ops."""

    def patched(self, patch):
        """Creates a fresh Public profile, applies `patch` successfully, returns the new read view."""
        name = self.name()
        self.create_ok(salesforce_model(name))
        self.finish(self.update(name, patch), "UPDATE", identifier=name)
        return self.props(name)

    def assertRejectedUnchanged(self, patch, error="ValidationException"):
        name = self.name()
        self.create_ok(salesforce_model(name))
        before = self.props(name)
        self.assertApiError(self.update(name, patch), 400, error)
        self.assertEqual(self.props(name), before)

    def test_path_without_leading_slash_is_accepted(self):  # [I]
        props = self.patched([{"op": "replace", "path": "ConnectionMode", "value": "Private"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_path_with_properties_prefix_is_accepted(self):  # [I]
        props = self.patched([{"op": "replace", "path": "/properties/ConnectionMode", "value": "Private"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_add_on_an_existing_member_replaces_it(self):
        props = self.patched([{"op": "add", "path": "/ConnectionMode", "value": "Private"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_remove_then_add_in_order(self):
        props = self.patched([{"op": "remove", "path": "/ConnectionMode"},
                              {"op": "add", "path": "/ConnectionMode", "value": "Private"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_move_takes_the_value_from_another_member(self):
        props = self.patched([{"op": "add", "path": "/KMSArn", "value": "Private"},
                              {"op": "move", "from": "/KMSArn", "path": "/ConnectionMode"}])
        self.assertEqual(props["ConnectionMode"], "Private")
        self.assertNotIn("KMSArn", props)

    def test_copy_duplicates_a_member(self):
        props = self.patched([{"op": "add", "path": "/KMSArn", "value": "Private"},
                              {"op": "copy", "from": "/KMSArn", "path": "/ConnectionMode"},
                              {"op": "remove", "path": "/KMSArn"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_passing_test_op_lets_the_patch_apply(self):
        props = self.patched([{"op": "test", "path": "/ConnectionMode", "value": "Public"},
                              {"op": "replace", "path": "/ConnectionMode", "value": "Private"}])
        self.assertEqual(props["ConnectionMode"], "Private")

    def test_failing_test_op_is_400_and_changes_nothing(self):
        self.assertRejectedUnchanged([{"op": "replace", "path": "/ConnectionMode", "value": "Private"},
                                      {"op": "test", "path": "/ConnectorType", "value": "Datadog"}])

    def test_remove_of_a_missing_path_is_400_and_changes_nothing(self):
        self.assertRejectedUnchanged([{"op": "replace", "path": "/ConnectionMode", "value": "Private"},
                                      {"op": "remove", "path": "/ConnectorLabel"}])

    def test_unknown_op_is_400_validation_exception(self):  # spec §5.3 rule 1 [I]
        self.assertRejectedUnchanged([{"op": "merge", "path": "/ConnectionMode", "value": "Private"}])

    def test_patch_that_is_not_an_array_is_400_validation_exception(self):  # spec §5.3 rule 1 [I]
        self.assertRejectedUnchanged('{"op":"replace","path":"/ConnectionMode","value":"Private"}')

    def test_patch_document_not_json_is_400_model_validation_failed(self):  # [I] spec §8 q8
        name = self.name()
        self.create_ok(salesforce_model(name))
        self.assertApiError(self.update(name, '[{"op":"replace",'), 400, "ValidationException",
                            prefix="Model validation failed")

    def test_empty_patch_succeeds_and_changes_nothing(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        before = self.props(name)
        self.finish(self.update(name, "[]"), "UPDATE", identifier=name)
        self.assertEqual(self.props(name), before)

    def test_patch_document_sent_as_a_json_array_is_serialization_exception(self):
        name = self.name()
        self.create_ok(salesforce_model(name))
        body = {"TypeName": TYPE_NAME, "Identifier": name,
                "PatchDocument": [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]}
        text = self.assertApiError(self.api("UpdateResource", body), 400, "SerializationException")
        self.assertIn("patchdocument", text.lower())
        self.assertEqual(self.props(name)["ConnectionMode"], "Public")


class ConcurrentOperationTest(ServerTestCase):
    """With `--progress polls=2` a request stays IN_PROGRESS for two status polls."""

    FLAGS = ("--progress", "polls=2")
    BUSY = "Another resource operation is currently being performed on this resource."

    def drain(self, event):
        """Polls twice (IN_PROGRESS), then once more for the terminal event."""
        for _ in range(2):
            self.assertEqual(self.poll(event["RequestToken"])["OperationStatus"], "IN_PROGRESS")
        return self.poll(event["RequestToken"])

    def assertBusy(self, response):
        self.assertApiError(response, 400, "ConcurrentOperationException", prefix=self.BUSY)

    def test_create_and_delete_while_a_create_is_in_flight_are_409(self):
        first = self.assertEvent(self.create(salesforce_model("busy-c")), "CREATE", "IN_PROGRESS")
        self.assertBusy(self.create(salesforce_model("busy-c")))
        self.assertBusy(self.delete("busy-c"))
        self.assertEqual(self.drain(first)["OperationStatus"], "SUCCESS")
        self.assertEqual(self.props("busy-c")["ConnectionMode"], "Public")

    def test_update_delete_create_while_an_update_is_in_flight_are_409(self):
        self.assertEqual(self.drain(self.assertEvent(
            self.create(salesforce_model("busy-u")), "CREATE", "IN_PROGRESS"))["OperationStatus"], "SUCCESS")
        patch = [{"op": "replace", "path": "/ConnectionMode", "value": "Private"}]
        update = self.assertEvent(self.update("busy-u", patch), "UPDATE", "IN_PROGRESS")
        self.assertEqual(self.props("busy-u")["ConnectionMode"], "Public")  # applied only on completion
        self.assertBusy(self.update("busy-u", patch))
        self.assertBusy(self.delete("busy-u"))
        self.assertBusy(self.create(salesforce_model("busy-u")))
        self.assertEqual(self.drain(update)["OperationStatus"], "SUCCESS")
        self.assertEqual(self.props("busy-u")["ConnectionMode"], "Private")
        self.assertEvent(self.delete("busy-u"), "DELETE", "IN_PROGRESS")  # free again

    def test_other_resources_are_not_blocked(self):
        self.assertEvent(self.create(salesforce_model("busy-x")), "CREATE", "IN_PROGRESS")
        self.assertEvent(self.create(salesforce_model("busy-y")), "CREATE", "IN_PROGRESS")


if __name__ == "__main__":
    unittest.main()
