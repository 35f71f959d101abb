"""scripts/bench's measurements; prints a markdown table and writes it to BUILD_DIR/bench.md.

Usage: python3 bench.py BUILD_DIR. Evidence, not a gate: nothing here fails on a slow number.
"""

import http.client
import json
import os
import platform
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TYPE = "AWS::AppFlow::ConnectorProfile"
DURATION = os.environ.get("CCEMU_BENCH_SECONDS", "5")


class Server:
    def __init__(self, argv, stderr_lines=None, env=None):
        """`stderr_lines`: a queue.Queue that receives the server's stderr, line by line. `env`: added to
        this process's environment."""
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL if stderr_lines is None else subprocess.PIPE,
                                     text=True, env=None if env is None else {**os.environ, **env})
        if stderr_lines is not None:
            threading.Thread(target=lambda: [stderr_lines.put(l) for l in self.proc.stderr], daemon=True).start()
        line = self.proc.stdout.readline()
        match = re.search(r"http://([^:]+):(\d+)", line)
        if not match:
            raise RuntimeError(f"{argv[0]} did not start: {line!r}")
        self.host, self.port = match.group(1), int(match.group(2))
        self.conn = http.client.HTTPConnection(self.host, self.port)

    def call(self, op, body):
        self.conn.request("POST", "/", json.dumps(body),
                          {"X-Amz-Target": f"CloudApiService.{op}", "Content-Type": "application/x-amz-json-1.0"})
        response = self.conn.getresponse()
        return response.status, response.read()

    def rss_kib(self):
        for line in open(f"/proc/{self.proc.pid}/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1])
        return 0

    def stop(self):
        self.conn.close()
        self.proc.terminate()
        self.proc.wait()


def model(name):
    return json.dumps({"ConnectorProfileName": name, "ConnectionMode": "Public", "ConnectorType": "Salesforce",
                       "ConnectorProfileConfig": {"ConnectorProfileProperties": {
                           "Salesforce": {"InstanceUrl": "https://example.my.salesforce.com"}}}})


def create_many(server, prefix, count, start=0):
    for i in range(start, start + count):
        status, _ = server.call("CreateResource", {"TypeName": TYPE, "DesiredState": model(f"{prefix}-{i}")})
        assert status == 200, status


def wrk(server, op, connections, run, body=None):
    threads = 1 if connections == 1 else 2
    env = {**os.environ, "CCEMU_OP": op, "CCEMU_RUN": run}
    if body is not None:
        env["CCEMU_BODY"] = body
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{DURATION}s", "-s", os.path.join(HERE, "request.lua"),
         f"http://{server.host}:{server.port}/"],
        env=env, capture_output=True, text=True, check=True).stdout
    match = re.search(r"CCEMU_RESULT rps=([\d.]+) p50_us=(\d+) p99_us=(\d+) errors=(\d+)", out)
    return {"rps": float(match.group(1)), "p50": int(match.group(2)), "p99": int(match.group(3)),
            "errors": int(match.group(4))}


def startup(binary, runs=20):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        server = Server([binary, "--port", "0"])
        conn = http.client.HTTPConnection(server.host, server.port)
        conn.request("GET", "/_ccemu/health")
        assert conn.getresponse().status == 200
        times.append((time.perf_counter() - start) * 1000)
        conn.close()
        server.stop()
    return statistics.median(times), max(times)


