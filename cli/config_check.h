/*
 * cognito-mfa check: diagnoses a config file without a password, one plain
 * line per check ("ok: ...", "problem: ...", "info: ...") and advice under
 * each problem, on stdout.
 */
#ifndef PCG_CLI_CONFIG_CHECK_H
#define PCG_CLI_CONFIG_CHECK_H

/* Returns the number of problems found (0: all checks passed). */
int pcg_config_check(const char *conf_path);

#endif
