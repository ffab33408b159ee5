"""Real logins through OpenSSH: Debian's sshd with the example configurations, a real ssh client.

sshd runs in a Sandbox (private mount and PID namespace; test users, the
example PAM stack and the module's config laid over the host's files) on a
loopback port; ssh answers its prompts through askpass.py, which computes the
codes with oathtool. The module signs in with SRP, its default.
"""
import os
import re

import pytest

from conftest import CLIENT, PASSWORD, POOL, TOTP_SECRET, conf_text
from sandbox import PAM_MODULE, User, example, sandboxes, with_built_module  # noqa: F401 (fixture)
from sshd_server import SshServer, client_key

SVC_PASSWORD = "Svc-unix-passw0rd"
COMMAND = "echo hello from $(id -un)"


@pytest.fixture
def start_sshd(emulator, ca_dir, sandboxes):  # noqa: F811
    def start(pam_stack="sshd", sshd_example="pam_cognito.conf", **conf):
        users = [User("alice"), User("erin"), User("svc", password=SVC_PASSWORD, system=True)]
        conf = conf_text(emulator, ca_dir, **dict({"auth_flow": None}, **conf))
        return SshServer(sandboxes(users, {"sshd": pam_stack}, conf), sshd_example)
    return start


# "minimal": pam_cognito the only auth module that decides, pam_permit for account and
# session (examples/pam.d/minimal). sshd then calls setcred in its parent process, without
# what its child learnt: the module ignores it there, pam_env's setcred succeeds.
@pytest.mark.parametrize("stack", ["sshd", "minimal"])
def test_keyboard_interactive_password_and_code_run_a_command(start_sshd, stack):
    sshd = start_sshd(pam_stack=stack)
    r = sshd.ssh("alice", COMMAND, password=PASSWORD, code_secret=TOTP_SECRET, code="right")
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from alice\n"
    assert r.prompts == ["(alice@127.0.0.1) Password: ", "(alice@127.0.0.1) Verification code: "]
    log = sshd.log()
    assert "Accepted keyboard-interactive/pam for alice from 127.0.0.1" in log
    lines = sshd.box.module_log()
    assert len(lines) == 1, lines
    assert "user=alice rhost=127.0.0.1 outcome=success pam=Success" in lines[0]
    everything = log + "".join(sshd.box.syslog(settle=0))
    assert PASSWORD not in everything


def test_keyboard_interactive_wrong_code_is_refused(start_sshd):
    sshd = start_sshd()
    r = sshd.ssh("alice", COMMAND, password=PASSWORD, code_secret=TOTP_SECRET, code="wrong")
    assert r.code == 255, r
    assert r.stdout == ""
    # sshd shows the module's messages with the next prompt, and the last one on its own.
    assert r.prompts == ["(alice@127.0.0.1) Password: ",
                         "(alice@127.0.0.1) Verification code: ",
                         "(alice@127.0.0.1) Wrong code. 2 tries left.\nVerification code: ",
                         "(alice@127.0.0.1) Wrong code. 1 try left.\nVerification code: "]
    assert "Wrong code. No tries left." in r.stderr
    assert "Failed keyboard-interactive/pam for alice from 127.0.0.1" in sshd.log()
    lines = sshd.box.module_log()
    assert len(lines) == 1 and "user=alice rhost=127.0.0.1 outcome=denied" in lines[0], lines
    assert "reason=CodeMismatchException" in lines[0]


@pytest.mark.parametrize("stack", ["sshd", "minimal"])
def test_publickey_and_keyboard_interactive(start_sshd, emulator, stack):
    sshd = start_sshd(pam_stack=stack, sshd_example="pam_cognito-publickey.conf")
    key, public = client_key(sshd.dir)
    ssh_dir = sshd.box.home("alice") + "/.ssh"
    _authorize(ssh_dir, public, sshd.box.users["alice"])
    r = sshd.ssh("alice", COMMAND, identity=key, password=PASSWORD, code_secret=TOTP_SECRET,
                 code="right")
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from alice\n"
    log = sshd.log()
    assert "Partial publickey for alice from 127.0.0.1" in log
    assert "Accepted keyboard-interactive/pam for alice from 127.0.0.1" in log
    assert len(r.prompts) == 2


