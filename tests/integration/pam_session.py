"""Runs the built module through pam_wrapper and the pam_driver program.

The driver relays the PAM conversation line by line, so a test answers each
prompt when it sees it (a TOTP code is computed at that moment).
"""
import os
import select
import stat
import subprocess
import tempfile
import time

TOP_BUILDDIR = os.environ.get("TOP_BUILDDIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
PAM_MODULE = os.environ.get("PAM_MODULE") or os.path.join(TOP_BUILDDIR, ".libs", "pam_cognito.so")
DRIVER = os.path.join(TOP_BUILDDIR, "tests", "pam_driver")
PAM_WRAPPER_LIB = "/usr/lib/x86_64-linux-gnu/libpam_wrapper.so"
NSS_WRAPPER_LIB = "/usr/lib/x86_64-linux-gnu/libnss_wrapper.so"

# Local accounts the tests may log in as (seen by getpwnam through nss_wrapper).
LOCAL_USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "demo"]


class Result:
    def __init__(self, codes, transcript, log, elapsed):
        self.codes = codes            # {"auth": "PAM_SUCCESS", ...}
        self.transcript = transcript  # [(kind, text)] in order
        self.log = log                # the module's syslog lines (via pam_wrapper)
        self.elapsed = elapsed

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
        e.update({
            "LD_PRELOAD": PAM_WRAPPER_LIB + ":" + NSS_WRAPPER_LIB,
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
            timeout=60):
        """answer(kind, text) -> str gives each prompt's answer ("PROMPT_ECHO_OFF"/"_ON")."""
        cmd = [DRIVER, service, user]
        if rhost:
            cmd += ["--rhost", rhost]
        if conv != "relay":
            cmd += ["--conv", conv]
        cmd += list(ops)
        start = time.monotonic()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=self.env(), text=True, bufsize=1)
        transcript, codes = [], {}
        deadline = start + timeout
        try:
            for line in _lines(proc.stdout, deadline):
                kind, _, text = line.rstrip("\n").partition(" ")
                text = text.replace("\\n", "\n").replace("\\\\", "\\")
                if kind == "RESULT":
                    op, _, rest = text.partition(" ")
                    codes[op] = rest.split(" ")[1]
                    continue
                transcript.append((kind, text))
                if kind.startswith("PROMPT") and conv == "relay":
                    reply = answer(kind, text)
                    if reply is None:
                        proc.stdin.close()
                    else:
                        proc.stdin.write(reply + "\n")
                        proc.stdin.flush()
            proc.wait(timeout=max(1, deadline - time.monotonic()))
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        stderr = proc.stderr.read()
        log = [l for l in stderr.splitlines() if "SYSLOG" in l or "pam_cognito" in l]
        return Result(codes, transcript, log, time.monotonic() - start)


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
