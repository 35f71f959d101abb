"""The dashboard (README "Dashboard") in Debian's headless Chromium against a real ccemu: what boto3
creates is found in the page, with its model masked and its history; a fault rule added in the page
reaches boto3; Reset in the page empties the store; every view passes axe-core (no serious or critical
violations) and every control is reachable with the Tab key. A PNG of every view is saved in
CCEMU_BROWSER_OUTPUT (the build folder's browser-output/), with the time the Resources view of a type
with 100,000 resources took to show its first page (timings are reported, never asserted:
tests/bench/bench.py has the row)."""

import json
import os
import sys
import unittest
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "clients", "python")))

import boto3_support  # noqa: E402
from boto3_support import TYPE_NAME, ClientError, CcemuServer, salesforce_model  # noqa: E402
from botocore.config import Config  # noqa: E402
from dashboard_browser import (BULK_TYPE, Browser, axe_violations, chromium_missing, first_page_seconds,  # noqa: E402
                               load_bulk_resources)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

OUTPUT = os.environ.get("CCEMU_BROWSER_OUTPUT") or os.path.join(HERE, "output")
VIEWS = ("overview", "types?q=S3::Bucket&name=AWS::S3::Bucket", f"resources?type={TYPE_NAME}", "requests",
         "faults", "actions")
# A secret of salesforce_model(): ConnectorProfileConfig is write-only, so the page never receives it.
SECRET = "secret-access-token"


def setUpModule():
    missing = chromium_missing()
    if missing:
        raise unittest.SkipTest(missing)
    boto3_support.isolate_environment()
    os.makedirs(OUTPUT, exist_ok=True)


def tearDownModule():
    boto3_support.restore_environment()


class DashboardTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = CcemuServer()
        cls.server.start()
        cls.browser = Browser()

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.server.stop()

    def setUp(self):
        self.admin("POST", "/_ccemu/reset")
        self.admin("DELETE", "/_ccemu/faults")
        # One attempt: an injected ThrottlingException reaches the test instead of boto3's retries.
        self.cc = boto3_support.boto3.session.Session().client(
            "cloudcontrol", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
            endpoint_url=self.server.url, config=Config(retries={"mode": "standard", "max_attempts": 1}))

    def admin(self, method, path, body=None):
        request = urllib.request.Request(self.server.url + path, method=method,
                                         data=None if body is None else json.dumps(body).encode())
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def create(self, name):
        token = self.cc.create_resource(TypeName=TYPE_NAME, DesiredState=json.dumps(salesforce_model(name)))
        token = token["ProgressEvent"]["RequestToken"]
        self.assertEqual(self.cc.get_resource_request_status(RequestToken=token)["ProgressEvent"]["OperationStatus"],
                         "SUCCESS")

    def show(self, route):
        self.browser.show(self.server.url, route)

    def screenshot(self, name):
        """The whole page as a PNG: the window grows to the page's height for the shot."""
        driver = self.browser.driver
        width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
        page_height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, max(height, min(page_height + 100, 4000)))
        driver.save_screenshot(os.path.join(OUTPUT, f"{name}.png"))
        driver.set_window_size(width, height)

    def page_text(self):
        return self.browser.driver.find_element(By.TAG_NAME, "body").text

    def test_resources_made_by_boto3_are_found_with_a_masked_model_and_history(self):
        for name in ("alpha", "bravo", "charlie"):
            self.create(name)
        self.show(f"resources?type={TYPE_NAME}")
        for name in ("alpha", "bravo", "charlie"):
            self.browser.find(f'button[data-identifier="{name}"]')
        self.browser.find('button[data-identifier="bravo"]').click()
        model = json.loads(self.browser.find("#resource-model").text)
        got = self.cc.get_resource(TypeName=TYPE_NAME, Identifier="bravo")["ResourceDescription"]["Properties"]
        self.assertEqual(model, json.loads(got))  # as GetResource shows it
        self.assertNotIn("ConnectorProfileConfig", model)
        self.assertNotIn(SECRET, self.browser.driver.page_source)
        history = self.browser.find("#resource-detail table").text
        self.assertIn("CREATE", history)
        self.assertIn("SUCCESS", history)
        self.screenshot("resources")

    def test_a_fault_added_in_the_page_reaches_boto3_and_is_removed_there(self):
        self.create("faulty")
        self.show("faults")
        rule = self.browser.find("#fault-rule")
        rule.clear()
        rule.send_keys(json.dumps({"operation": "GetResource", "type_name": TYPE_NAME,
                                   "error": {"code": "ThrottlingException", "message": "Slow down, from the page"}}))
        self.browser.find("#add-fault").click()
        self.browser.wait(lambda d: "Remove rule" in (d.find_element(By.TAG_NAME, "main").get_attribute("innerHTML")))
        with self.assertRaises(ClientError) as caught:
            self.cc.get_resource(TypeName=TYPE_NAME, Identifier="faulty")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ThrottlingException")
        self.assertEqual(caught.exception.response["Error"]["Message"], "Slow down, from the page")
        self.screenshot("faults")
        self.browser.find('button[aria-label^="Remove rule"]').click()
        self.browser.wait(lambda d: "No fault rules in force." in self.page_text())
        self.assertEqual(self.admin("GET", "/_ccemu/faults"), {"rules": []})
        self.cc.get_resource(TypeName=TYPE_NAME, Identifier="faulty")

    def test_an_invalid_rule_is_refused_in_the_page(self):
        self.show("faults")
        rule = self.browser.find("#fault-rule")
        rule.clear()
        rule.send_keys('{"operation": "GetResource"}')
        self.browser.find("#add-fault").click()
        alert = self.browser.find("#fault-feedback [role=alert]")
        self.assertTrue(alert.text, "the server's message is shown")
        self.assertEqual(self.admin("GET", "/_ccemu/faults"), {"rules": []})

    def test_reset_in_the_page_empties_the_store_after_confirmation(self):
        self.create("doomed")
        self.show("actions")
        self.browser.find("#reset").click()
        self.browser.wait(lambda d: d.switch_to.alert).dismiss()
        self.assertEqual(len(self.cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"]), 1)
        self.browser.find("#reset").click()
        self.browser.wait(lambda d: d.switch_to.alert).accept()
        self.browser.wait(lambda d: "the store is empty" in self.page_text())
        self.assertEqual(self.cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"], [])
        self.assertEqual(self.admin("GET", "/_ccemu/state")["resources"], {})
        self.screenshot("actions")

    def test_a_dump_loaded_in_the_page_replaces_the_store(self):
        self.create("before")
        self.show("actions")
        self.assertEqual(self.browser.find("#download").get_attribute("href"), self.server.url + "/_ccemu/state")
        dump = {"format": "ccemu-state", "version": 1, "resources": {"123456789012": {"us-east-1": {
            BULK_TYPE: {"loaded-group": {"LogGroupName": "loaded-group"}}}}}}
        path = os.path.join(OUTPUT, "dump-to-load.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(dump, f)
        self.browser.find("#dump-file").send_keys(path)
        self.browser.find("#load").click()
        self.browser.wait(lambda d: "Loaded." in self.page_text())
        self.assertEqual(self.cc.list_resources(TypeName=TYPE_NAME)["ResourceDescriptions"], [])
        got = self.cc.get_resource(TypeName=BULK_TYPE, Identifier="loaded-group")["ResourceDescription"]
        self.assertEqual(json.loads(got["Properties"])["LogGroupName"], "loaded-group")

    def test_every_view_renders_passes_axe_and_is_keyboard_reachable(self):
        self.create("shown")
        # A request that ends FAILED NotFound, so the Requests view shows one.
        token = self.cc.delete_resource(TypeName=TYPE_NAME, Identifier="nothing-here")["ProgressEvent"]["RequestToken"]
        self.cc.get_resource_request_status(RequestToken=token)
        appflow = boto3_support.boto3.session.Session().client(
            "appflow", region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test",
            endpoint_url=self.server.url)
        appflow.describe_connector_profiles(connectorProfileNames=["shown"])
        self.admin("POST", "/_ccemu/faults", {"operation": "CancelResourceRequest",
                                              "error": {"code": "ThrottlingException"}, "times": 3})
        for route in VIEWS:
            name = route.split("?")[0]
            with self.subTest(view=name):
                self.show(route)
                if name == "resources":
                    self.browser.find('button[data-identifier="shown"]').click()
                    self.browser.find("#resource-model")
                if name == "requests":
                    self.browser.find("#request-list table")
                    self.browser.find("#call-list table")
                    self.assertIn("NotFound", self.page_text())
                    self.assertIn("DescribeConnectorProfiles", self.browser.find("#call-list").text)
                if name == "types":
                    self.browser.find("#type-title")
                    self.assertIn("/BucketName", self.page_text())
                self.screenshot(name)
                serious = axe_violations(self.browser)
                self.assertEqual([(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in serious], [])
                self.assertKeyboardReachable()

    def assertKeyboardReachable(self):
        """Tab from the top of the page reaches every enabled control of the view."""
        driver = self.browser.driver
        count = driver.execute_script(
            "const all = [...document.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]),"
            " select, textarea, [tabindex]:not([tabindex=\"-1\"])')].filter(e => e.getClientRects().length);"
            "all.forEach((e, i) => e.dataset.control = i); document.activeElement.blur(); return all.length;")
        reached = set()
        actions = ActionChains(driver)
        for _ in range(count + 5):
            actions.send_keys(Keys.TAB).perform()
            marker = driver.execute_script("return document.activeElement.dataset.control")
            if marker is not None:
                reached.add(int(marker))
        missing = driver.execute_script(
            "return arguments[0].map(i => document.querySelector(`[data-control=\"${i}\"]`).outerHTML.slice(0, 120))",
            sorted(set(range(count)) - reached))
        self.assertEqual(missing, [])

    def test_resources_view_of_a_type_with_100000_resources(self):
        load_bulk_resources(self.server.url, 100_000)
        seconds = first_page_seconds(self.browser, self.server.url)
        rows = self.browser.driver.find_elements(By.CSS_SELECTOR, "button[data-identifier]")
        self.assertEqual(len(rows), 50)
        self.browser.find("button.secondary:not([disabled])")  # Next page
        with open(os.path.join(OUTPUT, "timings.json"), "w", encoding="utf-8") as f:
            json.dump({"resources_first_page_ms_100000": round(seconds * 1000, 1)}, f)
        print(f"\nResources view of {BULK_TYPE} with 100,000 stored: first page in {seconds * 1000:.0f} ms",
              file=sys.stderr)


if __name__ == "__main__":
    unittest.main()
