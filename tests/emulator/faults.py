"""Queued faults: the next N matching API requests misbehave in a chosen way.

Two families:
- replacing faults answer instead of Cognito (the operation does not run);
- delivery faults let the operation run, then spoil how the answer travels.
"""

import base64
import http
import json
import secrets
import threading
from dataclasses import dataclass, field

REPLACING = {
    "http_status", "throttle", "internal_error", "malformed_json", "huge_body",
    "wrong_types", "empty_result", "unknown_challenge", "raw",
}
DELIVERY = {"delay", "close", "reset", "drip", "truncated_json", "silent_drop", "padded"}
# The operation runs on a changed request (the log keeps what the client sent).
REWRITING = {"first_factor"}
# Replacing faults whose answer is an error Cognito gives (checked against the service model).
COGNITO_ERRORS = {"throttle", "internal_error"}
KINDS = REPLACING | DELIVERY | REWRITING
FIRST_FACTORS = ("EMAIL_OTP", "SMS_OTP", "PASSWORD", "PASSWORD_SRP")

JSON_TYPE = "application/x-amz-json-1.1"


@dataclass
class Fault:
    operation: str
    kind: str
    remaining: int = 1
    params: dict = field(default_factory=dict)

    def public(self) -> dict:
        return {"operation": self.operation, "kind": self.kind, "count": self.remaining, **self.params}


class FaultQueue:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(self, spec: dict) -> Fault:
        if not isinstance(spec, dict):
            raise ValueError("fault must be a JSON object")
        params = dict(spec)
        operation = params.pop("operation", "*")
        kind = params.pop("kind", None)
        count = params.pop("count", 1)
        if not isinstance(operation, str) or not operation:
            raise ValueError("fault: operation must be an operation name or '*'")
        if kind not in KINDS:
            raise ValueError(f"fault: kind must be one of {', '.join(sorted(KINDS))}")
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError("fault: count must be a positive integer")
        _check_params(kind, params)
        fault = Fault(operation, kind, count, params)
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, operation: str | None, username: str | None = None) -> Fault | None:
        """The first queued fault matching this operation (and, for a fault
        with a username, this request's user), used up by one."""
        with self._lock:
            for fault in self._faults:
                if fault.operation in ("*", operation) and fault.params.get("username") in (None, username):
                    if fault.params.get("after", 0) > 0:  # this request still passes
                        fault.params["after"] -= 1
                        continue
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def list(self) -> list[dict]:
        with self._lock:
            return [f.public() for f in self._faults]


def _number(params: dict, name: str, default: float) -> float:
    value = params.get(name, default)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
        raise ValueError(f"fault: {name} must be a non-negative number")
    return value


def request_username(raw: bytes) -> str | None:
    """The user a request is about, as the client named them: USERNAME of
    AuthParameters or ChallengeResponses, or Username (ForgotPassword...)."""
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict):
        return None
    for key in ("AuthParameters", "ChallengeResponses"):
        if isinstance(body.get(key), dict) and isinstance(body[key].get("USERNAME"), str):
            return body[key]["USERNAME"]
    return body.get("Username") if isinstance(body.get("Username"), str) else None


def _check_params(kind: str, params: dict) -> None:
    if not isinstance(params.get("username", ""), str):
        raise ValueError("fault: username must be a string")
    after = params.get("after", 0)
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise ValueError("fault: after must be a non-negative integer")
    if kind == "http_status":
        status = params.get("status", 500)
        if not isinstance(status, int) or not 100 <= status <= 599:
            raise ValueError("fault: status must be an HTTP status code")
    elif kind == "delay":
        _number(params, "seconds", 1)
    elif kind == "drip":
        _number(params, "interval", 1)
    elif kind == "huge_body":
        _number(params, "size", 10 * 1024 * 1024)
    elif kind == "padded":
        _number(params, "size", 64 * 1024)
    elif kind == "first_factor":
        if params.get("challenge") not in FIRST_FACTORS:
            raise ValueError(f"fault: first_factor takes challenge, one of {', '.join(FIRST_FACTORS)}")
    elif kind == "raw":
        if not isinstance(params.get("body", ""), str) or not isinstance(params.get("status", 200), int):
            raise ValueError("fault: raw takes status (int), body (str), content_type (str)")


