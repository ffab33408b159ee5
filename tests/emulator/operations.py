"""The AWS JSON 1.1 protocol: from (headers, body bytes) to (HTTP status, JSON answer)."""

import json

import account
import challenges
import flows
import forgot_password
import list_users
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
    "ListUsers": list_users.list_users,
    "ListUsersInGroup": list_users.list_users_in_group,
}
# Operations only an IAM principal may call: the request must carry SigV4 (sigv4.py)
IAM_OPERATIONS = {"ListUsers", "ListUsersInGroup"}


def operation_name(target: str | None) -> str | None:
    """"AWSCognitoIdentityProviderService.InitiateAuth" -> "InitiateAuth"."""
    if target and target.startswith(SERVICE + "."):
        return target[len(SERVICE) + 1:]
    return None


def call(state: State, target: str | None, content_type: str | None, body: bytes,
         authorize=None) -> tuple[int, dict, str | None]:
    """Runs one request; returns (status, JSON answer, error type or None).
    authorize(region) checks an IAM operation's signature (raises CognitoError)."""
    try:
        op = operation_name(target)
        if op in IAM_OPERATIONS and authorize is not None:
            authorize(_region(state, body))
        answer = _call(state, target, content_type, body)
        return 200, answer, None
    except CognitoError as e:
        return e.status, e.body(), e.error_type


def _region(state: State, body: bytes) -> str:
    """The region whose endpoint this is: the pool's (from UserPoolId), as each
    region has its own cognito-idp endpoint."""
    try:
        pool_id = json.loads(body).get("UserPoolId")
    except (ValueError, AttributeError, UnicodeDecodeError):
        pool_id = None
    if isinstance(pool_id, str) and "_" in pool_id:
        return pool_id.split("_", 1)[0]
    return next(iter(state.pools.values())).region if state.pools else "us-east-1"


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
