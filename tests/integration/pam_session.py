"""Runs the built module through pam_wrapper and the pam_driver program.

The driver relays the PAM conversation line by line, so a test answers each
prompt when it sees it (a TOTP code is computed at that moment).

Hardening runs (scripts/test-asan.sh, scripts/test-valgrind.sh) set:
- PCG_DRIVER_WRAPPER: a command the driver runs under (valgrind ...);
- PCG_PRELOAD: a library preloaded before pam_wrapper (libasan for a
  sanitized module loaded by the driver);
- PCG_TIME_SLACK: seconds allowed beyond a configured network budget
  (default 1; valgrind makes every CPU step many times slower).
A driver that dies of a signal or reports sanitizer or valgrind errors makes
run() raise DriverFailure, whatever the test asserts.
"""
import fcntl
import os
import select
import shlex
import stat
import subprocess
import tempfile
import time

TOP_BUILDDIR = os.environ.get("TOP_BUILDDIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
PAM_MODULE = os.environ.get("PAM_MODULE") or os.path.join(TOP_BUILDDIR, ".libs", "pam_cognito.so")
# Programs that can neither preload a sanitizer runtime nor run under valgrind
# (sudo is setuid and started by a user) load this module instead: in the
# hardening runs it is the main build's (scripts/test-asan.sh, test-valgrind.sh).
UNWRAPPED_MODULE = os.environ.get("PCG_UNWRAPPED_MODULE") or PAM_MODULE
DRIVER = os.path.join(TOP_BUILDDIR, "tests", "pam_driver")
PAM_WRAPPER_LIB = "/usr/lib/x86_64-linux-gnu/libpam_wrapper.so"
NSS_WRAPPER_LIB = "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so"

# Local accounts the tests may log in as (seen by getpwnam through nss_wrapper).
LOCAL_USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "demo"]

# Exit status the hardening runs give the driver on a sanitizer or valgrind error.
ERROR_EXIT_CODES = (86, 99)
ERROR_MARKERS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                 "== ERROR SUMMARY: ")
TIME_SLACK = float(os.environ.get("PCG_TIME_SLACK") or 1)
# pam_wrapper picks its /tmp/pam.X directory racily (lstat, then mkdir, a
# failure ignored): two drivers starting at once can share one and read each
# other's PAM configuration. Drivers started in parallel (pytest-xdist in the
# valgrind run, or two suites at once) therefore start one at a time: this
# lock is held from a driver's start to its first line of output.
STARTUP_LOCK = "/tmp/pcg-pam_wrapper-start.lock"


class DriverFailure(AssertionError):
    """pam_driver crashed or a sanitizer/valgrind found an error."""


def _driver_errors(returncode, stderr):
    if returncode < 0:
        return "pam_driver died of signal %d" % -returncode
    lines = [l for l in stderr.splitlines() if any(m in l for m in ERROR_MARKERS)]
    lines = [l for l in lines if "== ERROR SUMMARY: 0 errors" not in l]
    if returncode in ERROR_EXIT_CODES or lines:
        return "pam_driver exited with %d: %s" % (returncode, "\n".join(lines) or "see stderr")
    return None


class Result:
    def __init__(self, codes, transcript, log, elapsed):
        self.codes = codes            # {"auth": "PAM_SUCCESS", ...}
        self.transcript = transcript  # [(kind, text)] in order
        self.log = log                # the module's syslog lines (via pam_wrapper)
        self.elapsed = elapsed
        self.returncode = None
        self.stderr = ""
        # With scan_memory: {answer index: number of copies found after pam_end}
        # and the hit lines ("SCANHIT index mapping +offset before|after").
        self.scan = {}
        self.scan_hits = []
        # With show_env: {name: value or None} after pam_end; with signals: the
        # driver's "SIGNALS ..." fields after pam_end ({"mask": "same", ...}).
        self.env = {}
        self.signals = {}

    @property
    def code(self):
        return self.codes.get("auth")

    def texts(self, kind):
        return [t for k, t in self.transcript if k == kind]

    def prompts(self):
        return [t for k, t in self.transcript if k.startswith("PROMPT")]


