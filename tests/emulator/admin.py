"""The plain-HTTP admin API tests use to set up pools and users, queue faults and look inside."""

import dataclasses
import json
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import directory
import totp


class AdminServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, state, monitor, fault_queue, model_info=None, imds=None):
        self.imds = imds
        self.model_info = model_info  # what GET /conformance checks against (None: nothing)
        self.state = state
        self.monitor = monitor
        self.faults = fault_queue
        super().__init__(address, AdminHandler)


class AdminError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class AdminHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.strip("/").split("/") if p]
        query = dict(urllib.parse.parse_qsl(url.query))
        try:
            body = self._body() if method == "POST" else {}
            route = ROUTES.get((method, "/".join(parts[:2]))) or ROUTES.get((method, parts[0] if parts else ""))
            if route is None:
                raise AdminError(f"no such admin endpoint: {method} {url.path}", 404)
            answer = route(self.server, parts, query, body)
            self._reply(200, answer)
        except AdminError as e:
            self._reply(e.status, {"error": str(e)})
        except ValueError as e:
            self._reply(400, {"error": str(e)})

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw.strip():
            return {}
        try:
            return json.loads(raw)
        except json.JSONDecodeError as e:
            raise AdminError(f"body is not JSON: {e}") from None

    def _reply(self, status: int, answer) -> None:
        body = (json.dumps(answer, indent=1) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _user_path(server, parts):
    if len(parts) != 3:
        raise AdminError("use /<kind>/<pool_id>/<username>", 404)
    user = server.state.get_user(parts[1], parts[2])
    if user is None:
        raise AdminError(f"no user {parts[2]} in pool {parts[1]}", 404)
    return user


def put_pool(server, parts, query, body):
    return {"ok": True, "pool": dataclasses.asdict(server.state.put_pool(body))}


def update_pool(server, parts, query, body):
    """Like POST /pools, but fields not given keep their current value."""
    current = server.state.pools.get(body.get("id")) if isinstance(body, dict) else None
    if current is None:
        raise AdminError("no such pool (give id)", 404)
    merged = {**dataclasses.asdict(current), **body}
    return {"ok": True, "pool": dataclasses.asdict(server.state.put_pool(merged))}


def update_client(server, parts, query, body):
    current = server.state.clients.get(body.get("client_id")) if isinstance(body, dict) else None
    if current is None:
        raise AdminError("no such client (give client_id)", 404)
    merged = {**dataclasses.asdict(current), **body}
    return {"ok": True, "client": dataclasses.asdict(server.state.put_client(merged))}


def get_client(server, parts, query, body):
    client = server.state.clients.get(parts[1]) if len(parts) == 2 else None
    if client is None:
        raise AdminError("no such client", 404)
    return dataclasses.asdict(client)


def get_pool(server, parts, query, body):
    pool = server.state.pools.get(parts[1]) if len(parts) == 2 else None
    if pool is None:
        raise AdminError("no such pool", 404)
    return dataclasses.asdict(pool)


def put_client(server, parts, query, body):
    return {"ok": True, "client": dataclasses.asdict(server.state.put_client(body))}


def put_user(server, parts, query, body):
    user = server.state.put_user(body)
    return {"ok": True, "user": user.public(server.state.now())}


def update_user(server, parts, query, body):
    user = server.state.update_user(body)
    return {"ok": True, "user": user.public(server.state.now())}


def delete_user(server, parts, query, body):
    if not isinstance(body, dict) or "pool_id" not in body or "username" not in body:
        raise AdminError("give pool_id and username")
    return {"ok": server.state.delete_user(body["pool_id"], body["username"])}


def get_user(server, parts, query, body):
    with server.state.lock:
        return _user_path(server, parts).public(server.state.now())


def get_code(server, parts, query, body):
    with server.state.lock:
        user = _user_path(server, parts)
        now = server.state.now()
        answer = {"secret": user.totp_secret, "code": None, "pending_secret": user.pending_totp_secret,
                  "pending_code": None, "seconds_left": totp.STEP - int(now) % totp.STEP}
        if user.totp_secret:
            answer["code"] = totp.code_at(user.totp_secret, now)
        if user.pending_totp_secret:
            answer["pending_code"] = totp.code_at(user.pending_totp_secret, now)
        answer["sms_code"] = user.sent_codes.get("SMS_MFA")
        answer["email_code"] = user.sent_codes.get("EMAIL_OTP")
        answer["sms_otp_code"] = user.sent_codes.get("SMS_OTP")
        answer["reset_code"] = user.reset_code[0] if user.reset_code else None
        return answer


def get_totp(server, parts, query, body):
    secret = query.get("secret")
    if not secret:
        raise AdminError("give ?secret=BASE32[&offset_steps=N]")
    try:
        steps = int(query.get("offset_steps", "0"))
        now = server.state.now() + steps * totp.STEP
        return {"code": totp.code_at(secret, now)}
    except ValueError as e:
        raise AdminError(f"bad secret or offset_steps: {e}") from None


def get_counters(server, parts, query, body):
    return server.monitor.counters()


def reset_counters(server, parts, query, body):
    server.monitor.reset()
    return {"ok": True}


def add_fault(server, parts, query, body):
    return {"ok": True, "fault": server.faults.add(body).public()}


def clear_faults(server, parts, query, body):
    server.faults.clear()
    return {"ok": True}


def list_faults(server, parts, query, body):
    return server.faults.list()


def get_log(server, parts, query, body):
    try:
        last = int(query.get("last", "100"))
    except ValueError:
        raise AdminError("last must be an integer") from None
    return server.monitor.entries(last)


def clear_log(server, parts, query, body):
    server.monitor.clear_log()
    return {"ok": True}


def get_conformance(server, parts, query, body):
    return {"model": server.model_info, "checked": server.monitor.checked(),
            "violations": server.monitor.violations()}


def set_time(server, parts, query, body):
    offset = body.get("offset_seconds") if isinstance(body, dict) else None
    if not isinstance(offset, (int, float)) or isinstance(offset, bool):
        raise AdminError("give offset_seconds (a number)")
    with server.state.lock:
        server.state.clock_offset = float(offset)
    return get_time(server, parts, query, body)


def get_time(server, parts, query, body):
    return {"offset_seconds": server.state.clock_offset, "now": server.state.now()}


def load_state(server, parts, query, body):
    if not isinstance(body, dict):
        raise AdminError("give {pools, clients, users}")
    for pool in body.get("pools", []):
        server.state.put_pool(pool)
    for client in body.get("clients", []):
        server.state.put_client(client)
    directory.load(server.state, body)
    return {"ok": True}


def reset_all(server, parts, query, body):
    server.state.reset()
    server.faults.clear()
    server.monitor.reset()
    server.monitor.clear_log()
    return {"ok": True}


def put_group(server, parts, query, body):
    return {"ok": True, "group": directory.group_public(directory.put_group(server.state, body))}


def _membership(body):
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str)
                                             for k in ("pool_id", "group_name", "username")):
        raise AdminError("give pool_id, group_name and username")
    return body["pool_id"], body["group_name"], body["username"]


