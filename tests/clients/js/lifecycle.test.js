// Create -> wait -> get -> list -> update -> wait -> delete -> wait -> get (missing), through the
// JS SDK v3 commands and its ResourceRequestSuccess waiter, against the default (immediate) profile.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourceRequestsCommand,
  ListResourcesCommand,
  ResourceNotFoundException,
  UpdateResourceCommand,
  waitUntilResourceRequestSuccess,
} from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, salesforceModel, startServer, unexpectedWarnings } from "./ccemu.js";

let server;
let client;

before(async () => {
  server = await startServer();
  client = makeClient(server, { maxAttempts: 1 });
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

// How many status calls a waiter made, from its result.
const polls = (result) => Object.values(result.observedResponses).reduce((a, b) => a + b, 0);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertInProgress(out, operation, identifier) {
  const ev = out.ProgressEvent;
  assert.equal(out.$metadata.httpStatusCode, 200);
  assert.match(out.$metadata.requestId ?? "", UUID, "x-amzn-RequestId reaches $metadata.requestId");
  assert.equal(ev.TypeName, TYPE);
  assert.equal(ev.Operation, operation);
  assert.equal(ev.OperationStatus, "IN_PROGRESS");
  assert.equal(ev.Identifier, identifier);
  assert.ok(ev.RequestToken, "RequestToken present");
  assert.ok(ev.EventTime instanceof Date && !Number.isNaN(ev.EventTime.getTime()), "EventTime parses to a Date");
  assert.equal(ev.ResourceModel, undefined, "no ResourceModel while in progress");
  return ev.RequestToken;
}

async function waitSuccess(requestToken, operation, identifier) {
  const result = await waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: requestToken });
  assert.equal(result.state, "SUCCESS");
  assert.equal(result.reason.ProgressEvent.OperationStatus, "SUCCESS");
  assert.equal(result.reason.ProgressEvent.Operation, operation);
  assert.equal(result.reason.ProgressEvent.Identifier, identifier);
  assert.equal(result.reason.ProgressEvent.RequestToken, requestToken);
  assert.equal(polls(result), 1, `expected SUCCESS on the first poll: ${JSON.stringify(result.observedResponses)}`);
  return result;
}

test("full lifecycle: create, get, list, update, delete, then get throws ResourceNotFoundException", async () => {
  const name = "life1";

  // create
  const created = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
  );
  const createToken = assertInProgress(created, "CREATE", name);
  await waitSuccess(createToken, "CREATE", name);

  // get: read view without write-only properties, with generated ARNs
  const got = await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name }));
  assert.equal(got.TypeName, TYPE);
  assert.equal(got.ResourceDescription.Identifier, name);
  const props = JSON.parse(got.ResourceDescription.Properties);
  assert.equal(props.ConnectorProfileName, name);
  assert.equal(props.ConnectorType, "Salesforce");
  assert.equal(props.ConnectionMode, "Public");
  assert.equal(props.ConnectorProfileArn, `arn:aws:appflow:us-east-1:123456789012:connectorprofile/${name}`);
  assert.match(
    props.CredentialsArn,
    new RegExp(`^arn:aws:secretsmanager:us-east-1:123456789012:secret:appflow!123456789012-${name}-\\d+-[A-Za-z0-9]{6}$`),
  );
  assert.equal(props.ConnectorProfileConfig, undefined, "write-only ConnectorProfileConfig is never read back");

  // the JSON identifier form reads the same resource
  const gotJson = await client.send(
    new GetResourceCommand({ TypeName: TYPE, Identifier: JSON.stringify({ ConnectorProfileName: name }) }),
  );
  assert.equal(gotJson.ResourceDescription.Identifier, name);

  // list
  const listed = await client.send(new ListResourcesCommand({ TypeName: TYPE }));
  assert.equal(listed.TypeName, TYPE);
  const mine = listed.ResourceDescriptions.filter((d) => d.Identifier === name);
  assert.equal(mine.length, 1);
  assert.deepEqual(JSON.parse(mine[0].Properties), props);
  assert.equal(listed.NextToken, undefined, "single page has no NextToken");

  // update
  const updated = await client.send(
    new UpdateResourceCommand({
      TypeName: TYPE,
      Identifier: name,
      PatchDocument: JSON.stringify([{ op: "replace", path: "/ConnectionMode", value: "Private" }]),
    }),
  );
  const updateToken = assertInProgress(updated, "UPDATE", name);
  await waitSuccess(updateToken, "UPDATE", name);
  const after = JSON.parse(
    (await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name }))).ResourceDescription.Properties,
  );
  assert.equal(after.ConnectionMode, "Private");
  assert.equal(after.CredentialsArn, props.CredentialsArn, "CredentialsArn is stable across updates");
  assert.equal(after.ConnectorProfileArn, props.ConnectorProfileArn);

  // delete
  const deleted = await client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: name }));
  const deleteToken = assertInProgress(deleted, "DELETE", name);
  await waitSuccess(deleteToken, "DELETE", name);

  // get after delete
  const err = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name })));
  assert.ok(err instanceof ResourceNotFoundException, `expected ResourceNotFoundException, got ${err.name}`);
  assert.equal(err.name, "ResourceNotFoundException");
  assert.equal(err.$metadata.httpStatusCode, 400);
  assert.equal(err.$fault, "client");
  assert.match(
    err.message,
    new RegExp(
      `^${TYPE} Handler returned status FAILED: Resource of type '${TYPE}' with identifier '${name}' was not found\\. ` +
        `\\(HandlerErrorCode: NotFound, RequestToken: [0-9a-f-]{36}\\)$`,
    ),
  );

  // the ledger lists all three requests, newest first; a terminal status stays readable
  const requests = await client.send(new ListResourceRequestsCommand({}));
  const tokens = requests.ResourceRequestStatusSummaries.map((s) => s.RequestToken);
  for (const t of [createToken, updateToken, deleteToken]) assert.ok(tokens.includes(t), `ledger lists ${t}`);
  assert.deepEqual(
    requests.ResourceRequestStatusSummaries.filter((s) => [createToken, updateToken, deleteToken].includes(s.RequestToken))
      .map((s) => s.Operation),
    ["DELETE", "UPDATE", "CREATE"],
    "newest first",
  );
  const status = await client.send(new GetResourceRequestStatusCommand({ RequestToken: createToken }));
  assert.equal(status.ProgressEvent.OperationStatus, "SUCCESS");
});

