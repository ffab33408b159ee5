"""A pool's password policy, with Cognito's InvalidPasswordException messages."""

from errors import CognitoError
from state import Pool

# Cognito's default symbol set for "require symbols".
SYMBOLS = set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ")


def check(pool: Pool, password: str) -> None:
    policy = pool.password_policy
    problem = None
    if len(password) < policy.get("min_length", 8):
        problem = "Password not long enough"
    elif policy.get("require_lowercase") and not any(c.islower() for c in password):
        problem = "Password must have lowercase characters"
    elif policy.get("require_uppercase") and not any(c.isupper() for c in password):
        problem = "Password must have uppercase characters"
    elif policy.get("require_numbers") and not any(c.isdigit() for c in password):
        problem = "Password must have numeric characters"
    elif policy.get("require_symbols") and not any(c in SYMBOLS for c in password):
        problem = "Password must have symbol characters"
    if problem:
        raise CognitoError("InvalidPasswordException", f"Password does not conform to policy: {problem}")
