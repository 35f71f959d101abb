"""Hostile input: each request gets a 4xx AWS error (or a correct answer), the server keeps serving, and
no state changes."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, ServerTestCase, parse_json, salesforce_model  # noqa: E402

MiB = 1024 * 1024
MAX_PROPERTIES = 262144  # Properties / PatchDocument member max length (spec §2)
DEPTH = 100000


def nested_arrays(depth=DEPTH):
    return "[" * depth + "]" * depth


def padded(model):
    """`model` as JSON text padded with trailing whitespace to exactly MAX_PROPERTIES characters."""
    text = json.dumps(model, separators=(",", ":"))
    assert len(text) <= MAX_PROPERTIES, len(text)
    return text + " " * (MAX_PROPERTIES - len(text))


class HostileInputTest(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        status, body = cls.server.call("CreateResource", {"TypeName": TYPE_NAME,
                                                          "DesiredState": json.dumps(salesforce_model("keep"))})
        assert status == 200, body

    def setUp(self):
        self.before = (self.props("keep"), self.list_ids(), len(self.list_requests()))

    def assertServerIntact(self):
        """The server still answers, and the default account's state is what it was before the test."""
        status, health = self.server.health()
        self.assertEqual((status, health["status"]), (200, "ok"))
        self.assertEqual((self.props("keep"), self.list_ids(), len(self.list_requests())), self.before)

    def create_raw(self, body):
        return self.server.call("CreateResource", body)

    def create_with(self, desired_state):
        return self.create_raw({"TypeName": TYPE_NAME, "DesiredState": desired_state})

    def http_request(self, body, operation="CreateResource"):
        head = (f"POST / HTTP/1.1\r\nHost: {self.server.host}:{self.server.port}\r\n"
                "Content-Type: application/x-amz-json-1.0\r\n"
                f"X-Amz-Target: CloudApiService.{operation}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n")
        return head.encode() + body

    def test_body_over_4_mib_is_413_with_an_aws_error(self):
        prefix = b'{"TypeName":"AWS::AppFlow::ConnectorProfile","DesiredState":"'
        body = prefix + b"a" * (4 * MiB - len(prefix)) + b'"}'
        self.assertGreater(len(body), 4 * MiB)
        status, headers, data = self.server.send_raw(self.http_request(body))
        self.assertEqual(headers.get("content-type"), "application/x-amz-json-1.0")
        self.assertIn("x-amzn-requestid", headers)
        self.assertApiError((status, parse_json(data)), 413, "RequestEntityTooLargeException")
        self.assertServerIntact()

    def test_body_of_exactly_4_mib_is_read_and_its_member_rejected(self):
        prefix = '{"TypeName":"AWS::AppFlow::ConnectorProfile","DesiredState":"'
        body = prefix + "a" * (4 * MiB - len(prefix) - 2) + '"}'
        self.assertEqual(len(body), 4 * MiB)
        self.assertApiError(self.create_raw(body), 400, "ValidationException", message=(
            "1 validation error detected: Value at 'desiredState' failed to satisfy constraint: "
            "Member must have length less than or equal to 262144"))
        self.assertServerIntact()

    def test_truncated_json_body_is_serialization_exception(self):
        whole = json.dumps({"TypeName": TYPE_NAME, "DesiredState": json.dumps(salesforce_model("trunc"))})
        for cut in (1, len(whole) // 3, len(whole) // 2, len(whole) - 1):
            with self.subTest(cut=cut):
                self.assertApiError(self.create_raw(whole[:cut]), 400, "SerializationException")
        self.assertMissing("trunc")
        self.assertServerIntact()

    def test_truncated_json_in_desired_state_is_model_validation_failed(self):  # [I] spec §8 q8
        text = json.dumps(salesforce_model("trunc-ds"))
        for cut in (1, len(text) // 2, len(text) - 1):
            with self.subTest(cut=cut):
                self.assertApiError(self.create_with(text[:cut]), 400, "ValidationException",
                                    prefix="Model validation failed")
        self.assertServerIntact()

    def test_deeply_nested_arrays_as_the_body_are_serialization_exception(self):
        self.assertApiError(self.create_raw(nested_arrays()), 400, "SerializationException")
        self.assertServerIntact()

    def test_deeply_nested_arrays_as_a_body_member_are_serialization_exception(self):
        body = '{"TypeName":"%s","DesiredState":%s}' % (TYPE_NAME, nested_arrays())
        self.assertApiError(self.create_raw(body), 400, "SerializationException")
        self.assertServerIntact()

    def test_deeply_nested_arrays_inside_desired_state_are_model_validation_failed(self):
        inside_value = '{"ConnectorProfileName":"deep","ConnectionMode":"Public","ConnectorType":"Salesforce",' \
                       '"ConnectorLabel":%s}' % nested_arrays()
        for label, text in (("whole document", nested_arrays()), ("property value", inside_value)):
            with self.subTest(label):
                self.assertLessEqual(len(text), MAX_PROPERTIES)
                self.assertApiError(self.create_with(text), 400, "ValidationException",
                                    prefix="Model validation failed")
        self.assertMissing("deep")
        self.assertServerIntact()

    def test_deeply_nested_arrays_as_a_patch_document_are_validation_exception(self):
        # Unparseable (too deep) or an array of non-objects (spec §5.3 rule 1): either way a 400.
        self.assertApiError(self.update("keep", nested_arrays()), 400, "ValidationException")
        self.assertServerIntact()

    def test_invalid_utf8_in_the_body_is_serialization_exception(self):
        get = b'{"TypeName":"AWS::AppFlow::ConnectorProfile","Identifier":"keep%s"}'
        create = (b'{"TypeName":"AWS::AppFlow::ConnectorProfile",'
                  b'"DesiredState":"{\\"ConnectorProfileName\\":\\"u%s\\"}"}')
        for label, template, operation in (("get", get, "GetResource"), ("create", create, "CreateResource")):
            for bad in (b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\x80"):
                with self.subTest(operation=label, bytes=bad):
                    self.assertApiError(self.server.call(operation, template % bad), 400,
                                        "SerializationException")
        self.assertServerIntact()

    def test_max_length_desired_state_of_repeated_characters_is_model_validation_failed(self):
        def with_access_token(token):
            model = salesforce_model("huge-token")
            model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"]["AccessToken"] = token
            return model

        def with_instance_url(url):
            model = salesforce_model("huge-url")
            model["ConnectorProfileConfig"]["ConnectorProfileProperties"]["Salesforce"]["InstanceUrl"] = url
            return model

        cases = [("ConnectorProfileName", salesforce_model("a" * 250000)),
                 ("ConnectorProfileName", salesforce_model("/" * 250000)),
                 ("AccessToken", with_access_token("a" * 200000)),
                 ("InstanceUrl", with_instance_url("x" * 200000)),
                 ("ConnectorLabel", salesforce_model("huge-label", ConnectorLabel="." * 250000))]
        for field, model in cases:
            with self.subTest(field=field, start=str(model["ConnectorProfileName"])[:5]):
                text = padded(model)
                self.assertEqual(len(text), MAX_PROPERTIES)
                self.assertApiError(self.create_with(text), 400, "ValidationException",
                                    prefix="Model validation failed (", contains=(field,))
        self.assertServerIntact()

    def test_desired_state_one_character_over_the_limit_is_a_member_error(self):
        text = padded(salesforce_model("over")) + " "
        self.assertApiError(self.create_with(text), 400, "ValidationException", message=(
            "1 validation error detected: Value at 'desiredState' failed to satisfy constraint: "
            "Member must have length less than or equal to 262144"))
        self.assertServerIntact()

    def test_max_length_desired_state_with_strings_at_their_limits_is_created(self):
        who = {"access_key": "500000000001"}  # another account, so the default one stays untouched
        name = "a" * 256
        model = salesforce_model(name)
        model["ConnectorProfileConfig"]["ConnectorProfileCredentials"]["Salesforce"].update(
            AccessToken="a" * 4096, RefreshToken="b" * 4096)
        status, body = self.api("CreateResource", {"TypeName": TYPE_NAME, "DesiredState": padded(model)}, **who)
        self.finish((status, body), "CREATE", identifier=name, **who)
        self.assertEqual(self.props(name, **who)["ConnectorProfileName"], name)
        self.assertServerIntact()


if __name__ == "__main__":
    unittest.main()