class PamEnv:
    """A private pam.d, config file and passwd database for one test."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="pcg-pam-")
        os.chmod(self.dir, 0o755)
        self.service_dir = os.path.join(self.dir, "pam.d")
        os.mkdir(self.service_dir)
        with open(os.path.join(self.service_dir, "other"), "w") as f:
            f.write("auth required pam_deny.so\naccount required pam_deny.so\n")
        self.conf_path = os.path.join(self.dir, "pam_cognito.conf")
        self.passwd = os.path.join(self.dir, "passwd")
        self.group = os.path.join(self.dir, "group")
        with open(self.passwd, "w") as f:
            f.write("root:x:0:0:root:/root:/bin/sh\n")
            for i, name in enumerate(LOCAL_USERS):
                f.write("%s:x:%d:%d::/home/%s:/bin/sh\n" % (name, 2000 + i, 2000 + i, name))
        with open(self.group, "w") as f:
            f.write("root:x:0:\n")
            for i, name in enumerate(LOCAL_USERS):
                f.write("%s:x:%d:\n" % (name, 2000 + i))

    def write_conf(self, text, mode=0o600):
        with open(self.conf_path, "w") as f:
            f.write(text)
        os.chmod(self.conf_path, mode)

    def write_service(self, args="", name="pcg-test", extra_lines="", after_lines=""):
        line = "auth required %s conf=%s %s\n" % (PAM_MODULE, self.conf_path, args)
        acct = "account required %s conf=%s\n" % (PAM_MODULE, self.conf_path)
        with open(os.path.join(self.service_dir, name), "w") as f:
            f.write(extra_lines + line + after_lines + acct)
        return name

    def env(self):
        e = dict(os.environ)
        preload = [os.environ["PCG_PRELOAD"]] if os.environ.get("PCG_PRELOAD") else []
        e.update({
            "LD_PRELOAD": ":".join(preload + [PAM_WRAPPER_LIB, NSS_WRAPPER_LIB]),
            "PAM_WRAPPER": "1",
            "PAM_WRAPPER_SERVICE_DIR": self.service_dir,
            "PAM_WRAPPER_DEBUGLEVEL": "2",
            "NSS_WRAPPER_PASSWD": self.passwd,
            "NSS_WRAPPER_GROUP": self.group,
        })
        for k in ("http_proxy", "https_proxy", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
            e.pop(k, None)
        return e

    def run(self, user, answer, service="pcg-test", ops=("auth",), rhost=None, conv="relay",
            timeout=60, prefix=(), markers=False, scan_memory=False, extra_env=None,
            show_env=(), signals=False, report_resources=False):
        """answer(kind, text) -> str gives each prompt's answer ("PROMPT_ECHO_OFF"/"_ON");
        lone surrogates in it ("\udcff") are sent as the raw bytes they stand for.
        An answer with an observe(kind, text) method sees every message first (INFO too).

        prefix: a command to run the driver under (strace ...), around PCG_DRIVER_WRAPPER;
        extra_env: variables added to the driver's environment;
        markers, scan_memory, report_resources: the driver's --markers, --scan-memory
        and --report-resources ("RESOURCES" lines in the transcript)
        (scan_memory="selftest": --scan-selftest, which keeps copies to be found).
        user and rhost may be bytes (names that are not UTF-8)."""
        wrapper = shlex.split(os.environ.get("PCG_DRIVER_WRAPPER", ""))
        cmd = list(prefix) + wrapper + [DRIVER, service, user]
        if rhost:
            cmd += ["--rhost", rhost]
        if conv != "relay":
            cmd += ["--conv", conv]
        if markers:
            cmd += ["--markers"]
        if report_resources:
            cmd += ["--report-resources"]
        if scan_memory:
            cmd += ["--scan-selftest" if scan_memory == "selftest" else "--scan-memory"]
        for name in show_env:
            cmd += ["--show-env", name]
        if signals:
            cmd += ["--signals"]
        cmd += list(ops)
        if wrapper:
            timeout *= 5
        env = dict(self.env(), **(extra_env or {}))
        lock = open(STARTUP_LOCK, "a")
        fcntl.flock(lock, fcntl.LOCK_EX)
        start = time.monotonic()
        try:
            proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=env, text=True, bufsize=1,
                                    errors="surrogateescape")
        except BaseException:
            lock.close()
            raise
        transcript, codes, scan_lines, reports = [], {}, [], []
        deadline = start + timeout
        try:
            for line in _lines(proc.stdout, deadline):
                lock.close()  # releases the lock; closing again is harmless
                kind, _, text = line.rstrip("\n").partition(" ")
                text = text.replace("\\n", "\n").replace("\\\\", "\\")
                if kind == "RESULT":
                    op, _, rest = text.partition(" ")
                    codes[op] = rest.split(" ")[1]
                    continue
                if kind in ("SCAN", "SCANHIT"):
                    scan_lines.append((kind, text))
                    continue
                if kind in ("ENV", "SIGNALS"):
                    reports.append((kind, text))
                    continue
                transcript.append((kind, text))
                if hasattr(answer, "observe"):
                    answer.observe(kind, text)
                if kind.startswith("PROMPT") and conv == "relay":
                    reply = answer(kind, text)
                    if reply is None:
                        proc.stdin.close()
                    else:
                        proc.stdin.write(reply + "\n")
                        proc.stdin.flush()
            proc.wait(timeout=max(1, deadline - time.monotonic()))
        finally:
            lock.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr = proc.stderr.read()
        log = [l for l in stderr.splitlines() if "SYSLOG" in l or "pam_cognito" in l]
        failure = _driver_errors(proc.returncode, stderr)
        if failure:
            raise DriverFailure(failure + "\n--- stderr:\n" + stderr[-20000:])
        result = Result(codes, transcript, log, time.monotonic() - start)
        result.returncode = proc.returncode
        result.stderr = stderr
        for kind, text in reports:
            if kind == "ENV":
                name, eq, value = text.partition("=")
                if eq:
                    result.env[name] = value
                else:
                    result.env[text.split(" ")[0]] = None
            else:
                result.signals = dict(f.split("=", 1) for f in text.split(" "))
        for kind, text in scan_lines:
            if kind == "SCAN":
                index, hits = text.split(" ")
                result.scan[int(index)] = int(hits)
            else:
                result.scan_hits.append(text)
        return result


def _lines(stream, deadline):
    buf = ""
    fd = stream.fileno()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("pam_driver did not finish in time")
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536).decode(errors="replace")
        if not chunk:
            if buf:
                yield buf
            return
        buf += chunk
        while "\n" in buf:
            line, buf = buf.split("\n", 1)
            yield line + "\n"
