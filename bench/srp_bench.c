/*
 * Times one client-side SRP computation as a login does it: draw a and
 * compute A (pcg_srp_new), then the PASSWORD_VERIFIER answer (timestamp +
 * pcg_srp_password_claim). Prints "runs=N median_ms=M min_ms=L max_ms=H".
 * Usage: srp_bench [RUNS]   (default 25, at least 20)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/opensslv.h>

#include "cognito/srp.h"
#include "cognito/srp_timestamp.h"
#include "../tests/unit/srp_vectors.h"

#define MIN_RUNS 20
#define WARMUP_RUNS 3

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* One login's SRP work; 0 on success. */
static int one_computation(const struct srp_vector *v)
{
    struct pcg_srp *srp = NULL;
    char ts[PCG_SRP_TIMESTAMP_LEN], sig[PCG_SRP_SIGNATURE_LEN];
    int rc = -1;

    if (pcg_srp_new(&srp) != PCG_SRP_OK || pcg_srp_public_a_hex(srp) == NULL)
        goto out;
    if (pcg_srp_timestamp(time(NULL), ts, sizeof ts) != 0)
        goto out;
    if (pcg_srp_password_claim(srp, v->pool_name, v->user_id, v->password, v->salt_hex,
                               v->srp_b_hex, v->secret_block_b64, ts, sig, sizeof sig)
        != PCG_SRP_OK)
        goto out;
    rc = 0;
out:
    pcg_srp_free(srp);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 25;
    double *times;
    int rc = 1;

    if (runs < MIN_RUNS)
        runs = MIN_RUNS;
    times = calloc((size_t)runs, sizeof *times);
    if (times == NULL)
        return 1;
    for (int i = 0; i < WARMUP_RUNS; i++)
        if (one_computation(&srp_vectors[0]) != 0)
            goto out;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();

        if (one_computation(&srp_vectors[0]) != 0)
            goto out;
        times[i] = now_ms() - t0;
    }
    qsort(times, (size_t)runs, sizeof *times, compare_double);
    printf("runs=%d median_ms=%.3f min_ms=%.3f max_ms=%.3f impl=%s\n", runs,
           runs % 2 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2, times[0],
           times[runs - 1], OPENSSL_VERSION_TEXT);
    rc = 0;
out:
    if (rc != 0)
        fprintf(stderr, "srp_bench: SRP computation failed\n");
    free(times);
    return rc;
}
