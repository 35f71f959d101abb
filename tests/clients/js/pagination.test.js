// The SDK's paginators over ListResources and ListResourceRequests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  CreateResourceCommand,
  paginateListResourceRequests,
  paginateListResources,
  waitUntilResourceRequestSuccess,
} from "@aws-sdk/client-cloudcontrol";
import { TYPE, makeClient, salesforceModel, startServer, unexpectedWarnings } from "./ccemu.js";

const COUNT = 12;
const names = Array.from({ length: COUNT }, (_, i) => `page${String(i + 1).padStart(2, "0")}`);
const createTokens = [];

let server;
let client;

before(async () => {
  server = await startServer();
  client = makeClient(server, { maxAttempts: 1 });
  for (const name of names) {
    const out = await client.send(
      new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
    );
    const token = out.ProgressEvent.RequestToken;
    createTokens.push(token);
    await waitUntilResourceRequestSuccess({ client, maxWaitTime: 60 }, { RequestToken: token });
  }
});

after(async () => {
  client?.destroy();
  await server?.stop();
});

test("paginateListResources with pageSize 1 yields each of 12 resources exactly once", async () => {
  const seen = [];
  const nextTokens = [];
  let pages = 0;
  for await (const page of paginateListResources({ client, pageSize: 1 }, { TypeName: TYPE })) {
    pages += 1;
    assert.ok(pages <= COUNT + 1, "paginator does not run away");
    assert.equal(page.TypeName, TYPE);
    assert.ok(page.ResourceDescriptions.length <= 1, `page ${pages} holds ${page.ResourceDescriptions.length} items`);
    for (const d of page.ResourceDescriptions) {
      seen.push(d.Identifier);
      assert.equal(JSON.parse(d.Properties).ConnectorProfileName, d.Identifier);
    }
    if (page.NextToken !== undefined) nextTokens.push(page.NextToken);
  }
  assert.deepEqual([...seen].sort(), names, "every resource once");
  assert.equal(new Set(seen).size, seen.length, "no resource twice");
  assert.equal(pages, COUNT, "one page per resource; the last page carries no NextToken");
  assert.equal(new Set(nextTokens).size, nextTokens.length, "no NextToken repeats");
});

test("paginateListResources with the default page size returns one page of 12", async () => {
  const pages = [];
  for await (const page of paginateListResources({ client }, { TypeName: TYPE })) pages.push(page);
  assert.equal(pages.length, 1);
  assert.equal(pages[0].ResourceDescriptions.length, COUNT);
  assert.equal(pages[0].NextToken, undefined);
});

test("paginateListResourceRequests with pageSize 5 yields every create request once, newest first", async () => {
  const seen = [];
  let pages = 0;
  for await (const page of paginateListResourceRequests({ client, pageSize: 5 }, {})) {
    pages += 1;
    assert.ok(pages <= 10, "paginator does not run away");
    assert.ok(page.ResourceRequestStatusSummaries.length <= 5);
    if (page.NextToken !== undefined) assert.match(page.NextToken, /^[-A-Za-z0-9+/=]+$/);
    for (const s of page.ResourceRequestStatusSummaries) {
      assert.equal(s.OperationStatus, "SUCCESS");
      assert.equal(s.ResourceModel, undefined);
      seen.push(s.RequestToken);
    }
  }
  assert.equal(pages, 3);
  assert.deepEqual(seen, [...createTokens].reverse());
});

test("paginateListResourceRequests honours ResourceRequestStatusFilter", async () => {
  const byOp = [];
  for await (const page of paginateListResourceRequests(
    { client, pageSize: 100 },
    { ResourceRequestStatusFilter: { Operations: ["DELETE"] } },
  )) {
    byOp.push(...page.ResourceRequestStatusSummaries);
  }
  assert.deepEqual(byOp, []);
  const bySuccess = [];
  for await (const page of paginateListResourceRequests(
    { client, pageSize: 100 },
    { ResourceRequestStatusFilter: { Operations: ["CREATE"], OperationStatuses: ["SUCCESS"] } },
  )) {
    bySuccess.push(...page.ResourceRequestStatusSummaries.map((s) => s.RequestToken));
  }
  assert.equal(bySuccess.length, COUNT);
});

test("no warnings from the SDK (deprecation, parse or logger) in this file", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