test("waitUntilResourceRequestSuccess succeeds on its first poll", async () => {
  const name = "life2";
  const created = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
  );
  const result = await waitSuccess(created.ProgressEvent.RequestToken, "CREATE", name);
  // one observed response, i.e. exactly one poll
  const polls = Object.values(result.observedResponses).reduce((a, b) => a + b, 0);
  assert.equal(polls, 1, `observed responses: ${JSON.stringify(result.observedResponses)}`);
});

test("waitUntilResourceRequestSuccess reports failure for a FAILED request (duplicate create)", async () => {
  const name = "life3";
  const first = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
  );
  await waitSuccess(first.ProgressEvent.RequestToken, "CREATE", name);

  const dup = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
  );
  assert.equal(dup.ProgressEvent.OperationStatus, "IN_PROGRESS", "the duplicate is accepted, then fails async");
  const token = dup.ProgressEvent.RequestToken;

  const err = await caught(() => waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: token }));
  assert.ok(!(err.name === "TimeoutError"), "the waiter failed, it did not time out");
  // checkExceptions throws an Error whose message is the JSON of the waiter result
  const result = JSON.parse(err.message);
  assert.equal(polls(result), 1, `expected FAILURE on the first poll: ${JSON.stringify(result.observedResponses)}`);
  assert.equal(result.state, "FAILURE");
  assert.equal(result.reason.ProgressEvent.OperationStatus, "FAILED");
  assert.equal(result.reason.ProgressEvent.Operation, "CREATE");
  assert.equal(result.reason.ProgressEvent.ErrorCode, "AlreadyExists");
  assert.equal(
    result.reason.ProgressEvent.StatusMessage,
    `Resource of type '${TYPE}' with identifier '${name}' already exists.`,
  );
});

test("delete of a missing resource ends FAILED NotFound and the waiter reports failure", async () => {
  const out = await client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: "life-missing" }));
  assert.equal(out.ProgressEvent.OperationStatus, "IN_PROGRESS");
  const err = await caught(() =>
    waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: out.ProgressEvent.RequestToken }),
  );
  const result = JSON.parse(err.message);
  assert.equal(result.state, "FAILURE");
  assert.equal(result.reason.ProgressEvent.ErrorCode, "NotFound");
  assert.equal(
    result.reason.ProgressEvent.StatusMessage,
    `Resource of type '${TYPE}' with identifier 'life-missing' was not found.`,
  );
});

test("no warnings from the SDK (deprecation, parse or logger) in this file", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
