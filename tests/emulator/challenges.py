"""RespondToAuthChallenge: one handler per challenge the emulator issues."""

import base64
import binascii
import hmac

import password_policy
import shapes
import sign_in
import srp
import srp_timestamp
import tokens
import totp
from errors import CognitoError, invalid_parameter, missing_parameter, not_authorized
from state import AuthSession, Client, Pool, State, User

TIMESTAMP_TOLERANCE = 300


def respond_to_auth_challenge(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.RESPOND_TO_AUTH_CHALLENGE)
    client = state.client(req["ClientId"])
    pool = state.pools[client.pool_id]
    answers = req.get("ChallengeResponses") or {}
    if (req["ChallengeName"] == "PASSWORD_VERIFIER" and req.get("Session") is None
            and not pool.password_verifier_session):
        # AWS issues this challenge without a Session: the SECRET_BLOCK names it.
        block = answers.get("PASSWORD_CLAIM_SECRET_BLOCK")
        if not block:
            raise missing_parameter("PASSWORD_CLAIM_SECRET_BLOCK")
        sess = state.take_srp_challenge(block, client.client_id)
    else:
        sess = state.take_session(req.get("Session"), client.client_id)
    if req["ChallengeName"] != sess.challenge:
        raise invalid_parameter(f"Invalid challenge name {req['ChallengeName']} for this session; expected {sess.challenge}.")
    username = answers.get("USERNAME")
    if not username:
        raise missing_parameter("USERNAME")
    sign_in.check_secret_hash(client, answers.get("SECRET_HASH"), username)
    if username != sess.username:
        # Challenge answers must name USER_ID_FOR_SRP, not the alias that was typed.
        state.drop_session(sess)
        raise not_authorized()
    user = None
    if not sess.data.get("unknown_user"):
        user = state.get_user(pool.id, sess.username)
        if user is None:
            state.drop_session(sess)
            raise CognitoError("UserNotFoundException", "User does not exist.")
    return HANDLERS[sess.challenge](state, pool, client, sess, user, answers)


def password_verifier(state: State, pool: Pool, client: Client, sess: AuthSession, user: User | None, answers: dict) -> dict:
    for name in ("PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"):
        if not answers.get(name):
            raise missing_parameter(name)
    canonical, when = srp_timestamp.parse(answers["TIMESTAMP"])
    state.drop_session(sess)  # one shot: from here on every failure is final
    if user is None:
        raise not_authorized()
    sign_in.check_usable(state, user)
    block_text = answers["PASSWORD_CLAIM_SECRET_BLOCK"]
    try:
        block = base64.b64decode(block_text, validate=True)
    except (binascii.Error, ValueError):
        block = None
    key = srp.session_key(sess.data["A"], sess.data["B"], sess.data["b"], sess.data["verifier"])
    good = (
        block is not None
        and block_text == sess.data["secret_block"]
        and abs(when - state.now()) <= TIMESTAMP_TOLERANCE
        and key is not None
        and srp.signature_matches(
            srp.claim_signature(key, pool.id, user.username, block, canonical),
            answers["PASSWORD_CLAIM_SIGNATURE"],
        )
    )
    if not good:
        state.record_failure(user)
        raise not_authorized()
    # CUSTOM_AUTH with SRP_A goes on to the pool's custom challenges (custom_auth.py).
    return sess.data.get("after_password", sign_in.password_proven)(state, pool, client, user)


def software_token_mfa(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    code = answers.get("SOFTWARE_TOKEN_MFA_CODE")
    if code is None:
        raise missing_parameter("SOFTWARE_TOKEN_MFA_CODE")
    accept_code(state, sess, user, user.totp_secret, code,
                CognitoError("CodeMismatchException", "Invalid code received for user"))
    state.drop_session(sess)
    return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}


def accept_code(state: State, sess: AuthSession | None, user: User, secret: str, code: str, mismatch: CognitoError) -> None:
    """A right, unused TOTP code passes; a wrong one counts against the session."""
    step = totp.matching_step(secret, code, state.now())
    if step is None:
        raise state.failed_try(sess, mismatch) if sess else mismatch
    if user.last_totp is not None and user.last_totp[0] == secret and step <= user.last_totp[1]:
        replay = CognitoError("ExpiredCodeException", "Your software token has already been used once.")
        raise state.failed_try(sess, replay) if sess else replay
    user.last_totp = (secret, step)


def new_password_required(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    new_password = answers.get("NEW_PASSWORD")
    if not new_password:
        raise missing_parameter("NEW_PASSWORD")
    password_policy.check(pool, new_password)
    given = {k[len("userAttributes."):]: v for k, v in answers.items() if k.startswith("userAttributes.")}
    for name in given:
        # Clients must not echo back what userAttributes showed them wholesale.
        if name == "sub" or name.endswith("_verified"):
            raise invalid_parameter(f"Cannot modify the non-mutable attribute {name}")
    for name in sign_in.missing_required_attributes(pool, user):
        if not given.get(name):
            raise invalid_parameter(f"Invalid attributes given, {name} is missing")
    user.attributes.update(given)
    state.set_password(user, new_password)
    user.status = "CONFIRMED"
    state.drop_session(sess)
    return sign_in.mfa_step(state, pool, client, user)


def offered_answer(sess: AuthSession, answers: dict) -> str:
    """The ANSWER of a choice challenge (SELECT_MFA_TYPE, SELECT_CHALLENGE); it must be one offered."""
    answer = answers.get("ANSWER")
    if not answer:
        raise missing_parameter("ANSWER")
    offered = sess.data.get("offered", [])
    if answer not in offered:
        raise invalid_parameter(f"Invalid value for ANSWER: {answer} is not one of {', '.join(offered)}.")
    return answer


def select_mfa_type(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    answer = offered_answer(sess, answers)
    state.drop_session(sess)
    return sign_in.mfa_challenge(state, pool, client, user, answer)


def delivered_code(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    """SMS_MFA and EMAIL_OTP: the code the emulator "sent" for this session."""
    key = "SMS_MFA_CODE" if sess.challenge == "SMS_MFA" else "EMAIL_OTP_CODE"
    code = answers.get(key)
    if code is None:
        raise missing_parameter(key)
    if not hmac.compare_digest(code.encode(), sess.data["code"].encode()):
        raise state.failed_try(sess, CognitoError("CodeMismatchException", "Invalid code or auth state for the user."))
    user.sent_codes.pop(sess.challenge, None)
    state.drop_session(sess)
    return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}


def mfa_setup(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    secret = sess.data.get("verified_secret")
    if not secret:
        raise invalid_parameter("Software token MFA has not been verified for this session (call VerifySoftwareToken first).")
    user.totp_secret = secret
    user.totp_device_name = sess.data.get("device_name") or user.totp_device_name
    user.mfa_enabled = True
    user.mfa_preferred = True
    user.pending_totp_secret = None
    state.drop_session(sess)
    return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}


HANDLERS = {
    "PASSWORD_VERIFIER": password_verifier,
    "SOFTWARE_TOKEN_MFA": software_token_mfa,
    "NEW_PASSWORD_REQUIRED": new_password_required,
    "MFA_SETUP": mfa_setup,
    "SELECT_MFA_TYPE": select_mfa_type,
    "SMS_MFA": delivered_code,
    "EMAIL_OTP": delivered_code,
}

