"""auth_flow = user_auth: choice-based sign-in, passwordless codes by email or text message."""
import pytest

from conftest import PASSWORD, POOL, TOTP_SECRET, conf_text, totp
from expose_authtok import read_authtok, save_authtok_after_the_module
from scripted import ByPrompt

UA_CLIENT = "userauthclient0123456789a"
PHONE = "+15551234567"
EMAIL = "erin@example.com"


@pytest.fixture
def ua(emulator):
    emulator.admin("POST", "/pools/update", {"id": POOL,
                                              "first_auth_factors": ["PASSWORD", "EMAIL_OTP", "SMS_OTP",
                                                                     "WEB_AUTHN"]})
    emulator.add_client(pool_id=POOL, client_id=UA_CLIENT, client_secret=None,
                        flows=["ALLOW_USER_AUTH"])
    return emulator


def add_user(emulator, name, **fields):
    fields.setdefault("attributes", {"phone_number": PHONE, "email": EMAIL})
    emulator.add_user(pool_id=POOL, username=name, password=PASSWORD, **fields)


def configure(pam, emulator, ca_dir, **conf):
    conf.setdefault("client_id", UA_CLIENT)
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="user_auth", **conf))
    pam.write_service()


def sent(emulator, user, kind):
    return lambda: emulator.admin("GET", "/codes/%s/%s" % (POOL, user))[kind]


def initiations(emulator):
    return [e["body"] for e in emulator.requests_log() if e["operation"] == "InitiateAuth"]


def answers(emulator, name):
    return [e["body"]["ChallengeResponses"] for e in emulator.requests_log()
            if e["operation"] == "RespondToAuthChallenge" and e["body"].get("ChallengeName") == name]


