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
TIMEOUT = 2
BOUND = TIMEOUT + 1.5 + TIME_SLACK


def in_silent_dns(pam):
    # The namespace's own tools (unshare, ip, the server) run without the driver's preloads
    # (pam_wrapper, libasan); silent_dns_netns.sh gives them back to the driver alone.
    preload = pam.env().get("LD_PRELOAD", "")
    return ["env", "-u", "LD_PRELOAD", "PCG_DRIVER_PRELOAD=" + preload, "unshare", "--net", "--mount", "--propagation", "private", "--pid", "--fork",
            "--kill-child", "--mount-proc", "/bin/sh", os.path.join(HERE, "silent_dns_netns.sh"), pam.dir]


@pytest.fixture
def silent(pam, ca_dir):
    def configure(flow):
        pam.write_conf(conf_text(None, ca_dir, endpoint=ENDPOINT, timeout=TIMEOUT,
                                 connect_timeout=1, retries=0, auth_flow=flow))
        pam.write_service()
    return configure


@pytest.mark.parametrize("flow", ["password", None], ids=["password", "srp"])
def test_a_typed_password_ends_within_the_budget(pam, silent, flow):
    silent(flow)
    r = pam.run("alice", lambda kind, text: PASSWORD, prefix=in_silent_dns(pam))
    assert r.code == "PAM_AUTHINFO_UNAVAIL", (r.transcript, r.log)
    assert r.elapsed < BOUND, r.elapsed
    assert any("outcome=unavailable" in l for l in r.log), r.log


@pytest.mark.parametrize("flow", ["password", None], ids=["password", "srp"])
def test_a_failed_conversation_ends_at_once(pam, silent, flow):
    # sudo -n, or Ctrl-C at the prompt: the early work is abandoned, never waited for.
    silent(flow)
    r = pam.run("alice", lambda kind, text: None, prefix=in_silent_dns(pam))
    assert r.code == "PAM_CONV_ERR", (r.transcript, r.log)
    assert r.elapsed < 1.5 + TIME_SLACK, r.elapsed
