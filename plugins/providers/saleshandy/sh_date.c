/* SPDX-License-Identifier: MIT */
/*
 * Calendar dates as day numbers on top of orp_civil (plugins/common): month
 * lengths, YYYY-MM-DD text, adding years, today.  Pure integer arithmetic,
 * so nothing depends on TZ, the C library's zone database or the locale.
 */
#include <stdio.h>
#include <time.h>

#include "saleshandy.h"

int
sh_days_in_month(int64_t y, int m)
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

static int
digits(const char *s, int n, int *out)
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

int
sh_parse_day(const char *s, int64_t *days)
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
    *days = orp_days_from_civil(y, m, d);
    return 1;
}

size_t
sh_format_day(int64_t days, char *buf, size_t n)
{
    int64_t y = 0;
    int m = 0;
    int d = 0;
    orp_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02d", (long long)y, m, d);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}

int64_t
sh_add_years(int64_t days, int years)
{
    int64_t y = 0;
    int m = 0;
    int d = 0;
    orp_civil_from_days(days, &y, &m, &d);
    /* days_from_civil is linear in d: 29 February of a common year is 1 March. */
    return orp_days_from_civil(y + years, m, d);
}

int64_t
sh_today_utc(void)
{
    int64_t t = (int64_t)time(NULL);
    int64_t days = t / 86400;
    if (t % 86400 < 0) {
        days--;
    }
    return days;
}
