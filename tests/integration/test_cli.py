"""The cognito-mfa command line tool, driven through a pseudo-terminal against the emulator."""
import os
import re
import socket
import subprocess

import conftest
from cli_session import CLI, INTERRUPT, run_cli
from conftest import (CLIENT, CLIENT_SECRET, PASSWORD, POOL, SECRET_CLIENT, TOTP_SECRET,
                      conf_text, totp, wrong_code)
from enrolment_display import Display, decode_qr

SRP_ONLY_CLIENT = "srponlyclient0123456789ab"


def write_conf(pam, emulator, ca_dir, mode=0o600, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf), mode)
    return pam.conf_path


class Person:
    """Answers cognito-mfa's prompts: the password, then each code prompt with the next
    entry of codes (a string, or f(display) for the enrolment display on the screen)."""

    def __init__(self, password, *codes):
        self.password = password
        self.codes = list(codes)
        self.sent = []

    def __call__(self, prompt, screen):
        if prompt == "Password: ":
            reply = self.password
        elif not self.codes:
            return None
        else:
            code = self.codes.pop(0)
            reply = code(Display.find([screen])) if callable(code) else code
        self.sent.append(reply)
        return reply


def app_code(display):
    return totp(display.secret)


def calls(emulator, operation):
    return [e for e in emulator.requests_log() if e["operation"] == operation]


# ---- enroll ----

def test_enroll_sets_up_a_user_without_totp(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    person = Person(PASSWORD, app_code)
    r = run_cli(["--conf", conf, "enroll", "bob"], person)
    assert r.exit_code == 0, r.output
    assert r.answered == ["Password: ", "Verification code: "]
    shown = Display.find([r.output])
    user = emulator.user(POOL, "bob")
    assert user["totp_secret"] == shown.secret and user["mfa_enabled"] and user["mfa_preferred"]
    assert "Authenticator app set up: from now on, sign-ins ask for its code." in r.output
    assert decode_qr(shown.qr) == shown.uri
    verify = calls(emulator, "VerifySoftwareToken")
    assert verify[0]["body"]["FriendlyDeviceName"] == socket.gethostname()
    # Echo was off: neither the password nor the code shows on the terminal.
    assert len(person.sent) == 2
    assert not [answer for answer in person.sent if answer in r.output]


def test_enrolled_user_is_asked_for_a_code_by_the_module(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD, app_code))
    assert r.exit_code == 0, r.output
    secret = Display.find([r.output]).secret
    pam.write_service()
    login = pam.run("bob", lambda kind, text: PASSWORD if "assword" in text else totp(secret, 1))
    assert login.code == "PAM_SUCCESS", login.transcript
    assert login.prompts() == ["Password: ", "Verification code: "]


def test_enroll_in_a_pool_that_requires_mfa_enrols_once(pam, emulator, ca_dir):
    emulator.admin("POST", "/pools/update", {"id": POOL, "mfa": "ON"})
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD, app_code))
    assert r.exit_code == 0, r.output
    assert r.output.count("Secret key: ") == 1
    assert [("Session" in e["body"]) for e in calls(emulator, "AssociateSoftwareToken")] == [True]
    assert emulator.user(POOL, "bob")["has_totp"]


def test_enroll_refuses_an_account_that_has_mfa(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "alice"],
                Person(PASSWORD, lambda _: totp(TOTP_SECRET), app_code))
    assert r.exit_code == 1, r.output
    assert "Your account already has multi-factor authentication set up; nothing was changed." \
        in r.output
    assert "run 'cognito-mfa --replace enroll'" in r.output
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert emulator.user(POOL, "alice")["totp_secret"] == TOTP_SECRET


def test_enroll_replace_needs_an_mfa_challenge(pam, emulator, ca_dir):
    # Adaptive authentication let the password alone through: no replacing then.
    emulator.admin("POST", "/pools/update", {"id": POOL, "low_risk_skips_mfa": True})
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "--replace", "enroll", "alice"], Person(PASSWORD, app_code))
    assert r.exit_code == 1, r.output
    assert r.answered == ["Password: "]
    assert "did not ask for it" in r.output
    assert calls(emulator, "AssociateSoftwareToken") == []
    assert emulator.user(POOL, "alice")["totp_secret"] == TOTP_SECRET


def test_enroll_replaces_an_existing_authenticator(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "--replace", "alice"],
                Person(PASSWORD, lambda _: totp(TOTP_SECRET), app_code))
    assert r.exit_code == 0, r.output
    shown = Display.find([r.output])
    assert shown.secret != TOTP_SECRET
    assert emulator.user(POOL, "alice")["totp_secret"] == shown.secret


def test_enroll_wrong_code_then_right_code(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"],
                Person(PASSWORD, lambda d: wrong_code(d.secret), app_code))
    assert r.exit_code == 0, r.output
    assert "Wrong code. 2 tries left." in r.output


def test_enroll_wrong_password_exits_1(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person("not-the-password"))
    assert r.exit_code == 1, r.output
    assert "Incorrect username or password." in r.output
    assert calls(emulator, "AssociateSoftwareToken") == []


