/*
 * Which Cognito user a Linux account belongs to, read at every login from
 * the id map `cognito-mfa sync` keeps: an account the sync made is bound to
 * the Cognito user's sub, not to its name, so a user deleted and re-created
 * under the same name (a new sub), or anyone else Cognito signs in under
 * that name, is refused. Accounts the sync did not make keep the binding by
 * name (username, username_attribute).
 */
#ifndef PCG_ACCOUNT_BINDING_H
#define PCG_ACCOUNT_BINDING_H

#include <stddef.h>
#include <sys/types.h>

#include "accounts/id_map.h"

enum pcg_binding {
    PCG_BINDING_BY_NAME, /* no record of the sync's for this account */
    PCG_BINDING_BY_SUB,  /* the sync made it: sub holds the one the ID token must carry */
    PCG_BINDING_REFUSE,  /* the map cannot be trusted or read, or says no: why says why */
};

/*
 * The binding of the Linux account name (uid as NSS resolves it) by the map
 * dir/file. A missing map (or directory) is BY_NAME: no sync ever ran. A map
 * or directory not owned by owner (root, 0; a test its own uid), writable by others, a link, or not in the map format
 * refuses (it cannot tell which accounts are bound). An active record of
 * name with another uid refuses (the host's account of that name is not the
 * one the sync made), as does a departed user's record (a tombstone) whose
 * uid the account still has. sub receives the sub (PCG_SUB_MAX + 1 bytes).
 */
enum pcg_binding pcg_account_binding(const char *dir, const char *file, uid_t owner,
                                     const char *name, uid_t uid, char sub[PCG_SUB_MAX + 1],
                                     char *why, size_t whylen);

#endif