def test_publickey_and_keyboard_interactive_needs_the_key_first(start_sshd, emulator):
    sshd = start_sshd(sshd_example="pam_cognito-publickey.conf")
    key, _ = client_key(sshd.dir)  # not authorized
    r = sshd.ssh("alice", COMMAND, identity=key, password=PASSWORD, code_secret=TOTP_SECRET,
                 code="right")
    assert r.code == 255, r
    assert "Permission denied (publickey)" in r.stderr
    assert r.prompts == []
    assert emulator.counters()["requests_total"] == 0


@pytest.mark.parametrize("stack", ["sshd-password-mode", "minimal-password-mode"])
def test_password_mode_with_single_prompt(start_sshd, stack):
    sshd = start_sshd(pam_stack=stack, sshd_example="pam_cognito-password.conf")
    r = sshd.ssh("alice", COMMAND, method="password", password=PASSWORD,
                 code_secret=TOTP_SECRET, append_code="right")
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from alice\n"
    assert r.prompts == ["alice@127.0.0.1's password: "]
    assert "Accepted password for alice from 127.0.0.1" in sshd.log()
    lines = sshd.box.module_log()
    assert len(lines) == 1 and "outcome=success" in lines[0], lines


def test_password_mode_wrong_code_is_refused(start_sshd):
    sshd = start_sshd(pam_stack="sshd-password-mode", sshd_example="pam_cognito-password.conf")
    r = sshd.ssh("alice", COMMAND, method="password", password=PASSWORD,
                 code_secret=TOTP_SECRET, append_code="wrong")
    assert r.code == 255, r
    assert r.prompts == ["alice@127.0.0.1's password: "]
    assert "Permission denied (password)" in r.stderr
    assert "Failed password for alice from 127.0.0.1" in sshd.log()
    lines = sshd.box.module_log()
    assert len(lines) == 1 and "outcome=denied" in lines[0] and "CodeMismatchException" in lines[0]


def test_password_mode_refuses_a_temporary_password(start_sshd, emulator):
    # sshd answers every PAM prompt with the one password sent: the new-password prompts
    # would make "temporary password + code" the permanent password.
    temporary = "Temp-Passw0rd!"
    emulator.add_user(pool_id=POOL, username="erin", password=temporary,
                      totp_secret=TOTP_SECRET, status="FORCE_CHANGE_PASSWORD")
    sshd = start_sshd(pam_stack="minimal-password-mode", sshd_example="pam_cognito-password.conf")
    r = sshd.ssh("erin", COMMAND, method="password", password=temporary,
                 code_secret=TOTP_SECRET, append_code="right")
    assert r.code == 255, r
    assert "Permission denied (password)" in r.stderr
    lines = sshd.box.module_log()
    assert len(lines) == 1 and "reason=new_password_not_interactive" in lines[0], lines
    assert emulator.user(POOL, "erin")["status"] == "FORCE_CHANGE_PASSWORD"


def test_service_account_uses_its_unix_password_and_never_reaches_cognito(start_sshd, emulator):
    sshd = start_sshd()
    r = sshd.ssh("svc", COMMAND, password=SVC_PASSWORD)
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from svc\n"
    assert r.prompts == ["(svc@127.0.0.1) Password: "]
    assert sshd.box.module_log() == []
    assert emulator.counters()["requests_total"] == 0


def _set_sshd_stack(box, text):
    with open(box.path("etc", "pam.d", "sshd"), "w") as f:
        f.write(text)


# pam_cognito as the only auth and the only account module (pam_env for sshd's setcred,
# as in examples/pam.d/minimal).
MODULE_FOR_ACCOUNT = ("auth required %s\nauth optional pam_env.so\naccount required %s\n"
                      "session required pam_permit.so\n" % (PAM_MODULE, PAM_MODULE))


def test_account_step_after_keyboard_interactive_is_the_modules(start_sshd):
    # sshd runs pam_authenticate and then pam_acct_mgmt in the same child process and
    # hands the account verdict to its parent: the module vouches for whom it admitted.
    sshd = start_sshd(pam_stack="minimal")
    _set_sshd_stack(sshd.box, MODULE_FOR_ACCOUNT)
    r = sshd.ssh("alice", COMMAND, password=PASSWORD, code_secret=TOTP_SECRET, code="right")
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from alice\n"


