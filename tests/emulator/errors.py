"""The error a Cognito operation answers with, in AWS JSON 1.1 form."""


class CognitoError(Exception):
    def __init__(self, error_type: str, message: str | None, status: int = 400):
        super().__init__(f"{error_type}: {message}")
        self.error_type = error_type
        self.message = message
        self.status = status

    def body(self) -> dict:
        # Errors raised by AWS's request framework (not by Cognito itself) carry a
        # namespaced __type and a capitalised "Message": clients must cope.
        if self.error_type == "UnknownOperationException":
            return {"__type": "com.amazon.coral.service#UnknownOperationException"}
        if self.error_type == "SerializationException":
            return {"__type": "com.amazon.coral.service#SerializationException", "Message": self.message}
        return {"__type": self.error_type, "message": self.message}


def not_authorized(message: str = "Incorrect username or password.") -> CognitoError:
    return CognitoError("NotAuthorizedException", message)


def invalid_parameter(message: str) -> CognitoError:
    return CognitoError("InvalidParameterException", message)


def invalid_session() -> CognitoError:
    return not_authorized("Invalid session for the user, session is expired.")


def missing_parameter(name: str) -> CognitoError:
    return invalid_parameter(f"Missing required parameter {name}")
