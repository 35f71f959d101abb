"""The admin API as users first type it (README "Admin endpoints"): curl's bodyless POST and DELETE
work, and every admin failure, an unknown /_ccemu/ path included, answers {"message": ...}."""

import json
import socket
import unittest

from ccemu_server import ServerTestCase, salesforce_model


class BodylessAdminRequestTest(ServerTestCase):

    def bare(self, method, path):
        """Sends `method path` with no Content-Length and no body, as `curl -X POST URL` does, on a
        connection kept open (so a server waiting for the body's end would never answer)."""
        with socket.create_connection((self.server.host, self.server.port), timeout=10) as sock:
            sock.sendall(f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode())
            data = b""
            while b"\r\n\r\n" not in data:
                data += sock.recv(65536)
            head, body = data.split(b"\r\n\r\n", 1)
            length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                          if line.lower().startswith(b"content-length:"))
            while len(body) < length:
                body += sock.recv(65536)
            return int(head.split()[1]), json.loads(body)

    def test_reset_without_a_body_resets(self):
        self.create_ok(salesforce_model("gone"))
        self.assertEqual(self.bare("POST", "/_ccemu/reset"), (200, {"status": "reset"}))
        self.assertMissing("gone")

    def test_delete_faults_without_a_body_clears_them(self):
        status, _, _ = self.server.raw("POST", "/_ccemu/faults",
                                       json.dumps({"operation": "GetResource", "error": {"code": "ThrottlingException"}}))
        self.assertEqual(status, 200)
        self.assertEqual(self.bare("DELETE", "/_ccemu/faults"), (200, {"rules": []}))

    def test_post_faults_without_a_body_is_refused_in_the_admin_format(self):
        status, body = self.bare("POST", "/_ccemu/faults")
        self.assertEqual(status, 400)
        self.assertEqual(set(body), {"message"})
        self.assertTrue(body["message"].startswith("Invalid fault rules: "), body)

    def test_unknown_admin_path_answers_in_the_admin_format(self):
        for method in ("GET", "POST", "DELETE"):
            with self.subTest(method=method):
                self.assertEqual(self.bare(method, "/_ccemu/nothing-here"),
                                 (404, {"message": f"No admin endpoint at {method} /_ccemu/nothing-here; "
                                                   "README lists them under \"Admin endpoints\"."}))

    def test_bodyless_post_to_an_unknown_path_is_answered(self):
        status, body = self.bare("POST", "/create-something")
        self.assertEqual(status, 404)
        self.assertEqual(body["__type"], "com.amazonaws.cloudcontrol#UnknownOperationException")


if __name__ == "__main__":
    unittest.main()
