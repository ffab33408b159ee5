"""A real sshd (Debian's openssh-server) inside a Sandbox, and a real ssh client.

sshd runs in the foreground on a free loopback port with a config made of a
few test-only lines (port, host key) and an `Include` of one of the examples
in examples/sshd_config.d, unchanged. The ssh client runs without a terminal;
its prompts go to askpass.py (SSH_ASKPASS_REQUIRE=force).
"""
import json
import os
import socket
import subprocess
import threading
import time

from sandbox import ASKPASS, ENV, EXAMPLES

START_TIMEOUT = 10


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SshServer:
    def __init__(self, box, sshd_example):
        self.box = box
        self.dir = box.path("ssh")
        os.mkdir(self.dir, 0o700)
        self.host_key = os.path.join(self.dir, "host_key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f",
                        self.host_key], check=True)
        # A name in examples/sshd_config.d, or an absolute path (a test-only variant).
        self.example = os.path.join(EXAMPLES, "sshd_config.d", sshd_example)
        self.lines = []
        for _ in range(3):  # another program may take the port between the probe and sshd
            if self._start():
                return
        raise AssertionError("sshd did not start:\n" + "".join(self.lines))

    def _start(self):
        self.port = free_port()
        config = os.path.join(self.dir, "sshd_config")
        with open(config, "w") as f:
            f.write("# test-only lines; the Cognito settings come from the example\n"
                    "Port %d\nListenAddress 127.0.0.1\nHostKey %s\nPidFile none\n"
                    "LogLevel VERBOSE\nInclude %s\n" % (self.port, self.host_key, self.example))
        self.lines = []
        self.proc = self.box.popen(["/usr/sbin/sshd", "-D", "-e", "-f", config],
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        listening = threading.Event()
        threading.Thread(target=self._read, args=(self.proc, listening), daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self.proc.poll() is None:
            if listening.wait(0.05):
                return True
        self.box.kill(self.proc)
        return False

    def _read(self, proc, listening):
        for line in proc.stdout:
            self.lines.append(line)
            if line.startswith("Server listening on 127.0.0.1 port %d" % self.port):
                listening.set()

    def log(self, settle=0.3):
        time.sleep(settle)
        return "".join(self.lines)

    def ssh(self, user, command, method="keyboard-interactive", identity=None, timeout=60,
            **answers):
        """Runs ssh user@127.0.0.1 command; answers go to askpass.py (see there)."""
        n = len([f for f in os.listdir(self.dir) if f.startswith("askpass-")])
        cfg_path = os.path.join(self.dir, "askpass-%d.json" % n)
        transcript = os.path.join(self.dir, "askpass-%d.prompts" % n)
        with open(os.open(cfg_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            json.dump(dict(answers, transcript=transcript), f)
        wrapper = os.path.join(self.dir, "askpass")
        if not os.path.exists(wrapper):
            with open(wrapper, "w") as f:
                f.write('#!/bin/sh\nexec /usr/bin/python3 %s "$@"\n' % ASKPASS)
            os.chmod(wrapper, 0o700)
        env = dict(ENV, SSH_ASKPASS=wrapper, SSH_ASKPASS_REQUIRE="force", DISPLAY=":0",
                   PCG_ASKPASS=cfg_path)
        argv = ["ssh", "-F", "/dev/null", "-p", str(self.port),
                "-o", "BatchMode=no", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "GlobalKnownHostsFile=/dev/null",
                "-o", "LogLevel=INFO", "-o", "ConnectTimeout=10",
                "-o", "NumberOfPasswordPrompts=1", "-o", "IdentitiesOnly=yes"]
        if identity:
            argv += ["-i", identity, "-o", "PreferredAuthentications=publickey," + method]
        else:
            argv += ["-o", "PreferredAuthentications=" + method]
        argv += ["%s@127.0.0.1" % user, command]
        r = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=timeout, start_new_session=True)
        prompts = []
        if os.path.exists(transcript):
            with open(transcript) as f:
                prompts = [json.loads(line) for line in f]
        return SshResult(r.returncode, r.stdout, r.stderr, prompts)


class SshResult:
    def __init__(self, code, stdout, stderr, prompts):
        self.code = code
        self.stdout = stdout
        self.stderr = stderr
        self.prompts = prompts  # what askpass was asked, in order

    def __repr__(self):
        return "SshResult(code=%r, stdout=%r, stderr=%r, prompts=%r)" % (
            self.code, self.stdout, self.stderr, self.prompts)


def client_key(directory):
    """A fresh ed25519 key pair for the client: (private key path, public key line)."""
    path = os.path.join(directory, "client_key")
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", path],
                   check=True)
    with open(path + ".pub") as f:
        return path, f.read()
