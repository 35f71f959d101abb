// Every error reaches the JS SDK v3 as the class the spec (§1.4-1.5) predicts, with its HTTP status
// in $metadata.httpStatusCode and its kind in $fault. Unmodeled codes surface as the service's base
// exception with the code as name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CancelResourceRequestCommand,
  ClientTokenConflictException,
  CloudControlServiceException,
  CreateResourceCommand,
  DeleteResourceCommand,
  GetResourceCommand,
  GetResourceRequestStatusCommand,
  ListResourcesCommand,
  NotUpdatableException,
  RequestTokenNotFoundException,
  ResourceNotFoundException,
  TypeNotFoundException,
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

const MODELED = [
  ResourceNotFoundException,
  TypeNotFoundException,
  NotUpdatableException,
  ClientTokenConflictException,
  RequestTokenNotFoundException,
];

/** Asserts a modeled error: class, name, status, fault, and one attempt only. */
function assertModeled(err, cls, status, message) {
  assert.ok(err instanceof cls, `expected ${cls.name}, got ${err?.name}: ${err?.message}`);
  assert.ok(err instanceof CloudControlServiceException, "modeled errors extend the service exception");
  for (const other of MODELED) {
    if (other !== cls) assert.ok(!(err instanceof other), `${cls.name} is not also a ${other.name}`);
  }
  assert.equal(err.name, cls.name);
  assert.equal(err.$metadata.httpStatusCode, status);
  assert.equal(err.$fault, "client");
  assert.equal(err.$metadata.attempts, 1);
  assert.match(err.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/i, "x-amzn-RequestId on errors too");
  if (message instanceof RegExp) assert.match(err.message, message);
  else if (message !== undefined) assert.equal(err.message, message);
}

/** Asserts an unmodeled ValidationException. */
function assertValidation(err, messagePattern) {
  assert.ok(err instanceof CloudControlServiceException, `expected CloudControlServiceException, got ${err?.name}`);
  for (const cls of MODELED) assert.ok(!(err instanceof cls), `not a ${cls.name}`);
  assert.equal(err.name, "ValidationException");
  assert.equal(err.$metadata.httpStatusCode, 400);
  assert.equal(err.$fault, "client");
  assert.match(err.message, messagePattern);
}

async function createAndWait(name) {
  const out = await client.send(
    new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
  );
  await waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: out.ProgressEvent.RequestToken });
  return out;
}

test("ResourceNotFoundException (400, client) from GetResource and UpdateResource", async () => {
  const notFound = (id) =>
    new RegExp(
      `^${TYPE} Handler returned status FAILED: Resource of type '${TYPE}' with identifier '${id}' was not found\\. ` +
        `\\(HandlerErrorCode: NotFound, RequestToken: [0-9a-f-]{36}\\)$`,
    );
  const getErr = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "nope" })));
  assertModeled(getErr, ResourceNotFoundException, 400, notFound("nope"));

  const updErr = await caught(() =>
    client.send(
      new UpdateResourceCommand({
        TypeName: TYPE,
        Identifier: "nope",
        PatchDocument: JSON.stringify([{ op: "replace", path: "/ConnectionMode", value: "Private" }]),
      }),
    ),
  );
  assertModeled(updErr, ResourceNotFoundException, 400, notFound("nope"));
});

test("TypeNotFoundException (400, client) for a well-formed but unknown type", async () => {
  const typeName = "AWS::NoSuch::Thing";
  const errs = [
    await caught(() => client.send(new GetResourceCommand({ TypeName: typeName, Identifier: "x" }))),
    await caught(() => client.send(new ListResourcesCommand({ TypeName: typeName }))),
    await caught(() => client.send(new CreateResourceCommand({ TypeName: typeName, DesiredState: "{}" }))),
    await caught(() => client.send(new DeleteResourceCommand({ TypeName: typeName, Identifier: "x" }))),
  ];
  for (const err of errs) assertModeled(err, TypeNotFoundException, 400, `The type '${typeName}' cannot be found.`);
});

test("NotUpdatableException (400, client) for a create-only or read-only change", async () => {
  const name = "err-nu";
  await createAndWait(name);
  const patch = (ops) =>
    client.send(new UpdateResourceCommand({ TypeName: TYPE, Identifier: name, PatchDocument: JSON.stringify(ops) }));

  const createOnly = await caught(() => patch([{ op: "replace", path: "/ConnectorType", value: "Slack" }]));
  assertModeled(
    createOnly,
    NotUpdatableException,
    400,
    "Invalid patch update: createOnlyProperties [/properties/ConnectorType] cannot be updated",
  );

  const readOnly = await caught(() =>
    patch([{ op: "replace", path: "/ConnectorProfileArn", value: "arn:aws:appflow:us-east-1:123456789012:connectorprofile/x" }]),
  );
  assertModeled(
    readOnly,
    NotUpdatableException,
    400,
    "Invalid patch update: readOnlyProperties [/properties/ConnectorProfileArn] cannot be updated",
  );

  // nothing changed
  const props = JSON.parse(
    (await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: name }))).ResourceDescription.Properties,
  );
  assert.equal(props.ConnectorType, "Salesforce");
});

