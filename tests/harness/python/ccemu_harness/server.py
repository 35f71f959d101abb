"""One ccemu process for a test run: started on a free port, waited for, inspected, stopped.

Nothing sleeps to wait: start-up is detected by reading the "ccemu listening on" line ccemu prints
once it serves, then by polling GET /_ccemu/health, each with a deadline.
"""

import http.client
import json
import os
import re
import select
import shutil
import ssl
import subprocess
import threading
import time

LISTEN_LINE = re.compile(r"ccemu listening on (?P<scheme>https?)://(?P<host>[^:\s]+):(?P<port>\d+)")
# How much of ccemu's stderr is kept in "buffer" mode: enough for any start-up error, bounded
# under --log-level info, which writes a line per request.
STDERR_KEPT_CHARS = 256 * 1024


class CcemuError(RuntimeError):
    """An admin call ccemu refused, or a ccemu that cannot be used."""


class CcemuStartError(CcemuError):
    """ccemu could not be started; the message holds what it wrote on stderr."""


def find_binary(binary=None):
    """The ccemu to run: `binary` when given, else $CCEMU_BINARY, else `ccemu` on PATH."""
    chosen = binary or os.environ.get("CCEMU_BINARY") or shutil.which("ccemu")
    if not chosen:
        raise CcemuStartError("no ccemu binary: pass binary=..., set CCEMU_BINARY, or put ccemu on PATH "
                              "(the ccemu .deb installs /usr/bin/ccemu; a source checkout builds "
                              "build/emulator/ccemu: set CCEMU_BINARY to its absolute path)")
    return os.fspath(chosen)


