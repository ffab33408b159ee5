"""ForgotPassword and ConfirmForgotPassword: a code to the user's email or phone, then a new password."""

import hmac
import secrets

import password_policy
import shapes
import sign_in
from errors import CognitoError, invalid_parameter, not_authorized
from state import State

USERNAME = shapes.Member("Username", "string", required=True, min_len=1, max_len=128)
SECRET_HASH = shapes.Member("SecretHash", "string", min_len=1, max_len=128)
FORGOT_PASSWORD = [shapes.CLIENT_ID, USERNAME, SECRET_HASH, *shapes.COMMON]
CONFIRM_FORGOT_PASSWORD = [
    shapes.CLIENT_ID, USERNAME, SECRET_HASH,
    shapes.Member("ConfirmationCode", "string", required=True, min_len=1, max_len=2048, pattern=r"[\S]+"),
    shapes.Member("Password", "string", required=True, max_len=256, pattern=r"[\S]+"),
    *shapes.COMMON,
]
RESET_CODE_DIGITS = 6
WRONG_CODES_ALLOWED = 5


def _user(state: State, req: dict, unknown_ok: bool = False):
    client = state.client(req["ClientId"])
    pool = state.pools[client.pool_id]
    sign_in.check_secret_hash(client, req.get("SecretHash"), req["Username"])
    user = state.find_user(pool.id, req["Username"])
    if user is None:
        if sign_in.hides_existence(pool, client) and unknown_ok:
            return pool, None
        raise sign_in.unknown_user(pool, client)
    if not user.enabled:
        raise not_authorized("User is disabled.")
    return pool, user


def forgot_password(state: State, req: dict) -> dict:
    shapes.validate(req, FORGOT_PASSWORD)
    pool, user = _user(state, req, unknown_ok=True)
    if user is None:
        # With user existence errors prevented, an unknown user gets a simulated delivery.
        return {"CodeDeliveryDetails": {"Destination": sign_in.mask_email(req["Username"] + "@example.com"),
                                        "DeliveryMedium": "EMAIL", "AttributeName": "email"}}
    if user.attributes.get("email"):
        details = {"Destination": sign_in.mask_email(user.attributes["email"]),
                   "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    elif user.attributes.get("phone_number"):
        details = {"Destination": sign_in.mask_phone(user.attributes["phone_number"]),
                   "DeliveryMedium": "SMS", "AttributeName": "phone_number"}
    else:
        raise invalid_parameter("Cannot reset password for the user as there is no registered/verified "
                                "email or phone_number")
    code = str(secrets.randbelow(10 ** RESET_CODE_DIGITS)).zfill(RESET_CODE_DIGITS)
    user.reset_code = (code, state.now() + pool.reset_code_seconds, 0)
    return {"CodeDeliveryDetails": details}


def confirm_forgot_password(state: State, req: dict) -> dict:
    shapes.validate(req, CONFIRM_FORGOT_PASSWORD)
    pool, user = _user(state, req)
    pending = user.reset_code
    if pending is None:
        raise CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.")
    code, expires, wrong = pending
    if expires <= state.now():
        user.reset_code = None
        raise CognitoError("ExpiredCodeException", "Invalid code provided, please request a code again.")
    if not hmac.compare_digest(req["ConfirmationCode"].encode(), code.encode()):
        wrong += 1
        user.reset_code = (code, expires, wrong) if wrong < WRONG_CODES_ALLOWED else None
        raise CognitoError("CodeMismatchException", "Invalid verification code provided, please try again.")
    password_policy.check(pool, req["Password"])  # a refused password keeps the code usable
    state.set_password(user, req["Password"])
    user.reset_code = None
    user.status = "CONFIRMED"
    state.record_success(user)
    return {}
