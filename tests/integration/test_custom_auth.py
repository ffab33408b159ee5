"""auth_flow = custom: CUSTOM_AUTH with the pool's (scripted) Define/Create/Verify triggers."""
import os

import pytest

from conftest import PASSWORD, POOL, conf_text
from scripted import ByPrompt

PIN = {"public": {"prompt": "PIN: "}, "answer": "4321"}
COLOUR = {"public": {"prompt": "Favourite colour?", "echo": "yes",
                     "message": "One more question."}, "answer": "blue"}


def script(emulator, **custom):
    emulator.admin("POST", "/pools/update", {"id": POOL, "custom_auth": custom})


def configure(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="custom", **conf))
    pam.write_service()


@pytest.fixture
def custom(emulator):
    emulator.admin("POST", "/clients/update", {"client_id": "testclient0123456789abcdef",
                                                "flows": ["ALLOW_CUSTOM_AUTH"]})
    return emulator


def initiations(emulator):
    return [e["body"] for e in emulator.requests_log() if e["operation"] == "InitiateAuth"]


def answers(emulator, name):
    return [e["body"]["ChallengeResponses"] for e in emulator.requests_log()
            if e["operation"] == "RespondToAuthChallenge" and e["body"].get("ChallengeName") == name]


def test_custom_challenges_alone_no_password_prompt(pam, custom, ca_dir):
    script(custom, challenges=[PIN, COLOUR])
    configure(pam, custom, ca_dir)  # require_mfa = yes: answering custom challenges satisfies it
    r = pam.run("bob", ByPrompt({"PIN: ": ["4321"], "Favourite colour? ": ["blue"]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.transcript[:3] == [("PROMPT_ECHO_OFF", "PIN: "), ("INFO", "One more question."),
                                ("PROMPT_ECHO_ON", "Favourite colour? ")]
    assert initiations(custom)[0]["AuthFlow"] == "CUSTOM_AUTH"
    assert initiations(custom)[0]["AuthParameters"] == {"USERNAME": "bob"}
    assert answers(custom, "CUSTOM_CHALLENGE") == [{"ANSWER": "4321", "USERNAME": "bob"},
                                                   {"ANSWER": "blue", "USERNAME": "bob"}]


def test_custom_srp_proves_the_password_first(pam, custom, ca_dir):
    script(custom, srp_first=True, challenges=[PIN])
    configure(pam, custom, ca_dir, custom_srp="yes")
    r = pam.run("bob", ByPrompt({"Password: ": [PASSWORD], "PIN: ": ["4321"]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "PIN: "]
    params = initiations(custom)[0]["AuthParameters"]
    assert params["CHALLENGE_NAME"] == "SRP_A" and params["SRP_A"] and "PASSWORD" not in params
    assert len(answers(custom, "PASSWORD_VERIFIER")) == 1


def test_custom_srp_wrong_password_never_reaches_the_question(pam, custom, ca_dir):
    script(custom, srp_first=True, challenges=[PIN])
    configure(pam, custom, ca_dir, custom_srp="yes")
    r = pam.run("bob", ByPrompt({"Password: ": ["Wrong-Passw0rd!"], "PIN: ": ["4321"]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]


def test_wrong_answer_asked_again_by_the_lambda_then_refused(pam, custom, ca_dir):
    script(custom, retries=1, challenges=[PIN])
    configure(pam, custom, ca_dir)
    r = pam.run("bob", ByPrompt({"PIN: ": ["1111", "2222", "4321"]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["PIN: ", "PIN: "]
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert any("reason=NotAuthorizedException" in l for l in r.log), r.log


def test_prompt_from_the_network_is_sanitised_and_defaulted(pam, custom, ca_dir):
    script(custom, challenges=[{"public": {"prompt": "\x1b[2JCode\r\n: "}, "answer": "x"},
                               {"public": {}, "answer": "y"}])
    configure(pam, custom, ca_dir)
    r = pam.run("bob", ByPrompt({"?[2JCode??: ": ["x"], "Answer: ": ["y"]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["?[2JCode??: ", "Answer: "]
    assert [k for k, _ in r.transcript if k.startswith("PROMPT")] == ["PROMPT_ECHO_OFF"] * 2


def test_a_lambda_that_never_ends_is_cut_off(pam, custom, ca_dir):
    script(custom, retries=50, challenges=[PIN])
    configure(pam, custom, ca_dir)
    r = pam.run("bob", ByPrompt({"PIN: ": ["0000"] * 30}))
    assert r.code == "PAM_AUTHINFO_UNAVAIL"
    assert len(r.prompts()) == 10
    assert any("too many challenges" in l for l in r.log), r.log


EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples",
                       "custom-auth-lambda.js")


def test_the_documented_example_lambda_end_to_end(pam, custom, ca_dir):
    """examples/custom-auth-lambda.js, run by node as the pool's triggers: SRP, then the PIN."""
    custom.admin("POST", "/pools/update", {"id": POOL, "custom_auth": {"lambda": EXAMPLE}})
    custom.admin("POST", "/users/update", {"pool_id": POOL, "username": "bob",
                                           "attributes": {"custom:pin": "2468"}})
    configure(pam, custom, ca_dir, custom_srp="yes")
    r = pam.run("bob", ByPrompt({"Password: ": [PASSWORD], "PIN: ": ["1357", "2468"]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.transcript == [("PROMPT_ECHO_OFF", "Password: "), ("PROMPT_ECHO_OFF", "PIN: "),
                            ("INFO", "That PIN was wrong. One more try."),
                            ("PROMPT_ECHO_OFF", "PIN: ")]


def test_the_example_lambda_refuses_without_the_password(pam, custom, ca_dir):
    custom.admin("POST", "/pools/update", {"id": POOL, "custom_auth": {"lambda": EXAMPLE}})
    configure(pam, custom, ca_dir)  # custom_srp = no: the example's Define fails the sign-in
    r = pam.run("bob", ByPrompt({"PIN: ": ["2468"]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == []


@pytest.mark.parametrize("require_mfa", ["yes", "no"])
def test_tokens_for_no_proof_at_all_never_admit_or_enrol(pam, custom, ca_dir, require_mfa):
    # A Define trigger that issues tokens at once (no challenge): Cognito hands out tokens
    # for a name alone. Nothing the person knows or has was checked, so the login is
    # refused, and no authenticator is set up on the strength of it.
    triggers = os.path.join(pam.dir, "issue-at-once.js")
    with open(triggers, "w") as f:
        f.write("exports.define = async (event) => {\n"
                "  event.response.issueTokens = true;\n"
                "  event.response.failAuthentication = false;\n"
                "  return event;\n};\n"
                "exports.create = async (event) => event;\n"
                "exports.verify = async (event) => event;\n")
    os.chmod(triggers, 0o644)
    script(custom, **{"lambda": triggers})
    configure(pam, custom, ca_dir, require_mfa=require_mfa)
    r = pam.run("bob", ByPrompt({"Password: ": [PASSWORD]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Sign-in was refused."]
    assert any("reason=no_secret_proven" in l for l in r.log), r.log
    ops = [e["operation"] for e in custom.requests_log()]
    assert ops == ["InitiateAuth"], ops
    assert custom.user(POOL, "bob")["totp_secret"] is None
