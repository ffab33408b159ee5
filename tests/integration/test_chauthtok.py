"""passwd through the module: pam_chauthtok changes the Cognito password, and only for
the accounts that are the module's at sign-in (min_uid, local_group)."""
import os

import pytest

from conftest import PASSWORD, POOL, TOTP_SECRET, conf_text, requests_close_together, totp
from pam_session import PAM_MODULE
from scripted import ByPrompt

NEW = "Brand-N3w-Passw0rd!"
SET_ITEMS = "/usr/lib/x86_64-linux-gnu/pam_wrapper/pam_set_items.so"


def configure(pam, emulator, ca_dir, args="", before="", **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    password_line = "%spassword required %s conf=%s %s\n" % (before, PAM_MODULE, pam.conf_path, args)
    pam.write_service(after_lines=password_line)


def change(pam, user="alice", old=PASSWORD, new=(NEW,), retype=None, code_offset=0):
    answers = ByPrompt({
        "Current password: ": [old],
        "Verification code: ": [lambda: totp(TOTP_SECRET, code_offset)],
        "New password: ": list(new),
        "Retype new password: ": list(retype if retype is not None else new),
    })
    return pam.run(user, answers, ops=("chauthtok",))


def sign_in(pam, password, code_offset):
    return pam.run("alice", ByPrompt({"Password: ": [password],
                                      "Verification code: ": [lambda: totp(TOTP_SECRET, code_offset)]}))


def change_requests(emulator):
    return [e for e in emulator.requests_log() if e["operation"] == "ChangePassword"]


def test_password_change_signs_in_with_mfa_then_sets_the_new_password(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam)
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)
    assert r.prompts() == ["Current password: ", "Verification code: ", "New password: ",
                           "Retype new password: "]
    assert all(k == "PROMPT_ECHO_OFF" for k, t in r.transcript if k.startswith("PROMPT"))
    assert any("outcome=success" in l and "reason=password_changed" in l for l in r.log), r.log
    assert NEW not in "\n".join(r.log) and PASSWORD not in "\n".join(r.log)
    # One connection for the sign-in and the change.
    if requests_close_together(emulator):
        assert emulator.counters()["connections"] == 1
    assert sign_in(pam, PASSWORD, 1).code == "PAM_AUTH_ERR"
    assert sign_in(pam, NEW, 1).code == "PAM_SUCCESS"


def test_policy_refusal_is_shown_and_asked_again(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam, new=("weakpassword", NEW))
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)
    assert r.texts("ERROR") == ["That password was not accepted: Password must have uppercase characters."]
    assert [e["body"]["ProposedPassword"] for e in change_requests(emulator)] == ["weakpassword", NEW]


def test_policy_refusals_until_no_tries_left_is_authtok_err(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam, new=("Short1!", "weakpassword", "Nodigits-here!"))
    assert r.codes == {"chauthtok": "PAM_AUTHTOK_ERR"}
    assert r.texts("ERROR") == [
        "That password was not accepted: Password not long enough.",
        "That password was not accepted: Password must have uppercase characters.",
        "That password was not accepted: Password must have numeric characters.",
        "Your password was not changed.",
    ]
    assert len(change_requests(emulator)) == 3
    assert sign_in(pam, PASSWORD, 1).code == "PAM_SUCCESS"


def test_new_password_not_confirmed_is_authtok_err_without_a_change(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam, new=(NEW, NEW, NEW), retype=("x", "y", "z"))
    assert r.codes == {"chauthtok": "PAM_AUTHTOK_ERR"}
    assert r.texts("ERROR") == ["The passwords do not match."] * 3 + ["Your password was not changed."]
    assert change_requests(emulator) == []


def test_wrong_current_password_is_auth_err_and_asks_no_new_one(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam, old="Not-The-Passw0rd!")
    assert r.codes == {"chauthtok": "PAM_AUTH_ERR"}
    assert r.prompts() == ["Current password: "]
    assert r.texts("ERROR") == ["Incorrect username or password."]
    assert change_requests(emulator) == []


def test_no_local_account_is_user_unknown_without_network(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = change(pam, user="mallory")
    assert r.codes == {"chauthtok": "PAM_USER_UNKNOWN"}
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0


def test_use_authtok_takes_both_passwords_from_earlier_modules(pam, emulator, ca_dir, monkeypatch):
    monkeypatch.setenv("PAM_OLDAUTHTOK", PASSWORD)
    monkeypatch.setenv("PAM_AUTHTOK", NEW)
    configure(pam, emulator, ca_dir, args="use_authtok",
              before="password required %s\n" % SET_ITEMS)
    r = change(pam, old="never-asked", new=("never-asked",))
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)
    assert r.prompts() == ["Verification code: "]
    assert [e["body"]["ProposedPassword"] for e in change_requests(emulator)] == [NEW]


