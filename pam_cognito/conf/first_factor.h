/*
 * The first_factor option (auth_flow = user_auth): which way of signing in
 * to ask Cognito for, and to pick when it offers a choice (SELECT_CHALLENGE).
 */
#ifndef PCG_FIRST_FACTOR_H
#define PCG_FIRST_FACTOR_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/method_list.h"

enum pcg_factor { PCG_FACTOR_PASSWORD = 0, PCG_FACTOR_EMAIL_OTP, PCG_FACTOR_SMS_OTP };
#define PCG_FACTORS 3

/* An ordered list of factors (method_list.h). */
struct pcg_first_factor {
    unsigned char order[PCG_FACTORS]; /* enum pcg_factor, most wanted first */
    size_t n;                         /* 1..PCG_FACTORS */
};

#define PCG_FIRST_FACTOR_DEFAULT   \
    {                              \
        { PCG_FACTOR_PASSWORD }, 1 \
    }

/*
 * Parses a comma list of password, email_otp and sms_otp (each at most
 * once, at least one). NULL on success with *ff set; else a short static
 * reason and *ff untouched.
 */
const char *pcg_first_factor_parse(const char *value, struct pcg_first_factor *ff);

/* True when the first factor asked for is the password (it is asked before anything else). */
bool pcg_first_factor_is_password(const struct pcg_first_factor *ff);

/* The PREFERRED_CHALLENGE for the first entry: PASSWORD_SRP, EMAIL_OTP or SMS_OTP. */
const char *pcg_first_factor_preferred(const struct pcg_first_factor *ff);

/*
 * The AvailableChallenges entry to answer SELECT_CHALLENGE with: the first
 * factor of ff that offered holds (for password, PASSWORD_SRP before
 * PASSWORD), or NULL when none does.
 */
const char *pcg_first_factor_choose(const struct pcg_first_factor *ff, char *const *offered,
                                    size_t n_offered);

/*
 * The first factor a USER_AUTH challenge asks for: PASSWORD_VERIFIER (and
 * PASSWORD, PASSWORD_SRP) the password, EMAIL_OTP and SMS_OTP their code.
 * False for any other challenge.
 * (After a first factor, EMAIL_OTP is email MFA: the caller knows which.)
 */
bool pcg_first_factor_of_challenge(const char *challenge, enum pcg_factor *factor);

/* True when ff names factor. */
bool pcg_first_factor_allows(const struct pcg_first_factor *ff, enum pcg_factor factor);

/* The option's word for factor: password, email_otp or sms_otp. */
const char *pcg_first_factor_word(enum pcg_factor factor);

#endif