def test_account_step_of_a_login_the_module_did_not_authenticate_is_not_vouched_for(
        start_sshd, emulator, tmp_path):
    # An SSH key alone: sshd's parent asks the account stack about a user the module never
    # authenticated in its handle. PAM_IGNORE: as the only account module, that refuses.
    conf = tmp_path / "publickey-only.conf"
    conf.write_text("UsePAM yes\nKbdInteractiveAuthentication no\nPasswordAuthentication no\n"
                    "AuthenticationMethods publickey\n")
    sshd = start_sshd(pam_stack="minimal", sshd_example=str(conf))
    _set_sshd_stack(sshd.box, MODULE_FOR_ACCOUNT)
    key, public = client_key(sshd.dir)
    _authorize(sshd.box.home("alice") + "/.ssh", public, sshd.box.users["alice"])
    r = sshd.ssh("alice", COMMAND, identity=key)
    assert r.code == 255, r
    assert r.stdout == ""
    assert "Access denied for user alice by PAM account configuration" in sshd.log(), sshd.log()
    assert emulator.counters()["requests_total"] == 0
    # With pam_permit as the account module (examples/pam.d/minimal) the key is enough.
    _set_sshd_stack(sshd.box, with_built_module(example("pam.d/minimal")))
    r = sshd.ssh("alice", COMMAND, identity=key)
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from alice\n"


def _authorize(ssh_dir, public_key, uid):
    os.mkdir(ssh_dir, 0o700)
    path = os.path.join(ssh_dir, "authorized_keys")
    with open(path, "w") as f:
        f.write(public_key)
    os.chmod(path, 0o600)
    for p in (ssh_dir, path):
        os.chown(p, uid, uid)


def test_enrolment_over_keyboard_interactive(start_sshd, emulator):
    """MFA_SETUP: sshd shows the enrolment text with the code prompt; askpass reads it."""
    emulator.admin("POST", "/pools/update", {"id": POOL, "mfa": "ON"})
    emulator.add_user(pool_id=POOL, username="erin", password=PASSWORD, totp_secret=None)
    sshd = start_sshd()
    r = sshd.ssh("erin", COMMAND, password=PASSWORD, code="right")
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from erin\n"
    assert r.prompts[0] == "(erin@127.0.0.1) Password: "
    assert len(r.prompts) == 2, r.prompts
    shown = r.prompts[1]
    secret = re.search(r"otpauth://totp/\S*[?&]secret=([A-Z2-7]+)", shown).group(1)
    assert shown.startswith("(erin@127.0.0.1) ") and shown.endswith("code: "), shown
    assert emulator.user(POOL, "erin")["totp_secret"] == secret
    assert "Accepted keyboard-interactive/pam for erin from 127.0.0.1" in sshd.log()


def test_keyboard_interactive_passwordless_email_code(start_sshd, emulator):
    """auth_flow = user_auth, first_factor = email_otp: the code is the only prompt."""
    emulator.admin("POST", "/pools/update", {"id": POOL, "first_auth_factors": ["PASSWORD", "EMAIL_OTP"]})
    emulator.admin("POST", "/clients/update", {"client_id": CLIENT, "flows": ["ALLOW_USER_AUTH"]})
    emulator.add_user(pool_id=POOL, username="erin", password=PASSWORD,
                      attributes={"email": "erin@example.com"})
    sshd = start_sshd(auth_flow="user_auth", first_factor="email_otp")
    codes = "http://127.0.0.1:%d/codes/%s/erin" % (emulator.admin_port, POOL)
    r = sshd.ssh("erin", COMMAND, code_from={"url": codes, "field": "email_code"})
    assert r.code == 0, (r, sshd.log())
    assert r.stdout == "hello from erin\n"
    assert r.prompts == ["(erin@127.0.0.1) Code sent to e***@e***: "]
    assert "Accepted keyboard-interactive/pam for erin from 127.0.0.1" in sshd.log()
    lines = sshd.box.module_log()
    assert len(lines) == 1 and "user=erin rhost=127.0.0.1 outcome=success" in lines[0], lines
