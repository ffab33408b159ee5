#include "config.h"

#include "accounts/nss_files.h"

#include "accounts/atomic_file.h"
#include "accounts/id_map.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_id(const char *s, unsigned long *id)
{
    return pcg_id_parse(s, strlen(s), 4294967295ul, id); /* any 32-bit id a foreign line holds */
}

/* Fills l's fields from raw; l->parsed says whether it has the kind's shape. */
static int split_line(enum pcg_nss_kind kind, struct pcg_nss_line *l)
{
    size_t want = kind == PCG_NSS_PASSWD ? 7 : 4, n = 0;
    char *copy = strdup(l->raw), *p;
    unsigned long gid;

    if (copy == NULL)
        return ENOMEM;
    l->field[0] = copy;
    for (p = copy; *p != '\0'; p++) {
        if (*p != ':')
            continue;
        if (++n >= want)
            break;
        *p = '\0';
        l->field[n] = p + 1;
    }
    l->parsed = *p == '\0' && n + 1 == want && l->field[0][0] != '\0'
        && parse_id(l->field[2], &l->id) && (kind == PCG_NSS_GROUP || parse_id(l->field[3], &gid));
    if (!l->parsed) {
        free(copy);
        memset(l->field, 0, sizeof(l->field));
    }
    return 0;
}

void pcg_nss_free(struct pcg_nss_file *file)
{
    for (size_t i = 0; i < file->n; i++) {
        free(file->line[i].raw);
        free(file->line[i].field[0]);
    }
    free(file->line);
    free(file->by_name);
    free(file->by_id);
    *file = (struct pcg_nss_file){ .kind = file->kind };
}

/* Orders by name, ties in file order (line addresses are in file order). */
static int line_by_name(const void *a, const void *b)
{
    const struct pcg_nss_line *x = *(struct pcg_nss_line *const *)a;
    const struct pcg_nss_line *y = *(struct pcg_nss_line *const *)b;
    int c = strcmp(x->field[0], y->field[0]);

    return c != 0 ? c : (x > y) - (x < y);
}

static int line_by_id(const void *a, const void *b)
{
    const struct pcg_nss_line *x = *(struct pcg_nss_line *const *)a;
    const struct pcg_nss_line *y = *(struct pcg_nss_line *const *)b;

    return x->id != y->id ? (x->id > y->id) - (x->id < y->id) : (x > y) - (x < y);
}

static int index_lines(struct pcg_nss_file *file)
{
    file->by_name = malloc((file->n + 1) * sizeof(*file->by_name));
    file->by_id = malloc((file->n + 1) * sizeof(*file->by_id));
    if (file->by_name == NULL || file->by_id == NULL)
        return ENOMEM;
    for (size_t i = 0; i < file->n; i++)
        if (file->line[i].parsed) {
            file->by_name[file->n_parsed] = file->by_id[file->n_parsed] = &file->line[i];
            file->n_parsed++;
        }
    qsort(file->by_name, file->n_parsed, sizeof(*file->by_name), line_by_name);
    qsort(file->by_id, file->n_parsed, sizeof(*file->by_id), line_by_id);
    return 0;
}

/* The run of sorted[0..n) that cmp (key against a line: <0, 0, >0) calls equal. */
static struct pcg_nss_line *const *equal_run(struct pcg_nss_line *const *sorted, size_t n,
                                             const void *key,
                                             int (*cmp)(const void *, const struct pcg_nss_line *),
                                             size_t *count)
{
    size_t lo = 0, hi = n, end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp(key, sorted[mid]) > 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (end = lo; end < n && cmp(key, sorted[end]) == 0; end++)
        ;
    *count = end - lo;
    return sorted != NULL ? sorted + lo : NULL;
}

static int name_vs_line(const void *key, const struct pcg_nss_line *l)
{
    return strcmp(key, l->field[0]);
}

static int id_vs_line(const void *key, const struct pcg_nss_line *l)
{
    unsigned long id = *(const unsigned long *)key;

    return (id > l->id) - (id < l->id);
}

struct pcg_nss_line *const *pcg_nss_named(const struct pcg_nss_file *file, const char *name,
                                          size_t *count)
{
    return equal_run(file->by_name, file->n_parsed, name, name_vs_line, count);
}

struct pcg_nss_line *const *pcg_nss_with_id(const struct pcg_nss_file *file, unsigned long id,
                                            size_t *count)
{
    return equal_run(file->by_id, file->n_parsed, &id, id_vs_line, count);
}

