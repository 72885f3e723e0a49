/* SPDX-License-Identifier: MIT */
#include "base/valuefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

/* "1234567.5" -> "1,234,567.5": separators in the integer part only. */
static void
group_thousands(const char *in, char *out, size_t n)
{
    const char *digits = in[0] == '-' ? in + 1 : in;
    const char *dot = strchr(digits, '.');
    size_t int_len = dot != NULL ? (size_t)(dot - digits) : strlen(digits);
    size_t o = 0;
    if (in[0] == '-' && o + 1 < n) {
        out[o++] = '-';
    }
    for (size_t i = 0; i < int_len && o + 1 < n; i++) {
        if (i > 0 && (int_len - i) % 3 == 0 && o + 1 < n) {
            out[o++] = ',';
        }
        out[o++] = digits[i];
    }
    for (const char *p = dot; p != NULL && *p != '\0' && o + 1 < n; p++) {
        out[o++] = *p;
    }
    out[o] = '\0';
}

static double
number_of(const struct or_value *v)
{
    return v->type == OR_TYPE_REAL ? v->r : (double)v->i;
}

void
or_value_format(const struct or_value *v, enum or_format fmt, GTimeZone *tz, char *buf, size_t n)
{
    char tmp[64];
    if (n == 0) {
        return;
    }
    if (v->is_null) {
        snprintf(buf, n, "–");
        return;
    }
    if (fmt == OR_FMT_AUTO) {
        switch (v->type) {
        case OR_TYPE_INT: fmt = OR_FMT_INTEGER; break;
        case OR_TYPE_REAL: fmt = OR_FMT_DECIMAL; break;
        case OR_TYPE_TIME: fmt = OR_FMT_DATETIME; break;
        case OR_TYPE_BOOL: snprintf(buf, n, "%s", v->i ? "yes" : "no"); return;
        default: fmt = OR_FMT_TEXT; break;
        }
    }
    if (v->type == OR_TYPE_TEXT && fmt != OR_FMT_TEXT) {
        fmt = OR_FMT_TEXT; /* never reinterpret text as a number */
    }
    switch (fmt) {
    case OR_FMT_INTEGER:
        snprintf(tmp, sizeof(tmp), "%.0f", round(number_of(v)));
        group_thousands(tmp, buf, n);
        return;
    case OR_FMT_DECIMAL:
        snprintf(tmp, sizeof(tmp), "%.2f", number_of(v));
        group_thousands(tmp, buf, n);
        return;
    case OR_FMT_PERCENT: snprintf(buf, n, "%.1f %%", number_of(v) * 100.0); return;
    case OR_FMT_DURATION: {
        long long s = llround(number_of(v));
        const char *sign = s < 0 ? "-" : "";
        s = s < 0 ? -s : s;
        if (s >= 3600) {
            snprintf(buf, n, "%s%lld:%02lld:%02lld", sign, s / 3600, (s / 60) % 60, s % 60);
        }
        else {
            snprintf(buf, n, "%s%lld:%02lld", sign, s / 60, s % 60);
        }
        return;
    }
    case OR_FMT_DATE:
    case OR_FMT_DATETIME: {
        struct or_local_time lt;
        or_time_local(v->i, tz, &lt);
        if (fmt == OR_FMT_DATE) {
            snprintf(buf, n, "%04d-%02d-%02d", lt.year, lt.month, lt.day);
        }
        else {
            snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                     lt.minute);
        }
        return;
    }
    default:
        if (v->type == OR_TYPE_TEXT) {
            snprintf(buf, n, "%s", v->s != NULL ? v->s : "");
        }
        else if (v->type == OR_TYPE_REAL) {
            snprintf(buf, n, "%g", v->r);
        }
        else {
            snprintf(buf, n, "%lld", (long long)v->i);
        }
        return;
    }
}
