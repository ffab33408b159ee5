"""The check of every request and answer against AWS's service model (botocore's
cognito-idp service-2.json): that the model is there and current, that the
check finds what is wrong, and that a violation fails the test it happened in.

conftest.py turns each violation an emulator found into an error of the test
during which it happened; these tests show that this check can fail.
"""
import base64
import glob
import hashlib
import hmac
import http.client
import json
import os
import re
import ssl
import subprocess
import sys

import pytest

import botocore_model
from conftest import CLIENT, CLIENT_SECRET, PASSWORD, POOL, SECRET_CLIENT

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(HERE, "..", "emulator"))

import conformance  # noqa: E402
import service_model  # noqa: E402

# What pam_cognito and cognito-mfa send and read; each must be in the model.
OPERATIONS, AUTH_FLOWS, CHALLENGES = botocore_model.OPERATIONS, botocore_model.AUTH_FLOWS, botocore_model.CHALLENGES


def c_sources():
    return "\n".join(open(p, encoding="utf-8").read()
                     for p in glob.glob(os.path.join(TOP, "pam_cognito", "**", "*.c"), recursive=True) + glob.glob(os.path.join(TOP, "cli", "*.c")))


@pytest.fixture(scope="module")
def located():
    found = botocore_model.locate()
    assert found["model"], found["why"]
    return found


@pytest.fixture(scope="module")
def model(located):
    return service_model.Model.load(located["model"])


def test_the_model_is_current_for_what_the_module_uses(located, model):
    # Also printed at the end of every run (conftest.py, pytest_terminal_summary).
    print("service model: botocore %s, %s (asked: %s)" % (located["botocore"], located["model"],
                                                           "; ".join(located["tried"])))
    assert model.metadata.get("targetPrefix") == "AWSCognitoIdentityProviderService"
    assert model.metadata.get("protocol") == "json" and model.metadata.get("jsonVersion") == "1.1"
    missing = [op for op in OPERATIONS if op not in model.operations]
    assert not missing, "botocore %s's model lacks %s" % (located["botocore"], missing)
    assert not set(AUTH_FLOWS) - set(model.enum("AuthFlowType")), model.enum("AuthFlowType")
    assert not set(CHALLENGES) - set(model.enum("ChallengeNameType")), model.enum("ChallengeNameType")
    assert botocore_model.lacks(located["model"]) == []
    # The module's own lists: every operation, flow and challenge named here is in its
    # sources, and every error type its sources match is one the model defines.
    source = c_sources()
    for name in OPERATIONS + AUTH_FLOWS + CHALLENGES:
        assert '"%s"' % name in source, name
    errors = set(re.findall(r'"([A-Z][A-Za-z]+Exception)"', source))
    assert errors, "no error type found in the sources"
    assert not {e for e in errors if not model.shapes.get(e, {}).get("exception")}, errors


def test_a_model_older_than_user_auth_is_too_old(located, tmp_path):
    # What Debian 12's python3-botocore 1.29 (2022) has: no USER_AUTH, no passwordless challenges.
    old = json.load(__import__("gzip").open(located["model"], "rt") if located["model"].endswith(".gz")
                    else open(located["model"]))
    old["shapes"]["AuthFlowType"]["enum"].remove("USER_AUTH")
    for name in ("SELECT_CHALLENGE", "SMS_OTP", "PASSWORD", "PASSWORD_SRP", "WEB_AUTHN"):
        old["shapes"]["ChallengeNameType"]["enum"].remove(name)
    path = tmp_path / "service-2.json"
    path.write_text(json.dumps(old))
    assert botocore_model.lacks(str(path)) == ["USER_AUTH", "SELECT_CHALLENGE", "SMS_OTP", "PASSWORD",
                                               "PASSWORD_SRP", "WEB_AUTHN"]


def test_every_operation_used_is_unsigned(model):
    # No AWS credentials are needed (nor held by the module): authtype none.
    assert {op: model.operations[op].get("authtype") for op in OPERATIONS} == {op: "none" for op in OPERATIONS}


# ---- the checker finds what is wrong (and passes what is right) ----

