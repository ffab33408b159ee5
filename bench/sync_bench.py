#!/usr/bin/env python3
"""Benchmark, not a test: `cognito-mfa sync` of 10,000 users in 3 groups
against the emulator, inside a sandbox (a private mount namespace with
libnss-extrausers, tests/integration/sandbox.py). Prints one table: the
ListUsersInGroup calls made and their minimum (ceil(members/60) per group),
the wall time, CPU time and peak RSS of the first sync and of an unchanged
second one, and the time of `getent passwd` and `id` for the last user.
Run by bench/sync_bench.sh."""
import argparse
import json
import math
import os
import re
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "integration"))

from cli_session import CLI  # noqa: E402
from emulator_process import Emulator  # noqa: E402
from sandbox import ENV, Sandbox  # noqa: E402

POOL = "us-east-1_BenchPool1"
KEY = ("AKIDBENCHEXAMPLE0", "bench-sync-secret-0123456789abcdefghij")


def state(users):
    groups = {"ops": users, "ops-admin": users // 10, "dev": users // 4}
    members = []
    for i in range(users):
        mine = [g for g, n in groups.items() if i < n]
        members.append({"pool_id": POOL, "username": "u%05d" % i, "password": "Bench-Passw0rd!",
                        "groups": mine})
    return groups, {"pools": [{"id": POOL}],
                    "groups": [{"pool_id": POOL, "group_name": g} for g in groups],
                    "users": members,
                    "credentials": [{"access_key_id": KEY[0], "secret_access_key": KEY[1]}]}


def measured(box, launcher, argv, env=ENV):
    r = box.run([launcher] + argv, env=env, timeout=600)
    m = re.search(r"MEASURED cpu_ms=([\d.]+) wall_ms=([\d.]+) maxrss_kib=(\d+)", r.stderr)
    if r.returncode != 0 or m is None:
        sys.exit("sync_bench: %s failed: %s%s" % (argv, r.stdout[-2000:], r.stderr[-2000:]))
    return float(m.group(1)), float(m.group(2)), int(m.group(3)) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--launcher", required=True)
    ap.add_argument("--ca", required=True)
    ap.add_argument("--users", type=int, default=10000)
    args = ap.parse_args()
    groups, doc = state(args.users)
    users = doc.pop("users")
    path = os.path.join(tempfile.mkdtemp(prefix="pcg-sync-bench-"), "state.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    emu = Emulator(args.ca, state=path, service_model=None)
    # Each user's password verifier takes the emulator a moment: load them in parts.
    for i in range(0, len(users), 250):
        emu.admin("POST", "/state", {"users": users[i:i + 250]})
    conf = "".join("%s = %s\n" % kv for kv in [
        ("user_pool_id", POOL), ("client_id", "benchclient0123456789abcd"), ("endpoint", emu.endpoint),
        ("cafile", os.path.join(args.ca, "ca.pem")), ("sync_groups", ", ".join(groups)),
        ("sync_max_removal_percent", 100)])
    box = Sandbox([], {}, conf, extrausers=True)
    try:
        env = dict(ENV, AWS_ACCESS_KEY_ID=KEY[0], AWS_SECRET_ACCESS_KEY=KEY[1],
                   AWS_EC2_METADATA_DISABLED="true")
        first = measured(box, args.launcher, [CLI, "sync"], env)
        calls = emu.counters()["requests"].get("ListUsersInGroup", 0)
        again = measured(box, args.launcher, [CLI, "sync"], env)
        calls_again = emu.counters()["requests"].get("ListUsersInGroup", 0) - calls
        last = "u%05d" % (args.users - 1)
        getent = measured(box, args.launcher, ["getent", "passwd", last])
        ident = measured(box, args.launcher, ["id", last])
    finally:
        box.close()
        emu.stop()
    minimum = sum(math.ceil(n / 60) for n in groups.values())
    print("users %d in %s" % (args.users, ", ".join("%s (%d)" % g for g in groups.items())))
    print("| step | calls | wall | CPU | peak RSS |")
    print("|---|---|---|---|---|")
    print("| first sync | %d (minimum %d) | %.2f s | %.2f s | %.1f MiB |"
          % (calls, minimum, first[1] / 1e3, first[0] / 1e3, first[2]))
    print("| unchanged sync | %d | %.2f s | %.2f s | %.1f MiB |"
          % (calls_again, again[1] / 1e3, again[0] / 1e3, again[2]))
    print("| getent passwd %s | - | %.0f ms | %.0f ms | %.1f MiB |" % (last, getent[1], getent[0], getent[2]))
    print("| id %s | - | %.0f ms | %.0f ms | %.1f MiB |" % (last, ident[1], ident[0], ident[2]))


if __name__ == "__main__":
    main()
