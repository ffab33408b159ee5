/*
 * How the login flow talks to the person: the PAM module builds one from the
 * PAM conversation, the CLI from the terminal. No PAM here.
 */
#ifndef PCG_PROMPTER_H
#define PCG_PROMPTER_H

#include <stdbool.h>

struct pcg_prompter {
    void *ctx;
    /*
     * Shows prompt and reads one answer; echo says whether the typed text is
     * shown. On success *answer is a malloc'd string for pcg_free_secret.
     * Returns 0, or -1 when the conversation failed (no answer).
     */
    int (*ask)(void *ctx, const char *prompt, bool echo, char **answer);
    /* One informational / error message. Returns 0, or -1 when it could not be shown. */
    int (*info)(void *ctx, const char *text);
    int (*error)(void *ctx, const char *text);
    /*
     * Set when info and error drop their messages (PAM_SILENT): a step that
     * cannot work unseen, like the enrolment display, is then not attempted.
     */
    bool quiet;
};

#endif
