"""A web page the user visits cannot change ccemu (README "Dashboard": cross-site safety).

Browsers send an Origin header on every POST, PUT and DELETE and a Sec-Fetch-Site header on every
request (Fetch standard, "append a request `Origin` header"; W3C Fetch Metadata), and a hidden form or
a text/plain fetch on another site reaches 127.0.0.1 without a CORS preflight. A DNS-rebound name makes
the page's own origin resolve to ccemu, so Origin and Host agree but name another host. Each such
request is refused on every state-changing admin route, and nothing changes; clients that send no
Origin (curl, the SDKs, a service alias such as http://ccemu:4566) keep working."""

import json
import subprocess
import unittest

from ccemu_server import CcemuServer, ServerTestCase, salesforce_model

FAULT = {"operation": "CancelResourceRequest", "error": {"code": "ThrottlingException"}}


class CrossSiteRefusalTest(ServerTestCase):

    def setUp(self):
        self.server.raw("DELETE", "/_ccemu/faults")
        self.server.raw("POST", "/_ccemu/reset")
        self.create_ok(salesforce_model("kept"))
        status, _, _ = self.server.raw("POST", "/_ccemu/faults", json.dumps(FAULT))
        self.assertEqual(status, 200)

    def routes(self):
        """Every state-changing admin route with a body it would accept."""
        dump = self.server.raw("GET", "/_ccemu/state")[2]
        rule_id = json.loads(self.server.raw("GET", "/_ccemu/faults")[2])["rules"][0]["id"]
        return [("POST", "/_ccemu/reset", b"x=1"),
                ("PUT", "/_ccemu/state", dump),
                ("POST", "/_ccemu/faults", json.dumps(FAULT).encode()),
                ("DELETE", "/_ccemu/faults", b""),
                ("DELETE", f"/_ccemu/faults/{rule_id}", b"")]

    def observed(self):
        state = json.loads(self.server.raw("GET", "/_ccemu/state")[2])
        rules = json.loads(self.server.raw("GET", "/_ccemu/faults")[2])["rules"]
        return state, [rule["id"] for rule in rules]

    def assertRefused(self, headers):
        before = self.observed()
        for method, path, body in self.routes():
            with self.subTest(method=method, path=path):
                status, _, data = self.server.raw(method, path, body, headers)
                self.assertEqual(status, 403, data)
                self.assertIn("Refused", json.loads(data)["message"])
                self.assertEqual(self.observed(), before)

    def test_a_form_post_from_another_site_is_refused(self):
        # What a hidden <form method=post action=http://127.0.0.1:4566/_ccemu/reset> sends.
        self.assertRefused({"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site",
                            "Content-Type": "application/x-www-form-urlencoded"})

    def test_a_text_plain_post_from_another_site_is_refused(self):
        # fetch(url, {method: "POST", mode: "no-cors", body: "..."}): text/plain needs no preflight.
        self.assertRefused({"Origin": "http://evil.example", "Content-Type": "text/plain;charset=UTF-8"})

    def test_an_opaque_origin_is_refused(self):
        # Sandboxed frames and file:// pages send "Origin: null".
        self.assertRefused({"Origin": "null", "Content-Type": "text/plain"})

    def test_a_dns_rebound_request_is_refused(self):
        # evil.example resolved to 127.0.0.1 after the page loaded: Origin and Host agree, the name is
        # not ccemu's.
        rebound = f"evil.example:{self.server.port}"
        self.assertRefused({"Host": rebound, "Origin": f"http://{rebound}", "Content-Type": "text/plain"})

    def test_a_dns_rebound_page_cannot_read_state_either(self):
        rebound = f"evil.example:{self.server.port}"
        for path in ("/_ccemu/state", "/_ccemu/requests", "/_ccemu/ui"):
            with self.subTest(path=path):
                status, _, _ = self.server.raw("GET", path, headers={"Host": rebound, "Sec-Fetch-Site": "same-origin"})
                self.assertEqual(status, 403)

    def test_the_same_origin_is_served(self):
        own = f"127.0.0.1:{self.server.port}"
        status, _, data = self.server.raw("POST", "/_ccemu/faults", json.dumps(FAULT),
                                          {"Host": own, "Origin": f"http://{own}", "Sec-Fetch-Site": "same-origin"})
        self.assertEqual(status, 200, data)
        status, _, _ = self.server.raw("POST", "/_ccemu/reset", b"",
                                       {"Host": f"localhost:{self.server.port}",
                                        "Origin": f"http://localhost:{self.server.port}"})
        self.assertEqual(status, 200)
        self.assertMissing("kept")

    def test_curl_with_a_service_alias_host_still_works(self):
        # A CI job reaching ccemu as http://ccemu:4566 sends that Host and no Origin.
        url = f"http://127.0.0.1:{self.server.port}"
        for args in (["-X", "POST", f"{url}/_ccemu/faults", "-d", json.dumps(FAULT)],
                     ["-X", "POST", f"{url}/_ccemu/reset", "-H", "Content-Type: application/x-www-form-urlencoded",
                      "-d", "x=1"]):
            done = subprocess.run(["curl", "-sS", "--fail-with-body", "-H", "Host: ccemu:4566", *args],
                                  capture_output=True, text=True, timeout=30)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertMissing("kept")


class AllowedHostTest(unittest.TestCase):
    """--allowed-host names a service alias a browser may use, e.g. a dashboard opened in a dev container
    as http://ccemu:4566/_ccemu/ui."""

    def test_a_browser_on_an_allowed_host_is_served_and_others_are_not(self):
        with CcemuServer("--allowed-host", "ccemu") as server:
            alias = f"ccemu:{server.port}"
            status, _, data = server.raw("POST", "/_ccemu/reset", b"", {"Host": alias, "Origin": f"http://{alias}"})
            self.assertEqual(status, 200, data)
            other = f"other:{server.port}"
            status, _, _ = server.raw("POST", "/_ccemu/reset", b"", {"Host": other, "Origin": f"http://{other}"})
            self.assertEqual(status, 403)

    def test_a_bad_allowed_host_stops_start_up(self):
        import os
        done = subprocess.run([os.environ["CCEMU_BINARY"], "--allowed-host", "http://x/"], capture_output=True,
                              text=True, timeout=30)
        self.assertEqual(done.returncode, 2)
        self.assertIn("--allowed-host takes a host name", done.stderr)


if __name__ == "__main__":
    unittest.main()
