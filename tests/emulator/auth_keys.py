"""The keys of AuthParameters and ChallengeResponses, as AWS documents them.

The service model types both as maps of strings; which keys each flow and
challenge takes is in the documentation only:
- InitiateAuth AuthParameters: botocore service-2.json
  InitiateAuthRequest.AuthParameters, the same text as the API reference
  https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
  ("Add a SECRET_HASH parameter if your app client has a client secret. Add
  DEVICE_KEY if you want to bypass multi-factor authentication with a
  remembered device"; USER_AUTH: USERNAME, PREFERRED_CHALLENGE; USER_SRP_AUTH:
  USERNAME, SRP_A; USER_PASSWORD_AUTH: USERNAME, PASSWORD; CUSTOM_AUTH:
  USERNAME, and ChallengeName SRP_A with SRP_A for SRP first).
- USER_AUTH with a first factor started at once (PASSWORD with PASSWORD,
  PASSWORD_SRP with SRP_A): AWS developer guide, "Manage authentication
  methods in AWS SDKs" (authentication-flows-selection-sdk).
- RespondToAuthChallenge ChallengeResponses: botocore
  RespondToAuthChallengeRequest.ChallengeResponses and the API reference
  https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChallengeResponseType.html
  (one example per challenge; "All of the following challenges require
  USERNAME", API_RespondToAuthChallenge.html ChallengeName).
The values are checked where the model or the docs fix them: USERNAME is a
UsernameType, SECRET_HASH a SecretHashType, DEVICE_KEY a DeviceKeyType,
PASSWORD and NEW_PASSWORD PasswordTypes, SOFTWARE_TOKEN_MFA_CODE a
SoftwareTokenMFAUserCodeType (the TOTP code, as VerifySoftwareToken's
UserCode), the choices of ANSWER and PREFERRED_CHALLENGE, and TIMESTAMP in
the form "EEE MMM d HH:mm:ss UTC yyyy" (English, day not padded: AWS's
"TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
amazon-cognito-identity-js DateHelper.getNowString).
"""

import json
import re