SESSION = "S" * 40


def good_initiate():
    return {"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": "alice", "PASSWORD": "Corr3ct-Horse!"}}


def good_mfa_setup_answer():
    return {"ChallengeName": "MFA_SETUP", "Session": SESSION,
            "ChallengeParameters": {"MFAS_CAN_SETUP": '["SOFTWARE_TOKEN_MFA"]'}}


def test_right_request_and_answers_pass(model):
    assert conformance.request_problems(model, "InitiateAuth", good_initiate()) == []
    assert conformance.response_problems(model, "InitiateAuth", 200, good_mfa_setup_answer(), None) == []
    assert conformance.request_problems(model, "RespondToAuthChallenge", {
        "ClientId": CLIENT, "ChallengeName": "PASSWORD_VERIFIER", "ChallengeResponses": {
            "USERNAME": "alice", "PASSWORD_CLAIM_SIGNATURE": "c2ln", "PASSWORD_CLAIM_SECRET_BLOCK": "YmxvY2s=",
            "TIMESTAMP": "Tue Dec 1 09:05:07 UTC 2026"}}) == []
    assert conformance.response_problems(model, "RespondToAuthChallenge", 400, {
        "__type": "CodeMismatchException", "message": "Invalid code received for user"},
        "CodeMismatchException") == []
    # Throttling may answer any operation, listed in its errors or not (conformance.ANY_OPERATION_ERRORS).
    assert "TooManyRequestsException" not in model.errors("AssociateSoftwareToken")
    assert conformance.response_problems(model, "AssociateSoftwareToken", 400, {
        "__type": "TooManyRequestsException", "message": "Rate exceeded"}, "TooManyRequestsException") == []
    assert conformance.response_problems(model, "GetUser", 500, {
        "__type": "InternalErrorException", "message": "An internal error occurred."},
        "InternalErrorException") == []


@pytest.mark.parametrize("change,found", [
    (lambda b: b.pop("ClientId"), "ClientId: required by InitiateAuthRequest, missing"),
    (lambda b: b.update(Password="x"), "Password: InitiateAuthRequest has no such member"),
    (lambda b: b.update(AuthFlow="USER_PASSWORD"), "'USER_PASSWORD' is not one of AuthFlowType's values"),
    (lambda b: b.update(ClientId="c" * 129), "length 129, ClientIdType wants at most 128"),
    (lambda b: b.update(ClientId="client id"), "does not match ClientIdType's pattern"),
    (lambda b: b.update(AuthParameters=["USERNAME"]), "list where the model has map AuthParametersType"),
    (lambda b: b["AuthParameters"].update(USERNAME="ali ce"), "does not match UsernameType's pattern"),
    (lambda b: b["AuthParameters"].pop("PASSWORD"), "AuthParameters: PASSWORD missing"),
    (lambda b: b["AuthParameters"].update(SRP_A="0A"), "SRP_A is not a key AWS documents here"),
    (lambda b: b["AuthParameters"].update(PASSWORD="p" * 257), "length 257, PasswordType wants at most 256"),
], ids=["missing-required", "unknown-member", "bad-enum", "too-long", "pattern", "map-as-list",
        "username-with-space", "missing-auth-parameter", "undocumented-key", "password-too-long"])
