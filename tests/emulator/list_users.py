"""ListUsers and ListUsersInGroup (IAM-authorised: SigV4, sigv4.py), paginated.

Users come in a fixed order (the pool's username keys) and a page token names
the last user given, HMAC-sealed with the chain it belongs to (operation,
pool, group or filter), so a token altered or used for another pool, group
or filter is refused.
"""

import base64
import hashlib
import hmac
import json
import re

from errors import CognitoError, invalid_parameter, missing_parameter

MAX_LIMIT = 60  # QueryLimitType: max 60 (botocore model)
# The attributes ListUsers' Filter can search (ListUsersRequest.Filter doc in the model)
FILTERABLE = ("username", "email", "phone_number", "name", "given_name", "family_name",
              "preferred_username", "cognito:user_status", "status", "sub")
FILTER = re.compile(r'^\s*([A-Za-z_:]+)\s*(\^=|=)\s*"((?:[^"\\]|\\.)*)"\s*$')


def _pool(state, req):
    pool_id = req.get("UserPoolId")
    if not isinstance(pool_id, str) or not pool_id:
        raise missing_parameter("UserPoolId")
    pool = state.pools.get(pool_id)
    if pool is None:
        raise CognitoError("ResourceNotFoundException", f"User pool {pool_id} does not exist.")
    return pool


def _limit(req):
    limit = req.get("Limit", MAX_LIMIT)
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise CognitoError("SerializationException", "NUMBER_VALUE can not be converted to an Integer")
    if limit > MAX_LIMIT or limit < 0:
        bound = "less than or equal to 60" if limit > MAX_LIMIT else "greater than or equal to 0"
        raise invalid_parameter(f"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy "
                                f"constraint: Member must have value {bound}")
    return limit or MAX_LIMIT


def _seal(state, chain: str, last: str) -> str:
    payload = json.dumps({"c": chain, "l": last}, separators=(",", ":")).encode()
    mac = hmac.new(state.token_key, payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(mac + payload).decode().rstrip("=")


def _unseal(state, chain: str, token) -> str | None:
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        mac, payload = raw[:16], raw[16:]
        ok = hmac.compare_digest(mac, hmac.new(state.token_key, payload, hashlib.sha256).digest()[:16])
        doc = json.loads(payload) if ok else None
    except (ValueError, TypeError, UnicodeDecodeError):
        doc = None
    if not isinstance(doc, dict) or doc.get("c") != chain or not isinstance(doc.get("l"), str):
        raise invalid_parameter("Invalid pagination token.")
    return doc["l"]


def user_type(user, attributes_to_get=None) -> dict:
    """UserType as AWS answers it (Enabled, UserStatus, dates in epoch seconds)."""
    attributes = [{"Name": "sub", "Value": user.sub}]
    attributes += [{"Name": k, "Value": str(v)} for k, v in user.attributes.items() if k != "sub"]
    if attributes_to_get is not None:
        attributes = [a for a in attributes if a["Name"] in attributes_to_get]
    return {"Username": user.username, "Attributes": attributes, "UserCreateDate": user.created,
            "UserLastModifiedDate": user.modified or user.created, "Enabled": user.enabled,
            "UserStatus": user.status}


def _matcher(text):
    if text is None or text.strip() == "":
        return lambda user: True
    if not isinstance(text, str):
        raise CognitoError("SerializationException", "Start of structure or map found where not expected.")
    m = FILTER.match(text)
    if not m:
        raise invalid_parameter("Error while parsing filter.")
    name, op, value = m.group(1), m.group(2), re.sub(r"\\(.)", r"\1", m.group(3))
    if name not in FILTERABLE:
        raise invalid_parameter(f"Invalid search attribute: {name}")

    def value_of(user):
        if name == "username":
            return user.username
        if name == "sub":
            return user.sub
        if name == "status":
            return "Enabled" if user.enabled else "Disabled"
        if name == "cognito:user_status":
            return user.status
        v = user.attributes.get(name)
        return None if v is None else str(v)

    fold = name == "cognito:user_status"  # case-insensitive per the model's doc; the others are not

    def match(user):
        v = value_of(user)
        if v is None:
            return False
        a, b = (v.lower(), value.lower()) if fold else (v, value)
        return a.startswith(b) if op == "^=" else a == b
    return match


def _page(state, pool, users, chain, token, limit, attributes_to_get):
    last = _unseal(state, chain, token)
    ordered = sorted(users, key=lambda u: state._key(pool.id, u.username))
    if last is not None:
        ordered = [u for u in ordered if state._key(pool.id, u.username) > last]
    page, more = ordered[:limit], len(ordered) > limit
    answer = {"Users": [user_type(u, attributes_to_get) for u in page]}
    next_token = _seal(state, chain, state._key(pool.id, page[-1].username)) if more else None
    return answer, next_token


def _attributes_to_get(req):
    names = req.get("AttributesToGet")
    if names is None:
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise CognitoError("SerializationException", "Start of structure or map found where not expected.")
    return set(names)


def list_users(state, req: dict) -> dict:
    pool = _pool(state, req)
    limit = _limit(req)
    wanted = _attributes_to_get(req)
    match = _matcher(req.get("Filter"))
    users = [u for u in state.users.values() if u.pool_id == pool.id and match(u)]
    chain = "ListUsers\0" + pool.id + "\0" + (req.get("Filter") or "")
    answer, token = _page(state, pool, users, chain, req.get("PaginationToken"), limit, wanted)
    if token:
        answer["PaginationToken"] = token
    return answer


def list_users_in_group(state, req: dict) -> dict:
    pool = _pool(state, req)
    name = req.get("GroupName")
    if not isinstance(name, str) or not name:
        raise missing_parameter("GroupName")
    limit = _limit(req)
    if (pool.id, name) not in state.groups:
        raise CognitoError("ResourceNotFoundException", "Group not found.")
    users = [u for u in state.users.values() if u.pool_id == pool.id and name in u.groups]
    chain = "ListUsersInGroup\0" + pool.id + "\0" + name
    answer, token = _page(state, pool, users, chain, req.get("NextToken"), limit, None)
    if token:
        answer["NextToken"] = token
    return answer
