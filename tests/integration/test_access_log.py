"""The access log (README "Access log"): one logfmt line per request on stderr at --log-level info
or debug, none at the default warn; never a secret, a signature or a write-only value."""

import json
import re
import unittest

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model

LINE = re.compile(
    r'^time=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) account=(\S*) region=(\S*) operation=("[^"]*"|\S*) '
    r'type=(\S*) identifier=("(?:[^"\\]|\\.)*"|\S*) status=(\d{3}) error=(\S*) duration_us=(\d+)$')
KEYS = ("time", "account", "region", "operation", "type", "identifier", "status", "error", "duration_us")
SIGNATURE = "5" * 64


def unquote(value):
    return json.loads(value) if value.startswith('"') else value


def run_and_collect(*flags, exchange):
    """Starts ccemu with `flags`, runs exchange(server), stops it and returns its stderr lines."""
    server = CcemuServer(*flags)
    server.start()
    try:
        exchange(server)
        server.proc.terminate()
        return server.proc.stderr.read().splitlines()  # to the end: until the process exits
    finally:
        server.stop()


def authorization(access_key, region):
    return (f"AWS4-HMAC-SHA256 Credential={access_key}/20261127/{region}/cloudcontrolapi/aws4_request, "
            f"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={SIGNATURE}")


def call(server, operation, body, access_key="111122223333", region="eu-west-3"):
    headers = {"Authorization": authorization(access_key, region), "X-Amz-Date": "20261127T120000Z"}
    return server.call(operation, body, headers=headers, region=region, access_key=access_key)


class AccessLogTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        def exchange(server):
            model = salesforce_model("logged")
            cls.create = call(server, "CreateResource", {"TypeName": TYPE_NAME, "DesiredState": json.dumps(model)})
            token = cls.create[1]["ProgressEvent"]["RequestToken"]
            call(server, "GetResourceRequestStatus", {"RequestToken": token})
            call(server, "GetResource", {"TypeName": TYPE_NAME, "Identifier": "logged"})
            call(server, "GetResource", {"TypeName": TYPE_NAME, "Identifier": '{"ConnectorProfileName":"gone"}'})
            server.call("ListResources", {"TypeName": TYPE_NAME}, sign=False)
            server.call("Nonsense", {})
            server.raw("GET", "/_ccemu/health")
            server.raw("GET", "/elsewhere")

        cls.lines = run_and_collect("--log-level", "info", exchange=exchange)
        cls.entries = []
        for line in cls.lines:
            match = LINE.match(line)
            if match:
                cls.entries.append({k: unquote(v) for k, v in zip(KEYS, match.groups())})

    def entry(self, operation, **fields):
        """The one entry for `operation` with these field values (lines are written once each answer is
        sent, so their order may differ from the order of the requests)."""
        found = [e for e in self.entries
                 if e["operation"] == operation and all(e[k] == v for k, v in fields.items())]
        self.assertEqual(len(found), 1, (operation, fields, self.lines))
        return found[0]

    def test_one_line_per_request(self):
        self.assertEqual(len(self.entries), 8, "\n".join(self.lines))
        self.assertEqual(len(self.lines), 8, "\n".join(self.lines))

    def test_create_names_caller_type_and_new_identifier(self):
        entry = self.entry("CreateResource")
        self.assertEqual(entry["account"], "111122223333")
        self.assertEqual(entry["region"], "eu-west-3")
        self.assertEqual(entry["operation"], "CreateResource")
        self.assertEqual(entry["type"], TYPE_NAME)
        self.assertEqual(entry["identifier"], "logged")
        self.assertEqual(entry["status"], "200")
        self.assertEqual(entry["error"], "")
        self.assertRegex(entry["time"], r"^20\d\d-")

    def test_status_poll_names_the_resource_of_its_event(self):
        entry = self.entry("GetResourceRequestStatus")
        self.assertEqual((entry["operation"], entry["type"], entry["identifier"]),
                         ("GetResourceRequestStatus", TYPE_NAME, "logged"))

    def test_error_has_its_name_and_status(self):
        entry = self.entry("GetResource", status="400")
        self.assertEqual(entry["operation"], "GetResource")
        self.assertEqual(entry["identifier"], '{"ConnectorProfileName":"gone"}')
        self.assertEqual((entry["status"], entry["error"]), ("400", "ResourceNotFoundException"))

    def test_unsigned_request_has_the_default_identity(self):
        entry = self.entry("ListResources")
        self.assertEqual((entry["account"], entry["region"], entry["operation"]),
                         ("123456789012", "us-east-1", "ListResources"))

    def test_unknown_operation(self):
        entry = self.entry("Nonsense")
        self.assertEqual((entry["operation"], entry["status"], entry["error"]),
                         ("Nonsense", "400", "UnknownOperationException"))

    def test_other_routes_are_named_by_method_and_path(self):
        self.assertEqual(self.entry("GET /_ccemu/health")["status"], "200")
        entry = self.entry("GET /elsewhere")
        self.assertEqual((entry["status"], entry["error"]), ("404", "UnknownOperationException"))

    def test_durations_are_microseconds(self):
        for entry in self.entries:
            self.assertLess(int(entry["duration_us"]), 10_000_000, entry)

    def test_no_secret_signature_or_write_only_value(self):
        text = "\n".join(self.lines)
        for secret in ("secret-access-token", "secret-refresh-token", "ConnectorProfileConfig", SIGNATURE,
                       "Signature", "Credential", "X-Amz-Date"):
            self.assertNotIn(secret, text)


class LogLevelTest(unittest.TestCase):

    def exchange(self, server):
        server.call("ListResources", {"TypeName": TYPE_NAME})

    def test_default_level_prints_no_request_lines(self):
        self.assertEqual(run_and_collect(exchange=self.exchange), [])

    def test_warn_prints_none(self):
        self.assertEqual(run_and_collect("--log-level", "warn", exchange=self.exchange), [])

    def test_debug_prints_them(self):
        lines = run_and_collect("--log-level", "debug", exchange=self.exchange)
        self.assertEqual(len(lines), 1, lines)
        self.assertRegex(lines[0], LINE)


if __name__ == "__main__":
    unittest.main()
