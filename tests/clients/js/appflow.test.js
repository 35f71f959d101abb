// The native AppFlow API through @aws-sdk/client-appflow: create -> describe (by name, by type, every
// page with maxResults 1) -> update -> delete, each step also seen through Cloud Control (one store),
// and the modeled errors with their status, class and message.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  AppflowClient,
  ConflictException,
  CreateConnectorProfileCommand,
  DeleteConnectorProfileCommand,
  DescribeConnectorProfilesCommand,
  ResourceNotFoundException,
  UpdateConnectorProfileCommand,
  ValidationException,
  paginateDescribeConnectorProfiles,
} from "@aws-sdk/client-appflow";
import { GetResourceCommand } from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, startServer, unexpectedWarnings } from "./ccemu.js";

let server;
let appflow;
let cloudcontrol;

const CONFIG = {
  connectorProfileProperties: { Salesforce: { instanceUrl: "https://example.my.salesforce.com" } },
  connectorProfileCredentials: { Salesforce: { accessToken: "js-secret-access-token" } },
};

before(async () => {
  server = await startServer();
  appflow = new AppflowClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: 1,
  });
  cloudcontrol = makeClient(server, { maxAttempts: 1 });
});

after(async () => {
  appflow?.destroy();
  cloudcontrol?.destroy();
  await server?.stop();
});

const arn = (name) => `arn:aws:appflow:us-east-1:123456789012:connectorprofile/${name}`;

function create(name) {
  return appflow.send(
    new CreateConnectorProfileCommand({
      connectorProfileName: name,
      connectorType: "Salesforce",
      connectionMode: "Public",
      connectorProfileConfig: CONFIG,
    }),
  );
}

test("create, describe, update, delete, each seen through Cloud Control", async () => {
  const created = await create("js-1");
  assert.equal(created.$metadata.httpStatusCode, 200);
  assert.equal(created.connectorProfileArn, arn("js-1"));

  const got = await cloudcontrol.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "js-1" }));
  const props = JSON.parse(got.ResourceDescription.Properties);
  assert.equal(props.ConnectorProfileArn, arn("js-1"));
  assert.equal(props.ConnectorProfileConfig, undefined);

  const described = await appflow.send(new DescribeConnectorProfilesCommand({ connectorProfileNames: ["js-1"] }));
  const [profile] = described.connectorProfileDetails;
  assert.equal(profile.connectorProfileName, "js-1");
  assert.equal(profile.credentialsArn, props.CredentialsArn);
  assert.deepEqual(profile.connectorProfileProperties, CONFIG.connectorProfileProperties);
  assert.ok(profile.createdAt instanceof Date, "createdAt is parsed as a timestamp");
  assert.ok(!JSON.stringify(described).includes("js-secret-access-token"));

  const byType = await appflow.send(new DescribeConnectorProfilesCommand({ connectorType: "Salesforce" }));
  assert.deepEqual(byType.connectorProfileDetails.map((p) => p.connectorProfileName), ["js-1"]);

  await appflow.send(
    new UpdateConnectorProfileCommand({
      connectorProfileName: "js-1",
      connectionMode: "Private",
      connectorProfileConfig: CONFIG,
    }),
  );
  const after = await cloudcontrol.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "js-1" }));
  assert.equal(JSON.parse(after.ResourceDescription.Properties).ConnectionMode, "Private");

  await appflow.send(new DeleteConnectorProfileCommand({ connectorProfileName: "js-1", forceDelete: true }));
  const err = await caught(() => cloudcontrol.send(new GetResourceCommand({ TypeName: TYPE, Identifier: "js-1" })));
  assert.equal(err.name, "ResourceNotFoundException");
});

test("every page with maxResults 1 through the SDK's paginator", async () => {
  for (const name of ["pg-a", "pg-b", "pg-c"]) await create(name);
  const names = [];
  for await (const page of paginateDescribeConnectorProfiles({ client: appflow, pageSize: 1 }, {})) {
    assert.ok(page.connectorProfileDetails.length <= 1);
    names.push(...page.connectorProfileDetails.map((p) => p.connectorProfileName));
  }
  assert.deepEqual(names, ["pg-a", "pg-b", "pg-c"]);
  for (const name of names) await appflow.send(new DeleteConnectorProfileCommand({ connectorProfileName: name }));
});

test("modeled errors arrive as their classes with status and message", async () => {
  await create("js-dup");
  const conflict = await caught(() => create("js-dup"));
  assert.ok(conflict instanceof ConflictException);
  assert.equal(conflict.$metadata.httpStatusCode, 409);
  assert.equal(conflict.message, "Connector Profile with name js-dup already exists.");

  const missing = await caught(() =>
    appflow.send(new DeleteConnectorProfileCommand({ connectorProfileName: "js-ghost" })),
  );
  assert.ok(missing instanceof ResourceNotFoundException);
  assert.equal(missing.$metadata.httpStatusCode, 404);
  assert.equal(missing.message, "Connector Profile with name js-ghost does not exist.");

  const invalid = await caught(() => create("bad name"));
  assert.ok(invalid instanceof ValidationException);
  assert.equal(invalid.$metadata.httpStatusCode, 400);
  assert.match(invalid.message, /^1 validation error detected: Value 'bad name' at 'connectorProfileName'/);
});

test("no unexpected warnings", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
