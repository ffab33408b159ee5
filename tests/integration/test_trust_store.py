"""Where trust comes from (issue 13, item 1).

Without cafile or capath the module trusts the system's hashed certificate
directory, which OpenSSL reads one issuer at a time, never libcurl's default
bundle file, which it would parse whole (about 150 certificates) for every
login. The emulator's test CA is in neither, so such a login fails TLS
verification; what it opened shows where it looked. capath keeps working on
its own: a private hashed directory holding the test CA signs in.
"""
import os
import shutil
import subprocess

from conftest import PASSWORD, TOTP_SECRET, Answers, conf_text, totp
from test_no_disk_writes import CALL, MARKERS, OPENS

BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
STATS = {"stat", "newfstatat", "statx", "lstat"}


def lookups(pam, answers):
    """The login's file opens and stats (strace -f), between the driver's markers."""
    log = os.path.join(pam.dir, "strace.log")
    calls = ",".join(sorted(OPENS | STATS | MARKERS))
    asan = os.environ.get("ASAN_OPTIONS")  # LeakSanitizer cannot work under ptrace
    r = pam.run("alice", answers, markers=True,
                prefix=["strace", "-f", "-qq", "-s", "512", "-o", log, "-e", "trace=" + calls],
                extra_env={"ASAN_OPTIONS": asan + ":detect_leaks=0"} if asan else None)
    with open(log, errors="replace") as f:
        lines = f.read().splitlines()
    begin = [i for i, l in enumerate(lines) if "/pcg-marker/begin-auth" in l]
    end = [i for i, l in enumerate(lines) if "/pcg-marker/end-auth" in l]
    assert len(begin) == 1 and len(end) == 1, "markers missing from the strace log"
    return r, [l for l in lines[begin[0] + 1:end[0]] if CALL.match(l)]


def test_default_trust_is_the_hashed_system_directory(pam, emulator, ca_dir):
    pam.write_conf(conf_text(emulator, ca_dir, cafile=None))
    pam.write_service()
    r, seen = lookups(pam, Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_AUTHINFO_UNAVAIL"
    assert any("TLS verification" in l for l in r.log), r.log
    assert not any(BUNDLE in l for l in seen), [l for l in seen if BUNDLE in l]
    hashed = subprocess.run(["openssl", "x509", "-noout", "-subject_hash", "-in",
                             os.path.join(ca_dir, "ca.pem")], check=True,
                            capture_output=True, text=True).stdout.strip()
    # OpenSSL looks the test CA's issuer hash up in the directory (and finds nothing).
    assert any("/etc/ssl/certs/%s.0" % hashed in l for l in seen), seen


def test_capath_alone_signs_in(pam, emulator, ca_dir):
    store = os.path.join(pam.dir, "certs")
    os.mkdir(store)
    shutil.copy(os.path.join(ca_dir, "ca.pem"), os.path.join(store, "test-ca.pem"))
    subprocess.run(["openssl", "rehash", store], check=True)
    pam.write_conf(conf_text(emulator, ca_dir, cafile=None, capath=store))
    pam.write_service()
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)))
    assert r.code == "PAM_SUCCESS", r.log
