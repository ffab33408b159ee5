"""Secrets do not outlive the login: after pam_end the driver searches its own
memory (every writable mapping, through /proc/self/mem) for the password and
the code it relayed. See README "Hardening" for what libcurl keeps and why."""
from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp

PASSWORD_ANSWER, CODE_ANSWER = 0, 1


def login(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), scan_memory=True)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert set(r.scan) == {PASSWORD_ANSWER, CODE_ANSWER}, r.scan
    return r


def test_srp_login_leaves_no_copy_of_the_password_or_the_code(pam, emulator, ca_dir):
    r = login(pam, emulator, ca_dir, auth_flow=None)
    assert r.scan == {PASSWORD_ANSWER: 0, CODE_ANSWER: 0}, r.scan_hits


def test_password_flow_login_leaves_no_copy_of_the_password_or_the_code(pam, emulator, ca_dir):
    r = login(pam, emulator, ca_dir, auth_flow="password")
    assert r.scan == {PASSWORD_ANSWER: 0, CODE_ANSWER: 0}, r.scan_hits


def test_password_of_the_last_request_is_not_left_in_libcurl_buffers(pam, emulator, ca_dir):
    # Without MFA the password travels in the login's last request, whose
    # body libcurl's upload buffer still holds when it frees it.
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="password", require_mfa="no"))
    pam.write_service()
    r = pam.run("bob", Answers(PASSWORD), scan_memory=True)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.scan == {PASSWORD_ANSWER: 0}, r.scan_hits


def test_the_scan_finds_copies_that_are_left(pam, emulator, ca_dir):
    # --scan-selftest makes the driver keep a plain copy of every answer.
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), scan_memory="selftest")
    assert r.code == "PAM_SUCCESS"
    assert r.scan[PASSWORD_ANSWER] >= 1 and r.scan[CODE_ANSWER] >= 1, r.scan
