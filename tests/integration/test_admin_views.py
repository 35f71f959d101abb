"""The admin JSON views the dashboard reads (README "Dashboard"), and the page's own files: paged on the
server, filtered, never carrying a write-only value; /_ccemu/ leads to the page."""

import json
import unittest
import urllib.parse

from ccemu_server import DEFAULT_ACCOUNT, TYPE_NAME, ServerTestCase, salesforce_model

BULK_TYPE = "AWS::Logs::LogGroup"


class AdminViewsTest(ServerTestCase):

    def setUp(self):
        self.server.raw("POST", "/_ccemu/reset")

    def view(self, path, **query):
        status, headers, data = self.server.raw("GET", path + ("?" + urllib.parse.urlencode(query) if query else ""))
        return status, json.loads(data) if headers.get("content-type") == "application/json" else data

    def load(self, count, region="us-east-1"):
        models = {f"g{i:04d}": {"LogGroupName": f"g{i:04d}"} for i in range(count)}
        dump = {"format": "ccemu-state", "version": 1, "resources": {DEFAULT_ACCOUNT: {region: {BULK_TYPE: models}}}}
        status, _, data = self.server.raw("PUT", "/_ccemu/state", json.dumps(dump))
        self.assertEqual(status, 200, data)

    def test_overview_counts_resources_per_scope_and_says_the_flags(self):
        self.load(3)
        self.create_ok(salesforce_model("p1"))
        status, body = self.view("/_ccemu/overview")
        self.assertEqual(status, 200)
        self.assertEqual(body["resources"], 4)
        self.assertEqual(body["types_served"], 1665)
        self.assertTrue(body["registry"].startswith("registry bundle: 1665 types"), body["registry"])
        self.assertEqual(body["flags"]["progress"], "immediate")
        self.assertEqual(body["flags"]["validation"], "service")
        self.assertGreaterEqual(body["requests_last_minute"], 1)
        self.assertEqual(sorted((s["type"], s["resources"]) for s in body["scopes"]), [(TYPE_NAME, 1), (BULK_TYPE, 3)])

    def test_types_are_searched_and_paged_on_the_server(self):
        status, body = self.view("/_ccemu/types")
        self.assertEqual((status, body["total"], len(body["types"])), (200, 1665, 50))
        everything = self.view("/_ccemu/types", limit=1000)[1]["types"] + self.view("/_ccemu/types", offset=1000,
                                                                                     limit=1000)[1]["types"]
        self.assertEqual(len({t["name"] for t in everything}), 1665)
        found = self.view("/_ccemu/types", q="appflow::connectorPROFILE")[1]
        self.assertEqual(found["total"], 1)
        self.assertEqual(found["types"], [{"name": TYPE_NAME, "resources": 0}])

    def test_a_type_shows_its_property_roles(self):
        status, body = self.view(f"/_ccemu/types/{TYPE_NAME}")
        self.assertEqual(status, 200)
        self.assertEqual(body["primaryIdentifier"], ["/ConnectorProfileName"])
        self.assertIn("/ConnectorProfileConfig", body["writeOnlyProperties"])
        self.assertIn("/ConnectorProfileArn", body["readOnlyProperties"])
        self.assertEqual(body["handlers"], ["create", "read", "update", "delete", "list"])
        self.assertEqual(self.view("/_ccemu/types/AWS::No::Such")[0], 404)

    def test_resources_are_paged_by_identifier(self):
        self.load(120)
        first = self.view("/_ccemu/resources", type=BULK_TYPE)[1]
        self.assertEqual([r["identifier"] for r in first["resources"]], [f"g{i:04d}" for i in range(50)])
        self.assertEqual(first["next"], "g0049")
        last = self.view("/_ccemu/resources", type=BULK_TYPE, after="g0099", limit=50)[1]
        self.assertEqual([r["identifier"] for r in last["resources"]], [f"g{i:04d}" for i in range(100, 120)])
        self.assertIsNone(last["next"])
        self.assertEqual(self.view("/_ccemu/resources", type=BULK_TYPE, region="eu-west-1")[1]["resources"], [])
        self.assertEqual(self.view("/_ccemu/resources", type="AWS::No::Such")[0], 404)

    def test_one_resource_has_its_read_view_and_history_never_a_write_only_value(self):
        self.create_ok(salesforce_model("p1"))
        status, item = self.view("/_ccemu/resources/item", type=TYPE_NAME, identifier="p1")
        self.assertEqual(status, 200)
        self.assertEqual(item["model"], self.props("p1"))
        self.assertNotIn("ConnectorProfileConfig", item["model"])
        self.assertNotIn("secret-access-token", json.dumps(item))
        self.assertNotIn("secret-refresh-token", json.dumps(item))
        self.assertEqual([(e["Operation"], e["OperationStatus"]) for e in item["history"]], [("CREATE", "SUCCESS")])
        self.assertGreater(item["created"], 0)
        self.assertEqual(self.view("/_ccemu/resources/item", type=TYPE_NAME, identifier="nope")[0], 404)

    def test_requests_are_filtered_newest_first_and_paged(self):
        for name in ("a", "b", "c"):
            self.create_ok(salesforce_model(name))
        self.finish(self.delete("missing"), "DELETE", final="FAILED")
        status, body = self.view("/_ccemu/requests", order="newest", limit=2)
        self.assertEqual((status, body["total"], len(body["requests"])), (200, 4, 2))
        self.assertEqual(body["requests"][0]["event"]["Operation"], "DELETE")
        failed = self.view("/_ccemu/requests", status="FAILED")[1]
        self.assertEqual([r["event"]["ErrorCode"] for r in failed["requests"]], ["NotFound"])
        self.assertNotIn("total", failed)
        self.assertEqual(len(self.view("/_ccemu/requests", operation="CREATE", type=TYPE_NAME)[1]["requests"]), 3)

    def test_every_api_call_is_kept_newest_first_with_its_answer(self):
        self.create_ok(salesforce_model("p1"))
        self.get("missing")
        status, body = self.view("/_ccemu/calls", api="cloudcontrol", limit=3)
        self.assertEqual(status, 200)
        newest = body["calls"][0]
        self.assertEqual((newest["operation"], newest["status"], newest["error"], newest["identifier"]),
                         ("GetResource", 404, "ResourceNotFoundException", "missing"))
        self.assertEqual([c["operation"] for c in body["calls"][1:]], ["GetResourceRequestStatus", "CreateResource"])
        errors = self.view("/_ccemu/calls", errors="1")[1]["calls"]
        self.assertTrue(errors and all(c["error"] for c in errors))
        self.assertEqual(self.view("/_ccemu/calls", api="appflow")[1]["calls"], [])

    def test_the_page_is_served_from_the_binary_and_admin_root_leads_there(self):
        for path in ("/_ccemu/", "/_ccemu"):
            status, headers, _ = self.server.raw("GET", path)
            self.assertEqual((status, headers["location"]), (302, "/_ccemu/ui"))
        status, headers, page = self.server.raw("GET", "/_ccemu/ui")
        self.assertEqual(status, 200)
        self.assertEqual(headers["content-type"], "text/html; charset=utf-8")
        self.assertIn("default-src 'self'", headers["content-security-policy"])
        self.assertIn("frame-ancestors 'none'", headers["content-security-policy"])
        # Nothing is fetched from another origin: every script and style is the page's own.
        for name in ("app.js", "dashboard.css", "view-resources.js"):
            status, _, asset = self.server.raw("GET", f"/_ccemu/ui/{name}")
            self.assertEqual(status, 200, name)
            self.assertNotRegex(asset.decode(), r"https?://", name)
        self.assertEqual(self.server.raw("GET", "/_ccemu/ui/nothing.js")[0], 404)


if __name__ == "__main__":
    unittest.main()