test("ClientTokenConflictException (400, client) when a ClientToken is reused for another request", async () => {
  const token = "js-client-token-0001";
  const body = { TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel("err-ct")), ClientToken: token };
  const first = await client.send(new CreateResourceCommand(body));

  // same token, same request: the original request, not a new one
  const replay = await client.send(new CreateResourceCommand(body));
  assert.equal(replay.ProgressEvent.RequestToken, first.ProgressEvent.RequestToken);

  // same token, other body
  const otherBody = await caught(() =>
    client.send(
      new CreateResourceCommand({ ...body, DesiredState: JSON.stringify(salesforceModel("err-ct2")) }),
    ),
  );
  assertModeled(
    otherBody,
    ClientTokenConflictException,
    400,
    `ClientToken ${token} is already associated with an existing operation with RequestToken ${first.ProgressEvent.RequestToken}`,
  );

  // same token, other operation
  const otherOp = await caught(() =>
    client.send(new DeleteResourceCommand({ TypeName: TYPE, Identifier: "err-ct", ClientToken: token })),
  );
  assertModeled(otherOp, ClientTokenConflictException, 400);
});

test("RequestTokenNotFoundException (400, client) from GetResourceRequestStatus and CancelResourceRequest", async () => {
  const token = "00000000-0000-4000-8000-000000000000";
  const statusErr = await caught(() => client.send(new GetResourceRequestStatusCommand({ RequestToken: token })));
  assertModeled(statusErr, RequestTokenNotFoundException, 400, `Request with token ${token} was not found`);
  const cancelErr = await caught(() => client.send(new CancelResourceRequestCommand({ RequestToken: token })));
  assertModeled(cancelErr, RequestTokenNotFoundException, 400, `Request with token ${token} was not found`);
});

test("the JS waiter retries an unknown RequestToken until maxWaitTime, then times out", async () => {
  // Spec §6: errors match no acceptor, and the JS waiter retries them (boto3 would stop at once).
  const token = "00000000-0000-4000-8000-000000000001";
  const err = await caught(() =>
    waitUntilResourceRequestSuccess({ client, maxWaitTime: 2, minDelay: 1, maxDelay: 1 }, { RequestToken: token }),
  );
  assert.equal(err.name, "TimeoutError");
  const result = JSON.parse(err.message);
  assert.equal(result.state, "TIMEOUT");
  const observed = Object.keys(result.observedResponses);
  assert.ok(
    observed.some((k) => k.startsWith("400: ") && k.includes(`Request with token ${token} was not found`)),
    `observed: ${JSON.stringify(result.observedResponses)}`,
  );
});

test("ValidationException surfaces as CloudControlServiceException, name ValidationException, 400", async () => {
  // schema failure: a required key missing
  const model = salesforceModel("err-val");
  delete model.ConnectorType;
  const schemaErr = await caught(() =>
    client.send(new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(model) })),
  );
  assertValidation(schemaErr, /^Model validation failed \(/);
  assert.ok(schemaErr.message.includes("ConnectorType"), schemaErr.message);

  // schema failure: an unknown key
  const extraErr = await caught(() =>
    client.send(
      new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel("err-val", { Foo: 1 })) }),
    ),
  );
  assertValidation(extraErr, /^Model validation failed \(/);
  assert.ok(extraErr.message.includes("Foo"), extraErr.message);

  // member constraint: TypeName pattern
  const memberErr = await caught(() =>
    client.send(new GetResourceCommand({ TypeName: "AWS-AppFlow-ConnectorProfile", Identifier: "x" })),
  );
  assertValidation(
    memberErr,
    /^1 validation error detected: Value 'AWS-AppFlow-ConnectorProfile' at 'typeName' failed to satisfy constraint: Member must satisfy regular expression pattern: /,
  );

  // member constraint: MaxResults above 100 (the JS SDK checks nothing client-side)
  const maxErr = await caught(() => client.send(new ListResourcesCommand({ TypeName: TYPE, MaxResults: 101 })));
  assertValidation(maxErr, /Member must have value less than or equal to 100/);

  // a failing JSON Patch test op
  await createAndWait("err-val2");
  const testErr = await caught(() =>
    client.send(
      new UpdateResourceCommand({
        TypeName: TYPE,
        Identifier: "err-val2",
        PatchDocument: JSON.stringify([{ op: "test", path: "/ConnectionMode", value: "Private" }]),
      }),
    ),
  );
  assertValidation(testErr, /./);
});

test("no warnings from the SDK (deprecation, parse or logger) in this file", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
