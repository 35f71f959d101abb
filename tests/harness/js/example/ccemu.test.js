import assert from "node:assert/strict";
import { after, before, beforeEach, test } from "node:test";
import { CloudControlClient, CreateResourceCommand, ListResourcesCommand } from "@aws-sdk/client-cloudcontrol";
import { startCcemu } from "ccemu-harness";

const TYPE = "AWS::AppFlow::ConnectorProfile";
let ccemu;
let cc;

before(async () => {
  ccemu = await startCcemu({ seed: 1 });
  cc = new CloudControlClient({ endpoint: ccemu.endpoint, region: "us-east-1", maxAttempts: 1,
    credentials: { accessKeyId: "test", secretAccessKey: "test" } });
});
after(async () => {
  cc.destroy();
  await ccemu.stop();
});
beforeEach(() => ccemu.reset());

const listed = async () =>
  (await cc.send(new ListResourcesCommand({ TypeName: TYPE }))).ResourceDescriptions.map((d) => d.Identifier);

test("create", async () => {
  const model = { ConnectorProfileName: "p1", ConnectionMode: "Public", ConnectorType: "Salesforce",
    ConnectorProfileConfig: {
      ConnectorProfileProperties: { Salesforce: { InstanceUrl: "https://example.my.salesforce.com" } },
      ConnectorProfileCredentials: { Salesforce: { AccessToken: "example-token" } } } };
  await cc.send(new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(model) }));
  assert.deepEqual(await listed(), ["p1"]);
  assert.deepEqual((await ccemu.requests()).map((r) => r.event.Operation), ["CREATE"]);
});

test("the previous test left nothing", async () => {
  assert.deepEqual(await listed(), []);
});

test("an injected fault", async () => {
  await ccemu.addFault({ operation: "ListResources", error: { code: "ThrottlingException" }, times: 1 });
  await assert.rejects(listed(), { name: "ThrottlingException" });
  assert.deepEqual(await listed(), []);
});
