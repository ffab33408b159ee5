#include "config.h"

#include "memory_scan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MASK 0xA5
#define MAX_NEEDLES 16
#define CHUNK (1024 * 1024)
#define MAPS_MAX (1024 * 1024)
/* Sanitizer shadow memory is terabytes of mostly untouched pages: not ours. */
#define REGION_MAX ((uint64_t)1 << 30)
#define HITS_SHOWN 4
#define CONTEXT 24

struct needle {
    unsigned char *masked;
    size_t len;
    bool digits;
    long hits;
};

static struct needle needles[MAX_NEEDLES];
static size_t n_needles;

int pcg_scan_remember(const char *s, size_t len)
{
    struct needle *nd;

    if (n_needles == MAX_NEEDLES || len == 0)
        return 0;
    nd = &needles[n_needles];
    nd->masked = malloc(len);
    if (nd->masked == NULL)
        return -1;
    nd->digits = true;
    for (size_t i = 0; i < len; i++) {
        nd->masked[i] = (unsigned char)s[i] ^ MASK;
        if (s[i] < '0' || s[i] > '9')
            nd->digits = false;
    }
    nd->len = len;
    n_needles++;
    return 0;
}

static bool is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static bool matches(const struct needle *nd, const unsigned char *p)
{
    for (size_t j = 0; j < nd->len; j++)
        if ((unsigned char)(p[j] ^ MASK) != nd->masked[j])
            return false;
    return true;
}

static void show(FILE *out, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(p[i] >= 0x20 && p[i] < 0x7f && p[i] != '|' ? p[i] : '.', out);
}

/* Scans buf[0..len) (addresses from base); only matches starting before limit count. */
static void scan_buffer(FILE *out, const unsigned char *buf, size_t len, size_t limit,
                        const char *name, uint64_t region_start, uint64_t base)
{
    for (size_t k = 0; k < n_needles; k++) {
        struct needle *nd = &needles[k];
        unsigned char first = nd->masked[0] ^ MASK;
        const unsigned char *p = buf;

        while (len >= nd->len && (size_t)(p - buf) <= len - nd->len) {
            size_t at;

            p = memchr(p, first, len - nd->len + 1 - (size_t)(p - buf));
            if (p == NULL)
                break;
            at = (size_t)(p - buf);
            if (at < limit && matches(nd, p)
                && !(nd->digits
                     && ((at > 0 && is_digit(p[-1]))
                         || (at + nd->len < len && is_digit(p[nd->len]))))) {
                if (nd->hits < HITS_SHOWN) {
                    size_t before = at < CONTEXT ? at : CONTEXT;
                    size_t after = len - at - nd->len < CONTEXT ? len - at - nd->len : CONTEXT;

                    fprintf(out, "SCANHIT %zu %s +%#llx ", k, name,
                            (unsigned long long)(base + at - region_start));
                    show(out, p - before, before);
                    fputc('|', out);
                    show(out, p + nd->len, after);
                    fputc('\n', out);
                }
                nd->hits++;
            }
            p++;
        }
    }
}

static void scan_region(FILE *out, int mem, unsigned char *chunk, uint64_t start, uint64_t end,
                        const char *name, size_t overlap)
{
    for (uint64_t at = start; at < end; at += CHUNK) {
        size_t want = (size_t)(end - at < CHUNK + overlap ? end - at : CHUNK + overlap);
        ssize_t got = pread(mem, chunk, want, (off_t)at);

        if (got <= 0)
            return; /* guard pages and the like cannot be read */
        scan_buffer(out, chunk, (size_t)got, CHUNK, name, start, at);
        /* Zeroed, so reading the chunk's own pages later finds nothing stale. */
        memset(chunk, 0, (size_t)got);
    }
}

long pcg_scan_report(FILE *out)
{
    size_t chunk_len = CHUNK + 4096, overlap = 0, used = 0;
    unsigned char *chunk = MAP_FAILED;
    char *maps = MAP_FAILED;
    int mem = -1, fd = -1;
    long total = -1;
    ssize_t n;

    for (size_t k = 0; k < n_needles; k++)
        if (needles[k].len > overlap)
            overlap = needles[k].len;
    if (overlap > 4096)
        overlap = 4096;
    chunk = mmap(NULL, chunk_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    maps = mmap(NULL, MAPS_MAX, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED || maps == MAP_FAILED)
        goto out;
    fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC);
    mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    if (fd < 0 || mem < 0)
        goto out;
    while (used < MAPS_MAX - 1 && (n = read(fd, maps + used, MAPS_MAX - 1 - used)) != 0) {
        if (n < 0) {
            if (errno == EINTR)
                continue;
            goto out;
        }
        used += (size_t)n;
    }
    maps[used] = '\0';

    for (char *line = maps, *next; *line != '\0'; line = next) {
        unsigned long long start, end;
        char perms[8], name[256] = "[anon]";
        int consumed = 0;

        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        else
            next = line + strlen(line);
        if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %n", &start, &end, perms, &consumed) < 3)
            continue;
        if (consumed > 0 && line[consumed] != '\0')
            snprintf(name, sizeof(name), "%s", line + consumed);
        /* Only memory the process can write holds copies of what it was given. */
        if (perms[0] != 'r' || perms[1] != 'w' || end - start > REGION_MAX)
            continue;
        scan_region(out, mem, chunk, start, end, name, overlap);
    }
    total = 0;
    for (size_t k = 0; k < n_needles; k++) {
        fprintf(out, "SCAN %zu %ld\n", k, needles[k].hits);
        total += needles[k].hits;
    }
out:
    if (fd >= 0)
        close(fd);
    if (mem >= 0)
        close(mem);
    if (chunk != MAP_FAILED)
        munmap(chunk, chunk_len);
    if (maps != MAP_FAILED)
        munmap(maps, MAPS_MAX);
    fflush(out);
    return total;
}
