"""Many logins in one process (issue 13, item 4): RADIUS servers, VPN plugins
and web servers call PAM from many threads at once, and a long-lived process
calls it thousands of times.

tests/pam_threads drives the module through libpam (under pam_wrapper), each
thread with its own PAM handle; all threads wait at their password prompts
until every one is there, so they really are inside pam_sm_authenticate at
the same time. Under valgrind (PCG_DRIVER_WRAPPER) both scale down: 8
threads, and a loop of 30 logins whose resident size is not compared, because
valgrind runs threads one at a time about 20 times slower and its own shadow
memory makes the process's resident size say nothing about the module's;
there valgrind's leak check (definite and indirect leaks fail) stands in for
it. The ThreadSanitizer run (scripts/test-tsan.sh) keeps the 200 threads,
where races would show, and shortens the loop to 30 logins without the
resident-size check (its shadow memory). The ASan run keeps both at full size but does not compare the
resident size either: ASan's quarantine and allocator caches grow it by
megabytes on their own (measured: 220 MiB with the quarantine, 5.6 MiB
without), so LeakSanitizer's check at exit stands in for it there.
"""
import fcntl
import os
import shlex
import subprocess
import time

from conftest import PASSWORD, POOL, conf_text
from pam_session import DRIVER, STARTUP_LOCK, TIME_SLACK, _driver_errors

THREADS_DRIVER = os.path.join(os.path.dirname(DRIVER), "pam_threads")
WRAPPER = shlex.split(os.environ.get("PCG_DRIVER_WRAPPER", ""))
ASAN = "asan" in os.environ.get("PCG_PRELOAD", "")
TSAN = "tsan" in os.environ.get("PCG_PRELOAD", "")
TOTP_HEX = "3132333435363738393031323334353637383930"  # RFC 6238's test key
N_THREADS = 8 if WRAPPER else 200
N_LOOP, N_WARMUP = (30, 10) if WRAPPER or TSAN else (1000, 100)
# Growth of the resident set over the last 900 logins: a leak of 2 KiB per
# login would pass 1.8 MiB; allocator noise stays far below that.
RSS_GROWTH_MAX_KIB = 1536


def run_driver(pam, args, timeout):
    env = pam.env()
    lock = open(STARTUP_LOCK, "a")
    fcntl.flock(lock, fcntl.LOCK_EX)  # pam_wrapper's start-up race (pam_session.py)
    try:
        proc = subprocess.Popen(WRAPPER + [THREADS_DRIVER, "pcg-test"] + args,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, text=True)
        proc.stdin.write("%s\n%s\n" % (PASSWORD, TOTP_HEX))
        proc.stdin.close()
        proc.stdin = None  # communicate() must not flush it again
        proc.stdout.readline()  # READY: pam_wrapper has set itself up
    finally:
        lock.close()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    failure = _driver_errors(proc.returncode, err)
    assert failure is None, failure + "\n" + err[-20000:]
    assert proc.returncode == 0, err[-5000:]
    out += "".join(l + "\n" for l in err.splitlines() if "outcome=" in l and "success" not in l)
    fields = {}
    for line in out.splitlines():
        if line.startswith(("RESULT ", "RSS ", "ENV ")):
            fields.update(kv.split("=") for kv in line.split()[1:])
    return {k: int(v) for k, v in fields.items()}, out


def add_users(emulator, pam, prefix, n, totp):
    with open(pam.passwd, "a") as f:
        for i in range(n):
            name = "%s%03d" % (prefix, i)
            f.write("%s:x:%d:%d::/home/%s:/bin/sh\n" % (name, 30000 + i, 30000 + i, name))
            emulator.add_user(pool_id=POOL, username=name, password=PASSWORD,
                              totp_secret=totp)


def test_concurrent_logins_all_succeed(emulator, pam, ca_dir):
    import base64
    secret = base64.b32encode(bytes.fromhex(TOTP_HEX)).decode()
    add_users(emulator, pam, "t", N_THREADS, secret)
    # The emulator checks 200 SRP proofs one at a time (Python's GIL): its own
    # queue, not the module, would outlast the PASSWORD_VERIFIER window.
    emulator.admin("POST", "/pools/update", {"id": POOL, "password_verifier_seconds": 600})
    # A generous budget: 200 logins share one Python emulator and two cores.
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="srp", timeout=120,
                             connect_timeout=60))
    pam.write_service()
    res, out = run_driver(pam, ["t", "threads", str(N_THREADS)], timeout=600 * TIME_SLACK)
    assert res["fail"] == 0, out
    assert res["ok"] == N_THREADS
    assert res["together"] == N_THREADS, "the logins did not overlap: %s" % out


def test_thousand_logins_in_one_process_do_not_grow(emulator, pam, ca_dir):
    add_users(emulator, pam, "l", 1, None)
    pam.write_conf(conf_text(emulator, ca_dir, auth_flow="password", require_mfa="no"))
    pam.write_service()
    start = time.monotonic()
    res, out = run_driver(pam, ["l000", "loop", str(N_LOOP), str(N_WARMUP)],
                          timeout=1800 * TIME_SLACK)
    assert res["fail"] == 0, out
    assert res["ok"] == N_LOOP
    growth = res["end_kib"] - res["warm_kib"]
    print("RSS after %d logins %d KiB, after %d %d KiB (%.0f s)"
          % (N_WARMUP, res["warm_kib"], N_LOOP, res["end_kib"], time.monotonic() - start))
    if not WRAPPER and not ASAN and not TSAN:
        assert growth <= RSS_GROWTH_MAX_KIB, out


def test_a_host_thread_calling_setenv_meanwhile_always_sees_its_environment(emulator, pam, ca_dir):
    # The module never assigns environ: swapping it for the libraries' one-time set-up hid
    # the environment from the host's other threads, and a setenv made then was written into
    # an array that the swap back threw away (freed memory, under ASan a crash).
    add_users(emulator, pam, "e", 1, None)
    pam.write_conf(conf_text(emulator, ca_dir, require_mfa="no"))
    pam.write_service()
    res, out = run_driver(pam, ["e000", "churn", "3"], timeout=300 * TIME_SLACK)
    assert res["fail"] == 0 and res["ok"] == 3, out
    assert res["turns"] > 0, out
    assert res["lost"] == 0, out


# libc functions that return static storage or keep hidden process-wide state,
# with the reentrant form the module must use instead (getpwnam_r, gmtime_r,
# strerror_r...). nss_wrapper serialises getpwnam, so the 200-thread test
# alone cannot catch it: this checks what the built module imports.
NOT_REENTRANT = {
    "getpwnam", "getpwuid", "getpwent", "getgrnam", "getgrgid", "getgrent", "getspnam",
    "getlogin", "gethostbyname", "gethostbyaddr", "getservbyname", "getprotobyname",
    "gmtime", "localtime", "asctime", "ctime", "strerror", "strsignal", "strtok",
    "rand", "random", "drand48", "lrand48", "readdir", "ttyname", "ptsname", "crypt",
    "setenv", "putenv", "unsetenv", "setlocale", "tmpnam", "inet_ntoa", "ecvt", "fcvt",
    "signal", "sigaction", "sigprocmask", "alarm", "umask", "chdir",
}


def test_module_imports_no_non_reentrant_libc_function():
    from pam_session import PAM_MODULE
    out = subprocess.run(["nm", "-D", "--undefined-only", PAM_MODULE], check=True,
                         capture_output=True, text=True).stdout
    imported = {line.split()[-1].split("@")[0] for line in out.splitlines() if line.strip()}
    assert not imported & NOT_REENTRANT, sorted(imported & NOT_REENTRANT)
