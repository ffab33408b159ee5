"""Every request the emulator gets and every answer it gives, against AWS's service model.

A request is checked against its operation's input shape, plus the keys AWS
documents for AuthParameters and ChallengeResponses (auth_keys.py); an answer
against the output shape; an error against the operation's declared errors,
the HTTP status AWS gives that error, and the error shape's members.
Errors of AWS's request framework (SerializationException,
UnknownOperationException) belong to no operation in the model and are
taken as they are.
"""

import auth_keys
from service_model import Model

FRAMEWORK_ERRORS = {"SerializationException", "UnknownOperationException",
                    # AWS's request signing (SigV4) refusals, before the operation runs: in no
                    # operation's error list (README, fidelity table: SigV4)
                    "MissingAuthenticationTokenException", "IncompleteSignatureException",
                    "UnrecognizedClientException", "InvalidSignatureException"}
# Request-rate quotas apply to every operation of a quota category (AWS
# developer guide, "Quotas in Amazon Cognito": "The Amazon Cognito user pools
# service applies quotas to all operations in each category"), and going over
# one is TooManyRequestsException, also for operations whose error list in the
# model leaves it out (AssociateSoftwareToken, SetUserMFAPreference).
ANY_OPERATION_ERRORS = {"TooManyRequestsException"}


def request_problems(model: Model, operation: str | None, body) -> list[str]:
    shape = model.input_shape(operation) if operation else None
    if shape is None:
        return []  # not an operation of the model: the emulator says UnknownOperationException
    if not isinstance(body, dict):
        return [f"{operation} request: not a JSON object"]
    problems = model.shape_problems(shape, body, f"{operation} request")
    if operation == "InitiateAuth":
        problems += auth_keys.auth_parameters(model, body.get("AuthFlow"), body.get("AuthParameters"))
    elif operation == "RespondToAuthChallenge":
        problems += auth_keys.challenge_responses(model, body.get("ChallengeName"),
                                                  body.get("ChallengeResponses"))
    return problems


def response_problems(model: Model, operation: str | None, status: int, answer, error_type) -> list[str]:
    if error_type is not None or status != 200:
        return _error_problems(model, operation, status, answer, error_type)
    shape = model.output_shape(operation) if operation else None
    if shape is None:
        return [f"{operation}: answered 200, but the model has no such operation"]
    where = f"{operation} answer"
    problems = model.shape_problems(shape, answer, where)
    if isinstance(answer, dict):
        problems += auth_keys.challenge_parameters(model, answer.get("ChallengeName"),
                                                   answer.get("ChallengeParameters"))
    return problems


def _error_problems(model, operation, status, answer, error_type) -> list[str]:
    if not isinstance(answer, dict) or not isinstance(answer.get("__type"), str):
        return [f"{operation} error {status}: the body has no __type"]
    name = answer["__type"].rpartition("#")[2]
    if name != error_type:
        return [f"{operation} error: __type {name} but x-amzn-ErrorType {error_type}"]
    if name in FRAMEWORK_ERRORS:
        return []
    if operation is None or model.input_shape(operation) is None:
        return [f"{name} for a request that names no operation of the model"]
    problems = []
    if name not in model.errors(operation) and name not in ANY_OPERATION_ERRORS:
        problems.append(f"{operation} error {name}: not among the operation's errors in the model")
    if name in model.shapes:
        expected = model.error_status(name)
        if status != expected:
            problems.append(f"{operation} error {name}: HTTP {status}, AWS answers it with {expected}")
        members = {k: v for k, v in answer.items() if k != "__type"}
        problems += model.shape_problems(name, members, f"{operation} error {name}")
    return problems
