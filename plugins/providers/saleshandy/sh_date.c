/* SPDX-License-Identifier: MIT */
/*
 * Calendar dates as day numbers, and UTC text for request bodies.  Pure
 * integer arithmetic (Howard Hinnant's days_from_civil / civil_from_days),
 * so nothing depends on TZ, the C library's zone database or the locale.
 */
#include <stdio.h>
#include <time.h>

#include "saleshandy.h"

int64_t sh_days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                     /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;             /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

void sh_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

int sh_days_in_month(int64_t y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) {
        return 0;
    }
    if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) {
        return 29;
    }
    return days[m - 1];
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

int sh_parse_day(const char *s, int64_t *days)
{
    int y = 0;
    int m = 0;
    int d = 0;
    if (s == NULL) {
        return 0;
    }
    /* digits() stops at the first non-digit, so a short string fails before its NUL. */
    if (!digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &m) || s[7] != '-' ||
        !digits(s + 8, 2, &d)) {
        return 0;
    }
    if (s[10] != '\0' && s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
        return 0;
    }
    if (y < 1 || d < 1 || d > sh_days_in_month(y, m)) {
        return 0;
    }
    *days = sh_days_from_civil(y, m, d);
    return 1;
}

size_t sh_format_day(int64_t days, char *buf, size_t n)
{
    int64_t y = 0;
    int m = 0;
    int d = 0;
    sh_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02d", (long long)y, m, d);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}

int64_t sh_add_years(int64_t days, int years)
{
    int64_t y = 0;
    int m = 0;
    int d = 0;
    sh_civil_from_days(days, &y, &m, &d);
    /* days_from_civil is linear in d: 29 February of a common year is 1 March. */
    return sh_days_from_civil(y + years, m, d);
}

int64_t sh_today_utc(void)
{
    int64_t t = (int64_t)time(NULL);
    int64_t days = t / 86400;
    if (t % 86400 < 0) {
        days--;
    }
    return days;
}

size_t sh_format_utc(int64_t t, int ms, char *buf, size_t n)
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
    sh_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d+00:00", (long long)y, m,
                       d, (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), ms);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}
