"""AssociateSoftwareToken and VerifySoftwareToken, by MFA_SETUP session or by access token."""

import shapes
import totp
from challenges import accept_code
from errors import CognitoError, invalid_parameter, invalid_session
from state import AuthSession, State, User

# The message a real pool answers (aws-samples/aws-amplify-auth-starters issue 15).
CODE_MISMATCH = ("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")


def _setup_session(state: State, session_id: str) -> tuple[AuthSession, User]:
    sess = state.take_session(session_id, None)
    if sess.challenge != "MFA_SETUP":
        raise invalid_session()
    user = state.get_user(sess.pool_id, sess.username)
    if user is None:
        raise CognitoError("UserNotFoundException", "User does not exist.")
    return sess, user


def _one_of(req: dict) -> None:
    if req.get("AccessToken") is None and req.get("Session") is None:
        raise invalid_parameter("Either AccessToken or Session must be given.")


def associate_software_token(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.ASSOCIATE_SOFTWARE_TOKEN)
    _one_of(req)
    secret = totp.new_secret()
    if req.get("Session") is not None:
        sess, _ = _setup_session(state, req["Session"])
        nxt = state.next_session(sess, "MFA_SETUP", pending_secret=secret)
        return {"SecretCode": secret, "Session": nxt.id}
    _, user = state.grant(req["AccessToken"])
    user.pending_totp_secret = secret
    return {"SecretCode": secret}


def verify_software_token(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.VERIFY_SOFTWARE_TOKEN)
    _one_of(req)
    mismatch = CognitoError(*CODE_MISMATCH)
    device = req.get("FriendlyDeviceName") or None
    if req.get("Session") is not None:
        sess, user = _setup_session(state, req["Session"])
        secret = sess.data.get("pending_secret")
        if not secret:
            raise CognitoError("SoftwareTokenMFANotFoundException", "Software Token MFA has not been associated with this session.")
        accept_code(state, sess, user, secret, req["UserCode"], mismatch)
        nxt = state.next_session(sess, "MFA_SETUP", verified_secret=secret, device_name=device)
        return {"Status": "SUCCESS", "Session": nxt.id}
    _, user = state.grant(req["AccessToken"])
    if not user.pending_totp_secret:
        raise CognitoError("SoftwareTokenMFANotFoundException", "Software Token MFA has not been associated with the user.")
    accept_code(state, None, user, user.pending_totp_secret, req["UserCode"], mismatch)
    # Verified, but in an OPTIONAL pool not yet required: SetUserMFAPreference enables it.
    user.totp_secret = user.pending_totp_secret
    user.pending_totp_secret = None
    if device:
        user.totp_device_name = device
    return {"Status": "SUCCESS"}
