"""TOTP enrolment by the module, through pam_wrapper: the MFA_SETUP challenge (pool MFA on,
user without TOTP) and enrol-on-login for require_mfa (pool MFA optional)."""
import json
import socket
import urllib.parse

import pytest

from conftest import Answers, PASSWORD, POOL, TOTP_SECRET, conf_text, totp, wrong_code
from enrolment_display import Display, decode_qr

MSG_ENROLL_OFF = ("Your account needs an authenticator app, and this host does not set one up. "
                  "Ask your administrator.")
MSG_NOT_INTERACTIVE = ("Setting up an authenticator app needs an interactive login, and this "
                       "one takes a single answer. Ask your administrator.")


class EnrolAnswers(Answers):
    """The password, then one code per code prompt: a string, or f(display) for the
    enrolment display seen so far (read from the INFO messages, as a person reads the screen)."""

    def __init__(self, password, *codes):
        super().__init__(password, *codes)
        self.infos = []

    def observe(self, kind, text):
        if kind == "INFO":
            self.infos.append(text)

    def compute(self, code):
        return code(Display.find(self.infos))


def app_code(display):
    return totp(display.secret)


def mfa_on(emulator):
    emulator.admin("POST", "/pools/update", {"id": POOL, "mfa": "ON"})


def configure(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def calls(emulator, operation):
    return [e for e in emulator.requests_log() if e["operation"] == operation]


def display_of(result):
    shown = [t for t in result.texts("INFO") if "Secret key: " in t]
    assert len(shown) == 1, result.transcript
    return Display(shown[0])


@pytest.mark.parametrize("flow", ["password", None])  # None: the srp default
def test_mfa_setup_enrols_and_admits(pam, emulator, ca_dir, flow):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, auth_flow=flow)
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]
    shown = display_of(r)
    user = emulator.user(POOL, "bob")
    assert user["has_totp"] and user["totp_secret"] == shown.secret
    assert user["mfa_enabled"] and user["mfa_preferred"]
    associate = calls(emulator, "AssociateSoftwareToken")
    assert [e["body"].get("Session") is not None for e in associate] == [True]
    verify = calls(emulator, "VerifySoftwareToken")
    assert len(verify) == 1 and verify[0]["body"]["FriendlyDeviceName"] == socket.gethostname()
    assert "Session" in verify[0]["body"] and "AccessToken" not in verify[0]["body"]
    answered = [e["body"]["ChallengeName"] for e in calls(emulator, "RespondToAuthChallenge")]
    assert answered[-1] == "MFA_SETUP"
    assert calls(emulator, "SetUserMFAPreference") == []
    assert any("set up an authenticator app" in l for l in r.log), r.log


