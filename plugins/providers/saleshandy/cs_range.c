/* SPDX-License-Identifier: MIT */
/*
 * The day range of consolidated-stats and its year windows.  Saleshandy
 * keeps two years of statistics and answers at most one year per request,
 * so a start older than two years is refused before any request, and a
 * longer range becomes consecutive windows the host fetches one by one
 * (or_instances_fn), all rows landing in one table.
 */
#include <stdio.h>
#include <string.h>

#include "saleshandy.h"

or_status
sh_cs_range(const struct or_query *q, int64_t today, struct sh_range *r, char *err, size_t errlen)
{
    const char *start = orp_param(q, "start_date");
    const char *end = orp_param(q, "end_date");
    if (start == NULL) {
        start = q->first_day;
    }
    if (end == NULL) {
        end = q->last_day;
    }
    if (start == NULL || end == NULL) {
        snprintf(err, errlen,
                 "saleshandy.consolidated-stats needs a period (--period) or "
                 "start_date/end_date");
        return OR_ERR_INVALID;
    }
    if (!sh_parse_day(start, &r->first)) {
        snprintf(err, errlen, "start_date \"%.64s\" is not a date YYYY-MM-DD", start);
        return OR_ERR_INVALID;
    }
    if (!sh_parse_day(end, &r->last)) {
        snprintf(err, errlen, "end_date \"%.64s\" is not a date YYYY-MM-DD", end);
        return OR_ERR_INVALID;
    }
    char a[16];
    char b[16];
    sh_format_day(r->first, a, sizeof(a));
    sh_format_day(r->last, b, sizeof(b));
    if (r->first < sh_add_years(today, -2)) {
        snprintf(err, errlen,
                 "start_date %s is older than 2 years: Saleshandy keeps 2 years "
                 "of statistics",
                 a);
        return OR_ERR_INVALID;
    }
    if (r->last < r->first) {
        snprintf(err, errlen, "end_date %s is before start_date %s", b, a);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

or_status
sh_cs_windows(const struct sh_range *r, char *buf, size_t buflen, char *err, size_t errlen)
{
    if (buflen == 0) {
        snprintf(err, errlen, "consolidated-stats: no room for the date windows");
        return OR_ERR_INVALID;
    }
    buf[0] = '\0';
    if (r->last < sh_add_years(r->first, 1)) {
        return OR_OK; /* one request covers it */
    }
    size_t used = 0;
    int64_t first = r->first;
    while (first <= r->last) {
        int64_t last = sh_add_years(first, 1) - 1;
        if (last > r->last) {
            last = r->last;
        }
        char a[16];
        char b[16];
        sh_format_day(first, a, sizeof(a));
        sh_format_day(last, b, sizeof(b));
        int len = snprintf(buf + used, buflen - used, "%s%s..%s", used > 0 ? "\n" : "", a, b);
        if (len < 0 || (size_t)len >= buflen - used) {
            buf[0] = '\0';
            sh_format_day(r->first, a, sizeof(a));
            sh_format_day(r->last, b, sizeof(b));
            snprintf(err, errlen,
                     "consolidated-stats: %s..%s needs more one-year windows than "
                     "fit in %zu bytes: shorten the range",
                     a, b, buflen);
            return OR_ERR_INVALID;
        }
        used += (size_t)len;
        first = last + 1;
    }
    return OR_OK;
}

int
sh_cs_parse_window(const char *s, struct sh_range *r)
{
    /* "YYYY-MM-DD..YYYY-MM-DD" */
    char first[11];
    if (s == NULL || strlen(s) != 22 || s[10] != '.' || s[11] != '.') {
        return 0;
    }
    memcpy(first, s, 10);
    first[10] = '\0';
    return sh_parse_day(first, &r->first) && sh_parse_day(s + 12, &r->last) && s[12 + 10] == '\0' &&
           r->first <= r->last;
}