def test_bad_requests_are_found(model, change, found):
    body = good_initiate()
    change(body)
    problems = conformance.request_problems(model, "InitiateAuth", body)
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize("challenge,responses,found", [
    ("SOFTWARE_TOKEN_MFA", {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "12345"},
     "length 5, SoftwareTokenMFAUserCodeType wants at least 6"),
    ("SOFTWARE_TOKEN_MFA", {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": "12 456"},
     "does not match SoftwareTokenMFAUserCodeType's pattern [0-9]+"),
    ("SOFTWARE_TOKEN_MFA", {"USERNAME": "alice", "CODE": "123456"}, "SOFTWARE_TOKEN_MFA_CODE missing"),
    ("EMAIL_OTP", {"USERNAME": "alice", "EMAIL_MFA_CODE": "12345678"}, "EMAIL_MFA_CODE is not a key"),
    ("SELECT_MFA_TYPE", {"USERNAME": "alice", "ANSWER": "TOTP"}, "ANSWER 'TOTP' is none of"),
    ("SELECT_CHALLENGE", {"USERNAME": "alice", "ANSWER": "PASSWORD"}, "PASSWORD missing"),
    ("PASSWORD_VERIFIER", {"USERNAME": "alice", "PASSWORD_CLAIM_SIGNATURE": "c2ln",
                           "PASSWORD_CLAIM_SECRET_BLOCK": "YmxvY2s=", "TIMESTAMP": "Tue Dec  1 09:05:07 UTC 2026"},
     "is not 'EEE MMM d HH:mm:ss UTC yyyy'"),
    ("PASSWORD_VERIFIER", {"USERNAME": "alice", "PASSWORD_CLAIM_SIGNATURE": "c2ln",
                           "PASSWORD_CLAIM_SECRET_BLOCK": "YmxvY2s=", "TIMESTAMP": "Tue Dec 01 09:05:07 UTC 2026"},
     "is not 'EEE MMM d HH:mm:ss UTC yyyy'"),
    ("NEW_PASSWORD_REQUIRED", {"USERNAME": "alice", "NEW_PASSWORD": "N3w-Passw0rd!", "userAttributes.": "x"},
     "userAttributes. is not a key"),
], ids=["short-code", "code-pattern", "code-key", "email-key", "mfa-answer", "select-password",
        "padded-day", "zero-padded-day", "empty-attribute"])
def test_bad_challenge_responses_are_found(model, challenge, responses, found):
    body = {"ClientId": CLIENT, "ChallengeName": challenge, "Session": SESSION, "ChallengeResponses": responses}
    problems = conformance.request_problems(model, "RespondToAuthChallenge", body)
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize("change,found", [
    (lambda a: a["ChallengeParameters"].update(MFAS_CAN_SETUP=["SOFTWARE_TOKEN_MFA"]),
     "list where the model has string"),
    (lambda a: a["ChallengeParameters"].update(MFAS_CAN_SETUP='["TOTP"]'),
     "not a JSON list of ChallengeNameType values"),
    (lambda a: a.update(Session="short"), "length 5, SessionType wants at least 20"),
    (lambda a: a.update(ChallengeName="QUANTUM_MFA"), "is not one of ChallengeNameType's values"),
    (lambda a: a.update(AvailableChallenges="PASSWORD"), "string where the model has list"),
    (lambda a: a.update(AuthenticationResult={"AccessToken": "a+b/c", "ExpiresIn": "3600"}),
     "does not match TokenModelType's pattern"),
    (lambda a: a.update(AuthenticationResult={"ExpiresIn": "3600"}), "string where the model has integer"),
    (lambda a: a.update(Padding="x"), "InitiateAuthResponse has no such member"),
], ids=["mfas-can-setup-list", "mfas-can-setup-unknown", "short-session", "unknown-challenge",
        "available-not-list", "token-pattern", "expires-in-string", "unknown-member"])
def test_bad_answers_are_found(model, change, found):
    answer = good_mfa_setup_answer()
    change(answer)
    problems = conformance.response_problems(model, "InitiateAuth", 200, answer, None)
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize("operation,status,answer,error_type,found", [
    ("SetUserMFAPreference", 400, {"__type": "CodeMismatchException", "message": "x"}, "CodeMismatchException",
     "not among the operation's errors"),
    ("InitiateAuth", 500, {"__type": "NotAuthorizedException", "message": "x"}, "NotAuthorizedException",
     "HTTP 500, AWS answers it with 400"),
    ("InitiateAuth", 400, {"__type": "InternalErrorException", "message": "x"}, "InternalErrorException",
     "HTTP 400, AWS answers it with 500"),
    ("InitiateAuth", 400, {"__type": "NotAuthorizedException", "message": "x"}, "UserNotFoundException",
     "x-amzn-ErrorType UserNotFoundException"),
    ("InitiateAuth", 400, {"message": "x"}, "NotAuthorizedException", "the body has no __type"),
    ("InitiateAuth", 400, {"__type": "NotAuthorizedException", "Message": "x"}, "NotAuthorizedException",
     "NotAuthorizedException has no such member"),
    ("InitiateAuth", 400, {"__type": "QuotaException", "message": "x"}, "QuotaException",
     "not among the operation's errors"),
], ids=["undeclared-error", "client-error-as-500", "fault-as-400", "header-differs", "no-type",
        "message-capitalised", "unknown-error"])
def test_bad_errors_are_found(model, operation, status, answer, error_type, found):
    problems = conformance.response_problems(model, operation, status, answer, error_type)
    assert any(found in p for p in problems), problems


@pytest.mark.parametrize("pattern,value,matches", [
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "jürgen.o'brien+1@example.com", True),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "ali ce", False),
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "eve\u009b2J", False),   # a C1 control
    (r"[\p{L}\p{M}\p{S}\p{N}\p{P}]+", "e\u0301ve", True),      # a combining mark
    (r"[\w+]+", "abc_123", True),
    (r"[\w+]+", "ab\u00e9", False),                            # Java's \w is ASCII
    (r"[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+", "a\u00a0b", False),
    (r"\p{L}+", "\u00e4b", True),                            # outside a class
    (r"\p{L}+", "a1", False),
    (r"\p{M}x", "x", False),                                 # a category the value lacks
    (r".*", "a\nb", False),                                  # Java's '.' leaves out a newline
    (r"(?s).*", "a\nb", True),
], ids=["username", "space", "c1-control", "combining-mark", "word", "word-not-ascii", "negated-class",
        "outside-class", "outside-class-no", "empty-category", "dot", "dotall"])
