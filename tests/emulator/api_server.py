"""The HTTPS listener that speaks Cognito's API: threads, TLS, keep-alive, faults, log."""

import email.utils
import http
import json
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import conformance
import faults
import operations
import sigv4
from errors import CognitoError

MAX_BODY = 1024 * 1024
DRAIN_LIMIT = 64 * 1024 * 1024
LOG_BODY_LIMIT = 64 * 1024
HANDSHAKE_TIMEOUT = 10
IDLE_TIMEOUT = 30
ERROR_TYPE_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.coral.service/"


class AccessLog:
    """One line per request in the --log file; nothing when there is none."""

    def __init__(self, path: str | None):
        self._file = open(path, "a", encoding="utf-8", buffering=1) if path else None
        self._lock = threading.Lock()

    def write(self, line: str) -> None:
        if self._file is not None:
            with self._lock:
                self._file.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {line}\n")


class ApiServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, ssl_context, state, monitor, fault_queue, access_log,
                 idle_timeout=IDLE_TIMEOUT, model=None):
        self.ssl_context = ssl_context
        self.model = model  # service_model.Model: check every request and answer against it
        self.idle_timeout = idle_timeout
        self.state = state
        self.monitor = monitor
        self.faults = fault_queue
        self.access_log = access_log
        super().__init__(address, ApiHandler)

    def finish_request(self, request, client_address):
        # Runs in the connection's own thread, so a slow handshake blocks no one.
        conn_id = self.monitor.connection_accepted()
        request.settimeout(HANDSHAKE_TIMEOUT)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.monitor.handshake(False)
            self.access_log.write(f"conn={conn_id} tls-handshake-failed {e}")
            return
        self.monitor.handshake(True)
        try:
            ApiHandler(tls, client_address, self, conn_id)
        finally:
            tls.close()

    def handle_error(self, request, client_address):
        self.access_log.write("handler error: " + traceback.format_exc().replace("\n", " | "))


