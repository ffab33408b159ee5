#!/usr/bin/python3
"""Benchmark, not a test: `cognito-mfa sync` of USERS users in 3 groups
against the emulator, inside a Sandbox (tests/integration/sandbox.py: a
private mount namespace with the real libnss-extrausers after files, a
private /var/lib). Prints a Markdown table: ListUsersInGroup calls beside
the minimum (ceil(members/60) per group), wall time and peak RSS of the
first sync (everything new) and of a second one (nothing changed), and the
time of `getent passwd` and `id` for the last user, which libnss-extrausers
finds by scanning its files. CPU is the sync's own (user + system): the
rest of the wall time is the emulator answering.

Usage: bench/sync_bench.py [-b BUILDDIR] [-n USERS]   (as root)
"""
import argparse
import json
import math
import os
import re
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
POOL = "us-east-1_BenchPool1"
GROUPS = ("ops", "dev", "qa")
KEY = ("AKIDBENCHEXAMPLE", "bench-secret-0123456789abcdefghijklmnop")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-b", "--builddir", default=os.path.join(TOP, "build"))
    p.add_argument("-n", "--users", type=int, default=10000)
    args = p.parse_args()
    os.environ["TOP_BUILDDIR"] = os.path.abspath(args.builddir)
    sys.path.insert(0, os.path.join(TOP, "tests", "integration"))
    import subprocess
    from emulator_process import Emulator
    from sandbox import ENV, Sandbox

    cli = os.path.join(os.environ["TOP_BUILDDIR"], "cognito-mfa")
    ca = os.path.join(os.environ["TOP_BUILDDIR"], "tests", "results", "ca")
    subprocess.run(["bash", os.path.join(TOP, "tests", "make-test-ca.sh"), ca], check=True,
                   stdout=subprocess.DEVNULL)
    work = tempfile.mkdtemp(prefix="pcg-sync-bench-")
    state = {"pools": [{"id": POOL}],
             "groups": [{"pool_id": POOL, "group_name": g} for g in GROUPS],
             "credentials": [{"access_key_id": KEY[0], "secret_access_key": KEY[1]}]}
    with open(os.path.join(work, "state.json"), "w") as f:
        json.dump(state, f)
    emu = Emulator(ca, state=os.path.join(work, "state.json"), service_model=None)
    box = None
    try:
        names = ["u%05d" % i for i in range(args.users)]
        for i in range(0, len(names), 500):  # in parts: each user's SRP verifier takes a while
            emu.admin("POST", "/state", {"users": [
                {"pool_id": POOL, "username": n, "password": "Bench-passw0rd!",
                 "groups": [GROUPS[j % len(GROUPS)]]} for j, n in enumerate(names[i:i + 500], i)]})
        conf = ("user_pool_id = %s\nclient_id = benchclient0123456789\nendpoint = %s\n"
                "cafile = %s\nsync_groups = %s\n" % (POOL, emu.endpoint, os.path.join(ca, "ca.pem"),
                                                     ", ".join(GROUPS)))
        box = Sandbox([], {}, conf, sudoers=(), extrausers=True)
        env = dict(ENV, AWS_ACCESS_KEY_ID=KEY[0], AWS_SECRET_ACCESS_KEY=KEY[1])
        rows = []
        for run in ("first sync (all new)", "second sync (unchanged)"):
            before = emu.counters()["requests"].get("ListUsersInGroup", 0)
            r = box.run(["/usr/bin/time", "-f", "TIME %e RSS %M CPU %U+%S", cli, "sync"], env=env, timeout=600)
            m = re.search(r"TIME ([0-9.]+) RSS ([0-9]+) CPU ([0-9.]+)\+([0-9.]+)", r.stderr)
            assert r.returncode == 0 and m, r.stderr[-2000:]
            calls = emu.counters()["requests"]["ListUsersInGroup"] - before
            rows.append((run, calls, float(m.group(1)), float(m.group(3)) + float(m.group(4)),
                         int(m.group(2)) / 1024))
        members = [len(names[j::len(GROUPS)]) for j in range(len(GROUPS))]
        minimum = sum(max(1, math.ceil(m / 60)) for m in members)
        last = names[-1]
        lookups = []
        for argv in (["getent", "passwd", last], ["id", last]):
            script = "t=$(date +%%s%%N); %s >/dev/null; echo $(( ($(date +%%s%%N) - t) / 1000 ))" % (
                " ".join(argv))
            r = box.run(["sh", "-c", script])
            lookups.append((" ".join(argv), int(r.stdout.strip()) / 1000))
    finally:
        if box is not None:
            box.close()
        emu.stop(check_conformance=False)
    print("%d users in %d groups (%s members)\n" % (args.users, len(GROUPS),
                                                   "/".join(map(str, members))))
    print("| run | ListUsersInGroup calls (minimum %d) | wall s | CPU s | peak RSS MiB |" % minimum)
    print("|---|---|---|---|---|")
    for run, calls, wall, cpu, rss in rows:
        print("| %s | %d | %.2f | %.2f | %.1f |" % (run, calls, wall, cpu, rss))
    print("\n| lookup of the last user | ms |\n|---|---|")
    for what, ms in lookups:
        print("| `%s` | %.1f |" % (what, ms))


if __name__ == "__main__":
    main()
