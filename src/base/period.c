/* SPDX-License-Identifier: MIT */
/*
 * Calendar periods.  Everything is computed on local day numbers (days since
 * 1970-01-01 of the local date) and only turned into instants at the end,
 * from local midnights, so DST changes never shift a boundary.
 */
#include "base/period.h"

#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "base/timeutil.h"

#define EN_DASH "\xE2\x80\x93"

static const char *const month_abbr[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

int
or_week_start_parse(const char *s)
{
    static const char *const names[7] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    if (s == NULL) {
        return 0;
    }
    for (int i = 0; i < 7; i++) {
        if (g_ascii_strcasecmp(s, names[i]) == 0 ||
            (strlen(s) == 3 && g_ascii_strncasecmp(s, names[i], 3) == 0)) {
            return i + 1;
        }
    }
    return 0;
}

static void
format_day(char *buf, size_t n, int64_t days)
{
    int y;
    int m;
    int d;

    or_civil_from_days(days, &y, &m, &d);
    if (snprintf(buf, n, "%04d-%02d-%02d", y, m, d) < 0) {
        buf[0] = '\0';
    }
}

static void
make_label(char *buf, size_t n, enum or_period_kind kind, int64_t first, int64_t last)
{
    int y1;
    int m1;
    int d1;
    int y2;
    int m2;
    int d2;
    int len;

    or_civil_from_days(first, &y1, &m1, &d1);
    or_civil_from_days(last, &y2, &m2, &d2);
    const char *mon1 = month_abbr[m1 - 1];
    const char *mon2 = month_abbr[m2 - 1];
    if (kind == OR_PERIOD_MONTH) {
        len = snprintf(buf, n, "%s %d", mon1, y1);
    }
    else if (kind == OR_PERIOD_QUARTER) {
        len = snprintf(buf, n, "Q%d %d", (m1 - 1) / 3 + 1, y1);
    }
    else if (first == last) {
        len = snprintf(buf, n, "%d %s %d", d1, mon1, y1);
    }
    else if (y1 == y2 && m1 == m2) {
        len = snprintf(buf, n, "%d" EN_DASH "%d %s %d", d1, d2, mon1, y1);
    }
    else if (y1 == y2) {
        len = snprintf(buf, n, "%d %s " EN_DASH " %d %s %d", d1, mon1, d2, mon2, y1);
    }
    else {
        len = snprintf(buf, n, "%d %s %d " EN_DASH " %d %s %d", d1, mon1, y1, d2, mon2, y2);
    }
    if (len < 0) {
        buf[0] = '\0';
    }
}

static int64_t
local_midnight(GTimeZone *tz, int64_t days)
{
    int y;
    int m;
    int d;
    int64_t t = days * 86400;

    or_civil_from_days(days, &y, &m, &d);
    /* Cannot fail: the date is valid by construction; keep the UTC guess if it did. */
    (void)or_time_from_local(tz, y, m, d, 0, 0, 0, &t);
    return t;
}

/* Fills out for the local days [first, last]. */
static void
build(struct or_period *out, enum or_period_kind kind, const char *name, GTimeZone *tz,
      int64_t first, int64_t last, int64_t now)
{
    memset(out, 0, sizeof(*out));
    out->start = local_midnight(tz, first);
    out->end = local_midnight(tz, last + 1);
    out->partial = now < out->end ? 1 : 0;
    snprintf(out->name, sizeof(out->name), "%s", name);
    format_day(out->first_day, sizeof(out->first_day), first);
    format_day(out->last_day, sizeof(out->last_day), last);
    make_label(out->label, sizeof(out->label), kind, first, last);
    out->kind = kind;
}

static int64_t
month_first_day(int y, int m)
{
    return or_days_from_civil(y, m, 1);
}

static int64_t
month_last_day(int y, int m)
{
    return or_days_from_civil(y, m, or_days_in_month(y, m));
}

/* Years a report can be about: APIs refuse dates outside, and far years
 * (0000, 9999) only come from typing mistakes. */
#define YEAR_MIN 1970
#define YEAR_MAX 2100

static int
year_ok(int y)
{
    return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* Looks like YYYY-MM-DD even if the day does not exist. */
static int
date_shaped(const char *s, size_t len)
{
    static const char pattern[] = "dddd-dd-dd";

    if (len != sizeof(pattern) - 1) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        int digit = s[i] >= '0' && s[i] <= '9';
        if (pattern[i] == 'd' ? !digit : s[i] != '-') {
            return 0;
        }
    }
    return 1;
}

/* Parses one side of "FROM..TO" into a day number; the message names the spec. */
static or_status
range_side(const char *spec, const char *s, size_t len, const char *which, int64_t *days, char *err,
           size_t errlen)
{
    char buf[11];
    int y;
    int m;
    int d;

    if (len == 0) {
        or_set_err(err, errlen, "period '%s': missing %s date (expected YYYY-MM-DD..YYYY-MM-DD)",
                   spec, which);
        return OR_ERR_INVALID;
    }
    if (!date_shaped(s, len)) {
        or_set_err(err, errlen, "period '%s': invalid date '%.*s' (expected YYYY-MM-DD)", spec,
                   (int)len, s);
        return OR_ERR_INVALID;
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (or_date_parse(buf, &y, &m, &d) != OR_OK) {
        or_set_err(err, errlen, "period '%s': invalid date %s", spec, buf);
        return OR_ERR_INVALID;
    }
    if (!year_ok(y)) {
        or_set_err(err, errlen, "period '%s': year %04d is outside %d-%d", spec, y, YEAR_MIN,
                   YEAR_MAX);
        return OR_ERR_INVALID;
    }
    *days = or_days_from_civil(y, m, d);
    return OR_OK;
}

static or_status
resolve_range(const char *spec, const char *dots, GTimeZone *tz, int64_t now, struct or_period *out,
              char *err, size_t errlen)
{
    int64_t first;
    int64_t last;
    or_status st;

    st = range_side(spec, spec, (size_t)(dots - spec), "start", &first, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = range_side(spec, dots + 2, strlen(dots + 2), "end", &last, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (last < first) {
        or_set_err(err, errlen, "period '%s': end before start", spec);
        return OR_ERR_INVALID;
    }
    build(out, OR_PERIOD_RANGE, "range", tz, first, last, now);
    return OR_OK;
}

/* "PREFIX" N "SUFFIX" with 1 <= N <= max: N, else 0. */
static long
counted(const char *spec, const char *prefix, const char *suffix, long max)
{
    size_t lp = strlen(prefix), ls = strlen(suffix), n = strlen(spec);
    if (n <= lp + ls || g_ascii_strncasecmp(spec, prefix, lp) != 0 ||
        g_ascii_strcasecmp(spec + n - ls, suffix) != 0) {
        return 0;
    }
    long v = 0;
    for (size_t i = lp; i < n - ls; i++) {
        if (spec[i] < '0' || spec[i] > '9' || v > max) {
            return 0;
        }
        v = v * 10 + (spec[i] - '0');
    }
    return v <= max ? v : 0;
}

/* The quarter @p back quarters before the one holding @p lt (0: that one). */
static void
quarter(struct or_period *out, const char *name, GTimeZone *tz, const struct or_local_time *lt,
        int back, int64_t now)
{
    int q = (lt->month - 1) / 3 - back, y = lt->year;
    while (q < 0) {
        q += 4;
        y--;
    }
    build(out, OR_PERIOD_QUARTER, name, tz, month_first_day(y, q * 3 + 1),
          month_last_day(y, q * 3 + 3), now);
}

/* The periods counted in weeks, days or quarters; 0 when @p spec is none of them. */
static int
resolve_counted(const char *spec, GTimeZone *tz, int64_t today, int64_t week_first,
                const struct or_local_time *lt, int64_t now, struct or_period *out)
{
    long n = counted(spec, "last-", "-weeks", 520);
    if (n > 0) {
        build(out, OR_PERIOD_RANGE, spec, tz, week_first - 7 * n, week_first - 1, now);
        return 1;
    }
    n = counted(spec, "rolling-", "-days", 3660);
    if (n > 0) {
        build(out, OR_PERIOD_RANGE, spec, tz, today - n, today - 1, now);
        return 1;
    }
    if (g_ascii_strcasecmp(spec, "this-quarter") == 0 ||
        g_ascii_strcasecmp(spec, "last-quarter") == 0) {
        quarter(out, spec[0] == 't' || spec[0] == 'T' ? "this-quarter" : "last-quarter", tz, lt,
                spec[0] == 'l' || spec[0] == 'L', now);
        return 1;
    }
    return 0;
}

or_status
or_period_resolve(const char *spec, GTimeZone *tz, int week_start, int64_t now,
                  struct or_period *out, char *err, size_t errlen)
{
    struct or_local_time lt;

    if (out == NULL) {
        or_set_err(err, errlen, "no period to fill");
        return OR_ERR_INVALID;
    }
    if (spec == NULL || spec[0] == '\0') {
        or_set_err(err, errlen,
                   "empty period (expected last-week, this-week, last-month, "
                   "this-month, yesterday, today or YYYY-MM-DD..YYYY-MM-DD)");
        return OR_ERR_INVALID;
    }
    if (week_start < 1 || week_start > 7) {
        or_set_err(err, errlen,
                   "period '%s': week start %d out of range (1 = Monday .. 7 = Sunday)", spec,
                   week_start);
        return OR_ERR_INVALID;
    }

    static const char *const names[] = {"today",     "yesterday",  "this-week",
                                        "last-week", "this-month", "last-month"};
    int named = 0;
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        named = named || g_ascii_strcasecmp(spec, names[i]) == 0;
    }
    or_time_local(now, tz, &lt);
    /* A clock (or OUTREPORT_NOW) that far off makes named periods nonsense;
     * in 1970 the week or month before would not be in range either. */
    if (named && (!year_ok(lt.year) || lt.year == YEAR_MIN)) {
        or_set_err(err, errlen, "period '%s': the clock says %04d-%02d-%02d, outside %d-%d", spec,
                   lt.year, lt.month, lt.day, YEAR_MIN + 1, YEAR_MAX);
        return OR_ERR_INVALID;
    }
    int64_t today = or_days_from_civil(lt.year, lt.month, lt.day);
    int64_t week_first = today - (lt.weekday - week_start + 7) % 7;
    int prev_y = lt.month == 1 ? lt.year - 1 : lt.year;
    int prev_m = lt.month == 1 ? 12 : lt.month - 1;

    if (g_ascii_strcasecmp(spec, "today") == 0) {
        build(out, OR_PERIOD_DAY, "today", tz, today, today, now);
    }
    else if (g_ascii_strcasecmp(spec, "yesterday") == 0) {
        build(out, OR_PERIOD_DAY, "yesterday", tz, today - 1, today - 1, now);
    }
    else if (g_ascii_strcasecmp(spec, "this-week") == 0) {
        build(out, OR_PERIOD_WEEK, "this-week", tz, week_first, week_first + 6, now);
    }
    else if (g_ascii_strcasecmp(spec, "last-week") == 0) {
        build(out, OR_PERIOD_WEEK, "last-week", tz, week_first - 7, week_first - 1, now);
    }
    else if (g_ascii_strcasecmp(spec, "this-month") == 0) {
        build(out, OR_PERIOD_MONTH, "this-month", tz, month_first_day(lt.year, lt.month),
              month_last_day(lt.year, lt.month), now);
    }
    else if (g_ascii_strcasecmp(spec, "last-month") == 0) {
        build(out, OR_PERIOD_MONTH, "last-month", tz, month_first_day(prev_y, prev_m),
              month_last_day(prev_y, prev_m), now);
    }
    else if (!resolve_counted(spec, tz, today, week_first, &lt, now, out)) {
        const char *dots = strstr(spec, "..");
        if (dots == NULL) {
            or_set_err(err, errlen,
                       "unknown period '%s' (expected last-week, this-week, last-month, "
                       "this-month, last-quarter, this-quarter, yesterday, today, "
                       "last-N-weeks, rolling-N-days or YYYY-MM-DD..YYYY-MM-DD)",
                       spec);
            return OR_ERR_INVALID;
        }
        return resolve_range(spec, dots, tz, now, out, err, errlen);
    }
    return OR_OK;
}

/* Parses the argument of --from / --to; the message names the option. */
static or_status
option_date(const char *opt, const char *s, int64_t *days, char *err, size_t errlen)
{
    int y;
    int m;
    int d;

    if (s == NULL || s[0] == '\0') {
        or_set_err(err, errlen, "%s is missing (use --from DATE --to DATE, dates YYYY-MM-DD)", opt);
        return OR_ERR_INVALID;
    }
    if (or_date_parse(s, &y, &m, &d) != OR_OK) {
        or_set_err(err, errlen, "%s '%s': invalid date (expected YYYY-MM-DD)", opt, s);
        return OR_ERR_INVALID;
    }
    if (!year_ok(y)) {
        or_set_err(err, errlen, "%s '%s': year %04d is outside %d-%d", opt, s, y, YEAR_MIN,
                   YEAR_MAX);
        return OR_ERR_INVALID;
    }
    *days = or_days_from_civil(y, m, d);
    return OR_OK;
}

or_status
or_period_from_to(const char *from, const char *to, GTimeZone *tz, int64_t now,
                  struct or_period *out, char *err, size_t errlen)
{
    int64_t first;
    int64_t last;
    or_status st;

    if (out == NULL) {
        or_set_err(err, errlen, "no period to fill");
        return OR_ERR_INVALID;
    }
    st = option_date("--from", from, &first, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = option_date("--to", to, &last, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (last < first) {
        or_set_err(err, errlen, "--to %s is before --from %s", to, from);
        return OR_ERR_INVALID;
    }
    build(out, OR_PERIOD_RANGE, "range", tz, first, last, now);
    return OR_OK;
}

/* Local day number of a period's first_day/last_day text, or of an instant. */
static int64_t
period_day(const char *text, int64_t instant, GTimeZone *tz)
{
    struct or_local_time lt;
    int y;
    int m;
    int d;

    if (or_date_parse(text, &y, &m, &d) == OR_OK) {
        return or_days_from_civil(y, m, d);
    }
    or_time_local(instant, tz, &lt);
    return or_days_from_civil(lt.year, lt.month, lt.day);
}

void
or_period_previous(const struct or_period *p, GTimeZone *tz, int week_start, struct or_period *prev)
{
    struct or_period result;

    (void)week_start;
    int64_t first = period_day(p->first_day, p->start, tz);
    int64_t last = period_day(p->last_day, p->end - 1, tz);
    int y;
    int m;
    int d;

    switch (p->kind) {
    case OR_PERIOD_DAY:
        build(&result, OR_PERIOD_DAY, "previous", tz, first - 1, first - 1, INT64_MAX);
        break;
    case OR_PERIOD_WEEK:
        build(&result, OR_PERIOD_WEEK, "previous", tz, first - 7, first - 1, INT64_MAX);
        break;
    case OR_PERIOD_MONTH:
        or_civil_from_days(first, &y, &m, &d);
        if (m == 1) {
            y--;
            m = 12;
        }
        else {
            m--;
        }
        build(&result, OR_PERIOD_MONTH, "previous", tz, month_first_day(y, m), month_last_day(y, m),
              INT64_MAX);
        break;
    case OR_PERIOD_QUARTER: {
        struct or_local_time lt = {0};
        or_civil_from_days(first, &lt.year, &lt.month, &lt.day);
        quarter(&result, "previous", tz, &lt, 1, INT64_MAX);
        break;
    }
    case OR_PERIOD_RANGE:
    default: {
        int64_t ndays = last >= first ? last - first + 1 : 1;
        build(&result, OR_PERIOD_RANGE, "previous", tz, first - ndays, first - 1, INT64_MAX);
        break;
    }
    }
    *prev = result;
}
