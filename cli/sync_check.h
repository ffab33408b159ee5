/*
 * cognito-mfa check, for a config with sync_groups: whether NSS asks
 * libnss-extrausers (after files) for passwd and group, whether the sync's
 * id map is root's alone and in its format, whether the extrausers files
 * hold exactly the map's active accounts and groups, and when they last
 * changed. Reads only; no network.
 */
#ifndef PCG_CLI_SYNC_CHECK_H
#define PCG_CLI_SYNC_CHECK_H

#include "check_report.h"
#include "conf/conf.h"

/* nsswitch: the file to read (/etc/nsswitch.conf); the other paths are sync_paths.h's. */
void pcg_sync_check(struct pcg_check_report *r, const struct pcg_conf *conf, const char *nsswitch);

#endif
