#include "config.h"

#include "flow/new_password.h"

#include <stdio.h>
#include <string.h>

#include "util/secure.h"
#include "util/text.h"

/* What Cognito puts before the rule a password broke. */
#define POLICY_PREFIX "Password does not conform to policy: "

static void tell(const struct pcg_prompter *p, const char *text)
{
    if (p->error != NULL)
        (void)p->error(p->ctx, text);
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* NULL when Cognito can take password, else what to tell the person. */
static const char *unusable(const char *password)
{
    size_t n = strlen(password), chars = pcg_utf8_length(password);

    if (n == 0)
        return "The password must not be empty.";
    if (chars < PCG_PASSWORD_MIN)
        return "The password is too short: use at least 6 characters.";
    if (chars > PCG_PASSWORD_MAX)
        return "The password is too long: use at most 256 characters.";
    if (is_blank(password[0]) || is_blank(password[n - 1]))
        return "The password must not begin or end with a space.";
    return NULL;
}

enum pcg_new_password_status pcg_ask_new_password(const struct pcg_prompter *p, int tries,
                                                  char **password)
{
    *password = NULL;
    for (int i = 0; i < tries; i++) {
        char *first = NULL, *second = NULL;
        const char *why;

        if (p->ask(p->ctx, "New password: ", false, &first) != 0 || first == NULL)
            return PCG_NEW_PASSWORD_CONV_ERR;
        why = unusable(first);
        if (why == NULL) {
            if (p->ask(p->ctx, "Retype new password: ", false, &second) != 0 || second == NULL) {
                pcg_free_secret(first);
                return PCG_NEW_PASSWORD_CONV_ERR;
            }
            if (strcmp(first, second) != 0)
                why = "The passwords do not match.";
            pcg_free_secret(second);
        }
        if (why == NULL) {
            *password = first;
            return PCG_NEW_PASSWORD_OK;
        }
        pcg_free_secret(first);
        tell(p, why);
    }
    return PCG_NEW_PASSWORD_GAVE_UP;
}

bool pcg_is_password_policy_error(const struct pcg_api_error *err)
{
    return strcmp(err->type, "InvalidPasswordException") == 0
        || strcmp(err->type, "PasswordHistoryPolicyViolationException") == 0;
}

void pcg_password_policy_message(const struct pcg_api_error *err, char *out, size_t outlen)
{
    char rule[PCG_ERROR_MESSAGE_MAX];
    const char *m = err->message;
    size_t n;

    if (strncmp(m, POLICY_PREFIX, strlen(POLICY_PREFIX)) == 0)
        m += strlen(POLICY_PREFIX);
    pcg_sanitize(m, rule, sizeof(rule));
    n = strlen(rule);
    if (n == 0) {
        snprintf(out, outlen, "That password does not meet the password rules of your account.");
        return;
    }
    snprintf(out, outlen, "That password was not accepted: %s%s", rule,
             rule[n - 1] == '.' ? "" : ".");
}