def add_member(server, parts, query, body):
    return {"ok": True, "groups": directory.set_membership(server.state, *_membership(body), True)}


def remove_member(server, parts, query, body):
    return {"ok": True, "groups": directory.set_membership(server.state, *_membership(body), False)}


def delete_group(server, parts, query, body):
    if not isinstance(body, dict) or "pool_id" not in body or "group_name" not in body:
        raise AdminError("give pool_id and group_name")
    return {"ok": directory.delete_group(server.state, body["pool_id"], body["group_name"])}


def get_groups(server, parts, query, body):
    """GET /groups/<pool_id>: the pool's groups and each one's members."""
    if len(parts) != 2:
        raise AdminError("use /groups/<pool_id>", 404)
    with server.state.lock:
        return [dict(directory.group_public(g),
                     members=sorted(u.username for u in server.state.users.values()
                                    if u.pool_id == g.pool_id and g.group_name in u.groups))
                for (pool, _), g in sorted(server.state.groups.items()) if pool == parts[1]]


def put_credential(server, parts, query, body):
    directory.put_credential(server.state, body)
    return {"ok": True}


def get_imds(server, parts, query, body):
    """What the IMDS stand-in was asked: [{method, path, status, has_token}]."""
    with server.imds.lock:
        return list(server.imds.requests)


def health(server, parts, query, body):
    return {"ok": True}


ROUTES = {
    ("GET", "health"): health,
    ("POST", "pools"): put_pool,
    ("POST", "pools/update"): update_pool,
    ("GET", "pools"): get_pool,
    ("POST", "clients"): put_client,
    ("POST", "clients/update"): update_client,
    ("GET", "clients"): get_client,
    ("POST", "users"): put_user,
    ("POST", "users/update"): update_user,
    ("POST", "users/delete"): delete_user,
    ("GET", "users"): get_user,
    ("GET", "codes"): get_code,
    ("GET", "totp"): get_totp,
    ("GET", "counters"): get_counters,
    ("POST", "counters/reset"): reset_counters,
    ("POST", "faults"): add_fault,
    ("POST", "faults/clear"): clear_faults,
    ("GET", "faults"): list_faults,
    ("GET", "log"): get_log,
    ("POST", "log/clear"): clear_log,
    ("GET", "conformance"): get_conformance,
    ("POST", "time"): set_time,
    ("GET", "time"): get_time,
    ("POST", "state"): load_state,
    ("POST", "reset"): reset_all,
    ("POST", "groups"): put_group,
    ("POST", "groups/delete"): delete_group,
    ("POST", "groups/add-user"): add_member,
    ("POST", "groups/remove-user"): remove_member,
    ("GET", "groups"): get_groups,
    ("POST", "credentials"): put_credential,
    ("GET", "imds"): get_imds,
}
