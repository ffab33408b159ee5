"""password_reset = yes: PasswordResetRequiredException answered at the prompt."""
import pytest

from conftest import PASSWORD, POOL, SECRET_CLIENT, CLIENT_SECRET, TOTP_SECRET, conf_text, totp
from expose_authtok import read_authtok, save_authtok_after_the_module
from scripted import ByPrompt

NEW = "N3w-Passw0rd!"


def add_user(emulator, name="carol", **fields):
    fields.setdefault("attributes", {"email": "carol@example.com"})
    emulator.add_user(pool_id=POOL, username=name, password=PASSWORD, status="RESET_REQUIRED",
                      totp_secret=TOTP_SECRET, **fields)


def configure(pam, emulator, ca_dir, **conf):
    conf.setdefault("password_reset", "yes")
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def reset_code(emulator, user="carol"):
    return lambda: emulator.admin("GET", "/codes/%s/%s" % (POOL, user))["reset_code"]


def calls(emulator, op):
    return [e["body"] for e in emulator.requests_log() if e["operation"] == op]


def test_reset_then_sign_in_with_the_new_password_in_the_same_login(pam, emulator, ca_dir):
    add_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [reset_code(emulator)],
                                   "New password: ": [NEW], "Retype new password: ": [NEW],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Reset code: ", "New password: ", "Retype new password: ",
                           "Verification code: "]
    assert r.texts("INFO") == ["Your password must be reset before you can sign in.",
                               "A code to reset your password was sent to c***@e***.",
                               "Your password has been changed."]
    assert r.texts("ERROR") == []
    assert calls(emulator, "ForgotPassword")[0]["Username"] == "carol"
    assert set(calls(emulator, "ConfirmForgotPassword")[0]) >= {"ConfirmationCode", "Password", "Username"}
    assert len(calls(emulator, "InitiateAuth")) == 2
    assert emulator.user(POOL, "carol")["status"] == "CONFIRMED"


def test_policy_refusal_and_wrong_code_are_each_asked_again(pam, emulator, ca_dir):
    add_user(emulator)
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD],
                                   "Reset code: ": ["000000", reset_code(emulator)],
                                   "New password: ": ["weakpassword", NEW],
                                   "Retype new password: ": ["weakpassword", NEW],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    errors = r.texts("ERROR")
    assert errors[0] == "Wrong code. 2 tries left."
    assert errors[1].startswith("That password was not accepted"), errors
    # The code is asked again after the wrong one; the password after the refusal only.
    assert r.prompts().count("Reset code: ") == 2 and r.prompts().count("New password: ") == 2


def test_expired_code_ends_the_login(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "reset_code_seconds": 1})
    add_user(emulator)
    configure(pam, emulator, ca_dir)

    def late_code():
        code = emulator.admin("GET", "/codes/%s/carol" % POOL)["reset_code"]
        emulator.admin("POST", "/time", {"offset_seconds": 5})
        return code
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [late_code],
                                   "New password: ": [NEW], "Retype new password: ": [NEW]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR")[-1] == ("That code has expired. Your password was not changed: sign in "
                                    "again to get a new code.")
    assert any("reason=ExpiredCodeException" in l for l in r.log), r.log


def test_off_by_default_says_ask_your_administrator(pam, emulator, ca_dir):
    add_user(emulator)
    configure(pam, emulator, ca_dir, password_reset=None)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD]}))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Your password must be reset before you can sign in. Ask your "
                                "administrator."]
    assert calls(emulator, "ForgotPassword") == []


def test_never_under_single_prompt(pam, emulator, ca_dir):
    add_user(emulator)
    configure(pam, emulator, ca_dir, single_prompt="yes")
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD + totp(TOTP_SECRET)]}))
    assert r.code == "PAM_AUTH_ERR"
    assert calls(emulator, "ForgotPassword") == []


