"""InitiateAuth, and the steps that follow a proven password (shared with the challenges)."""

import base64
import hashlib
import hmac
import json
import secrets

import shapes
import srp
import tokens
from errors import CognitoError, invalid_parameter, missing_parameter, not_authorized
from state import Client, Pool, State, User

FLOW_SWITCH = {
    "USER_PASSWORD_AUTH": ("ALLOW_USER_PASSWORD_AUTH", "USER_PASSWORD_AUTH flow not enabled for this client"),
    "USER_SRP_AUTH": ("ALLOW_USER_SRP_AUTH", "USER_SRP_AUTH is not enabled for the client."),
}


def check_secret_hash(client: Client, given: str | None, username: str) -> None:
    if client.client_secret is None:
        return
    if not given:
        raise not_authorized(f"Client {client.client_id} is configured with secret but SECRET_HASH was not received")
    mac = hmac.new(client.client_secret.encode(), (username + client.client_id).encode(), hashlib.sha256)
    if not hmac.compare_digest(base64.b64encode(mac.digest()).decode(), given):
        raise not_authorized(f"Unable to verify secret hash for client {client.client_id}")


def hides_existence(pool: Pool, client: Client) -> bool:
    return pool.prevent_user_existence_errors or client.prevent_user_existence_errors


def check_status(user: User) -> None:
    if user.status == "UNCONFIRMED":
        raise CognitoError("UserNotConfirmedException", "User is not confirmed.")
    if user.status == "RESET_REQUIRED":
        raise CognitoError("PasswordResetRequiredException", "Password reset required for the user")


def check_usable(state: State, user: User) -> None:
    if not user.enabled:
        raise not_authorized("User is disabled.")
    if state.is_locked(user):
        raise not_authorized("Password attempts exceeded")


def challenge(sess, parameters: dict) -> dict:
    """A challenge answer; a Session-less PASSWORD_VERIFIER (id "") has no Session key, as on AWS."""
    answer = {"ChallengeName": sess.challenge, "ChallengeParameters": parameters}
    if sess.id:
        answer["Session"] = sess.id
    return answer


# MFAS_CAN_CHOOSE order: TOTP last, so a client that takes the first entry is caught.
MFA_CHOICE_ORDER = ("SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA")
CODE_DIGITS = {"SMS_MFA": 6, "EMAIL_OTP": 8}  # Cognito's email codes have 8 digits


def mfa_methods(pool: Pool, user: User) -> list[str]:
    """The MFA methods this sign-in may use, in MFAS_CAN_CHOOSE order."""
    if pool.mfa == "OFF":
        return []
    usable = {
        "SOFTWARE_TOKEN_MFA": bool(user.totp_secret) and (pool.mfa == "ON" or user.mfa_enabled),
        "SMS_MFA": user.sms_mfa_enabled and bool(user.attributes.get("phone_number")),
        "EMAIL_OTP": user.email_mfa_enabled and bool(user.attributes.get("email")),
    }
    return [m for m in MFA_CHOICE_ORDER if usable[m]]


def preferred_method(user: User, methods: list[str]) -> str | None:
    preferred = {
        "SOFTWARE_TOKEN_MFA": user.mfa_preferred,
        "SMS_MFA": user.sms_mfa_preferred,
        "EMAIL_OTP": user.email_mfa_preferred,
    }
    return next((m for m in methods if preferred[m]), None)


def mask_phone(number: str) -> str:
    """+15551234567 -> +*******4567, as Cognito shows a destination."""
    return number[0] + "*" * (len(number) - 5) + number[-4:] if len(number) > 5 else "+****"


def mask_email(address: str) -> str:
    """alice@example.com -> a***@e***"""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain[:1]}***"


def mfa_challenge(state: State, pool: Pool, client: Client, user: User, method: str) -> dict:
    """The challenge of one MFA method; SMS and email codes are "sent" (kept for GET /codes)."""
    if method == "SOFTWARE_TOKEN_MFA":
        sess = state.new_session(pool, client.client_id, user.username, method)
        return challenge(sess, {"USER_ID_FOR_SRP": user.username, "FRIENDLY_DEVICE_NAME": user.totp_device_name})
    digits = CODE_DIGITS[method]
    code = str(secrets.randbelow(10 ** digits)).zfill(digits)
    user.sent_codes[method] = code
    sess = state.new_session(pool, client.client_id, user.username, method, code=code)
    if method == "SMS_MFA":
        medium, destination = "SMS", mask_phone(user.attributes["phone_number"])
    else:
        medium, destination = "EMAIL", mask_email(user.attributes["email"])
    return challenge(sess, {
        "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
        "CODE_DELIVERY_DESTINATION": destination,
        "USER_ID_FOR_SRP": user.username,
    })


def mfa_step(state: State, pool: Pool, client: Client, user: User) -> dict:
    """After the password (and a new password if one was required): MFA or tokens."""
    methods = mfa_methods(pool, user)
    method = methods[0] if len(methods) == 1 else preferred_method(user, methods)
    if method:
        return mfa_challenge(state, pool, client, user, method)
    if methods:
        sess = state.new_session(pool, client.client_id, user.username, "SELECT_MFA_TYPE", offered=methods)
        return challenge(sess, {"USER_ID_FOR_SRP": user.username, "MFAS_CAN_CHOOSE": json.dumps(methods)})
    if pool.mfa == "ON":
        sess = state.new_session(pool, client.client_id, user.username, "MFA_SETUP")
        return challenge(sess, {"MFAS_CAN_SETUP": json.dumps(["SOFTWARE_TOKEN_MFA"])})
    return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}


