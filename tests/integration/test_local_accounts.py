"""min_uid and local_group: which local accounts the module is for.

Root, accounts below min_uid and (with local_group) non-members get
PAM_IGNORE before any prompt or network call, so the rest of the stack
decides them; for the module's own users Cognito's refusal is final. The
stack is the one the pam-auth-update profile (debian/pam-configs/cognito)
produces, with pam_permit standing in for pam_unix: a result that reached it
without a prompt was ignored by the module.
"""
import os

from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp, wrong_code
from pam_session import PAM_MODULE

PERMIT = "/usr/lib/x86_64-linux-gnu/security/pam_permit.so"


def stack(pam, args=""):
    with open(os.path.join(pam.service_dir, "pcg-scope"), "w") as f:
        f.write("auth [success=done default=die ignore=ignore] %s conf=%s %s\n"
                "auth required %s\n" % (PAM_MODULE, pam.conf_path, args, PERMIT))
    return "pcg-scope"


def add_accounts(pam, members=""):
    with open(pam.passwd, "a") as f:
        f.write("svc:x:999:999::/nonexistent:/usr/sbin/nologin\n")
        f.write("nora:x:3001:3000::/home/nora:/bin/sh\n")  # primary group cognito
    with open(pam.group, "a") as f:
        f.write("svc:x:999:\ncognito:x:3000:%s\n" % members)


def assert_ignored(r, emulator=None):
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == [], r.transcript
    if emulator is not None:
        assert emulator.requests_log() == []


def cognito_login(pam, emulator, user, service):
    return pam.run(user, Answers(PASSWORD, lambda: totp(TOTP_SECRET)), service=service)


def test_root_and_system_accounts_are_ignored_without_prompt_or_request(pam, emulator, ca_dir):
    add_accounts(pam)
    pam.write_conf(conf_text(emulator, ca_dir, debug="yes"))
    service = stack(pam)
    for user in ("root", "svc"):
        r = pam.run(user, Answers(PASSWORD), service=service)
        assert_ignored(r, emulator)
        assert any("user=%s is not this module's (uid below min_uid 1000)" % user in l
                   for l in r.log), r.log
    r = cognito_login(pam, emulator, "alice", service)
    assert r.code == "PAM_SUCCESS" and r.prompts() == ["Password: ", "Verification code: "]


def test_a_cognito_refusal_is_final(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir))
    service = stack(pam)
    r = pam.run("alice", Answers("a-local-unix-password"), service=service)
    assert r.code == "PAM_AUTH_ERR", r.transcript
    wrong = wrong_code(TOTP_SECRET)
    r = pam.run("alice", Answers(PASSWORD, wrong, wrong, wrong), service=service)
    assert r.code == "PAM_AUTH_ERR", r.transcript


def test_min_uid_on_the_pam_line(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, min_uid="500"))
    service = stack(pam, "min_uid=2001")  # alice is 2000, bob 2001
    assert_ignored(pam.run("alice", Answers(PASSWORD), service=service), emulator)
    emulator.add_user(pool_id="us-east-1_TestPool1", username="bob", password=PASSWORD,
                      totp_secret=TOTP_SECRET)
    r = cognito_login(pam, emulator, "bob", service)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert r.prompts() == ["Password: ", "Verification code: "]


def test_local_group_names_the_cognito_users(pam, emulator, ca_dir):
    add_accounts(pam, members="alice")
    emulator.add_user(pool_id="us-east-1_TestPool1", username="nora", password=PASSWORD,
                      totp_secret=TOTP_SECRET)
    pam.write_conf(conf_text(emulator, ca_dir, local_group="cognito", debug="yes"))
    service = stack(pam)
    r = pam.run("bob", Answers(PASSWORD), service=service)  # uid 2001, not in the group
    assert_ignored(r, emulator)
    assert any("user=bob is not this module's (not in local_group cognito)" in l for l in r.log)
    for user in ("alice", "nora"):  # a listed member, a member by primary group
        r = cognito_login(pam, emulator, user, service)
        assert r.code == "PAM_SUCCESS", (user, r.transcript, r.log)
        assert r.prompts() == ["Password: ", "Verification code: "]
    r = pam.run("alice", Answers("a-local-unix-password"), service=service)
    assert r.code == "PAM_AUTH_ERR"


