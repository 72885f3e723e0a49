/* SPDX-License-Identifier: MIT */
/*
 * Instants, civil dates and zones.  Civil dates are GLib's GDate; zone rules
 * come from GLib too, so that every module agrees with GDateTime on
 * offsets, gaps and overlaps.
 */
#include "base/timeutil.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/status_str.h"
#include "base/tzname.h"

#define SECS_PER_DAY 86400
/* The Gregorian calendar repeats every 400 years, which are 146097 days:
 * a date is moved into the years [2000, 2400), well inside GDate's range
 * (1..65535), and the eras it was moved by are added back. */
#define ERA_YEARS 400
#define ERA_DAYS 146097
#define ERA_BASE_YEAR 2000
#define DAYS_1970_TO_2000 10957
/* GDate's Julian day number of 1970-01-01 (day 1 is 0001-01-01). */
#define JULIAN_1970 719163

static int64_t
floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

/*
 * The month the calling thread converted last: a report's times fall in a
 * few months, so most conversions cost a comparison instead of GDate's
 * validation and arithmetic (this runs for every time value of every row).
 */
struct month_cache {
    int valid;
    int year;
    int month;
    int64_t first; /* day number of its first day */
    int length;    /* days in it */
    int yday;      /* day of the year of its first day */
};

static _Thread_local struct month_cache month_cache;

/* Fill the cache for year @p y (any), month @p m (1..12). */
static struct month_cache *
month_of(int64_t y, int m)
{
    struct month_cache *c = &month_cache;
    if (c->valid && c->year == y && c->month == m) {
        return c;
    }
    int64_t eras = floor_div(y - ERA_BASE_YEAR, ERA_YEARS);
    GDateYear near = (GDateYear)(y - eras * ERA_YEARS);
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, 1, (GDateMonth)m, near);
    c->valid = 1;
    c->year = (int)y;
    c->month = m;
    c->first = (int64_t)g_date_get_julian(&date) - JULIAN_1970 + eras * ERA_DAYS;
    c->length = g_date_get_days_in_month((GDateMonth)m, near);
    c->yday = (int)g_date_get_day_of_year(&date);
    return c;
}

int64_t
or_days_from_civil(int y, int m, int d)
{
    const struct month_cache *c = &month_cache;
    if (c->valid && c->year == y && c->month == m) {
        return c->first + d - 1;
    }
    /* Months outside 1..12 roll into the neighbouring years. */
    int64_t carry = floor_div(m - 1, 12);
    return month_of((int64_t)y + carry, (int)(m - carry * 12))->first + d - 1;
}

/* The month that holds day number @p days, through the cache. */
static const struct month_cache *
month_holding(int64_t days)
{
    const struct month_cache *c = &month_cache;
    if (c->valid && days >= c->first && days < c->first + c->length) {
        return c;
    }
    int64_t eras = floor_div(days - DAYS_1970_TO_2000, ERA_DAYS);
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_julian(&date, (guint32)(days - eras * ERA_DAYS + JULIAN_1970));
    return month_of((int64_t)g_date_get_year(&date) + eras * ERA_YEARS, g_date_get_month(&date));
}

void
or_civil_from_days(int64_t days, int *y, int *m, int *d)
{
    const struct month_cache *c = month_holding(days);
    *y = c->year;
    *m = c->month;
    *d = (int)(days - c->first) + 1;
}

int
or_days_in_month(int y, int m)
{
    if (m < 1 || m > 12) {
        return 0;
    }
    if (y < 1 || y > G_MAXUINT16) {
        y = (int)(y - floor_div(y - ERA_BASE_YEAR, ERA_YEARS) * ERA_YEARS);
    }
    return g_date_get_days_in_month((GDateMonth)m, (GDateYear)y);
}

static int
valid_ymd(int y, int m, int d)
{
    /* Through the month cache: every timestamp of every row is checked. */
    return y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_of(y, m)->length;
}

