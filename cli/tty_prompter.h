/*
 * The CLI's prompter: questions, answers and messages on the controlling
 * terminal (/dev/tty), so secrets are read with echo off even when stdin or
 * stdout are redirected.
 */
#ifndef PCG_CLI_TTY_PROMPTER_H
#define PCG_CLI_TTY_PROMPTER_H

#include "flow/prompter.h"

/* Longest answer accepted, as Linux-PAM's PAM_MAX_RESP_SIZE. */
#define PCG_TTY_MAX_ANSWER 512

struct pcg_tty {
    int fd;
};

/* Opens the controlling terminal. 0, or -1 with errno set (no terminal). */
int pcg_tty_open(struct pcg_tty *tty);
void pcg_tty_close(struct pcg_tty *tty);

/* A prompter over tty (which must stay open while p is used). */
void pcg_tty_prompter_init(struct pcg_prompter *p, struct pcg_tty *tty);

#endif
