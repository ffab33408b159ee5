/* The TIMESTAMP of Cognito's PASSWORD_VERIFIER answer. */
#ifndef PCG_SRP_TIMESTAMP_H
#define PCG_SRP_TIMESTAMP_H

#include <stddef.h>
#include <time.h>

/* "Wed Sep 30 23:59:59 UTC 9999" + NUL fits. */
#define PCG_SRP_TIMESTAMP_LEN 32

/*
 * Writes t as "EEE MMM d HH:mm:ss UTC yyyy" in UTC with English names and the
 * day of the month not padded ("Wed Apr 5 22:42:34 UTC 2017"), whatever the
 * locale or TZ. Years outside 1000..9999 are refused. Returns 0, or -1
 * (out is then "").
 */
int pcg_srp_timestamp(time_t t, char *out, size_t outlen);

#endif
