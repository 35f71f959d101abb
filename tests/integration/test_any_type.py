"""Any CloudFormation resource type (issue 7): synthetic registry schemas under tests/schemas get
Cloud Control behaviour from the schema alone: generated read-only values, compound identifiers,
list handlers with required properties, missing handlers, tagging, nested $refs, patternProperties.
"""

import json
import os
import re
import subprocess
import unittest

from ccemu_server import TYPE_NAME, CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "..", "schemas")
ANY_TYPE = os.path.join(SCHEMAS, "any-type")
SHIPPED = os.path.join(HERE, "..", "..", "schema")
THING, PAIR, CHILD, FROZEN = "Test::Widget::Thing", "Test::Widget::Pair", "Test::Widget::Child", "Test::Widget::Frozen"


def create(server, type_name, model):
    status, body = server.call("CreateResource", {"TypeName": type_name, "DesiredState": json.dumps(model)})
    if status != 200:
        return status, body
    token = body["ProgressEvent"]["RequestToken"]
    return server.call("GetResourceRequestStatus", {"RequestToken": token})


def properties(server, type_name, identifier):
    status, body = server.call("GetResource", {"TypeName": type_name, "Identifier": identifier})
    assert status == 200, body
    return json.loads(body["ResourceDescription"]["Properties"])


def patch(server, type_name, identifier, operations):
    return server.call("UpdateResource", {"TypeName": type_name, "Identifier": identifier,
                                          "PatchDocument": json.dumps(operations)})


class AnyTypeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer("--schema-dir", ANY_TYPE, "--types", f"Test::*,{TYPE_NAME}")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def setUp(self):
        self.server.raw("POST", "/_ccemu/reset")

    def assertError(self, response, status, name, message_part=""):
        got_status, body = response
        self.assertEqual(got_status, status, body)
        self.assertEqual(body["__type"], f"com.amazonaws.cloudcontrol#{name}")
        self.assertIn(message_part, body["Message"])

    def test_health_lists_every_type_served(self):
        _, health = self.server.health()
        self.assertEqual(sorted(health["types"]), sorted([THING, PAIR, CHILD, FROZEN, TYPE_NAME]))

    def test_generated_primary_identifier_arn_and_url_satisfy_the_schema(self):
        status, body = create(self.server, THING, {"Name": "alpha", "Secret": "s3cret"})
        self.assertEqual(status, 200)
        event = body["ProgressEvent"]
        self.assertEqual(event["OperationStatus"], "SUCCESS", event)
        self.assertRegex(event["Identifier"], r"^thing-[0-9a-f]{12}$")
        props = properties(self.server, THING, event["Identifier"])
        self.assertTrue(props["Arn"].startswith("arn:aws:widget:us-east-1:123456789012:thing/"), props)
        self.assertTrue(props["ConsoleUrl"].startswith("https://"), props)
        self.assertNotIn("Secret", props)  # write-only

    def test_generated_values_are_stable_across_updates(self):
        _, body = create(self.server, THING, {"Name": "beta"})
        identifier = body["ProgressEvent"]["Identifier"]
        before = properties(self.server, THING, identifier)
        status, _ = patch(self.server, THING, identifier, [{"op": "add", "path": "/Size", "value": 3}])
        self.assertEqual(status, 200)
        after = properties(self.server, THING, identifier)
        self.assertEqual((after["Arn"], after["ThingId"], after["Size"]), (before["Arn"], before["ThingId"], 3))

    def test_caller_supplied_read_only_values_are_replaced(self):
        _, body = create(self.server, THING, {"Name": "gamma", "Arn": "arn:aws:widget:x:1:thing/mine"})
        props = properties(self.server, THING, body["ProgressEvent"]["Identifier"])
        self.assertNotEqual(props["Arn"], "arn:aws:widget:x:1:thing/mine")

    def test_create_only_and_read_only_changes_are_not_updatable(self):
        _, body = create(self.server, THING, {"Name": "delta"})
        identifier = body["ProgressEvent"]["Identifier"]
        self.assertError(patch(self.server, THING, identifier, [{"op": "replace", "path": "/Name", "value": "other"}]),
                         400, "NotUpdatableException", "createOnlyProperties [/properties/Name]")
        self.assertError(patch(self.server, THING, identifier, [{"op": "replace", "path": "/Arn", "value": "x"}]),
                         400, "NotUpdatableException", "readOnlyProperties [/properties/Arn]")

    def test_nested_refs_and_pattern_properties_are_validated(self):
        self.assertError(create(self.server, THING, {"Name": "e", "Settings": {"Limits": {"Max": 11}}}),
                         400, "ValidationException", "#/Settings/Limits/Max: 11 is not less or equal to 10")
        self.assertError(create(self.server, THING, {"Name": "e", "Settings": {"Bogus": 1}}),
                         400, "ValidationException", "extraneous key [Bogus] is not permitted")
        self.assertError(create(self.server, THING, {"Name": "e", "Labels": {"Not-A-Key": "x"}}),
                         400, "ValidationException", "extraneous key [Not-A-Key] is not permitted")
        self.assertError(create(self.server, THING, {"Name": "e", "Labels": {"team": "x" * 33}}),
                         400, "ValidationException", "#/Labels/team: expected maxLength: 32, actual: 33")
        status, body = create(self.server, THING, {"Name": "e", "Labels": {"team": "core"},
                                                   "Settings": {"Mode": "FAST", "Limits": {"Max": 10}}})
        self.assertEqual(body["ProgressEvent"]["OperationStatus"], "SUCCESS", body)

    def test_taggable_type_accepts_tags(self):
        status, body = create(self.server, THING, {"Name": "tagged", "Tags": [{"Key": "k", "Value": "v"}]})
        self.assertEqual(body["ProgressEvent"]["OperationStatus"], "SUCCESS", body)

    def test_type_that_is_not_taggable_refuses_tags(self):
        self.assertError(create(self.server, FROZEN, {"Name": "f", "Tags": [{"Key": "k", "Value": "v"}]}),
                         400, "ValidationException", "extraneous key [Tags] is not permitted")

    def test_missing_update_handler_is_unsupported_action(self):
        create(self.server, FROZEN, {"Name": "f"})
        self.assertError(patch(self.server, FROZEN, "f", [{"op": "add", "path": "/Name", "value": "f"}]),
                         400, "UnsupportedActionException",
                         # AWS's words: "Resource type AWS::RDS::DBCluster does not support CREATE action"
                         # (an AWS CLI session recorded 2021-10-12; issue 20).
                         f"Resource type {FROZEN} does not support UPDATE action")

    def test_java_end_of_input_anchor_in_a_pattern_is_honoured(self):
        # Pair's Left has the Java pattern ^[a-z]+\\Z, as registry schemas write them.
        status, body = create(self.server, PAIR, {"Left": "lower", "Right": "r"})
        self.assertEqual(body["ProgressEvent"]["OperationStatus"], "SUCCESS", body)
        self.assertError(create(self.server, PAIR, {"Left": "Upper", "Right": "r"}), 400,
                         "ValidationException", "#/Left: string [Upper] does not match pattern")

    def test_compound_identifier_is_joined_with_a_bar_and_accepted_as_json(self):
        status, body = create(self.server, PAIR, {"Left": "a", "Right": "b"})
        self.assertEqual(body["ProgressEvent"]["Identifier"], "a|b")
        self.assertEqual(properties(self.server, PAIR, "a|b")["Right"], "b")
        self.assertEqual(properties(self.server, PAIR, json.dumps({"Right": "b", "Left": "a"}))["Left"], "a")
        self.assertError(self.server.call("GetResource", {"TypeName": PAIR, "Identifier": "a"}),
                         400, "InvalidRequestException", "[Left, Right]")

    def test_list_handler_needs_its_required_property_and_filters_by_it(self):
        for parent, child in (("p1", "x"), ("p1", "y"), ("p2", "z")):
            create(self.server, CHILD, {"ParentId": parent, "ChildName": child})
        self.assertError(self.server.call("ListResources", {"TypeName": CHILD}), 400, "InvalidRequestException",
                         "Required property: [ParentId]")
        status, body = self.server.call("ListResources", {"TypeName": CHILD,
                                                          "ResourceModel": json.dumps({"ParentId": "p1"})})
        self.assertEqual(status, 200)
        self.assertEqual([d["Identifier"] for d in body["ResourceDescriptions"]], ["p1|x", "p1|y"])
        status, body = self.server.call("ListResources", {"TypeName": CHILD, "MaxResults": 1,
                                                          "ResourceModel": json.dumps({"ParentId": "p1"})})
        self.assertEqual([d["Identifier"] for d in body["ResourceDescriptions"]], ["p1|x"])
        self.assertIn("NextToken", body)

    def test_generated_values_are_reproducible_under_a_seed(self):
        identifiers = []
        for _ in range(2):
            with CcemuServer("--schema-dir", ANY_TYPE, "--types", "Test::*", "--seed", "5") as seeded:
                _, body = create(seeded, THING, {"Name": "seeded"})
                identifiers.append(body["ProgressEvent"]["Identifier"])
        self.assertEqual(identifiers[0], identifiers[1])


