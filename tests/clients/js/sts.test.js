// @aws-sdk/client-sts against ccemu's STS (README "STS"): GetCallerIdentity, AssumeRole and
// AssumeRoleWithWebIdentity in AWS's shapes and errors, and the issued temporary credentials creating
// a ConnectorProfile through Cloud Control and reading it through AppFlow, in the role's account,
// with and without --verify-sigv4. Facts: the botocore/Smithy sts model 2011-06-15 the SDK is built
// from (AssumeRoleWithWebIdentity is noAuth: the SDK sends it unsigned).
import { test, before, after, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { AppflowClient, DescribeConnectorProfilesCommand } from "@aws-sdk/client-appflow";
import {
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
} from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, salesforceModel, startServer, unexpectedWarnings } from "./ccemu.js";

const ROLE_ACCOUNT = "210987654321";
const ROLE_ARN = `arn:aws:iam::${ROLE_ACCOUNT}:role/deployer`;

function jwt(claims) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256" })}.${part(claims)}.c2ln`;
}

function stsClient(server, credentials) {
  return new STSClient({ endpoint: server.endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
}

function fromIssued(credentials) {
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    sessionToken: credentials.SessionToken,
  };
}

// Creates through Cloud Control and reads through AppFlow with the issued credentials.
async function roleOwnsProfile(server, credentials, name) {
  const cc = makeClient(server, { maxAttempts: 1, credentials: fromIssued(credentials) });
  const appflow = new AppflowClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: fromIssued(credentials),
    maxAttempts: 1,
  });
  try {
    const created = await cc.send(
      new CreateResourceCommand({ TypeName: TYPE, DesiredState: JSON.stringify(salesforceModel(name)) }),
    );
    const status = await cc.send(
      new GetResourceRequestStatusCommand({ RequestToken: created.ProgressEvent.RequestToken }),
    );
    assert.equal(status.ProgressEvent.OperationStatus, "SUCCESS");
    const out = await appflow.send(new DescribeConnectorProfilesCommand({ connectorProfileNames: [name] }));
    assert.deepEqual(
      out.connectorProfileDetails.map((p) => p.connectorProfileArn),
      [`arn:aws:appflow:us-east-1:${ROLE_ACCOUNT}:connectorprofile/${name}`],
    );
  } finally {
    cc.destroy();
    appflow.destroy();
  }
}

for (const verified of [false, true]) {
  describe(verified ? "STS under --verify-sigv4" : "STS without verification", () => {
    let server;
    let directory;
    const key = verified
      ? { accessKeyId: "AKIDJSSTS", secretAccessKey: "js-sts-secret" }
      : { accessKeyId: "test", secretAccessKey: "test" };
    const account = verified ? "777788889999" : "123456789012";

    before(async () => {
      let args = [];
      if (verified) {
        directory = mkdtempSync(join(tmpdir(), "ccemu-js-sts-"));
        const file = join(directory, "credentials.json");
        writeFileSync(file, JSON.stringify({ AKIDJSSTS: { secret_access_key: "js-sts-secret", account_id: account } }));
        args = ["--verify-sigv4", "--credentials", file];
      }
      server = await startServer(args);
    });

    after(async () => {
      await server?.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    test("GetCallerIdentity names the account's root", async () => {
      const sts = stsClient(server, key);
      try {
        const out = await sts.send(new GetCallerIdentityCommand({}));
        assert.equal(out.Account, account);
        assert.equal(out.Arn, `arn:aws:iam::${account}:root`);
        assert.equal(out.UserId, account);
        assert.match(out.$metadata.requestId, /^[0-9a-f-]{36}$/);
      } finally {
        sts.destroy();
      }
    });

    test("AssumeRole's credentials act in the role's account", async () => {
      const sts = stsClient(server, key);
      try {
        const out = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "js" }));
        assert.match(out.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
        assert.ok(out.Credentials.Expiration instanceof Date);
        assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ROLE_ACCOUNT}:assumed-role/deployer/js`);
        const asRole = stsClient(server, fromIssued(out.Credentials));
        try {
          const who = await asRole.send(new GetCallerIdentityCommand({}));
          assert.equal(who.Arn, out.AssumedRoleUser.Arn);
          assert.equal(who.Account, ROLE_ACCOUNT);
        } finally {
          asRole.destroy();
        }
        await roleOwnsProfile(server, out.Credentials, `js-role-${verified}`);
      } finally {
        sts.destroy();
      }
    });

    test("AssumeRoleWithWebIdentity is answered unsigned", async () => {
      const sts = stsClient(server, key);
      try {
        const token = jwt({ iss: "https://oidc.example.com", sub: "js-job", aud: "sts.amazonaws.com" });
        const out = await sts.send(
          new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE_ARN, RoleSessionName: "oidc", WebIdentityToken: token }),
        );
        assert.equal(out.SubjectFromWebIdentityToken, "js-job");
        assert.equal(out.Provider, "https://oidc.example.com");
        await roleOwnsProfile(server, out.Credentials, `js-oidc-${verified}`);
      } finally {
        sts.destroy();
      }
    });

    test("a missing RoleArn is STS's ValidationError", async () => {
      const sts = stsClient(server, key);
      try {
        const err = await caught(() => sts.send(new AssumeRoleCommand({ RoleSessionName: "js" })));
        assert.ok(err instanceof STSServiceException, `got ${err?.name}`);
        assert.equal(err.name, "ValidationError");
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.equal(
          err.message,
          "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
        );
      } finally {
        sts.destroy();
      }
    });
  });
}

test("no warnings", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
