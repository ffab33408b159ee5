"""Choice-based sign-in: InitiateAuth USER_AUTH, SELECT_CHALLENGE and the passwordless codes.

Sources are in README.md's fidelity table ("Choice-based, custom and
password-reset flows").
"""

import secrets

import challenges
import shapes
import sign_in
import tokens
from errors import CognitoError, invalid_parameter, missing_parameter
from state import AuthSession, Client, Pool, State, User

# Order of AvailableChallenges: the password ways last, so a client that takes
# the first entry instead of its own preference is caught.
OFFER_ORDER = ("WEB_AUTHN", "SMS_OTP", "EMAIL_OTP", "PASSWORD", "PASSWORD_SRP")
CODE_DIGITS = {"EMAIL_OTP": 8, "SMS_OTP": 6}


def available(pool: Pool, user: User) -> list[str]:
    """The first factors this user can use in this pool."""
    allowed = set(pool.first_auth_factors)
    usable = {
        "WEB_AUTHN": "WEB_AUTHN" in allowed and user.has_passkey,
        "SMS_OTP": "SMS_OTP" in allowed and bool(user.attributes.get("phone_number")),
        "EMAIL_OTP": "EMAIL_OTP" in allowed and bool(user.attributes.get("email")),
        "PASSWORD": "PASSWORD" in allowed,
        "PASSWORD_SRP": "PASSWORD" in allowed,
    }
    return [c for c in OFFER_ORDER if usable[c]]


def code_challenge(state: State, pool: Pool, client: Client, user: User, name: str) -> dict:
    """EMAIL_OTP or SMS_OTP as the first factor: a code is "sent" (GET /codes shows it)."""
    digits = CODE_DIGITS[name]
    code = str(secrets.randbelow(10 ** digits)).zfill(digits)
    user.sent_codes[name] = code
    sess = state.new_session(pool, client.client_id, user.username, name, code=code, first_factor=True)
    if name == "SMS_OTP":
        medium, destination = "SMS", sign_in.mask_phone(user.attributes["phone_number"])
    else:
        medium, destination = "EMAIL", sign_in.mask_email(user.attributes["email"])
    return sign_in.challenge(sess, {
        "CODE_DELIVERY_DELIVERY_MEDIUM": medium,
        "CODE_DELIVERY_DESTINATION": destination,
        "USER_ID_FOR_SRP": user.username,
    })


def unknown_code_challenge(state: State, pool: Pool, client: Client, username: str, name: str) -> dict:
    """A code challenge for a user that does not exist: nothing is sent, no code passes."""
    sess = state.new_session(pool, client.client_id, username, name,
                             code=secrets.token_hex(32), unknown_user=True)  # never typed
    local = "".join(ch for ch in username.lower() if ch.isalnum()) or "user"
    if name == "SMS_OTP":
        medium, destination = "SMS", sign_in.mask_phone("+1555" + str(sum(map(ord, username)) % 10 ** 7).zfill(7))
    else:
        medium, destination = "EMAIL", sign_in.mask_email(local + "@example.com")
    return sign_in.challenge(sess, {"CODE_DELIVERY_DELIVERY_MEDIUM": medium,
                                    "CODE_DELIVERY_DESTINATION": destination,
                                    "USER_ID_FOR_SRP": username})


def start(state: State, pool: Pool, client: Client, user: User | None, name: str, params: dict,
          username: str) -> dict:
    """The chosen first factor, with the parameters that came with the choice."""
    if name == "PASSWORD":
        if params.get("PASSWORD") is None:
            raise missing_parameter("PASSWORD")
        return sign_in.password_auth(state, pool, client, username, params["PASSWORD"])
    if name == "PASSWORD_SRP":
        if not params.get("SRP_A"):
            raise missing_parameter("SRP_A")
        return sign_in.srp_auth(state, pool, client, username, params["SRP_A"])
    if name == "WEB_AUTHN":
        raise invalid_parameter("The emulator does not implement WEB_AUTHN.")
    if user is None:
        return unknown_code_challenge(state, pool, client, username, name)
    return code_challenge(state, pool, client, user, name)


def pool_offer(pool: Pool) -> list[str]:
    """What a user who does not exist is offered: the pool's first factors, as for anybody."""
    allowed = set(pool.first_auth_factors)
    return [c for c in OFFER_ORDER if c in allowed or (c == "PASSWORD_SRP" and "PASSWORD" in allowed)]


def initiate(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.INITIATE_AUTH)
    client = state.client(req["ClientId"])
    pool = state.pools[client.pool_id]
    params = req.get("AuthParameters") or {}
    if "ALLOW_USER_AUTH" not in client.flows:
        raise invalid_parameter("USER_AUTH flow not enabled for this client")
    username = params.get("USERNAME")
    if not username:
        raise missing_parameter("USERNAME")
    sign_in.check_secret_hash(client, params.get("SECRET_HASH"), username)
    user = state.find_user(pool.id, username)
    if user is None and not sign_in.hides_existence(pool, client):
        raise sign_in.unknown_user(pool, client)
    if user is not None:
        sign_in.check_usable(state, user)
    # With existence errors prevented, an unknown user is answered from the pool's factors.
    offer = available(pool, user) if user is not None else pool_offer(pool)
    name = user.username if user is not None else username
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred and preferred in offer and preferred != "WEB_AUTHN":
        return start(state, pool, client, user, preferred, params, name)
    sess = state.new_session(pool, client.client_id, name, "SELECT_CHALLENGE", offered=offer,
                             unknown_user=user is None)
    answer = sign_in.challenge(sess, {})
    answer["AvailableChallenges"] = offer
    return answer


def select_challenge(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    answer = challenges.offered_answer(sess, answers)
    state.drop_session(sess)
    return start(state, pool, client, user, answer, answers, sess.username)


def sms_otp(state: State, pool: Pool, client: Client, sess: AuthSession, user: User, answers: dict) -> dict:
    code = answers.get("SMS_OTP_CODE")
    if code is None:
        raise missing_parameter("SMS_OTP_CODE")
    if user is None or not secrets.compare_digest(code.encode(), sess.data["code"].encode()):
        raise state.failed_try(sess, CognitoError("CodeMismatchException", "Invalid code or auth state for the user."))
    user.sent_codes.pop("SMS_OTP", None)
    state.drop_session(sess)
    state.record_success(user)
    return {"AuthenticationResult": tokens.issue(state, pool, client, user), "ChallengeParameters": {}}


HANDLERS = {
    "SELECT_CHALLENGE": select_challenge,
    "SMS_OTP": sms_otp,
}
