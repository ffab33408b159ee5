/*
 * The sync's persistent ids: which uid each Cognito user (by sub) and which
 * gid each synced group has, forever. Ids are allocated, not hashed; an id
 * once issued stays in the map (a tombstone when its holder left) and is
 * never issued to anyone else. A user's private group has gid = uid.
 *
 * File format (/var/lib/pam_cognito/idmap), one record per line, fields
 * separated by one space, every line ending in '\n', records in increasing
 * id order, nothing else (no comments, no blank lines):
 *
 *   pam_cognito-idmap 1
 *   user 10000 active 0c5e2a4e-7c1b-4b8e-9d6f-2f1f3c0a9b11 alice
 *   user 10001 tombstone 6b7f6d7e-1c2d-4e5f-8a9b-0c1d2e3f4a5b bob
 *   group 10002 active ops
 *
 * user: uid, state (active|tombstone), sub ([A-Za-z0-9-], 1 to 128), Linux
 * name (the last one it had). group: gid, state, Linux group name. Ids are
 * decimal without leading zeros, 1..4294967294. No two records share an id,
 * a sub or a group name, and no two active records share a name (a user's
 * private group has the user's name). Anything else is an error: a bad map
 * is never silently reset.
 */
#ifndef PCG_ID_MAP_H
#define PCG_ID_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "accounts/id_index.h"
#include "accounts/linux_name.h"
#include "accounts/local_db.h"

#define PCG_ID_MAP_HEADER "pam_cognito-idmap 1"
#define PCG_SUB_MAX 128
#define PCG_ID_MAP_DEFAULT_MIN 10000ul
#define PCG_ID_MAP_DEFAULT_MAX 60000ul
#define PCG_ID_MAP_LIMIT 4294967294ul /* (uid_t)-1 is "no id" to chown and setreuid */

enum pcg_id_kind { PCG_ID_USER, PCG_ID_GROUP };
enum pcg_id_state { PCG_ID_ACTIVE, PCG_ID_TOMBSTONE };

struct pcg_id_record {
    enum pcg_id_kind kind;
    unsigned long id;
    enum pcg_id_state state;
    char sub[PCG_SUB_MAX + 1]; /* users only; "" for groups */
    char name[PCG_LINUX_NAME_SIZE];
};

struct pcg_id_map {
    struct pcg_id_record *rec; /* sorted by id */
    size_t n, cap;
    unsigned long cursor; /* in memory only: ids below it were found taken this run */
    bool indexed;         /* by_sub and by_name kept (pcg_id_map_index) */
    struct pcg_id_index by_sub, by_name; /* users by sub; every record by name */
};

struct pcg_id_range {
    unsigned long min, max;
};

enum pcg_id_map_status {
    PCG_ID_MAP_OK = 0,
    PCG_ID_MAP_BAD, /* the map text breaks the format (see *bad_line) */
    PCG_ID_MAP_NOMEM,
    PCG_ID_MAP_IO,            /* reading or writing the file failed (errno kept) */
    PCG_ID_MAP_EXHAUSTED,     /* no free id left in the range */
    PCG_ID_MAP_OUT_OF_RANGE,  /* a claimed id outside the range */
    PCG_ID_MAP_RESERVED,      /* 0, 65534, 65535 */
    PCG_ID_MAP_TAKEN,         /* the id was issued to another sub or a group */
    PCG_ID_MAP_CHANGED,       /* the sub already has another id */
    PCG_ID_MAP_IN_USE,        /* a local account or group has the id */
    PCG_ID_MAP_LOOKUP_FAILED, /* NSS failed: the id is not assumed free */
    PCG_ID_MAP_INVALID,       /* a sub, name or id that cannot be recorded */
    PCG_ID_MAP_DUPLICATE,     /* the record would share a sub, group name or active name */
};

void pcg_id_map_init(struct pcg_id_map *map);
void pcg_id_map_free(struct pcg_id_map *map);

