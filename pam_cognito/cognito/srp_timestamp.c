#include "config.h"

#include "cognito/srp_timestamp.h"

#include <stdio.h>

/* Fixed tables: strftime's %a/%b would follow LC_TIME, Cognito wants English. */
static const char *const weekday_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

int pcg_srp_timestamp(time_t t, char *out, size_t outlen)
{
    struct tm tm;
    int rc = -1;
    int n;

    if (out == NULL || outlen == 0)
        return -1;
    out[0] = '\0';
    if (gmtime_r(&t, &tm) == NULL)
        goto out;
    if (tm.tm_wday < 0 || tm.tm_wday > 6 || tm.tm_mon < 0 || tm.tm_mon > 11
        || tm.tm_year < 1000 - 1900 || tm.tm_year > 9999 - 1900)
        goto out;
    n = snprintf(out, outlen, "%s %s %d %02d:%02d:%02d UTC %d", weekday_names[tm.tm_wday],
                 month_names[tm.tm_mon], tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                 tm.tm_year + 1900);
    if (n < 0 || (size_t)n >= outlen)
        goto out;
    rc = 0;
out:
    if (rc != 0)
        out[0] = '\0';
    return rc;
}
