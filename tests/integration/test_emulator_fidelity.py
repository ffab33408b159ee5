"""Emulator behaviours that the AWS-fidelity table (tests/emulator/README.md) showed
differing from AWS, each checked straight through the emulator's API."""
import pytest

from conftest import CLIENT, PASSWORD, POOL
from test_emulator_mfa_methods import api

pytestmark = pytest.mark.memcheck_blind  # none of our C code runs here


def bob_access_token(emulator, ca_dir):
    status, answer = api(emulator, ca_dir, "InitiateAuth", {
        "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT,
        "AuthParameters": {"USERNAME": "bob", "PASSWORD": PASSWORD}})
    assert status == 200 and "AuthenticationResult" in answer, answer
    return answer["AuthenticationResult"]["AccessToken"]


def test_verify_software_token_wrong_code_says_what_aws_says(emulator, ca_dir):
    token = bob_access_token(emulator, ca_dir)
    status, answer = api(emulator, ca_dir, "AssociateSoftwareToken", {"AccessToken": token})
    assert status == 200, answer
    right = emulator.admin("GET", "/totp?secret=" + answer["SecretCode"])["code"]
    wrong = "%06d" % ((int(right) + 500000) % 1000000)
    status, answer = api(emulator, ca_dir, "VerifySoftwareToken", {"AccessToken": token, "UserCode": wrong})
    assert status == 400
    assert (answer["__type"], answer["message"]) == (
        "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")


def test_short_proposed_password_is_a_policy_failure_not_a_shape_error(emulator, ca_dir):
    # PasswordType has no minimum length in the service model; the pool's policy decides.
    token = bob_access_token(emulator, ca_dir)
    status, answer = api(emulator, ca_dir, "ChangePassword", {
        "AccessToken": token, "PreviousPassword": PASSWORD, "ProposedPassword": "Ab1!x"})
    assert status == 400
    assert (answer["__type"], answer["message"]) == (
        "InvalidPasswordException", "Password does not conform to policy: Password not long enough")