/*
 * Indexes map by sub and by name, from now on kept through every change:
 * the lookups below then take O(1) instead of a scan. Without it they
 * answer the same, by scanning (the PAM module's one lookup per login needs
 * no index). NOMEM leaves map as it was.
 */
enum pcg_id_map_status pcg_id_map_index(struct pcg_id_map *map);

/* A deep copy, indexed when src is (dst initialised by this call). */
enum pcg_id_map_status pcg_id_map_copy(struct pcg_id_map *dst, const struct pcg_id_map *src);

/* Parses text (len bytes) into map (initialised by this call; empty on error). *bad_line: 1-based. */
enum pcg_id_map_status pcg_id_map_parse(const char *text, size_t len, struct pcg_id_map *map,
                                        size_t *bad_line);

/* The text of map (malloc'd, NUL-terminated), header first, records by id. */
enum pcg_id_map_status pcg_id_map_render(const struct pcg_id_map *map, char **text, size_t *len);

/* Loads path (a missing file is an empty map; an empty file is BAD). *err: errno on IO. */
enum pcg_id_map_status pcg_id_map_load(const char *path, struct pcg_id_map *map, size_t *bad_line,
                                       int *err);

/* Saves atomically (mode 0644), writing nothing when unchanged. */
enum pcg_id_map_status pcg_id_map_save(const char *path, const struct pcg_id_map *map,
                                       bool *written, int *err);

struct pcg_id_record *pcg_id_map_find_id(const struct pcg_id_map *map, unsigned long id);
struct pcg_id_record *pcg_id_map_find_sub(const struct pcg_id_map *map, const char *sub);
struct pcg_id_record *pcg_id_map_find_group(const struct pcg_id_map *map, const char *name);
/* The active record (user or group) named name, or NULL. */
struct pcg_id_record *pcg_id_map_find_active_name(const struct pcg_id_map *map, const char *name);

/* A decimal id in s (len bytes) without sign or leading zero, at most max. */
bool pcg_id_parse(const char *s, size_t len, unsigned long max, unsigned long *id);

/* 0, 65534 (nobody), 65535 ((uint16_t)-1) and anything above PCG_ID_MAP_LIMIT. */
bool pcg_id_reserved(unsigned long id);

/* True when sub is 1..128 bytes of [A-Za-z0-9-]. */
bool pcg_sub_valid(const char *sub);

/*
 * The lowest id in range, not below map->cursor, that is not reserved, not
 * in the map (active or tombstone), and neither a uid nor a gid on the host
 * (db). Does not record it: pcg_id_map_set_user/set_group do. Call under
 * lckpwdf() when the ids will be written.
 */
enum pcg_id_map_status pcg_id_map_allocate(struct pcg_id_map *map, const struct pcg_id_range *range,
                                           const struct pcg_local_db *db, unsigned long *id);

/*
 * Validates a directory-owned uid (custom:posix_uid) for sub: in range, not
 * reserved, not issued to another sub or a group, not a changed uid for a
 * sub already mapped, and neither a uid nor a gid on the host other than
 * sub's own active entries (name as recorded).
 */
enum pcg_id_map_status pcg_id_map_check_claim(const struct pcg_id_map *map, const char *sub,
                                              unsigned long uid, const struct pcg_id_range *range,
                                              const struct pcg_local_db *db);

/*
 * Records sub as holding id under name with state: a new record, or the
 * update of sub's record (a rename, a tombstone, a return), whose id must not
 * change (CHANGED). DUPLICATE when id or an active name belongs to another record.
 */
enum pcg_id_map_status pcg_id_map_set_user(struct pcg_id_map *map, const char *sub,
                                           const char *name, unsigned long id,
                                           enum pcg_id_state state);

/* The same for the synced group name. */
enum pcg_id_map_status pcg_id_map_set_group(struct pcg_id_map *map, const char *name,
                                            unsigned long id, enum pcg_id_state state);

const char *pcg_id_map_reason(enum pcg_id_map_status status);

#endif
