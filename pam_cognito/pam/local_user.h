/* Whether a local account exists, and its ids (the PAM glue asks before any network call). */
#ifndef PCG_LOCAL_USER_H
#define PCG_LOCAL_USER_H

#include <stdbool.h>
#include <sys/types.h>

/*
 * True when the passwd database (NSS) knows name; then *uid and *gid (each
 * may be NULL) are its ids. Reentrant (getpwnam_r with a buffer of its own):
 * PAM is called from many threads of one process by RADIUS servers, VPN
 * plugins and web servers, and getpwnam's static result is shared by them
 * all. A lookup error counts as "no such account".
 */
bool pcg_local_user_lookup(const char *name, uid_t *uid, gid_t *gid);

#endif
