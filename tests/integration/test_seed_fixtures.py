"""The seed's stackql-deploy manifest, rendered into fixtures/seed/ (see its README), against ccemu.

Each per-connector DesiredState is accepted; the manifest as written (every connector at once) passes
the schema but fails the AppFlow rule "properties and credentials for only one connector"; the seed's
"Required Properties" model has no ConnectorProfileConfig, which only schema validation lets through.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import ServerTestCase  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.normpath(os.path.join(HERE, "..", "..", "fixtures", "seed"))
SCHEMA = os.path.normpath(os.path.join(HERE, "..", "..", "schema", "AWS-AppFlow-ConnectorProfile.json"))
ALL_CONNECTORS = "all-connectors.json"

# Keys of all-connectors.json that are not Datadog's: 13 properties, 17 credentials.
FOREIGN_PROPERTIES = ["Dynatrace", "InforNexus", "Marketo", "Redshift", "SAPOData", "Salesforce", "Pardot",
                      "ServiceNow", "Slack", "Snowflake", "Veeva", "Zendesk", "CustomConnector"]
FOREIGN_CREDENTIALS = ["Amplitude", "GoogleAnalytics", "Singular", "Trendmicro"] + FOREIGN_PROPERTIES

REQUIRED_ONLY = {"ConnectorProfileName": "seed-required-only", "ConnectorType": "Datadog",
                 "ConnectionMode": "Public"}


def connector_types():
    with open(SCHEMA, encoding="utf-8") as handle:
        return json.load(handle)["definitions"]["ConnectorType"]["enum"]


def load(filename):
    with open(os.path.join(FIXTURES, filename), encoding="utf-8") as handle:
        return json.load(handle)


class SeedFixtureFiles(unittest.TestCase):
    def test_one_file_per_connector_type_plus_all_connectors(self):
        expected = {t.lower() + ".json" for t in connector_types()} | {ALL_CONNECTORS}
        present = {f for f in os.listdir(FIXTURES) if f.endswith(".json")}
        self.assertEqual(present, expected)

    def test_per_connector_files_hold_only_their_connector(self):
        for connector_type in connector_types():
            with self.subTest(connector_type=connector_type):
                model = load(connector_type.lower() + ".json")
                self.assertEqual(model["ConnectorType"], connector_type)
                config = model["ConnectorProfileConfig"]
                self.assertEqual(set(config), {"ConnectorProfileProperties", "ConnectorProfileCredentials"})
                for block in config.values():
                    self.assertLessEqual(len(block), 1)
                    for key in block:
                        self.assertEqual(key.lower(), connector_type.lower())
                self.assertEqual(len(config["ConnectorProfileCredentials"]), 1)

    def test_no_placeholder_or_null_left(self):
        for filename in sorted(os.listdir(FIXTURES)):
            if filename.endswith(".json"):
                with open(os.path.join(FIXTURES, filename), encoding="utf-8") as handle:
                    text = handle.read()
                self.assertNotIn("{{", text, filename)
                self.assertNotIn("null", text, filename)

    def test_render_reproduces_files_byte_for_byte(self):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([sys.executable, os.path.join(FIXTURES, "render.py"), "--out", out], check=True)
            rendered = sorted(os.listdir(out))
            self.assertEqual(rendered, sorted(f for f in os.listdir(FIXTURES) if f.endswith(".json")))
            for filename in rendered:
                with open(os.path.join(out, filename), "rb") as fresh, \
                        open(os.path.join(FIXTURES, filename), "rb") as kept:
                    self.assertEqual(fresh.read(), kept.read(), filename)


class SeedFixturesServiceValidation(ServerTestCase):
    """Default `--validation service`: schema plus AppFlow API rules."""

    def setUp(self):
        self.assertEqual(self.server.reset(), 200)

    def test_each_connector_fixture_is_accepted(self):
        for connector_type in connector_types():
            with self.subTest(connector_type=connector_type):
                model = load(connector_type.lower() + ".json")
                done = self.create_ok(model)
                self.assertNotIn("ErrorCode", done)
                props = self.props(model["ConnectorProfileName"])
                self.assertEqual(props["ConnectorType"], connector_type)
                self.assertNotIn("ConnectorProfileConfig", props)

    def test_all_connectors_fails_invalid_request_naming_foreign_keys(self):
        model = load(ALL_CONNECTORS)
        done = self.finish(self.create(model), "CREATE", final="FAILED", identifier=model["ConnectorProfileName"])
        self.assertEqual(done["ErrorCode"], "InvalidRequest", done)
        message = done["StatusMessage"]
        self.assertTrue(message.startswith("Invalid request provided: "), message)
        for key in ("Redshift", "Salesforce", "SAPOData", "Amplitude", "GoogleAnalytics", "CustomConnector"):
            self.assertIn(key, message)
        self.assertIn("ConnectorProfileProperties", message)
        self.assertIn("ConnectorProfileCredentials", message)
        self.assertMissing(model["ConnectorProfileName"])

    def test_all_connectors_message_names_every_foreign_key(self):
        done = self.finish(self.create(load(ALL_CONNECTORS)), "CREATE", final="FAILED")
        message = done["StatusMessage"]
        for key in sorted(set(FOREIGN_PROPERTIES + FOREIGN_CREDENTIALS)):
            self.assertIn(key, message)

    def test_required_only_model_fails_without_connector_profile_config(self):
        done = self.finish(self.create(REQUIRED_ONLY), "CREATE", final="FAILED",
                           identifier=REQUIRED_ONLY["ConnectorProfileName"])
        self.assertEqual(done["ErrorCode"], "InvalidRequest", done)
        self.assertTrue(done["StatusMessage"].startswith("Invalid request provided: "), done)
        self.assertIn("connectorProfileConfig", done["StatusMessage"])
        self.assertMissing(REQUIRED_ONLY["ConnectorProfileName"])


class SeedFixturesSchemaValidation(ServerTestCase):
    """`--validation schema`: the AppFlow API rules are off; the schema alone decides."""

    FLAGS = ("--validation", "schema")

    def setUp(self):
        self.assertEqual(self.server.reset(), 200)

    def test_required_only_model_is_accepted(self):
        self.create_ok(REQUIRED_ONLY)
        self.assertEqual(self.props(REQUIRED_ONLY["ConnectorProfileName"])["ConnectorType"], "Datadog")

    def test_all_connectors_passes_the_schema(self):
        model = load(ALL_CONNECTORS)
        self.create_ok(model)
        props = self.props(model["ConnectorProfileName"])
        self.assertEqual(props["ConnectorLabel"], model["ConnectorLabel"])
        self.assertNotIn("KMSArn", props)


if __name__ == "__main__":
    unittest.main()
