/* SPDX-License-Identifier: MIT */
/*
 * UTC date-time text for request filters.  The conversion is pure integer
 * arithmetic (Howard Hinnant's civil_from_days), so it never depends on TZ,
 * the C library's zone database or locale.
 */
#include <stdio.h>

#include "salesfinity.h"

/* Days since 1970-01-01 to proleptic Gregorian year, month (1..12), day. */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                  /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);           /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                /* [0, 11] */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

size_t sf_format_utc(int64_t t, int ms, char *buf, size_t n)
{
    int64_t days = t / 86400;
    int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    int64_t y = 0;
    int m = 0;
    int d = 0;
    civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
                       (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), ms);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}