ALWAYS = {"SECRET_HASH", "DEVICE_KEY"}
FIRST_FACTORS = ("PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
# RespondToAuthChallengeRequest.ChallengeResponses doc: "[SMS_MFA|EMAIL_MFA|SOFTWARE_TOKEN_MFA]";
# EMAIL_MFA is no ChallengeNameType, and what SELECT_MFA_TYPE offers in MFAS_CAN_CHOOSE
# for email is the challenge EMAIL_OTP: both spellings are taken.
MFA_CHOICES = ("SMS_MFA", "EMAIL_OTP", "EMAIL_MFA", "SOFTWARE_TOKEN_MFA")

# Flow -> (required keys, optional keys).
AUTH_PARAMETERS = {
    "USER_SRP_AUTH": ({"USERNAME", "SRP_A"}, set()),
    "USER_PASSWORD_AUTH": ({"USERNAME", "PASSWORD"}, set()),
    "USER_AUTH": ({"USERNAME"}, {"PREFERRED_CHALLENGE", "PASSWORD", "SRP_A"}),
    "CUSTOM_AUTH": ({"USERNAME"}, {"CHALLENGE_NAME", "SRP_A"}),
    "REFRESH_TOKEN_AUTH": ({"REFRESH_TOKEN"}, set()),
    "REFRESH_TOKEN": ({"REFRESH_TOKEN"}, set()),
}

# Challenge -> (required keys, optional keys).
CHALLENGE_RESPONSES = {
    "SELECT_CHALLENGE": ({"USERNAME", "ANSWER"}, {"PASSWORD", "SRP_A", "CREDENTIAL"}),
    "WEB_AUTHN": ({"USERNAME", "CREDENTIAL"}, set()),
    "PASSWORD": ({"USERNAME", "PASSWORD"}, set()),
    "PASSWORD_SRP": ({"USERNAME", "SRP_A"}, set()),
    "SMS_OTP": ({"USERNAME", "SMS_OTP_CODE"}, set()),
    "EMAIL_OTP": ({"USERNAME", "EMAIL_OTP_CODE"}, set()),
    "SMS_MFA": ({"USERNAME", "SMS_MFA_CODE"}, set()),
    "PASSWORD_VERIFIER": ({"USERNAME", "PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK",
                           "TIMESTAMP"}, set()),
    "CUSTOM_CHALLENGE": ({"USERNAME", "ANSWER"}, set()),
    "NEW_PASSWORD_REQUIRED": ({"USERNAME", "NEW_PASSWORD"}, set()),  # + userAttributes.<name>
    "SOFTWARE_TOKEN_MFA": ({"USERNAME", "SOFTWARE_TOKEN_MFA_CODE"}, set()),
    "DEVICE_SRP_AUTH": ({"USERNAME", "DEVICE_KEY", "SRP_A"}, set()),
    "DEVICE_PASSWORD_VERIFIER": ({"USERNAME", "DEVICE_KEY", "PASSWORD_CLAIM_SIGNATURE",
                                  "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"}, set()),
    "MFA_SETUP": ({"USERNAME"}, set()),
    "SELECT_MFA_TYPE": ({"USERNAME", "ANSWER"}, set()),
}

# Key -> the model's shape for its value.
VALUE_SHAPES = {
    "USERNAME": "UsernameType",
    "SECRET_HASH": "SecretHashType",
    "DEVICE_KEY": "DeviceKeyType",
    "PASSWORD": "PasswordType",
    "NEW_PASSWORD": "PasswordType",
    "SOFTWARE_TOKEN_MFA_CODE": "SoftwareTokenMFAUserCodeType",
}

_DAYS = "Sun|Mon|Tue|Wed|Thu|Fri|Sat"
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
TIMESTAMP = re.compile(rf"(?:{_DAYS}) (?:{_MONTHS}) [1-9][0-9]? [0-2][0-9]:[0-5][0-9]:[0-6][0-9] UTC [0-9]{{4}}")
HEX = re.compile(r"[0-9a-fA-F]+")


def _keys(where, given, required, optional, problems, extra_ok=lambda k: False):
    for key in sorted(required - given):
        problems.append(f"{where}: {key} missing")
    for key in sorted(given - required - optional - ALWAYS):
        if not extra_ok(key):
            problems.append(f"{where}: {key} is not a key AWS documents here")


def _values(model, where, params, problems):
    for key, shape in VALUE_SHAPES.items():
        value = params.get(key)
        if isinstance(value, str) and shape in model.shapes:
            problems += model.shape_problems(shape, value, f"{where}[{key!r}]")
    for key in ("SRP_A", "SRP_B", "SALT"):
        value = params.get(key)
        if isinstance(value, str) and not HEX.fullmatch(value):
            problems.append(f"{where}[{key!r}]: not hexadecimal")


def auth_parameters(model, flow, params) -> list[str]:
    if flow not in AUTH_PARAMETERS or not isinstance(params, dict):
        return []
    problems: list[str] = []
    where = f"InitiateAuth {flow} AuthParameters"
    required, optional = AUTH_PARAMETERS[flow]
    given = set(params)
    preferred = params.get("PREFERRED_CHALLENGE")
    if flow == "USER_AUTH":
        if preferred is not None and preferred not in FIRST_FACTORS:
            problems.append(f"{where}: PREFERRED_CHALLENGE {preferred!r} is none of {', '.join(FIRST_FACTORS)}")
        optional = {"PREFERRED_CHALLENGE"} | ({"PASSWORD"} if preferred == "PASSWORD" else set()) \
            | ({"SRP_A"} if preferred == "PASSWORD_SRP" else set())
    if flow == "CUSTOM_AUTH" and "CHALLENGE_NAME" in params:
        if params["CHALLENGE_NAME"] != "SRP_A":
            problems.append(f"{where}: CHALLENGE_NAME is {params['CHALLENGE_NAME']!r}, only SRP_A is documented")
        required = required | {"SRP_A"}
    _keys(where, given, required, optional, problems)
    _values(model, where, params, problems)
    return problems


def challenge_responses(model, challenge, responses) -> list[str]:
    if challenge not in CHALLENGE_RESPONSES or not isinstance(responses, dict):
        return []
    problems: list[str] = []
    where = f"RespondToAuthChallenge {challenge} ChallengeResponses"
    required, optional = CHALLENGE_RESPONSES[challenge]
    answer = responses.get("ANSWER")
    if challenge == "SELECT_CHALLENGE":
        if answer is not None and answer not in FIRST_FACTORS:
            problems.append(f"{where}: ANSWER {answer!r} is none of {', '.join(FIRST_FACTORS)}")
        optional = {"PASSWORD": {"PASSWORD"}, "PASSWORD_SRP": {"SRP_A"}, "WEB_AUTHN": {"CREDENTIAL"}}.get(answer, set())
        required = required | optional
    if challenge == "SELECT_MFA_TYPE" and answer is not None and answer not in MFA_CHOICES:
        problems.append(f"{where}: ANSWER {answer!r} is none of {', '.join(MFA_CHOICES)}")
    user_attribute = (lambda k: k.startswith("userAttributes.") and len(k) > len("userAttributes.")) \
        if challenge == "NEW_PASSWORD_REQUIRED" else (lambda k: False)
    _keys(where, set(responses), required, optional, problems, user_attribute)
    _values(model, where, responses, problems)
    stamp = responses.get("TIMESTAMP")
    if isinstance(stamp, str) and not TIMESTAMP.fullmatch(stamp):
        problems.append(f"{where}['TIMESTAMP']: {stamp!r} is not 'EEE MMM d HH:mm:ss UTC yyyy'")
    return problems


def challenge_parameters(model, challenge, params) -> list[str]:
    """The lists AWS sends inside ChallengeParameters' strings, as JSON text."""
    problems: list[str] = []
    if not isinstance(params, dict):
        return problems
    names = set(model.enum("ChallengeNameType"))
    for key in ("MFAS_CAN_SETUP", "MFAS_CAN_CHOOSE"):
        if key not in params or not isinstance(params[key], str):
            continue
        try:
            listed = json.loads(params[key])
        except json.JSONDecodeError:
            listed = None
        if not isinstance(listed, list) or not all(isinstance(n, str) and n in names for n in listed):
            problems.append(f"{challenge} ChallengeParameters[{key!r}]: not a JSON list of ChallengeNameType values")
    return problems
