// Shared helpers for the JS SDK v3 suite: start the ccemu binary named by CCEMU_BINARY on an
// ephemeral port (through the JS harness), build clients pointed at it, and record every warning
// the SDK could emit.
import { CloudControlClient } from "@aws-sdk/client-cloudcontrol";
import { startCcemu } from "../../harness/js/index.js";

export const TYPE = "AWS::AppFlow::ConnectorProfile";

// ---------------------------------------------------------------------------------------------
// Warning capture. Installed when this module is first imported, before any client exists, so
// that warnings raised while a client is configured are seen too. Every test file runs in its
// own process, so each file gets its own record.
// ---------------------------------------------------------------------------------------------
const captured = [];

process.on("warning", (w) => {
  captured.push({ source: "process.emitWarning", name: w.name, message: String(w.message) });
});

const originalConsoleWarn = console.warn;
console.warn = (...args) => {
  captured.push({ source: "console.warn", name: "console.warn", message: args.map(String).join(" ") });
  originalConsoleWarn.apply(console, args);
};

// Passed as the client's logger: the SDK routes some warnings (the waiter's 403 notice, for one)
// through client.config.logger when it is not the NoOpLogger.
const captureLogger = {
  trace() {},
  debug() {},
  info() {},
  error() {},
  warn(...args) {
    captured.push({ source: "client logger", name: "logger.warn", message: args.map(String).join(" ") });
  },
};

// @aws-sdk/core >= 3.9xx emits one NodeVersionSupportWarning per process on Node < 22 when the
// first client is built. It depends only on the Node runtime, never on anything the server sends,
// so it is the single warning tolerated (and only on such a runtime).
function isRuntimeSupportNotice(w) {
  const major = Number(process.versions.node.split(".")[0]);
  return major < 22 && w.message.startsWith("NodeVersionSupportWarning:");
}

/** Every warning seen so far in this process, tolerated ones included. */
export function allWarnings() {
  return captured.slice();
}

/** Warnings that a test should fail on: all of them but the runtime support notice. */
export function unexpectedWarnings() {
  return captured.filter((w) => !isRuntimeSupportNotice(w));
}

// ---------------------------------------------------------------------------------------------
// Server process: the JS harness (tests/harness/js), so every run of this suite tests it too.
// ---------------------------------------------------------------------------------------------

/**
 * Spawns `$CCEMU_BINARY --port 0 ...extraArgs` and resolves once it answers health: the harness's
 * server ({ endpoint, process, args, stderr(), stop(), reset(), ... }). Rejects if that does not
 * happen within deadlineMs, or if the process exits or fails first.
 */
export function startServer(extraArgs = [], { deadlineMs = 10_000 } = {}) {
  const binary = process.env.CCEMU_BINARY;
  if (!binary) {
    return Promise.reject(
      new Error("CCEMU_BINARY is not set: point it at the ccemu binary, e.g. build-dev/emulator/ccemu"),
    );
  }
  return startCcemu({ binary, args: extraArgs, deadlineMs });
}

/** A client for the server. Pass { maxAttempts: 1 } where a retry would only hide a bug. */
export function makeClient(server, overrides = {}) {
  return new CloudControlClient({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    logger: captureLogger,
    ...overrides,
  });
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

/** A ConnectorProfile the AppFlow API accepts: Salesforce with OAuth credentials. */
export function salesforceModel(name, extra = {}) {
  return {
    ConnectorProfileName: name,
    ConnectorType: "Salesforce",
    ConnectionMode: "Public",
    ConnectorProfileConfig: {
      ConnectorProfileProperties: { Salesforce: { InstanceUrl: "https://example.my.salesforce.com" } },
      ConnectorProfileCredentials: {
        Salesforce: { AccessToken: "secret-access-token", RefreshToken: "secret-refresh-token" },
      },
    },
    ...extra,
  };
}

/** Runs fn and returns what it threw; fails if it did not throw. */
export async function caught(fn) {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to throw, but it succeeded");
}
