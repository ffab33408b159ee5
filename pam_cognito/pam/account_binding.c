#include "config.h"

#include "pam/account_binding.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/atomic_file.h"

static enum pcg_binding refuse(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum pcg_binding refuse(char *why, size_t whylen, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, whylen, fmt, ap);
    va_end(ap);
    return PCG_BINDING_REFUSE;
}

static enum pcg_binding bind_in(const struct pcg_id_map *map, const char *name, uid_t uid,
                                char sub[PCG_SUB_MAX + 1], char *why, size_t whylen)
{
    for (size_t i = 0; i < map->n; i++) {
        const struct pcg_id_record *r = &map->rec[i];

        if (r->kind != PCG_ID_USER || strcmp(r->name, name) != 0)
            continue;
        if (r->state == PCG_ID_ACTIVE && r->id != (unsigned long)uid)
            return refuse(why, whylen, "the sync made %s with uid %lu, the host's has uid %lu",
                          name, r->id, (unsigned long)uid);
        if (r->state == PCG_ID_TOMBSTONE && r->id == (unsigned long)uid)
            return refuse(why, whylen, "%s (uid %lu) left the synced groups", name, r->id);
        if (r->state == PCG_ID_ACTIVE) {
            memcpy(sub, r->sub, strlen(r->sub) + 1);
            return PCG_BINDING_BY_SUB;
        }
    }
    return PCG_BINDING_BY_NAME;
}

enum pcg_binding pcg_account_binding(const char *dir, const char *file, uid_t owner,
                                     const char *name, uid_t uid, char sub[PCG_SUB_MAX + 1],
                                     char *why, size_t whylen)
{
    struct pcg_id_map map;
    char *text = NULL;
    size_t len = 0, bad_line = 0;
    bool exists = false;
    enum pcg_id_map_status st;
    enum pcg_binding b;
    int err;

    sub[0] = '\0';
    err = pcg_atomic_file_read_owned(dir, file, owner, &text, &len, &exists);
    if (err != 0)
        return refuse(why, whylen, "the sync's id map in %s is %s (errno %d)", dir,
                      err == EPERM ? "not its owner's alone" : "unreadable", err);
    if (!exists)
        return PCG_BINDING_BY_NAME;
    st = pcg_id_map_parse(text, len, &map, &bad_line);
    free(text);
    if (st != PCG_ID_MAP_OK)
        return refuse(why, whylen, "the sync's id map in %s is not valid (line %lu)", dir,
                      (unsigned long)bad_line);
    b = bind_in(&map, name, uid, sub, why, whylen);
    pcg_id_map_free(&map);
    return b;
}