def test_java_patterns(pattern, value, matches):
    assert service_model.java_fullmatch(pattern, value) is matches


# ---- a violation during a test fails that test ----

def raw_call(emulator, ca_dir, operation, body, user_agent):
    ctx = ssl.create_default_context(cafile=os.path.join(ca_dir, "ca.pem"))
    conn = http.client.HTTPSConnection("localhost", emulator.port, context=ctx, timeout=10)
    try:
        conn.request("POST", "/", json.dumps(body), {
            "Content-Type": "application/x-amz-json-1.1", "User-Agent": user_agent,
            "X-Amz-Target": "AWSCognitoIdentityProviderService." + operation})
        r = conn.getresponse()
        return r.status, json.loads(r.read() or b"{}")
    finally:
        conn.close()


def test_emulator_records_what_the_model_does_not_allow(ca_dir):
    from emulator_process import Emulator
    emu = Emulator(ca_dir)
    try:
        emu.add_pool(id=POOL, mfa="OPTIONAL")
        emu.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None, flows=["ALLOW_USER_PASSWORD_AUTH"])
        body = dict(good_initiate(), Padding="x")
        status, answer = raw_call(emu, ca_dir, "InitiateAuth", body, "pam_cognito/selftest")
        assert status == 400, answer  # the emulator refuses it as AWS does (an unknown member)
        found = emu.conformance()
        assert found["model"]["file"] == botocore_model.locate()["model"]
        assert found["checked"] == {"request": 1, "response": 1}
        assert [(v["operation"], v["direction"], v["user_agent"]) for v in found["violations"]] == \
            [("InitiateAuth", "request", "pam_cognito/selftest")], found
        assert "Padding: InitiateAuthRequest has no such member" in found["violations"][0]["problems"][0]
    finally:
        emu.stop(check_conformance=False)


SELF_TEST = '''
import http.client, json, os, ssl
from conftest import CLIENT

def call(emulator, ca_dir, agent):
    ctx = ssl.create_default_context(cafile=os.path.join(ca_dir, "ca.pem"))
    conn = http.client.HTTPSConnection("localhost", emulator.port, context=ctx, timeout=10)
    conn.request("POST", "/", json.dumps({"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH",
                                          "AuthParameters": {"USERNAME": "alice"}, "Padding": "x"}),
                 {"Content-Type": "application/x-amz-json-1.1", "User-Agent": agent,
                  "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"})
    conn.getresponse().read()

def test_module_sends_a_bad_request(emulator, ca_dir):
    call(emulator, ca_dir, "pam_cognito/selftest")

def test_a_test_sends_a_bad_request_on_purpose(emulator, ca_dir):
    call(emulator, ca_dir, "Python-urllib/3.11")
'''


