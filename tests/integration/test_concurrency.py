"""Concurrency (issue 6): 16 client threads x 1000 mixed operations on overlapping identifiers.

Afterwards the server's own request order (ListResourceRequests, newest first) must explain every
outcome: replaying it as a state machine per identifier gives exactly the resources ListResources
shows, every RequestToken's final event agrees with it, and the server still answers health.
Set CCEMU_CONCURRENCY_OPS to change the operations per thread.
"""

import http.client
import json
import os
import random
import threading
import unittest

from ccemu_server import TYPE_NAME, CcemuServer, salesforce_model

THREADS = 16
OPS_PER_THREAD = int(os.environ.get("CCEMU_CONCURRENCY_OPS", "1000"))
NAMES = [f"shared-{i}" for i in range(24)]


class Client:
    """One keep-alive connection, as an SDK keeps it."""

    def __init__(self, server):
        self.conn = http.client.HTTPConnection(server.host, server.port, timeout=60)

    def call(self, operation, body):
        self.conn.request("POST", "/", json.dumps(body), {
            "X-Amz-Target": f"CloudApiService.{operation}",
            "Content-Type": "application/x-amz-json-1.0",
        })
        response = self.conn.getresponse()
        return response.status, json.loads(response.read())


def worker(server, seed, tokens, errors):
    rng = random.Random(seed)
    client = Client(server)
    for _ in range(OPS_PER_THREAD):
        name = rng.choice(NAMES)
        kind = rng.choice(["create", "create", "update", "delete", "get", "list", "status"])
        if kind == "create":
            status, body = client.call("CreateResource", {
                "TypeName": TYPE_NAME, "DesiredState": json.dumps(salesforce_model(name))})
        elif kind == "update":
            mode = rng.choice(["Public", "Private"])
            status, body = client.call("UpdateResource", {
                "TypeName": TYPE_NAME, "Identifier": name,
                "PatchDocument": json.dumps([{"op": "replace", "path": "/ConnectionMode", "value": mode}])})
        elif kind == "delete":
            status, body = client.call("DeleteResource", {"TypeName": TYPE_NAME, "Identifier": name})
        elif kind == "get":
            status, body = client.call("GetResource", {"TypeName": TYPE_NAME, "Identifier": name})
            if status not in (200, 400):
                errors.append((kind, status, body))
            continue
        elif kind == "list":
            status, body = client.call("ListResources", {"TypeName": TYPE_NAME})
            if status != 200:
                errors.append((kind, status, body))
            continue
        else:
            if tokens:
                token = rng.choice(tokens)
                status, body = client.call("GetResourceRequestStatus", {"RequestToken": token})
                if status != 200:
                    errors.append((kind, status, body))
            continue
        if status == 200:
            tokens.append(body["ProgressEvent"]["RequestToken"])
        elif not (kind == "update" and status == 400):
            errors.append((kind, status, body))


class ConcurrencyTest(unittest.TestCase):
    def test_sixteen_clients_leave_a_state_the_request_order_explains(self):
        with CcemuServer() as server:
            tokens, errors = [], []
            threads = [threading.Thread(target=worker, args=(server, seed, tokens, errors))
                       for seed in range(THREADS)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            self.assertEqual(errors, [])

            client = Client(server)
            # The server's own order of requests, oldest first.
            history, next_token = [], None
            while True:
                body = {"MaxResults": 100}
                if next_token:
                    body["NextToken"] = next_token
                status, page = client.call("ListResourceRequests", body)
                self.assertEqual(status, 200)
                history.extend(page["ResourceRequestStatusSummaries"])
                next_token = page.get("NextToken")
                if not next_token:
                    break
            history.reverse()
            self.assertEqual(sorted(e["RequestToken"] for e in history), sorted(tokens))

            # Replay the history as a state machine per identifier.
            exists = set()
            for event in history:
                name, op, outcome = event["Identifier"], event["Operation"], event["OperationStatus"]
                if op == "CREATE":
                    expected = "FAILED" if name in exists else "SUCCESS"
                    if outcome == "SUCCESS":
                        exists.add(name)
                    else:
                        self.assertEqual(event.get("ErrorCode"), "AlreadyExists", event)
                elif op == "DELETE":
                    expected = "SUCCESS" if name in exists else "FAILED"
                    if outcome == "SUCCESS":
                        exists.discard(name)
                    else:
                        self.assertEqual(event.get("ErrorCode"), "NotFound", event)
                else:
                    expected = "SUCCESS"  # updates of missing resources are refused at once
                    self.assertIn(name, exists, event)
                self.assertEqual(outcome, expected, event)

            listed, next_token = [], None
            while True:
                body = {"TypeName": TYPE_NAME, "MaxResults": 7}
                if next_token:
                    body["NextToken"] = next_token
                status, page = client.call("ListResources", body)
                self.assertEqual(status, 200)
                listed.extend(d["Identifier"] for d in page["ResourceDescriptions"])
                next_token = page.get("NextToken")
                if not next_token:
                    break
            self.assertEqual(sorted(listed), sorted(exists))
            self.assertEqual(len(listed), len(set(listed)))

            # Every token's own status call agrees with the history.
            final = {e["RequestToken"]: e["OperationStatus"] for e in history}
            for token in tokens[:: max(1, len(tokens) // 500)]:
                status, body = client.call("GetResourceRequestStatus", {"RequestToken": token})
                self.assertEqual(status, 200)
                self.assertEqual(body["ProgressEvent"]["OperationStatus"], final[token])

            status, health = server.health()
            self.assertEqual((status, health["status"]), (200, "ok"))


if __name__ == "__main__":
    unittest.main()
