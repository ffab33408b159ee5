/*
 * The sync's files as read back (accounts/id_map.c, accounts/nss_files.c):
 * the id map the PAM module parses at every login, and the extrausers
 * passwd and group files. Any bytes; a map that parses renders back to the
 * same bytes (the format has one spelling), and every line of the NSS files
 * is either parsed with numeric ids or kept unparsed, never dropped.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "accounts/id_map.h"
#include "accounts/nss_files.h"

static void map_round_trips(const uint8_t *data, size_t size)
{
    struct pcg_id_map map;
    size_t bad_line = 0, len = 0;
    char *text = NULL;

    if (pcg_id_map_parse((const char *)data, size, &map, &bad_line) != PCG_ID_MAP_OK)
        return;
    if (pcg_id_map_render(&map, &text, &len) != PCG_ID_MAP_OK)
        abort();
    if (len != size || memcmp(text, data, size) != 0)
        abort();
    free(text);
    pcg_id_map_free(&map);
}

static void nss_lines_kept(const uint8_t *data, size_t size, enum pcg_nss_kind kind)
{
    struct pcg_nss_file file = { 0 };
    size_t newlines = 0;

    for (size_t i = 0; i < size; i++)
        newlines += data[i] == '\n';
    if (pcg_nss_parse(kind, (const char *)data, size, &file) != 0)
        return;
    if (file.n < newlines || file.n > newlines + 1)
        abort();
    pcg_nss_free(&file);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    map_round_trips(data, size);
    nss_lines_kept(data, size, PCG_NSS_PASSWD);
    nss_lines_kept(data, size, PCG_NSS_GROUP);
    return 0;
}
