"""single_prompt: the password followed by the code in one answer (sshd password mode)."""
from conftest import PASSWORD, TOTP_SECRET, conf_text, totp, wrong_code


def configure(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, single_prompt="yes"))
    pam.write_service()


def test_password_and_code_in_one_answer_succeed(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", lambda kind, text: PASSWORD + totp(TOTP_SECRET))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: "]


def test_wrong_code_is_refused_without_a_second_prompt(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", lambda kind, text: PASSWORD + wrong_code(TOTP_SECRET))
    assert r.code == "PAM_AUTH_ERR"
    assert r.prompts() == ["Password: "]
    assert r.texts("ERROR") == ["Wrong password or code."]


def test_answer_without_a_code_is_refused_before_the_network(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", lambda kind, text: PASSWORD)
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == ["Type your password followed by the 6-digit code from your authenticator app."]
    assert emulator.counters()["requests_total"] == 0