def test_a_missing_local_group_refuses_its_users_but_not_root(pam, emulator, ca_dir):
    add_accounts(pam)
    pam.write_conf(conf_text(emulator, ca_dir, local_group="no-such-group"))
    service = stack(pam)
    r = pam.run("alice", Answers(PASSWORD), service=service)
    assert r.code == "PAM_SERVICE_ERR" and r.prompts() == [], r.transcript
    assert any("reason=local_group no-such-group does not exist" in l for l in r.log), r.log
    assert_ignored(pam.run("root", Answers(PASSWORD), service=service), emulator)
    assert_ignored(pam.run("svc", Answers(PASSWORD), service=service), emulator)


def test_without_a_config_file_local_accounts_still_reach_the_stack(pam, emulator, ca_dir):
    # The profile enabled before the admin wrote /etc/security/pam_cognito.conf.
    add_accounts(pam)
    service = stack(pam)
    assert not os.path.exists(pam.conf_path)
    for user in ("root", "svc"):
        assert_ignored(pam.run(user, Answers(PASSWORD), service=service), emulator)
    r = pam.run("alice", Answers(PASSWORD), service=service)
    assert r.code == "PAM_SERVICE_ERR" and r.prompts() == [], r.transcript
    # min_uid from the PAM line still counts; a broken PAM line leaves only root exempt.
    service = stack(pam, "min_uid=2001")
    assert_ignored(pam.run("alice", Answers(PASSWORD), service=service), emulator)
    service = stack(pam, "min_uid=2001 bogus=1")
    assert pam.run("svc", Answers(PASSWORD), service=service).code == "PAM_SERVICE_ERR"
    assert_ignored(pam.run("root", Answers(PASSWORD), service=service), emulator)


def test_nobody_and_accounts_above_max_uid_cannot_be_claimed(pam, emulator, ca_dir):
    # In a pool with self sign-up anyone can register "nobody": it is never the module's,
    # nor is an account above max_uid (default 60000, Debian's UID_MAX).
    with open(pam.passwd, "a") as f:
        f.write("nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")
        f.write("high:x:60001:60001::/home/high:/bin/sh\n")
    for name in ("nobody", "high"):
        emulator.add_user(pool_id="us-east-1_TestPool1", username=name, password=PASSWORD,
                          totp_secret=TOTP_SECRET)
    pam.write_conf(conf_text(emulator, ca_dir, debug="yes"))
    service = stack(pam)
    for user, why in (("nobody", "uid above max_uid 60000"), ("high", "uid above max_uid 60000")):
        r = pam.run(user, Answers(PASSWORD), service=service)
        assert_ignored(r, emulator)
        assert any("user=%s is not this module's (%s)" % (user, why) in l for l in r.log), r.log
    # Raising max_uid brings "high" in, never nobody.
    pam.write_conf(conf_text(emulator, ca_dir, debug="yes", max_uid="2147483647"))
    r = pam.run("nobody", Answers(PASSWORD), service=service)
    assert_ignored(r, emulator)
    assert any("(uid 65534 is reserved (nobody))" in l for l in r.log), r.log
    r = cognito_login(pam, emulator, "high", service)
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    # Without a config file, max_uid's default and nobody hold too.
    os.unlink(pam.conf_path)
    assert_ignored(pam.run("nobody", Answers(PASSWORD), service=service))
    assert_ignored(pam.run("high", Answers(PASSWORD), service=service))


def test_without_a_config_file_local_group_on_the_pam_line_decides(pam, emulator, ca_dir):
    # The Debian profile's line names local_group=cognito-users: a user not in it keeps the
    # login they had whether or not a config exists; members fail closed.
    add_accounts(pam, members="alice")
    service = stack(pam, "local_group=cognito")
    assert not os.path.exists(pam.conf_path)
    assert_ignored(pam.run("bob", Answers(PASSWORD), service=service), emulator)
    r = pam.run("alice", Answers(PASSWORD), service=service)
    assert r.code == "PAM_SERVICE_ERR" and r.prompts() == [], r.transcript
    assert any("configuration error, refusing to authenticate" in l for l in r.log), r.log
    assert emulator.requests_log() == []
