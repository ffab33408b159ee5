#include "config.h"

#include "accounts/id_map.h"

#include "accounts/atomic_file.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pcg_id_map_init(struct pcg_id_map *map)
{
    memset(map, 0, sizeof(*map));
}

void pcg_id_map_free(struct pcg_id_map *map)
{
    free(map->rec);
    pcg_id_index_free(&map->by_sub);
    pcg_id_index_free(&map->by_name);
    pcg_id_map_init(map);
}

/* Adds r to by_name and, for a user, to by_sub; false (neither changed) when out of memory. */
static bool index_record(struct pcg_id_index *by_name, struct pcg_id_index *by_sub,
                         const struct pcg_id_record *r)
{
    uint32_t name_hash = pcg_id_index_hash(r->name);

    if (!pcg_id_index_add(by_name, name_hash, r->id))
        return false;
    if (r->kind == PCG_ID_USER && !pcg_id_index_add(by_sub, pcg_id_index_hash(r->sub), r->id)) {
        pcg_id_index_remove(by_name, name_hash, r->id);
        return false;
    }
    return true;
}

enum pcg_id_map_status pcg_id_map_index(struct pcg_id_map *map)
{
    struct pcg_id_index by_name = { 0 }, by_sub = { 0 };

    if (map->indexed)
        return PCG_ID_MAP_OK;
    for (size_t i = 0; i < map->n; i++)
        if (!index_record(&by_name, &by_sub, &map->rec[i])) {
            pcg_id_index_free(&by_name);
            pcg_id_index_free(&by_sub);
            return PCG_ID_MAP_NOMEM;
        }
    map->by_name = by_name;
    map->by_sub = by_sub;
    map->indexed = true;
    return PCG_ID_MAP_OK;
}

enum pcg_id_map_status pcg_id_map_copy(struct pcg_id_map *dst, const struct pcg_id_map *src)
{
    pcg_id_map_init(dst);
    if (src->n == 0)
        return PCG_ID_MAP_OK;
    dst->rec = malloc(src->n * sizeof(*dst->rec));
    if (dst->rec == NULL)
        return PCG_ID_MAP_NOMEM;
    memcpy(dst->rec, src->rec, src->n * sizeof(*dst->rec));
    dst->n = dst->cap = src->n;
    dst->indexed = src->indexed;
    if (!pcg_id_index_copy(&dst->by_sub, &src->by_sub)
        || !pcg_id_index_copy(&dst->by_name, &src->by_name)) {
        pcg_id_map_free(dst);
        return PCG_ID_MAP_NOMEM;
    }
    return PCG_ID_MAP_OK;
}

bool pcg_id_reserved(unsigned long id)
{
    return id == 0 || id == 65534 || id == 65535 || id > PCG_ID_MAP_LIMIT;
}

