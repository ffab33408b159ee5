"""try_first_pass and use_first_pass, as pam_unix(8) documents them and pam_cognito(8) says.

The earlier module is pam_wrapper's pam_set_items, which sets PAM_AUTHTOK from the
environment variable of that name.
"""
from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp

SET_ITEMS = "auth required /usr/lib/x86_64-linux-gnu/pam_wrapper/pam_set_items.so\n"


def configure(pam, emulator, ca_dir, args, earlier, monkeypatch):
    pam.write_conf(conf_text(emulator, ca_dir))
    if earlier is not None:
        monkeypatch.setenv("PAM_AUTHTOK", earlier)
    pam.write_service(args, extra_lines=SET_ITEMS)


def test_without_an_option_the_earlier_password_is_not_used(pam, emulator, ca_dir, monkeypatch):
    configure(pam, emulator, ca_dir, "", "Earlier-passw0rd!", monkeypatch)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]


def test_try_first_pass_takes_the_earlier_password(pam, emulator, ca_dir, monkeypatch):
    configure(pam, emulator, ca_dir, "try_first_pass", PASSWORD, monkeypatch)
    r = pam.run("alice", Answers("never-asked", lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Verification code: "]


def test_try_first_pass_asks_when_no_earlier_module_set_one(pam, emulator, ca_dir, monkeypatch):
    configure(pam, emulator, ca_dir, "try_first_pass", None, monkeypatch)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]


def test_try_first_pass_does_not_ask_again_after_a_wrong_earlier_password(pam, emulator, ca_dir,
                                                                         monkeypatch):
    # Asking again would spend a second Cognito attempt (lockout) on one login.
    configure(pam, emulator, ca_dir, "try_first_pass", "Earlier-passw0rd!", monkeypatch)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == []
    assert emulator.counters()["requests"]["InitiateAuth"] == 1


def test_use_first_pass_takes_the_earlier_password(pam, emulator, ca_dir, monkeypatch):
    configure(pam, emulator, ca_dir, "use_first_pass", PASSWORD, monkeypatch)
    r = pam.run("alice", Answers("never-asked", lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Verification code: "]


def test_use_first_pass_never_asks(pam, emulator, ca_dir, monkeypatch):
    configure(pam, emulator, ca_dir, "use_first_pass", None, monkeypatch)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0
    assert any("use_first_pass, and no earlier module set one" in l for l in r.log), r.log
