#include "config.h"

#include "conf/mfa_preference.h"

static const struct pcg_method methods[PCG_MFA_METHODS] = {
    [PCG_MFA_TOTP] = { "totp", { "SOFTWARE_TOKEN_MFA", NULL } },
    [PCG_MFA_EMAIL] = { "email", { "EMAIL_OTP", NULL } },
    [PCG_MFA_SMS] = { "sms", { "SMS_MFA", NULL } },
};

static const struct pcg_method_table table = {
    methods,
    PCG_MFA_METHODS,
    "a method is named twice",
    "expected a comma-separated list of totp, email and sms",
};

const char *pcg_mfa_challenge_name(enum pcg_mfa_method m)
{
    return (unsigned)m < PCG_MFA_METHODS ? methods[m].names[0] : "";
}

const char *pcg_mfa_preference_parse(const char *value, struct pcg_mfa_preference *pref)
{
    return pcg_method_list_parse(&table, value, pref->order, &pref->n);
}

const char *pcg_mfa_choose(const struct pcg_mfa_preference *pref, char *const *offered,
                           size_t n_offered, bool totp_only)
{
    return pcg_method_list_choose(&table, pref->order, pref->n,
                                  totp_only ? 1u << PCG_MFA_TOTP : PCG_METHODS_ALL, offered,
                                  n_offered);
}
