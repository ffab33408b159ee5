#include "config.h"

#include "conf/mfa_preference.h"

#include <string.h>

#include "util/word_list.h"

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

const char *pcg_mfa_preference_parse(const char *value, struct pcg_mfa_preference *pref)
{
    static const char *const words[PCG_MFA_METHODS] = {
        [PCG_MFA_TOTP] = "totp",
        [PCG_MFA_EMAIL] = "email",
        [PCG_MFA_SMS] = "sms",
    };
    size_t order[PCG_MFA_METHODS], n = 0;
    bool dup;

    if (!pcg_word_list_parse(value, words, PCG_MFA_METHODS, order, &n, &dup))
        return dup ? "a method is named twice"
                   : "expected a comma-separated list of totp, email and sms";
    pref->n = n;
    for (size_t i = 0; i < n; i++)
        pref->order[i] = (enum pcg_mfa_method)order[i];
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
