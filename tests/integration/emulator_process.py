"""Starts and stops the Cognito emulator for a test, and talks to its admin API."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import botocore_model

HERE = os.path.dirname(os.path.abspath(__file__))
EMULATOR = os.path.join(HERE, "..", "emulator", "cognito_emulator.py")

# What every emulator of this process checked against the service model
# (botocore_model.locate()), gathered when it stops: conftest.py fails the
# test during which a violation was found.
CONFORMANCE = {"checked": {"request": 0, "response": 0}, "violations": []}


class Emulator:
    def __init__(self, ca_dir, cert="server", state=None, idle_timeout=None, service_model="default"):
        self.ca_dir = ca_dir
        if service_model == "default":
            service_model = botocore_model.locate()["model"]
        self.service_model = service_model
        self.workdir = tempfile.mkdtemp(prefix="pcg-emu-")
        port_file = os.path.join(self.workdir, "ports.json")
        self.log_path = os.path.join(self.workdir, "emulator.log")
        cmd = [sys.executable, EMULATOR,
               "--cert", os.path.join(ca_dir, cert + ".pem"),
               "--key", os.path.join(ca_dir, cert + ".key"),
               "--port-file", port_file, "--log", self.log_path]
        if state:
            cmd += ["--state", state]
        if idle_timeout is not None:
            cmd += ["--idle-timeout", str(idle_timeout)]
        if service_model:
            cmd += ["--service-model", service_model]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=open(self.log_path + ".err", "w"))
        deadline = time.monotonic() + 10
        while not os.path.exists(port_file):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("emulator did not start: " + open(self.log_path + ".err").read())
            time.sleep(0.02)
        ports = json.load(open(port_file))
        self.port = ports["port"]
        self.admin_port = ports["admin_port"]
        self.endpoint = "https://localhost:%d/" % self.port

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.admin_port, path),
                                     data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raise RuntimeError("admin %s %s: %s %s" % (method, path, e.code, e.read().decode()))
        return json.loads(raw) if raw else None

    def add_pool(self, **pool):
        return self.admin("POST", "/pools", pool)

    def add_client(self, **client):
        return self.admin("POST", "/clients", client)

    def add_user(self, **user):
        return self.admin("POST", "/users", user)

    def user(self, pool_id, username):
        return self.admin("GET", "/users/%s/%s" % (pool_id, username))

    def counters(self):
        return self.admin("GET", "/counters")

    def fault(self, **fault):
        return self.admin("POST", "/faults", fault)

    def requests_log(self):
        return self.admin("GET", "/log")

    def conformance(self):
        """{"model", "checked": {"request": n, "response": n}, "violations": [...]}"""
        return self.admin("GET", "/conformance")

    def _gather_conformance(self):
        if not self.service_model or self.proc.poll() is not None:
            return
        try:
            found = self.conformance()
        except (OSError, RuntimeError) as e:
            found = {"checked": {}, "violations": [{"problems": ["GET /conformance failed: %s" % e]}]}
        for direction, n in found["checked"].items():
            CONFORMANCE["checked"][direction] = CONFORMANCE["checked"].get(direction, 0) + n
        CONFORMANCE["violations"] += found["violations"]

    def stop(self, check_conformance=True):
        """check_conformance=False: what it found is not added to CONFORMANCE
        (test_service_model.py, which provokes violations on purpose)."""
        if check_conformance:
            self._gather_conformance()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
