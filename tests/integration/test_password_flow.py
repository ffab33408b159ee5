"""USER_PASSWORD_AUTH + SOFTWARE_TOKEN_MFA through the real module and pam_wrapper."""
import os
import re
import time

from conftest import (HERE, CLIENT, CLIENT_SECRET, PASSWORD, POOL, SECRET_CLIENT, TOTP_SECRET,
                      Answers, api_calls, conf_text, requests_close_together, totp, wrong_code)


def configure(pam, emulator, ca_dir, args="", **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service(args)


def test_password_and_right_code_succeed(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert r.prompts() == ["Password: ", "Verification code: "]


def test_code_prompt_does_not_echo(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert [k for k, t in r.transcript if t == "Verification code: "] == ["PROMPT_ECHO_OFF"]


def test_wrong_password_is_auth_err(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers("not-the-password"))
    assert r.code == "PAM_AUTH_ERR"
    assert "Incorrect username or password." in r.texts("ERROR")
    assert r.prompts() == ["Password: "]


def test_unknown_cognito_user_gets_the_same_message_as_a_wrong_password(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("carol", Answers(PASSWORD))  # local account, no Cognito user
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Incorrect username or password."]


def test_wrong_code_then_right_code_in_same_session(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, wrong_code(TOTP_SECRET), lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert "Wrong code. 2 tries left." in r.texts("ERROR")
    assert emulator.counters()["requests"]["InitiateAuth"] == 1


def test_too_many_wrong_codes_is_auth_err(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, code_retries=2)
    bad = wrong_code(TOTP_SECRET)
    r = pam.run("alice", Answers(PASSWORD, bad, bad, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Wrong code. 1 try left.", "Wrong code. No tries left."]
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 2


def test_code_with_spaces_is_accepted(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)

    def spaced():
        c = totp(TOTP_SECRET)
        return " %s %s " % (c[:3], c[3:])
    r = pam.run("alice", Answers(PASSWORD, spaced))
    assert r.code == "PAM_SUCCESS", r.transcript


def test_malformed_code_is_asked_again_without_spending_an_attempt(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, "12345", "abcdef", lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.transcript
    assert r.texts("ERROR") == ["Enter the 6-digit code from your authenticator app."] * 2
    assert emulator.counters()["requests"]["RespondToAuthChallenge"] == 1


def test_only_malformed_codes_are_refused_locally(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, "x", "y", "z"))
    assert r.code == "PAM_AUTH_ERR"
    assert emulator.counters()["requests"].get("RespondToAuthChallenge", 0) == 0


def test_expired_session_is_auth_err(pam, emulator, ca_dir):
    emulator.add_pool(id="us-east-1_ShortPool", mfa="OPTIONAL", session_seconds=1)
    emulator.add_client(pool_id="us-east-1_ShortPool", client_id="shortclient", client_secret=None,
                        flows=["ALLOW_USER_PASSWORD_AUTH"])
    emulator.add_user(pool_id="us-east-1_ShortPool", username="alice", password=PASSWORD,
                      totp_secret=TOTP_SECRET)
    configure(pam, emulator, ca_dir, user_pool_id="us-east-1_ShortPool", client_id="shortclient")

    def slow_code():
        time.sleep(2.2)  # the person takes longer than the session lives
        return totp(TOTP_SECRET)
    r = pam.run("alice", Answers(PASSWORD, slow_code))
    assert r.code == "PAM_AUTH_ERR"
    assert "The sign-in took too long and expired. Please start again." in r.texts("ERROR")


def test_no_local_account_is_user_unknown_without_network(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("mallory", Answers(PASSWORD))
    assert r.code == "PAM_USER_UNKNOWN"
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0
    assert emulator.counters()["connections"] == 0


def test_password_only_user_refused_when_mfa_required(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, enroll="no")  # with enroll = yes the login enrols (test_enrollment.py)
    r = pam.run("bob", Answers(PASSWORD))
    assert r.code == "PAM_AUTH_ERR"
    assert any("requires multi-factor authentication" in t for t in r.texts("ERROR"))
    assert any("reason=mfa_required" in l for l in r.log), r.log


def test_password_only_user_admitted_without_require_mfa(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, require_mfa="no")
    r = pam.run("bob", Answers(PASSWORD))
    assert r.code == "PAM_SUCCESS", r.transcript


def test_client_secret_sends_an_accepted_secret_hash(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, client_id=SECRET_CLIENT, client_secret=CLIENT_SECRET)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    sent = [e for e in emulator.requests_log() if e["operation"] == "InitiateAuth"]
    assert "SECRET_HASH" in sent[0]["body"]["AuthParameters"]


def test_wrong_client_secret_is_refused_as_misconfiguration(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, client_id=SECRET_CLIENT, client_secret="wrong-secret")
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_SERVICE_ERR"
    assert not any("wrong-secret" in l for l in r.log)


def test_missing_client_secret_is_refused(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, client_id=SECRET_CLIENT)
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_SERVICE_ERR"


def test_password_flow_not_enabled_for_client_is_service_err(pam, emulator, ca_dir):
    emulator.add_client(pool_id=POOL, client_id="srponlyclient", client_secret=None,
                        flows=["ALLOW_USER_SRP_AUTH"])
    configure(pam, emulator, ca_dir, client_id="srponlyclient")
    r = pam.run("alice", Answers(PASSWORD))
    assert r.code == "PAM_SERVICE_ERR"
    assert any("USER_PASSWORD_AUTH flow not enabled for this client" in l for l in r.log), r.log


def test_full_login_uses_one_tcp_connection(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, wrong_code(TOTP_SECRET), lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS"
    c = emulator.counters()
    assert api_calls(emulator) == 3
    # The connection made while the password prompt was open serves the login.
    assert c["requests"].get("(not POST)") == 1, c
    if requests_close_together(emulator):
        assert c["connections"] == 1
        assert c["tls_handshakes"] == 1


def test_account_management_follows_authentication(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), ops=("auth", "acct"))
    assert r.codes == {"auth": "PAM_SUCCESS", "acct": "PAM_SUCCESS"}
    # Without authentication in this handle the module ignores the account step;
    # it is then the only account module, so libpam turns that into PAM_PERM_DENIED.
    r = pam.run("alice", Answers(PASSWORD), ops=("acct",))
    assert r.codes == {"acct": "PAM_PERM_DENIED"}
    assert r.prompts() == []


def test_verdict_is_logged_without_secrets(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir, debug="yes")
    code = {}

    def remember():
        code["c"] = totp(TOTP_SECRET)
        return code["c"]
    r = pam.run("alice", Answers(PASSWORD, remember), rhost="203.0.113.9")
    assert r.code == "PAM_SUCCESS"
    verdicts = [l for l in r.log if "outcome=success" in l]
    assert len(verdicts) == 1 and "user=alice" in verdicts[0] and "rhost=203.0.113.9" in verdicts[0]
    version = re.search(r"AC_INIT\(\[pam_cognito\], \[([^]]+)\]",
                        open(os.path.join(HERE, "..", "..", "configure.ac")).read()).group(1)
    assert any("pam_cognito %s: authenticate" % version in l for l in r.log), r.log
    joined = "\n".join(r.log)
    assert PASSWORD not in joined
    assert code["c"] not in joined
    assert TOTP_SECRET not in joined
