// Shared helpers for the JS SDK v3 suite: start the ccemu binary named by CCEMU_BINARY on an
// ephemeral port, build clients pointed at it, and record every warning the SDK could emit.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { CloudControlClient } from "@aws-sdk/client-cloudcontrol";

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
// Server process
// ---------------------------------------------------------------------------------------------
const LISTENING = /^ccemu listening on (http:\/\/\S+)\s*$/;

/**
 * Spawns `$CCEMU_BINARY --port 0 ...extraArgs` and resolves once it prints its listening line.
 * Rejects if the line does not come within deadlineMs, or if the process exits or fails first.
 */
export function startServer(extraArgs = [], { deadlineMs = 10_000 } = {}) {
  const binary = process.env.CCEMU_BINARY;
  if (!binary) {
    return Promise.reject(
      new Error("CCEMU_BINARY is not set: point it at the ccemu binary, e.g. build-dev/emulator/ccemu"),
    );
  }
  const args = ["--port", "0", ...extraArgs];
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.length > 65536) stderr = stderr.slice(-65536);
  });
  // Settles when the process ends, or when it could not be started at all (then no "exit" comes).
  let spawnError;
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (err) => {
      spawnError = err;
      if (child.pid === undefined) resolve({ code: null, signal: null, error: err });
    });
  });

  const server = {
    process: child,
    endpoint: undefined,
    args,
    stderr: () => stderr,
    async stop({ graceMs = 5_000 } = {}) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    let settled = false;
    const finish = (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (err) {
        server.stop().finally(() => reject(err));
      } else {
        resolve(server);
      }
    };
    const deadline = setTimeout(() => {
      finish(new Error(`ccemu ${args.join(" ")} printed no listening line within ${deadlineMs} ms; stderr: ${stderr}`));
    }, deadlineMs);
    lines.on("line", (line) => {
      const m = LISTENING.exec(line);
      if (m && !settled) {
        server.endpoint = m[1];
        finish();
      }
    });
    exited.then(({ code, signal }) =>
      finish(
        spawnError
          ? new Error(`cannot start ${binary}: ${spawnError.message}`)
          : new Error(`ccemu exited (code ${code}, signal ${signal}) before listening; stderr: ${stderr}`),
      ),
    );
  });
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
