"""pam_sm_setcred and pam_sm_acct_mgmt answer only for users this module authenticated."""
from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp, wrong_code


def configure(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, code_retries=1))
    pam.write_service()


def test_setcred_succeeds_after_authentication(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), ops=("auth", "setcred", "acct"))
    assert r.codes == {"auth": "PAM_SUCCESS", "setcred": "PAM_SUCCESS", "acct": "PAM_SUCCESS"}


def test_without_authentication_setcred_and_acct_are_ignored(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD), ops=("setcred", "acct"))
    # The module is the only one in each stack, so libpam turns its PAM_IGNORE into a failure.
    assert r.codes == {"setcred": "PAM_PERM_DENIED", "acct": "PAM_PERM_DENIED"}
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0


def test_failed_authentication_does_not_mark_the_handle(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, wrong_code(TOTP_SECRET)), ops=("auth", "setcred", "acct"))
    assert r.codes == {"auth": "PAM_AUTH_ERR", "setcred": "PAM_PERM_DENIED", "acct": "PAM_PERM_DENIED"}
