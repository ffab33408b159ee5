"""The pool's groups and the AWS credentials of the IAM-authorised operations.

A user's membership is its .groups (the ID token's cognito:groups); a pool
group is defined in "groups" (GroupName, Description, Precedence as
CreateGroup takes them), and a user's group not defined there is defined,
without description or precedence, when the user is put.
"""

import re
import time
from dataclasses import dataclass, field

CREDENTIAL_TYPES = {"access_key_id": str, "secret_access_key": str, "session_token": str,
                    "imds_role": str}
GROUP_TYPES = {"pool_id": str, "group_name": str, "description": str, "precedence": int}
# GroupNameType in the service model: [\p{L}\p{M}\p{S}\p{N}\p{P}]+, 1..128
GROUP_NAME = re.compile(r"^[^\s\x00-\x1f]{1,128}$")


@dataclass
class Group:
    pool_id: str
    group_name: str
    description: str | None = None
    precedence: int | None = None
    created: float = field(default_factory=time.time)


def _check(kind, data, types, required):
    from state import _check as check
    check(kind, data, types, required)


def put_group(state, data: dict) -> Group:
    _check("group", data, GROUP_TYPES, ("pool_id", "group_name"))
    if data["pool_id"] not in state.pools:
        raise ValueError(f"group: unknown pool '{data['pool_id']}'")
    if not GROUP_NAME.match(data["group_name"]):
        raise ValueError("group: group_name must be 1..128 characters, no blanks or controls")
    if isinstance(data.get("precedence"), bool) or (data.get("precedence") or 0) < 0:
        raise ValueError("group: precedence must be a non-negative integer")
    with state.lock:
        old = state.groups.get((data["pool_id"], data["group_name"]))
        group = Group(**{k: v for k, v in data.items() if v is not None})
        if old is not None:
            group.created = old.created
        state.groups[(group.pool_id, group.group_name)] = group
    return group


def delete_group(state, pool_id: str, name: str) -> bool:
    """DeleteGroup: the group and every membership in it go."""
    with state.lock:
        if state.groups.pop((pool_id, name), None) is None:
            return False
        for user in state.users.values():
            if user.pool_id == pool_id and name in user.groups:
                user.groups = [g for g in user.groups if g != name]
        return True


def define_member_groups(state, user) -> None:
    for name in user.groups:
        if (user.pool_id, name) not in state.groups:
            put_group(state, {"pool_id": user.pool_id, "group_name": name})


def set_membership(state, pool_id: str, name: str, username: str, member: bool) -> list:
    """AdminAddUserToGroup / AdminRemoveUserFromGroup; returns the user's groups."""
    with state.lock:
        if (pool_id, name) not in state.groups:
            raise ValueError(f"no group '{name}' in pool '{pool_id}'")
        user = state.get_user(pool_id, username)
        if user is None:
            raise ValueError(f"no user '{username}' in pool '{pool_id}'")
        groups = [g for g in user.groups if g != name]
        user.groups = groups + [name] if member else groups
        return list(user.groups)


def put_credential(state, data: dict) -> dict:
    _check("credential", data, CREDENTIAL_TYPES, ("access_key_id", "secret_access_key"))
    if data.get("imds_role") and not data.get("session_token"):
        raise ValueError("credential: an imds_role's credential needs a session_token (IMDS gives one)")
    with state.lock:
        state.credentials = [c for c in state.credentials if c["access_key_id"] != data["access_key_id"]]
        state.credentials.append({k: v for k, v in data.items() if v is not None})
    return data


def credential(state, access_key_id: str) -> dict | None:
    return next((c for c in state.credentials if c["access_key_id"] == access_key_id), None)


def imds_credential(state) -> dict | None:
    return next((c for c in state.credentials if c.get("imds_role")), None)


def load(state, doc: dict) -> None:
    """The state file's (or POST /state's) groups, users and credentials."""
    for group in doc.get("groups", []):
        put_group(state, group)
    for user in doc.get("users", []):
        state.put_user(user)
    for cred in doc.get("credentials", []):
        put_credential(state, cred)


def group_public(group: Group) -> dict:
    return {"pool_id": group.pool_id, "group_name": group.group_name, "description": group.description,
            "precedence": group.precedence, "created": group.created}
