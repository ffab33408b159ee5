"""Pools, app clients, users, auth sessions and access tokens, plus the clock.

All mutation happens under State.lock. Passwords are never stored: a user keeps
an SRP salt and verifier, as Cognito does.
"""

import base64
import json
import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field

import srp
import totp
from errors import CognitoError, invalid_session, not_authorized

USER_STATUSES = ("CONFIRMED", "UNCONFIRMED", "RESET_REQUIRED", "FORCE_CHANGE_PASSWORD")
MFA_MODES = ("OFF", "ON", "OPTIONAL")
ALIAS_ATTRIBUTES = ("email", "phone_number", "preferred_username")
DEFAULT_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_CUSTOM_AUTH"]
DEFAULT_POLICY = {
    "min_length": 8,
    "require_uppercase": True,
    "require_lowercase": True,
    "require_numbers": True,
    "require_symbols": True,
}


@dataclass
class Pool:
    id: str
    mfa: str = "OFF"
    session_seconds: int = 180
    code_attempts_per_session: int = 3
    lockout_seconds: int = 60
    max_failed_attempts: int = 5
    password_policy: dict = field(default_factory=lambda: dict(DEFAULT_POLICY))
    required_attributes: list = field(default_factory=list)
    prevent_user_existence_errors: bool = False
    negative_salt_for_unknown: bool = False
    username_case_sensitive: bool = False
    # AliasAttributes: these attributes of a user also sign them in (email and
    # phone_number only once verified); preferred_username users may change themselves.
    alias_attributes: list = field(default_factory=list)
    # Adaptive authentication judging every sign-in low risk with the action
    # "Allow", skipping the MFA step also for users with MFA activated (see README).
    low_risk_skips_mfa: bool = False
    token_seconds: int = 3600
    id_token_overrides: dict = field(default_factory=dict)
    access_token_overrides: dict = field(default_factory=dict)
    # AWS sends PASSWORD_VERIFIER without a Session; true gives the older shape with one.
    password_verifier_session: bool = False
    # "respond to this challenge within a few seconds" (RespondToAuthChallenge reference)
    password_verifier_seconds: int = 10
    issuer_type: str = "ORIGINAL"  # IssuerConfigurationType: ORIGINAL or UPDATED
    # SignInPolicy.AllowedFirstAuthFactors (USER_AUTH): PASSWORD, EMAIL_OTP, SMS_OTP, WEB_AUTHN
    first_auth_factors: list = field(default_factory=lambda: ["PASSWORD"])
    # The Define/Create/Verify Auth Challenge triggers, scripted (custom_auth.py)
    custom_auth: dict | None = None
    reset_code_seconds: int = 3600  # ForgotPassword codes

    @property
    def region(self) -> str:
        return self.id.split("_", 1)[0]


@dataclass
class Client:
    client_id: str
    pool_id: str
    client_secret: str | None = None
    flows: list = field(default_factory=lambda: list(DEFAULT_FLOWS))
    prevent_user_existence_errors: bool = False
    # EnablePropagateAdditionalUserContextData: UserContextData.IpAddress is
    # taken as the user's address only then, and only a client with a secret
    # may have it (botocore CreateUserPoolClientRequest doc).
    propagate_user_context: bool = False


