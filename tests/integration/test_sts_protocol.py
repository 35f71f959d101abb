"""STS's wire protocol on the Cloud Control port (README "STS"), byte level: form-encoded requests to
"POST /" (and "GET /?Action=..."), XML answers with Content-Type text/xml and the request id in the
body and in x-amzn-RequestId, STS's XML errors (<ErrorResponse><Error><Type/><Code/><Message/>),
member constraints exactly as botocore's sts model (2011-06-15) states them, fault injection and the
access log.

Model facts come from the installed botocore's sts model, read with botocore.loaders, so drift
between ccemu's table (protocol/sts_query/member_rules.cc) and the model is a red test.
"""

import base64
import json
import re
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import botocore.loaders

from ccemu_server import CcemuServer
from test_access_log import LINE, KEYS, run_and_collect, unquote

NS = "{https://sts.amazonaws.com/doc/2011-06-15/}"
ROLE_ARN = "arn:aws:iam::210987654321:role/deployer"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
MAX_MESSAGE_BYTES = 2048
SERVED = ("GetCallerIdentity", "AssumeRole", "AssumeRoleWithWebIdentity", "GetSessionToken")
JWT = ".".join(base64.urlsafe_b64encode(json.dumps(part).encode()).decode().rstrip("=")
               for part in ({"alg": "RS256"}, {"sub": "job", "aud": "sts"})) + ".c2ln"
# A valid value of every required member, for requests that break one other member.
VALID = {"RoleArn": ROLE_ARN, "RoleSessionName": "session", "WebIdentityToken": JWT}


def form(**parameters):
    return urllib.parse.urlencode(parameters).encode()


def post(server, body, content_type="application/x-www-form-urlencoded; charset=utf-8", headers=None):
    all_headers = {"Content-Type": content_type, **(headers or {})}
    return server.raw("POST", "/", body, all_headers)


def sts_model():
    return botocore.loaders.Loader().load_service_model("sts", "service-2", "2011-06-15")


def camel(member):
    return member[0].lower() + member[1:]


class StsProtocolTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer()
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def error(self, status, headers, body, code, status_expected=400):
        """Checks an STS XML error; returns its message."""
        self.assertEqual(status, status_expected, body)
        self.assertEqual(headers["content-type"], "text/xml", headers)
        root = ET.fromstring(body)
        self.assertEqual(root.tag, NS + "ErrorResponse")
        error = root.find(NS + "Error")
        self.assertEqual(error.findtext(NS + "Type"), "Sender" if status_expected < 500 else "Receiver")
        self.assertEqual(error.findtext(NS + "Code"), code, body)
        self.assertEqual(root.findtext(NS + "RequestId"), headers["x-amzn-requestid"])
        return error.findtext(NS + "Message")

    def test_answer_document(self):
        status, headers, body = post(self.server, form(Action="GetCallerIdentity", Version="2011-06-15"))
        self.assertEqual(status, 200, body)
        self.assertEqual(headers["content-type"], "text/xml")
        self.assertRegex(headers["x-amzn-requestid"], UUID)
        self.assertEqual(body.decode(), (
            '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n'
            "  <GetCallerIdentityResult>\n"
            "    <Arn>arn:aws:iam::123456789012:root</Arn>\n"
            "    <UserId>123456789012</UserId>\n"
            "    <Account>123456789012</Account>\n"
            "  </GetCallerIdentityResult>\n"
            "  <ResponseMetadata>\n"
            f"    <RequestId>{headers['x-amzn-requestid']}</RequestId>\n"
            "  </ResponseMetadata>\n"
            "</GetCallerIdentityResponse>\n"))

    def test_get_with_query_string(self):
        status, _, body = self.server.raw("GET", "/?Action=GetCallerIdentity&Version=2011-06-15")
        self.assertEqual(status, 200, body)
        self.assertIn(b"<Account>123456789012</Account>", body)

    def test_credential_scope_for_sts_routes_a_body_without_content_type(self):
        auth = ("AWS4-HMAC-SHA256 Credential=444455556666/20261127/eu-west-1/sts/aws4_request, "
                "SignedHeaders=host, Signature=" + "0" * 64)
        status, _, body = self.server.raw("POST", "/", form(Action="GetCallerIdentity", Version="2011-06-15"),
                                          {"Authorization": auth})
        self.assertEqual(status, 200, body)
        self.assertIn(b"<Account>444455556666</Account>", body)

    def test_protocol_errors(self):
        cases = [
            (form(Version="2011-06-15"), "MissingAction", "Missing Action"),
            (form(Action="GetCallerIdentity"), "MissingParameter", "The request must contain the parameter Version"),
            (form(Action="GetCallerIdentity", Version="2010-01-01"), "InvalidAction",
             "Could not find operation GetCallerIdentity for version 2010-01-01"),
            (form(Action="DescribeInstances", Version="2011-06-15"), "InvalidAction",
             "Could not find operation DescribeInstances for version 2011-06-15"),
            (b"Action=GetCallerIdentity&Version=2011-06-15&x=%zz", "MalformedQueryString",
             "The query string contains a syntax error."),
        ]
        for body, code, message in cases:
            with self.subTest(body=body):
                self.assertEqual(self.error(*post(self.server, body), code), message)

    def test_every_model_constraint_is_enforced_as_stated(self):
        model = sts_model()
        checked = 0
        for operation in SERVED:
            shape = model["shapes"][model["operations"][operation]["input"]["shape"]]
            required = shape.get("required", [])
            for member, ref in shape["members"].items():
                target = model["shapes"][ref["shape"]]
                if target["type"] not in ("string", "integer"):
                    continue
                base = {name: VALID[name] for name in required}
                sensitive = target.get("sensitive", False)
                shown = (lambda v: "Value") if sensitive else (lambda v: f"Value '{v}'")
                where = f"at '{camel(member)}' failed to satisfy constraint: "
                violations = []
                if member in required:
                    violations.append((None, f"Value null {where}Member must not be null"))
                if target["type"] == "integer":
                    if "min" in target:
                        v = target["min"] - 1
                        violations.append((str(v), f"Value '{v}' {where}Member must have value greater than or "
                                                   f"equal to {target['min']}"))
                    if "max" in target:
                        v = target["max"] + 1
                        violations.append((str(v), f"Value '{v}' {where}Member must have value less than or "
                                                   f"equal to {target['max']}"))
                else:
                    digits = target.get("pattern") == "[\\d]*"
                    filler = "1" if digits else "a"
                    if target.get("min", 0) > 1:
                        v = filler * (target["min"] - 1)
                        violations.append((v, f"{shown(v)} {where}Member must have length greater than or equal "
                                              f"to {target['min']}"))
                    if "max" in target:
                        v = filler * (target["max"] + 1)
                        violations.append((v, f"{shown(v)} {where}Member must have length less than or equal to "
                                              f"{target['max']}"))
                    if "pattern" in target:
                        v = (filler * max(target.get("min", 1), 1))[:-1] + ("a" if digits else "\x01")
                        violations.append((v, f"{shown(v)} {where}Member must satisfy regular expression "
                                              f"pattern: {target['pattern']}"))
                for value, clause in violations:
                    parameters = dict(base, Action=operation, Version="2011-06-15")
                    parameters.pop(member, None)
                    if value is not None:
                        parameters[member] = value
                    with self.subTest(operation=operation, member=member, clause=clause[:80]):
                        message = self.error(*post(self.server, form(**parameters)), "ValidationError")
                        self.assertRegex(message, r"^\d+ validation errors? detected: ")
                        clause = clause.replace("\x01", "\ufffd")
                        if len(message.encode()) < MAX_MESSAGE_BYTES:
                            self.assertIn(clause, message)
                        else:  # a long value's message is cut (as ccemu's JSON APIs cut theirs)
                            self.assertEqual(message, ("1 validation error detected: " + clause)[:len(message)])
                        checked += 1
        self.assertGreater(checked, 30)

    def test_injected_fault_is_an_sts_error(self):
        self.server.ccemu.add_fault(operation="GetCallerIdentity", error={"code": "ThrottlingException"}, times=1)
        message = self.error(*post(self.server, form(Action="GetCallerIdentity", Version="2011-06-15")), "Throttling")
        self.assertEqual(message, "Rate exceeded")
        status, _, _ = post(self.server, form(Action="GetCallerIdentity", Version="2011-06-15"))
        self.assertEqual(status, 200)


class StsAccessLogTest(unittest.TestCase):

    def test_sts_requests_are_logged_without_secrets(self):
        answers = []

        def exchange(server):
            auth = ("AWS4-HMAC-SHA256 Credential=111122223333/20261127/eu-west-3/sts/aws4_request, "
                    "SignedHeaders=host, Signature=" + "5" * 64)
            answers.append(server.raw("POST", "/", form(Action="AssumeRole", Version="2011-06-15", RoleArn=ROLE_ARN,
                                                        RoleSessionName="logged"),
                                      {"Content-Type": "application/x-www-form-urlencoded", "Authorization": auth}))
            post(server, form(Action="Nonsense", Version="2011-06-15"))

        lines = run_and_collect("--log-level", "info", exchange=exchange)
        entries = [{k: unquote(v) for k, v in zip(KEYS, m.groups())} for m in map(LINE.match, lines) if m]
        by_operation = {e["operation"]: e for e in entries}
        assume = by_operation["AssumeRole"]
        self.assertEqual((assume["account"], assume["region"], assume["status"]), ("111122223333", "eu-west-3", "200"))
        self.assertEqual((by_operation["POST /"]["status"], by_operation["POST /"]["error"]), ("400", "InvalidAction"))
        secret = ET.fromstring(answers[0][2]).find(f"{NS}AssumeRoleResult/{NS}Credentials/{NS}SecretAccessKey").text
        self.assertNotIn(secret, "\n".join(lines))


if __name__ == "__main__":
    unittest.main()
