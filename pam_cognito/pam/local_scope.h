/*
 * Which local accounts the module is for: those from min_uid to max_uid and,
 * with local_group, members of that group. Root, nobody (65534, and the
 * 16- and 32-bit "no id") and the accounts outside min_uid..max_uid are
 * never the module's. No PAM header here.
 */
#ifndef PCG_LOCAL_SCOPE_H
#define PCG_LOCAL_SCOPE_H

#include <grp.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "conf/conf.h"

enum pcg_scope {
    PCG_SCOPE_OURS = 0, /* the module decides this login */
    PCG_SCOPE_NOT_OURS, /* outside min_uid..max_uid, nobody, not in local_group: PAM_IGNORE */
    PCG_SCOPE_ERROR,    /* local_group cannot be looked up */
};

/*
 * Decides for the local account user (its uid and primary gid). why gets a
 * short reason for the log (without the user name) unless the answer is
 * PCG_SCOPE_OURS.
 */
enum pcg_scope pcg_local_scope(const struct pcg_conf *c, const char *user, uid_t uid, gid_t gid,
                               char *why, size_t whylen);

/* Whether user, whose primary group is gid, belongs to gr (primary or listed member). */
bool pcg_group_has_member(const struct group *gr, const char *user, gid_t gid);

#endif