def missing_required_attributes(pool: Pool, user: User) -> list[str]:
    return [a for a in pool.required_attributes if a not in user.attributes]


def password_proven(state: State, pool: Pool, client: Client, user: User) -> dict:
    state.record_success(user)
    check_status(user)
    if user.status == "FORCE_CHANGE_PASSWORD":
        sess = state.new_session(pool, client.client_id, user.username, "NEW_PASSWORD_REQUIRED")
        required = [f"userAttributes.{a}" for a in missing_required_attributes(pool, user)]
        return challenge(sess, {
            "USER_ID_FOR_SRP": user.username,
            "requiredAttributes": json.dumps(required),
            "userAttributes": json.dumps(user.attributes),
        })
    return mfa_step(state, pool, client, user)


def initiate_auth(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.INITIATE_AUTH)
    client = state.client(req["ClientId"])
    pool = state.pools[client.pool_id]
    flow = req["AuthFlow"]
    params = req.get("AuthParameters") or {}

    if flow.startswith("ADMIN_"):
        raise invalid_parameter("Initiate Auth method not supported.")
    if flow not in FLOW_SWITCH:
        raise invalid_parameter(f"The emulator does not implement AuthFlow {flow}.")
    switch, refusal = FLOW_SWITCH[flow]
    if switch not in client.flows:
        raise invalid_parameter(refusal)

    username = params.get("USERNAME")
    if not username:
        raise missing_parameter("USERNAME")
    if flow == "USER_PASSWORD_AUTH":
        if params.get("PASSWORD") is None:
            raise missing_parameter("PASSWORD")
        check_secret_hash(client, params.get("SECRET_HASH"), username)
        return password_auth(state, pool, client, username, params["PASSWORD"])
    if not params.get("SRP_A"):
        raise missing_parameter("SRP_A")
    check_secret_hash(client, params.get("SECRET_HASH"), username)
    return srp_auth(state, pool, client, username, params["SRP_A"])


def unknown_user(pool: Pool, client: Client) -> CognitoError:
    if hides_existence(pool, client):
        return not_authorized()
    return CognitoError("UserNotFoundException", "User does not exist.")


def password_auth(state: State, pool: Pool, client: Client, username: str, password: str) -> dict:
    user = state.find_user(pool.id, username)
    if user is None:
        raise unknown_user(pool, client)
    check_usable(state, user)
    if not hides_existence(pool, client):
        check_status(user)
    if not srp.password_matches(pool.id, user.username, password, user.salt, user.verifier):
        state.record_failure(user)
        raise not_authorized()
    return password_proven(state, pool, client, user)


def parse_srp_a(text: str) -> int:
    try:
        a = int(text, 16)
    except ValueError:
        raise invalid_parameter("SRP_A is not a valid hexadecimal number.") from None
    if a <= 0 or a % srp.N == 0:
        raise invalid_parameter("SRP_A is invalid.")
    return a


def srp_auth(state: State, pool: Pool, client: Client, username: str, srp_a: str) -> dict:
    A = parse_srp_a(srp_a)
    user = state.find_user(pool.id, username)
    if user is None:
        if not (hides_existence(pool, client) or pool.negative_salt_for_unknown):
            raise unknown_user(pool, client)
        return fake_password_verifier(state, pool, client, username)
    check_usable(state, user)
    if not hides_existence(pool, client):
        check_status(user)
    b, B = srp.server_ephemeral(user.verifier)
    secret_block = base64.b64encode(secrets.token_bytes(600 + secrets.randbelow(400))).decode()
    sess = state.new_srp_challenge(pool, client.client_id, user.username, secret_block,
                                   A=A, b=b, B=B, verifier=user.verifier)
    return challenge(sess, {
        "SALT": user.salt,
        "SECRET_BLOCK": secret_block,
        "SRP_B": format(B, "x"),
        "USERNAME": user.username,
        "USER_ID_FOR_SRP": user.username,
    })


def fake_password_verifier(state: State, pool: Pool, client: Client, username: str) -> dict:
    """A plausible challenge for a user that does not exist; no answer can pass it."""
    salt = hmac.new(state.token_key, username.encode(), hashlib.sha256).hexdigest()[:32].lstrip("0")
    if pool.negative_salt_for_unknown:
        salt = "-" + salt
    _, B = srp.server_ephemeral(srp.to_int(secrets.token_bytes(384)) % srp.N)
    secret_block = base64.b64encode(secrets.token_bytes(600 + secrets.randbelow(400))).decode()
    sess = state.new_srp_challenge(pool, client.client_id, username, secret_block, unknown_user=True)
    return challenge(sess, {
        "SALT": salt,
        "SECRET_BLOCK": secret_block,
        "SRP_B": format(B, "x"),
        "USERNAME": username,
        "USER_ID_FOR_SRP": username,
    })
