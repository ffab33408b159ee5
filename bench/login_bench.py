#!/usr/bin/env python3
"""The body of bench/login_bench.sh (run it through that script, which sets
up the private trust store this expects). Prints two tables:

1. Per login, password + TOTP, one login per process, against the emulator
   on loopback: CPU (user + system), wall and peak RSS of the process,
   medians of RUNS interleaved runs (each run signs in a fresh user, as a
   TOTP code counts once per user).
2. The latency of each step of a module login with Cognito RTT ms away
   (bench/delay_proxy.py), the person taking TYPE_S seconds to type each
   answer.
"""
import argparse
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests", "integration"))

from emulator_process import Emulator  # noqa: E402
import pam_session  # noqa: E402

POOL, CLIENT, REGION = "us-east-1_BenchPool1", "benchclient0123456789abcd", "us-east-1"
PASSWORD = "Corr3ct-Horse!"
KEY_HEX = "3132333435363738393031323334353637383930"
BUNDLE = "/etc/ssl/certs/ca-certificates.crt"


def totp(hexkey):
    import hmac
    import struct
    mac = hmac.new(bytes.fromhex(hexkey), struct.pack(">Q", int(time.time()) // 30),
                   "sha1").digest()
    off = mac[-1] & 0x0F
    return "%06d" % ((int.from_bytes(mac[off:off + 4], "big") & 0x7FFFFFFF) % 1000000)


class Bench:
    """Runs the module as deployed: pamtester, the real libpam reading
    /etc/pam.d and the real NSS reading /etc/passwd, both bind-mounted in the
    private mount namespace login_bench.sh made (no pam_wrapper or nss_wrapper
    preloaded: they cost about 3 ms per process that no deployment pays)."""

    def __init__(self, args):
        self.args = args
        self.ca_dir = args.ca_dir
        self.emu = None
        self.dir = tempfile.mkdtemp(prefix="pcg-bench-")
        self.service_dir = os.path.join(self.dir, "pam.d")
        os.mkdir(self.service_dir)
        # libpam always reads "other" too; Debian's pulls in pam_unix, pam_systemd
        # and their libraries, which a row about this module should not count.
        with open(os.path.join(self.service_dir, "other"), "w") as f:
            f.write("auth required pam_deny.so\naccount required pam_deny.so\n")
        self.passwd = os.path.join(self.dir, "passwd")
        shutil.copyfile("/etc/passwd", self.passwd)
        self.next_user = 0
        self.users = []

    def start_emulator(self, n_users):
        self.emu = Emulator(self.ca_dir)
        self.emu.add_pool(id=POOL, mfa="OPTIONAL")
        self.emu.add_client(pool_id=POOL, client_id=CLIENT, client_secret=None,
                            flows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH"])
        secret = base64.b32encode(bytes.fromhex(KEY_HEX)).decode()
        with open(self.passwd, "a") as f:
            for i in range(n_users):
                name = "pcgbench%04d" % i
                f.write("%s:x:%d:%d::/nonexistent:/usr/sbin/nologin\n" % (name, 40000 + i, 40000 + i))
                self.emu.add_user(pool_id=POOL, username=name, password=PASSWORD,
                                  totp_secret=secret)
                self.users.append(name)
        for src, dst in ((self.service_dir, "/etc/pam.d"), (self.passwd, "/etc/passwd")):
            subprocess.run(["mount", "--bind", src, dst], check=True)

    def user(self):
        name = self.users[self.next_user]
        self.next_user += 1
        return name

    def service(self, name, endpoint, **keys):
        conf = os.path.join(self.dir, name + ".conf")
        lines = {"user_pool_id": POOL, "client_id": CLIENT, "endpoint": endpoint}
        lines.update(keys)
        with open(conf, "w") as f:
            f.write("".join("%s = %s\n" % kv for kv in lines.items()))
        os.chmod(conf, 0o600)
        name = "pcg-bench-" + name
        with open(os.path.join(self.service_dir, name), "w") as f:
            f.write("auth required %s conf=%s\n" % (pam_session.PAM_MODULE, conf))
        return name

    def permit_service(self):
        name = "pcg-bench-permit"
        with open(os.path.join(self.service_dir, name), "w") as f:
            f.write("auth required pam_permit.so\n")
        return name

    # --- one login per process: CPU, wall, peak RSS ---

    def measure(self, cmd, env=None, second=KEY_HEX):
        """(CPU ms, wall ms, peak RSS MiB) of one run of cmd, by bench/run_measured.c;
        stdin: the password, then second (the hex TOTP key, or a code)."""
        proc = subprocess.run([self.args.launcher] + cmd, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, errors="replace",
                              input="%s\n%s\n" % (PASSWORD, second))
        if proc.returncode != 0:
            raise RuntimeError("%s failed (%d): %s" % (cmd[0], proc.returncode, proc.stderr[-2000:]))
        last = proc.stderr.strip().splitlines()[-1].split()
        assert last[0] == "MEASURED", proc.stderr
        f = {k: float(v) for k, v in (kv.split("=") for kv in last[1:])}
        return f["cpu_ms"], f["wall_ms"], f["maxrss_kib"] / 1024

    def module_cmd(self, service):
        def run():
            return self.measure(["pamtester", service, self.user(), "authenticate"],
                                second=totp(KEY_HEX))
        return run

    def resources(self):
        a = self.args
        ep = self.emu.endpoint
        env = dict(os.environ, NODE_EXTRA_CA_CERTS=BUNDLE)
        rows = [
            ("the module, srp (default), system trust store",
             self.module_cmd(self.service("b-srp", ep))),
            ("the module, auth_flow = password, system trust store",
             self.module_cmd(self.service("b-pw", ep, auth_flow="password"))),
            ("the module, auth_flow = password, cafile = the system bundle (the old default)",
             self.module_cmd(self.service("b-bundle", ep, auth_flow="password", cafile=BUNDLE))),
            ("the floor: libcurl, one TLS connection, two requests",
             lambda: self.measure([a.floor, ep, CLIENT, self.user()])),
            ("AWS SDK v3 (Node %s), the same two requests" % node_version(),
             lambda: self.measure(["node", os.path.join(HERE, "sdk_login.js"), ep, REGION,
                                   CLIENT, self.user()], env=env)),
            ("for reference: pamtester with pam_permit alone (what PAM itself costs)",
             self.module_cmd(self.permit_service())),
        ]
        for _, run in rows:  # warm-up: page cache, the emulator's first connections
            run()
        samples = {name: [] for name, _ in rows}
        for _ in range(a.runs):
            for name, run in rows:
                samples[name].append(run())
        print("Per login, password + TOTP, one login per process, emulator on loopback; "
              "medians of %d interleaved runs" % a.runs)
        print()
        print("| per login | CPU ms | wall ms | peak RSS MiB |")
        print("|---|---|---|---|")
        med = {}
        for name, _ in rows:
            cpu, wall, rss = (statistics.median(s[i] for s in samples[name]) for i in range(3))
            med[name] = (cpu, rss)
            print("| %s | %.1f | %.1f | %.2f |" % (name, cpu, wall, rss))
        names = [n for n, _ in rows]
        floor, sdk = med[names[3]], med[names[4]]
        print()
        for n in names[:3]:
            print("%s: CPU %.2fx the floor, %.1fx below the SDK; peak RSS %.3f of the SDK's"
                  % (n, med[n][0] / floor[0], sdk[0] / med[n][0], med[n][1] / sdk[1]))

    # --- latency at an injected round-trip time ---

    def latency_run(self, service, user):
        proc = subprocess.Popen([pam_session.DRIVER, service, user], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, bufsize=1)
        start = time.monotonic()
        marks = []
        for line in proc.stdout:
            now = time.monotonic()
            kind, _, text = line.rstrip("\n").partition(" ")
            if kind.startswith("PROMPT"):
                marks.append(now)
                time.sleep(self.args.type_s)  # the person types
                answer = PASSWORD if "assword" in text else totp(KEY_HEX)
                marks.append(time.monotonic())
                proc.stdin.write(answer + "\n")
                proc.stdin.flush()
            elif kind == "RESULT":
                marks.append(now)
                if not text.endswith("PAM_SUCCESS"):
                    raise RuntimeError("latency login failed: " + text + proc.stderr.read())
        proc.wait()
        # start->password prompt, password answer->code prompt, code answer->verdict
        return [(marks[0] - start) * 1000, (marks[2] - marks[1]) * 1000,
                (marks[4] - marks[3]) * 1000]

    def latency(self):
        a = self.args
        proxy = subprocess.Popen([sys.executable, os.path.join(HERE, "delay_proxy.py"), "0",
                                  str(self.emu.port), str(a.rtt)], stdout=subprocess.PIPE,
                                 text=True)
        try:
            port = int(proxy.stdout.readline())
            ep = "https://localhost:%d/" % port
            rows = [("srp (default)", self.service("l-srp", ep)),
                    ("auth_flow = password", self.service("l-pw", ep, auth_flow="password"))]
            samples = {name: [] for name, _ in rows}
            for _ in range(a.latency_runs):
                for name, service in rows:
                    samples[name].append(self.latency_run(service, self.user()))
            walls = {"floor": [], "sdk": []}
            env = dict(os.environ, NODE_EXTRA_CA_CERTS=BUNDLE)
            for _ in range(a.latency_runs):
                walls["floor"].append(self.measure([a.floor, ep, CLIENT, self.user()])[1])
                walls["sdk"].append(self.measure(["node", os.path.join(HERE, "sdk_login.js"), ep,
                                                  REGION, CLIENT, self.user()], env=env)[1])
        finally:
            proxy.kill()
            proxy.wait()
        print()
        print("Latency of each step with Cognito %d ms away (round trip injected on loopback), "
              "%.1f s of typing per answer; medians of %d runs, ms"
              % (a.rtt, a.type_s, a.latency_runs))
        print()
        print("| module login | start to password prompt | password answer to code prompt "
              "| code answer to verdict |")
        print("|---|---|---|---|")
        for name, _ in rows:
            cols = [statistics.median(s[i] for s in samples[name]) for i in range(3)]
            print("| %s | %.0f | %.0f | %.0f |" % ((name,) + tuple(cols)))
        print()
        print("Whole login without typing at the same RTT: the floor %.0f ms, the SDK %.0f ms"
              % (statistics.median(walls["floor"]), statistics.median(walls["sdk"])))

    def close(self):
        if self.emu:
            self.emu.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def node_version():
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--floor", required=True)
    p.add_argument("--ca-dir", required=True)
    p.add_argument("--launcher", required=True)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--rtt", type=float, default=100)
    p.add_argument("--type-s", type=float, default=1.5)
    p.add_argument("--latency-runs", type=int, default=5)
    p.add_argument("--skip-resources", action="store_true")
    p.add_argument("--skip-latency", action="store_true")
    args = p.parse_args()
    bench = Bench(args)
    try:
        bench.start_emulator(6 * (args.runs + 1) + 4 * args.latency_runs + 4)
        if not args.skip_resources:
            bench.resources()
        if not args.skip_latency:
            bench.latency()
    finally:
        bench.close()


if __name__ == "__main__":
    main()