class Ccemu:
    """A ccemu server. Use as a context manager, or call start() and stop().

    Start options map to ccemu's flags: progress ("immediate", "polls=N", "ms=N"), validation
    ("service", "schema"), seed (int), record / replay / state_file (paths), schema_dirs (paths, one
    --schema-dir each), types (type-name patterns; needs a ccemu with --types). `args`
    are further flags, passed as they are.

    stderr: "buffer" (default) keeps what ccemu writes, readable as `stderr_text`; "pipe" leaves
    it on `process.stderr` for the caller to read; "inherit" lets it through to this process's.
    """

    def __init__(self, binary=None, *, host=None, progress=None, validation=None, seed=None, record=None,
                 replay=None, state_file=None, schema_dirs=(), types=None, args=(), env=None,
                 start_timeout=10.0, wait_for_health=True, stderr="buffer"):
        if stderr not in ("buffer", "pipe", "inherit"):
            raise ValueError(f"stderr must be 'buffer', 'pipe' or 'inherit', not {stderr!r}")
        self.binary = find_binary(binary)
        self.options = {"host": host, "progress": progress, "validation": validation, "seed": seed,
                        "record": record, "replay": replay, "state_file": state_file,
                        "schema_dirs": list(schema_dirs or ()), "types": types}
        self.args = list(args)
        self.env = env  # the process environment; None inherits this one
        self.start_timeout = start_timeout
        self.wait_for_health = wait_for_health
        self.stderr_mode = stderr
        self.process = None
        self.scheme = self.host = self.port = None
        self._stderr_chunks = []
        self._stderr_reader = None

    # --- life cycle ------------------------------------------------------------------------------

    def command(self):
        """The command line start() runs."""
        o = self.options
        argv = [self.binary, "--port", "0"]
        if o["host"]:
            argv += ["--host", o["host"]]
        for flag, key in (("--progress", "progress"), ("--validation", "validation"), ("--seed", "seed"),
                          ("--record", "record"), ("--replay", "replay"), ("--state-file", "state_file")):
            if o[key] is not None:
                argv += [flag, os.fspath(o[key]) if key in ("record", "replay", "state_file") else str(o[key])]
        for folder in o["schema_dirs"]:
            argv += ["--schema-dir", os.fspath(folder)]
        if o["types"]:
            argv += ["--types", o["types"] if isinstance(o["types"], str) else ",".join(o["types"])]
        return argv + self.args

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        """Starts ccemu and returns once it answers health; raises CcemuStartError (with its stderr)
        and leaves no process behind when it does not."""
        argv = self.command()
        try:
            self.process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                stderr=None if self.stderr_mode == "inherit" else subprocess.PIPE, text=True, env=self.env)
        except OSError as exc:
            raise CcemuStartError(f"cannot run {self.binary}: {exc}") from exc
        if self.stderr_mode == "buffer":
            self._stderr_reader = threading.Thread(target=self._keep_stderr, daemon=True)
            self._stderr_reader.start()
        deadline = time.monotonic() + self.start_timeout
        try:
            self._read_listening_line(deadline)
            if self.wait_for_health:
                self._wait_for_health(deadline)
        except CcemuStartError:
            self.stop()
            raise
        return self

    def stop(self):
        """Stops ccemu (SIGTERM, then SIGKILL after 10 s); returns its exit status, or None if it never ran."""
        if not self.process:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._stderr_reader:
            self._stderr_reader.join(timeout=10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream and not stream.closed:
                stream.close()
        return self.process.returncode

    def _keep_stderr(self):
        kept = 0
        for chunk in iter(lambda: self.process.stderr.read(4096), ""):
            self._stderr_chunks.append(chunk)
            kept += len(chunk)
            while kept > STDERR_KEPT_CHARS and len(self._stderr_chunks) > 1:
                kept -= len(self._stderr_chunks.pop(0))

    @property
    def stderr_text(self):
        """What ccemu has written on stderr so far ("buffer" mode; the last 256 KiB)."""
        return "".join(self._stderr_chunks)

    def _failure(self, what):
        """A CcemuStartError saying `what`, with ccemu's stderr once it has exited."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        if self.stderr_mode == "buffer":
            self._stderr_reader.join(timeout=10)
            stderr = self.stderr_text
        elif self.stderr_mode == "pipe":
            stderr = self.process.stderr.read()
        else:
            stderr = "(on this process's stderr)"
        return CcemuStartError(f"{what}; command: {' '.join(self.command())}; stderr: {stderr.strip()}")

    def _read_listening_line(self, deadline):
        while True:
            remaining = deadline - time.monotonic()
            ready = select.select([self.process.stdout], [], [], max(remaining, 0))[0] if remaining > 0 else []
            if not ready:
                raise self._failure(f"ccemu printed no listening line within {self.start_timeout} s")
            line = self.process.stdout.readline()
            if not line:
                self.process.wait()
                raise self._failure(f"ccemu exited with status {self.process.returncode} before listening")
            match = LISTEN_LINE.search(line)
            if match:
                self.scheme, self.host, self.port = match["scheme"], match["host"], int(match["port"])
                return

    def _wait_for_health(self, deadline):
        last = None
        while time.monotonic() < deadline:
            try:
                status, _ = self._request("GET", "/_ccemu/health", timeout=max(deadline - time.monotonic(), 0.1))
                if status == 200:
                    return
                last = f"status {status}"
            except OSError as exc:
                last = str(exc)
            if self.process.poll() is not None:
                break
            time.sleep(0.01)  # a refused connection: poll again until the deadline
        raise self._failure(f"ccemu did not answer GET /_ccemu/health in time ({last})")

    # --- admin API (README "Command line": admin endpoints) ------------------------------------

    @property
    def endpoint_url(self):
        """Where clients send Cloud Control requests, e.g. http://127.0.0.1:41234."""
        return f"{self.scheme}://{self.host}:{self.port}"

    def _request(self, method, path, body=None, timeout=30):
        """(status, parsed JSON body or None)."""
        if self.scheme == "https":
            # Admin calls to our own child under --tls-cert, whose certificate is usually self-signed.
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            connection = http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=context)
        else:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            payload = None if body is None else json.dumps(body).encode()
            connection.request(method, path, body=payload,
                               headers={"Content-Type": "application/json"} if payload else {})
            response = connection.getresponse()
            data = response.read()
            return response.status, json.loads(data) if data else None
        finally:
            connection.close()

    def _admin(self, method, path, body=None):
        status, answer = self._request(method, path, body)
        if status != 200:
            message = answer.get("message") if isinstance(answer, dict) else answer
            raise CcemuError(f"{method} {path}: {status} {message}")
        return answer

    def health(self):
        """{"status": "ok", "types": [...], "version": "..."}"""
        return self._admin("GET", "/_ccemu/health")

    def reset(self):
        """Empties every resource and request, in every account and region (fault rules stay)."""
        self._admin("POST", "/_ccemu/reset")

    def state(self):
        """Every resource, per account, region and type, write-only values masked as "***"."""
        return self._admin("GET", "/_ccemu/state")

    def load_state(self, dump):
        """Replaces every resource with those of `dump` (the shape state() returns)."""
        self._admin("PUT", "/_ccemu/state", dump)

    def requests(self):
        """The request ledger, oldest first: [{"account", "region", "event": ProgressEvent}, ...]."""
        return self._admin("GET", "/_ccemu/requests")["requests"]

    def add_fault(self, rule=None, **fields):
        """Adds a fault injection rule, given as a dict or as keywords (operation, type_name,
        identifier, error, failed_event, latency_ms, times, probability); returns it as ccemu
        holds it, with its "id". A list of rules is added as one batch and returned as a list."""
        if rule is not None and fields:
            raise TypeError("give the rule as a dict or as keywords, not both")
        batch = rule if rule is not None else fields
        rules = self._admin("POST", "/_ccemu/faults", batch)["rules"]
        return rules[-len(batch):] if isinstance(batch, list) else rules[-1]

    def faults(self):
        """The fault rules in force, with how often each has fired."""
        return self._admin("GET", "/_ccemu/faults")["rules"]

    def clear_faults(self):
        """Removes every fault rule."""
        self._admin("DELETE", "/_ccemu/faults")