bool pcg_sub_valid(const char *sub)
{
    size_t len = sub != NULL ? strlen(sub) : 0;

    if (len == 0 || len > PCG_SUB_MAX)
        return false;
    return strspn(sub, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == len;
}

/* Index of the first record whose id is >= id. */
static size_t lower_bound(const struct pcg_id_map *map, unsigned long id)
{
    size_t lo = 0, hi = map->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (map->rec[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

struct pcg_id_record *pcg_id_map_find_id(const struct pcg_id_map *map, unsigned long id)
{
    size_t i = lower_bound(map, id);

    return i < map->n && map->rec[i].id == id ? &map->rec[i] : NULL;
}

/*
 * The next record that may have the key of hash (index ix), or NULL at the
 * end: start with *pos = 0. Without the index (pcg_id_map_index), every
 * record in turn; the caller compares the keys either way.
 */
static struct pcg_id_record *next_under(const struct pcg_id_map *map, const struct pcg_id_index *ix,
                                        uint32_t hash, size_t *pos)
{
    unsigned long id;

    if (!map->indexed)
        return *pos < map->n ? &map->rec[(*pos)++] : NULL;
    while ((id = pcg_id_index_next(ix, hash, pos)) != 0) {
        struct pcg_id_record *r = pcg_id_map_find_id(map, id);

        if (r != NULL)
            return r;
    }
    return NULL;
}

struct pcg_id_record *pcg_id_map_find_sub(const struct pcg_id_map *map, const char *sub)
{
    uint32_t h = pcg_id_index_hash(sub);
    struct pcg_id_record *r;

    for (size_t pos = 0; (r = next_under(map, &map->by_sub, h, &pos)) != NULL;)
        if (r->kind == PCG_ID_USER && strcmp(r->sub, sub) == 0)
            return r;
    return NULL;
}

struct pcg_id_record *pcg_id_map_find_group(const struct pcg_id_map *map, const char *name)
{
    uint32_t h = pcg_id_index_hash(name);
    struct pcg_id_record *r;

    for (size_t pos = 0; (r = next_under(map, &map->by_name, h, &pos)) != NULL;)
        if (r->kind == PCG_ID_GROUP && strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

/* The active record called name other than self, or NULL. */
static struct pcg_id_record *active_named(const struct pcg_id_map *map, const char *name,
                                          const struct pcg_id_record *self)
{
    uint32_t h = pcg_id_index_hash(name);
    struct pcg_id_record *r;

    for (size_t pos = 0; (r = next_under(map, &map->by_name, h, &pos)) != NULL;)
        if (r != self && r->state == PCG_ID_ACTIVE && strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

struct pcg_id_record *pcg_id_map_find_active_name(const struct pcg_id_map *map, const char *name)
{
    return active_named(map, name, NULL);
}

/* Inserts rec at its place by id and in the indexes; the caller has checked that the id is new. */
static enum pcg_id_map_status insert(struct pcg_id_map *map, const struct pcg_id_record *rec)
{
    size_t at;

    if (map->n == map->cap) {
        size_t cap = map->cap ? map->cap * 2 : 16;
        struct pcg_id_record *bigger = realloc(map->rec, cap * sizeof(*bigger));

        if (bigger == NULL)
            return PCG_ID_MAP_NOMEM;
        map->rec = bigger;
        map->cap = cap;
    }
    if (map->indexed && !index_record(&map->by_name, &map->by_sub, rec))
        return PCG_ID_MAP_NOMEM;
    at = lower_bound(map, rec->id);
    memmove(&map->rec[at + 1], &map->rec[at], (map->n - at) * sizeof(*rec));
    map->rec[at] = *rec;
    map->n++;
    return PCG_ID_MAP_OK;
}

static enum pcg_id_map_status set(struct pcg_id_map *map, enum pcg_id_kind kind, const char *sub,
                                  const char *name, unsigned long id, enum pcg_id_state state)
{
    struct pcg_id_record *self =
        kind == PCG_ID_USER ? pcg_id_map_find_sub(map, sub) : pcg_id_map_find_group(map, name);
    struct pcg_id_record *holder;
    struct pcg_id_record rec;

    if (!pcg_linux_name_valid(name) || pcg_id_reserved(id)
        || (state != PCG_ID_ACTIVE && state != PCG_ID_TOMBSTONE))
        return PCG_ID_MAP_INVALID;
    if (kind == PCG_ID_USER && !pcg_sub_valid(sub))
        return PCG_ID_MAP_INVALID;
    if (self != NULL && self->id != id)
        return PCG_ID_MAP_CHANGED;
    holder = pcg_id_map_find_id(map, id);
    if (holder != NULL && holder != self)
        return PCG_ID_MAP_DUPLICATE;
    if (state == PCG_ID_ACTIVE && active_named(map, name, self) != NULL)
        return PCG_ID_MAP_DUPLICATE;
    if (self != NULL) {
        if (map->indexed && strcmp(self->name, name) != 0) {
            if (!pcg_id_index_add(&map->by_name, pcg_id_index_hash(name), id))
                return PCG_ID_MAP_NOMEM;
            pcg_id_index_remove(&map->by_name, pcg_id_index_hash(self->name), id);
        }
        memcpy(self->name, name, strlen(name) + 1);
        self->state = state;
        return PCG_ID_MAP_OK;
    }
    memset(&rec, 0, sizeof(rec));
    rec.kind = kind;
    rec.id = id;
    rec.state = state;
    if (kind == PCG_ID_USER)
        memcpy(rec.sub, sub, strlen(sub) + 1);
    memcpy(rec.name, name, strlen(name) + 1);
    return insert(map, &rec);
}

enum pcg_id_map_status pcg_id_map_set_user(struct pcg_id_map *map, const char *sub,
                                           const char *name, unsigned long id,
                                           enum pcg_id_state state)
{
    return set(map, PCG_ID_USER, sub, name, id, state);
}

enum pcg_id_map_status pcg_id_map_set_group(struct pcg_id_map *map, const char *name,
                                            unsigned long id, enum pcg_id_state state)
{
    return set(map, PCG_ID_GROUP, "", name, id, state);
}

/* Strict decimal: no sign, no leading zero, no blanks, at most PCG_ID_MAP_LIMIT. */
bool pcg_id_parse(const char *s, size_t len, unsigned long max, unsigned long *id)
{
    unsigned long v = 0;

    if (len == 0 || len > 10 || (s[0] == '0' && len > 1))
        return false;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (unsigned long)(s[i] - '0');
    }
    if (v > max)
        return false;
    *id = v;
    return true;
}

/* Splits line (len bytes, no '\n') at single spaces into at most max fields; -1 on empty fields. */
static int split(const char *line, size_t len, const char **field, size_t *flen, int max)
{
    int n = 0;
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i < len && line[i] != ' ')
            continue;
        if (i == start || n == max)
            return -1;
        field[n] = line + start;
        flen[n] = i - start;
        n++;
        start = i + 1;
    }
    return n;
}

static bool field_is(const char *f, size_t len, const char *word)
{
    return strlen(word) == len && memcmp(f, word, len) == 0;
}

static bool copy_field(char *dst, size_t size, const char *f, size_t len)
{
    if (len >= size || memchr(f, '\0', len) != NULL)
        return false;
    memcpy(dst, f, len);
    dst[len] = '\0';
    return true;
}

static enum pcg_id_map_status parse_record(const char *line, size_t len, struct pcg_id_map *map)
{
    const char *f[5];
    size_t fl[5];
    int n = split(line, len, f, fl, 5);
    struct pcg_id_record rec;
    enum pcg_id_state state;
    unsigned long id;

    memset(&rec, 0, sizeof(rec));
    if (n < 4)
        return PCG_ID_MAP_BAD;
    if (field_is(f[0], fl[0], "user") && n == 5)
        rec.kind = PCG_ID_USER;
    else if (field_is(f[0], fl[0], "group") && n == 4)
        rec.kind = PCG_ID_GROUP;
    else
        return PCG_ID_MAP_BAD;
    if (!pcg_id_parse(f[1], fl[1], PCG_ID_MAP_LIMIT, &id) || pcg_id_reserved(id))
        return PCG_ID_MAP_BAD;
    if (map->n > 0 && map->rec[map->n - 1].id >= id)
        return PCG_ID_MAP_BAD; /* out of order or a duplicate id */
    if (field_is(f[2], fl[2], "active"))
        state = PCG_ID_ACTIVE;
    else if (field_is(f[2], fl[2], "tombstone"))
        state = PCG_ID_TOMBSTONE;
    else
        return PCG_ID_MAP_BAD;
    if (rec.kind == PCG_ID_USER && !copy_field(rec.sub, sizeof(rec.sub), f[3], fl[3]))
        return PCG_ID_MAP_BAD;
    if (!copy_field(rec.name, sizeof(rec.name), f[n - 1], fl[n - 1]))
        return PCG_ID_MAP_BAD;
    if (!pcg_linux_name_valid(rec.name) || (rec.kind == PCG_ID_USER && !pcg_sub_valid(rec.sub)))
        return PCG_ID_MAP_BAD;
    rec.id = id;
    rec.state = state;
    /* ids increase, so this appends; the other uniqueness rules are checked once, at the end */
    return insert(map, &rec);
}

struct keyed {
    const char *key;
    size_t index;
};

static int by_key_then_index(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);

    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

enum unique_key { KEY_USER_SUB, KEY_GROUP_NAME, KEY_ACTIVE_NAME };

/*
 * The smallest index of a record whose key (by kind: a user's sub, a group's
 * name, an active record's name) an earlier record has, else map->n; SIZE_MAX
 * when out of memory. Sorting makes the check O(n log n): the PAM module
 * parses the whole map at every login.
 */
static size_t first_repeat(const struct pcg_id_map *map, enum unique_key kind)
{
    struct keyed *k = malloc((map->n ? map->n : 1) * sizeof(*k));
    size_t n = 0, first = map->n;

    if (k == NULL)
        return SIZE_MAX;
    for (size_t i = 0; i < map->n; i++) {
        const struct pcg_id_record *r = &map->rec[i];

        if (kind == KEY_USER_SUB && r->kind == PCG_ID_USER)
            k[n++] = (struct keyed){ r->sub, i };
        else if (kind == KEY_GROUP_NAME && r->kind == PCG_ID_GROUP)
            k[n++] = (struct keyed){ r->name, i };
        else if (kind == KEY_ACTIVE_NAME && r->state == PCG_ID_ACTIVE)
            k[n++] = (struct keyed){ r->name, i };
    }
    qsort(k, n, sizeof(*k), by_key_then_index);
    for (size_t i = 1; i < n; i++)
        if (strcmp(k[i - 1].key, k[i].key) == 0 && k[i].index < first)
            first = k[i].index;
    free(k);
    return first;
}

/* Checks what parse_record does not: no repeated sub, group name or active name. */
static enum pcg_id_map_status check_unique(const struct pcg_id_map *map, size_t *bad_index)
{
    size_t first = map->n;

    for (enum unique_key kind = KEY_USER_SUB; kind <= KEY_ACTIVE_NAME; kind++) {
        size_t i = first_repeat(map, kind);

        if (i == SIZE_MAX)
            return PCG_ID_MAP_NOMEM;
        if (i < first)
            first = i;
    }
    *bad_index = first;
    return first < map->n ? PCG_ID_MAP_BAD : PCG_ID_MAP_OK;
}

enum pcg_id_map_status pcg_id_map_parse(const char *text, size_t len, struct pcg_id_map *map,
                                        size_t *bad_line)
{
    size_t pos = 0, line_no = 0;
    enum pcg_id_map_status st = PCG_ID_MAP_OK;

    pcg_id_map_init(map);
    *bad_line = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t line_len;

        line_no++;
        if (nl == NULL) {
            st = PCG_ID_MAP_BAD; /* a last line without '\n': a cut-off file */
            break;
        }
        line_len = (size_t)(nl - (text + pos));
        if (line_no == 1) {
            if (line_len != strlen(PCG_ID_MAP_HEADER)
                || memcmp(text + pos, PCG_ID_MAP_HEADER, line_len) != 0)
                st = PCG_ID_MAP_BAD;
        } else {
            st = parse_record(text + pos, line_len, map);
        }
        if (st != PCG_ID_MAP_OK)
            break;
        pos += line_len + 1;
    }
    if (st == PCG_ID_MAP_OK && line_no == 0) {
        st = PCG_ID_MAP_BAD; /* an empty file is not an empty map: the header is missing */
        line_no = 1;
    }
    if (st == PCG_ID_MAP_OK) {
        size_t bad_index = 0;

        st = check_unique(map, &bad_index);
        line_no = bad_index + 2; /* the header is line 1, then one record a line in order */
    }
    if (st != PCG_ID_MAP_OK) {
        *bad_line = line_no;
        pcg_id_map_free(map);
    }
    return st;
}

enum pcg_id_map_status pcg_id_map_render(const struct pcg_id_map *map, char **text, size_t *len)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    bool ok;

    *text = NULL;
    *len = 0;
    if (f == NULL)
        return PCG_ID_MAP_NOMEM;
    ok = fprintf(f, "%s\n", PCG_ID_MAP_HEADER) > 0;
    for (size_t i = 0; ok && i < map->n; i++) {
        const struct pcg_id_record *r = &map->rec[i];
        const char *state = r->state == PCG_ID_ACTIVE ? "active" : "tombstone";

        if (r->kind == PCG_ID_USER)
            ok = fprintf(f, "user %lu %s %s %s\n", r->id, state, r->sub, r->name) > 0;
        else
            ok = fprintf(f, "group %lu %s %s\n", r->id, state, r->name) > 0;
    }
    if (fclose(f) != 0 || !ok) {
        free(buf);
        return PCG_ID_MAP_NOMEM;
    }
    *text = buf;
    *len = size;
    return PCG_ID_MAP_OK;
}

enum pcg_id_map_status pcg_id_map_load(const char *path, struct pcg_id_map *map, size_t *bad_line,
                                       int *err)
{
    char *text;
    size_t len;
    bool exists;
    enum pcg_id_map_status st;

    pcg_id_map_init(map);
    *bad_line = 0;
    *err = pcg_atomic_file_read(path, &text, &len, &exists);
    if (*err != 0)
        return *err == ENOMEM ? PCG_ID_MAP_NOMEM : PCG_ID_MAP_IO;
    if (!exists)
        return PCG_ID_MAP_OK;
    st = pcg_id_map_parse(text, len, map, bad_line);
    free(text);
    return st;
}

enum pcg_id_map_status pcg_id_map_save(const char *path, const struct pcg_id_map *map,
                                       bool *written, int *err)
{
    char *text;
    size_t len;
    enum pcg_id_map_status st = pcg_id_map_render(map, &text, &len);

    *written = false;
    *err = 0;
    if (st != PCG_ID_MAP_OK)
        return st;
    *err = pcg_atomic_file_replace(path, text, len, 0644, written);
    free(text);
    return *err == 0 ? PCG_ID_MAP_OK : PCG_ID_MAP_IO;
}

/* Whether id is free on the host: neither a uid nor a gid. */
static enum pcg_id_map_status host_free(unsigned long id, const struct pcg_local_db *db,
                                        const char *own_name)
{
    struct pcg_local_hit hit;
    int rc[2];

    rc[0] = db->user_by_id(db->ctx, id, &hit);
    if (rc[0] > 0 && (own_name == NULL || strcmp(hit.name, own_name) != 0))
        return PCG_ID_MAP_IN_USE;
    rc[1] = db->group_by_id(db->ctx, id, &hit);
    if (rc[1] > 0 && (own_name == NULL || strcmp(hit.name, own_name) != 0))
        return PCG_ID_MAP_IN_USE;
    if (rc[0] < 0 || rc[1] < 0)
        return PCG_ID_MAP_LOOKUP_FAILED;
    return PCG_ID_MAP_OK;
}

enum pcg_id_map_status pcg_id_map_allocate(struct pcg_id_map *map, const struct pcg_id_range *range,
                                           const struct pcg_local_db *db, unsigned long *id)
{
    unsigned long cand = map->cursor > range->min ? map->cursor : range->min;

    if (range->min > range->max || range->max > PCG_ID_MAP_LIMIT)
        return PCG_ID_MAP_INVALID;
    for (; cand <= range->max; cand++) {
        enum pcg_id_map_status st;

        if (pcg_id_reserved(cand) || pcg_id_map_find_id(map, cand) != NULL)
            continue;
        st = host_free(cand, db, NULL);
        if (st == PCG_ID_MAP_IN_USE)
            continue;
        if (st != PCG_ID_MAP_OK)
            return st;
        map->cursor = cand;
        *id = cand;
        return PCG_ID_MAP_OK;
    }
    map->cursor = range->max;
    return PCG_ID_MAP_EXHAUSTED;
}

enum pcg_id_map_status pcg_id_map_check_claim(const struct pcg_id_map *map, const char *sub,
                                              unsigned long uid, const struct pcg_id_range *range,
                                              const struct pcg_local_db *db)
{
    const struct pcg_id_record *holder, *self;

    if (!pcg_sub_valid(sub))
        return PCG_ID_MAP_INVALID;
    if (uid < range->min || uid > range->max)
        return PCG_ID_MAP_OUT_OF_RANGE;
    if (pcg_id_reserved(uid))
        return PCG_ID_MAP_RESERVED;
    holder = pcg_id_map_find_id(map, uid);
    self = pcg_id_map_find_sub(map, sub);
    if (holder != NULL && holder != self)
        return PCG_ID_MAP_TAKEN;
    if (self != NULL && self->id != uid)
        return PCG_ID_MAP_CHANGED;
    /* the host serves sub's own entries back (extrausers): those are not "in use" */
    return host_free(uid, db, self != NULL && self->state == PCG_ID_ACTIVE ? self->name : NULL);
}

const char *pcg_id_map_reason(enum pcg_id_map_status status)
{
    switch (status) {
    case PCG_ID_MAP_OK:
        return "ok";
    case PCG_ID_MAP_BAD:
        return "the id map is malformed";
    case PCG_ID_MAP_NOMEM:
        return "out of memory";
    case PCG_ID_MAP_IO:
        return "the id map could not be read or written";
    case PCG_ID_MAP_EXHAUSTED:
        return "no free id left in the range";
    case PCG_ID_MAP_OUT_OF_RANGE:
        return "the id is outside the range";
    case PCG_ID_MAP_RESERVED:
        return "the id is reserved";
    case PCG_ID_MAP_TAKEN:
        return "the id belongs to another Cognito user or group";
    case PCG_ID_MAP_CHANGED:
        return "the user already has another id";
    case PCG_ID_MAP_IN_USE:
        return "the id is in use on this host";
    case PCG_ID_MAP_LOOKUP_FAILED:
        return "the id could not be looked up";
    case PCG_ID_MAP_INVALID:
        return "invalid sub, name or id";
    case PCG_ID_MAP_DUPLICATE:
        return "the id or name is already recorded for another user or group";
    }
    return "error";
}
