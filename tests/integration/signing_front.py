"""A test upstream for ccemu --upstream: an HTTP or HTTPS front (Python's http.server, optionally with TLS)
before a ccemu. It checks every request's SigV4 signature against the credentials ccemu should sign with,
remembers what it received and answered, and passes the request to the ccemu behind it.
"""

import hashlib
import hmac
import http.server
import re
import ssl
import subprocess
import threading

AUTHORIZATION = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=(?P<key>[^/]+)/(?P<date>\d{8})/(?P<region>[^/]+)/(?P<service>[^/]+)/aws4_request, "
    r"SignedHeaders=(?P<signed>[^,]+), Signature=(?P<signature>[0-9a-f]{64})$")


def make_self_signed_certificate(directory):
    """(certificate, key) paths of a self-signed certificate for 127.0.0.1 made with the openssl CLI."""
    certificate, key = f"{directory}/upstream.pem", f"{directory}/upstream-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate,
                    "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=120)
    return certificate, key


def expected_signature(secret_key, method, path, headers, signed, amz_date, region, service, body):
    """The SigV4 signature of a request, computed independently of ccemu's signer."""
    canonical = "\n".join([
        method, path.split("?")[0] or "/", path.split("?")[1] if "?" in path else "",
        "".join(f"{name}:{' '.join(headers.get(name, '').split())}\n" for name in signed),
        ";".join(signed), hashlib.sha256(body).hexdigest()])
    scope = f"{amz_date[:8]}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret_key).encode()
    for part in (amz_date[:8], region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class SigningFront:
    """Use as a context manager. `seen` lists one dict per request: headers (lower-cased), body, whether the
    signature was valid, the scope's region, and the status, x-amzn-RequestId and body it answered with."""

    def __init__(self, upstream, access_key, secret_key, session_token=None, certificate=None, key=None):
        self.upstream, self.access_key, self.secret_key, self.session_token = upstream, access_key, secret_key, session_token
        self.certificate, self.key = certificate, key
        self.seen = []
        self.lock = threading.Lock()

    def __enter__(self):
        front = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                record = {"headers": headers, "body": body, **front.check(self.path, headers, body)}
                if record["signature_valid"]:
                    forwarded = {k: headers[k] for k in ("content-type", "x-amz-target", "authorization") if k in headers}
                    status, answer_headers, answer = front.upstream.raw("POST", "/", body, forwarded)
                    request_id = answer_headers.get("x-amzn-requestid", "")
                else:
                    status, request_id = 403, "front-refused"
                    answer = b'{"__type":"com.amazonaws.cloudcontrol#InvalidSignatureException","Message":"bad signature"}'
                record.update(status=status, request_id=request_id, answer=answer)
                with front.lock:
                    front.seen.append(record)
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("x-amzn-RequestId", request_id)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if self.certificate:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(self.certificate, self.key)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    @property
    def url(self):
        scheme = "https" if self.certificate else "http"
        return f"{scheme}://127.0.0.1:{self.server.server_address[1]}"

    def check(self, path, headers, body):
        match = AUTHORIZATION.match(headers.get("authorization", ""))
        if not match:
            return {"signature_valid": False, "region": None}
        signed = match["signed"].split(";")
        valid = (
            match["key"] == self.access_key
            and match["service"] == "cloudcontrolapi"
            and {"host", "x-amz-date"} <= set(signed)
            and headers.get("x-amz-security-token") == self.session_token
            and (self.session_token is None or "x-amz-security-token" in signed)
            and hmac.compare_digest(match["signature"], expected_signature(
                self.secret_key, "POST", path, headers, signed, headers.get("x-amz-date", ""), match["region"],
                match["service"], body))
        )
        return {"signature_valid": valid, "region": match["region"]}
