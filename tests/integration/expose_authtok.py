"""A later auth module that saves PAM_AUTHTOK: pam_exec expose_authtok after pam_cognito."""
import os

PAM_EXEC = "/lib/x86_64-linux-gnu/security/pam_exec.so"


def save_authtok_after_the_module(pam, args=""):
    """Writes the service with pam_exec after the module; returns the file it saves PAM_AUTHTOK to."""
    saved = os.path.join(pam.dir, "authtok")
    script = os.path.join(pam.dir, "save-authtok")
    with open(script, "w") as f:
        f.write("#!/bin/sh\ncat > %s\n" % saved)
    os.chmod(script, 0o700)
    pam.write_service(args=args, after_lines="auth optional %s expose_authtok %s\n" % (PAM_EXEC, script))
    return saved


def read_authtok(path):
    with open(path, "rb") as f:
        return f.read().rstrip(b"\0").decode()
