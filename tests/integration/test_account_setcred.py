"""pam_sm_setcred has no credentials to set; it and pam_sm_acct_mgmt vouch only for the
user this module's last authentication in the same handle admitted, and are ignored
(PAM_IGNORE) everywhere else."""
from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp, wrong_code
from scripted import ByPrompt

SET_ITEMS = "/usr/lib/x86_64-linux-gnu/pam_wrapper/pam_set_items.so"


def configure(pam, emulator, ca_dir, after_lines=""):
    pam.write_conf(conf_text(emulator, ca_dir, code_retries=1))
    pam.write_service(after_lines=after_lines)


def test_setcred_and_acct_succeed_after_authentication(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), ops=("auth", "setcred", "acct"))
    assert r.codes == {"auth": "PAM_SUCCESS", "setcred": "PAM_SUCCESS", "acct": "PAM_SUCCESS"}


def test_in_another_handle_setcred_and_acct_are_ignored(pam, emulator, ca_dir):
    # What sshd's parent process does: pam_authenticate ran in a child, whose pam_data is gone.
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD), ops=("setcred", "acct"))
    # The module is the only auth and account module, so libpam turns its PAM_IGNORE into a
    # failure; a PAM_SUCCESS from setcred would be a success this module never decided.
    assert r.codes == {"setcred": "PAM_PERM_DENIED", "acct": "PAM_PERM_DENIED"}
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0


def test_failed_authentication_is_not_vouched_for(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, wrong_code(TOTP_SECRET)), ops=("auth", "setcred", "acct"))
    # libpam runs setcred along the chain pam_authenticate froze: a module that failed
    # there fails setcred too, whatever its pam_sm_setcred says.
    assert r.codes == {"auth": "PAM_AUTH_ERR", "setcred": "PAM_PERM_DENIED", "acct": "PAM_PERM_DENIED"}


def test_failed_reauthentication_in_the_same_handle_clears_the_earlier_success(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    answers = ByPrompt({"Password: ": [PASSWORD, "Wrong-passw0rd!"],
                        "Verification code: ": [lambda: totp(TOTP_SECRET)]})
    r = pam.run("alice", answers, ops=("auth", "auth", "acct"))
    assert r.prompts() == ["Password: ", "Verification code: ", "Password: "]
    assert r.codes["acct"] == "PAM_PERM_DENIED", r.codes


def test_a_changed_pam_user_is_not_vouched_for(pam, emulator, ca_dir, monkeypatch):
    # An auth module after pam_cognito changes PAM_USER (pam_set_items reads PAM_USER from
    # the environment): the account step is then about someone this module never admitted.
    monkeypatch.setenv("PAM_USER", "bob")
    configure(pam, emulator, ca_dir, after_lines="auth optional %s\n" % SET_ITEMS)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), ops=("auth", "acct"))
    assert r.codes == {"auth": "PAM_SUCCESS", "acct": "PAM_PERM_DENIED"}, (r.codes, r.log)
    assert any("account: user=bob is not the user this module authenticated (alice)" in l
               for l in r.log), r.log
