"""A throwaway system for real programs (sshd, sudo, su) with the built module.

A Sandbox is a directory holding what the programs read: copies of the
host's passwd, shadow, group and gshadow plus the test users, the host's
/etc/pam.d with the example stacks from examples/pam.d laid over it (only the
module path changed to the built module), the host's /etc/security plus the
module's config (root-owned, 0600), the host's /etc/sudoers.d plus
examples/sudoers.d, home directories, and a syslog socket that the test reads.
With extrausers=True also an /etc/nsswitch.conf that asks libnss-extrausers
after files for passwd and group, and a private /var/lib (an overlay on the
host's whose changes land in BOX/varlib/upper), so that `cognito-mfa sync`
writes /var/lib/extrausers and /var/lib/pam_cognito of the sandbox only.
Each program runs inside a new mount and PID namespace (sandbox-enter.sh) that
puts these over the host's files; when its first process ends, or is killed,
the kernel ends every process in it and the mounts vanish. The host's files
are never written.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import pytest

from pam_session import UNWRAPPED_MODULE as PAM_MODULE

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.abspath(os.path.join(HERE, "..", ".."))
EXAMPLES = os.path.join(SRCDIR, "examples")
ENTER = os.path.join(HERE, "sandbox-enter.sh")
ASKPASS = os.path.join(HERE, "askpass.py")
# The group examples/sudoers.d/pam_cognito lets run commands as root.
SUDO_GROUP = "cognito-admins"
ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"}
FIRST_ID = 42000
FIRST_SYSTEM_ID = 999  # counting down


class User:
    """A local account; password (optional) becomes its Unix password hash in shadow."""

    def __init__(self, name, password=None, groups=(), system=False):
        self.name = name
        self.password = password
        self.groups = list(groups)
        self.system = system  # a service account: uid below 1000, so not a Cognito user


def example(path):
    with open(os.path.join(EXAMPLES, path)) as f:
        return f.read()


def with_built_module(text):
    """The example stack with pam_cognito.so replaced by the built module's path."""
    lines, n = [], 0
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#"):
            line, k = re.subn(r"(?<![\w/])pam_cognito\.so\b", PAM_MODULE, line)
            n += k
        lines.append(line)
    assert n == 1, "expected one pam_cognito.so line"
    return "".join(lines)


def _read_db(path):
    with open(path) as f:
        return [line.rstrip("\n").split(":") for line in f if line.strip()]


def _write_db(path, rows, like):
    with open(path, "w") as f:
        f.write("".join(":".join(r) + "\n" for r in rows))
    st = os.stat(like)
    os.chown(path, st.st_uid, st.st_gid)
    os.chmod(path, st.st_mode & 0o7777)


def _unix_hash(password):
    return subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=password, check=True,
                          capture_output=True, text=True).stdout.strip()


