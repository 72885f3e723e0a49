/* SPDX-License-Identifier: MIT */
/* The one formatter of values: see valuefmt.h. */
#include "base/valuefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

/* Beyond this magnitude a double has no exact units digit left to group. */
#define GROUP_LIMIT 9.0e15
#define NUM_SIZE 64

#define PLUS_MINUS "\xC2\xB1"

static const double pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Copies @p s into @p buf, cut at a character boundary when it does not fit. */
static or_status
put(char *buf, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len < n) {
        memcpy(buf, s, len + 1);
        return OR_OK;
    }
    size_t cut = n - 1;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) {
        cut--; /* not inside a UTF-8 sequence */
    }
    memcpy(buf, s, cut);
    buf[cut] = '\0';
    return OR_ERR_INVALID;
}

/* @p v rounded to @p decimals (0 to 6) with ',' between thousands. */
static void
grouped(char *out, double v, int decimals)
{
    if (!isfinite(v)) {
        snprintf(out, NUM_SIZE, "%s", isnan(v) ? "n/a" : (v < 0 ? "-inf" : "inf"));
        return;
    }
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    double scale = pow10_table[decimals];
    double a = fabs(v) * scale;
    if (a >= GROUP_LIMIT) {
        snprintf(out, NUM_SIZE, "%.3e", v);
        return;
    }
    /* Integer arithmetic from here: no locale, no binary-to-decimal surprises. */
    uint64_t u = (uint64_t)llround(a);
    uint64_t ip = u / (uint64_t)scale;
    uint64_t fp = u % (uint64_t)scale;
    char digits[24];
    size_t nd = 0;
    size_t o = 0;
    if (v < 0 && u != 0) {
        out[o++] = '-';
    }
    do {
        digits[nd++] = (char)('0' + (int)(ip % 10));
        ip /= 10;
    } while (ip != 0);
    while (nd > 0) {
        out[o++] = digits[--nd];
        if (nd > 0 && nd % 3 == 0) {
            out[o++] = ',';
        }
    }
    if (decimals > 0) {
        out[o++] = '.';
        for (int d = decimals - 1; d >= 0; d--) {
            out[o + (size_t)d] = (char)('0' + (int)(fp % 10));
            fp /= 10;
        }
        o += (size_t)decimals;
    }
    out[o] = '\0';
}

static void
duration(char *out, double seconds)
{
    if (!isfinite(seconds) || fabs(seconds) >= GROUP_LIMIT) {
        snprintf(out, NUM_SIZE, "n/a");
        return;
    }
    long long s = llround(fabs(seconds));
    const char *sign = seconds < 0 && s != 0 ? "-" : "";
    snprintf(out, NUM_SIZE, "%s%lld:%02lld:%02lld", sign, s / 3600, (s / 60) % 60, s % 60);
}

/* A number in a numeric format (AUTO: as a decimal). */
static void
number(char *out, double v, enum or_format fmt, int decimals)
{
    char tmp[NUM_SIZE];
    switch (fmt) {
    case OR_FMT_INTEGER: grouped(out, v, decimals >= 0 ? decimals : 0); return;
    case OR_FMT_PERCENT:
        grouped(tmp, v * 100.0, decimals >= 0 ? decimals : 1);
        snprintf(out, NUM_SIZE, "%s %%", tmp);
        return;
    case OR_FMT_DURATION: duration(out, v); return;
    case OR_FMT_TEXT: snprintf(out, NUM_SIZE, "%g", v); return; /* as it is, no separators */
    default: grouped(out, v, decimals >= 0 ? decimals : 2); return;
    }
}

static void
instant(char *out, int64_t t, int with_time, GTimeZone *tz)
{
    struct or_local_time lt;
    or_time_local(t, tz, &lt);
    if (with_time) {
        snprintf(out, NUM_SIZE, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                 lt.minute);
    }
    else {
        snprintf(out, NUM_SIZE, "%04d-%02d-%02d", lt.year, lt.month, lt.day);
    }
}

or_status
or_value_text(const struct or_value *v, enum or_format fmt, int decimals, GTimeZone *tz, char *buf,
              size_t n)
{
    char out[NUM_SIZE];
    if (buf == NULL || n == 0 || v == NULL) {
        return OR_ERR_INVALID;
    }
    if (v->is_null) {
        return put(buf, n, OR_VALUEFMT_NULL);
    }
    switch (v->type) {
    case OR_TYPE_TEXT: return put(buf, n, v->s != NULL ? v->s : "");
    case OR_TYPE_BOOL: return put(buf, n, v->i ? "yes" : "no");
    case OR_TYPE_TIME: instant(out, v->i, fmt != OR_FMT_DATE, tz); break;
    case OR_TYPE_INT:
        if (fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) {
            instant(out, v->i, fmt == OR_FMT_DATETIME, tz);
        }
        else if (fmt == OR_FMT_TEXT) {
            snprintf(out, sizeof(out), "%lld", (long long)v->i);
        }
        else {
            number(out, (double)v->i, fmt == OR_FMT_AUTO ? OR_FMT_INTEGER : fmt, decimals);
        }
        break;
    default: number(out, v->r, fmt, decimals); break;
    }
    return put(buf, n, out);
}

void
or_value_format(const struct or_value *v, enum or_format fmt, GTimeZone *tz, char *buf, size_t n)
{
    (void)or_value_text(v, fmt, -1, tz, buf, n);
}

int
or_kpi_change(const struct or_kpi *k, char *buf, size_t n, int *direction)
{
    char tmp[NUM_SIZE];
    double d;

    *direction = 0;
    if (n > 0) {
        buf[0] = '\0';
    }
    if (!k->has_value || !k->has_previous || !isfinite(k->value) || !isfinite(k->previous)) {
        return 0;
    }
    const char *unit = "";
    if (k->format == OR_FMT_PERCENT) {
        d = (k->value - k->previous) * 100.0;
        grouped(tmp, fabs(d), 1);
        *direction = strcmp(tmp, "0.0") == 0 ? 0 : (d > 0 ? 1 : -1);
        unit = " pp";
    }
    else if (k->previous != 0.0) {
        d = (k->value - k->previous) / fabs(k->previous) * 100.0;
        grouped(tmp, fabs(d), 1);
        *direction = strcmp(tmp, "0.0") == 0 ? 0 : (d > 0 ? 1 : -1);
        unit = " %";
    }
    else {
        /* No relative change from zero: the difference itself. */
        d = k->value - k->previous;
        enum or_format fmt = k->format;
        if (fmt == OR_FMT_AUTO || fmt >= OR_FMT_DATE) {
            fmt = fabs(d - nearbyint(d)) < 1e-9 ? OR_FMT_INTEGER : OR_FMT_DECIMAL;
        }
        number(tmp, fabs(d), fmt, -1);
        *direction = d > 0 ? 1 : (d < 0 ? -1 : 0);
    }
    snprintf(buf, n, "%s%s%s", *direction == 0 ? PLUS_MINUS : (d > 0 ? "+" : "-"), tmp, unit);
    return 1;
}