int pcg_nss_parse(enum pcg_nss_kind kind, const char *text, size_t len, struct pcg_nss_file *file)
{
    size_t pos = 0, cap = 0;

    memset(file, 0, sizeof(*file));
    file->kind = kind;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t line_len = nl != NULL ? (size_t)(nl - (text + pos)) : len - pos;
        struct pcg_nss_line *l;

        if (file->n == cap) {
            struct pcg_nss_line *bigger;

            cap = cap ? cap * 2 : 32;
            bigger = realloc(file->line, cap * sizeof(*bigger));
            if (bigger == NULL)
                goto nomem;
            file->line = bigger;
        }
        l = &file->line[file->n];
        memset(l, 0, sizeof(*l));
        l->raw = strndup(text + pos, line_len);
        if (l->raw == NULL)
            goto nomem;
        file->n++;
        /* a NUL inside a line: kept verbatim, never parsed */
        if (strlen(l->raw) == line_len && split_line(kind, l) != 0)
            goto nomem;
        pos += line_len + 1;
    }
    if (index_lines(file) == 0)
        return 0;
nomem:
    pcg_nss_free(file);
    return ENOMEM;
}

int pcg_nss_load(enum pcg_nss_kind kind, const char *path, struct pcg_nss_file *file)
{
    char *text;
    size_t len;
    bool exists;
    int err = pcg_atomic_file_read(path, &text, &len, &exists);

    memset(file, 0, sizeof(*file));
    file->kind = kind;
    if (err != 0)
        return err;
    if (!exists)
        return 0;
    err = pcg_nss_parse(kind, text, len, file);
    free(text);
    return err;
}

const char *pcg_nss_passwd_sub(const struct pcg_nss_line *line)
{
    size_t m = strlen(PCG_NSS_GECOS_MARKER);

    if (!line->parsed || line->field[4] == NULL
        || strncmp(line->field[4], PCG_NSS_GECOS_MARKER, m) != 0)
        return NULL;
    return pcg_sub_valid(line->field[4] + m) ? line->field[4] + m : NULL;
}

void pcg_nss_mark_owned(struct pcg_nss_file *file, const struct pcg_id_map *map)
{
    for (size_t i = 0; i < file->n; i++) {
        struct pcg_nss_line *l = &file->line[i];
        const struct pcg_id_record *r = l->parsed ? pcg_id_map_find_id(map, l->id) : NULL;

        l->owned = false;
        if (r == NULL)
            continue;
        if (file->kind == PCG_NSS_PASSWD) {
            const char *sub = pcg_nss_passwd_sub(l);

            l->owned = r->kind == PCG_ID_USER && sub != NULL && strcmp(sub, r->sub) == 0;
        } else {
            l->owned = strcmp(l->field[0], r->name) == 0;
        }
    }
}

static int by_name(const void *a, const void *b);

int pcg_nss_group_members(const struct pcg_nss_line *line, const char ***members, size_t *n)
{
    const char *list = line->parsed && line->field[3] != NULL ? line->field[3] : "";
    size_t slots = 1, len = strlen(list);
    char *copy, *save = NULL;

    for (const char *p = list; *p != '\0'; p++)
        slots += *p == ',';
    *n = 0;
    *members = malloc(slots * sizeof(**members) + len + 1);
    if (*members == NULL)
        return ENOMEM;
    copy = memcpy((char *)(*members + slots), list, len + 1);
    for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
        (*members)[(*n)++] = t;
    qsort(*members, *n, sizeof(**members), by_name);
    return 0;
}

