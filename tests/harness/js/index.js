// Start, reset and inspect a ccemu (offline AWS Cloud Control API) from JavaScript tests. Node only,
// no dependencies. Nothing sleeps to wait: start-up is the "ccemu listening on" line ccemu prints
// once it serves, then a poll of GET /_ccemu/health, under one deadline.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import http from "node:http";
import https from "node:https";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";

const LISTENING = /ccemu listening on (https?):\/\/([^:\s]+):(\d+)/;
const STDERR_KEPT_CHARS = 256 * 1024;

/** The ccemu to run: `binary` when given, else $CCEMU_BINARY, else `ccemu` on PATH. */
export function findBinary(binary) {
  if (binary) return binary;
  if (process.env.CCEMU_BINARY) return process.env.CCEMU_BINARY;
  for (const folder of (process.env.PATH ?? "").split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, "ccemu");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here: look further along PATH
    }
  }
  throw new Error(
    "no ccemu binary: pass { binary }, set CCEMU_BINARY, or put ccemu on PATH (the ccemu .deb installs /usr/bin/ccemu; " +
      "a source checkout builds build/emulator/ccemu: set CCEMU_BINARY to its absolute path)",
  );
}

/** The flags startCcemu passes for `options` (see startCcemu). */
export function ccemuArgs(options = {}) {
  const args = ["--port", "0"];
  if (options.host) args.push("--host", options.host);
  const flags = [
    ["--progress", options.progress],
    ["--validation", options.validation],
    ["--seed", options.seed],
    ["--record", options.record],
    ["--replay", options.replay],
    ["--state-file", options.stateFile],
  ];
  for (const [flag, value] of flags) if (value !== undefined && value !== null) args.push(flag, String(value));
  for (const folder of options.schemaDirs ?? []) args.push("--schema-dir", folder);
  if (options.types) args.push("--types", Array.isArray(options.types) ? options.types.join(",") : options.types);
  return args.concat(options.args ?? []);
}

/** One admin request: resolves { status, body } with the body parsed as JSON (null when empty). */
function request(endpoint, method, path, body, timeoutMs = 30_000) {
  const url = new URL(path, endpoint);
  const client = url.protocol === "https:" ? https : http;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    // agent: false, so no idle keep-alive socket outlives the call and holds the test process open.
    const req = client.request(url, {
      method,
      agent: false,
      rejectUnauthorized: false,
      timeout: timeoutMs,
      headers: payload === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
    });
    req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out after ${timeoutMs} ms`)));
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (text += chunk));
      res.on("end", () => {
        try {
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null });
        } catch (err) {
          reject(new Error(`${method} ${path}: answer is not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    req.end(payload);
  });
}

/**
 * The admin API of a ccemu already running at `endpoint` (e.g. one a Jest or Vitest global setup
 * started and published in an environment variable): health(), reset(), state(), loadState(dump),
 * requests(), addFault(rule), faults(), clearFaults(). A refused call rejects with ccemu's message.
 */
export function connectCcemu(endpoint) {
  const admin = async (method, path, body) => {
    const { status, body: answer } = await request(endpoint, method, path, body);
    if (status !== 200) throw new Error(`${method} ${path}: ${status} ${answer?.message ?? JSON.stringify(answer)}`);
    return answer;
  };
  return {
    endpoint,
    health: () => admin("GET", "/_ccemu/health"),
    /** Empties every resource and request, in every account and region (fault rules stay). */
    reset: async () => void (await admin("POST", "/_ccemu/reset")),
    /** Every resource, per account, region and type; write-only values masked as "***". */
    state: () => admin("GET", "/_ccemu/state"),
    loadState: async (dump) => void (await admin("PUT", "/_ccemu/state", dump)),
    /** The request ledger, oldest first: [{ account, region, event }]. */
    requests: async () => (await admin("GET", "/_ccemu/requests")).requests,
    /** Adds a rule ({ operation, type_name, identifier, error | failed_event | latency_ms, times | probability })
     *  and resolves it as ccemu holds it, with its id; an array is added as one batch and resolved as an array. */
    addFault: async (rule) => {
      const { rules } = await admin("POST", "/_ccemu/faults", rule);
      return Array.isArray(rule) ? rules.slice(-rule.length) : rules[rules.length - 1];
    },
    faults: async () => (await admin("GET", "/_ccemu/faults")).rules,
    clearFaults: async () => void (await admin("DELETE", "/_ccemu/faults")),
  };
}

/**
 * Starts ccemu on a free port and resolves once it answers health, with
 * { endpoint, host, port, process, args, stderr(), stop(), ...connectCcemu(endpoint) }.
 *
 * options: binary; progress ("immediate" | "polls=N" | "ms=N"), validation ("service" | "schema"),
 * seed, record, replay, stateFile, schemaDirs (one --schema-dir each), types (patterns; needs a
 * ccemu with --types), host, args (further flags); env; deadlineMs (default 10000); waitForHealth
 * (default true). A failed start rejects with ccemu's stderr in the message and leaves no process.
 */
export async function startCcemu(options = {}) {
  const binary = findBinary(options.binary);
  const args = ccemuArgs(options);
  const deadlineMs = options.deadlineMs ?? 10_000;
  const deadline = Date.now() + deadlineMs;
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"], env: options.env ?? process.env });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
    if (stderr.length > STDERR_KEPT_CHARS) stderr = stderr.slice(-STDERR_KEPT_CHARS);
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
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;

  const server = {
    process: child,
    args,
    stderr: () => stderr,
    /** SIGTERM, then SIGKILL after graceMs; resolves { code, signal }. */
    async stop({ graceMs = 5_000 } = {}) {
      if (!running()) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
  const failure = async (what) => {
    await server.stop();
    return new Error(`${what}; command: ${binary} ${args.join(" ")}; stderr: ${stderr.trim()}`);
  };

  const listening = await new Promise((resolve) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => resolve({ error: `ccemu printed no listening line within ${deadlineMs} ms` }), deadlineMs);
    lines.on("line", (line) => {
      const m = LISTENING.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ scheme: m[1], host: m[2], port: Number(m[3]) });
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      resolve({
        error: spawnError
          ? `cannot run ${binary}: ${spawnError.message}`
          : `ccemu exited (code ${code}, signal ${signal}) before listening`,
      });
    });
  });
  if (listening.error) throw await failure(listening.error);

  const endpoint = `${listening.scheme}://${listening.host}:${listening.port}`;
  Object.assign(server, connectCcemu(endpoint), { endpoint, host: listening.host, port: listening.port });
  if (options.waitForHealth !== false) {
    let last;
    for (;;) {
      try {
        const { status } = await request(endpoint, "GET", "/_ccemu/health", undefined, Math.max(deadline - Date.now(), 100));
        if (status === 200) break;
        last = `status ${status}`;
      } catch (err) {
        last = err.message;
      }
      if (!running() || Date.now() >= deadline) throw await failure(`ccemu did not answer GET /_ccemu/health in time (${last})`);
      await new Promise((resolve) => setTimeout(resolve, 10)); // refused: poll again until the deadline
    }
  }
  return server;
}
