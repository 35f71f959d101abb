"""Error messages say what AWS says, or a plain sentence naming the position and the problem: no
library internals ("[json.exception.parse_error.101]"), and a patch into a write-only property says
to set the property whole. Hand-written state dumps get their read-only values made."""

import json
import unittest

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ServerTestCase, salesforce_model


class PlainMessagesTest(ServerTestCase):

    def assertPlain(self, message):
        self.assertNotIn("json.exception", message)
        self.assertNotIn("syntax error while parsing", message)

    def test_desired_state_that_is_not_json_names_the_position(self):
        text = self.assertApiError(
            self.api("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": '{"ConnectorProfileName": '}),
            400, "ValidationException")
        self.assertEqual(text, "Model validation failed (#: DesiredState is not valid JSON: invalid JSON at line 1, "
                               "column 26: unexpected end of input; expected '[', '{', or a literal)")
        self.assertPlain(text)

    def test_request_body_that_is_not_json(self):
        status, body = self.server.call("ListResources", b'{"TypeName": tru')
        self.assertEqual(status, 400)
        self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#SerializationException")
        self.assertTrue(body["Message"].startswith("Request body is not valid JSON: invalid JSON at line 1, column"),
                        body)
        self.assertPlain(body["Message"])

    def test_state_dump_that_is_not_json(self):
        status, _, data = self.server.raw("PUT", "/_ccemu/state", b'{"format": ')
        self.assertEqual(status, 400)
        message = json.loads(data)["message"]
        self.assertTrue(message.startswith("Invalid state dump: invalid JSON at line 1, column"), message)
        self.assertPlain(message)

    def test_patch_into_a_write_only_property_says_to_set_it_whole(self):
        self.create_ok(salesforce_model("wo"))
        patch = [{"op": "add", "path": "/ConnectorProfileConfig/ConnectorProfileCredentials/Salesforce/AccessToken",
                  "value": "new-token"}]
        self.assertApiError(
            self.update("wo", patch), 400, "ValidationException",
            message="[ADD Operation] noSuchPath in source, path provided: //ConnectorProfileConfig/"
                    "ConnectorProfileCredentials/Salesforce/AccessToken (/ConnectorProfileConfig is write-only, which "
                    "reads never return; set it whole with {\"op\": \"add\", \"path\": \"/ConnectorProfileConfig\", "
                    "\"value\": ...})")
        # Setting it whole works.
        whole = [{"op": "add", "path": "/ConnectorProfileConfig",
                  "value": salesforce_model("wo")["ConnectorProfileConfig"]}]
        self.finish(self.update("wo", whole), "UPDATE", identifier="wo")


class HandWrittenDumpTest(ServerTestCase):

    def test_missing_read_only_values_are_generated(self):
        model = salesforce_model("hand")
        dump = {"format": "ccemu-state", "version": 1,
                "resources": {DEFAULT_ACCOUNT: {"eu-west-1": {TYPE_NAME: {"hand": model}}}}}
        status, _, data = self.server.raw("PUT", "/_ccemu/state", json.dumps(dump))
        self.assertEqual(status, 200, data)
        props = self.props("hand", region="eu-west-1")
        self.assertEqual(props["ConnectorProfileArn"],
                         f"arn:aws:appflow:eu-west-1:{DEFAULT_ACCOUNT}:connectorprofile/hand")
        self.assertRegex(props["CredentialsArn"],
                         rf"^arn:aws:secretsmanager:eu-west-1:{DEFAULT_ACCOUNT}:secret:appflow!{DEFAULT_ACCOUNT}-hand-")

    def test_read_only_values_given_are_kept(self):
        model = salesforce_model("given", ConnectorProfileArn=f"arn:aws:appflow:us-east-1:{DEFAULT_ACCOUNT}:"
                                                              "connectorprofile/given")
        dump = {"format": "ccemu-state", "version": 1,
                "resources": {DEFAULT_ACCOUNT: {"us-east-1": {TYPE_NAME: {"given": model}}}}}
        self.assertEqual(self.server.raw("PUT", "/_ccemu/state", json.dumps(dump))[0], 200)
        props = self.props("given")
        self.assertEqual(props["ConnectorProfileArn"], model["ConnectorProfileArn"])
        self.assertIn("CredentialsArn", props)


if __name__ == "__main__":
    unittest.main()
