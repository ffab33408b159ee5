/*
 * The login flow (login.c and the challenge table) fed with answers from the
 * fuzzer instead of Cognito. Input: one byte of settings, then the answers
 * (fake_client.h). Checks: no crash, no leak, every request is valid JSON,
 * every log line and the noted reason and detail are printable ASCII.
 */
#include "config.h"

#include <stdio.h>

#include "conf/conf.h"
#include "fake_client.h"
#include "fuzz_util.h"
#include "flow/login.h"
#include "util/secure.h"

#define MAX_ASKS 8

/* Codes in turn: right-looking, another, malformed, empty. */
static const char *const codes[] = { "123456", "654321", "1", "" };

static int asked;

static int ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    *answer = NULL;
    if (prompt == NULL || asked == MAX_ASKS)
        return -1;
    if (strstr(prompt, "assword") != NULL) /* a new password, and its confirmation */
        *answer = strdup("N3w-Passw0rd!");
    else
        *answer = strdup(codes[asked % (sizeof(codes) / sizeof(codes[0]))]);
    asked++;
    return *answer != NULL ? 0 : -1;
}

static int show(void *ctx, const char *text)
{
    return text != NULL ? 0 : -1;
}

static void emit(void *ud, int priority, const char *line)
{
    if (!pcg_fuzz_printable(line))
        abort();
}

/*
 * Settings bits: 1 password (else srp), 2 require_mfa, 4 enroll, 8 send_client_ip,
 * 16 single_prompt (128: a well-formed preset code), 32 client_secret, 64 groups.
 * 128 without single_prompt: the choice-based and custom flows with password_reset
 * (1: custom, with custom_srp when 8; else user_auth, passwordless first).
 */
static const char *flow_settings(uint8_t settings)
{
    if (!(settings & 128) || (settings & 16))
        return settings & 1 ? "auth_flow = password\n" : "auth_flow = srp\n";
    if (settings & 1)
        return settings & 8 ? "auth_flow = custom\ncustom_srp = yes\npassword_reset = yes\n"
                            : "auth_flow = custom\npassword_reset = yes\n";
    return "auth_flow = user_auth\nfirst_factor = email_otp, sms_otp, password\n"
           "password_reset = yes\n";
}

static bool load_conf(struct pcg_conf *conf, uint8_t settings)
{
    char text[1024], err[512];

    snprintf(text, sizeof(text),
             "user_pool_id = us-east-1_TestPool1\n"
             "client_id = testclient0123456789abcdef\n"
             "endpoint = https://localhost:1/\n"
             "%srequire_mfa = %s\nenroll = %s\nsend_client_ip = %s\n"
             "single_prompt = %s\ncode_retries = 2\n%s%s",
             flow_settings(settings), settings & 2 ? "yes" : "no", settings & 4 ? "yes" : "no",
             settings & 8 ? "yes" : "no", settings & 16 ? "yes" : "no",
             settings & 32 ? "client_secret = s3cr3t-client-secret-value-0123456789abcdefghij\n"
                           : "",
             settings & 64 ? "groups = admins, ops\n" : "");
    pcg_conf_defaults(conf);
    return pcg_conf_parse_text(conf, text, strlen(text), true, err, sizeof(err)) == PCG_CONF_OK
        && pcg_conf_finish(conf, err, sizeof(err)) == PCG_CONF_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pcg_prompter prompter = { .ask = ask, .info = show, .error = show };
    struct pcg_log log = { .emit = emit, .debug = true };
    struct pcg_login_input in = { .pam_user = "alice",
                                  .password = "Corr3ct-Horse!",
                                  .client_ip = "198.51.100.7" };
    struct pcg_login_result result;
    struct pcg_tokens tokens = { 0 };
    struct pcg_conf conf;

    if (size < 1)
        return 0;
    if (!load_conf(&conf, data[0]))
        abort();
    if (conf.single_prompt)
        in.preset_code = data[0] & 128 ? "123456" : "12 34 5x";
    asked = 0;
    pcg_fake_client_script(data + 1, size - 1);
    pcg_login_run(&conf, &in, &prompter, &log, &result, &tokens);
    if (!pcg_fuzz_printable(result.reason) || !pcg_fuzz_printable(result.detail))
        abort();
    pcg_tokens_clear(&tokens);
    pcg_conf_free(&conf);
    return 0;
}
