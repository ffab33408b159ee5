"""Request shape checks, worded like AWS's request validation.

Type mismatches fail as SerializationException (the JSON cannot be bound to the
model); constraint violations are collected into one InvalidParameterException
"N validation error(s) detected: ..." as Cognito reports them.
"""

import re
from dataclasses import dataclass

from errors import CognitoError

AUTH_FLOWS = (
    "USER_SRP_AUTH", "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN", "CUSTOM_AUTH", "ADMIN_NO_SRP_AUTH",
    "USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH",
)
CHALLENGE_NAMES = (
    "SMS_MFA", "EMAIL_OTP", "SOFTWARE_TOKEN_MFA", "SELECT_MFA_TYPE", "MFA_SETUP",
    "PASSWORD_VERIFIER", "CUSTOM_CHALLENGE", "SELECT_CHALLENGE", "DEVICE_SRP_AUTH",
    "DEVICE_PASSWORD_VERIFIER", "ADMIN_NO_SRP_AUTH", "NEW_PASSWORD_REQUIRED", "SMS_OTP",
    "PASSWORD", "WEB_AUTHN", "PASSWORD_SRP",
)


@dataclass
class Member:
    name: str
    kind: str  # "string", "map" (string -> string), "struct", "bool"
    required: bool = False
    min_len: int | None = None
    max_len: int | None = None
    pattern: str | None = None
    enum: tuple | None = None


def _camel(name: str) -> str:
    return name[0].lower() + name[1:]


_KIND_NAMES = {str: "STRING_VALUE", bool: "BOOLEAN_VALUE", int: "NUMBER_VALUE", float: "NUMBER_VALUE"}


def _type_error(value) -> CognitoError:
    if isinstance(value, (dict, list)):
        return CognitoError("SerializationException", "Start of structure or map found where not expected.")
    kind = _KIND_NAMES.get(type(value), "VALUE")
    return CognitoError("SerializationException", f"{kind} can not be converted to a String")


def _check_type(member: Member, value) -> None:
    if member.kind == "string" and not isinstance(value, str):
        raise _type_error(value)
    if member.kind == "bool" and not isinstance(value, bool):
        raise CognitoError("SerializationException", "Expected a boolean value")
    if member.kind in ("map", "struct") and not isinstance(value, dict):
        raise CognitoError("SerializationException", "Expected map or null")
    if member.kind == "map":
        for v in value.values():
            if v is not None and not isinstance(v, str):
                raise _type_error(v)


def validate(body: dict, members: list[Member]) -> None:
    problems = []
    for m in members:
        value = body.get(m.name)
        if value is None:
            if m.required:
                problems.append(f"Value null at '{_camel(m.name)}' failed to satisfy constraint: Member must not be null")
            continue
        _check_type(m, value)
        if m.kind != "string":
            continue
        where = f"Value at '{_camel(m.name)}'"
        if m.enum is not None and value not in m.enum:
            problems.append(
                f"Value '{value}' at '{_camel(m.name)}' failed to satisfy constraint: "
                f"Member must satisfy enum value set: [{', '.join(m.enum)}]"
            )
        if m.min_len is not None and len(value) < m.min_len:
            problems.append(f"{where} failed to satisfy constraint: Member must have length greater than or equal to {m.min_len}")
        if m.max_len is not None and len(value) > m.max_len:
            problems.append(f"{where} failed to satisfy constraint: Member must have length less than or equal to {m.max_len}")
        if m.pattern is not None and not re.fullmatch(m.pattern, value):
            problems.append(f"{where} failed to satisfy constraint: Member must satisfy regular expression pattern: {m.pattern}")
    if problems:
        n = len(problems)
        raise CognitoError(
            "InvalidParameterException",
            f"{n} validation error{'s' if n > 1 else ''} detected: " + "; ".join(problems),
        )


CLIENT_ID = Member("ClientId", "string", required=True, min_len=1, max_len=128, pattern=r"[\w+]+")
SESSION = Member("Session", "string", min_len=20, max_len=2048)
ACCESS_TOKEN = Member("AccessToken", "string", pattern=r"[A-Za-z0-9-_=.]+")
COMMON = [
    Member("ClientMetadata", "map"),
    Member("AnalyticsMetadata", "struct"),
    Member("UserContextData", "struct"),
]

INITIATE_AUTH = [
    Member("AuthFlow", "string", required=True, enum=AUTH_FLOWS),
    CLIENT_ID,
    Member("AuthParameters", "map"),
    SESSION,
    *COMMON,
]
RESPOND_TO_AUTH_CHALLENGE = [
    CLIENT_ID,
    Member("ChallengeName", "string", required=True, enum=CHALLENGE_NAMES),
    SESSION,
    Member("ChallengeResponses", "map"),
    *COMMON,
]
ASSOCIATE_SOFTWARE_TOKEN = [ACCESS_TOKEN, SESSION]
VERIFY_SOFTWARE_TOKEN = [
    ACCESS_TOKEN,
    SESSION,
    Member("UserCode", "string", required=True, min_len=6, max_len=6, pattern=r"[0-9]+"),
    Member("FriendlyDeviceName", "string"),
]
SET_USER_MFA_PREFERENCE = [
    Member("AccessToken", "string", required=True, pattern=r"[A-Za-z0-9-_=.]+"),
    Member("SMSMfaSettings", "struct"),
    Member("SoftwareTokenMfaSettings", "struct"),
    Member("EmailMfaSettings", "struct"),
]
GET_USER = [Member("AccessToken", "string", required=True, pattern=r"[A-Za-z0-9-_=.]+")]
CHANGE_PASSWORD = [
    Member("PreviousPassword", "string", max_len=256),
    # PasswordType has no minimum length (botocore's model): short passwords meet the pool's policy.
    Member("ProposedPassword", "string", required=True, max_len=256),
    Member("AccessToken", "string", required=True, pattern=r"[A-Za-z0-9-_=.]+"),
]
MFA_SETTINGS = [Member("Enabled", "bool"), Member("PreferredMfa", "bool")]
