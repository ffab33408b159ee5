/*
 * Choosing a new password: asked twice, and Cognito's password-policy
 * refusals in plain words. Used at NEW_PASSWORD_REQUIRED and by passwd.
 * No PAM here.
 */
#ifndef PCG_NEW_PASSWORD_H
#define PCG_NEW_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "cognito/api_error.h"
#include "flow/prompter.h"

#define PCG_PASSWORD_MIN 6       /* no Cognito password policy allows shorter */
#define PCG_PASSWORD_MAX 256     /* Cognito's longest password */
#define PCG_NEW_PASSWORD_TRIES 3 /* typing mistakes, and policy refusals, allowed each */

enum pcg_new_password_status {
    PCG_NEW_PASSWORD_OK = 0,
    PCG_NEW_PASSWORD_GAVE_UP,  /* tries used up: mismatches or unusable passwords */
    PCG_NEW_PASSWORD_CONV_ERR, /* no answer */
};

/*
 * Asks "New password: " and "Retype new password: " (echo off) until the
 * two answers match and the password is one Cognito can take (6 to 256
 * bytes, no blank at either end); each failure is told and costs a try, up
 * to tries. On OK *password is malloc'd, for pcg_free_secret.
 */
enum pcg_new_password_status pcg_ask_new_password(const struct pcg_prompter *p, int tries,
                                                  char **password);

/* Cognito refused a proposed password for its policy (or history). */
bool pcg_is_password_policy_error(const struct pcg_api_error *err);

/* The refusal as one plain line for the person, e.g. "That password was not accepted: ...". */
void pcg_password_policy_message(const struct pcg_api_error *err, char *out, size_t outlen);

#endif
