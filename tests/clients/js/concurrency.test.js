// Against `--progress polls=2`: requests stay IN_PROGRESS for two status polls, so other writes to
// the same resource get ConcurrentOperationException (400, client), the waiter has to poll again,
// and a cancelled request makes the waiter report failure.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CancelResourceRequestCommand,
  CloudControlServiceException,
  ConcurrentOperationException,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ResourceNotFoundException,
  UpdateResourceCommand,
  waitUntilResourceRequestSuccess,
} from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, salesforceModel, startServer, unexpectedWarnings } from "./ccemu.js";

let server;
let client;

before(async () => {
  server = await startServer(["--progress", "polls=2"]);
  client = makeClient(server, { maxAttempts: 1 });
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

const status = async (token) =>
  (await client.send(new GetResourceRequestStatusCommand({ RequestToken: token }))).ProgressEvent;

/** Polls until terminal by hand: IN_PROGRESS twice, then the terminal status on the third poll. */
async function pollToTerminal(token, expected = "SUCCESS") {
  assert.equal((await status(token)).OperationStatus, "IN_PROGRESS", "poll 1");
  assert.equal((await status(token)).OperationStatus, "IN_PROGRESS", "poll 2");
  assert.equal((await status(token)).OperationStatus, expected, "poll 3");
}

function assertConcurrent(err) {
  assert.ok(err instanceof ConcurrentOperationException, `expected ConcurrentOperationException, got ${err?.name}: ${err?.message}`);
  assert.ok(err instanceof CloudControlServiceException);
  assert.equal(err.name, "ConcurrentOperationException");
  assert.equal(err.$metadata.httpStatusCode, 400);
  assert.equal(err.$fault, "client");
  assert.equal(err.$metadata.attempts, 1);
  assert.ok(
    err.message.startsWith("Another resource operation is currently being performed on this resource."),
    err.message,
  );
}

const createCmd = (name) =>
  new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) });
const updateCmd = (name, mode) =>
  new UpdateResourceCommand({
    TypeName: TYPE,
    Identifier: name,
    PatchDocument: JSON.stringify([{ op: "replace", path: "/ConnectionMode", value: mode }]),
  });

test("ConcurrentOperationException (400, client) while a create is in flight", async () => {
  const name = "conc1";
  const first = await client.send(createCmd(name));
  assert.equal(first.ProgressEvent.OperationStatus, "IN_PROGRESS");

  assertConcurrent(await caught(() => client.send(createCmd(name))));
  assertConcurrent(await caught(() => client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: name }))));

  // not applied until it completes
  const early = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name })));
  assert.ok(early instanceof ResourceNotFoundException, `got ${early.name}`);

  await pollToTerminal(first.ProgressEvent.RequestToken);
  const got = await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name }));
  assert.equal(got.ResourceDescription.Identifier, name);
});

test("ConcurrentOperationException (400, client) while an update is in flight", async () => {
  const name = "conc2";
  await pollToTerminal((await client.send(createCmd(name))).ProgressEvent.RequestToken);

  const upd = await client.send(updateCmd(name, "Private"));
  assert.equal(upd.ProgressEvent.OperationStatus, "IN_PROGRESS");
  assertConcurrent(await caught(() => client.send(updateCmd(name, "Public"))));
  assertConcurrent(await caught(() => client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: name }))));

  await pollToTerminal(upd.ProgressEvent.RequestToken);
  const props = JSON.parse(
    (await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name }))).ResourceDescription.Properties,
  );
  assert.equal(props.ConnectionMode, "Private");

  // once finished, writes are accepted again
  const del = await client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: name }));
  await pollToTerminal(del.ProgressEvent.RequestToken);
});

test("the waiter polls again on IN_PROGRESS and resolves SUCCESS on the third poll", async () => {
  const name = "conc3";
  const out = await client.send(createCmd(name));
  // minDelay/maxDelay 1 s keep this to about two seconds; the service default would be 5 s and more.
  const result = await waitUntilResourceRequestSuccess(
    { client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
    { RequestToken: out.ProgressEvent.RequestToken },
  );
  assert.equal(result.state, "SUCCESS");
  assert.equal(result.reason.ProgressEvent.OperationStatus, "SUCCESS");
  const polls = Object.values(result.observedResponses).reduce((a, b) => a + b, 0);
  assert.equal(polls, 3, `observed: ${JSON.stringify(result.observedResponses)}`);
});

test("a cancelled create ends CANCEL_COMPLETE, is not applied, and the waiter reports failure", async () => {
  const name = "conc4";
  const out = await client.send(createCmd(name));
  const token = out.ProgressEvent.RequestToken;
  const cancelled = await client.send(new CancelResourceRequestCommand({ RequestToken: token }));
  assert.equal(cancelled.ProgressEvent.OperationStatus, "CANCEL_IN_PROGRESS");
  assert.equal(cancelled.ProgressEvent.RequestToken, token);

  const err = await caught(() => waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: token }));
  const result = JSON.parse(err.message);
  assert.equal(result.state, "FAILURE");
  assert.equal(result.reason.ProgressEvent.OperationStatus, "CANCEL_COMPLETE");

  const missing = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name })));
  assert.ok(missing instanceof ResourceNotFoundException, `got ${missing.name}`);

  // cancel on a finished request: AWS's 400 ValidationException (issue 20, recorded)
  const again = await caught(() => client.send(new CancelResourceRequestCommand({ RequestToken: token })));
  assert.equal(again.name, "ValidationException");
  assert.equal(again.$metadata.httpStatusCode, 400);
  assert.equal(again.message, `Request ${token} is already in status CANCEL_COMPLETE`);
});

test("no warnings from the SDK (deprecation, parse or logger) in this file", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
