#!/usr/bin/env python3
"""Answers a login's prompts for scripts/demo.sh --auto, as a person would.

Runs COMMAND in a pseudo-terminal, shows everything it prints, and types the
password at the password prompt and, at the code prompt, a code that
oathtool computes from the secret the enrolment display just showed (the
otpauth:// URI), or else from the one kept in --secret-file, where a secret
shown is kept for the next login. Exits with COMMAND's status.

Usage: demo_answer.py --password PW --secret-file FILE -- COMMAND...
"""
import argparse
import os
import pty
import re
import select
import subprocess
import sys
import termios
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--password", required=True)
    ap.add_argument("--secret-file", required=True)
    ap.add_argument("command", nargs="+")
    args = ap.parse_args()

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(args.command[0], args.command)
    seen, secret = "", None
    if os.path.exists(args.secret_file):
        secret = open(args.secret_file).read().strip()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if not ready:
            continue
        try:
            data = os.read(fd, 4096).decode("utf-8", "replace")
        except OSError:  # the command exited
            break
        if not data:
            break
        sys.stdout.write(data)
        sys.stdout.flush()
        seen += data
        found = re.findall(r"otpauth://totp/\S*?[?&]secret=([A-Z2-7]+)", seen)
        if found and found[-1] != secret:
            secret = found[-1]
            with open(os.open(args.secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                      "w") as f:
                f.write(secret + "\n")
        tail = seen.rstrip()
        if tail.endswith("Password:"):
            answer = args.password
            shown = "(the password)"
        elif tail.endswith("code:"):
            answer = subprocess.run(["oathtool", "--totp", "-b", secret], check=True,
                                    capture_output=True, text=True).stdout.strip()
            shown = answer + "   (typed by the demo: oathtool --totp with the secret shown at enrolment)"
        else:
            continue
        seen = ""
        time.sleep(0.5)
        if not termios.tcgetattr(fd)[3] & termios.ECHO:  # typing hidden: say what was typed
            sys.stdout.write(shown + "\n")
        os.write(fd, (answer + "\n").encode())
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
