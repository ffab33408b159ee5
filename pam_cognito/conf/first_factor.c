#include "config.h"

#include "conf/first_factor.h"

#include <string.h>

static const struct pcg_method factors[PCG_FACTORS] = {
    /* SRP first: the password itself never leaves the host. */
    [PCG_FACTOR_PASSWORD] = { "password", { "PASSWORD_SRP", "PASSWORD" } },
    [PCG_FACTOR_EMAIL_OTP] = { "email_otp", { "EMAIL_OTP", NULL } },
    [PCG_FACTOR_SMS_OTP] = { "sms_otp", { "SMS_OTP", NULL } },
};

static const struct pcg_method_table table = {
    factors,
    PCG_FACTORS,
    "a factor is named twice",
    "expected a comma-separated list of password, email_otp and sms_otp",
};

const char *pcg_first_factor_parse(const char *value, struct pcg_first_factor *ff)
{
    return pcg_method_list_parse(&table, value, ff->order, &ff->n);
}

bool pcg_first_factor_is_password(const struct pcg_first_factor *ff)
{
    return ff->n == 0 || ff->order[0] == PCG_FACTOR_PASSWORD;
}

const char *pcg_first_factor_preferred(const struct pcg_first_factor *ff)
{
    return factors[ff->n > 0 ? ff->order[0] : PCG_FACTOR_PASSWORD].names[0];
}

const char *pcg_first_factor_choose(const struct pcg_first_factor *ff, char *const *offered,
                                    size_t n_offered)
{
    return pcg_method_list_choose(&table, ff->order, ff->n, PCG_METHODS_ALL, offered, n_offered);
}

bool pcg_first_factor_of_challenge(const char *challenge, enum pcg_factor *factor)
{
    static const struct {
        const char *challenge;
        enum pcg_factor factor;
    } asks[] = {
        { "PASSWORD_VERIFIER", PCG_FACTOR_PASSWORD },
        /* Named among ChallengeNameType's values in the API reference; never answered here. */
        { "PASSWORD", PCG_FACTOR_PASSWORD },
        { "PASSWORD_SRP", PCG_FACTOR_PASSWORD },
        { "EMAIL_OTP", PCG_FACTOR_EMAIL_OTP },
        { "SMS_OTP", PCG_FACTOR_SMS_OTP },
    };

    for (size_t i = 0; challenge != NULL && i < sizeof(asks) / sizeof(asks[0]); i++) {
        if (strcmp(challenge, asks[i].challenge) == 0) {
            *factor = asks[i].factor;
            return true;
        }
    }
    return false;
}

bool pcg_first_factor_allows(const struct pcg_first_factor *ff, enum pcg_factor factor)
{
    return pcg_method_list_has(ff->order, ff->n, (unsigned)factor);
}

const char *pcg_first_factor_word(enum pcg_factor factor)
{
    return pcg_method_word(&table, (unsigned)factor);
}