or_status
or_tz_open(const char *name, GTimeZone **out, char *err, size_t errlen)
{
    if (out == NULL) {
        or_set_err(err, errlen, "no place to store the time zone");
        return OR_ERR_INVALID;
    }
    if (name == NULL) {
        name = "UTC";
    }
    or_status st = or_tz_name_check(name, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    GTimeZone *tz = g_time_zone_new_identifier(name);
    if (tz == NULL) {
        or_set_err(err, errlen, "unknown time zone '%s'", name);
        return OR_ERR_INVALID;
    }
    *out = tz;
    return OR_OK;
}

/*
 * The zone interval the calling thread looked up last, and the span of
 * instants seen to lie in it.  An interval is one contiguous range of
 * instants, so every instant between two of its members is in it too: a
 * report's times (a week, a month) then cost two comparisons instead of
 * GLib's linear walk over the zone's transitions.  The zone is referenced so
 * that its address cannot be reused by another zone while cached.
 */
struct offset_cache {
    GTimeZone *tz;
    gint interval;
    int64_t lo, hi;
    int32_t offset;
};

static _Thread_local struct offset_cache offset_cache;

/* Offset in force at instant t, as GDateTime would use it. */
static int32_t
offset_at(GTimeZone *tz, int64_t t)
{
    struct offset_cache *c = &offset_cache;

    if (tz == NULL) {
        return 0;
    }
    if (tz == c->tz && t >= c->lo && t <= c->hi) {
        return c->offset;
    }
    gint interval = g_time_zone_find_interval(tz, G_TIME_TYPE_UNIVERSAL, (gint64)t);
    if (interval < 0) {
        return 0;
    }
    if (tz == c->tz && interval == c->interval) {
        c->lo = t < c->lo ? t : c->lo;
        c->hi = t > c->hi ? t : c->hi;
        return c->offset;
    }
    if (tz != c->tz) {
        GTimeZone *old = c->tz;
        c->tz = g_time_zone_ref(tz);
        if (old != NULL) {
            g_time_zone_unref(old);
        }
    }
    c->interval = interval;
    c->lo = c->hi = t;
    c->offset = g_time_zone_get_offset(tz, interval);
    return c->offset;
}

void
or_time_local(int64_t t, GTimeZone *tz, struct or_local_time *out)
{
    int32_t off = offset_at(tz, t);
    int64_t local = t + off;
    int64_t days = floor_div(local, SECS_PER_DAY);
    int64_t secs = local - days * SECS_PER_DAY;

    const struct month_cache *c = month_holding(days);
    out->year = c->year;
    out->month = c->month;
    out->day = (int)(days - c->first) + 1;
    out->hour = (int)(secs / 3600);
    out->minute = (int)(secs / 60 % 60);
    out->second = (int)(secs % 60);
    /* 1970-01-01 was a Thursday (ISO weekday 4). */
    out->weekday = (int)((days % 7 + 7 + 3) % 7) + 1;
    out->yday = c->yday + out->day - 1;
    out->utc_offset = off;
}

or_status
or_time_from_local(GTimeZone *tz, int y, int m, int d, int hour, int minute, int second,
                   int64_t *out)
{
    if (out == NULL || m < 1 || m > 12 || d < 1 || d > or_days_in_month(y, m) || hour < 0 ||
        hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
        return OR_ERR_INVALID;
    }
    int64_t local = or_days_from_civil(y, m, d) * SECS_PER_DAY + hour * 3600 + minute * 60 + second;
    if (tz == NULL) {
        *out = local;
        return OR_OK;
    }
    if (y >= 1 && y <= 9999) {
        GDateTime *dt = g_date_time_new(tz, y, m, d, hour, minute, (gdouble)second);
        if (dt != NULL) {
            *out = g_date_time_to_unix(dt);
            g_date_time_unref(dt);
            return OR_OK;
        }
    }
    /* Outside GDateTime's range: the same rule lookup g_date_time_new() does. */
    gint64 adjusted = local;
    gint interval = g_time_zone_adjust_time(tz, G_TIME_TYPE_STANDARD, &adjusted);
    int32_t off = interval >= 0 ? g_time_zone_get_offset(tz, interval) : 0;
    *out = adjusted - off;
    return OR_OK;
}

static char *
put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
    return p + 2;
}

