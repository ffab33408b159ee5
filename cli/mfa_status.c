#include "config.h"

#include "mfa_status.h"

#include <stdio.h>
#include <string.h>

#include "cognito/json_util.h"
#include "util/text.h"

/* "authenticator app (SOFTWARE_TOKEN_MFA)" for the names we know; others sanitised as they are. */
static void describe(const char *name, char *out, size_t len)
{
    static const struct {
        const char *name, *words;
    } known[] = {
        { "SOFTWARE_TOKEN_MFA", "authenticator app" },
        { "SMS_MFA", "SMS text message" },
        { "EMAIL_OTP", "email message" },
    };
    char safe[64];

    pcg_sanitize(name, safe, sizeof(safe));
    for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
        if (strcmp(name, known[i].name) == 0) {
            snprintf(out, len, "%s (%s)", known[i].words, safe);
            return;
        }
    }
    snprintf(out, len, "%s", safe);
}

static void describe_list(struct json_object *list, char *out, size_t len)
{
    size_t used = 0;

    out[0] = '\0';
    if (json_object_is_type(list, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(list) && used + 1 < len; i++) {
            struct json_object *item = json_object_array_get_idx(list, i);
            char one[96];
            int n;

            if (!json_object_is_type(item, json_type_string))
                continue;
            describe(json_object_get_string(item), one, sizeof(one));
            n = snprintf(out + used, len - used, "%s%s", used > 0 ? ", " : "", one);
            if (n < 0 || (size_t)n >= len - used)
                break; /* cut: what fits is shown */
            used += (size_t)n;
        }
    }
    if (out[0] == '\0')
        snprintf(out, len, "none");
}

enum pcg_verdict pcg_mfa_status_fetch(struct pcg_login *lg, void *ctx)
{
    struct pcg_mfa_status *status = ctx;
    struct json_object *req = json_object_new_object(), *response = NULL, *list = NULL;
    struct pcg_api_error err;
    const char *preferred;
    enum pcg_verdict v = PCG_VERDICT_INTERNAL;

    if (req == NULL || pcg_json_add_string(req, "AccessToken", lg->tokens.access_token) != 0)
        goto out;
    v = pcg_login_call(lg, "GetUser", req, &response, &err);
    if (v != PCG_VERDICT_SUCCESS)
        goto out;
    pcg_sanitize(pcg_json_get_string(response, "Username"), status->username,
                 sizeof(status->username));
    json_object_object_get_ex(response, "UserMFASettingList", &list);
    describe_list(list, status->enabled, sizeof(status->enabled));
    preferred = pcg_json_get_string(response, "PreferredMfaSetting");
    if (preferred != NULL && preferred[0] != '\0')
        describe(preferred, status->preferred, sizeof(status->preferred));
    else
        snprintf(status->preferred, sizeof(status->preferred), "none");
out:
    pcg_json_put_wiped(req);
    pcg_json_put_wiped(response);
    return v;
}
