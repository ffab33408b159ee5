"""single_prompt: the password followed by the code in one answer (sshd password mode)."""
import os

from conftest import PASSWORD, TOTP_SECRET, api_calls, conf_text, totp, wrong_code

PAM_EXEC = "/lib/x86_64-linux-gnu/security/pam_exec.so"


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
    assert api_calls(emulator) == 0


def expose_authtok_after_the_module(pam, emulator, ca_dir):
    """A stack where pam_exec (expose_authtok) after the module saves PAM_AUTHTOK to a file."""
    pam.write_conf(conf_text(emulator, ca_dir, single_prompt="yes", failmode="safe"))
    saved = os.path.join(pam.dir, "authtok")
    script = os.path.join(pam.dir, "save-authtok")
    with open(script, "w") as f:
        f.write("#!/bin/sh\ncat > %s\n" % saved)
    os.chmod(script, 0o700)
    pam.write_service(after_lines="auth optional %s expose_authtok %s\n" % (PAM_EXEC, script))
    return saved


def read_authtok(path):
    with open(path, "rb") as f:
        return f.read().rstrip(b"\0").decode()


def test_later_modules_get_the_password_without_the_code(pam, emulator, ca_dir):
    saved = expose_authtok_after_the_module(pam, emulator, ca_dir)
    r = pam.run("alice", lambda kind, text: PASSWORD + totp(TOTP_SECRET))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert read_authtok(saved) == PASSWORD


def test_later_modules_get_the_password_without_the_code_when_cognito_is_unreachable(
        pam, emulator, ca_dir):
    # failmode=safe: a later module (pam_unix try_first_pass, say) decides with the password.
    saved = expose_authtok_after_the_module(pam, emulator, ca_dir)
    emulator.stop()
    r = pam.run("alice", lambda kind, text: PASSWORD + "123456")
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert read_authtok(saved) == PASSWORD
