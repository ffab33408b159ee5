/*
 * What the network gives `cognito-mfa sync`: ListUsersInGroup pages from the
 * fuzzer (fake_client.h) through the directory listing (directory_list.c)
 * into a plan (sync_plan.c), twice (the second run from the first's map and
 * files). Input: one byte of settings, then the pages. Checks: no crash, no
 * leak; a listing that is not complete plans nothing; every user of a
 * listing has a sub and a group; the map renders and parses back; every
 * line of the planned files parses, is owned by the new map and names a
 * valid Linux name; only the host's free names and ids are taken.
 */
#include "config.h"

#include <stdio.h>

#include "accounts/directory_list.h"
#include "accounts/local_db_table.h"
#include "accounts/sync_plan.h"
#include "fake_client.h"
#include "fuzz_util.h"

static const char *const groups[] = { "ops", "Ops-Admin" };
/* The host: names and ids the sync must never take. */
static const char *const host_users[] = { "root:0", "alice:10000", "sudo:10005", NULL };
static const char *const host_groups[] = { "root:0", "sudo:27", "ops:10001", "staff:10002", NULL };

static bool host_has(const char *const *list, const struct pcg_nss_line *l)
{
    for (size_t i = 0; list[i] != NULL; i++) {
        const char *colon = strchr(list[i], ':');
        size_t len = (size_t)(colon - list[i]);

        if ((strlen(l->field[0]) == len && strncmp(l->field[0], list[i], len) == 0)
            || strtoul(colon + 1, NULL, 10) == l->id)
            return true;
    }
    return false;
}

/* The planned text of one file: parses, every line ours by map, valid, clear of the host. */
static void check_file(enum pcg_nss_kind kind, const char *text, size_t len,
                       const struct pcg_id_map *map, struct pcg_nss_file *out)
{
    if (pcg_nss_parse(kind, text, len, out) != 0)
        abort();
    pcg_nss_mark_owned(out, map);
    for (size_t i = 0; i < out->n; i++) {
        const struct pcg_nss_line *l = &out->line[i];

        if (!l->parsed || !l->owned || !pcg_linux_name_valid(l->field[0]) || pcg_id_reserved(l->id))
            abort();
        if (host_has(host_users, l) || host_has(host_groups, l))
            abort();
    }
}

static void check_map(const struct pcg_id_map *map)
{
    struct pcg_id_map back;
    char *text;
    size_t len, bad;

    if (pcg_id_map_render(map, &text, &len) != PCG_ID_MAP_OK)
        abort();
    if (pcg_id_map_parse(text, len, &back, &bad) != PCG_ID_MAP_OK || back.n != map->n)
        abort();
    pcg_id_map_free(&back);
    free(text);
}

/* One run: list, plan; the plan's files and map become *passwd, *group and *map. */
static void run(struct pcg_client *client, const struct pcg_directory_names *names,
                const struct pcg_sync_config *cfg, const struct pcg_local_db *db,
                struct pcg_id_map *map, struct pcg_nss_file *passwd, struct pcg_nss_file *group)
{
    struct pcg_directory dir;
    struct pcg_sync_plan plan;
    struct pcg_nss_file new_passwd, new_group;
    enum pcg_sync_status st;
    char err[512];

    pcg_directory_list(client, "us-east-1_FuzzPool1", groups, 2, names, &dir, err, sizeof(err));
    for (size_t i = 0; i < dir.listing.n; i++)
        if (dir.listing.users[i].sub == NULL || dir.listing.users[i].group == NULL)
            abort();
    st = pcg_sync_plan_make(&dir.listing, cfg, map, passwd, group, db, &plan);
    if (!dir.listing.complete && st != PCG_SYNC_PARTIAL)
        abort();
    if (st == PCG_SYNC_OK || st == PCG_SYNC_TOO_MANY_REMOVALS) {
        check_map(&plan.map);
        check_file(PCG_NSS_PASSWD, plan.passwd, plan.passwd_len, &plan.map, &new_passwd);
        check_file(PCG_NSS_GROUP, plan.group, plan.group_len, &plan.map, &new_group);
        pcg_nss_free(passwd);
        pcg_nss_free(group);
        *passwd = new_passwd;
        *group = new_group;
        pcg_id_map_free(map);
        if (pcg_id_map_copy(map, &plan.map) != PCG_ID_MAP_OK)
            abort();
    }
    pcg_sync_plan_free(&plan);
    pcg_directory_free(&dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct pcg_client_opts opts = { .endpoint = "https://localhost:1/" };
    struct pcg_local_db_table table = { .users = host_users, .groups = host_groups };
    struct pcg_directory_names names = { PCG_USERATTR_USERNAME, "%u", NULL };
    struct pcg_sync_config cfg = {
        .groups = groups,
        .n_groups = 2,
        .range = { 10000, 10020 }, /* small: exhaustion is reached */
        .shell = "/bin/bash",
        .home_base = "/home",
        .max_removal_percent = 10,
    };
    struct pcg_nss_file passwd = { .kind = PCG_NSS_PASSWD }, group = { .kind = PCG_NSS_GROUP };
    struct pcg_local_db db;
    struct pcg_id_map map;
    struct pcg_client *client;

    if (size < 1)
        return 0;
    if (data[0] & 1)
        names.attribute = PCG_USERATTR_EMAIL;
    if (data[0] & 2)
        names.uid_attribute = "custom:posix_uid";
    if (data[0] & 4)
        names.username_template = "corp-%u";
    if (data[0] & 8)
        cfg.group_prefix = "cg-";
    cfg.force = (data[0] & 16) != 0;
    pcg_local_db_table_init(&db, &table);
    pcg_id_map_init(&map);
    client = pcg_client_new(&opts);
    if (client == NULL)
        abort();
    pcg_fake_client_script(data + 1, size - 1);
    run(client, &names, &cfg, &db, &map, &passwd, &group);
    run(client, &names, &cfg, &db, &map, &passwd, &group); /* the rest of the script */
    pcg_client_free(client);
    pcg_id_map_free(&map);
    pcg_nss_free(&passwd);
    pcg_nss_free(&group);
    return 0;
}