def test_enroll_refused_when_the_config_turns_enrolment_off(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, enroll="no")
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD, app_code))
    assert r.exit_code == 3, r.output
    assert r.answered == []
    assert "enrolment is turned off" in r.output


def test_enroll_with_cognito_unreachable_exits_4(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    emulator.stop()
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD))
    assert r.exit_code == 4, r.output
    assert "not available right now" in r.output


def test_enroll_refuses_an_unsafe_config_file(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, mode=0o666)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD))
    assert r.exit_code == 3, r.output
    assert r.answered == []


def test_ctrl_c_at_a_hidden_prompt_leaves_echo_on(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD, lambda _: INTERRUPT))
    assert r.answered == ["Password: ", "Verification code: "]
    assert r.exit_code == -2  # SIGINT
    assert r.echo
    assert not emulator.user(POOL, "bob")["has_totp"]


def test_without_a_terminal_exits_5(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    p = subprocess.run([CLI, "--conf", conf, "enroll", "bob"], stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, start_new_session=True, timeout=30)
    assert p.returncode == 5, p.stderr
    assert "no terminal" in p.stderr
    assert calls(emulator, "InitiateAuth") == []


def test_implausible_user_name_is_refused_without_echoing_it(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob\x1b[2J"])
    assert r.exit_code == 2, r.output
    assert "\x1b" not in r.output and "bob?[2J" in r.output


# ---- status ----

def test_status_shows_the_authenticator_app(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "status", "alice"], Person(PASSWORD, lambda _: totp(TOTP_SECRET)))
    assert r.exit_code == 0, r.output
    assert r.output.endswith("Cognito user: alice\n"
                             "MFA methods enabled: authenticator app (SOFTWARE_TOKEN_MFA)\n"
                             "Preferred MFA method: none\n")  # the seed sets no preference
    assert calls(emulator, "AssociateSoftwareToken") == []


def test_status_of_a_user_without_mfa(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "status", "bob"], Person(PASSWORD))
    assert r.exit_code == 0, r.output
    assert r.answered == ["Password: "]
    assert "MFA methods enabled: none\nPreferred MFA method: none\n" in r.output


def test_status_after_enroll(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "enroll", "bob"], Person(PASSWORD, app_code))
    assert r.exit_code == 0, r.output
    secret = Display.find([r.output]).secret
    s = run_cli(["--conf", conf, "status", "bob"], Person(PASSWORD, lambda _: totp(secret, 1)))
    assert s.exit_code == 0, s.output
    assert "Preferred MFA method: authenticator app (SOFTWARE_TOKEN_MFA)" in s.output


# ---- check ----