@dataclass
class User:
    pool_id: str
    username: str
    salt: str = ""
    verifier: int = 0
    status: str = "CONFIRMED"
    enabled: bool = True
    attributes: dict = field(default_factory=dict)
    aliases: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    totp_secret: str | None = None
    mfa_enabled: bool = False
    mfa_preferred: bool = False
    totp_device_name: str = "TOTP device"
    sub: str = field(default_factory=lambda: str(uuid.uuid4()))
    failed_attempts: int = 0
    locked_until: float = 0.0
    pending_totp_secret: str | None = None
    last_totp: tuple | None = None  # (secret, time step) of the last accepted code
    sms_mfa_enabled: bool = False    # codes by text message to attributes["phone_number"]
    sms_mfa_preferred: bool = False
    email_mfa_enabled: bool = False  # codes by email to attributes["email"]
    email_mfa_preferred: bool = False
    sent_codes: dict = field(default_factory=dict)  # "SMS_MFA"/"EMAIL_OTP"/"SMS_OTP" -> last code sent
    has_passkey: bool = False        # offers WEB_AUTHN in USER_AUTH (no passkey can be answered)
    reset_code: tuple | None = None  # (code, expires, wrong tries) after ForgotPassword
    created: float = field(default_factory=time.time)   # UserCreateDate
    modified: float = 0.0                               # UserLastModifiedDate (0: = created)

    def public(self, now: float) -> dict:
        return {
            "pool_id": self.pool_id,
            "username": self.username,
            "sub": self.sub,
            "status": self.status,
            "enabled": self.enabled,
            "attributes": self.attributes,
            "aliases": self.aliases,
            "groups": self.groups,
            "created": self.created,
            "modified": self.modified or self.created,
            "has_totp": self.totp_secret is not None,
            "totp_secret": self.totp_secret,
            "mfa_enabled": self.mfa_enabled,
            "mfa_preferred": self.mfa_preferred,
            "pending_totp_secret": self.pending_totp_secret,
            "sms_mfa_enabled": self.sms_mfa_enabled,
            "sms_mfa_preferred": self.sms_mfa_preferred,
            "email_mfa_enabled": self.email_mfa_enabled,
            "email_mfa_preferred": self.email_mfa_preferred,
            "has_passkey": self.has_passkey,
            "failed_attempts": self.failed_attempts,
            "locked_until": self.locked_until,
            "locked": self.locked_until > now,
        }


@dataclass
class AuthSession:
    id: str
    pool_id: str
    client_id: str
    username: str
    challenge: str
    expires: float
    attempts: int = 0
    data: dict = field(default_factory=dict)


@dataclass
class Grant:
    """An issued access token, kept so AccessToken operations can check it."""
    pool_id: str
    client_id: str
    username: str
    expires: float


def _check(kind: str, data: dict, types: dict, required: tuple) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{kind} must be a JSON object")
    for key in required:
        if key not in data:
            raise ValueError(f"{kind}: missing field '{key}'")
    for key, value in data.items():
        if key not in types:
            raise ValueError(f"{kind}: unknown field '{key}'")
        if value is not None and not isinstance(value, types[key]):
            raise ValueError(f"{kind}: field '{key}' has the wrong type")


POOL_TYPES = {
    "id": str, "mfa": str, "session_seconds": (int, float), "code_attempts_per_session": int,
    "lockout_seconds": (int, float), "max_failed_attempts": int, "password_policy": dict,
    "required_attributes": list, "prevent_user_existence_errors": bool,
    "negative_salt_for_unknown": bool, "username_case_sensitive": bool,
    "alias_attributes": list, "low_risk_skips_mfa": bool,
    "token_seconds": int, "id_token_overrides": dict, "access_token_overrides": dict,
    "password_verifier_session": bool, "password_verifier_seconds": (int, float), "issuer_type": str,
    "first_auth_factors": list, "custom_auth": dict, "reset_code_seconds": int,
}
CLIENT_TYPES = {
    "client_id": str, "pool_id": str, "client_secret": str, "flows": list,
    "prevent_user_existence_errors": bool, "propagate_user_context": bool,
}
USER_TYPES = {
    "pool_id": str, "username": str, "password": str, "status": str, "enabled": bool,
    "attributes": dict, "aliases": list, "groups": list, "totp_secret": str,
    "mfa_enabled": bool, "mfa_preferred": bool, "totp_device_name": str, "sub": str,
    "failed_attempts": int, "locked_until": (int, float), "sms_mfa_enabled": bool,
    "sms_mfa_preferred": bool, "email_mfa_enabled": bool, "email_mfa_preferred": bool,
    "has_passkey": bool, "created": (int, float), "modified": (int, float),
}


