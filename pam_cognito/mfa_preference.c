#include "config.h"

#include "mfa_preference.h"

#include <string.h>

static const struct {
    const char *word;      /* in the config */
    const char *challenge; /* Cognito's name */
} methods[PCG_MFA_METHODS] = {
    [PCG_MFA_TOTP] = { "totp", "SOFTWARE_TOKEN_MFA" },
    [PCG_MFA_EMAIL] = { "email", "EMAIL_OTP" },
    [PCG_MFA_SMS] = { "sms", "SMS_MFA" },
};

const char *pcg_mfa_challenge_name(enum pcg_mfa_method m)
{
    return (unsigned)m < PCG_MFA_METHODS ? methods[m].challenge : "";
}

static bool is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

const char *pcg_mfa_preference_parse(const char *value, struct pcg_mfa_preference *pref)
{
    struct pcg_mfa_preference got = { .n = 0 };
    bool seen[PCG_MFA_METHODS] = { false };
    const char *p = value;

    if (value == NULL)
        return "expected a comma-separated list of totp, email and sms";
    for (;;) {
        size_t len = strcspn(p, ",");
        const char *start = p, *end = p + len;
        size_t m;

        while (start < end && is_blank(*start))
            start++;
        while (end > start && is_blank(end[-1]))
            end--;
        for (m = 0; m < PCG_MFA_METHODS; m++)
            if (strlen(methods[m].word) == (size_t)(end - start)
                && memcmp(methods[m].word, start, (size_t)(end - start)) == 0)
                break;
        if (m == PCG_MFA_METHODS)
            return "expected a comma-separated list of totp, email and sms";
        if (seen[m])
            return "a method is named twice";
        seen[m] = true;
        got.order[got.n++] = (enum pcg_mfa_method)m;
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    *pref = got;
    return NULL;
}

const char *pcg_mfa_choose(const struct pcg_mfa_preference *pref, char *const *offered,
                           size_t n_offered, bool totp_only)
{
    for (size_t i = 0; i < pref->n && i < PCG_MFA_METHODS; i++) {
        const char *name = pcg_mfa_challenge_name(pref->order[i]);

        if (totp_only && pref->order[i] != PCG_MFA_TOTP)
            continue;
        for (size_t k = 0; k < n_offered; k++)
            if (strcmp(offered[k], name) == 0)
                return name;
    }
    return NULL;
}
