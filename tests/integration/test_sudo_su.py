"""Real sudo and su with the example PAM stacks, run by a non-root test user in a Sandbox.

sudo reads the answers to every PAM prompt from a pipe (-S). It shows its own
prompt ("[sudo] password for NAME: ") for a PAM prompt that looks like a
password prompt and the module's prompt for the code; -p or SUDO_PROMPT would
replace both. sudo calls pam_authenticate with PAM_SILENT, so the module's
explanations ("Wrong code. 2 tries left.") are not shown there.

su reads the answers from its terminal: a pseudo-terminal the test answers
prompt by prompt, once su has turned echo off, as a person would. "su -" is
PAM service su-l, which on Debian includes /etc/pam.d/su.
"""
import os
import select
import subprocess
import termios
import time

import pytest

from conftest import PASSWORD, TOTP_SECRET, conf_text, totp, wrong_code
from sandbox import ENV, SUDO_GROUP, User, sandboxes  # noqa: F401 (fixture)

SVC_PASSWORD = "Svc-unix-passw0rd"
SUDO_PROMPT = "[sudo] password for alice: "


@pytest.fixture
def box(emulator, ca_dir, sandboxes):  # noqa: F811
    users = [User("alice", groups=[SUDO_GROUP]), User("bob", groups=[SUDO_GROUP]), User("dave"),
             User("svc", password=SVC_PASSWORD, system=True)]
    conf = conf_text(emulator, ca_dir, auth_flow=None)
    return sandboxes(users, {"sudo": "sudo", "su": "su"}, conf)


@pytest.fixture
def minimal_box(emulator, ca_dir, sandboxes):  # noqa: F811
    """sudo and su with examples/pam.d/minimal: pam_cognito alone, pam_permit for the rest."""
    users = [User("alice", groups=[SUDO_GROUP]), User("dave")]
    conf = conf_text(emulator, ca_dir, auth_flow=None)
    return sandboxes(users, {"sudo": "minimal", "su": "minimal"}, conf)


def sudo(box, user, answers, command="id -un"):
    """sudo -S as user, then sudo -n: the second shows whether a timestamp let it through."""
    script = ("sudo -S %s; echo \"sudo exit $?\"; sudo -n true; echo \"sudo -n exit $?\""
              % command)
    return box.run(["sh", "-c", script], user=user, input="".join(a + "\n" for a in answers))