/* The "+HH:MM" or "+HH:MM:SS" suffix of an offset; returns its end. */
static char *
put_offset(char *p, int32_t o)
{
    *p++ = o < 0 ? '-' : '+';
    o = o < 0 ? -o : o;
    p = put2(p, (int)(o / 3600 % 100));
    *p++ = ':';
    p = put2(p, (int)(o / 60 % 60));
    if (o % 60 != 0) {
        *p++ = ':';
        p = put2(p, (int)(o % 60));
    }
    return p;
}

/* Written digit by digit: CSV and XLSX exports format one or more times per
 * row, and two snprintf calls per value were most of a CSV export's time. */
size_t
or_time_format_iso(int64_t t, GTimeZone *tz, char *buf, size_t n)
{
    struct or_local_time lt;
    char tmp[64];
    size_t len;

    if (buf == NULL || n == 0) {
        return 0;
    }
    or_time_local(t, tz, &lt);
    if (lt.year >= 0 && lt.year <= 9999) {
        char *p = tmp;
        p = put2(p, lt.year / 100);
        p = put2(p, lt.year % 100);
        *p++ = '-';
        p = put2(p, lt.month);
        *p++ = '-';
        p = put2(p, lt.day);
        *p++ = 'T';
        p = put2(p, lt.hour);
        *p++ = ':';
        p = put2(p, lt.minute);
        *p++ = ':';
        p = put2(p, lt.second);
        p = put_offset(p, lt.utc_offset);
        len = (size_t)(p - tmp);
    }
    else {
        char off[16];
        *put_offset(off, lt.utc_offset) = '\0';
        int w = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02dT%02d:%02d:%02d%s", lt.year, lt.month,
                         lt.day, lt.hour, lt.minute, lt.second, off);
        len = w < 0 ? sizeof(tmp) : (size_t)w;
    }
    if (len >= n || len >= sizeof(tmp)) {
        buf[0] = '\0';
        return 0;
    }
    memcpy(buf, tmp, len);
    buf[len] = '\0';
    return len;
}

