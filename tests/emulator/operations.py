"""The AWS JSON 1.1 protocol: from (headers, body bytes) to (HTTP status, JSON answer)."""

import json

import account
import challenges
import flows
import forgot_password
import software_token
from errors import CognitoError
from state import State

SERVICE = "AWSCognitoIdentityProviderService"
CONTENT_TYPE = "application/x-amz-json-1.1"

OPERATIONS = {
    "InitiateAuth": flows.initiate_auth,
    "RespondToAuthChallenge": challenges.respond_to_auth_challenge,
    "AssociateSoftwareToken": software_token.associate_software_token,
    "VerifySoftwareToken": software_token.verify_software_token,
    "SetUserMFAPreference": account.set_user_mfa_preference,
    "GetUser": account.get_user,
    "ChangePassword": account.change_password,
    "ForgotPassword": forgot_password.forgot_password,
    "ConfirmForgotPassword": forgot_password.confirm_forgot_password,
}


def operation_name(target: str | None) -> str | None:
    """"AWSCognitoIdentityProviderService.InitiateAuth" -> "InitiateAuth"."""
    if target and target.startswith(SERVICE + "."):
        return target[len(SERVICE) + 1:]
    return None


def call(state: State, target: str | None, content_type: str | None, body: bytes) -> tuple[int, dict, str | None]:
    """Runs one request; returns (status, JSON answer, error type or None)."""
    try:
        answer = _call(state, target, content_type, body)
        return 200, answer, None
    except CognitoError as e:
        return e.status, e.body(), e.error_type


def _call(state: State, target: str | None, content_type: str | None, body: bytes) -> dict:
    media_type = (content_type or "").split(";")[0].strip().lower()
    op = operation_name(target)
    if media_type != CONTENT_TYPE or op is None:
        raise CognitoError("UnknownOperationException", None)
    handler = OPERATIONS.get(op)
    if handler is None:
        raise CognitoError("UnknownOperationException", None)
    try:
        req = json.loads(body.decode("utf-8")) if body.strip() else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CognitoError("SerializationException", "Malformed JSON in request body") from None
    if not isinstance(req, dict):
        raise CognitoError("SerializationException", "Start of list found where not expected")
    with state.lock:
        return handler(state, req)
