"""Every CloudFormation registry type, offline (README "Any CloudFormation resource type"): the shipped
bundle is served with no flags, --types narrows it, --schema-dir adds and overrides, patterns mean what
Java means, generated values satisfy their own schema, and the bundle is exactly what
scripts/update-registry makes from the registry schemas in ../shared."""

import filecmp
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from ccemu_server import TYPE_NAME, CcemuServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BUNDLE = os.path.join(ROOT, "schema", "registry")
SHARED = os.environ.get("CCEMU_SHARED_DIR", os.path.join(ROOT, "..", "shared"))
REGISTRY_SCHEMAS = os.path.join(SHARED, "registry-schemas")


def bundle_index():
    with open(os.path.join(BUNDLE, "index.json")) as f:
        return json.load(f)


def create(server, type_name, model):
    status, body = server.call("CreateResource", {"TypeName": type_name, "DesiredState": json.dumps(model)})
    if status != 200:
        return status, body
    return server.call("GetResourceRequestStatus", {"RequestToken": body["ProgressEvent"]["RequestToken"]})


def read(server, type_name, identifier):
    status, body = server.call("GetResource", {"TypeName": type_name, "Identifier": identifier})
    assert status == 200, body
    return json.loads(body["ResourceDescription"]["Properties"])


class ServedByDefaultTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer()
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def test_health_lists_every_bundled_type(self):
        types = self.server.health()[1]["types"]
        self.assertEqual(set(types), set(bundle_index()["types"]))
        self.assertEqual(len(types), 1665)

    def test_a_bundled_type_serves_the_whole_lifecycle(self):
        status, event = create(self.server, "AWS::Scheduler::ScheduleGroup", {"Name": "nightly"})
        self.assertEqual((status, event["ProgressEvent"]["OperationStatus"]), (200, "SUCCESS"), event)
        props = read(self.server, "AWS::Scheduler::ScheduleGroup", "nightly")
        self.assertRegex(props["CreationDate"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertRegex(props["Arn"], r"^arn:aws:scheduler:us-east-1:123456789012:")
        # The generated date-time satisfies its own format on update.
        status, body = self.server.call("UpdateResource", {
            "TypeName": "AWS::Scheduler::ScheduleGroup", "Identifier": "nightly",
            "PatchDocument": json.dumps([{"op": "add", "path": "/Tags", "value": [{"Key": "team", "Value": "data"}]}])})
        self.assertEqual(status, 200, body)
        final = self.server.call("GetResourceRequestStatus", {"RequestToken": body["ProgressEvent"]["RequestToken"]})
        self.assertEqual(final[1]["ProgressEvent"]["OperationStatus"], "SUCCESS", final)

    def test_write_only_members_of_array_items_are_never_read(self):
        # AWS::S3::Bucket lists /properties/LifecycleConfiguration/Rules/*/Transition as write-only.
        rule = {"Id": "archive", "Status": "Enabled", "Transition": {"StorageClass": "GLACIER", "TransitionInDays": 30}}
        status, event = create(self.server, "AWS::S3::Bucket",
                               {"BucketName": "lifecycle-bucket", "LifecycleConfiguration": {"Rules": [rule]}})
        self.assertEqual(event["ProgressEvent"]["OperationStatus"], "SUCCESS", event)
        props = read(self.server, "AWS::S3::Bucket", "lifecycle-bucket")
        self.assertEqual(props["LifecycleConfiguration"]["Rules"], [{"Id": "archive", "Status": "Enabled"}])

    def test_java_dollar_matches_before_a_final_line_terminator(self):
        # AWS::FraudDetector::Label's Name pattern is ^[0-9a-z_-]+$; Java's $ accepts "ab\n".
        status, event = create(self.server, "AWS::FraudDetector::Label", {"Name": "ab\n"})
        self.assertEqual(status, 200, event)
        self.assertEqual(event["ProgressEvent"]["OperationStatus"], "SUCCESS", event)
        status, body = self.server.call("CreateResource", {"TypeName": "AWS::FraudDetector::Label",
                                                           "DesiredState": json.dumps({"Name": "a\nb"})})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#ValidationException")

    def test_a_model_of_the_wrong_shape_is_a_validation_error_never_a_500(self):
        model = {"LicenseName": "l", "ProductName": "p", "Issuer": {"Name": "i"}, "HomeRegion": "us-east-1",
                 "Validity": {"Begin": [""], "End": "2027-01-01T00:00:00Z"}, "Entitlements": [],
                 "ConsumptionConfiguration": {}, "Beneficiary": "b", "ProductSKU": "sku"}
        status, body = self.server.call("CreateResource", {"TypeName": "AWS::LicenseManager::License",
                                                           "DesiredState": json.dumps(model)})
        self.assertEqual(status, 400, body)
        self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#ValidationException")
        self.assertIn("Validity/Begin", body["Message"])


class NarrowAndOverrideTest(unittest.TestCase):

    def test_types_narrows_with_wildcards(self):
        with CcemuServer("--types", "AWS::AppFlow::*,AWS::S3::Bucket") as server:
            types = server.health()[1]["types"]
            self.assertEqual(types, ["AWS::AppFlow::Connector", TYPE_NAME, "AWS::AppFlow::Flow", "AWS::S3::Bucket"])
            status, body = server.call("ListResources", {"TypeName": "AWS::SQS::Queue"})
            self.assertEqual(status, 400, body)
            self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#TypeNotFoundException")

    def test_a_dropped_in_schema_wins_over_the_bundled_one(self):
        folder = tempfile.mkdtemp(prefix="ccemu-override-")
        self.addCleanup(shutil.rmtree, folder)
        schema = {"typeName": "AWS::S3::Bucket", "additionalProperties": False,
                  "properties": {"BucketName": {"type": "string"}, "Flavour": {"type": "string"}},
                  "required": ["Flavour"], "primaryIdentifier": ["/properties/BucketName"],
                  "createOnlyProperties": ["/properties/BucketName"],
                  # Without handlers it would be NON_PROVISIONABLE, which Cloud Control refuses.
                  "handlers": {h: {"permissions": []} for h in ("create", "read", "update", "delete", "list")}}
        with open(os.path.join(folder, "bucket.json"), "w") as f:
            json.dump(schema, f)
        with CcemuServer("--schema-dir", folder, "--types", "AWS::S3::Bucket") as server:
            status, event = create(server, "AWS::S3::Bucket", {"BucketName": "b1", "Flavour": "vanilla"})
            self.assertEqual(event["ProgressEvent"]["OperationStatus"], "SUCCESS", event)
            status, body = server.call("CreateResource", {"TypeName": "AWS::S3::Bucket",
                                                          "DesiredState": json.dumps({"BucketName": "b2"})})
            self.assertEqual(status, 400, body)
            self.assertIn("Flavour", body["Message"])


@unittest.skipUnless(os.path.isdir(REGISTRY_SCHEMAS), f"{REGISTRY_SCHEMAS} is absent (it comes with ../shared)")
class BundleSourceTest(unittest.TestCase):

    def test_bundle_is_exactly_what_update_registry_makes(self):
        index = bundle_index()
        out = tempfile.mkdtemp(prefix="ccemu-bundle-")
        self.addCleanup(shutil.rmtree, out)
        done = subprocess.run([os.path.join(ROOT, "scripts", "update-registry"), REGISTRY_SCHEMAS, "--out", out,
                               "--source", index["source"], "--snapshot", index["snapshot"]],
                              capture_output=True, text=True, timeout=300)
        self.assertEqual(done.returncode, 0, done.stderr)
        comparison = filecmp.dircmp(BUNDLE, out)
        self.assertEqual((comparison.left_only, comparison.right_only), ([], []))
        _, mismatch, errors = filecmp.cmpfiles(BUNDLE, out, sorted(os.listdir(BUNDLE)), shallow=False)
        self.assertEqual((mismatch, errors), ([], []))

    def test_no_prose_is_shipped(self):
        with open(os.path.join(BUNDLE, "aws-s3-bucket.json")) as f:
            text = f.read()
        for keyword in ('"description"', '"documentationUrl"', '"sourceUrl"', '"$comment"'):
            self.assertNotIn(keyword, text)

    def test_every_raw_registry_schema_starts_strictly(self):
        done = subprocess.run([os.environ["CCEMU_BINARY"], "--port", "0", "--strict-schemas",
                               "--schema-dir", REGISTRY_SCHEMAS, "--version"], capture_output=True, text=True,
                              timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        server = CcemuServer("--schema-dir", REGISTRY_SCHEMAS, "--strict-schemas")
        server.start(deadline_seconds=120)  # every schema is loaded before listening
        try:
            self.assertEqual(len(server.health()[1]["types"]), 1665)
        finally:
            server.stop()


if __name__ == "__main__":
    unittest.main()
