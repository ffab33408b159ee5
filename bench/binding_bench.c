/*
 * Benchmark, not a test: the time the PAM module spends at each login on
 * the sync's id map (read, parse, look up one account: pam/account_binding.c)
 * for a map of N accounts. Prints one row: N, the map's size, the median
 * and the slowest of RUNS lookups.
 * Usage: binding_bench DIR N RUNS  (DIR: an empty directory of the caller's)
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pam/account_binding.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    char path[4096], name[32], sub[PCG_SUB_MAX + 1], why[256];
    long n, runs;
    double *t;
    FILE *f;
    struct stat st;

    if (argc != 4 || (n = atol(argv[2])) < 1 || n > 50000 || (runs = atol(argv[3])) < 1)
        return 2;
    snprintf(path, sizeof(path), "%s/idmap", argv[1]);
    f = fopen(path, "w");
    if (f == NULL)
        return 1;
    fprintf(f, "pam_cognito-idmap 1\n");
    for (long i = 0; i < n; i++)
        fprintf(f, "user %ld active %08lx-1111-4222-8333-%012lx u%05ld\n", 10000 + i, i, i, i);
    fclose(f);
    chmod(path, 0644);
    stat(path, &st);
    t = calloc((size_t)runs, sizeof(*t));
    if (t == NULL)
        return 1;
    snprintf(name, sizeof(name), "u%05ld", n - 1); /* the last record: a full scan */
    for (long r = 0; r < runs; r++) {
        double start = now_ms();

        if (pcg_account_binding(argv[1], "idmap", geteuid(), name, (uid_t)(10000 + n - 1), sub, why,
                                sizeof(why))
            != PCG_BINDING_BY_SUB) {
            fprintf(stderr, "binding_bench: %s\n", why);
            return 1;
        }
        t[r] = now_ms() - start;
    }
    qsort(t, (size_t)runs, sizeof(*t), by_value);
    printf("| %6ld | %8.1f KiB | %8.2f ms | %8.2f ms |\n", n, st.st_size / 1024.0, t[runs / 2],
           t[runs - 1]);
    free(t);
    return 0;
}
