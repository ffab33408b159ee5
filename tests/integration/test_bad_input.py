"""Hostile or broken input at the prompts and in PAM items: refused or handled,
without a network call where none can help, and never raw into the logs."""
import pytest

from conftest import PASSWORD, TOTP_SECRET, Answers, api_calls, conf_text, totp

TOLD_WRONG = "Incorrect username or password."


def configure(pam, emulator, ca_dir, **conf):
    pam.write_conf(conf_text(emulator, ca_dir, **conf))
    pam.write_service()


def requests(emulator):
    return api_calls(emulator)


def password_unsent(emulator, flow):
    """Nothing of the password reached Cognito. While the prompt is open the
    module connects (README, "Work while the password is typed"): with srp it
    sends InitiateAuth (the user name and SRP_A, no attempt counted), with
    password an OPTIONS request that is no API call; nothing follows."""
    seen = dict(emulator.counters()["requests"])
    seen.pop("(not POST)", None)
    return seen == {} or (flow is None and seen == {"InitiateAuth": 1})


def no_raw_control_bytes(lines):
    # pam_wrapper prints each syslog line on one line of stderr: a newline in
    # a logged value would start a line of its own, an escape would colour it.
    return all(ch >= " " for line in lines for ch in line)


@pytest.mark.parametrize("flow", ["password", None])
def test_empty_password_is_refused_without_a_network_call(pam, emulator, ca_dir, flow):
    configure(pam, emulator, ca_dir, auth_flow=flow)
    r = pam.run("alice", Answers(""))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [TOLD_WRONG]
    assert any("reason=empty_password" in l for l in r.log), r.log
    assert password_unsent(emulator, flow)


@pytest.mark.parametrize("flow", ["password", None])
def test_one_mebibyte_password_is_refused_without_a_network_call(pam, emulator, ca_dir, flow):
    configure(pam, emulator, ca_dir, auth_flow=flow)
    huge = "A" * (1024 * 1024)
    r = pam.run("alice", Answers(huge))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [TOLD_WRONG]
    assert any("reason=unusable_password" in l for l in r.log), r.log
    assert "A" * 64 not in "\n".join(r.log)
    assert password_unsent(emulator, flow)


@pytest.mark.parametrize("longest", ["A" * 256, "\u00e9" * 256], ids=["ascii", "two-byte"])
def test_longest_usable_password_is_sent(pam, emulator, ca_dir, longest):
    # 256 characters, Cognito's longest password (PasswordType in the service model).
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(longest))
    assert r.code == "PAM_AUTH_ERR"  # wrong, but Cognito was asked
    assert emulator.counters()["requests"]["InitiateAuth"] == 1


@pytest.mark.parametrize("flow", ["password", None])
def test_a_password_longer_than_cognito_takes_is_refused_without_a_network_call(
        pam, emulator, ca_dir, flow):
    # 257 characters cannot be right: sent, it would only count towards the lockout.
    configure(pam, emulator, ca_dir, auth_flow=flow)
    r = pam.run("alice", Answers("A" * 257))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR") == [TOLD_WRONG]
    assert any("reason=unusable_password" in l for l in r.log), r.log
    assert password_unsent(emulator, flow)


def test_password_that_is_not_utf8_is_refused_without_a_network_call(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers("Corr3ct-\udce9-Horse!"))  # a Latin-1 e-acute byte
    assert r.code == "PAM_AUTH_ERR"
    assert any("reason=unusable_password" in l for l in r.log), r.log
    assert requests(emulator) == 0


@pytest.mark.parametrize("user,shown", [
    ("alice\nuser=root outcome=success", "alice?user=root outcome=success"),
    ("ali\x01ce", "ali?ce"),
    ("\x1b[31mred", "?[31mred"),
    ("alice\tbob", "alice?bob"),
    (b"al\xffice", "al?ice"),
    (b"al\xc3\xa9", "al??"),  # valid UTF-8, but no local account
    ("eve\u009b2J", "eve??2J"),  # an 8-bit CSI (a C1 control)
], ids=["newline", "control", "escape", "tab", "not-utf8", "utf8-no-account", "c1-control"])
def test_hostile_user_name_is_unknown_without_a_network_call(pam, emulator, ca_dir, user, shown):
    configure(pam, emulator, ca_dir)
    r = pam.run(user, Answers(PASSWORD))
    assert r.code == "PAM_USER_UNKNOWN"
    assert r.prompts() == []
    assert any(shown in l for l in r.log), r.log
    assert no_raw_control_bytes(r.log)
    assert not any(l.startswith("user=root") for l in r.log)
    assert requests(emulator) == 0


def test_user_name_of_300_bytes_is_unknown_and_logged_cut(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("a" * 300, Answers(PASSWORD))
    assert r.code == "PAM_USER_UNKNOWN"
    assert not any("a" * 200 in l for l in r.log), r.log
    assert any("..." in l for l in r.log), r.log
    assert requests(emulator) == 0


def test_code_of_letters_is_never_sent(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD, "abcdef", "ABCDEF", "zzzzzz"))
    assert r.code == "PAM_AUTH_ERR"
    assert r.texts("ERROR")[-1] == "That is not a 6-digit code. Sign-in refused."
    assert emulator.counters()["requests"].get("RespondToAuthChallenge", 0) == 0
    assert not any("abcdef" in l or "zzzzzz" in l for l in r.log)


@pytest.mark.parametrize("conv", ["fail", "null"])
def test_conversation_that_fails_or_answers_null_is_conv_err(pam, emulator, ca_dir, conv):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD), conv=conv)
    assert r.code == "PAM_CONV_ERR"
    assert requests(emulator) == 0


def test_conversation_that_fails_at_the_code_prompt_is_conv_err(pam, emulator, ca_dir):
    configure(pam, emulator, ca_dir)
    r = pam.run("alice", Answers(PASSWORD))  # no code: the driver's conversation fails
    assert r.code == "PAM_CONV_ERR"
    assert r.prompts() == ["Password: ", "Verification code: "]
    assert emulator.counters()["requests"].get("RespondToAuthChallenge", 0) == 0


@pytest.mark.parametrize("rhost", [
    "198.51.100.7\nuser=root outcome=success",
    "\x1b[2Jhost",
    "h" * 300,
    "bastion.example.com",
], ids=["newline", "escape", "300-bytes", "host-name"])
def test_remote_host_that_is_not_an_address_is_logged_safely_and_not_sent(pam, emulator, ca_dir,
                                                                         rhost):
    configure(pam, emulator, ca_dir, send_client_ip="yes")
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), rhost=rhost)
    assert r.code == "PAM_SUCCESS", r.log
    assert no_raw_control_bytes(r.log)
    assert not any(l.startswith("user=root") for l in r.log)
    assert all("UserContextData" not in e["body_keys"] for e in emulator.requests_log())


@pytest.mark.parametrize("rhost", ["198.51.100.7", "2001:db8::7"])
def test_remote_address_is_sent_with_send_client_ip(pam, emulator, ca_dir, rhost):
    configure(pam, emulator, ca_dir, send_client_ip="yes")
    r = pam.run("alice", Answers(PASSWORD, lambda: totp(TOTP_SECRET)), rhost=rhost)
    assert r.code == "PAM_SUCCESS", r.log
    sent = [e["body"].get("UserContextData") for e in emulator.requests_log()]
    assert sent and all(s == {"IpAddress": rhost} for s in sent), sent
