/* SPDX-License-Identifier: MIT */
/*
 * Civil dates and UTC text by integer arithmetic; see orp_civil.h.
 */
#include <stdio.h>

#include "orp_civil.h"

int64_t
orp_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                   /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void
orp_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

size_t
orp_format_utc(int64_t t, int ms, const char *zone, char *buf, size_t n)
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
    orp_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d%s", (long long)y, m, d,
                       (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), ms, zone);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}