def test_sudo_with_password_and_code_runs_the_command_and_asks_again_next_time(box):
    r = sudo(box, "alice", [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines() == ["root", "sudo exit 0", "sudo -n exit 1"], (r, box.syslog())
    # sudo shows its own prompt for the password, the module's for the code.
    assert r.stderr.startswith(SUDO_PROMPT + "Verification code: sudo:"), r.stderr
    assert "a password is required" in r.stderr  # timestamp_timeout=0: no cached step-up
    lines = box.module_log()
    assert len(lines) == 1 and lines[0].startswith("pam_cognito(sudo:auth): user=alice "), lines
    assert "outcome=success" in lines[0]


def test_sudo_with_a_wrong_code_is_refused(box):
    bad = wrong_code(TOTP_SECRET)
    r = sudo(box, "alice", [PASSWORD, bad, bad, bad])
    assert r.stdout.splitlines()[0] == "sudo exit 1", r
    # three tries in one Cognito session, then sudo's own second round finds no more input
    assert r.stderr.startswith(SUDO_PROMPT + "Verification code: " * 3 + "Sorry, try again.\n"), r
    lines = box.module_log()
    assert "outcome=denied" in lines[0] and "reason=CodeMismatchException" in lines[0], lines
    assert any("incorrect password attempt" in l for l in box.syslog(settle=0))


def test_sudo_with_a_wrong_password_is_refused(box):
    r = sudo(box, "alice", ["Wrong-passw0rd!"])
    assert r.stdout.splitlines()[0] == "sudo exit 1", r
    assert r.stderr.startswith(SUDO_PROMPT + "Sorry, try again.\n"), r
    assert "outcome=denied" in box.module_log()[0]


def test_sudo_with_the_minimal_stack(minimal_box):
    r = sudo(minimal_box, "alice", [PASSWORD, totp(TOTP_SECRET)])
    assert r.stdout.splitlines() == ["root", "sudo exit 0", "sudo -n exit 1"], (r, minimal_box.syslog())
    lines = minimal_box.module_log()
    assert len(lines) == 1 and "outcome=success" in lines[0], lines


def su(box, caller, target, replies, command="echo ok from $(id -un)"):
    return converse_in_pty(box, ["su", "-", target, "-c", command], caller, replies)


def test_su_with_password_and_code(box):
    code, out = su(box, "dave", "alice", [("Password: ", PASSWORD),
                                          ("Verification code: ", lambda: totp(TOTP_SECRET))])
    assert code == 0, out
    assert out.endswith("ok from alice\r\n"), out
    assert PASSWORD not in out  # echo was off
    lines = box.module_log()
    assert len(lines) == 1 and lines[0].startswith("pam_cognito(su-l:auth): user=alice "), lines
    assert "outcome=success" in lines[0]


def test_su_with_the_minimal_stack(minimal_box):
    code, out = su(minimal_box, "dave", "alice",
                   [("Password: ", PASSWORD), ("Verification code: ", lambda: totp(TOTP_SECRET))])
    assert code == 0, (out, minimal_box.syslog())
    assert out.endswith("ok from alice\r\n"), out
    lines = minimal_box.module_log()
    assert len(lines) == 1 and "outcome=success" in lines[0], lines


def test_su_with_a_wrong_code_is_refused(box):
    bad = wrong_code(TOTP_SECRET)
    code, out = su(box, "dave", "alice", [("Password: ", PASSWORD), ("Verification code: ", bad),
                                          ("Verification code: ", bad),
                                          ("Verification code: ", bad)])
    assert code == 1, out
    assert "Wrong code. No tries left." in out
    assert "su: Authentication failure" in out
    assert "ok from" not in out
    assert "outcome=denied" in box.module_log()[0]


def test_su_to_a_service_account_uses_its_unix_password_and_never_reaches_cognito(box, emulator):
    code, out = su(box, "dave", "svc", [("Password: ", SVC_PASSWORD)])
    assert code == 0, out
    assert out.endswith("ok from svc\r\n"), out
    assert box.module_log() == []
    assert emulator.counters()["requests_total"] == 0


def converse_in_pty(box, argv, user, replies, timeout=30):
    """Runs argv in the box as user on a new pseudo-terminal.

    replies: [(prompt, answer or a callable giving it)] in order; each answer is
    typed once the prompt has appeared and echo is off (the program is then
    reading: PAM's terminal conversation flushes what was typed before). Returns
    (exit status, everything the terminal showed).
    """
    master, slave = os.openpty()
    proc = subprocess.Popen(["setsid", "--ctty"] + box.command(argv, user), stdin=slave,
                            stdout=slave, stderr=slave, env=ENV)
    box.procs.append(proc)
    os.close(slave)
    out, pos, pending = "", 0, list(replies)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:  # EIO: the terminal's last user has gone
                    data = b""
                if not data:
                    break
                out += data.decode(errors="replace")
            if pending and pending[0][0] in out[pos:]:
                if termios.tcgetattr(master)[3] & termios.ECHO:
                    continue
                prompt, answer = pending.pop(0)
                pos = out.index(prompt, pos) + len(prompt)
                os.write(master, ((answer() if callable(answer) else answer) + "\n").encode())
        else:
            raise AssertionError("no end in %ds; the terminal showed: %r" % (timeout, out))
        return proc.wait(timeout=10), out
    finally:
        os.close(master)
        box.kill(proc)


# Where these programs would write on the host without the sandbox, and what it lays over.
HOST_PATHS = ["/etc/passwd", "/etc/shadow", "/etc/group", "/etc/gshadow", "/etc/pam.d",
              "/etc/security", "/etc/sudoers.d", "/home", "/run", "/run/utmp", "/run/sshd",
              "/run/sudo", "/var/log", "/var/log/wtmp", "/var/log/btmp", "/var/log/lastlog",
              "/var/lib/sudo"]


def host_state():
    state = {}
    for top in HOST_PATHS:
        walk = os.walk(top) if os.path.isdir(top) and not top.startswith(("/run", "/var/log")) \
            else [(top, [], [])]
        for d, _, files in walk:
            for p in [d] + [os.path.join(d, f) for f in files]:
                try:
                    st = os.lstat(p)
                    state[p] = (st.st_mtime_ns, st.st_size, st.st_mode, st.st_uid)
                except FileNotFoundError:
                    state[p] = None
    return state


def test_the_programs_leave_the_hosts_files_as_they_were(box):
    before = host_state()
    sudo(box, "alice", [PASSWORD, totp(TOTP_SECRET)])
    su(box, "dave", "bob", [("Password: ", "Wrong-passw0rd!")])
    su(box, "dave", "svc", [("Password: ", SVC_PASSWORD)])
    after = host_state()
    assert {p: (before.get(p), after.get(p)) for p in set(before) | set(after)
            if before.get(p) != after.get(p)} == {}
