/* SPDX-License-Identifier: MIT */
/*
 * Civil dates (GLib's GDate) and the three timestamp spellings the vendors
 * use: ISO 8601 (Salesfinity), JavaScript Date.toString() (Saleshandy) and
 * the HTTP date of Retry-After.  No locale and no TZ database.
 */
#include "mockapi.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

static const char *const wday_names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[12] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static int64_t
floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

/* GDate's day number of 1970-01-01 (0001-01-01 is day 1).  The mock's
 * dates lie well inside GDate's years 1..65535. */
#define JULIAN_1970 719163

int64_t
timefmt_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, 1, (GDateMonth)m, (GDateYear)y);
    return (int64_t)g_date_get_julian(&date) - JULIAN_1970 + d - 1;
}

/* The day converted last by this thread: a call's four times fall on one day. */
struct last_day {
    int valid;
    int64_t days;
    int64_t y;
    unsigned m;
    unsigned d;
};

static _Thread_local struct last_day last_day;

void
timefmt_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    struct last_day *c = &last_day;
    if (!c->valid || c->days != days) {
        GDate date;
        g_date_clear(&date, 1);
        g_date_set_julian(&date, (guint32)(days + JULIAN_1970));
        *c = (struct last_day){.valid = 1,
                               .days = days,
                               .y = g_date_get_year(&date),
                               .m = g_date_get_month(&date),
                               .d = g_date_get_day(&date)};
    }
    *y = c->y;
    *m = c->m;
    *d = c->d;
}

int
timefmt_weekday(int64_t days)
{
    int64_t w = (days + 4) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0) {
        w += 7;
    }
    return (int)w;
}

static int
digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* YYYY-MM-DD prefix of s; sets *days. */
static int
parse_date_prefix(const char *s, int64_t *days)
{
    int y;
    int m;
    int d;

    if (digits(s, 4, &y) != 0 || s[4] != '-' || digits(s + 5, 2, &m) != 0 || s[7] != '-' ||
        digits(s + 8, 2, &d) != 0) {
        return -1;
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 ||
        d > g_date_get_days_in_month((GDateMonth)m, (GDateYear)y)) {
        return -1;
    }
    *days = timefmt_days_from_civil(y, (unsigned)m, (unsigned)d);
    return 0;
}

int
timefmt_parse_date(const char *s, int64_t *days)
{
    if (s == NULL || strlen(s) != 10) {
        return -1;
    }
    return parse_date_prefix(s, days);
}

int
timefmt_parse_iso(const char *s, int64_t *ms, int *date_only)
{
    int64_t days;
    int hh = 0;
    int mi = 0;
    int ss = 0;
    int frac = 0;

    if (s == NULL || strlen(s) < 10 || parse_date_prefix(s, &days) != 0) {
        return -1;
    }
    const char *p = s + 10;
    if (*p == '\0') {
        *ms = days * MOCK_DAY_MS;
        *date_only = 1;
        return 0;
    }
    if ((*p != 'T' && *p != 't' && *p != ' ') || digits(p + 1, 2, &hh) != 0 || p[3] != ':' ||
        digits(p + 4, 2, &mi) != 0) {
        return -1;
    }
    p += 6;
    if (*p == ':') {
        if (digits(p + 1, 2, &ss) != 0) {
            return -1;
        }
        p += 3;
        if (*p == '.' || *p == ',') {
            p++;
            int scale = 100;
            int nd = 0;
            while (isdigit((unsigned char)*p)) {
                frac += (*p - '0') * scale;
                scale /= 10;
                p++;
                nd++;
            }
            if (nd == 0) {
                return -1;
            }
        }
    }
    if (hh > 24 || mi > 59 || ss > 60 || (hh == 24 && (mi != 0 || ss != 0 || frac != 0))) {
        return -1;
    }
    int offset_min = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    }
    else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        int oh;
        int om;
        p++;
        if (digits(p, 2, &oh) != 0) {
            return -1;
        }
        p += 2;
        if (*p == ':') {
            p++;
        }
        if (digits(p, 2, &om) != 0 || oh > 23 || om > 59) {
            return -1;
        }
        p += 2;
        offset_min = sign * (oh * 60 + om);
    }
    if (*p != '\0') {
        return -1;
    }
    int64_t secs = days * 86400 + hh * 3600 + mi * 60 + ss - (int64_t)offset_min * 60;
    *ms = secs * 1000 + frac;
    *date_only = 0;
    return 0;
}

int
timefmt_range_bound(const char *s, int is_end, int64_t *out_ms)
{
    int64_t ms;
    int date_only;

    if (timefmt_parse_iso(s, &ms, &date_only) != 0) {
        return -1;
    }
    if (is_end) {
        ms += date_only ? MOCK_DAY_MS : 1;
    }
    *out_ms = ms;
    return 0;
}

void
timefmt_iso_ms(int64_t ms, char *buf, size_t n)
{
    int64_t days = floor_div(ms, MOCK_DAY_MS);
    int64_t rem = ms - days * MOCK_DAY_MS;
    int64_t y;
    unsigned m;
    unsigned d;

    timefmt_civil_from_days(days, &y, &m, &d);
    snprintf(buf, n, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ", (long long)y, m, d,
             (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60),
             (int)(rem % 1000));
}

void
timefmt_js(int64_t ms, int offset_min, int short_offset, const char *zone, char *buf, size_t n)
{
    int64_t local = floor_div(ms, 1000) + (int64_t)offset_min * 60;
    int64_t days = floor_div(local, 86400);
    int64_t rem = local - days * 86400;
    int64_t y;
    unsigned m;
    unsigned d;
    char off[16];
    int a = offset_min < 0 ? -offset_min : offset_min;
    char sign = offset_min < 0 ? '-' : '+';

    timefmt_civil_from_days(days, &y, &m, &d);
    if (short_offset) {
        snprintf(off, sizeof off, "%c%d:%02d", sign, a / 60, a % 60);
    }
    else {
        snprintf(off, sizeof off, "%c%02d%02d", sign, a / 60, a % 60);
    }
    snprintf(buf, n, "%s %s %02u %04lld %02d:%02d:%02d GMT%s (%s)",
             wday_names[timefmt_weekday(days)], month_names[m - 1], d, (long long)y,
             (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60), off, zone);
}

void
timefmt_http(int64_t secs, char *buf, size_t n)
{
    int64_t days = floor_div(secs, 86400);
    int64_t rem = secs - days * 86400;
    int64_t y;
    unsigned m;
    unsigned d;

    timefmt_civil_from_days(days, &y, &m, &d);
    snprintf(buf, n, "%s, %02u %s %04lld %02d:%02d:%02d GMT", wday_names[timefmt_weekday(days)], d,
             month_names[m - 1], (long long)y, (int)(rem / 3600), (int)(rem / 60 % 60),
             (int)(rem % 60));
}
