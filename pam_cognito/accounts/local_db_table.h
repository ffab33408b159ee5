/*
 * A host described by lists instead of NSS: the unit tests' hosts, and any
 * caller that has read the account databases itself. Entries are "name:id"
 * strings, e.g. "root:0"; a lookup of a name or id listed in fail_* fails.
 */
#ifndef PCG_LOCAL_DB_TABLE_H
#define PCG_LOCAL_DB_TABLE_H

#include "accounts/local_db.h"

struct pcg_local_db_table {
    const char *const *users;  /* "name:uid", NULL-terminated (or NULL for none) */
    const char *const *groups; /* "name:gid" */
    const char *fail_name;     /* a name whose lookup fails (NULL for none) */
    unsigned long fail_id;     /* an id whose lookup fails (0 for none) */
    unsigned long lookups;     /* counts every lookup made */
};

/* Fills db with lookups over table (which must outlive db). */
void pcg_local_db_table_init(struct pcg_local_db *db, struct pcg_local_db_table *table);

#endif