def test_email_code_is_the_only_prompt_and_satisfies_require_mfa(pam, ua, ca_dir):
    add_user(ua, "erin")
    configure(pam, ua, ca_dir, first_factor="email_otp")  # require_mfa = yes by default
    r = pam.run("erin", ByPrompt({"Code sent to ": [sent(ua, "erin", "email_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Code sent to e***@e***: "]
    assert [k for k, t in r.transcript if k.startswith("PROMPT")] == ["PROMPT_ECHO_OFF"]
    ia = initiations(ua)
    assert len(ia) == 1 and ia[0]["AuthFlow"] == "USER_AUTH"
    assert ia[0]["AuthParameters"] == {"USERNAME": "erin", "PREFERRED_CHALLENGE": "EMAIL_OTP"}
    assert set(answers(ua, "EMAIL_OTP")[0]) == {"EMAIL_OTP_CODE", "USERNAME"}


def test_sms_code_after_a_wrong_one(pam, ua, ca_dir):
    add_user(ua, "erin")
    configure(pam, ua, ca_dir, first_factor="sms_otp")
    r = pam.run("erin", ByPrompt({"Code sent to ": ["000000", sent(ua, "erin", "sms_otp_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Code sent to +*******4567: "] * 2
    assert r.texts("ERROR") == ["Wrong code. 2 tries left."]
    assert [set(a) for a in answers(ua, "SMS_OTP")] == [{"SMS_OTP_CODE", "USERNAME"}] * 2


def test_select_challenge_takes_the_first_offered_factor_of_the_list(pam, ua, ca_dir):
    add_user(ua, "erin", attributes={"phone_number": PHONE})  # no email: EMAIL_OTP is not offered
    configure(pam, ua, ca_dir, first_factor="email_otp, sms_otp, password")
    r = pam.run("erin", ByPrompt({"Code sent to ": [sent(ua, "erin", "sms_otp_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Code sent to +*******4567: "]
    assert answers(ua, "SELECT_CHALLENGE") == [{"ANSWER": "SMS_OTP", "USERNAME": "erin"}]


def test_password_asked_only_when_chosen_then_srp_and_mfa(pam, ua, ca_dir):
    # alice has no email address: EMAIL_OTP is not offered.
    configure(pam, ua, ca_dir, first_factor="email_otp,password")
    r = pam.run("alice", ByPrompt({"Password: ": [PASSWORD],
                                    "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]
    sel = answers(ua, "SELECT_CHALLENGE")
    assert len(sel) == 1 and sel[0]["ANSWER"] == "PASSWORD_SRP" and sel[0]["SRP_A"]
    assert "PASSWORD" not in sel[0]
    assert len(answers(ua, "PASSWORD_VERIFIER")) == 1


def test_a_password_asked_during_the_login_is_left_for_later_modules(pam, ua, ca_dir):
    pam.write_conf(conf_text(ua, ca_dir, client_id=UA_CLIENT, auth_flow="user_auth",
                             first_factor="email_otp,password"))
    saved = save_authtok_after_the_module(pam)
    # alice has no email address: SELECT_CHALLENGE, and the password is asked then.
    r = pam.run("alice", ByPrompt({"Password: ": [PASSWORD],
                                    "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert read_authtok(saved) == PASSWORD


def test_password_first_factor_sends_srp_a_with_the_preference(pam, ua, ca_dir):
    add_user(ua, "dave", totp_secret=TOTP_SECRET)
    configure(pam, ua, ca_dir)  # first_factor = password
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD],
                                  "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    ia = initiations(ua)[0]["AuthParameters"]
    assert ia["PREFERRED_CHALLENGE"] == "PASSWORD_SRP" and ia["SRP_A"] and "PASSWORD" not in ia
    assert answers(ua, "SELECT_CHALLENGE") == []


def test_wrong_password_through_select_challenge_is_refused(pam, ua, ca_dir):
    add_user(ua, "erin", attributes={})
    configure(pam, ua, ca_dir, first_factor="sms_otp,password")
    r = pam.run("erin", ByPrompt({"Password: ": ["Wrong-Passw0rd!"]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]


def test_passkey_only_offer_is_refused_clearly(pam, ua, ca_dir):
    ua.admin("POST", "/pools/update", {"id": POOL, "first_auth_factors": ["PASSWORD", "WEB_AUTHN"]})
    add_user(ua, "erin", has_passkey=True)
    configure(pam, ua, ca_dir, first_factor="email_otp")
    # The pool offers the password too; a first_factor without it must not take it.
    r = pam.run("erin", ByPrompt({}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == []
    assert r.texts("ERROR") == ["None of the ways your account can sign in is allowed on this "
                                "host. Ask your administrator."]
    line = [l for l in r.log if "outcome=denied" in l][0]
    assert "reason=no_usable_first_factor" in line and "WEB_AUTHN" in line
    assert answers(ua, "SELECT_CHALLENGE") == []


def test_offer_of_only_a_passkey_says_so(pam, ua, ca_dir):
    # A pool that answers SELECT_CHALLENGE with WEB_AUTHN alone (a faked answer).
    add_user(ua, "erin", has_passkey=True)
    configure(pam, ua, ca_dir, first_factor="email_otp")
    ua.fault(operation="InitiateAuth", kind="raw", status=200,
             body='{"ChallengeName":"SELECT_CHALLENGE","Session":"%s","ChallengeParameters":{},'
                  '"AvailableChallenges":["WEB_AUTHN"]}' % ("s" * 40), count=1)
    r = pam.run("erin", ByPrompt({}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Your account signs in with a passkey, which cannot be used at "
                                "this prompt. Ask your administrator."]


def test_client_without_allow_user_auth_is_a_configuration_error(pam, emulator, ca_dir):
    add_user(emulator, "erin")
    configure(pam, emulator, ca_dir, client_id="testclient0123456789abcdef", first_factor="email_otp")
    r = pam.run("erin", ByPrompt({}))
    assert r.code == "PAM_SERVICE_ERR", (r.transcript, r.log)
    assert any("USER_AUTH flow not enabled" in l for l in r.log), r.log


def test_single_prompt_with_a_passwordless_first_factor_is_refused_as_config(pam, ua, ca_dir):
    add_user(ua, "erin")
    configure(pam, ua, ca_dir, first_factor="email_otp", single_prompt="yes")
    r = pam.run("erin", ByPrompt({}))
    assert r.code == "PAM_SERVICE_ERR"
    assert any("single_prompt needs a login that starts with the password" in l for l in r.log), r.log


def test_unknown_user_with_existence_errors_prevented_looks_like_a_wrong_code(pam, ua, ca_dir):
    ua.admin("POST", "/clients/update", {"client_id": UA_CLIENT, "prevent_user_existence_errors": True})
    configure(pam, ua, ca_dir, first_factor="email_otp", code_retries=2)
    # frank has a local account but no Cognito user.
    r = pam.run("frank", ByPrompt({"Code sent to ": ["12345678", "87654321"]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Code sent to f***@e***: "] * 2
    assert r.texts("ERROR") == ["Wrong code. 1 try left.", "Wrong code. No tries left."]


def refusal_line(r):
    return [l for l in r.log if "outcome=denied" in l][0]


def test_an_unrequested_email_code_first_factor_is_refused_not_answered(pam, ua, ca_dir):
    add_user(ua, "dave", totp_secret=TOTP_SECRET)
    configure(pam, ua, ca_dir)  # first_factor = password
    # The pool starts EMAIL_OTP although the module asked for PASSWORD_SRP.
    ua.fault(operation="InitiateAuth", kind="first_factor", challenge="EMAIL_OTP")
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": [sent(ua, "dave", "email_code")],
                                  "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    # Told as a wrong password: for an unknown user Cognito may pick any of the pool's factors.
    assert r.texts("ERROR") == ["Incorrect username or password."]
    line = refusal_line(r)
    assert "reason=first_factor_not_allowed" in line and "EMAIL_OTP" in line, line
    assert answers(ua, "EMAIL_OTP") == []


def test_an_unrequested_text_message_code_after_the_choice_is_refused(pam, ua, ca_dir):
    add_user(ua, "erin", attributes={"phone_number": PHONE})  # no email: SELECT_CHALLENGE
    configure(pam, ua, ca_dir, first_factor="email_otp,password")
    # The module chooses PASSWORD_SRP; the pool starts SMS_OTP instead.
    ua.fault(operation="RespondToAuthChallenge", kind="first_factor", challenge="SMS_OTP")
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": [sent(ua, "erin", "sms_otp_code")]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["The sign-in service asked for a way of signing in that is not "
                                "allowed on this host. Ask your administrator."]
    assert answers(ua, "SELECT_CHALLENGE")[0]["ANSWER"] == "PASSWORD_SRP"
    assert answers(ua, "SMS_OTP") == []
    assert "reason=first_factor_not_allowed" in refusal_line(r)


@pytest.mark.parametrize("challenge, params", [
    ("PASSWORD_VERIFIER", {"SALT": "ab", "SRP_B": "cd", "SECRET_BLOCK": "ZWY=", "USERNAME": "erin",
                           "USER_ID_FOR_SRP": "erin"}),
    ("PASSWORD", {"USER_ID_FOR_SRP": "erin"}),
    ("SOFTWARE_TOKEN_MFA", {"USER_ID_FOR_SRP": "erin"}),
])
def test_a_password_or_mfa_in_place_of_a_passwordless_first_factor_is_refused(
        pam, ua, ca_dir, challenge, params):
    import json
    add_user(ua, "erin", totp_secret=TOTP_SECRET)
    configure(pam, ua, ca_dir, first_factor="email_otp")
    ua.fault(operation="InitiateAuth", kind="raw", status=200, body=json.dumps(
        {"ChallengeName": challenge, "Session": "s" * 40, "ChallengeParameters": params}))
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD],
                                  "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == []
    assert r.texts("ERROR") == ["The sign-in service asked for a way of signing in that is not "
                                "allowed on this host. Ask your administrator."]
    line = refusal_line(r)
    assert "reason=first_factor_not_allowed" in line and challenge in line, line
    assert [e["operation"] for e in ua.requests_log()] == ["InitiateAuth"]


def test_email_mfa_after_the_password_is_still_answered(pam, ua, ca_dir):
    # EMAIL_OTP is also email MFA: after the password it is not a first factor.
    add_user(ua, "dave", email_mfa_enabled=True, mfa_enabled=True)
    configure(pam, ua, ca_dir)  # first_factor = password
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": [sent(ua, "dave", "email_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Code sent to e***@e***: "]
    assert len(answers(ua, "PASSWORD_VERIFIER")) == 1 and len(answers(ua, "EMAIL_OTP")) == 1