bool pcg_nss_path_valid(const char *path)
{
    size_t len = path != NULL ? strlen(path) : 0;

    if (len == 0 || len >= PCG_NSS_PATH_MAX || path[0] != '/' || strstr(path, "..") != NULL)
        return false;
    return strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._+-")
        == len;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool id_ok(unsigned long id)
{
    return !pcg_id_reserved(id);
}

struct entry_key {
    const char *name;
    unsigned long id;
    size_t index;
};

static int key_by_name(const void *a, const void *b)
{
    const struct entry_key *x = a, *y = b;
    int c = strcmp(x->name, y->name);

    return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

static int key_by_id(const void *a, const void *b)
{
    const struct entry_key *x = a, *y = b;

    if (x->id != y->id)
        return (x->id > y->id) - (x->id < y->id);
    return (x->index > y->index) - (x->index < y->index);
}

/* The smallest index in k[0..n) whose name or id an earlier entry has (n when none). Sorts k. */
static size_t first_repeat(struct entry_key *k, size_t n)
{
    size_t first = n;

    qsort(k, n, sizeof(*k), key_by_name);
    for (size_t i = 1; i < n; i++)
        if (strcmp(k[i - 1].name, k[i].name) == 0 && k[i].index < first)
            first = k[i].index;
    qsort(k, n, sizeof(*k), key_by_id);
    for (size_t i = 1; i < n; i++)
        if (k[i - 1].id == k[i].id && k[i].index < first)
            first = k[i].index;
    return first;
}

/* Opens the output and copies current's foreign lines. */
static FILE *start(const struct pcg_nss_file *current, char **text, size_t *len)
{
    FILE *f = open_memstream(text, len);

    for (size_t i = 0; f != NULL && current != NULL && i < current->n; i++)
        if (!current->line[i].owned)
            fprintf(f, "%s\n", current->line[i].raw);
    return f;
}

static int finish(FILE *f, int err, char **text, size_t *len)
{
    if (f == NULL)
        return ENOMEM;
    if (ferror(f) && err == 0)
        err = ENOMEM;
    if (fclose(f) != 0 && err == 0)
        err = ENOMEM;
    if (err != 0) {
        free(*text);
        *text = NULL;
        *len = 0;
    }
    return err;
}

/* Whether ours[i] can be written; its key (name and id) in *key. */
static bool passwd_entry_ok(const void *ours, size_t i, struct entry_key *key)
{
    const struct pcg_passwd_entry *e = (const struct pcg_passwd_entry *)ours + i;
    char home[PCG_NSS_PATH_MAX + PCG_LINUX_NAME_SIZE];

    snprintf(home, sizeof(home), "%s/%s", e->home_base ? e->home_base : "", e->name ? e->name : "");
    *key = (struct entry_key){ e->name, e->uid, i };
    return e->name != NULL && pcg_linux_name_valid(e->name) && pcg_sub_valid(e->sub)
        && id_ok(e->uid) && pcg_nss_path_valid(e->home_base) && pcg_nss_path_valid(e->shell)
        && pcg_nss_path_valid(home);
}

static bool group_entry_ok(const void *ours, size_t i, struct entry_key *key)
{
    const struct pcg_group_entry *e = (const struct pcg_group_entry *)ours + i;

    *key = (struct entry_key){ e->name, e->gid, i };
    if (e->name == NULL || !pcg_linux_name_valid(e->name) || !id_ok(e->gid))
        return false;
    for (size_t m = 0; m < e->n_members; m++)
        if (e->members[m] == NULL || !pcg_linux_name_valid(e->members[m]))
            return false;
    return true;
}

static int put_passwd(FILE *f, const void *ours, size_t i)
{
    const struct pcg_passwd_entry *e = (const struct pcg_passwd_entry *)ours + i;

    fprintf(f, "%s:*:%lu:%lu:" PCG_NSS_GECOS_MARKER "%s:%s/%s:%s\n", e->name, e->uid, e->uid,
            e->sub, e->home_base, e->name, e->shell);
    return 0;
}

/* One group line, members sorted and each written once. */
static int put_group(FILE *f, const void *ours, size_t i)
{
    const struct pcg_group_entry *e = (const struct pcg_group_entry *)ours + i;
    const char **members = calloc(e->n_members + 1, sizeof(*members));

    if (members == NULL)
        return ENOMEM;
    if (e->n_members > 0)
        memcpy(members, e->members, e->n_members * sizeof(*members));
    qsort(members, e->n_members, sizeof(*members), by_name);
    fprintf(f, "%s:*:%lu:", e->name, e->gid);
    for (size_t m = 0; m < e->n_members; m++) {
        if (m > 0 && strcmp(members[m], members[m - 1]) == 0)
            continue; /* a member listed twice is written once */
        fprintf(f, "%s%s", m > 0 ? "," : "", members[m]);
    }
    fputc('\n', f);
    free(members);
    return 0;
}

/*
 * Both renders: check ours[0..n) (ok) up to the first entry at fault, the
 * first invalid one or one repeating an earlier name or id (EINVAL, *bad);
 * then current's foreign lines and ours by id (put).
 */
static int render(const struct pcg_nss_file *current, const void *ours, size_t n,
                  bool (*ok)(const void *, size_t, struct entry_key *),
                  int (*put)(FILE *, const void *, size_t), char **text, size_t *len, size_t *bad)
{
    struct entry_key *keys = calloc(n ? n : 1, sizeof(*keys));
    size_t valid = 0, repeat;
    FILE *f;
    int err = 0;

    *text = NULL;
    *len = 0;
    *bad = 0;
    if (keys == NULL)
        return ENOMEM;
    while (valid < n && ok(ours, valid, &keys[valid]))
        valid++;
    repeat = first_repeat(keys, valid); /* keys end in id order */
    if (repeat < valid || valid < n) {
        *bad = repeat < valid ? repeat : valid;
        free(keys);
        return EINVAL;
    }
    f = start(current, text, len);
    for (size_t i = 0; f != NULL && err == 0 && i < n; i++)
        err = put(f, ours, keys[i].index);
    free(keys);
    return finish(f, err, text, len);
}

int pcg_nss_render_passwd(const struct pcg_nss_file *current, const struct pcg_passwd_entry *ours,
                          size_t n, char **text, size_t *len, size_t *bad)
{
    return render(current, ours, n, passwd_entry_ok, put_passwd, text, len, bad);
}

int pcg_nss_render_group(const struct pcg_nss_file *current, const struct pcg_group_entry *ours,
                         size_t n, char **text, size_t *len, size_t *bad)
{
    return render(current, ours, n, group_entry_ok, put_group, text, len, bad);
}

int pcg_nss_write(const char *path, const char *text, size_t len, bool *written)
{
    return pcg_atomic_file_replace(path, text, len, 0644, written);
}
