"""SELECT_MFA_TYPE, SMS_MFA and EMAIL_OTP: users with other or several MFA methods."""
from conftest import PASSWORD, POOL, TOTP_SECRET, conf_text, totp
from scripted import ByPrompt

PHONE = "+15551234567"
EMAIL = "erin@example.com"


def add_user(emulator, name, totp_secret=None, sms=False, email=False, **fields):
    emulator.add_user(pool_id=POOL, username=name, password=PASSWORD, totp_secret=totp_secret,
                      attributes={"phone_number": PHONE, "email": EMAIL},
                      sms_mfa_enabled=sms, email_mfa_enabled=email, **fields)


def configure(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def sent_code(emulator, user, kind):
    """The code the emulator "sent" (kind: sms_code or email_code), read when the prompt shows."""
    return lambda: emulator.admin("GET", "/codes/%s/%s" % (POOL, user))[kind]


def challenge_answers(emulator, name):
    return [e["body"]["ChallengeResponses"] for e in emulator.requests_log()
            if e["operation"] == "RespondToAuthChallenge" and e["body"].get("ChallengeName") == name]


def test_select_mfa_type_picks_totp_without_asking(pam, emulator, ca_dir):
    add_user(emulator, "dave", totp_secret=TOTP_SECRET, sms=True, email=True)
    configure(pam, emulator, ca_dir)
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD],
                                  "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]
    assert r.texts("INFO") == [] and r.texts("ERROR") == []
    assert [a["ANSWER"] for a in challenge_answers(emulator, "SELECT_MFA_TYPE")] == ["SOFTWARE_TOKEN_MFA"]
    assert emulator.user(POOL, "dave")["sms_mfa_enabled"]  # SMS was offered, and not taken


def test_mfa_preference_chooses_sms_then_a_wrong_code_then_the_right_one(pam, emulator, ca_dir):
    add_user(emulator, "dave", totp_secret=TOTP_SECRET, sms=True)
    configure(pam, emulator, ca_dir, mfa_preference="sms,totp")
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": ["000000", sent_code(emulator, "dave", "sms_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Code sent to +*******4567: ", "Code sent to +*******4567: "]
    assert r.texts("ERROR") == ["Wrong code. 2 tries left."]
    assert [a["ANSWER"] for a in challenge_answers(emulator, "SELECT_MFA_TYPE")] == ["SMS_MFA"]
    assert len(challenge_answers(emulator, "SMS_MFA")) == 2
    assert emulator.counters()["requests"]["InitiateAuth"] == 1


def test_nothing_usable_in_the_offer_is_refused_clearly(pam, emulator, ca_dir):
    add_user(emulator, "dave", totp_secret=TOTP_SECRET, email=True)
    configure(pam, emulator, ca_dir, mfa_preference="sms")
    r = pam.run("dave", ByPrompt({"Password: ": [PASSWORD]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["None of the ways your account has to confirm a sign-in can be used "
                                "on this host. Ask your administrator."]
    line = [l for l in r.log if "outcome=denied" in l][0]
    assert "reason=no_usable_mfa" in line and "EMAIL_OTP,SOFTWARE_TOKEN_MFA" in line
    assert challenge_answers(emulator, "SELECT_MFA_TYPE") == []


def test_sms_only_user_types_the_texted_code_and_counts_as_mfa(pam, emulator, ca_dir):
    add_user(emulator, "erin", sms=True)
    configure(pam, emulator, ca_dir)  # require_mfa = yes by default
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": [sent_code(emulator, "erin", "sms_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Code sent to +*******4567: "]
    assert [k for k, t in r.transcript if t.startswith("Code sent")] == ["PROMPT_ECHO_OFF"]
    assert set(challenge_answers(emulator, "SMS_MFA")[0]) == {"SMS_MFA_CODE", "USERNAME"}


def test_without_totp_the_default_preference_takes_email_before_sms(pam, emulator, ca_dir):
    add_user(emulator, "erin", sms=True, email=True)
    configure(pam, emulator, ca_dir)
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": [sent_code(emulator, "erin", "email_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert [a["ANSWER"] for a in challenge_answers(emulator, "SELECT_MFA_TYPE")] == ["EMAIL_OTP"]


def test_email_code_of_eight_digits_after_a_wrong_and_a_malformed_one(pam, emulator, ca_dir):
    add_user(emulator, "erin", email=True)
    configure(pam, emulator, ca_dir)
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD],
                                  "Code sent to ": ["12345", "0000 0000",
                                                    sent_code(emulator, "erin", "email_code")]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts()[1:] == ["Code sent to e***@e***: "] * 3
    assert r.texts("ERROR") == ["Enter the code from the email you just received.",
                                "Wrong code. 2 tries left."]
    codes = [a["EMAIL_OTP_CODE"] for a in challenge_answers(emulator, "EMAIL_OTP")]
    assert codes[0] == "00000000" and len(codes) == 2 and len(codes[1]) == 8


def test_wrong_texted_codes_use_up_the_tries(pam, emulator, ca_dir):
    add_user(emulator, "erin", sms=True)
    configure(pam, emulator, ca_dir, code_retries=2)
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD], "Code sent to ": ["000000", "999999"]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Wrong code. 1 try left.", "Wrong code. No tries left."]
    assert any("reason=CodeMismatchException" in l for l in r.log), r.log


def test_single_prompt_cannot_answer_a_texted_code(pam, emulator, ca_dir):
    add_user(emulator, "erin", sms=True)
    configure(pam, emulator, ca_dir, single_prompt="yes")
    r = pam.run("erin", ByPrompt({"Password: ": [PASSWORD + "123456"]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["This host takes the code together with the password, which works "
                                "only with an authenticator app. Ask your administrator."]