def replacement(fault: Fault) -> tuple[int, str, bytes, str | None]:
    """(status, content type, body, error type) answered instead of the operation."""
    p = fault.params
    if fault.kind == "http_status":
        status = p.get("status", 500)
        if status == 500:
            return _error(500, "InternalErrorException", "An internal error occurred.")
        try:
            phrase = http.HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        html = f"<html><head><title>{status} {phrase}</title></head><body><h1>{status} {phrase}</h1></body></html>\n"
        return status, "text/html", html.encode(), None
    if fault.kind == "throttle":
        return _error(400, "TooManyRequestsException", "Rate exceeded")
    if fault.kind == "internal_error":
        return _error(500, "InternalErrorException", "An internal error occurred.")
    if fault.kind == "malformed_json":
        return 200, JSON_TYPE, b'{"ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "abc",, "Challenge', None
    if fault.kind == "huge_body":
        size = int(_number(p, "size", 10 * 1024 * 1024))
        padding = max(0, size - len('{"Padding":""}'))
        return 200, JSON_TYPE, b'{"Padding":"' + b"A" * padding + b'"}', None
    if fault.kind == "wrong_types":
        body = {"ChallengeName": 5, "Session": [], "ChallengeParameters": "USERNAME", "AuthenticationResult": 7}
        return 200, JSON_TYPE, json.dumps(body).encode(), None
    if fault.kind == "empty_result":
        return 200, JSON_TYPE, b"{}", None
    if fault.kind == "unknown_challenge":
        body = {
            "ChallengeName": "QUANTUM_MFA",
            "Session": base64.b64encode(secrets.token_bytes(300)).decode(),
            "ChallengeParameters": {"USER_ID_FOR_SRP": "unknown"},
        }
        return 200, JSON_TYPE, json.dumps(body).encode(), None
    if fault.kind == "raw":
        return (p.get("status", 200), p.get("content_type", JSON_TYPE),
                p.get("body", "").encode(), p.get("error_type"))
    raise AssertionError(fault.kind)


def rewrite(fault: Fault, raw: bytes) -> bytes:
    """first_factor: USER_AUTH runs as if the client had asked for fault's challenge.

    InitiateAuth's PREFERRED_CHALLENGE and SELECT_CHALLENGE's ANSWER are
    replaced, so the pool starts a first factor the client did not choose
    (for EMAIL_OTP and SMS_OTP a real code is "sent"). Other requests pass.
    """
    try:
        req = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return raw
    if not isinstance(req, dict):
        return raw
    challenge = fault.params["challenge"]
    params = req.get("AuthParameters")
    answers = req.get("ChallengeResponses")
    if req.get("AuthFlow") == "USER_AUTH" and isinstance(params, dict):
        params["PREFERRED_CHALLENGE"] = challenge
    elif req.get("ChallengeName") == "SELECT_CHALLENGE" and isinstance(answers, dict):
        answers["ANSWER"] = challenge
    else:
        return raw
    return json.dumps(req).encode()


def _error(status: int, error_type: str, message: str) -> tuple[int, str, bytes, str]:
    return status, JSON_TYPE, json.dumps({"__type": error_type, "message": message}).encode(), error_type


def pad(fault: Fault, answer: dict) -> bytes:
    """The answer with one field more, "Padding", that makes the body the
    fault's size in bytes (or none, when the answer alone is larger): a field
    the client does not know."""
    size = int(_number(fault.params, "size", 64 * 1024))
    room = size - len(json.dumps({**answer, "Padding": ""}).encode())
    return json.dumps({**answer, "Padding": "P" * max(0, room)}).encode()


def truncate(body: bytes) -> bytes:
    return body[: max(1, len(body) // 2)]
