"""No file is written during authentication: the driver runs under strace -f,
and between its markers around pam_authenticate no path outside /dev is
opened with a write flag, created, renamed, removed, linked or chmod-ed."""
import os
import re

import pytest

from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp
from test_enrollment import EnrolAnswers, app_code, mfa_on

OPENS = {"open", "openat", "openat2", "creat"}
CHANGES = {"rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat", "link",
           "linkat", "symlink", "symlinkat", "truncate", "mknod", "mknodat", "chmod", "fchmodat",
           "chown", "lchown", "fchownat"}
MARKERS = {"access", "faccessat", "faccessat2"}
WRITE_FLAGS = re.compile(r"O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|O_APPEND|O_TMPFILE")
CALL = re.compile(r"^(?:\[pid\s+)?(\d+)\]?\s+(?:<\.\.\. )?(\w+)[( ]")
PATH = re.compile(r'"((?:[^"\\]|\\.)*)"')


def traced(pam, user, answers):
    log = os.path.join(pam.dir, "strace.log")
    calls = ",".join(sorted(OPENS | CHANGES | MARKERS))
    # LeakSanitizer cannot work under ptrace: the ASan run checks leaks elsewhere.
    asan = os.environ.get("ASAN_OPTIONS")
    r = pam.run(user, answers, markers=True,
                prefix=["strace", "-f", "-qq", "-s", "512", "-o", log, "-e", "trace=" + calls],
                extra_env={"ASAN_OPTIONS": asan + ":detect_leaks=0"} if asan else None)
    with open(log, errors="replace") as f:
        lines = f.read().splitlines()
    begin = [i for i, l in enumerate(lines) if "/pcg-marker/begin-auth" in l]
    end = [i for i, l in enumerate(lines) if "/pcg-marker/end-auth" in l]
    assert len(begin) == 1 and len(end) == 1, "markers missing from the strace log"
    return r, lines[begin[0] + 1:end[0]]


def writes(lines):
    found = []
    for line in lines:
        m = CALL.match(line)
        if not m:
            continue
        call = m.group(2)
        paths = PATH.findall(line)
        if any(p.startswith("/dev/") for p in paths):
            continue
        if (call in OPENS and WRITE_FLAGS.search(line)) or call in CHANGES:
            found.append(line)
    return found


def opened(lines, path):
    return any(path in line for line in lines if CALL.match(line)
               and CALL.match(line).group(2) in OPENS)


@pytest.mark.parametrize("flow", ["password", None])  # None: the srp default
def test_login_with_password_and_code_writes_no_file(pam, emulator, ca_dir, flow):
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow=flow))
    pam.write_service()
    r, lines = traced(pam, "alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert opened(lines, pam.conf_path), "the trace does not cover the module's work"
    assert writes(lines) == []


def test_login_with_enrolment_writes_no_file(pam, emulator, ca_dir):
    mfa_on(emulator)
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service()
    r, lines = traced(pam, "bob", EnrolAnswers(PASSWORD, app_code))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert emulator.user("us-east-1_TestPool1", "bob")["has_totp"]
    assert writes(lines) == []


def test_the_check_sees_a_module_that_writes(pam, emulator, ca_dir):
    target = os.path.join(pam.dir, "written-by-pam_exec")
    script = os.path.join(pam.dir, "write.sh")
    with open(script, "w") as f:
        f.write("#!/bin/sh\necho x > %s\n" % target)
    os.chmod(script, 0o755)
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service(extra_lines="auth optional pam_exec.so %s\n" % script)
    r, lines = traced(pam, "alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", (r.transcript, r.log)
    assert any(target in line for line in writes(lines)), lines