def http_message(status: int, headers: list[tuple[str, str]], body: bytes) -> bytes:
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class ApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, request, client_address, server, conn_id):
        self.conn_id = conn_id
        self.timeout = server.idle_timeout  # a keep-alive connection idle this long is closed (FIN)
        self.silenced = False
        super().__init__(request, client_address, server)

    def handle(self):
        self.close_connection = True
        self.handle_one_request()
        while not self.close_connection:
            if self.silenced:
                return self._hold()
            self.handle_one_request()

    def _hold(self):
        """silent_drop: nothing more is read or written, and the socket is never
        closed (no FIN, no RST) while the emulator runs; what the client sends
        is acknowledged by the kernel and never answered."""
        self.server.access_log.write(f"conn={self.conn_id} silently dropped")
        threading.Event().wait()

    def log_message(self, format, *args):
        self.server.access_log.write(f"conn={self.conn_id} " + (format % args))

    def handle_expect_100(self):
        if self._declared_length() > MAX_BODY:
            self._send_plain_error(413, "Request body too large")
            return False
        return super().handle_expect_100()

    def _declared_length(self) -> int:
        try:
            return int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return 0

    def _discard(self, length: int) -> None:
        # Closing with unread request bytes makes the kernel send a RST, which can
        # destroy the 413 before the client reads it; so swallow a sane amount.
        left = min(length, DRAIN_LIMIT)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass

    def _send_plain_error(self, status: int, message: str) -> None:
        body = json.dumps({"__type": "SerializationException", "message": message}).encode()
        self.close_connection = True
        self.wfile.write(http_message(status, self._headers(body, None, close=True), body))

    def _headers(self, body: bytes, error_type: str | None, close: bool, content_type=faults.JSON_TYPE):
        headers = [
            ("Date", email.utils.formatdate(usegmt=True)),
            ("Content-Type", content_type),
            ("Content-Length", str(len(body))),
            ("Connection", "close" if close else "keep-alive"),
            ("x-amzn-RequestId", str(uuid.uuid4())),
        ]
        if error_type:
            headers.append(("x-amzn-ErrorType", error_type + ERROR_TYPE_SUFFIX))
        return headers

    def do_GET(self):
        self._not_post()

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    def _not_post(self):
        self.server.monitor.request("(not POST)")
        fault = self.server.faults.take("(not POST)")
        if fault and fault.kind == "close":
            self.close_connection = True  # no answer, then FIN
            return
        err = CognitoError("UnknownOperationException", None, status=404)
        body = json.dumps(err.body()).encode()
        self.wfile.write(http_message(404, self._headers(body, err.error_type, self.close_connection), body))

    def do_POST(self):
        if "Transfer-Encoding" in self.headers or "Content-Length" not in self.headers:
            return self._send_plain_error(411, "Content-Length required")
        length = self._declared_length()
        if length < 0:
            return self._send_plain_error(400, "Bad Content-Length")
        if length > MAX_BODY:
            self._discard(length)
            return self._send_plain_error(413, "Request body too large")
        raw = self.rfile.read(length)
        if len(raw) < length:
            self.close_connection = True
            return

        target = self.headers.get("X-Amz-Target")
        op = operations.operation_name(target)
        self.server.monitor.request(op or "(unknown)")
        fault = self.server.faults.take(op or "(unknown)", faults.request_username(raw))
        kind = fault.kind if fault else None

        if kind == "close":
            # Like the other delivery faults the operation runs: the answer is what gets lost.
            status, answer, error_type = self._run(target, raw)
            self._conform(op, raw, status, answer, error_type)
            self._log(op, target, raw, status, error_type, kind)
            self.close_connection = True
            return
        if kind == "delay":
            time.sleep(fault.params.get("seconds", 1))

        content_type = faults.JSON_TYPE
        if kind in faults.REPLACING:
            status, content_type, body, error_type = faults.replacement(fault)
            # A fault's answer is checked only when it stands for a Cognito error
            # (throttle, internal_error); the others are wrong on purpose.
            checked = kind in faults.COGNITO_ERRORS or (kind == "http_status" and error_type)
            self._conform(op, raw, status if checked else None, json.loads(body) if checked else None,
                          error_type)
        else:
            run_raw = faults.rewrite(fault, raw) if kind in faults.REWRITING else raw
            status, answer, error_type = self._run(target, run_raw)
            self._conform(op, raw, status, answer, error_type)  # the answer before any spoiling
            body = json.dumps(answer).encode()
            if kind == "truncated_json":
                body = faults.truncate(body)
            elif kind == "padded":
                body = faults.pad(fault, answer)
        self._log(op, target, raw, status, error_type, kind)
        message = http_message(status, self._headers(body, error_type, self.close_connection, content_type), body)
        self._deliver(message, fault)
        if kind == "silent_drop":
            self.silenced = True

    def _run(self, target, raw):
        try:
            state = self.server.state
            return operations.call(state, target, self.headers.get("Content-Type"), raw,
                                   authorize=lambda region: sigv4.verify(state, self.command, self.path,
                                                                         self.headers, raw, region))
        except Exception:
            self.server.access_log.write("operation crashed: " + traceback.format_exc().replace("\n", " | "))
            traceback.print_exc(file=sys.stderr)
            err = CognitoError("InternalErrorException", "An internal error occurred.", status=500)
            return err.status, err.body(), err.error_type

    def _conform(self, op, raw, status, answer, error_type) -> None:
        """Records what the service model says is wrong with this request (as
        the client sent it) and this answer (status None: not checked)."""
        model = self.server.model
        if model is None:
            return
        try:
            request = json.loads(raw) if raw.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            request = None
        checked = {"request": conformance.request_problems(model, op, request)}
        if status is not None:
            checked["response"] = conformance.response_problems(model, op, status, answer, error_type)
        self.server.monitor.conformed(checked.keys())
        for direction, problems in checked.items():
            if problems:
                self.server.monitor.violation({"connection": self.conn_id, "operation": op,
                                               "direction": direction, "status": status,
                                               "user_agent": self.headers.get("User-Agent"),
                                               "problems": problems})

    def _deliver(self, message: bytes, fault) -> None:
        kind = fault.kind if fault else None
        if kind == "reset":
            self.wfile.write(message[: len(message) // 2])
            # Linger 0: closing sends a TCP RST instead of an orderly FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if kind == "drip":
            interval = fault.params.get("interval", 1)
            try:
                for i in range(len(message)):
                    self.wfile.write(message[i:i + 1])
                    time.sleep(interval)
            except OSError:
                self.close_connection = True
            return
        self.wfile.write(message)

    def _honoured_ip(self, body):
        """The UserContextData.IpAddress Cognito would take as the user's
        address: only from a client with propagate_user_context (else it
        uses the request's own source address)."""
        if not isinstance(body, dict) or not isinstance(body.get("UserContextData"), dict):
            return None
        client = self.server.state.clients.get(body.get("ClientId"))
        if client is None or not client.propagate_user_context:
            return None
        return body["UserContextData"].get("IpAddress")

    def _log(self, op, target, raw, status, error_type, fault_kind) -> None:
        try:
            parsed = json.loads(raw) if raw.strip() else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            parsed = raw.decode("utf-8", "replace")
        keys = sorted(parsed) if isinstance(parsed, dict) else []
        honoured_ip = self._honoured_ip(parsed)
        if len(raw) > LOG_BODY_LIMIT:
            parsed = f"({len(raw)} bytes, not kept)"
        self.server.monitor.log({
            "connection": self.conn_id,
            "remote": f"{self.client_address[0]}:{self.client_address[1]}",
            "operation": op,
            "target": target,
            "headers": {k: v for k, v in self.headers.items()},
            "body_keys": keys,
            "body": parsed,
            "status": status,
            "error_type": error_type,
            "fault": fault_kind,
            "honoured_ip": honoured_ip,
        })
        self.server.access_log.write(
            f"conn={self.conn_id} op={op} status={status} error={error_type} fault={fault_kind}"
        )
