"""The emulator's PASSWORD_VERIFIER, straight through its API (no module).

AWS answers USER_SRP_AUTH with a PASSWORD_VERIFIER that carries no Session
(measured: ministackorg/ministack pull request 1758); the answer is tied to
its SECRET_BLOCK. The emulator does that by default, and gives the older
shape, with a Session, to pools with `password_verifier_session`.
"""
import pytest

from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET
from srp_client import SrpClient
from test_emulator_mfa_methods import api

pytestmark = pytest.mark.memcheck_blind  # none of our C code runs here

INCORRECT = ("NotAuthorizedException", "Incorrect username or password.")
INVALID_SESSION = ("NotAuthorizedException", "Invalid session for the user, session is expired.")


def initiate(emulator, ca_dir, client, user):
    status, answer = api(emulator, ca_dir, "InitiateAuth", {
        "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
        "AuthParameters": {"USERNAME": user, "SRP_A": client.srp_a}})
    assert status == 200, answer
    assert answer["ChallengeName"] == "PASSWORD_VERIFIER"
    return answer


def verify(emulator, ca_dir, challenge, responses, session=None):
    body = {"ClientId": CLIENT, "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": dict(responses, USERNAME=challenge["ChallengeParameters"]["USER_ID_FOR_SRP"])}
    if session is not None:
        body["Session"] = session
    return api(emulator, ca_dir, "RespondToAuthChallenge", body)


def error(answer):
    return answer.get("__type"), answer.get("message")


def emulator_now(emulator):
    return emulator.admin("GET", "/time")["now"]


def test_password_verifier_has_no_session_and_is_answered_without_one(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "alice")
    assert "Session" not in challenge
    status, answer = verify(emulator, ca_dir, challenge, client.answer(challenge["ChallengeParameters"], PASSWORD))
    assert status == 200, answer
    # The steps after the password still carry their Session.
    assert answer["ChallengeName"] == "SOFTWARE_TOKEN_MFA" and len(answer["Session"]) >= 20


def test_password_verifier_answer_is_single_use(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD)
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 200 and "AuthenticationResult" in answer, answer
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 400 and error(answer) == INCORRECT


def test_wrong_password_ends_the_password_verifier(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    status, answer = verify(emulator, ca_dir, challenge, client.answer(challenge["ChallengeParameters"], "Wr0ng-pass!"))
    assert status == 400 and error(answer) == INCORRECT
    status, answer = verify(emulator, ca_dir, challenge, client.answer(challenge["ChallengeParameters"], PASSWORD))
    assert status == 400 and error(answer) == INCORRECT


def test_unknown_secret_block_is_an_incorrect_password(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    other = initiate(emulator, ca_dir, client, "bob")
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD)
    responses["PASSWORD_CLAIM_SECRET_BLOCK"] = "A" * 800
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 400 and error(answer) == INCORRECT
    # The SECRET_BLOCK of another challenge names that challenge, whose B differs: refused too.
    responses["PASSWORD_CLAIM_SECRET_BLOCK"] = other["ChallengeParameters"]["SECRET_BLOCK"]
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 400 and error(answer) == INCORRECT


@pytest.mark.parametrize("with_session", [False, True])
def test_password_verifier_must_be_answered_within_seconds(emulator, ca_dir, with_session):
    # "Amazon Cognito requires that your application respond to this challenge within a
    # few seconds" (RespondToAuthChallenge), far less than the 3-minute session validity.
    emulator.admin("POST", "/pools/update", {"id": POOL, "session_seconds": 180,
                                             "password_verifier_session": with_session})
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    emulator.admin("POST", "/time", {"offset_seconds": 11})
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD, when=emulator_now(emulator))
    status, answer = verify(emulator, ca_dir, challenge, responses, session=challenge.get("Session"))
    assert status == 400 and answer["__type"] == "NotAuthorizedException", answer


def test_missing_secret_block_without_session_is_a_missing_parameter(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD)
    del responses["PASSWORD_CLAIM_SECRET_BLOCK"]
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 400
    assert error(answer) == ("InvalidParameterException",
                             "Missing required parameter PASSWORD_CLAIM_SECRET_BLOCK")


@pytest.fixture
def session_pool(emulator):
    emulator.admin("POST", "/pools/update", {"id": POOL, "password_verifier_session": True})
    return emulator


def test_switch_gives_the_older_shape_with_a_session(session_pool, ca_dir):
    emulator = session_pool
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    assert len(challenge["Session"]) >= 20
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD)
    status, answer = verify(emulator, ca_dir, challenge, responses)
    assert status == 400 and error(answer) == INVALID_SESSION
    status, answer = verify(emulator, ca_dir, challenge, responses, session=challenge["Session"])
    assert status == 200 and "AuthenticationResult" in answer, answer
    status, answer = verify(emulator, ca_dir, challenge, responses, session=challenge["Session"])
    assert status == 400 and error(answer) == INVALID_SESSION


def test_a_made_up_session_on_a_sessionless_challenge_is_refused(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "bob")
    responses = client.answer(challenge["ChallengeParameters"], PASSWORD)
    status, answer = verify(emulator, ca_dir, challenge, responses, session="S" * 40)
    assert status == 400 and error(answer) == INVALID_SESSION


def test_later_challenges_still_require_their_session(emulator, ca_dir):
    client = SrpClient(POOL)
    challenge = initiate(emulator, ca_dir, client, "alice")
    status, mfa = verify(emulator, ca_dir, challenge, client.answer(challenge["ChallengeParameters"], PASSWORD))
    assert status == 200 and mfa["ChallengeName"] == "SOFTWARE_TOKEN_MFA", mfa
    code = emulator.admin("GET", "/totp?secret=" + TOTP_SECRET)["code"]
    status, answer = api(emulator, ca_dir, "RespondToAuthChallenge", {
        "ClientId": CLIENT, "ChallengeName": "SOFTWARE_TOKEN_MFA",
        "ChallengeResponses": {"USERNAME": "alice", "SOFTWARE_TOKEN_MFA_CODE": code}})
    assert status == 400 and error(answer) == INVALID_SESSION