FIRST_AUTH_FACTORS = ("PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")


def _check_pool_flows(pool) -> None:
    if "PASSWORD" not in pool.first_auth_factors or any(
            f not in FIRST_AUTH_FACTORS for f in pool.first_auth_factors):
        raise ValueError("pool: first_auth_factors must hold PASSWORD and only "
                         + ", ".join(FIRST_AUTH_FACTORS))
    if pool.custom_auth is not None:
        import custom_auth  # the script's own checks
        custom_auth.check_script(pool.custom_auth)


def random_opaque(min_bytes: int, max_bytes: int) -> str:
    n = min_bytes + secrets.randbelow(max_bytes - min_bytes + 1)
    return base64.b64encode(secrets.token_bytes(n)).decode()


class State:
    def __init__(self):
        self.lock = threading.RLock()
        self.clock_offset = 0.0
        self.pools: dict[str, Pool] = {}
        self.clients: dict[str, Client] = {}
        self.users: dict[tuple[str, str], User] = {}
        self.sessions: dict[str, AuthSession] = {}
        # Session-less PASSWORD_VERIFIER challenges, by their SECRET_BLOCK
        self.srp_challenges: dict[str, AuthSession] = {}
        self.grants: dict[str, Grant] = {}
        self.token_key = secrets.token_bytes(32)
        # Cognito groups: (pool_id, group name) -> Group; members are users' .groups
        self.groups: dict = {}
        # AWS credentials the SigV4-signed (IAM) operations accept; one may be the IMDS role's
        self.credentials: list = []

    def now(self) -> float:
        return time.time() + self.clock_offset

    # ---- configuration (admin API and --state) ----

    def put_pool(self, data: dict) -> Pool:
        _check("pool", data, POOL_TYPES, ("id",))
        if "_" not in data["id"]:
            raise ValueError("pool: id must look like <region>_<name>")
        if data.get("mfa", "OFF") not in MFA_MODES:
            raise ValueError(f"pool: mfa must be one of {', '.join(MFA_MODES)}")
        if data.get("issuer_type", "ORIGINAL") not in ("ORIGINAL", "UPDATED"):
            raise ValueError("pool: issuer_type must be ORIGINAL or UPDATED")
        for name in data.get("alias_attributes") or []:
            if name not in ALIAS_ATTRIBUTES:
                raise ValueError(f"pool: alias_attributes may hold {', '.join(ALIAS_ATTRIBUTES)}")
        pool = Pool(**{k: v for k, v in data.items() if v is not None})
        _check_pool_flows(pool)
        pool.password_policy = {**DEFAULT_POLICY, **pool.password_policy}
        with self.lock:
            self.pools[pool.id] = pool
        return pool

    def put_client(self, data: dict) -> Client:
        _check("client", data, CLIENT_TYPES, ("client_id", "pool_id"))
        client = Client(**{k: v for k, v in data.items() if v is not None or k == "client_secret"})
        if client.propagate_user_context and not client.client_secret:
            raise ValueError("client: propagate_user_context (EnablePropagateAdditionalUserContextData) "
                             "can only be set for a client with a client secret")
        with self.lock:
            if client.pool_id not in self.pools:
                raise ValueError(f"client: unknown pool '{client.pool_id}'")
            self.clients[client.client_id] = client
        return client

    def put_user(self, data: dict) -> User:
        _check("user", data, USER_TYPES, ("pool_id", "username", "password"))
        with self.lock:
            if data["pool_id"] not in self.pools:
                raise ValueError(f"user: unknown pool '{data['pool_id']}'")
            fields = {k: v for k, v in data.items() if k != "password" and v is not None}
            if "mfa_enabled" not in fields:
                fields["mfa_enabled"] = bool(data.get("totp_secret"))
            user = User(**fields)
            self._validate_user(user)
            user.modified = user.modified or user.created
            import directory
            directory.define_member_groups(self, user)
            user.salt, user.verifier = srp.new_verifier(user.pool_id, user.username, data["password"])
            self.users[(user.pool_id, self._key(user.pool_id, user.username))] = user
        return user

    def update_user(self, data: dict) -> User:
        _check("user update", data, USER_TYPES, ("pool_id", "username"))
        with self.lock:
            user = self.get_user(data["pool_id"], data["username"])
            if user is None:
                raise ValueError("user update: no such user")
            for key, value in data.items():
                if key in ("pool_id", "username"):
                    continue
                if key == "password":
                    self.set_password(user, value)
                else:
                    setattr(user, key, value)
            if "totp_secret" in data and "mfa_enabled" not in data:
                user.mfa_enabled = bool(data["totp_secret"])
            self._validate_user(user)
            user.modified = self.now()
            import directory
            directory.define_member_groups(self, user)
        return user

    def delete_user(self, pool_id: str, username: str) -> bool:
        with self.lock:
            return self.users.pop((pool_id, self._key(pool_id, username)), None) is not None

    @staticmethod
    def _validate_user(user: User) -> None:
        if user.status not in USER_STATUSES:
            raise ValueError(f"user: status must be one of {', '.join(USER_STATUSES)}")
        if user.totp_secret:
            try:
                totp.decode_secret(user.totp_secret)
            except ValueError:
                raise ValueError("user: totp_secret is not valid base32") from None

    def load_file(self, path: str) -> None:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if not isinstance(doc, dict):
            raise ValueError(f"{path}: expected {{\"pools\": [...], \"clients\": [...], \"users\": [...]}}")
        for pool in doc.get("pools", []):
            self.put_pool(pool)
        for client in doc.get("clients", []):
            self.put_client(client)
        import directory
        directory.load(self, doc)

    # ---- lookups used by the operations ----

    def _key(self, pool_id: str, name: str) -> str:
        pool = self.pools.get(pool_id)
        return name if pool is not None and pool.username_case_sensitive else name.lower()

    def get_user(self, pool_id: str, username: str) -> User | None:
        return self.users.get((pool_id, self._key(pool_id, username)))

    def find_user(self, pool_id: str, name: str) -> User | None:
        """A username, or an alias (email, phone_number, preferred_username)."""
        user = self.get_user(pool_id, name)
        if user is not None:
            return user
        key = self._key(pool_id, name)
        for user in self.users.values():
            if user.pool_id == pool_id and key in (self._key(pool_id, a) for a in self._aliases(user)):
                return user
        return None

    def _aliases(self, user: User) -> list:
        names = list(user.aliases)
        for attribute in self.pools[user.pool_id].alias_attributes:
            value = user.attributes.get(attribute)
            verified = str(user.attributes.get(attribute + "_verified", "")).lower() == "true"
            if value and (attribute == "preferred_username" or verified):
                names.append(value)
        return names

    def client(self, client_id: str) -> Client:
        client = self.clients.get(client_id)
        if client is None or client.pool_id not in self.pools:
            raise CognitoError("ResourceNotFoundException", f"User pool client {client_id} does not exist.")
        return client

    def set_password(self, user: User, password: str) -> None:
        user.salt, user.verifier = srp.new_verifier(user.pool_id, user.username, password)

    # ---- sign-in failures and lockout ----

    def is_locked(self, user: User) -> bool:
        return user.locked_until > self.now()

    def record_failure(self, user: User) -> None:
        # After the lock period the count is kept, so the next failure locks again.
        pool = self.pools[user.pool_id]
        user.failed_attempts += 1
        if user.failed_attempts >= pool.max_failed_attempts:
            user.locked_until = self.now() + pool.lockout_seconds

    def record_success(self, user: User) -> None:
        user.failed_attempts = 0
        user.locked_until = 0.0

    # ---- auth sessions ----

    def new_session(self, pool: Pool, client_id: str, username: str, challenge: str, **data) -> AuthSession:
        now = self.now()
        self.sessions = {k: s for k, s in self.sessions.items() if s.expires > now}
        sess = AuthSession(
            id=random_opaque(180, 640), pool_id=pool.id, client_id=client_id, username=username,
            challenge=challenge, expires=now + pool.session_seconds, data=data,
        )
        self.sessions[sess.id] = sess
        return sess

    def new_srp_challenge(self, pool: Pool, client_id: str, username: str, secret_block: str, **data) -> AuthSession:
        """A PASSWORD_VERIFIER: with a Session in the older shape, else bound to its SECRET_BLOCK."""
        now = self.now()
        if pool.password_verifier_session:
            sess = self.new_session(pool, client_id, username, "PASSWORD_VERIFIER", secret_block=secret_block, **data)
            sess.expires = now + pool.password_verifier_seconds
            return sess
        self.srp_challenges = {k: s for k, s in self.srp_challenges.items() if s.expires > now}
        sess = AuthSession(
            id="", pool_id=pool.id, client_id=client_id, username=username, challenge="PASSWORD_VERIFIER",
            expires=now + pool.password_verifier_seconds, data=dict(data, secret_block=secret_block),
        )
        self.srp_challenges[secret_block] = sess
        return sess

    def take_srp_challenge(self, secret_block: str, client_id: str) -> AuthSession:
        """The live Session-less PASSWORD_VERIFIER of that SECRET_BLOCK; an unknown,
        used or expired one fails as a wrong password does."""
        sess = self.srp_challenges.get(secret_block)
        if sess is None or sess.expires <= self.now() or sess.client_id != client_id:
            if sess is not None and sess.expires <= self.now():
                self.srp_challenges.pop(secret_block, None)
            raise not_authorized()
        return sess

    def take_session(self, session_id: str | None, client_id: str | None) -> AuthSession:
        """The live session for that id (and client, when given), else the AWS error."""
        sess = self.sessions.get(session_id or "")
        if sess is None or sess.expires <= self.now():
            self.sessions.pop(session_id or "", None)
            raise invalid_session()
        if client_id is not None and sess.client_id != client_id:
            raise invalid_session()
        return sess

    def drop_session(self, sess: AuthSession) -> None:
        if sess.id:
            self.sessions.pop(sess.id, None)
        elif self.srp_challenges.get(sess.data.get("secret_block")) is sess:
            del self.srp_challenges[sess.data["secret_block"]]

    def next_session(self, sess: AuthSession, challenge: str, **data) -> AuthSession:
        """Single use: the answered session dies, the next step gets a new one."""
        self.drop_session(sess)
        pool = self.pools[sess.pool_id]
        return self.new_session(pool, sess.client_id, sess.username, challenge, **data)

    def failed_try(self, sess: AuthSession, error: CognitoError) -> CognitoError:
        """Counts a wrong code; the session dies after the pool's allowance."""
        sess.attempts += 1
        if sess.attempts >= self.pools[sess.pool_id].code_attempts_per_session:
            self.drop_session(sess)
        return error

    # ---- access tokens ----

    def grant(self, token: str | None) -> tuple[Grant, User]:
        grant = self.grants.get(token or "")
        if grant is None:
            raise not_authorized("Invalid Access Token")
        if grant.expires <= self.now():
            raise not_authorized("Access Token has expired")
        user = self.get_user(grant.pool_id, grant.username)
        if user is None:
            raise CognitoError("UserNotFoundException", "User does not exist.")
        if not user.enabled:
            raise not_authorized("User is disabled.")
        return grant, user

    def reset(self) -> None:
        with self.lock:
            self.pools.clear()
            self.clients.clear()
            self.users.clear()
            self.sessions.clear()
            self.srp_challenges.clear()
            self.grants.clear()
            self.groups.clear()
            self.credentials.clear()
            self.clock_offset = 0.0
