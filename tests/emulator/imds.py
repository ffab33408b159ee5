"""An IMDSv2 stand-in (plain HTTP on 127.0.0.1): a session token by PUT, then
the instance role's credentials (one of the state's credentials, the one
with "imds_role"). Without a valid token every GET is 401, as with
HttpTokens=required (IMDSv2 only). See README, fidelity table: IMDS."""

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import directory

TOKEN_PATH = "/latest/api/token"
CREDS_PATH = "/latest/meta-data/iam/security-credentials/"
REGION_PATH = "/latest/meta-data/placement/region"
MAX_TTL = 21600


def _iso(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


class ImdsServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, state):
        self.state = state
        self.tokens: dict[str, float] = {}  # token -> expiry (the emulator's clock)
        self.lock = threading.Lock()
        self.requests: list[dict] = []       # what was asked (GET /imds on the admin API)
        super().__init__(address, ImdsHandler)


class ImdsHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, format, *args):
        pass

    def _reply(self, status, text, content_type="text/plain"):
        body = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Server", "EC2ws")
        self.end_headers()
        self.wfile.write(body)

    def _record(self, status):
        with self.server.lock:
            self.server.requests.append({"method": self.command, "path": self.path, "status": status,
                                         "has_token": "X-aws-ec2-metadata-token" in self.headers})

    def do_PUT(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path != TOKEN_PATH:
            return self._done(404, "")
        if "X-Forwarded-For" in self.headers:
            return self._done(403, "")  # IMDS refuses tokens asked through a proxy
        try:
            ttl = int(self.headers.get("X-aws-ec2-metadata-token-ttl-seconds", ""))
        except ValueError:
            ttl = 0
        if not 1 <= ttl <= MAX_TTL:
            return self._done(400, "")
        token = secrets.token_urlsafe(40)
        with self.server.lock:
            self.server.tokens[token] = self.server.state.now() + ttl
        self._record(200)
        body = token.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-aws-ec2-metadata-token-ttl-seconds", str(ttl))
        self.end_headers()
        self.wfile.write(body)

    def _done(self, status, text, content_type="text/plain"):
        self._record(status)
        self._reply(status, text, content_type)

    def do_GET(self):
        token = self.headers.get("X-aws-ec2-metadata-token")
        with self.server.lock:
            expiry = self.server.tokens.get(token or "")
        if expiry is None or expiry <= self.server.state.now():
            return self._done(401, "")
        state = self.server.state
        cred = directory.imds_credential(state)
        role = cred["imds_role"] if cred else None
        if self.path == REGION_PATH:
            pools = list(state.pools.values())
            return self._done(200, pools[0].region if pools else "us-east-1")
        if self.path == CREDS_PATH:
            return self._done(200, role) if role else self._done(404, "")
        if role and self.path == CREDS_PATH + role:
            now = state.now()
            doc = {"Code": "Success", "LastUpdated": _iso(now), "Type": "AWS-HMAC",
                   "AccessKeyId": cred["access_key_id"], "SecretAccessKey": cred["secret_access_key"],
                   "Token": cred["session_token"], "Expiration": _iso(now + 6 * 3600)}
            return self._done(200, json.dumps(doc, indent=2))
        self._done(404, "")

    do_POST = do_DELETE = do_PATCH = lambda self: self._done(405, "")
