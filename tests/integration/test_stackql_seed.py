"""Black-box tests: the StackQL doc page for aws.appflow.connector_profiles (shared/seeds/) against ccemu.

No StackQL binary can run here (stackql/README.md §7), so its HTTP requests are replayed byte for byte as
README §2 describes them: `POST /?Action=<Op>&Version=2021-09-30`, Go `encoding/json` bodies (sorted keys,
compact, `<` `>` `&` escaped), a real SigV4 Authorization header whose scope carries the region, and
`Accept: application/x-amz-json-1.0` on ListResources only. Views are evaluated here the way StackQL's
SQLite JSON_EXTRACT would. The stackql-deploy 1.x request sequences of README §5.3 are replayed on top.
"""

import datetime
import hashlib
import hmac
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ccemu_server import TYPE_NAME, CcemuServer  # noqa: E402

ACCOUNT = "123456789012"  # AKIDEXAMPLE is not a 12-digit key, so ccemu's default account applies
REGION = "us-east-1"
KMS_ARN = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

# The seed's view columns and the Properties keys they JSON_EXTRACT (README §2.3).
VIEW_COLUMNS = [
    ("connector_profile_arn", "ConnectorProfileArn"),
    ("connector_label", "ConnectorLabel"),
    ("connector_profile_name", "ConnectorProfileName"),
    ("kms_arn", "KMSArn"),
    ("connector_type", "ConnectorType"),
    ("connection_mode", "ConnectionMode"),
    ("connector_profile_config", "ConnectorProfileConfig"),
    ("credentials_arn", "CredentialsArn"),
]


def go_json(obj):
    """JSON as Go's encoding/json writes a map: sorted keys, compact, HTML characters escaped, UTF-8."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def json_extract(properties_text, key):
    """SQLite JSON_EXTRACT(Properties, '$.<key>'): missing or null -> None, objects -> minified JSON text."""
    value = json.loads(properties_text).get(key)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return value


def view_row(region, properties_text):
    row = {"region": region}
    for column, key in VIEW_COLUMNS:
        row[column] = json_extract(properties_text, key)
    return row


def datadog_config(instance_url="https://api.datadoghq.com/?site=us&probe=<1>"):
    """ConnectorProfileConfig with ONE connector (Datadog) filled; the URL makes Go's escaping matter."""
    return {
        "ConnectorProfileProperties": {"Datadog": {"InstanceUrl": instance_url}},
        "ConnectorProfileCredentials": {"Datadog": {"ApiKey": "dd-api-key", "ApplicationKey": "dd-application-key"}},
    }


def all_properties(name, mode="Public"):
    """Column values of the seed's "All Properties" INSERT (README §2.2: JSON-object text becomes an object)."""
    return {
        "ConnectorLabel": "datadog-label",
        "ConnectorProfileName": name,
        "KMSArn": KMS_ARN,
        "ConnectorType": "Datadog",
        "ConnectionMode": mode,
        "ConnectorProfileConfig": datadog_config(),
    }


class Reply:
    def __init__(self, status, headers, body, sent):
        self.status, self.headers, self.body, self.sent = status, headers, body, sent

    @property
    def error_name(self):
        return self.body["__type"].split("#")[-1] if self.body and "__type" in self.body else None


