"""The hardening runs rely on the harness failing a test whose pam_driver
crashed or whose sanitizer or valgrind reported an error, whatever the test
itself asserts (pam_session.DriverFailure)."""
import pytest

from conftest import PASSWORD, Answers, conf_text
from pam_session import DriverFailure, _driver_errors


def test_a_driver_killed_by_a_signal_fails_the_test(pam, ca_dir):
    pam.write_conf(conf_text(None, ca_dir))
    pam.write_service()
    # The prefix runs before the driver: a shell that kills itself (SIGKILL,
    # which no sanitizer's handler turns into an exit status).
    with pytest.raises(DriverFailure, match="signal 9"):
        pam.run("alice", Answers(PASSWORD), prefix=["sh", "-c", "kill -KILL $$", "sh"])


@pytest.mark.parametrize("returncode,stderr", [
    (86, "==1==ERROR: AddressSanitizer: heap-use-after-free on address 0x1"),
    (1, "==1==ERROR: LeakSanitizer: detected memory leaks"),
    (0, "login.c:12:5: runtime error: signed integer overflow"),
    (99, "==7== ERROR SUMMARY: 2 errors from 2 contexts (suppressed: 0 from 0)"),
])
def test_sanitizer_and_valgrind_reports_are_failures(returncode, stderr):
    assert _driver_errors(returncode, stderr)


def test_a_clean_valgrind_run_is_not_a_failure():
    clean = "==7== ERROR SUMMARY: 0 errors from 0 contexts (suppressed: 3 from 3)"
    assert _driver_errors(0, clean) is None
