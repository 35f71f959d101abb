// The JS SDK v3's signatures against --verify-sigv4 (README "Signature verification"): it signs
// lower-case headers and x-amz-content-sha256, unlike botocore; both must verify.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudControlServiceException, ListResourcesCommand } from "@aws-sdk/client-cloudcontrol";
import { TYPE, caught, makeClient, startServer, unexpectedWarnings } from "./ccemu.js";

let server;
let directory;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), "ccemu-js-sigv4-"));
  const file = join(directory, "credentials.json");
  writeFileSync(file, JSON.stringify({ AKIDJS: { secret_access_key: "js-secret", account_id: "777788889999" } }));
  server = await startServer(["--verify-sigv4", "--credentials", file]);
});

after(async () => {
  await server?.stop();
  rmSync(directory, { recursive: true, force: true });
});

function client(secretAccessKey) {
  return makeClient(server, { maxAttempts: 1, credentials: { accessKeyId: "AKIDJS", secretAccessKey } });
}

test("the right secret verifies", async () => {
  const cc = client("js-secret");
  try {
    const out = await cc.send(new ListResourcesCommand({ TypeName: TYPE }));
    assert.equal(out.$metadata.httpStatusCode, 200);
  } finally {
    cc.destroy();
  }
});

test("a wrong secret is InvalidSignatureException", async () => {
  const cc = client("not-the-secret");
  try {
    const err = await caught(() => cc.send(new ListResourcesCommand({ TypeName: TYPE })));
    assert.ok(err instanceof CloudControlServiceException, `got ${err?.name}`);
    assert.equal(err.name, "InvalidSignatureException");
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.match(err.message, /^The request signature we calculated does not match/);
  } finally {
    cc.destroy();
  }
});

test("no warnings", () => {
  assert.deepEqual(unexpectedWarnings(), []);
});