class StackqlWire:
    """Sends Cloud Control requests exactly as StackQL (any-sdk, Go net/http) does; logs (op, status)."""

    def __init__(self, server, access_key="AKIDEXAMPLE", secret_key="test"):
        self.server, self.access_key, self.secret_key = server, access_key, secret_key
        self.log = []

    def _authorization(self, region, amz_date, query, headers, payload):
        signed = sorted(k.lower() for k in headers)
        lowered = {k.lower(): v.strip() for k, v in headers.items()}
        canonical = "\n".join(
            [
                "POST",
                "/",
                query,
                "".join(f"{name}:{lowered[name]}\n" for name in signed),
                ";".join(signed),
                hashlib.sha256(payload).hexdigest(),
            ]
        )
        scope = f"{amz_date[:8]}/{region}/cloudcontrolapi/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = ("AWS4" + self.secret_key).encode()
        for part in (amz_date[:8], region, "cloudcontrolapi", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        return (
            f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
            f"SignedHeaders={';'.join(signed)}, Signature={signature}"
        )

    def send(self, operation, body, region=REGION):
        payload = go_json(body).encode("utf-8")
        query = f"Action={operation}&Version=2021-09-30"
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        signed = {
            "Content-Type": "application/x-amz-json-1.0",
            "Host": f"{self.server.host}:{self.server.port}",
            "X-Amz-Date": amz_date,
            "X-Amz-Target": f"CloudApiService.{operation}",
        }
        if operation == "ListResources":
            signed["Accept"] = "application/x-amz-json-1.0"
        headers = dict(signed)
        headers.pop("Host")  # http.client writes the same Host value itself
        headers["Authorization"] = self._authorization(region, amz_date, query, signed, payload)
        headers["User-Agent"] = "Go-http-client/1.1"
        headers["Accept-Encoding"] = "gzip"  # Go's transport adds it; ccemu must still answer uncompressed
        status, response_headers, data = self.server.raw("POST", "/?" + query, payload, headers)
        self.log.append((operation, status))
        return Reply(status, response_headers, json.loads(data) if data else None, payload)

    # SQL verbs (README §2.2–2.6)

    def insert(self, columns, region=REGION):
        return self.send("CreateResource", {"DesiredState": go_json(columns), "TypeName": TYPE_NAME}, region)

    def get(self, identifier, region=REGION):
        return self.send("GetResource", {"Identifier": identifier, "TypeName": TYPE_NAME}, region)

    def update(self, identifier, patch_document_text, region=REGION):
        body = {"Identifier": identifier, "PatchDocument": patch_document_text, "TypeName": TYPE_NAME}
        return self.send("UpdateResource", body, region)

    def delete(self, identifier, region=REGION):
        return self.send("DeleteResource", {"Identifier": identifier, "TypeName": TYPE_NAME}, region)

    def request_status(self, token, region=REGION):
        return self.send("GetResourceRequestStatus", {"RequestToken": token}, region)

    def select_by_identifier(self, identifier, region=REGION):
        """The per-identifier SELECT: one GetResource; a status >= 300 yields zero rows."""
        reply = self.get(identifier, region)
        if reply.status >= 300:
            return reply, []
        return reply, [view_row(region, reply.body["ResourceDescription"]["Properties"])]

    def list_pages(self, region=REGION, max_results=None, page_limit=20):
        """ListResources pages, NextToken copied from the response into the next request BODY."""
        pages, token = [], None
        for _ in range(page_limit):
            body = {"TypeName": TYPE_NAME}
            if max_results:
                body["MaxResults"] = max_results
            if token is not None:
                body["NextToken"] = token
            reply = self.send("ListResources", body, region)
            pages.append(reply)
            if reply.status >= 300:
                break
            token = reply.body.get("NextToken")
            if token is None:
                break
        return pages

    def select_region(self, region=REGION, max_results=None):
        """The region-wide SELECT: ListResources INNER JOIN one GetResource per listed Identifier."""
        pages = self.list_pages(region, max_results)
        rows = []
        for page in pages:
            if page.status >= 300:
                continue
            for description in page.body["ResourceDescriptions"]:
                _, detail = self.select_by_identifier(description["Identifier"], region)
                rows.extend(detail)  # a failing GetResource drops out (inner join)
        return pages, rows


class SeedStack:
    """stackql-deploy 1.9.2 over the seed stack, anchors exists/create/statecheck/exports/delete (README §5.2–5.3)."""

    def __init__(self, wire, name, mode="Public", region=REGION):
        self.wire, self.name, self.mode, self.region = wire, name, mode, region

    def exists(self):  # SELECT COUNT(*) as count ... WHERE data__Identifier = ...
        return len(self.wire.select_by_identifier(self.name, self.region)[1])

    def statecheck(self):  # COUNT(*) of (SELECT connection_mode ...) t WHERE connection_mode = '{{ ConnectionMode }}'
        rows = self.wire.select_by_identifier(self.name, self.region)[1]
        return len([r for r in rows if r["connection_mode"] == self.mode]) == 1

    def exports_once(self):  # SELECT connector_profile_arn, credentials_arn ...
        rows = self.wire.select_by_identifier(self.name, self.region)[1]
        return [{k: r[k] for k in ("connector_profile_arn", "credentials_arn")} for r in rows]

    def exports(self):  # run_stackql_query: `while attempt <= retries` with retries=1, so an empty result is fetched twice
        rows = self.exports_once()
        return rows if rows else self.exports_once()

    def build(self):
        if self.exports():  # exports as a proxy: one row means the resource is there, nothing else runs
            return "validated"
        if self.exists() == 0:
            reply = self.wire.insert(all_properties(self.name, self.mode), self.region)
            if reply.status >= 300:
                return "create failed"
            return "created" if self.statecheck() else "statecheck failed"
        return "statecheck passed" if self.statecheck() else "needs update"

    def test(self):
        if not self.statecheck():
            return None
        return self.exports_once()

    def teardown(self):
        self.exports_once()  # every resource's exports first, a missing one ignored
        if self.exists() != 1:
            return "absent"
        reply = self.wire.delete(self.name, self.region)
        if reply.status >= 300:
            return "delete failed"
        for _ in range(10):  # postdelete_retries; ccemu applies the delete at once, so the first check suffices
            if self.exists() == 0:
                return "deleted"
        return "still there"


class SeedTestBase(unittest.TestCase):
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer(*cls.server_args)
        cls.server.start()
        cls.addClassCleanup(cls.server.stop)

    def setUp(self):
        status, _, _ = self.server.raw("POST", "/_ccemu/reset")
        self.assertEqual(status // 100, 2, "POST /_ccemu/reset failed")
        self.wire = StackqlWire(self.server)

    def assertWire(self, reply, status):
        """Status plus what any-sdk needs to parse the answer."""
        self.assertEqual(reply.status, status, reply.body)
        self.assertRegex(reply.headers.get("content-type", ""), r"^application/[^;]*json")
        self.assertIn("x-amzn-requestid", reply.headers)

    def assertEvent(self, reply, operation, identifier):
        self.assertWire(reply, 200)
        event = reply.body["ProgressEvent"]
        self.assertEqual(event["OperationStatus"], "IN_PROGRESS")
        self.assertEqual(event["Operation"], operation)
        self.assertEqual(event["TypeName"], TYPE_NAME)
        self.assertEqual(event["Identifier"], identifier)
        self.assertNotIn("ResourceModel", event)
        return event

    def assertNotFound(self, reply, identifier):
        # The frame is AWS's (cloudformation-coverage-roadmap#2090); the status is AWS's 400 (issue 20,
        # pulumi/pulumi-aws-native#682). StackQL reads any status >= 300 as zero rows, so its traffic
        # is the same as with the old 404.
        self.assertWire(reply, 400)
        self.assertEqual(set(reply.body), {"__type", "Message"})
        self.assertEqual(reply.body["__type"], "com.amazonaws.cloudcontrol#ResourceNotFoundException")
        self.assertRegex(
            reply.body["Message"],
            "^"
            + re.escape(
                f"{TYPE_NAME} Handler returned status FAILED: Resource of type '{TYPE_NAME}' "
                f"with identifier '{identifier}' was not found. (HandlerErrorCode: NotFound, RequestToken: "
            )
            + UUID
            + r"\)$",
        )

    def terminal_status(self, event):
        reply = self.wire.request_status(event["RequestToken"])
        self.assertWire(reply, 200)
        return reply.body["ProgressEvent"]

    def create_datadog(self, name, mode="Public", region=REGION):
        reply = self.wire.insert(all_properties(name, mode), region)
        event = self.assertEvent(reply, "CREATE", name)
        self.assertEqual(self.wire.request_status(event["RequestToken"], region).body["ProgressEvent"]["OperationStatus"], "SUCCESS")

    def assertSeedRow(self, row, name, label="datadog-label", connector_type="Datadog", mode="Public", region=REGION):
        # [I] the generated ARN formats are spec §7's choice.
        self.assertEqual(row["region"], region)
        self.assertEqual(row["connector_profile_arn"], f"arn:aws:appflow:{region}:{ACCOUNT}:connectorprofile/{name}")
        self.assertEqual(row["connector_label"], label)
        self.assertEqual(row["connector_profile_name"], name)
        self.assertIsNone(row["kms_arn"])  # write-only: never read back, as on AWS
        self.assertEqual(row["connector_type"], connector_type)
        self.assertEqual(row["connection_mode"], mode)
        self.assertIsNone(row["connector_profile_config"])  # write-only: never read back, as on AWS
        self.assertRegex(
            row["credentials_arn"],
            rf"^arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:appflow!{ACCOUNT}-{re.escape(name)}-\d+-[A-Za-z0-9]{{6}}$",
        )


class StackqlSeedTest(SeedTestBase):
    """Default ccemu (service validation on)."""

    def test_go_json_reproduces_stackql_body_bytes(self):
        # README §2.2 shows the exact body StackQL sends for the required-properties INSERT.
        columns = {"ConnectorProfileName": "my-profile", "ConnectorType": "Salesforce", "ConnectionMode": "Public"}
        body = {"DesiredState": go_json(columns), "TypeName": TYPE_NAME}
        self.assertEqual(
            go_json(body),
            '{"DesiredState":"{\\"ConnectionMode\\":\\"Public\\",\\"ConnectorProfileName\\":\\"my-profile\\",'
            '\\"ConnectorType\\":\\"Salesforce\\"}","TypeName":"AWS::AppFlow::ConnectorProfile"}',
        )
        self.assertEqual(go_json({"a": "<&>"}), '{"a":"\\u003c\\u0026\\u003e"}')

    def test_insert_all_properties(self):
        reply = self.wire.insert(all_properties("dd-all"))
        self.assertIn(b"\\\\u0026", reply.sent)  # Go escaping inside the DesiredState string reached the wire
        event = self.assertEvent(reply, "CREATE", "dd-all")  # [I] Identifier in the first event (spec §3.1)
        self.assertRegex(event["RequestToken"], UUID)
        self.assertIsInstance(event["EventTime"], (int, float))
        status = self.terminal_status(event)
        self.assertEqual(status["OperationStatus"], "SUCCESS", status)
        self.assertEqual(status["Operation"], "CREATE")

    def test_insert_required_properties_only_fails_service_validation(self):
        # [I] AppFlow's CreateConnectorProfile requires connectorProfileConfig; reported as async FAILED InvalidRequest.
        columns = {"ConnectorProfileName": "my-profile", "ConnectorType": "Salesforce", "ConnectionMode": "Public"}
        reply = self.wire.insert(columns)
        self.assertEqual(
            reply.sent,
            b'{"DesiredState":"{\\"ConnectionMode\\":\\"Public\\",\\"ConnectorProfileName\\":\\"my-profile\\",'
            b'\\"ConnectorType\\":\\"Salesforce\\"}","TypeName":"AWS::AppFlow::ConnectorProfile"}',
        )
        event = self.assertEvent(reply, "CREATE", "my-profile")  # StackQL: "despatched successfully"
        status = self.terminal_status(event)
        self.assertEqual(status["OperationStatus"], "FAILED")
        self.assertEqual(status["ErrorCode"], "InvalidRequest")
        self.assertTrue(status["StatusMessage"].startswith("Invalid request provided: "), status["StatusMessage"])
        self.assertIn("connectorProfileConfig", status["StatusMessage"])
        reply, rows = self.wire.select_by_identifier("my-profile")
        self.assertNotFound(reply, "my-profile")
        self.assertEqual(rows, [])

    def test_insert_verbatim_seed_manifest_is_rejected(self):
        # [I] the registry-docs manifest fills every connector block with nulls/placeholders (README §2.2);
        # unset template variables render as "". Schema validation must refuse it synchronously.
        config = {
            "ConnectorProfileProperties": {
                "Datadog": {"InstanceUrl": ""},
                "Dynatrace": {"InstanceUrl": None},
                "Salesforce": {"InstanceUrl": None, "isSandboxEnvironment": "", "usePrivateLinkForMetadataAndAuthorization": ""},
                "Snowflake": {"Warehouse": "", "Stage": "", "BucketName": None, "BucketPrefix": None,
                              "PrivateLinkServiceName": None, "AccountName": "", "Region": ""},
            },
            "ConnectorProfileCredentials": {
                "Datadog": {"ApiKey": None, "ApplicationKey": ""},
                "Singular": {"ApiKey": None},
                "Trendmicro": {"ApiSecretKey": ""},
            },
        }
        columns = dict(all_properties("seed-verbatim"), ConnectorLabel="", KMSArn="", ConnectorProfileConfig=config)
        reply = self.wire.insert(columns)
        self.assertWire(reply, 400)
        self.assertEqual(reply.error_name, "ValidationException")
        self.assertTrue(reply.body["Message"].startswith("Model validation failed ("), reply.body["Message"])
        self.assertNotFound(self.wire.get("seed-verbatim"), "seed-verbatim")

    def test_select_by_identifier(self):
        self.create_datadog("dd-one")
        self.wire.log.clear()
        reply, rows = self.wire.select_by_identifier("dd-one")
        self.assertEqual(self.wire.log, [("GetResource", 200)])
        self.assertWire(reply, 200)
        self.assertEqual(reply.body["TypeName"], TYPE_NAME)
        self.assertEqual(reply.body["ResourceDescription"]["Identifier"], "dd-one")
        self.assertIsInstance(reply.body["ResourceDescription"]["Properties"], str)  # JSON text for JSON_EXTRACT
        self.assertEqual(len(rows), 1)
        self.assertSeedRow(rows[0], "dd-one")

    def test_select_region_wide(self):
        names = ["dd-a", "dd-b", "dd-c"]
        for name in names:
            self.create_datadog(name)
        self.create_datadog("dd-elsewhere", region="eu-west-1")
        self.wire.log.clear()
        pages, rows = self.wire.select_region()
        self.assertEqual(len(pages), 1)  # [I] default page holds 100, NextToken omitted on the last page
        self.assertWire(pages[0], 200)
        self.assertNotIn("NextToken", pages[0].body)
        self.assertEqual(pages[0].body["TypeName"], TYPE_NAME)
        # [I] ListResources returns the GetResource view; the _list_only view needs ConnectorProfileName in it.
        for description in pages[0].body["ResourceDescriptions"]:
            self.assertEqual(json_extract(description["Properties"], "ConnectorProfileName"), description["Identifier"])
        self.assertEqual(self.wire.log[0], ("ListResources", 200))
        self.assertEqual(sorted(self.wire.log[1:]), [("GetResource", 200)] * 3)
        self.assertEqual(sorted(r["connector_profile_name"] for r in rows), names)  # eu-west-1 is not listed
        for row in rows:
            self.assertSeedRow(row, row["connector_profile_name"])
        _, rows = self.wire.select_region("eu-west-1")
        self.assertEqual([r["connector_profile_name"] for r in rows], ["dd-elsewhere"])
        self.assertSeedRow(rows[0], "dd-elsewhere", region="eu-west-1")

    def test_select_region_wide_follows_next_token_in_body(self):
        # As with `--http.response.maxResults 2`: MaxResults and NextToken both travel in the body.
        names = [f"dd-page-{i}" for i in range(5)]
        for name in names:
            self.create_datadog(name)
        pages, rows = self.wire.select_region(max_results=2)
        self.assertEqual([len(p.body["ResourceDescriptions"]) for p in pages], [2, 2, 1])
        tokens = [p.body.get("NextToken") for p in pages]
        self.assertIsNone(tokens[-1])
        self.assertEqual(len(set(tokens[:-1])), 2)  # never the same token twice
        self.assertIn(b'"NextToken":', pages[1].sent)
        self.assertEqual(sorted(r["connector_profile_name"] for r in rows), names)

    def test_delete(self):
        self.create_datadog("dd-del")
        reply = self.wire.delete("dd-del")
        self.assertEqual(reply.sent, b'{"Identifier":"dd-del","TypeName":"AWS::AppFlow::ConnectorProfile"}')
        self.assertEvent(reply, "DELETE", "dd-del")
        reply, rows = self.wire.select_by_identifier("dd-del")
        self.assertNotFound(reply, "dd-del")
        self.assertEqual(rows, [])  # StackQL: zero rows, COUNT(*) = 0

    def test_update_with_generate_patch_document(self):
        self.create_datadog("dd-upd")
        # stackql-deploy's filter: json.dumps of add ops, sent verbatim through string('…').
        patch = json.dumps([{"op": "add", "path": "/ConnectionMode", "value": "Private"}])
        reply = self.wire.update("dd-upd", patch)
        self.assertEqual(
            reply.sent,
            b'{"Identifier":"dd-upd","PatchDocument":"[{\\"op\\": \\"add\\", \\"path\\": \\"/ConnectionMode\\", '
            b'\\"value\\": \\"Private\\"}]","TypeName":"AWS::AppFlow::ConnectorProfile"}',
        )
        self.assertEvent(reply, "UPDATE", "dd-upd")
        _, rows = self.wire.select_by_identifier("dd-upd")
        self.assertSeedRow(rows[0], "dd-upd", mode="Private")
        # The README §2.5 compact form, as typed by hand in an UPDATE statement.
        reply = self.wire.update("dd-upd", '[{"op":"add","path":"/ConnectionMode","value":"Public"}]')
        self.assertEvent(reply, "UPDATE", "dd-upd")
        self.assertEqual(self.wire.select_by_identifier("dd-upd")[1][0]["connection_mode"], "Public")

    def test_update_create_only_properties_at_current_value_accepted(self):
        # [I] spec §8 q7: only a changed create-only value is refused.
        self.create_datadog("dd-same")
        credentials_arn = self.wire.select_by_identifier("dd-same")[1][0]["credentials_arn"]
        patch = json.dumps(
            [
                {"op": "add", "path": "/ConnectorProfileName", "value": "dd-same"},
                {"op": "add", "path": "/ConnectorType", "value": "Datadog"},
                {"op": "add", "path": "/ConnectorLabel", "value": "datadog-label"},
                {"op": "add", "path": "/ConnectionMode", "value": "Private"},
            ]
        )
        event = self.assertEvent(self.wire.update("dd-same", patch), "UPDATE", "dd-same")
        self.assertEqual(self.terminal_status(event)["OperationStatus"], "SUCCESS")
        row = self.wire.select_by_identifier("dd-same")[1][0]
        self.assertSeedRow(row, "dd-same", mode="Private")
        self.assertEqual(row["credentials_arn"], credentials_arn)
        # A changed create-only value is refused at once (README §2.5).
        reply = self.wire.update("dd-same", json.dumps([{"op": "add", "path": "/ConnectorType", "value": "Salesforce"}]))
        self.assertWire(reply, 400)
        self.assertEqual(reply.error_name, "NotUpdatableException")
        self.assertIn("/properties/ConnectorType", reply.body["Message"])

    def test_templated_region_literal_rejected(self):
        # stackql-deploy 1.9.x keeps '{{ vars.AWS_REGION }}' unrendered and signs with it (README §5.1).
        # [I] the error name and text are ccemu's choice (decisions: InvalidSignatureException).
        literal = "{{ vars.AWS_REGION }}"
        for reply in (self.wire.get("dd-x", region=literal), self.wire.insert(all_properties("dd-x"), region=literal)):
            self.assertWire(reply, 400)
            self.assertEqual(reply.body["__type"], "com.amazonaws.cloudcontrol#InvalidSignatureException")
            self.assertEqual(reply.body["Message"], f"Credential should be scoped to a valid region, not '{literal}'.")
        self.assertNotFound(self.wire.get("dd-x"), "dd-x")  # nothing was created anywhere

    # stackql-deploy 1.x (Python 1.9.2) command sequences, README §5.3

    def test_deploy_fresh_build(self):
        stack = SeedStack(self.wire, "dd-stack")
        self.assertEqual(stack.build(), "created")
        self.assertEqual(
            self.wire.log,
            [("GetResource", 400), ("GetResource", 400), ("GetResource", 400), ("CreateResource", 200), ("GetResource", 200)],
        )
        self.assertSeedRow(self.wire.select_by_identifier("dd-stack")[1][0], "dd-stack")

    def test_deploy_rebuild_without_drift(self):
        stack = SeedStack(self.wire, "dd-stack")
        self.assertEqual(stack.build(), "created")
        self.wire.log.clear()
        self.assertEqual(stack.build(), "validated")
        self.assertEqual(self.wire.log, [("GetResource", 200)])

    def test_deploy_test(self):
        stack = SeedStack(self.wire, "dd-stack", mode="Private")
        self.assertEqual(stack.build(), "created")
        self.wire.log.clear()
        exports = stack.test()
        self.assertEqual(self.wire.log, [("GetResource", 200), ("GetResource", 200)])
        self.assertEqual(len(exports), 1)
        self.assertEqual(
            exports[0]["connector_profile_arn"], f"arn:aws:appflow:{REGION}:{ACCOUNT}:connectorprofile/dd-stack"
        )
        self.assertTrue(exports[0]["credentials_arn"].startswith(f"arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:"))

    def test_deploy_teardown(self):
        stack = SeedStack(self.wire, "dd-stack")
        self.assertEqual(stack.build(), "created")
        self.wire.log.clear()
        self.assertEqual(stack.teardown(), "deleted")
        self.assertEqual(
            self.wire.log, [("GetResource", 200), ("GetResource", 200), ("DeleteResource", 200), ("GetResource", 400)]
        )
        self.assertNotFound(self.wire.get("dd-stack"), "dd-stack")
        _, rows = self.wire.select_region()
        self.assertEqual(rows, [])
        self.wire.log.clear()
        self.assertEqual(stack.teardown(), "absent")  # a second teardown finds nothing to delete
        self.assertEqual(self.wire.log, [("GetResource", 400), ("GetResource", 400)])


class StackqlSeedSchemaValidationTest(SeedTestBase):
    """ccemu --validation schema: AppFlow's own rules are off, so the required-only INSERT succeeds."""

    server_args = ("--validation", "schema")

    def test_insert_required_properties_only_succeeds(self):
        columns = {"ConnectorProfileName": "my-profile", "ConnectorType": "Salesforce", "ConnectionMode": "Public"}
        event = self.assertEvent(self.wire.insert(columns), "CREATE", "my-profile")
        status = self.terminal_status(event)
        self.assertEqual(status["OperationStatus"], "SUCCESS", status)
        _, rows = self.wire.select_by_identifier("my-profile")
        self.assertEqual(len(rows), 1)
        self.assertSeedRow(rows[0], "my-profile", label=None, connector_type="Salesforce")


if __name__ == "__main__":
    unittest.main()
