"""What ccemu offers beside the operations, for the native AppFlow API: no credential in any response, log
line, state dump, state file or recording; fault injection by AppFlow operation name; the access log;
--verify-sigv4 refusals in AppFlow's format; per-account and per-region state; --seed determinism; and
/_ccemu/requests, which lists Cloud Control resource requests only (AppFlow calls have none)."""

import json
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import CcemuServer  # noqa: E402

SECRETS = ["appflow-access-token-5c1b", "appflow-refresh-token-77e0", "appflow-client-secret-9a2f",
           "appflow-password-31d4", "arn:aws:kms:us-east-1:123456789012:key/appflow-kms-key-2b8c"]


def scope(region="us-east-1", access_key="AKIDEXAMPLE", service="appflow"):
    return (f"AWS4-HMAC-SHA256 Credential={access_key}/20261127/{region}/{service}/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date, Signature=" + "0" * 64)


def appflow(server, path, body=None, region="us-east-1", access_key="AKIDEXAMPLE", method="POST"):
    """One AppFlow request as the SDKs send it; returns (status, lower-cased headers, parsed body)."""
    payload = b"" if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-Amz-Date": "20261127T120000Z",
               "Authorization": scope(region, access_key)}
    status, got, data = server.raw(method, path, payload, headers)
    return status, got, json.loads(data) if data else None


def stop_and_read_log(server):
    """Stops the server and returns everything it wrote on stderr."""
    server.proc.terminate()
    _, log = server.proc.communicate(timeout=10)
    server.stop()
    return log


def salesforce(name, **extra):
    body = {
        "connectorProfileName": name, "connectorType": "Salesforce", "connectionMode": "Public",
        "kmsArn": SECRETS[4],
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Salesforce": {"instanceUrl": "https://example.my.salesforce.com"}},
            "connectorProfileCredentials": {"Salesforce": {"accessToken": SECRETS[0], "refreshToken": SECRETS[1]}},
        },
    }
    body.update(extra)
    return body


def snowflake(name):
    return {
        "connectorProfileName": name, "connectorType": "Snowflake", "connectionMode": "Private",
        "connectorProfileConfig": {
            "connectorProfileProperties": {"Snowflake": {"warehouse": "wh", "stage": "@s", "bucketName": "bucket"}},
            "connectorProfileCredentials": {"Snowflake": {"username": "u", "password": SECRETS[3]}},
        },
    }


class SecretsTest(unittest.TestCase):
    def test_no_secret_sent_appears_anywhere(self):
        with tempfile.TemporaryDirectory(prefix="ccemu-appflow-secrets-") as tmp:
            state_file = os.path.join(tmp, "state.json")
            record_file = os.path.join(tmp, "recording.jsonl")
            server = CcemuServer("--log-level", "debug", "--state-file", state_file, "--record", record_file)
            server.start()
            answers = []
            try:
                answers.append(appflow(server, "/create-connector-profile", salesforce("s1")))
                answers.append(appflow(server, "/create-connector-profile", snowflake("s2")))
                answers.append(appflow(server, "/create-connector-profile", salesforce("s1")))  # 409
                answers.append(appflow(server, "/create-connector-profile", salesforce("bad name")))  # 400
                bad_jwt = salesforce("jwt")
                bad_jwt["connectorProfileConfig"]["connectorProfileCredentials"]["Salesforce"]["jwtToken"] = SECRETS[2]
                answers.append(appflow(server, "/create-connector-profile", bad_jwt))  # 400, value not echoed
                update = salesforce("s1", connectionMode="Private")
                del update["kmsArn"], update["connectorType"]
                answers.append(appflow(server, "/update-connector-profile", update))
                answers.append(appflow(server, "/describe-connector-profiles", {}))
                answers.append(appflow(server, "/describe-connector-profiles", {"connectorProfileNames": ["s1"]}))
                status, _, dump = server.raw("GET", "/_ccemu/state")
                self.assertEqual(status, 200)
                answers.append(("state", {}, dump.decode()))
                self.assertEqual([a[0] for a in answers[:8]], [200, 200, 409, 400, 400, 200, 200, 200])
                self.assertIn("connectorProfileCredentials.Salesforce.jwtToken", answers[4][2]["message"])
                self.assertEqual(len(answers[6][2]["connectorProfileDetails"]), 2)
            finally:
                log = stop_and_read_log(server)
            self.assertIn("operation=CreateConnectorProfile", log)  # debug lines were written
            texts = [json.dumps(answer[2]) + json.dumps(answer[1]) for answer in answers]
            if os.path.exists(record_file):
                with open(record_file) as f:
                    texts.append(f.read())
            texts.append(log)
            # The state file is the one place write-only values are kept, for restoring them (README
            # "State and snapshots"); it is readable by its owner only.
            self.assertEqual(os.stat(state_file).st_mode & 0o777, 0o600)
            for secret in SECRETS:
                for text in texts:
                    self.assertNotIn(secret, text)


class OperabilityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer("--log-level", "info")
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        self.server.raw("DELETE", "/_ccemu/faults")
        self.assertEqual(self.server.reset() // 100, 2)

    def test_faults_by_appflow_operation_name(self):
        rule = {"operation": "DescribeConnectorProfiles", "error": {"code": "ThrottlingException", "message": "Rate exceeded"},
                "times": 1}
        status, _, _ = self.server.raw("POST", "/_ccemu/faults", json.dumps(rule).encode(), {"Content-Type": "application/json"})
        self.assertEqual(status, 200)
        status, headers, body = appflow(self.server, "/describe-connector-profiles", {})
        self.assertEqual((status, headers["x-amzn-errortype"], body), (429, "ThrottlingException", {"message": "Rate exceeded"}))
        self.assertEqual(appflow(self.server, "/describe-connector-profiles", {})[0], 200)
        rule = {"operation": "CreateConnectorProfile", "identifier": "f1",
                "error": {"code": "ConflictException", "message": "busy"}}
        self.server.raw("POST", "/_ccemu/faults", json.dumps(rule).encode(), {"Content-Type": "application/json"})
        status, headers, body = appflow(self.server, "/create-connector-profile", salesforce("f1"))
        self.assertEqual((status, headers["x-amzn-errortype"]), (409, "ConflictException"))
        self.assertEqual(appflow(self.server, "/create-connector-profile", salesforce("f2"))[0], 200)

    def test_accounts_and_regions_are_separate(self):
        appflow(self.server, "/create-connector-profile", salesforce("a1"), access_key="111122223333")
        status, _, body = appflow(self.server, "/describe-connector-profiles", {}, access_key="111122223333")
        self.assertEqual(body["connectorProfileDetails"][0]["connectorProfileArn"],
                         "arn:aws:appflow:us-east-1:111122223333:connectorprofile/a1")
        self.assertEqual(appflow(self.server, "/describe-connector-profiles", {})[2]["connectorProfileDetails"], [])
        self.assertEqual(appflow(self.server, "/describe-connector-profiles", {}, access_key="111122223333",
                                 region="eu-west-1")[2]["connectorProfileDetails"], [])

    def test_requests_list_only_cloud_control_requests(self):
        appflow(self.server, "/create-connector-profile", salesforce("r1"))
        status, _, data = self.server.raw("GET", "/_ccemu/requests")
        self.assertEqual(status, 200)
        self.assertNotIn("r1", data.decode())

    def test_scope_for_another_service_is_refused_in_appflow_format(self):
        status, headers, body = self.server.raw(
            "POST", "/describe-connector-profiles", b"{}",
            {"Content-Type": "application/json", "Authorization": scope(service="cloudcontrolapi")})
        self.assertEqual(status, 400)
        self.assertEqual(headers["x-amzn-errortype"], "InvalidSignatureException")
        self.assertEqual(json.loads(body), {"message": "Credential should be scoped to correct service: 'appflow'."})

    def test_unknown_path_signed_for_appflow(self):
        status, headers, body = self.server.raw("GET", "/flows", b"", {"Authorization": scope()})
        self.assertEqual((status, headers["x-amzn-errortype"]), (404, "UnknownOperationException"))
        self.assertEqual(json.loads(body), {"message": "No AppFlow operation at GET /flows."})

    def test_tags_path_carries_an_encoded_arn(self):
        appflow(self.server, "/create-connector-profile", salesforce("t1"))
        arn = "arn%3Aaws%3Aappflow%3Aus-east-1%3A123456789012%3Aconnectorprofile%2Ft1"
        self.assertEqual(appflow(self.server, f"/tags/{arn}", {"tags": {"k": "v"}})[0], 200)
        self.assertEqual(appflow(self.server, f"/tags/{arn}?tagKeys=k", method="DELETE")[0], 200)
        self.assertEqual(appflow(self.server, f"/tags/{arn}", method="GET")[2], {"tags": {}})


class SeedTest(unittest.TestCase):
    def test_same_seed_same_answers(self):
        def run():
            with CcemuServer("--seed", "42") as server:
                appflow(server, "/create-connector-profile", salesforce("d1"))
                appflow(server, "/create-connector-profile", snowflake("d2"))
                return appflow(server, "/describe-connector-profiles", {})[2]

        first, second = run(), run()
        self.assertEqual(first, second)
        self.assertEqual(first["connectorProfileDetails"][0]["createdAt"], 1767225600.0)


class AccessLogTest(unittest.TestCase):
    def test_lines_name_appflow_operations(self):
        server = CcemuServer("--log-level", "info")
        server.start()
        try:
            appflow(server, "/create-connector-profile", salesforce("l1"))
            appflow(server, "/delete-connector-profile", {"connectorProfileName": "ghost"})
        finally:
            log = stop_and_read_log(server)
        lines = [line for line in log.splitlines() if "operation=" in line]
        self.assertTrue(any("operation=CreateConnectorProfile type=AWS::AppFlow::ConnectorProfile identifier=l1 status=200"
                            in line for line in lines), lines)
        self.assertTrue(any("operation=DeleteConnectorProfile" in line and "status=404 error=ResourceNotFoundException"
                            in line for line in lines), lines)


if __name__ == "__main__":
    unittest.main()