def test_with_a_client_secret_both_calls_carry_the_secret_hash(pam, emulator, ca_dir):
    add_user(emulator)
    text = conf_text(emulator, ca_dir, client_id=SECRET_CLIENT, password_reset="yes",
                     client_secret=CLIENT_SECRET)
    pam.write_conf(text)
    pam.write_service()
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [reset_code(emulator)],
                                   "New password: ": [NEW], "Retype new password: ": [NEW],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert calls(emulator, "ForgotPassword")[0]["SecretHash"]
    assert calls(emulator, "ConfirmForgotPassword")[0]["SecretHash"]


@pytest.mark.parametrize("flow", ["password", None], ids=["password", "srp"])
def test_never_under_pam_silent(pam, emulator, ca_dir, flow):
    # With srp the refusal answers the InitiateAuth sent while the prompt was open, in the
    # helper thread: whether to reset is decided after it, with the caller's PAM_SILENT.
    add_user(emulator)
    configure(pam, emulator, ca_dir, auth_flow=flow)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": ["123456"]}),
                ops=("--silent", "auth"))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]
    assert calls(emulator, "ForgotPassword") == []


def test_one_reset_per_login(pam, emulator, ca_dir):
    add_user(emulator)
    configure(pam, emulator, ca_dir)

    def retype():
        # Cognito asks for a reset again after the new password: not a second time in one login.
        emulator.fault(operation="InitiateAuth", kind="raw", status=400, count=1,
                       body='{"__type":"PasswordResetRequiredException",'
                            '"message":"Password reset required for the user"}')
        return NEW
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [reset_code(emulator)],
                                   "New password: ": [NEW], "Retype new password: ": [retype]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert r.texts("ERROR") == ["Your password must be reset before you can sign in. Ask your "
                                "administrator."]
    assert len(calls(emulator, "ForgotPassword")) == 1


def test_unknown_user_gets_a_simulated_delivery(emulator, ca_dir):
    import json
    import os
    import ssl
    import urllib.request
    from conftest import CLIENT
    emulator.admin("POST", "/pools/update", {"id": POOL, "prevent_user_existence_errors": True})
    ctx = ssl.create_default_context(cafile=os.path.join(ca_dir, "ca.pem"))
    req = urllib.request.Request(emulator.endpoint, data=json.dumps(
        {"ClientId": CLIENT, "Username": "nobody"}).encode(), headers={
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": "AWSCognitoIdentityProviderService.ForgotPassword"})
    with urllib.request.urlopen(req, context=ctx, timeout=10) as r:
        answer = json.load(r)
    assert answer["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"


def test_later_modules_get_the_new_password(pam, emulator, ca_dir):
    add_user(emulator)
    pam.write_conf(conf_text(emulator, ca_dir, password_reset="yes"))
    saved = save_authtok_after_the_module(pam)
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [reset_code(emulator)],
                                   "New password: ": [NEW], "Retype new password: ": [NEW],
                                   "Verification code: ": [lambda: totp(TOTP_SECRET)]}))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert read_authtok(saved) == NEW


@pytest.mark.parametrize("operation", ["ForgotPassword", "ConfirmForgotPassword"])
def test_a_per_user_limit_is_a_refusal_even_with_failmode_safe(pam, emulator, ca_dir, operation):
    # LimitExceededException ("Attempt limit exceeded", in the model for both calls) is
    # about one account's tries: with failmode = safe it must not fall through to the
    # next module as an outage would.
    add_user(emulator)
    configure(pam, emulator, ca_dir, failmode="safe")
    emulator.fault(operation=operation, kind="raw", status=400, count=1,
                   body='{"__type":"LimitExceededException",'
                        '"message":"Attempt limit exceeded, please try after some time."}')
    r = pam.run("carol", ByPrompt({"Password: ": [PASSWORD], "Reset code: ": [reset_code(emulator)],
                                   "New password: ": [NEW], "Retype new password: ": [NEW]}))
    assert r.code == "PAM_AUTH_ERR", (r.transcript, r.log)
    assert "Too many attempts. Wait a while, then try again." in r.texts("ERROR")
    assert any("outcome=denied" in l and "LimitExceededException" in l for l in r.log), r.log
