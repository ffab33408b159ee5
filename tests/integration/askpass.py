"""SSH_ASKPASS program for the sshd tests: answers ssh's prompts as a person would.

ssh runs it with the prompt text as its only argument and reads the answer
from its standard output. For keyboard-interactive, sshd puts the PAM info
and error messages that came before a prompt into that prompt's text, so the
enrolment text (secret, otpauth URI) arrives here with the code prompt.

PCG_ASKPASS names a JSON file (written by the test, mode 0600):
  password      answer to a password prompt
  code_secret   base32 TOTP secret for code prompts, unless the prompt text
                carries an otpauth URI (enrolment): then the secret in it
  code          "right" (oathtool, now), "next" (next 30 s step) or "wrong"
  append_code   "right"/"next"/"wrong": the password prompt gets the password
                followed by such a code (sshd password mode, single_prompt)
  code_from     {"url": ..., "field": ...}: a code prompt is answered with that
                field of the JSON at url (the emulator's GET /codes: a code it
                "sent" by email or text message)
  transcript    file to which every prompt is appended as a JSON line
"""
import json
import os
import re
import subprocess
import sys
import time
import urllib.request


def code(secret, kind):
    if kind == "wrong":
        good = {code(secret, "right"), code(secret, "next"), totp(secret, -30)}
        return next(c for c in ("000000", "111111", "222222", "333333") if c not in good)
    return totp(secret, 30 if kind == "next" else 0)


def totp(secret, shift):
    return subprocess.run(["oathtool", "--totp", "-b", "--now", "@%d" % (int(time.time()) + shift),
                           secret], check=True, capture_output=True, text=True).stdout.strip()


def main():
    prompt = sys.argv[1] if len(sys.argv) > 1 else ""
    with open(os.environ["PCG_ASKPASS"]) as f:
        cfg = json.load(f)
    with open(cfg["transcript"], "a") as f:
        f.write(json.dumps(prompt) + "\n")
    last = prompt.rstrip().splitlines()[-1].lower() if prompt.strip() else ""
    if "password" in last:
        answer = cfg["password"]
        if cfg.get("append_code"):
            answer += code(cfg["code_secret"], cfg["append_code"])
    elif "code" in last and cfg.get("code_from"):
        with urllib.request.urlopen(cfg["code_from"]["url"], timeout=10) as r:
            answer = json.load(r)[cfg["code_from"]["field"]]
    elif "code" in last:
        uri = re.search(r"otpauth://totp/\S*[?&]secret=([A-Z2-7]+)", prompt)
        answer = code(uri.group(1) if uri else cfg["code_secret"], cfg.get("code", "right"))
    else:
        return 1
    sys.stdout.write(answer + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