def test_a_violation_fails_the_test_it_happened_in(tmp_path):
    """The suite's own conftest.py, on a test that sends what the model does
    not allow as the module would, and as a test may on purpose."""
    (tmp_path / "test_selftest.py").write_text(SELF_TEST)
    env = dict(os.environ, PYTHONPATH=HERE + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "conftest",
                        "-q", "-rfE", "--rootdir", str(tmp_path), str(tmp_path)],
                       cwd=str(tmp_path), env=env, capture_output=True, text=True, timeout=120)
    out = r.stdout + r.stderr
    assert r.returncode == 1, out
    assert "ERROR test_selftest.py::test_module_sends_a_bad_request" in out, out
    assert "AuthParameters: PASSWORD missing" in out and "User-Agent pam_cognito/selftest" in out, out
    assert "test_a_test_sends_a_bad_request_on_purpose" not in out.split("short test summary")[-1], out
    assert "2 passed, 1 error" in out, out


# ---- facts the model and AWS's docs settle, as the emulator applies them ----

def test_default_session_life_is_auth_session_validity_default(model, emulator):
    # AuthSessionValidity: minutes, 3 to 15, default 3 (botocore CreateUserPoolClientRequest).
    shape = model.shapes["AuthSessionValidityType"]
    assert (shape["type"], shape["min"], shape["max"]) == ("integer", 3, 15)
    emulator.add_pool(id="us-east-1_FreshPool")
    assert emulator.admin("GET", "/pools/us-east-1_FreshPool")["session_seconds"] == 3 * 60


def test_user_context_ip_is_taken_only_from_a_client_with_propagation(emulator, ca_dir):
    # "You can only activate EnablePropagateAdditionalUserContextData in an app
    # client that has a client secret" (botocore CreateUserPoolClientRequest).
    with pytest.raises(RuntimeError, match="client secret"):
        emulator.add_client(pool_id=POOL, client_id="propagating0123456789", client_secret=None,
                            propagate_user_context=True)
    emulator.admin("POST", "/clients/update", {"client_id": SECRET_CLIENT, "propagate_user_context": True})
    for client_id, secret in ((CLIENT, None), (SECRET_CLIENT, CLIENT_SECRET)):
        params = {"USERNAME": "bob", "PASSWORD": PASSWORD}
        if secret:
            params["SECRET_HASH"] = base64.b64encode(hmac.new(
                secret.encode(), ("bob" + client_id).encode(), hashlib.sha256).digest()).decode()
        status, answer = raw_call(emulator, ca_dir, "InitiateAuth", {
            "ClientId": client_id, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": params,
            "UserContextData": {"IpAddress": "192.0.2.7"}}, "Python-urllib/3.11")
        assert status == 200, answer
    assert [e["honoured_ip"] for e in emulator.requests_log()] == [None, "192.0.2.7"]


def test_throttling_of_one_user_leaves_the_others_alone(emulator, ca_dir):
    # TooManyRequestsException: "the user has made too many requests for a
    # given operation" (botocore); Cognito's per-user quotas (developer guide, Quotas).
    emulator.fault(operation="InitiateAuth", kind="throttle", username="alice", count=5)
    body = lambda user: {"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH",
                         "AuthParameters": {"USERNAME": user, "PASSWORD": PASSWORD}}
    assert raw_call(emulator, ca_dir, "InitiateAuth", body("bob"), "Python-urllib/3.11")[0] == 200
    status, answer = raw_call(emulator, ca_dir, "InitiateAuth", body("alice"), "Python-urllib/3.11")
    assert (status, answer["__type"]) == (400, "TooManyRequestsException")
    assert raw_call(emulator, ca_dir, "InitiateAuth", body("bob"), "Python-urllib/3.11")[0] == 200
