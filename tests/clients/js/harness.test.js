// The JS harness (tests/harness/js) itself: options to flags, admin calls, connecting to a running
// ccemu, and what a failed start reports. The other files of this suite start ccemu through it too.
import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { CreateResourceCommand, GetResourceCommand } from "@aws-sdk/client-cloudcontrol";
import { ccemuArgs, connectCcemu, findBinary, startCcemu } from "../../harness/js/index.js";
import { TYPE, caught, makeClient, salesforceModel } from "./ccemu.js";

let server;
let client;

before(async () => {
  server = await startCcemu({ seed: 5 });
  client = makeClient(server, { maxAttempts: 1 });
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

beforeEach(async () => {
  await server.reset();
  await server.clearFaults();
});

test("options become flags, after --port 0", () => {
  assert.deepEqual(
    ccemuArgs({
      host: "127.0.0.2",
      progress: "polls=2",
      validation: "schema",
      seed: 7,
      record: "r.jsonl",
      replay: "p.jsonl",
      stateFile: "s.json",
      schemaDirs: ["a", "b"],
      types: ["AWS::S3::*", "AWS::AppFlow::ConnectorProfile"],
      args: ["--log-level", "info"],
    }),
    [
      "--port", "0", "--host", "127.0.0.2", "--progress", "polls=2", "--validation", "schema", "--seed", "7",
      "--record", "r.jsonl", "--replay", "p.jsonl", "--state-file", "s.json", "--schema-dir", "a",
      "--schema-dir", "b", "--types", "AWS::S3::*,AWS::AppFlow::ConnectorProfile", "--log-level", "info",
    ],
  );
  assert.deepEqual(ccemuArgs(), ["--port", "0"]);
});

test("types narrow what is served", async () => {
  const narrowed = await startCcemu({ types: ["AWS::S3::Bucket", "AWS::AppFlow::*"] });
  try {
    assert.deepEqual((await narrowed.health()).types.sort(), [
      "AWS::AppFlow::Connector", "AWS::AppFlow::ConnectorProfile", "AWS::AppFlow::Flow", "AWS::S3::Bucket",
    ]);
  } finally {
    await narrowed.stop();
  }
});

test("the binary: given, else CCEMU_BINARY", () => {
  assert.equal(findBinary("/opt/given/ccemu"), "/opt/given/ccemu");
  assert.equal(findBinary(), process.env.CCEMU_BINARY);
});

test("no binary found: the error names the source checkout's build (README \"Use from tests\")", () => {
  const saved = { binary: process.env.CCEMU_BINARY, path: process.env.PATH };
  delete process.env.CCEMU_BINARY;
  process.env.PATH = "/nonexistent";
  try {
    assert.throws(() => findBinary(), /set CCEMU_BINARY, or put ccemu on PATH .*build\/emulator\/ccemu: set CCEMU_BINARY/);
  } finally {
    if (saved.binary !== undefined) process.env.CCEMU_BINARY = saved.binary;
    process.env.PATH = saved.path;
  }
});

test("endpoint, health, state, requests and reset", async () => {
  assert.match(server.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok((await server.health()).types.includes(TYPE));
  await client.send(new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel("j1")) }));
  const resources = (await server.state()).resources["123456789012"]["us-east-1"][TYPE];
  assert.equal(resources.j1.ConnectorProfileConfig, "***");
  assert.deepEqual((await server.requests()).map((r) => r.event.Operation), ["CREATE"]);
  await server.reset();
  assert.deepEqual(await server.requests(), []);
  assert.deepEqual((await server.state()).resources, {});
});

test("a fault is added, fires, and is cleared", async () => {
  const rule = await server.addFault({ operation: "GetResource", error: { code: "ThrottlingException" }, times: 1 });
  assert.equal(rule.remaining, 1);
  const err = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "x" })));
  assert.equal(err.name, "ThrottlingException");
  assert.equal((await server.faults())[0].fired, 1);
  await server.clearFaults();
  assert.deepEqual(await server.faults(), []);
  const missing = await caught(() => client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "x" })));
  assert.equal(missing.name, "ResourceNotFoundException");
});

test("connectCcemu reaches a running ccemu by its endpoint", async () => {
  const admin = connectCcemu(server.endpoint);
  await admin.loadState({
    format: "ccemu-state",
    version: 1,
    resources: { "123456789012": { "us-east-1": { [TYPE]: { j2: { ConnectorProfileName: "j2", ConnectorType: "Salesforce", ConnectionMode: "Public" } } } } },
  });
  const got = await client.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "j2" }));
  assert.equal(got.ResourceDescription.Identifier, "j2");
  await assert.rejects(admin.addFault({ operation: "GetResource", latency_ms: -1 }), /POST \/_ccemu\/faults: 400 .*latency_ms/);
});

test("a failed start rejects with ccemu's stderr", async () => {
  // The last --port wins: the one the suite's server already listens on.
  const err = await caught(() => startCcemu({ args: ["--port", String(server.port)] }));
  assert.match(err.message, /ccemu exited \(code 1, signal null\) before listening/);
  assert.ok(err.message.includes(`cannot listen on 127.0.0.1:${server.port}: address already in use`), err.message);
  const missing = await caught(() => startCcemu({ binary: "/nonexistent/ccemu" }));
  assert.match(missing.message, /cannot run \/nonexistent\/ccemu/);
});