class SchemaLoadFailureTest(unittest.TestCase):
    """Under --strict-schemas, a schema ccemu cannot serve stops start-up with a message naming the file
    and the problem."""

    def start_failure(self, *directories):
        args = [os.environ["CCEMU_BINARY"], "--port", "0", "--strict-schemas"]
        for directory in directories:
            args += ["--schema-dir", directory]
        result = subprocess.run(args, capture_output=True, text=True, timeout=30)
        self.assertNotEqual(result.returncode, 0)
        return result.stderr

    def test_schema_that_is_not_json(self):
        stderr = self.start_failure(os.path.join(SCHEMAS, "broken", "not-json"))
        self.assertIn("Test-Broken-Json.json", stderr)
        self.assertIn("not valid JSON", stderr)

    def test_unresolvable_ref(self):
        stderr = self.start_failure(os.path.join(SCHEMAS, "broken", "bad-ref"))
        self.assertIn("Test-Broken-Ref.json", stderr)

    def test_two_files_with_one_type_name(self):
        stderr = self.start_failure(ANY_TYPE, os.path.join(SCHEMAS, "broken", "duplicate"))
        self.assertIn("Test::Widget::Thing is already defined by", stderr)

    def test_read_only_value_that_cannot_be_generated(self):
        stderr = self.start_failure(os.path.join(SCHEMAS, "broken", "impossible-read-only"))
        self.assertIn("read-only property Id of Test::Broken::ReadOnly", stderr)


class SchemaSkippedTest(unittest.TestCase):
    """Without --strict-schemas, a schema ccemu cannot serve is skipped with one stderr line naming the
    file and the reason, and every other type is served."""

    def test_unusable_schemas_are_skipped_and_the_rest_served(self):
        for broken, file in (("not-json", "Test-Broken-Json.json"), ("bad-ref", "Test-Broken-Ref.json"),
                             ("impossible-read-only", "Test-Broken-ReadOnly.json")):
            with self.subTest(broken=broken):
                proc = subprocess.Popen(
                    [os.environ["CCEMU_BINARY"], "--port", "0", "--schema-dir", os.path.join(SCHEMAS, "broken", broken),
                     "--schema-dir", ANY_TYPE, "--types", "Test::*"],
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                try:
                    port = int(re.search(r":(\d+)$", proc.stdout.readline().strip()).group(1))
                    server = CcemuServer()
                    server.host, server.port = "127.0.0.1", port
                    self.assertEqual(sorted(server.health()[1]["types"]), sorted([THING, PAIR, CHILD, FROZEN]))
                    self.assertEqual(create(server, THING, {"Name": "still-served"})[0], 200)
                finally:
                    proc.terminate()
                    _, stderr = proc.communicate(timeout=10)
                lines = [line for line in stderr.splitlines() if "schema skipped" in line]
                self.assertEqual(len(lines), 1, stderr)
                self.assertIn(file, lines[0])


if __name__ == "__main__":
    unittest.main()