class Sandbox:
    def __init__(self, users, pam_stacks, conf_text, sudoers=("pam_cognito",), extrausers=False):
        """pam_stacks maps a service name (sshd, sudo, su) to an examples/pam.d file."""
        self.dir = tempfile.mkdtemp(prefix="pcg-box-")
        self.procs = []
        self._log = []
        self._log_lock = threading.Lock()
        self._stop = threading.Event()
        self.sock = None
        try:
            self._make(users, pam_stacks, conf_text, sudoers)
            if extrausers:
                self._extrausers()
        except BaseException:
            self.close()
            raise

    def path(self, *parts):
        return os.path.join(self.dir, *parts)

    def _make(self, users, pam_stacks, conf_text, sudoers):
        etc = self.path("etc")
        os.makedirs(etc)
        for d in ("home", "hostdev"):
            os.mkdir(self.path(d), 0o755)
        self._accounts(users)
        shutil.copytree("/etc/pam.d", self.path("etc", "pam.d"), symlinks=True)
        for service, name in pam_stacks.items():
            with open(self.path("etc", "pam.d", service), "w") as f:
                f.write(with_built_module(example(os.path.join("pam.d", name))))
        shutil.copytree("/etc/security", self.path("etc", "security"), symlinks=True)
        self.write_conf(conf_text)
        shutil.copytree("/etc/sudoers.d", self.path("etc", "sudoers.d"), symlinks=True)
        for name in sudoers:
            dest = self.path("etc", "sudoers.d", name)
            shutil.copyfile(os.path.join(EXAMPLES, "sudoers.d", name), dest)
            os.chmod(dest, 0o440)
        # Not part of the examples: a sandbox sends no mail about failed sudo attempts.
        with open(self.path("etc", "sudoers.d", "zz-sandbox"), "w") as f:
            f.write("Defaults !mail_badpass, !mail_no_user, !mail_no_perms\n")
        os.chmod(self.path("etc", "sudoers.d", "zz-sandbox"), 0o440)
        self._syslog()

    def _accounts(self, users):
        passwd = _read_db("/etc/passwd")
        shadow = _read_db("/etc/shadow")
        group = _read_db("/etc/group")
        gshadow = _read_db("/etc/gshadow")
        names = {u.name for u in users} | {SUDO_GROUP}
        used = {int(r[2]) for r in passwd} | {int(r[2]) for r in group}
        passwd = [r for r in passwd if r[0] not in names]
        shadow = [r for r in shadow if r[0] not in names]
        group = [r for r in group if r[0] not in names]
        gshadow = [r for r in gshadow if r[0] not in names]
        next_id, next_system_id = FIRST_ID, FIRST_SYSTEM_ID
        members = {}
        self.users = {}
        for u in users:
            if u.system:
                while next_system_id in used:
                    next_system_id -= 1
                uid = next_system_id
            else:
                while next_id in used:
                    next_id += 1
                uid = next_id
            used.add(uid)
            self.users[u.name] = uid
            home = "/home/" + u.name
            passwd.append([u.name, "x", str(uid), str(uid), u.name, home, "/bin/sh"])
            shadow.append([u.name, _unix_hash(u.password) if u.password else "*", "19700", "0",
                           "99999", "7", "", "", ""])
            group.append([u.name, "x", str(uid), ""])
            gshadow.append([u.name, "!", "", ""])
            for g in u.groups:
                members.setdefault(g, []).append(u.name)
            os.mkdir(self.path("home", u.name), 0o755)
            os.chown(self.path("home", u.name), uid, uid)
        while next_id in used:
            next_id += 1
        group.append([SUDO_GROUP, "x", str(next_id), ",".join(members.get(SUDO_GROUP, []))])
        gshadow.append([SUDO_GROUP, "!", "", ",".join(members.get(SUDO_GROUP, []))])
        for name, rows in (("passwd", passwd), ("shadow", shadow), ("group", group),
                           ("gshadow", gshadow)):
            _write_db(self.path("etc", name), rows, "/etc/" + name)

    def _extrausers(self):
        for d in ("upper", "work"):
            os.makedirs(self.path("varlib", d), 0o755)
        lines = []
        with open("/etc/nsswitch.conf") as f:
            for line in f:
                key = line.split(":", 1)[0].strip()
                if key in ("passwd", "group") and ":" in line:
                    rest = [w for w in line.split(":", 1)[1].split() if w not in ("files", "extrausers")]
                    line = "%s: %s\n" % (key, " ".join(["files", "extrausers"] + rest))
                lines.append(line)
        with open(self.path("etc", "nsswitch.conf"), "w") as f:
            f.write("".join(lines))

    def varlib(self, *parts):
        """A file the sandbox wrote under /var/lib (the overlay's upper layer)."""
        return self.path("varlib", "upper", *parts)

    def write_conf(self, text):
        path = self.path("etc", "security", "pam_cognito.conf")
        with open(path, "w") as f:
            f.write(text)
        os.chown(path, 0, 0)
        os.chmod(path, 0o600)

    def home(self, user):
        return self.path("home", user)

    # --- syslog: what the module (and sudo, su, PAM) log inside the sandbox

    def _syslog(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path("log.sock"))
        os.chmod(self.path("log.sock"), 0o666)
        self.sock.settimeout(0.1)
        self._reader = threading.Thread(target=self._read_syslog, daemon=True)
        self._reader.start()

    def _read_syslog(self):
        while not self._stop.is_set():
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            with self._log_lock:
                self._log.append(data.decode(errors="replace"))

    def syslog(self, settle=0.3):
        time.sleep(settle)  # a line sent just before the program exited may still be in flight
        with self._log_lock:
            return list(self._log)

    def module_log(self, settle=0.3):
        """The module's lines ("pam_cognito(service:auth): ..."), without the syslog header."""
        return [l[l.index("pam_cognito("):] for l in self.syslog(settle) if "pam_cognito(" in l]

    # --- running programs inside

    def command(self, argv, user=None):
        """argv run inside the sandbox (as user, a sandbox account name, when given)."""
        if user is not None:
            uid = self.users[user]
            argv = ["setpriv", "--reuid=%d" % uid, "--regid=%d" % uid, "--init-groups",
                    "--reset-env", "--"] + list(argv)
        return ["unshare", "--mount", "--propagation", "private", "--pid", "--fork",
                "--kill-child", "--mount-proc", "/bin/sh", ENTER, self.dir] + list(argv)

    def popen(self, argv, user=None, **kw):
        kw.setdefault("env", ENV)
        proc = subprocess.Popen(self.command(argv, user), **kw)
        self.procs.append(proc)
        return proc

    def run(self, argv, user=None, input=None, timeout=30, env=None):
        proc = self.popen(argv, user, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env or ENV)
        try:
            out, err = proc.communicate(input, timeout=timeout)
        finally:
            self.kill(proc)
        return subprocess.CompletedProcess(argv, proc.returncode, out, err)

    @staticmethod
    def kill(proc):
        """Ends a sandboxed program and so its namespace and every process in it."""
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()

    def close(self):
        for proc in self.procs:
            self.kill(proc)
        self._stop.set()
        if self.sock is not None:
            self.sock.close()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def sandboxes():
    """Sandbox(...) maker for a test; every sandbox made is closed at the end, pass or fail."""
    made = []

    def make(*args, **kwargs):
        box = Sandbox(*args, **kwargs)
        made.append(box)
        return box

    yield make
    for box in made:
        box.close()
