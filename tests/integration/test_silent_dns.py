"""A resolver that never answers cannot hold a login past its network budget.

libcurl resolves names in a thread of its own; ending a transfer (the
timeout, or the end of the early work when the conversation fails) joins
that thread, which waits for getaddrinfo: with resolv.conf's retries, 30 s
and more. The module sets CURLOPT_QUICK_EXIT, so libcurl leaves the
resolver thread behind instead, and every login ends within timeout + 1.5 s
(plus the test's slack) whatever DNS does. The driver runs in a private
network namespace whose only nameserver (silent_dns.py) reads every query
and answers none; the endpoint's name is in no hosts file.
"""
import os

import pytest

from conftest import PASSWORD, conf_text
from pam_session import TIME_SLACK

HERE = os.path.dirname(os.path.abspath(__file__))
ENDPOINT = "https://cognito-idp.us-east-1.silent-dns.test/"
REFUSED = "https://127.0.0.1:1/"  # the same login with no name to resolve: refused at once
TIMEOUT = 2


def in_silent_dns(pam):
    # The namespace's own tools (unshare, ip, the server) run without the driver's preloads
    # (pam_wrapper, libasan); silent_dns_netns.sh gives them back to the driver alone.
    preload = pam.env().get("LD_PRELOAD", "")
    return ["env", "-u", "LD_PRELOAD", "PCG_DRIVER_PRELOAD=" + preload, "unshare", "--net",
            "--mount", "--propagation", "private", "--pid", "--fork", "--kill-child",
            "--mount-proc", "/bin/sh", os.path.join(HERE, "silent_dns_netns.sh"), pam.dir]


def run(pam, ca_dir, flow, answer, endpoint):
    pam.write_conf(conf_text(None, ca_dir, endpoint=endpoint, timeout=TIMEOUT,
                             connect_timeout=1, retries=0, auth_flow=flow))
    pam.write_service()
    return pam.run("alice", answer, prefix=in_silent_dns(pam))


# Each login is timed against the same login with an endpoint that refuses at once, in the
# same namespace: what a wrapper (valgrind) adds to starting and ending the driver cancels out.
@pytest.mark.serial
@pytest.mark.parametrize("flow", ["password", None], ids=["password", "srp"])
def test_a_typed_password_ends_within_the_budget(pam, ca_dir, flow):
    answer = lambda kind, text: PASSWORD  # noqa: E731
    base = run(pam, ca_dir, flow, answer, REFUSED)
    assert base.code == "PAM_AUTHINFO_UNAVAIL", (base.transcript, base.log)
    r = run(pam, ca_dir, flow, answer, ENDPOINT)
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert r.elapsed - base.elapsed < TIMEOUT + 1.5 + TIME_SLACK, (r.elapsed, base.elapsed)
    assert any("outcome=unavailable" in l for l in r.log), r.log


@pytest.mark.serial
@pytest.mark.parametrize("flow", ["password", None], ids=["password", "srp"])
def test_a_failed_conversation_ends_at_once(pam, ca_dir, flow):
    # sudo -n, or Ctrl-C at the prompt: the early work is abandoned, never waited for.
    answer = lambda kind, text: None  # noqa: E731
    base = run(pam, ca_dir, flow, answer, REFUSED)
    assert base.code == "PAM_CONV_ERR", (base.transcript, base.log)
    r = run(pam, ca_dir, flow, answer, ENDPOINT)
    assert r.code == "PAM_CONV_ERR", (r.transcript, r.log)
    assert r.elapsed - base.elapsed < 1.5 + TIME_SLACK, (r.elapsed, base.elapsed)
