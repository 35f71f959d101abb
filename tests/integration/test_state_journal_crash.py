"""The journal beside --state-file under kill -9 (README "State and snapshots"): every acknowledged change
survives, with --state-sync always and with batch (only ccemu dies here), and a change in flight is whole or
absent. Labelled slow (tests/CMakeLists.txt): 50 restarts with 16 writers each."""

import json
import os
import random
import signal
import threading
import time
import unittest

from ccemu_server import TYPE_NAME, salesforce_model
from test_state_journal import JournalTestCase, appflow, appflow_profile, appflow_update, profiles


class CrashTest(JournalTestCase):
    """16 connections create, update and delete through Cloud Control and AppFlow; kill -9 lands at a
    random moment, 50 times. After each restart every acknowledged change is there, and the change in
    flight at the kill is either whole or absent."""

    ROUNDS = 50
    CONNECTIONS = 16

    def worker(self, server, rng, owned, outcome, stop, prefix):
        """Changes its own profiles until the server dies; `owned` maps name -> ConnectionMode (None:
        deleted). outcome["in_flight"] is (name, before, after) of a change sent but not answered."""
        sequence = 0
        while not stop.is_set():
            live = [n for n, mode in owned.items() if mode is not None]
            choice = rng.random()
            cloud_control = rng.random() < 0.5
            if not live or choice < 0.4:
                name, before, after = f"{prefix}-{sequence}", None, "Public"
                sequence += 1
            elif choice < 0.75:
                name = rng.choice(live)
                before = owned[name]
                after = "Private" if before == "Public" else "Public"
            else:
                name = rng.choice(live)
                before, after = owned[name], None
            outcome["in_flight"] = (name, before, after)
            try:
                if before is None:
                    status = (self.api("CreateResource", {"TypeName": TYPE_NAME,
                                                          "DesiredState": json.dumps(salesforce_model(name))},
                                       server=server)[0] if cloud_control
                              else appflow(server, "/create-connector-profile", appflow_profile(name))[0])
                elif after is not None:
                    patch = json.dumps([{"op": "replace", "path": "/ConnectionMode", "value": after}])
                    status = (self.api("UpdateResource", {"TypeName": TYPE_NAME, "Identifier": name,
                                                          "PatchDocument": patch}, server=server)[0]
                              if cloud_control
                              else appflow(server, "/update-connector-profile", appflow_update(name, after))[0])
                else:
                    status = (self.api("DeleteResource", {"TypeName": TYPE_NAME, "Identifier": name},
                                       server=server)[0] if cloud_control
                              else appflow(server, "/delete-connector-profile", {"connectorProfileName": name})[0])
            except Exception:  # the kill cut the connection: the change is in flight
                return
            if status != 200:
                outcome["error"] = (name, before, after, status)
                return
            owned[name] = after
            outcome["in_flight"] = None
            outcome["acknowledged"] += 1

    def check_round(self, server, round_number, owned_by_worker, outcomes):
        found = profiles(server)
        expected_names = set()
        for owned, outcome in zip(owned_by_worker, outcomes):
            self.assertNotIn("error", outcome, f"round {round_number}: a change was refused")
            in_flight = outcome.get("in_flight")
            for name, mode in owned.items():
                expected_names.add(name)
                if in_flight and in_flight[0] == name:
                    continue
                self.assertEqual(found.get(name), mode, f"round {round_number}: {name} lost its acknowledged change")
            if in_flight:
                name, before, after = in_flight
                expected_names.add(name)
                self.assertIn(found.get(name), (before, after), f"round {round_number}: {name} half-applied")
                owned[name] = found.get(name)  # what the server really did
        self.assertEqual(set(found) - expected_names, set(), f"round {round_number}: changes nobody sent")

    def test_every_acknowledged_change_survives_kill_minus_nine(self):
        rng = random.Random(20261204)
        owned_by_worker = [{} for _ in range(self.CONNECTIONS)]
        server = None
        for round_number in range(self.ROUNDS):
            mode = "always" if round_number % 2 == 0 else "batch"
            server = self.start("--state-sync", mode)
            if round_number > 0:
                self.check_round(server, round_number - 1, owned_by_worker, outcomes)
            outcomes = [{"acknowledged": 0, "in_flight": None} for _ in range(self.CONNECTIONS)]
            stop = threading.Event()
            threads = [threading.Thread(target=self.worker,
                                        args=(server, random.Random(rng.random()), owned_by_worker[i], outcomes[i],
                                              stop, f"r{round_number}w{i}"))
                       for i in range(self.CONNECTIONS)]
            for thread in threads:
                thread.start()
            kill_after = rng.randint(1, 120)
            deadline = time.monotonic() + 20
            while sum(o["acknowledged"] for o in outcomes) < kill_after and time.monotonic() < deadline:
                if not any(t.is_alive() for t in threads):
                    break
                time.sleep(0.001)
            os.kill(server.proc.pid, signal.SIGKILL)
            server.proc.wait(timeout=10)
            stop.set()
            for thread in threads:
                thread.join(timeout=30)
            server.stop()
        server = self.start()
        self.check_round(server, self.ROUNDS - 1, owned_by_worker, outcomes)
        self.assertGreater(sum(1 for owned in owned_by_worker for mode in owned.values() if mode), 0)



if __name__ == "__main__":
    unittest.main()
