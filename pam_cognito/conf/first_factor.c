#include "config.h"

#include "conf/first_factor.h"

#include <string.h>

#include "util/word_list.h"

static const char *const words[PCG_FACTORS] = {
    [PCG_FACTOR_PASSWORD] = "password",
    [PCG_FACTOR_EMAIL_OTP] = "email_otp",
    [PCG_FACTOR_SMS_OTP] = "sms_otp",
};

/* Cognito's names for each factor, the one this module prefers first. */
static const char *const challenges[PCG_FACTORS][2] = {
    /* SRP first: the password itself never leaves the host. */
    [PCG_FACTOR_PASSWORD] = { "PASSWORD_SRP", "PASSWORD" },
    [PCG_FACTOR_EMAIL_OTP] = { "EMAIL_OTP", NULL },
    [PCG_FACTOR_SMS_OTP] = { "SMS_OTP", NULL },
};

const char *pcg_first_factor_parse(const char *value, struct pcg_first_factor *ff)
{
    size_t order[PCG_FACTORS], n = 0;
    bool dup;

    if (!pcg_word_list_parse(value, words, PCG_FACTORS, order, &n, &dup))
        return dup ? "a factor is named twice"
                   : "expected a comma-separated list of password, email_otp and sms_otp";
    ff->n = n;
    for (size_t i = 0; i < n; i++)
        ff->order[i] = (enum pcg_factor)order[i];
    return NULL;
}

bool pcg_first_factor_is_password(const struct pcg_first_factor *ff)
{
    return ff->n == 0 || ff->order[0] == PCG_FACTOR_PASSWORD;
}

const char *pcg_first_factor_preferred(const struct pcg_first_factor *ff)
{
    return challenges[ff->n > 0 ? ff->order[0] : PCG_FACTOR_PASSWORD][0];
}

const char *pcg_first_factor_choose(const struct pcg_first_factor *ff, char *const *offered,
                                    size_t n_offered)
{
    for (size_t i = 0; i < ff->n && i < PCG_FACTORS; i++) {
        for (size_t c = 0; c < 2; c++) {
            const char *name = challenges[ff->order[i]][c];

            for (size_t k = 0; name != NULL && k < n_offered; k++)
                if (strcmp(offered[k], name) == 0)
                    return name;
        }
    }
    return NULL;
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
    for (size_t i = 0; i < ff->n && i < PCG_FACTORS; i++)
        if (ff->order[i] == factor)
            return true;
    return false;
}

const char *pcg_first_factor_word(enum pcg_factor factor)
{
    return (unsigned)factor < PCG_FACTORS ? words[factor] : "?";
}
