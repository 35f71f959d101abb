// The JS SDK v3's own retries against injected faults (README "Fault injection"): its standard
// strategy (3 attempts) recovers from the next two ThrottlingExceptions, and gives up on a third.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  CreateResourceCommand,
  ListResourcesCommand,
  ThrottlingException,
  waitUntilResourceRequestSuccess,
} from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, salesforceModel, startServer, unexpectedWarnings } from "./ccemu.js";

let server;
let client;

before(async () => {
  server = await startServer();
  client = makeClient(server); // the SDK's defaults: standard retries, 3 attempts
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

async function admin(method, body) {
  const response = await fetch(`${server.endpoint}/_ccemu/faults`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return response.json();
}

beforeEach(async () => {
  await admin("DELETE");
});

test("retries recover from the next two ThrottlingExceptions", async () => {
  await admin("POST", { operation: "CreateResource", error: { code: "ThrottlingException" }, times: 2 });
  const out = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel("jsretry")) }),
  );
  assert.equal(out.$metadata.attempts, 3);
  assert.equal(out.ProgressEvent.OperationStatus, "IN_PROGRESS");
  const waited = await waitUntilResourceRequestSuccess(
    { client, maxWaitTime: 30 },
    { RequestToken: out.ProgressEvent.RequestToken },
  );
  assert.equal(waited.state, "SUCCESS");
  const { rules } = await admin("GET");
  assert.equal(rules[0].fired, 2);
  assert.equal(rules[0].remaining, 0);
});

test("a third ThrottlingException reaches the caller after 3 attempts", async () => {
  await admin("POST", { operation: "ListResources", error: { code: "ThrottlingException" }, times: 3 });
  const err = await caught(() => client.send(new ListResourcesCommand({ TypeName: TYPE })));
  assert.ok(err instanceof ThrottlingException, `expected ThrottlingException, got ${err?.name}`);
  assert.equal(err.message, "Rate exceeded");
  assert.equal(err.$metadata.httpStatusCode, 400);
  assert.equal(err.$metadata.attempts, 3);
});

test("no warnings", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