def test_display_is_one_info_message_right_before_the_code_prompt(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", r.transcript
    kinds = [k for k, _ in r.transcript]
    at = kinds.index("PROMPT_ECHO_OFF", 1)  # the code prompt, after the password prompt
    assert r.transcript[at - 1][0] == "INFO" and "Secret key: " in r.transcript[at - 1][1]
    shown = display_of(r)
    assert shown.grouped == " ".join(shown.secret[i:i + 4] for i in range(0, len(shown.secret), 4))
    assert len(shown.secret) == 32 and set(shown.secret) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    host = urllib.parse.quote(socket.gethostname(), safe="")
    assert shown.uri == "otpauth://totp/%s:bob?secret=%s&issuer=%s" % (host, shown.secret, host)


def test_next_login_asks_for_a_code_of_the_new_authenticator(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    first = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert first.code == "PAM_SUCCESS", first.transcript
    secret = display_of(first).secret
    # The enrolment used this 30 s step's code: the next login uses the next step's.
    r = pam.run("bob", EnrolAnswers(PASSWORD, lambda _: totp(secret, 1)))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert r.prompts() == ["Password: ", "Verification code: "]
    assert not any("Secret key" in t for t in r.texts("INFO"))
    assert len(calls(emulator, "AssociateSoftwareToken")) == 1


def test_wrong_first_code_is_asked_again(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD, lambda d: wrong_code(d.secret), app_code))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert r.texts("ERROR") == ["Wrong code. 2 tries left."]
    assert [e["error_type"] for e in calls(emulator, "VerifySoftwareToken")] == [
        "EnableSoftwareTokenMFAException", None]
    assert len(calls(emulator, "AssociateSoftwareToken")) == 1
    assert emulator.user(POOL, "bob")["has_totp"]


def test_only_wrong_codes_refuse_and_enrol_nothing(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, code_retries=2)
    bad = lambda d: wrong_code(d.secret)  # noqa: E731
    r = pam.run("bob", EnrolAnswers(PASSWORD, bad, bad, app_code))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Wrong code. 1 try left.", "Wrong code. No tries left."]
    assert not emulator.user(POOL, "bob")["has_totp"]


def test_wrong_codes_are_asked_again_only_while_the_session_allows(pam, emulator, ca_dir):
    mfa_on(emulator)
    emulator.admin("POST", "/pools/update", {"id": POOL, "code_attempts_per_session": 2})
    configure(pam, emulator, ca_dir, code_retries=5)
    bad = lambda d: wrong_code(d.secret)  # noqa: E731
    r = pam.run("bob", EnrolAnswers(PASSWORD, bad, bad, app_code))
    assert r.code == "PAM_AUTH_ERR"
    assert [e["error_type"] for e in calls(emulator, "VerifySoftwareToken")] == [
        "EnableSoftwareTokenMFAException", "EnableSoftwareTokenMFAException",
        "NotAuthorizedException"]
    assert not emulator.user(POOL, "bob")["has_totp"]


def test_enroll_no_refuses_mfa_setup_with_a_message(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, enroll="no")
    r = pam.run("bob", EnrolAnswers(PASSWORD, "123456"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [MSG_ENROLL_OFF]
    assert r.prompts() == ["Password: "]
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert any("reason=enroll_disabled" in l for l in r.log), r.log


def test_single_prompt_cannot_enrol(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, single_prompt="yes")
    r = pam.run("bob", EnrolAnswers(PASSWORD + "123456"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [MSG_NOT_INTERACTIVE]
    assert calls(emulator, "AssociateSoftwareToken") == []


@pytest.mark.parametrize("pool_mfa", ["ON", "OPTIONAL"])
def test_no_enrolment_when_the_application_asks_for_silence(pam, emulator, ca_dir, pool_mfa):
    # sudo calls PAM with PAM_SILENT: the display would be dropped, so nothing is set up.
    emulator.admin("POST", "/pools/update", {"id": POOL, "mfa": pool_mfa})
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD, "123456"), ops=("--silent", "auth"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("INFO") == [] and r.texts("ERROR") == []
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert any("reason=enroll_silent" in l for l in r.log), r.log


def test_mfa_setup_without_software_token_is_refused(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    emulator.fault(operation="InitiateAuth", kind="raw", body=json.dumps({
        "ChallengeName": "MFA_SETUP", "Session": "s" * 64,
        "ChallengeParameters": {"MFAS_CAN_SETUP": json.dumps(["SMS_MFA"])}}))
    r = pam.run("bob", EnrolAnswers(PASSWORD, "123456"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Your account needs a kind of multi-factor authentication this "
                                "host cannot set up. Ask your administrator."]
    assert calls(emulator, "AssociateSoftwareToken") == []


def test_require_mfa_enrols_a_user_without_mfa_on_login(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)  # pool MFA OPTIONAL, require_mfa and enroll by default
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    shown = display_of(r)
    user = emulator.user(POOL, "bob")
    assert user["totp_secret"] == shown.secret and user["mfa_enabled"] and user["mfa_preferred"]
    associate = calls(emulator, "AssociateSoftwareToken")
    assert len(associate) == 1 and "AccessToken" in associate[0]["body"]
    assert "Session" not in associate[0]["body"]
    prefs = calls(emulator, "SetUserMFAPreference")
    assert [p["body"]["SoftwareTokenMfaSettings"] for p in prefs] == [
        {"Enabled": True, "PreferredMfa": True}]
    nxt = pam.run("bob", EnrolAnswers(PASSWORD, lambda _: totp(shown.secret, 1)))
    assert nxt.code == "PAM_SUCCESS", nxt.transcript
    assert nxt.prompts() == ["Password: ", "Verification code: "]


def test_require_mfa_refuses_when_enrolment_fails(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, code_retries=1)
    r = pam.run("bob", EnrolAnswers(PASSWORD, lambda d: wrong_code(d.secret)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Wrong code. No tries left."]
    user = emulator.user(POOL, "bob")
    assert not user["mfa_enabled"]
    assert calls(emulator, "SetUserMFAPreference") == []


def test_require_mfa_with_enroll_no_still_refuses(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, enroll="no")
    r = pam.run("bob", EnrolAnswers(PASSWORD))
    assert r.code == "PAM_AUTH_ERR"
    assert any("requires multi-factor authentication" in t for t in r.texts("ERROR"))
    assert calls(emulator, "AssociateSoftwareToken") == []


def test_require_mfa_enrols_only_members_of_groups(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, groups="admins")
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Your account is not allowed to log in here."]
    assert calls(emulator, "AssociateSoftwareToken") == []


MSG_NOT_IN_ENROLL_GROUP = ("This login requires multi-factor authentication, and your account "
                           "has none. Set up an authenticator app with cognito-mfa enroll, or ask "
                           "your administrator.")


def test_enroll_group_limits_enrolment_at_login_to_its_members(pam, emulator, ca_dir):
    # Cognito asked no MFA, so the password alone signed bob in: outside enroll_group he is
    # refused and nothing is set up; a member is enrolled as before.
    configure(pam, emulator, ca_dir, enroll_group="enrol-at-login")
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR") == [MSG_NOT_IN_ENROLL_GROUP]
    assert any("reason=not_in_enroll_group" in l for l in r.log), r.log
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert not emulator.user(POOL, "bob")["mfa_enabled"]
    emulator.add_user(pool_id=POOL, username="erin", password=PASSWORD, totp_secret=None,
                      groups=["enrol-at-login"])
    r = pam.run("erin", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert emulator.user(POOL, "erin")["mfa_enabled"]


def test_enroll_group_leaves_cognitos_own_mfa_setup_alone(pam, emulator, ca_dir):
    # MFA_SETUP is the pool's demand (MFA required), answered whatever enroll_group says.
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, enroll_group="enrol-at-login")
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert len(calls(emulator, "AssociateSoftwareToken")) == 1


def test_conversation_ending_at_the_code_prompt_enrols_nothing(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD))  # no answer to the code prompt
    assert r.code == "PAM_CONV_ERR"
    assert not emulator.user(POOL, "bob")["has_totp"]


def test_user_with_totp_is_not_enrolled_again(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", EnrolAnswers(PASSWORD, lambda _: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert emulator.user(POOL, "alice")["totp_secret"] == TOTP_SECRET


def test_qr_code_is_drawn_by_default_and_decodes_to_the_uri(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", r.transcript
    shown = display_of(r)
    assert shown.text.startswith("Add this account to your authenticator app: scan the QR code")
    assert len(shown.qr) >= 12 and len({len(l) for l in shown.qr}) == 1
    assert decode_qr(shown.qr) == shown.uri


def test_libqrencode_is_not_loaded_with_the_module():
    """It is loaded when a QR code is drawn (the test above decodes one): a
    login that draws none pays nothing for it."""
    import subprocess
    from pam_session import PAM_MODULE
    out = subprocess.run(["readelf", "-d", PAM_MODULE], check=True, capture_output=True,
                         text=True).stdout
    needed = [l for l in out.splitlines() if "(NEEDED)" in l]
    assert needed and not any("qrencode" in l for l in needed), needed


def test_qr_no_leaves_the_qr_code_out(pam, emulator, ca_dir):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir, qr="no")
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", r.transcript
    shown = display_of(r)
    assert shown.qr == []
    assert not set(shown.text) & set("\u2588\u2580\u2584")
    assert shown.text.startswith("Add this account to your authenticator app: type the secret key")
    assert shown.secret and shown.uri


def test_issuer_is_percent_encoded_in_the_uri(pam, emulator, ca_dir):
    mfa_on(emulator)
    issuer = "Ex\u00e4mple Corp & Co/#1?"
    configure(pam, emulator, ca_dir, totp_issuer=issuer)
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", r.transcript
    shown = display_of(r)
    encoded = "Ex%C3%A4mple%20Corp%20%26%20Co%2F%231%3F"
    assert shown.uri == "otpauth://totp/%s:bob?secret=%s&issuer=%s" % (
        encoded, shown.secret, encoded)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(decode_qr(shown.qr)).query)
    assert query == {"secret": [shown.secret], "issuer": [issuer]}


def printable(text):
    return all(c == "\n" or (" " <= c and c != "\x7f" and not "\x80" <= c <= "\x9f") for c in text)


@pytest.mark.parametrize("secret", [
    "JBSWY3DP\u001b[2J\u001b]0;owned\u0007EHPK3PXP",  # terminal escapes
    "jbswy3dpehpk3pxpjbswy3dpehpk3pxp",                # not base32 capitals
    "JBSWY3DP",                                          # too short
    "A" * 4096,                                          # too long
    "JBSWY3DPEHPK3PXP\u009b31mJBSWY3DP",                 # an 8-bit CSI
])
def test_unusable_secret_from_the_server_never_reaches_the_terminal(pam, emulator, ca_dir, secret):
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    emulator.fault(operation="AssociateSoftwareToken", kind="raw",
                   body=json.dumps({"SecretCode": secret, "Session": "s" * 64}))
    r = pam.run("bob", EnrolAnswers(PASSWORD, "123456"))
    assert r.code == "PAM_AUTHINFO_UNAVAIL", r.transcript
    assert all(printable(t) for _, t in r.transcript), r.transcript
    assert not any("Secret key" in t for t in r.texts("INFO"))
    assert r.prompts() == ["Password: "]
    assert any("reason=bad_response" in l and "SecretCode" in l for l in r.log), r.log


def test_hostile_user_name_is_only_shown_percent_encoded(pam, emulator, ca_dir):
    name = "eve[2J\u00e9"  # an escape's tail and a letter outside ASCII (C1: test_bad_input)
    with open(pam.passwd, "a", encoding="utf-8") as f:
        f.write("%s:x:2100:2100::/home/eve:/bin/sh\n" % name)
    emulator.add_user(pool_id=POOL, username=name, password=PASSWORD, totp_secret=None)
    mfa_on(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run(name, EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert all(printable(t) for _, t in r.transcript), r.transcript
    shown = display_of(r)
    assert ":eve%5B2J%C3%A9?secret=" in shown.uri
    assert decode_qr(shown.qr) == shown.uri


# ---- a password alone never replaces a factor (adaptive authentication may skip MFA) ----

MSG_MFA_NOT_ASKED = ("This login requires multi-factor authentication, and the sign-in service did "
                     "not ask for it. Try again later or ask your administrator.")


def low_risk_allow(emulator):
    emulator.admin("POST", "/pools/update", {"id": POOL, "low_risk_skips_mfa": True})


@pytest.mark.parametrize("factor", ["totp", "sms", "email"])
def test_sign_in_without_mfa_challenge_never_replaces_a_factor(pam, emulator, ca_dir, factor):
    low_risk_allow(emulator)
    settings = {
        "totp": {"username": "alice"},
        "sms": {"username": "carol", "sms_mfa_enabled": True,
                "attributes": {"phone_number": "+15550002222", "phone_number_verified": "true"}},
        "email": {"username": "erin", "email_mfa_enabled": True, "email_mfa_preferred": True,
                  "attributes": {"email": "erin@example.com", "email_verified": "true"}},
    }[factor]
    if factor != "totp":
        emulator.add_user(pool_id=POOL, password=PASSWORD, **settings)
    user = settings["username"]
    before = emulator.user(POOL, user)
    configure(pam, emulator, ca_dir)  # require_mfa and enroll by default
    r = pam.run(user, EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert MSG_MFA_NOT_ASKED in r.texts("ERROR")
    assert len(calls(emulator, "GetUser")) == 1
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert calls(emulator, "SetUserMFAPreference") == []
    after = emulator.user(POOL, user)
    for key in ("totp_secret", "mfa_enabled", "mfa_preferred", "sms_mfa_enabled",
                "email_mfa_enabled", "pending_totp_secret"):
        assert after[key] == before[key], key
    line = [l for l in r.log if "outcome=denied" in l]
    assert len(line) == 1 and "reason=mfa_not_asked" in line[0], r.log
    expected = {"totp": "SOFTWARE_TOKEN_MFA", "sms": "SMS_MFA", "email": "EMAIL_OTP"}[factor]
    assert expected in line[0]


def test_user_without_any_factor_is_still_enrolled_when_mfa_is_skipped(pam, emulator, ca_dir):
    low_risk_allow(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert len(calls(emulator, "GetUser")) == 1
    assert emulator.user(POOL, "bob")["totp_secret"] == display_of(r).secret


def test_getuser_failure_enrols_nothing(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, retries=0)
    emulator.fault(operation="GetUser", kind="internal_error")
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert calls(emulator, "AssociateSoftwareToken") == []


@pytest.mark.parametrize("answer", [
    {"UserMFASettingList": [""]},
    {"UserMFASettingList": [7]},
    {"PreferredMfaSetting": ""},
    {"MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]},
])
def test_any_mfa_entry_getuser_sends_counts(pam, emulator, ca_dir, answer):
    # Fail closed: an entry the module cannot name is still a factor.
    configure(pam, emulator, ca_dir)
    emulator.fault(operation="GetUser", kind="raw", status=200,
                   body=json.dumps(dict({"Username": "bob", "UserAttributes": []}, **answer)))
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert any("reason=mfa_not_asked" in l for l in r.log), r.log
    assert calls(emulator, "AssociateSoftwareToken") == []


def test_getuser_mfa_list_of_the_wrong_type_enrols_nothing(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    emulator.fault(operation="GetUser", kind="raw", status=200,
                   body=json.dumps({"Username": "bob", "UserAttributes": [],
                                    "UserMFASettingList": "SOFTWARE_TOKEN_MFA"}))
    r = pam.run("bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert calls(emulator, "AssociateSoftwareToken") == []
