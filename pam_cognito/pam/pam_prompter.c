#include "config.h"

#include "pam/pam_prompter.h"

#include <stdlib.h>

#include <security/pam_ext.h>

#include "util/secure.h"

static int converse(pam_handle_t *pamh, int style, const char *text, char **answer)
{
    const struct pam_conv *conv = NULL;
    struct pam_message msg = { .msg_style = style, .msg = text };
    const struct pam_message *msgs[1] = { &msg };
    struct pam_response *resp = NULL;
    int rc;

    if (pam_get_item(pamh, PAM_CONV, (const void **)&conv) != PAM_SUCCESS || conv == NULL
        || conv->conv == NULL)
        return -1;
    rc = conv->conv(1, msgs, &resp, conv->appdata_ptr);
    if (rc != PAM_SUCCESS) {
        if (resp != NULL) {
            pcg_free_secret(resp->resp);
            free(resp);
        }
        return -1;
    }
    if (answer != NULL) {
        if (resp == NULL || resp->resp == NULL) {
            free(resp);
            return -1;
        }
        *answer = resp->resp; /* the caller wipes and frees it */
    } else if (resp != NULL) {
        pcg_free_secret(resp->resp);
    }
    free(resp);
    return 0;
}

static int conv_ask(void *ctx, const char *prompt, bool echo, char **answer)
{
    *answer = NULL;
    return converse(ctx, echo ? PAM_PROMPT_ECHO_ON : PAM_PROMPT_ECHO_OFF, prompt, answer);
}

static int conv_info(void *ctx, const char *text)
{
    return converse(ctx, PAM_TEXT_INFO, text, NULL);
}

static int conv_error(void *ctx, const char *text)
{
    return converse(ctx, PAM_ERROR_MSG, text, NULL);
}

static int conv_quiet(void *ctx, const char *text)
{
    return 0;
}

void pcg_pam_prompter_init(struct pcg_prompter *p, pam_handle_t *pamh, bool silent)
{
    p->ctx = pamh;
    p->ask = conv_ask;
    p->info = silent ? conv_quiet : conv_info;
    p->error = silent ? conv_quiet : conv_error;
    p->quiet = silent;
}
