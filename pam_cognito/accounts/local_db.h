/*
 * The host's own accounts, as the sync must see them before it claims a name
 * or an id: files and every other NSS source. Lookups go through this table
 * of functions so that tests can inject a host; pcg_local_db_nss is the real
 * one (getpwnam_r, getpwuid_r, getgrnam_r, getgrgid_r).
 *
 * NSS also serves the sync's own extrausers entries: callers tell them apart
 * by the hit (name and id), which is why every lookup reports it.
 */
#ifndef PCG_LOCAL_DB_H
#define PCG_LOCAL_DB_H

#include <stddef.h>

#define PCG_LOCAL_HIT_NAME_SIZE 256

struct pcg_local_hit {
    char name[PCG_LOCAL_HIT_NAME_SIZE]; /* truncated when longer: then equal to no valid name */
    unsigned long id;                   /* uid or gid */
};

/* Each returns 1 when found (*hit filled when hit is not NULL), 0 when absent, -1 when the lookup failed. */
struct pcg_local_db {
    int (*user_by_name)(void *ctx, const char *name, struct pcg_local_hit *hit);
    int (*user_by_id)(void *ctx, unsigned long uid, struct pcg_local_hit *hit);
    int (*group_by_name)(void *ctx, const char *name, struct pcg_local_hit *hit);
    int (*group_by_id)(void *ctx, unsigned long gid, struct pcg_local_hit *hit);
    void *ctx;
};

/* The host's NSS (reentrant calls, buffers of their own; ERANGE grows the buffer). */
extern const struct pcg_local_db pcg_local_db_nss;

#endif