size_t
or_time_format(int64_t t, GTimeZone *tz, const char *strftime_fmt, char *buf, size_t n)
{
    size_t len = 0;

    if (buf == NULL || n == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (strftime_fmt == NULL) {
        return 0;
    }
    GDateTime *utc = g_date_time_new_from_unix_utc((gint64)t);
    if (utc == NULL) {
        return 0;
    }
    GDateTime *dt = tz != NULL ? g_date_time_to_timezone(utc, tz) : g_date_time_ref(utc);
    gchar *text = dt != NULL ? g_date_time_format(dt, strftime_fmt) : NULL;
    if (text != NULL) {
        len = strlen(text);
        if (len < n) {
            memcpy(buf, text, len + 1);
        }
        else {
            len = 0;
        }
    }
    g_free(text);
    if (dt != NULL) {
        g_date_time_unref(dt);
    }
    g_date_time_unref(utc);
    return len;
}

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Reads exactly n digits; never reads past a NUL because NUL is no digit. */
static int
read_digits(const char *s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return 0;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 1;
}

static int
read_date(const char *s, int *y, int *m, int *d)
{
    return read_digits(s, 4, y) && s[4] == '-' && read_digits(s + 5, 2, m) && s[7] == '-' &&
           read_digits(s + 8, 2, d) && valid_ymd(*y, *m, *d);
}

or_status
or_date_parse(const char *s, int *y, int *m, int *d)
{
    int yy;
    int mm;
    int dd;

    if (s == NULL || y == NULL || m == NULL || d == NULL) {
        return OR_ERR_INVALID;
    }
    if (!read_date(s, &yy, &mm, &dd) || s[10] != '\0') {
        return OR_ERR_PARSE;
    }
    *y = yy;
    *m = mm;
    *d = dd;
    return OR_OK;
}

/* "HH:MM[:SS[.fff]]" at @p p; the seconds' fraction is dropped.  Returns
 * the end, or NULL when malformed or out of range. */
static const char *
read_clock(const char *p, int *h, int *mi, int *sec)
{
    *sec = 0;
    if (!read_digits(p, 2, h) || p[2] != ':' || !read_digits(p + 3, 2, mi)) {
        return NULL;
    }
    p += 5;
    if (*p == ':') {
        if (!read_digits(p + 1, 2, sec)) {
            return NULL;
        }
        p += 3;
        if (*p == '.' || *p == ',') {
            p++;
            if (!is_digit(*p)) {
                return NULL;
            }
            while (is_digit(*p)) {
                p++;
            }
        }
    }
    return *h > 23 || *mi > 59 || *sec > 59 ? NULL : p;
}

/* "Z", "+HH", "+HHMM", "+HH:MM" or "+HH:MM:SS" (or '-') filling all of
 * @p p; nonzero with the offset in seconds east of UTC. */
static int
read_offset(const char *p, int32_t *offset)
{
    *offset = 0;
    if (*p == 'Z' || *p == 'z') {
        return p[1] == '\0';
    }
    if (*p != '+' && *p != '-') {
        return 0;
    }
    int sign = *p == '-' ? -1 : 1;
    int oh;
    int om = 0;
    int os = 0;
    p++;
    if (!read_digits(p, 2, &oh)) {
        return 0;
    }
    p += 2;
    if (*p == ':') {
        if (!read_digits(p + 1, 2, &om)) {
            return 0;
        }
        p += 3;
        if (*p == ':') {
            if (!read_digits(p + 1, 2, &os)) {
                return 0;
            }
            p += 3;
        }
    }
    else if (is_digit(*p)) {
        if (!read_digits(p, 2, &om)) {
            return 0;
        }
        p += 2;
    }
    if (oh > 23 || om > 59 || os > 59 || *p != '\0') {
        return 0;
    }
    *offset = sign * (oh * 3600 + om * 60 + os);
    return 1;
}

or_status
or_time_parse_iso8601(const char *s, GTimeZone *default_tz, int64_t *out)
{
    int y;
    int mo;
    int d;
    int h = 0;
    int mi = 0;
    int sec = 0;

    if (s == NULL || out == NULL) {
        return OR_ERR_INVALID;
    }
    if (!read_date(s, &y, &mo, &d)) {
        return OR_ERR_PARSE;
    }
    const char *p = s + 10;
    if (*p != '\0') {
        if (*p != 'T' && *p != 't' && *p != ' ') {
            return OR_ERR_PARSE;
        }
        p = read_clock(p + 1, &h, &mi, &sec);
        if (p == NULL) {
            return OR_ERR_PARSE;
        }
    }
    if (*p == '\0') {
        /* No offset: a wall-clock time (or midnight) in the default zone. */
        return or_time_from_local(default_tz, y, mo, d, h, mi, sec, out) == OR_OK ? OR_OK
                                                                                  : OR_ERR_PARSE;
    }
    int32_t offset;
    if (!read_offset(p, &offset)) {
        return OR_ERR_PARSE;
    }
    *out = or_days_from_civil(y, mo, d) * SECS_PER_DAY + h * 3600 + mi * 60 + sec - offset;
    return OR_OK;
}

int64_t
or_time_now_for_documents(void)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde != NULL && *sde != '\0') {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(sde, &end, 10);
        if (errno == 0 && end != NULL && *end == '\0' && v >= 0) {
            return (int64_t)v;
        }
    }
    return (int64_t)time(NULL);
}
