/* `cognito-mfa sync`: the members of the config's sync_groups become the host's accounts. */
#ifndef PCG_SYNC_COMMAND_H
#define PCG_SYNC_COMMAND_H

#include <stdbool.h>

#include "conf/conf.h"

/* Exit codes of sync, documented in cognito-mfa(1). */
enum pcg_sync_exit {
    PCG_SYNC_EXIT_DONE = 0,        /* synced (or, with --dry-run, planned) */
    PCG_SYNC_EXIT_REFUSED = 1,     /* more removals than sync_max_removal_percent, no --force */
    PCG_SYNC_EXIT_CONFIG = 3,      /* no sync_groups, no AWS credentials, a damaged map */
    PCG_SYNC_EXIT_UNAVAILABLE = 4, /* a page of a group failed: Cognito, IAM or the network */
    PCG_SYNC_EXIT_TROUBLE = 5,     /* not root, the lock, a file, NSS, no id left */
};

struct pcg_sync_options {
    bool dry_run; /* print the diff, write nothing */
    bool force;   /* write even when more than sync_max_removal_percent would go */
};

int pcg_sync_command(const struct pcg_conf *conf, const struct pcg_sync_options *opts);

#endif
