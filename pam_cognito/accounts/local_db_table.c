#include "config.h"

#include "accounts/local_db_table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Finds name (when not NULL) or id in list; 1 found, 0 absent. */
static int find(const char *const *list, const char *name, unsigned long id,
                struct pcg_local_hit *hit)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        const char *colon = strrchr(list[i], ':');
        size_t len = colon != NULL ? (size_t)(colon - list[i]) : strlen(list[i]);
        unsigned long entry_id = colon != NULL ? strtoul(colon + 1, NULL, 10) : 0;

        if (name != NULL ? strlen(name) == len && strncmp(name, list[i], len) == 0
                         : entry_id == id) {
            if (hit != NULL) {
                snprintf(hit->name, sizeof(hit->name), "%.*s", (int)len, list[i]);
                hit->id = entry_id;
            }
            return 1;
        }
    }
    return 0;
}

static int by_name(struct pcg_local_db_table *t, const char *const *list, const char *name,
                   struct pcg_local_hit *hit)
{
    t->lookups++;
    if (t->fail_name != NULL && strcmp(t->fail_name, name) == 0)
        return -1;
    return find(list, name, 0, hit);
}

static int by_id(struct pcg_local_db_table *t, const char *const *list, unsigned long id,
                 struct pcg_local_hit *hit)
{
    t->lookups++;
    if (t->fail_id != 0 && t->fail_id == id)
        return -1;
    return find(list, NULL, id, hit);
}

static int user_by_name(void *ctx, const char *name, struct pcg_local_hit *hit)
{
    struct pcg_local_db_table *t = ctx;

    return by_name(t, t->users, name, hit);
}

static int user_by_id(void *ctx, unsigned long uid, struct pcg_local_hit *hit)
{
    struct pcg_local_db_table *t = ctx;

    return by_id(t, t->users, uid, hit);
}

static int group_by_name(void *ctx, const char *name, struct pcg_local_hit *hit)
{
    struct pcg_local_db_table *t = ctx;

    return by_name(t, t->groups, name, hit);
}

static int group_by_id(void *ctx, unsigned long gid, struct pcg_local_hit *hit)
{
    struct pcg_local_db_table *t = ctx;

    return by_id(t, t->groups, gid, hit);
}

void pcg_local_db_table_init(struct pcg_local_db *db, struct pcg_local_db_table *table)
{
    db->user_by_name = user_by_name;
    db->user_by_id = user_by_id;
    db->group_by_name = group_by_name;
    db->group_by_id = group_by_id;
    db->ctx = table;
}