def test_check_passes_a_good_config(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output
    assert r.answered == []
    assert r.lines("problem") == []
    assert len(r.lines("ok")) == 7, r.output
    assert any(l.startswith("login names: after sign-in, the account's Cognito user name (ID "
                            "token cognito:username) must equal the username template %u")
               for l in r.lines("info")), r.output
    assert "sign-in flow: USER_PASSWORD_AUTH (auth_flow = password) is enabled for this " \
        "app client" in r.lines("ok")
    # Nobody's password: the probes sign in a made-up user.
    assert {e["body"]["AuthParameters"]["USERNAME"] for e in calls(emulator, "InitiateAuth")} == {
        "cognito-mfa-check-probe"}


def test_check_warns_that_send_client_ip_needs_a_client_secret(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, send_client_ip="yes")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output  # a warning, not a problem
    assert len(r.lines("warning")) == 1, r.output
    assert r.lines("warning")[0].startswith("send_client_ip: Cognito uses the address only for "
                                            "an app client with a client secret")
    conf = write_conf(pam, emulator, ca_dir, client_id=SECRET_CLIENT, client_secret=CLIENT_SECRET,
                      send_client_ip="yes")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output
    assert r.lines("warning") == [], r.output


def test_check_explains_username_attribute_email(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, username="%u@example.com", username_attribute="email")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output
    assert any("verified email (ID token email, email_verified true) must equal the username "
               "template %u@example.com" in l for l in r.lines("info")), r.output


def test_check_against_a_stopped_emulator(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    emulator.stop()
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("ok")[1] == "DNS: localhost resolves to 127.0.0.1"
    assert r.lines("problem") == ["TCP: cannot connect to localhost port %d (127.0.0.1): "
                                  "Connection refused" % emulator.port]
    assert "firewall" in r.output


def test_check_with_a_wrong_ca(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, cafile=os.path.join(ca_dir, "other-ca.pem"))
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    problems = r.lines("problem")
    assert len(problems) == 1
    assert problems[0].startswith("TLS: no trusted HTTPS connection to localhost")
    assert "Set cafile (or capath) to the CA that signed the endpoint's certificate" in r.output
    assert "TCP: localhost port %d accepts connections" % emulator.port in r.lines("ok")


def test_check_endpoint_failing_with_http_500(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, retries=0)
    emulator.fault(operation="InitiateAuth", kind="internal_error", count=5)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem")[0].startswith("HTTPS: localhost answered with an error (HTTP 500)")
    assert "try again later" in r.output


def test_check_endpoint_that_is_not_cognito(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir)
    emulator.fault(operation="InitiateAuth", kind="malformed_json")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem")[0].startswith("HTTPS: localhost answers, but not like Cognito's API")


def test_check_client_without_user_password_auth(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id=SRP_ONLY_CLIENT, client_secret=None,
                        flows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    conf = write_conf(pam, emulator, ca_dir, client_id=SRP_ONLY_CLIENT, auth_flow="password")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem") == [
        "sign-in flow: USER_PASSWORD_AUTH is not enabled for this app client"]
    assert "  advice: Set auth_flow = srp, or enable ALLOW_USER_PASSWORD_AUTH for the app client." \
        in r.output.split("\n")
    assert "sign-in flow: USER_SRP_AUTH is enabled for this app client too (not used with " \
        "auth_flow = password)" in r.lines("info")


def test_check_srp_flow_not_enabled(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id=SRP_ONLY_CLIENT, client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH"])
    conf = write_conf(pam, emulator, ca_dir, client_id=SRP_ONLY_CLIENT, auth_flow=None)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem") == ["sign-in flow: USER_SRP_AUTH is not enabled for this app client"]
    assert "Enable ALLOW_USER_SRP_AUTH for the app client" in r.output


def test_check_unknown_client_id(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, client_id="nosuchclient0123456789abc")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    problems = r.lines("problem")
    assert len(problems) == 1
    assert problems[0].startswith("app client: Cognito does not know client_id "
                                  "nosuchclient0123456789abc in region us-east-1")


def test_check_missing_and_wrong_client_secret(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, client_id=SECRET_CLIENT)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem")[0].startswith("client secret: the app client has a secret, and "
                                            "client_secret is not set")
    conf = write_conf(pam, emulator, ca_dir, client_id=SECRET_CLIENT, client_secret="x" * 40)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem")[0].startswith("client secret: Cognito does not accept client_secret")
    conf = write_conf(pam, emulator, ca_dir, client_id=SECRET_CLIENT, client_secret=CLIENT_SECRET)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output
    assert "client secret: Cognito accepts client_secret" in r.lines("ok")


def test_check_unsafe_config_file(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, mode=0o622)
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert len(r.lines("problem")) == 1 and r.lines("problem")[0].startswith("config file " + conf)
    assert "owned by root, not writable by group or others" in r.output
    assert calls(emulator, "InitiateAuth") == []


def test_check_unresolvable_endpoint(pam, emulator, ca_dir):
    conf = write_conf(pam, emulator, ca_dir, endpoint="https://cognito.invalid/")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem")[0].startswith(
        "DNS: the endpoint's host cognito.invalid cannot be resolved")


# ---- usage ----

def test_help_documents_the_commands_and_exit_codes():
    p = subprocess.run([CLI, "--help"], capture_output=True, text=True, timeout=10)
    assert p.returncode == 0
    for word in ("enroll [USER]", "status [USER]", "check", "--conf PATH", "--replace",
                 "Exit status"):
        assert word in p.stdout


def test_version_names_the_release_of_configure_ac():
    version = re.search(r"AC_INIT\(\[pam_cognito\], \[([^]]+)\]",
                        open(os.path.join(conftest.HERE, "..", "..", "configure.ac")).read()).group(1)
    for flag in ("--version", "-V"):
        p = subprocess.run([CLI, flag], capture_output=True, text=True, timeout=10)
        assert p.returncode == 0, flag
        assert p.stdout == "cognito-mfa (pam_cognito) %s\n" % version, flag


def test_usage_errors_exit_2():
    for args in ([], ["frobnicate"], ["check", "extra"], ["--bogus", "check"],
                 ["--replace", "status"], ["--replace", "check"]):
        p = subprocess.run([CLI] + args, capture_output=True, text=True, timeout=10)
        assert p.returncode == 2, args
        assert "cognito-mfa --help" in p.stderr


def test_check_user_auth_flow(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id=SRP_ONLY_CLIENT, client_secret=None,
                        flows=["ALLOW_USER_AUTH"])
    conf = write_conf(pam, emulator, ca_dir, client_id=SRP_ONLY_CLIENT, auth_flow="user_auth",
                      first_factor="email_otp")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 0, r.output
    assert "sign-in flow: USER_AUTH (auth_flow = user_auth) is enabled for this app client" \
        in r.lines("ok")
    probe = [e["body"] for e in calls(emulator, "InitiateAuth") if e["body"]["AuthFlow"] == "USER_AUTH"]
    assert probe[0]["AuthParameters"] == {"USERNAME": "cognito-mfa-check-probe"}


def test_check_custom_flow_not_enabled(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id=SRP_ONLY_CLIENT, client_secret=None,
                        flows=["ALLOW_USER_SRP_AUTH"])
    conf = write_conf(pam, emulator, ca_dir, client_id=SRP_ONLY_CLIENT, auth_flow="custom")
    r = run_cli(["--conf", conf, "check"])
    assert r.exit_code == 1, r.output
    assert r.lines("problem") == ["sign-in flow: CUSTOM_AUTH is not enabled for this app client"]
    assert "Enable ALLOW_CUSTOM_AUTH for the app client" in r.output
