#include "config.h"

#include "flow/outcome.h"

#include <string.h>

#define MSG_WRONG_CREDENTIALS "Incorrect username or password."
#define MSG_TRY_LATER "The sign-in service is not available right now. Try again later."
#define MSG_ADMIN "Sign-in is not set up correctly on this host. Ask your administrator."

struct error_row {
    const char *type;
    const char *message_prefix; /* NULL = any message */
    struct pcg_outcome outcome;
};

/* First match wins; so specific messages come before their type's catch-all. */
static const struct error_row error_table[] = {
    { "NotAuthorizedException",
      "Password attempts exceeded",
      { PCG_VERDICT_DENIED, "Too many failed attempts. Wait a few minutes, then try again." } },
    { "NotAuthorizedException",
      "Invalid session",
      { PCG_VERDICT_DENIED, "The sign-in took too long and expired. Please start again." } },
    { "NotAuthorizedException",
      "Unable to verify secret hash",
      { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "NotAuthorizedException", "Client ", { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "NotAuthorizedException", NULL, { PCG_VERDICT_DENIED, MSG_WRONG_CREDENTIALS } },
    { "UserNotFoundException", NULL, { PCG_VERDICT_DENIED, MSG_WRONG_CREDENTIALS } },
    /* cognito-local's answer to a wrong password */
    { "InvalidPasswordException", NULL, { PCG_VERDICT_DENIED, MSG_WRONG_CREDENTIALS } },
    /* Cognito sends these two only after the right password. */
    { "PasswordResetRequiredException",
      NULL,
      { PCG_VERDICT_DENIED,
        "Your password must be reset before you can sign in. Ask your administrator." } },
    { "UserNotConfirmedException",
      NULL,
      { PCG_VERDICT_DENIED, "Your account is not confirmed yet. Ask your administrator." } },
    { "CodeMismatchException", NULL, { PCG_VERDICT_DENIED, "Wrong code." } },
    { "ExpiredCodeException",
      NULL,
      { PCG_VERDICT_DENIED, "That code has expired or was already used." } },
    { "EnableSoftwareTokenMFAException", NULL, { PCG_VERDICT_DENIED, "Wrong code." } },
    { "TooManyRequestsException", NULL, { PCG_VERDICT_UNAVAILABLE, MSG_TRY_LATER } },
    /*
     * Per user ("Attempt limit exceeded"): too many tries of one account, a
     * refusal that failmode = safe must not hand to the next module.
     */
    { "LimitExceededException",
      NULL,
      { PCG_VERDICT_DENIED, "Too many attempts. Wait a while, then try again." } },
    { "InternalErrorException", NULL, { PCG_VERDICT_UNAVAILABLE, MSG_TRY_LATER } },
    { "InvalidParameterException", NULL, { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "ResourceNotFoundException", NULL, { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "InvalidUserPoolConfigurationException", NULL, { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "InvalidLambdaResponseException", NULL, { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "UnexpectedLambdaException", NULL, { PCG_VERDICT_MISCONFIGURED, MSG_ADMIN } },
    { "UserLambdaValidationException", NULL, { PCG_VERDICT_DENIED, "Sign-in was refused." } },
};

struct pcg_outcome pcg_outcome_of_error(const char *type, const char *message)
{
    static const struct pcg_outcome unknown = { PCG_VERDICT_DENIED, "Sign-in was refused." };

    if (type == NULL)
        type = "";
    if (message == NULL)
        message = "";
    for (size_t i = 0; i < sizeof(error_table) / sizeof(error_table[0]); i++) {
        const struct error_row *row = &error_table[i];
        if (strcmp(row->type, type) != 0)
            continue;
        if (row->message_prefix != NULL
            && strncmp(message, row->message_prefix, strlen(row->message_prefix)) != 0)
            continue;
        return row->outcome;
    }
    return unknown;
}