def latency_us(server, op, body, samples=2000):
    times = []
    for i in range(samples):
        payload = body(i) if callable(body) else body
        start = time.perf_counter()
        status, _ = server.call(op, payload)
        times.append((time.perf_counter() - start) * 1e6)
        assert status == 200, (op, status)
    times.sort()
    return times[len(times) // 2], times[int(len(times) * 0.99)]


class MotoServer(Server):
    """moto_server on a free port; it prints no listening line, so poll it with a deadline."""

    def __init__(self):
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.host = "127.0.0.1"
        self.proc = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", self.host, "-p", str(self.port)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=1)
                self.conn.request("GET", "/moto-api/")
                self.conn.getresponse().read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("moto_server did not start")
                time.sleep(0.05)


def peer_rows(results):
    """ccemu next to moto_server on a JSON 1.0 operation each implements, same client and load."""
    if subprocess.run([sys.executable, "-c", "import moto"], capture_output=True).returncode != 0:
        return [("peer: moto_server", "not installed (python3 -c 'import moto' failed): no comparison")]
    moto = MotoServer()
    rows = []
    for connections in (1, 16):
        r = wrk(moto, "ListTables", connections, "moto")
        ours = results[("GetResource", connections)]
        rows.append((f"peer: moto_server DynamoDB ListTables, {connections} connection(s)",
                     f"{r['rps']:,.0f} req/s, p50 {r['p50']} µs, p99 {r['p99']} µs; "
                     f"ccemu GetResource is {ours['rps'] / r['rps']:.1f}× its throughput"))
    moto.stop()
    return rows


def many_types_rows(ccemu, count=1000):
    """Start-up with `count` generated registry schemas (issue 7), each with nested $refs,
    patterns, patternProperties and generated read-only values."""
    with tempfile.TemporaryDirectory() as directory:
        for i in range(count):
            props = {f"Field{j}": {"type": "string", "maxLength": 64, "pattern": "^[a-z0-9-]+$"} for j in range(15)}
            props.update({"Id": {"type": "string", "pattern": "^gen-[0-9a-f]{16}$"}, "Arn": {"type": "string"},
                          "Name": {"type": "string"}, "Nested": {"$ref": "#/definitions/Nested"},
                          "Labels": {"type": "object", "patternProperties": {"^[a-z]{1,16}$": {"type": "string"}}}})
            schema = {"typeName": f"Bench::Generated::Type{i}", "additionalProperties": False,
                      "definitions": {"Nested": {"type": "object", "properties": {
                          "Mode": {"type": "string", "enum": ["A", "B"]}, "Count": {"type": "integer"}}}},
                      "properties": props, "required": ["Name"], "primaryIdentifier": ["/properties/Id"],
                      "readOnlyProperties": ["/properties/Id", "/properties/Arn"],
                      "handlers": {h: {"permissions": []} for h in ("create", "read", "update", "delete", "list")}}
            with open(os.path.join(directory, f"Bench-Generated-Type{i}.json"), "w") as out:
                json.dump(schema, out)
        start = time.perf_counter()
        server = Server([ccemu, "--port", "0", "--schema-dir", directory])
        conn = http.client.HTTPConnection(server.host, server.port)
        conn.request("GET", "/_ccemu/health")
        types = len(json.loads(conn.getresponse().read())["types"])
        elapsed = (time.perf_counter() - start) * 1000
        rss = server.rss_kib() / 1024
        conn.close()
        server.stop()
    return [(f"start-up with {types:,} generated schemas", f"{elapsed:.0f} ms to first health answer, {rss:.1f} MiB resident")]


def registry_rows(ccemu):
    """The registry bundle (issue 11): start-up and memory with every type available, what the first
    request to a never-used type costs (its schema is parsed and compiled then), memory as types load."""
    server = Server([ccemu, "--port", "0"])
    conn = http.client.HTTPConnection(server.host, server.port)
    conn.request("GET", "/_ccemu/health")
    types = json.loads(conn.getresponse().read())["types"]
    idle = server.rss_kib() / 1024

    def get(type_name):
        start = time.perf_counter()
        server.call("GetResource", {"TypeName": type_name, "Identifier": "bench-missing"})
        return (time.perf_counter() - start) * 1000

    cold = [get(name) for name in types[:100]]
    warm = [get(name) for name in types[:100]]
    after_100 = server.rss_kib() / 1024
    for name in types[100:]:
        get(name)
    after_all = server.rss_kib() / 1024
    server.stop()
    extra = [c - w for c, w in zip(cold, warm)]
    return [(f"registry bundle: {len(types):,} types served, resident memory idle", f"{idle:.1f} MiB"),
            ("first GetResource to a never-used type (100 types)",
             f"median {statistics.median(cold):.2f} ms (warm {statistics.median(warm):.2f} ms; "
             f"the load costs median {statistics.median(extra):.2f} ms, max {max(extra):.2f} ms)"),
            ("resident memory after touching 100 / all types", f"{after_100:.1f} / {after_all:.1f} MiB")]


def busy_connections_rows(ccemu, idle=200, half_sent=64, samples=20):
    """A new request's time to answer while SDK-style idle keep-alive connections and half-sent
    requests hold connections open (issue 12: each holds a worker; the pool must grow)."""
    import socket
    server = Server([ccemu, "--port", "0"])
    held = []
    for _ in range(idle):
        sock = socket.create_connection((server.host, server.port))
        sock.sendall(b"GET /_ccemu/health HTTP/1.1\r\nHost: x\r\n\r\n")
        held.append(sock)
    for sock in held:
        sock.recv(65536)
    body = json.dumps({"TypeName": TYPE}).encode()
    head = (f"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: CloudApiService.ListResources\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    for _ in range(half_sent):
        sock = socket.create_connection((server.host, server.port))
        sock.sendall(head[:40])
        held.append(sock)
    times = []
    for _ in range(samples):
        start = time.perf_counter()
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        conn.request("POST", "/", body, {"X-Amz-Target": "CloudApiService.ListResources",
                                         "Content-Type": "application/x-amz-json-1.0"})
        assert conn.getresponse().status == 200
        times.append((time.perf_counter() - start) * 1000)
        conn.close()
    rss = server.rss_kib() / 1024
    for sock in held:
        sock.close()
    server.stop()
    return [(f"new connection's ListResources with {idle} idle and {half_sent} half-sent connections open",
             f"median {statistics.median(times):.2f} ms, max {max(times):.2f} ms ({samples} requests); "
             f"{rss:.1f} MiB resident meanwhile")]


def throughput_rows(ccemu, ceiling, rounds=3):
    """Throughput with wrk. GetResource and the bare cpp-httplib ceiling run interleaved, round by round,
    so both see the same machine; each is reported by its median round."""
    rows = []
    server = Server([ccemu, "--port", "0"])
    rows.append(("resident memory, idle", f"{server.rss_kib() / 1024:.1f} MiB"))
    create_many(server, "bench", 200)
    server.call("CreateResource", {"TypeName": TYPE, "DesiredState": model("bench-get")})
    top = Server([ceiling])
    get_rounds = {c: [] for c in (1, 16)}
    for _ in range(rounds):
        for connections in (1, 16):
            ours = wrk(server, "GetResource", connections, f"w{connections}")
            bare = wrk(top, "GetResource", connections, "ceiling")
            get_rounds[connections].append((ours, bare))
    top.stop()
    results = {}
    for connections, pairs in get_rounds.items():
        ours = sorted((p[0] for p in pairs), key=lambda r: r["rps"])[len(pairs) // 2]
        bare = sorted((p[1] for p in pairs), key=lambda r: r["rps"])[len(pairs) // 2]
        shares = ", ".join(f"{100 * o['rps'] / b['rps']:.0f}" for o, b in pairs)
        results[("GetResource", connections)] = ours
        rows.append((f"GetResource, {connections} connection(s), median of {rounds} interleaved rounds",
                     f"{ours['rps']:,.0f} req/s, p50 {ours['p50']} µs, p99 {ours['p99']} µs, "
                     f"{100 * ours['rps'] / bare['rps']:.0f} % of ceiling (rounds: {shares} %)"
                     + (f", {ours['errors']} errors" if ours["errors"] else "")))
        rows.append((f"ceiling: bare cpp-httplib, {connections} connection(s), median of {rounds}",
                     f"{bare['rps']:,.0f} req/s, p50 {bare['p50']} µs, p99 {bare['p99']} µs"))
    # DescribeConnectorProfiles is the native AppFlow API's read (by name, one profile), beside
    # GetResource's.
    for op in ("CreateResource", "ListResources", "DescribeConnectorProfiles"):
        for connections in (1, 16):
            r = results[(op, connections)] = wrk(server, op, connections, f"w{connections}")
            per_page = f", {1000 / r['rps']:.2f} ms per page" if op == "ListResources" and connections == 1 else ""
            rows.append((f"{op}{' (page of 100)' if op == 'ListResources' else ''}, {connections} connection(s)",
                         f"{r['rps']:,.0f} req/s, p50 {r['p50']} µs, p99 {r['p99']} µs{per_page}"
                         + (f", {r['errors']} errors" if r["errors"] else "")))
    # STS GetCallerIdentity: the first call of every Terraform, Pulumi and SDK start-up.
    r = results[("GetCallerIdentity", 1)] = wrk(server, "GetCallerIdentity", 1, "w1")
    rows.append(("STS GetCallerIdentity, 1 connection",
                 f"{r['rps']:,.0f} req/s, p50 {r['p50']} µs, p99 {r['p99']} µs"
                 + (f", {r['errors']} errors" if r["errors"] else "")))
    server.stop()
    return rows, results


def growth_rows(ccemu):
    """How costs grow with the number of stored resources."""
    rows = []
    server = Server([ccemu, "--port", "0"])
    stored = 0
    for size in (1000, 10000, 100000):
        create_many(server, "grow", size - stored, start=stored)
        stored = size
        server.call("CreateResource", {"TypeName": TYPE, "DesiredState": model("bench-get")})
        get = latency_us(server, "GetResource", {"TypeName": TYPE, "Identifier": "bench-get"})
        create = latency_us(server, "CreateResource",
                            lambda i, s=size: {"TypeName": TYPE, "DesiredState": model(f"extra-{s}-{i}")})
        stored += 2000
        start, pages, token = time.perf_counter(), 0, None
        while True:
            body = {"TypeName": TYPE, "MaxResults": 100}
            if token:
                body["NextToken"] = token
            _, data = server.call("ListResources", body)
            pages += 1
            token = json.loads(data).get("NextToken")
            if not token:
                break
        walk = time.perf_counter() - start
        rows.append((f"{size:,} stored: GetResource / CreateResource latency (1 connection)",
                     f"p50 {get[0]:.0f} / {create[0]:.0f} µs, p99 {get[1]:.0f} / {create[1]:.0f} µs"))
        rows.append((f"{size:,} stored: full ListResources walk", f"{pages} pages in {walk * 1000:.0f} ms"))
        rows.append((f"resident memory with {stored:,} resources", f"{server.rss_kib() / 1024:.1f} MiB"))
    server.stop()
    return rows


def snapshot_writes(server, lines, writes=5):
    """`writes` snapshot writes, one change each, as the debug log reports them: [(bytes, total_us, export_us)].
    export_us is None when the server does not report it."""
    def next_write(timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            match = re.search(r"state file written: .* bytes=(\d+) duration_us=(\d+)(?: export_us=(\d+))?", line)
            if match:
                return int(match.group(1)), int(match.group(2)), match.group(3) and int(match.group(3))
        return None
    # Quiet first: the writes the bulk load caused end when none follows within a second.
    while next_write(1.0):
        pass
    samples = []
    for i in range(writes):
        server.call("CreateResource", {"TypeName": TYPE, "DesiredState": model(f"snapshot-{time.time_ns()}-{i}")})
        write = next_write(30.0)
        if write is None:
            raise RuntimeError("no state file write reported within 30 s")
        samples.append(write)
    return samples


def stored_state_rows(ccemu, count=20000):
    """Snapshot write time, and resident memory per stored ConnectorProfile against the size of the models'
    JSON: once loaded by PUT /_ccemu/state (the store alone), once created by CreateResource (each create's
    request is kept 7 days too, spec §3.7)."""
    rows = []
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "state.json")
        lines = queue.Queue()
        # A fold after every change: each reports one snapshot write.
        server = Server([ccemu, "--port", "0", "--state-file", path, "--log-level", "debug"], stderr_lines=lines,
                        env={"CCEMU_JOURNAL_FOLD_BYTES": "1"})
        created = 0
        for size in (10000, count):
            create_many(server, "stored", size - created, start=created)
            created = size
            samples = snapshot_writes(server, lines)
            created += len(samples)
            total = statistics.median(s[1] for s in samples) / 1000
            exports = [s[2] for s in samples if s[2] is not None]
            export = f"assembling the text {statistics.median(exports) / 1000:.1f} ms, " if exports else ""
            rows.append((f"snapshot write (--state-file) with {size:,} resources, median of {len(samples)}",
                         f"{export}{total:.1f} ms in all with fsync and rename, "
                         f"{samples[-1][0] / 1e6:.1f} MB"))
        server.stop()
        with open(path) as state:
            text = state.read()
    dump = json.loads(text)
    models = [m for regions in dump["resources"].values() for types in regions.values()
              for identifiers in types.values() for m in identifiers.values()]
    model_bytes = sum(len(json.dumps(m, separators=(",", ":"), ensure_ascii=False).encode()) for m in models)

    def growth(label, kib, resources):
        per = 10000 / resources
        return (f"resident memory growth, {resources:,} ConnectorProfiles {label}",
                f"{kib / 1024:.1f} MiB for {model_bytes / 2**20:.1f} MiB of model JSON "
                f"({kib * 1024 / model_bytes:.1f}×); per 10,000: {kib * per / 1024:.1f} MiB "
                f"for {model_bytes * per / 2**20:.1f} MiB")

    server = Server([ccemu, "--port", "0"])
    idle = server.rss_kib()
    conn = http.client.HTTPConnection(server.host, server.port)
    conn.request("PUT", "/_ccemu/state", text, {"Content-Type": "application/json"})
    response = conn.getresponse()
    assert response.status == 200, response.read()
    response.read()
    conn.close()
    rows.append(growth("loaded by PUT /_ccemu/state", server.rss_kib() - idle, len(models)))
    server.stop()

    server = Server([ccemu, "--port", "0"])
    idle = server.rss_kib()
    create_many(server, "stored", len(models))
    rows.append(growth("created by CreateResource, their requests included", server.rss_kib() - idle, len(models)))
    server.stop()
    return rows


# Pattern-heavy types (issue 20): models every pattern of which is checked, valid to std::regex's
# reading and to Java's, so both engines do the same work. Omics' \p{...} patterns were misread by
# std::regex as literal letters, which "pLNZ" happens to satisfy too.
PATTERN_MODELS = {
    "AWS::SSM::Association": {
        "Name": "AWS-RunShellScript", "AssociationName": "assoc-%ID%", "MaxErrors": "10%", "MaxConcurrency": "5",
        "InstanceId": "i-0123456789abcdef0", "DocumentVersion": "$LATEST",
        "AssociationDispatchAssumeRole": "arn:aws:iam::123456789012:role/dispatch"},
    "AWS::Omics::Workflow": {
        "Name": "pLNZ", "Description": "pLNZ", "Main": "pLNZ", "DefinitionUri": "pLNZ", "WorkflowBucketOwnerId": "123456789012",
        "ParameterTemplatePath": "template-%ID%.json", "readmeUri": "s3://bucket-name/readme-%ID%.md"},
    "AWS::Amplify::App": {
        "Name": "app-%ID%", "Description": "An app\nwith two lines", "BuildSpec": "version: 1\n" * 200,
        "IAMServiceRole": "arn:aws:iam::123456789012:role/amplify", "Repository": "https://github.com/o/r"},
}


def pattern_rows(ccemu, rounds=3):
    """CreateResource throughput, 1 connection, of types whose models are mostly patterned strings:
    the cost of matching the registry's Java patterns (std::regex before issue 20, PCRE2 after)."""
    rows = []
    for type_name, model in PATTERN_MODELS.items():
        server = Server([ccemu, "--port", "0"])
        body = json.dumps({"TypeName": type_name, "DesiredState": json.dumps(model)})
        status, answer = server.call("CreateResource", json.loads(body.replace("%ID%", "probe")))
        assert status == 200, (type_name, answer)
        results = sorted((wrk(server, "CreateResource", 1, f"p{i}", body) for i in range(rounds)),
                         key=lambda r: r["rps"])
        server.stop()
        r = results[len(results) // 2]
        rows.append((f"CreateResource {type_name} (pattern-heavy), 1 connection, median of {rounds}",
                     f"{r['rps']:,.0f} req/s, p50 {r['p50']} µs, p99 {r['p99']} µs"
                     + (f", {r['errors']} errors" if r["errors"] else "")))
    return rows


def durable_rows(ccemu, in_memory, changes=100000):
    """CreateResource with --state-file in each --state-sync mode beside the in-memory figure, and how long
    start-up takes to replay a journal of `changes` creates."""
    rows = []
    for mode in ("batch", "always", "none"):
        with tempfile.TemporaryDirectory() as directory:
            server = Server([ccemu, "--port", "0", "--state-file", os.path.join(directory, "state.json"),
                             "--state-sync", mode])
            for connections in (1, 16):
                r = wrk(server, "CreateResource", connections, f"d{mode}{connections}")
                base = in_memory.get(("CreateResource", connections))
                share = f", {100 * r['rps'] / base['rps']:.0f} % of in-memory" if base else ""
                rows.append((f"CreateResource, --state-file --state-sync {mode}, {connections} connection(s)",
                             f"{r['rps']:,.0f} req/s, p50 {r['p50']} µs, p99 {r['p99']} µs{share}"
                             + (f", {r['errors']} errors" if r["errors"] else "")))
            server.stop()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "state.json")
        # No fold: the journal keeps all the changes; kill -9 leaves it for the next start to replay.
        server = Server([ccemu, "--port", "0", "--state-file", path, "--state-sync", "none"],
                        env={"CCEMU_JOURNAL_FOLD_BYTES": str(1 << 40)})
        create_many(server, "replay", changes)
        server.proc.kill()
        server.proc.wait()
        journal_bytes = os.path.getsize(path + ".journal.0")
        times = []
        for _ in range(5):
            lines = queue.Queue()
            start = time.perf_counter()
            server = Server([ccemu, "--port", "0", "--state-file", path, "--log-level", "debug"], stderr_lines=lines,
                            env={"CCEMU_JOURNAL_FOLD_BYTES": str(1 << 40)})
            times.append((time.perf_counter() - start) * 1000)
            server.proc.kill()
            server.proc.wait()
        rows.append((f"start-up replaying a journal of {changes:,} CreateResource changes "
                     f"({journal_bytes / 2**20:.0f} MiB), median of 5", f"{statistics.median(times):.0f} ms"))
    return rows


def dashboard_rows(ccemu, runs=5):
    """The dashboard's Resources view of one type with 100,000 stored resources, in headless Chromium:
    from opening the page to its first page of rows (tests/browser/dashboard_browser.py), which needs an
    interpreter with Debian's python3-selenium."""
    label = "dashboard: Resources view of a type with 100,000 resources, open → first page shown"
    script = os.path.join(HERE, "..", "browser", "dashboard_browser.py")
    for python in (sys.executable, "/usr/bin/python3"):
        if subprocess.run([python, "-c", "import selenium"], capture_output=True).returncode == 0:
            break
    else:
        return [(label, "not measured: no python3 with selenium (scripts/install-deps --test)")]
    done = subprocess.run([python, script, ccemu, str(runs)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        return [(label, f"not measured: {done.stderr.strip().splitlines()[-1:]}")]
    times = json.loads(done.stdout)
    return [(f"{label} ({runs} loads)", f"first {times[0]:.0f} ms (the browser's first page), "
                                        f"then median {statistics.median(times[1:]):.0f} ms")]


SECTIONS = ("startup", "throughput", "registry", "busy", "peer", "types", "growth", "stored", "durable", "dashboard",
            "patterns")


def main():
    build = sys.argv[1]
    ccemu = os.path.join(build, "emulator", "ccemu")
    ceiling = os.path.join(build, "tests", "bench", "bench_ceiling_server")
    # CCEMU_BENCH_ONLY=throughput,stored runs some sections only (peer needs throughput).
    only = set(filter(None, os.environ.get("CCEMU_BENCH_ONLY", ",".join(SECTIONS)).split(",")))
    rows = []
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    machine = f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"

    if "startup" in only:
        median, worst = startup(ccemu)
        rows.append(("spawn → first /_ccemu/health answer (20 starts)", f"median {median:.1f} ms, max {worst:.1f} ms"))
    results = {}
    if "throughput" in only:
        throughput, results = throughput_rows(ccemu, ceiling)
        rows.extend(throughput)
        if "peer" in only:
            rows.extend(peer_rows(results))
    if "registry" in only:
        rows.extend(registry_rows(ccemu))
    if "busy" in only:
        rows.extend(busy_connections_rows(ccemu))
    if "types" in only:
        rows.extend(many_types_rows(ccemu))
    if "growth" in only:
        rows.extend(growth_rows(ccemu))
    if "stored" in only:
        rows.extend(stored_state_rows(ccemu))
    if "patterns" in only:
        rows.extend(pattern_rows(ccemu))
    if "durable" in only:
        rows.extend(durable_rows(ccemu, results))
    if "dashboard" in only:
        rows.extend(dashboard_rows(ccemu))

    table = [f"Machine: {machine}", "", "| measurement | result |", "|---|---|"]
    table += [f"| {name} | {value} |" for name, value in rows]
    text = "\n".join(table) + "\n"
    print(text)
    with open(os.path.join(build, "bench.md"), "w") as out:
        out.write(text)


if __name__ == "__main__":
    main()
