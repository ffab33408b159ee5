#include "config.h"

#include "flow/challenge_select_mfa.h"

#include <stdio.h>

#include "cognito/json_util.h"
#include "conf/mfa_preference.h"
#include "util/name_list.h"
#include "util/text.h"

/* Cognito knows a handful of MFA methods; a longer list is not a real offer. */
#define PCG_MAX_MFA_OFFERED 8

/* "offered SMS_MFA,EMAIL_OTP" for the log line. */
static void describe_offer(char *const *offered, size_t n, char *out, size_t outlen)
{
    size_t used = (size_t)snprintf(out, outlen, "none of the offered methods is allowed:");

    for (size_t i = 0; i < n && used < outlen; i++) {
        char shown[PCG_NAME_MAX + 1];

        used += (size_t)snprintf(out + used, outlen - used, "%s%s", i ? "," : " ",
                                 pcg_sanitize(offered[i], shown, sizeof(shown)));
    }
}

enum pcg_verdict pcg_answer_select_mfa_type(struct pcg_login *lg, struct json_object *params,
                                            struct json_object **next)
{
    char **offered = NULL, detail[PCG_ERROR_MESSAGE_MAX];
    struct json_object *responses;
    struct pcg_api_error err;
    enum pcg_name_list_status lst;
    enum pcg_status st;
    const char *choice;
    size_t n = 0;

    lst = pcg_name_list_parse(pcg_json_get_string(params, "MFAS_CAN_CHOOSE"), PCG_MAX_MFA_OFFERED,
                              &offered, &n);
    if (lst == PCG_NAME_LIST_NOMEM)
        return PCG_VERDICT_INTERNAL;
    if (lst != PCG_NAME_LIST_OK) {
        pcg_login_note(lg, "bad_response", "MFAS_CAN_CHOOSE is not a list of MFA methods");
        return PCG_VERDICT_UNAVAILABLE;
    }
    choice = pcg_mfa_choose(&lg->conf->mfa_preference, offered, n, lg->conf->single_prompt);
    if (choice == NULL) {
        describe_offer(offered, n, detail, sizeof(detail));
        pcg_name_list_free(offered, n);
        pcg_login_note(lg, "no_usable_mfa", detail);
        pcg_login_tell(lg,
                       "None of the ways your account has to confirm a sign-in can be used on "
                       "this host. Ask your administrator.");
        return PCG_VERDICT_DENIED;
    }
    pcg_name_list_free(offered, n);
    pcg_debug(lg->log, "SELECT_MFA_TYPE: choosing %s", choice);
    responses = json_object_new_object();
    if (responses == NULL || pcg_json_add_string(responses, "ANSWER", choice) != 0) {
        json_object_put(responses);
        return PCG_VERDICT_INTERNAL;
    }
    st = pcg_login_respond(lg, "SELECT_MFA_TYPE", responses, next, &err);
    if (st != PCG_OK)
        return pcg_login_api_failure(lg, "RespondToAuthChallenge", st, &err);
    return PCG_VERDICT_SUCCESS;
}