def test_use_authtok_policy_refusal_is_not_asked_again(pam, emulator, ca_dir, monkeypatch):
    monkeypatch.setenv("PAM_OLDAUTHTOK", PASSWORD)
    monkeypatch.setenv("PAM_AUTHTOK", "weakpassword")
    configure(pam, emulator, ca_dir, args="use_authtok",
              before="password required %s\n" % SET_ITEMS)
    r = change(pam)
    assert r.codes == {"chauthtok": "PAM_AUTHTOK_ERR"}
    assert "New password: " not in r.prompts()
    assert len(change_requests(emulator)) == 1


def test_cognito_unreachable_is_authinfo_unavail(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    emulator.stop()
    r = change(pam)
    assert r.codes == {"chauthtok": "PAM_AUTHINFO_UNAVAIL"}
    assert r.texts("ERROR") == ["The sign-in service is not available right now. Try again later."]


def test_cognito_unreachable_is_authinfo_unavail_even_with_failmode_safe(pam, emulator, ca_dir):
    # PAM_IGNORE would let pam_permit make passwd report a change that never happened.
    pam.write_conf(conf_text(emulator, ca_dir, failmode="safe"))
    pam.write_service(after_lines="password required %s conf=%s\npassword required pam_permit.so\n"
                      % (PAM_MODULE, pam.conf_path))
    emulator.stop()
    r = change(pam)
    assert r.codes == {"chauthtok": "PAM_AUTHINFO_UNAVAIL"}, (r.transcript, r.log)
    assert r.texts("ERROR") == ["The sign-in service is not available right now. Try again later."]
    assert not any("failmode=safe" in l for l in r.log), r.log
    assert any("outcome=unavailable" in l for l in r.log), r.log


def test_the_passwd_stack_of_the_man_page(pam, emulator, ca_dir):
    # pam_cognito(8), EXAMPLES: people with uid >= 1000 change their Cognito password.
    pam.write_conf(conf_text(emulator, ca_dir))
    pam.write_service(after_lines=(
        "password [success=1 default=ignore] "
        "/usr/lib/x86_64-linux-gnu/security/pam_succeed_if.so uid < 1000 quiet\n"
        "password [success=done default=die] %s conf=%s\n"
        "password required pam_deny.so\n") % (PAM_MODULE, pam.conf_path))
    r = change(pam)
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)
    assert [e["body"]["ProposedPassword"] for e in change_requests(emulator)] == [NEW]
    r = change(pam, old="Not-The-Passw0rd!")
    assert r.codes == {"chauthtok": "PAM_AUTH_ERR"}


def password_stack(pam, conf_args=""):
    """The module first in the password stack, pam_permit after it: a PAM_IGNORE from the
    module leaves the verdict to pam_permit (PAM_SUCCESS), any other code is its own."""
    with open(os.path.join(pam.service_dir, "pcg-passwd"), "w") as f:
        f.write("password required %s conf=%s %s\npassword required pam_permit.so\n"
                % (PAM_MODULE, pam.conf_path, conf_args))
    return "pcg-passwd"


@pytest.mark.parametrize("user, conf", [
    ("root", {}),
    ("alice", {"min_uid": "2001"}),            # alice is uid 2000
    ("alice", {"local_group": "cognito"}),     # and not in that group
], ids=["root", "below min_uid", "not in local_group"])
def test_passwd_for_an_account_that_is_not_the_modules_is_ignored(pam, emulator, ca_dir, user, conf):
    with open(pam.group, "a") as f:
        f.write("cognito:x:3000:bob\n")
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    service = password_stack(pam)
    r = pam.run(user, ByPrompt({"Current password: ": [PASSWORD]}), service=service,
                ops=("chauthtok",))
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)  # pam_permit's
    assert r.prompts() == []
    assert emulator.counters()["requests_total"] == 0


def test_passwd_for_root_with_a_broken_config_is_ignored(pam, emulator, ca_dir):
    pam.write_conf("this is not a config line\n")
    service = password_stack(pam)
    r = pam.run("root", ByPrompt({"Current password: ": [PASSWORD]}), service=service,
                ops=("chauthtok",))
    assert r.codes == {"chauthtok": "PAM_SUCCESS"}, (r.transcript, r.log)
    assert r.prompts() == []
    r = pam.run("alice", ByPrompt({"Current password: ": [PASSWORD]}), service=service,
                ops=("chauthtok",))
    assert r.codes == {"chauthtok": "PAM_SERVICE_ERR"}, (r.transcript, r.log)
