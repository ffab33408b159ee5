"""Operations of a signed-in user: GetUser, SetUserMFAPreference, ChangePassword."""

import password_policy
import shapes
import srp
from errors import CognitoError, invalid_parameter, not_authorized
from state import State


def get_user(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.GET_USER)
    _, user = state.grant(req["AccessToken"])
    attributes = [{"Name": "sub", "Value": user.sub}]
    attributes += [{"Name": k, "Value": str(v)} for k, v in user.attributes.items() if k != "sub"]
    answer = {"Username": user.username, "UserAttributes": attributes}
    # Like AWS, the MFA keys are absent (not empty) when nothing is set up.
    settings = [
        ("SMS_MFA", user.sms_mfa_enabled, user.sms_mfa_preferred),
        ("EMAIL_OTP", user.email_mfa_enabled, user.email_mfa_preferred),
        ("SOFTWARE_TOKEN_MFA", bool(user.totp_secret) and user.mfa_enabled, user.mfa_preferred),
    ]
    enabled = [name for name, on, _ in settings if on]
    if enabled:
        answer["UserMFASettingList"] = enabled
    preferred = [name for name, on, pref in settings if on and pref]
    if preferred:
        answer["PreferredMfaSetting"] = preferred[0]
    return answer


def set_user_mfa_preference(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.SET_USER_MFA_PREFERENCE)
    for name in ("SMSMfaSettings", "SoftwareTokenMfaSettings", "EmailMfaSettings"):
        if req.get(name) is not None:
            shapes.validate(req[name], shapes.MFA_SETTINGS)
    _, user = state.grant(req["AccessToken"])
    delivered = (("SMSMfaSettings", "SMS_MFA", "phone_number", "sms_mfa"),
                 ("EmailMfaSettings", "EMAIL_OTP", "email", "email_mfa"))
    for name, kind, attribute, _ in delivered:
        if (req.get(name) or {}).get("Enabled") and not user.attributes.get(attribute):
            raise invalid_parameter(f"User does not have delivery config set to turn on {kind}")
    for name, _, _, field in delivered:
        settings = req.get(name)
        if settings is None:
            continue
        if settings.get("Enabled") is not None:
            setattr(user, field + "_enabled", settings["Enabled"])
        setattr(user, field + "_preferred", bool(settings.get("PreferredMfa")) and getattr(user, field + "_enabled"))
    settings = req.get("SoftwareTokenMfaSettings")
    if settings is not None:
        enabled = settings.get("Enabled")
        if enabled and not user.totp_secret:
            raise invalid_parameter("User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
        if enabled is not None:
            user.mfa_enabled = enabled
        user.mfa_preferred = bool(settings.get("PreferredMfa")) and user.mfa_enabled
    # One method at most is preferred: the last one named preferred here wins.
    chosen = [f for n, f in (("SMSMfaSettings", "sms_mfa_preferred"), ("EmailMfaSettings", "email_mfa_preferred"),
                             ("SoftwareTokenMfaSettings", "mfa_preferred"))
              if (req.get(n) or {}).get("PreferredMfa") and getattr(user, f)]
    if chosen:
        for f in ("sms_mfa_preferred", "email_mfa_preferred", "mfa_preferred"):
            setattr(user, f, f == chosen[-1])
    return {}


def change_password(state: State, req: dict) -> dict:
    shapes.validate(req, shapes.CHANGE_PASSWORD)
    _, user = state.grant(req["AccessToken"])
    if state.is_locked(user):
        raise CognitoError("LimitExceededException", "Attempt limit exceeded, please try after some time.")
    previous = req.get("PreviousPassword") or ""
    if not srp.password_matches(user.pool_id, user.username, previous, user.salt, user.verifier):
        state.record_failure(user)
        raise not_authorized()
    password_policy.check(state.pools[user.pool_id], req["ProposedPassword"])
    state.record_success(user)
    state.set_password(user, req["ProposedPassword"])
    return {}
