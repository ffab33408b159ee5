/*
 * The lines of cognito-mfa check: "ok: ...", "info: ...", "warning: ...",
 * and "problem: ..." with advice under it, on stdout; problems counted.
 */
#ifndef PCG_CLI_CHECK_REPORT_H
#define PCG_CLI_CHECK_REPORT_H

struct pcg_check_report {
    int problems;
};

__attribute__((format(printf, 2, 3))) void pcg_check_say(const char *tag, const char *fmt, ...);

__attribute__((format(printf, 3, 4))) void
pcg_check_problem(struct pcg_check_report *r, const char *advice, const char *fmt, ...);

#endif
