/* The mfa_preference option: which MFA method to pick when Cognito offers a choice. */
#ifndef PCG_MFA_PREFERENCE_H
#define PCG_MFA_PREFERENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "conf/method_list.h"

enum pcg_mfa_method { PCG_MFA_TOTP = 0, PCG_MFA_EMAIL, PCG_MFA_SMS };
#define PCG_MFA_METHODS 3

/* An ordered list of MFA methods (method_list.h). */
struct pcg_mfa_preference {
    unsigned char order[PCG_MFA_METHODS]; /* enum pcg_mfa_method, most wanted first */
    size_t n;                             /* 1..PCG_MFA_METHODS */
};

/* totp,email,sms */
#define PCG_MFA_PREFERENCE_DEFAULT                                    \
    {                                                                 \
        { PCG_MFA_TOTP, PCG_MFA_EMAIL, PCG_MFA_SMS }, PCG_MFA_METHODS \
    }

/*
 * Parses a comma list of the words totp, email and sms (blanks around words
 * allowed, each at most once, at least one). NULL on success, with *pref
 * set; else a short reason (a static string that does not repeat the value)
 * and *pref untouched.
 */
const char *pcg_mfa_preference_parse(const char *value, struct pcg_mfa_preference *pref);

/* Cognito's name of a method: SOFTWARE_TOKEN_MFA, EMAIL_OTP or SMS_MFA. */
const char *pcg_mfa_challenge_name(enum pcg_mfa_method m);

/*
 * The Cognito name of the first method in pref that offered (Cognito names,
 * as in MFAS_CAN_CHOOSE) holds, or NULL when none does. With totp_only,
 * only SOFTWARE_TOKEN_MFA can be chosen.
 */
const char *pcg_mfa_choose(const struct pcg_mfa_preference *pref, char *const *offered,
                           size_t n_offered, bool totp_only);

#endif
