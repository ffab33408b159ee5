"""Runs the built cognito-mfa in a pseudo-terminal (its controlling terminal), answering
its prompts as a person would."""
import os
import pty
import select
import signal
import termios
import time

from pam_session import TOP_BUILDDIR

CLI = os.path.join(TOP_BUILDDIR, "cognito-mfa")
PROMPTS = ("Password: ", "Verification code: ")
INTERRUPT = object()


class CliResult:
    def __init__(self, exit_code, output, answered, echo):
        self.exit_code = exit_code
        self.output = output      # everything the terminal showed, "\r\n" as "\n"
        self.answered = answered  # the prompts answered, in order
        self.echo = echo          # whether the terminal echoes typing once the program ended

    def lines(self, tag):
        return [l[len(tag) + 2:] for l in self.output.split("\n") if l.startswith(tag + ": ")]


def run_cli(args, answer=None, timeout=30):
    """answer(prompt, output_so_far) -> str (sent with Enter), None (end of input) or
    INTERRUPT (Ctrl-C)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execv(CLI, [CLI] + list(args))
        finally:
            os._exit(127)
    output, answered, pending = b"", [], b""
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("cognito-mfa did not finish: " + output.decode(errors="replace"))
            ready, _, _ = select.select([fd], [], [], min(left, 0.3))
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # EIO: the program has closed the terminal
                    chunk = b""
                if not chunk:
                    break
                output += chunk
                pending += chunk
                continue
            text = pending.decode(errors="replace")
            prompt = next((p for p in PROMPTS if text.endswith(p)), None)
            if prompt is None:
                continue
            pending = b""
            answered.append(prompt)
            reply = answer(prompt, output.decode(errors="replace").replace("\r\n", "\n")) \
                if answer else None
            if reply is INTERRUPT:
                os.write(fd, b"\x03")
            else:
                os.write(fd, b"\x04" if reply is None else reply.encode() + b"\n")
        _, status = os.waitpid(pid, 0)
        echo = bool(termios.tcgetattr(fd)[3] & termios.ECHO)
    finally:
        if status is None:  # not reaped yet: a timeout or an error here
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    text = output.decode(errors="replace").replace("\r\n", "\n")
    return CliResult(os.waitstatus_to_exitcode(status), text, answered, echo)
