/* SPDX-License-Identifier: MIT */
/* Text of numbers, durations, instants and cells: see pdf_format.h. */
#include "pdf_format.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_utf8.h"

/* Beyond this magnitude a double has no exact units digit left to group. */
#define GROUP_LIMIT 9.0e15

static const double pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

size_t
pdf_fmt_grouped(char *buf, size_t n, double v, int decimals)
{
    char digits[24];
    char out[PDF_FMT_BUFSIZE];
    size_t o = 0;

    if (!isfinite(v)) {
        return (size_t)snprintf(buf, n, "%s", isnan(v) ? "n/a" : (v < 0 ? "-inf" : "inf"));
    }
    if (decimals < 0) {
        decimals = 0;
    }
    if (decimals > 6) {
        decimals = 6;
    }
    double scale = pow10_table[decimals];
    double a = fabs(v) * scale;
    if (a >= GROUP_LIMIT) {
        return (size_t)snprintf(buf, n, "%.3e", v);
    }
    uint64_t u = (uint64_t)llround(a);
    uint64_t ip = u / (uint64_t)scale;
    uint64_t fp = u % (uint64_t)scale;
    if (v < 0 && u != 0) {
        out[o++] = '-';
    }
    size_t nd = 0;
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
    return (size_t)snprintf(buf, n, "%s", out);
}

size_t
pdf_fmt_duration(char *buf, size_t n, double seconds)
{
    if (!isfinite(seconds) || fabs(seconds) >= GROUP_LIMIT) {
        return (size_t)snprintf(buf, n, "n/a");
    }
    long long s = llround(fabs(seconds));
    const char *sign = seconds < 0 && s != 0 ? "-" : "";
    return (size_t)snprintf(buf, n, "%s%lld:%02lld:%02lld", sign, s / 3600, (s / 60) % 60, s % 60);
}

static int
is_integral(double v)
{
    return fabs(v - nearbyint(v)) < 1e-9;
}

size_t
pdf_fmt_number(char *buf, size_t n, enum or_format fmt, double v)
{
    char tmp[PDF_FMT_BUFSIZE];

    switch (fmt) {
    case OR_FMT_INTEGER: return pdf_fmt_grouped(buf, n, v, 0);
    case OR_FMT_DECIMAL: return pdf_fmt_grouped(buf, n, v, 2);
    case OR_FMT_PERCENT:
        pdf_fmt_grouped(tmp, sizeof(tmp), v * 100.0, 1);
        return (size_t)snprintf(buf, n, "%s %%", tmp);
    case OR_FMT_DURATION: return pdf_fmt_duration(buf, n, v);
    default: return pdf_fmt_grouped(buf, n, v, is_integral(v) ? 0 : 2);
    }
}

int
pdf_fmt_change(const struct or_kpi *k, char *buf, size_t n, int *direction)
{
    char tmp[PDF_FMT_BUFSIZE];
    double d;

    *direction = 0;
    buf[0] = '\0';
    if (!k->has_value || !k->has_previous || !isfinite(k->value) || !isfinite(k->previous)) {
        return 0;
    }
    if (k->format == OR_FMT_PERCENT) {
        d = (k->value - k->previous) * 100.0;
        pdf_fmt_grouped(tmp, sizeof(tmp), fabs(d), 1);
        *direction = strcmp(tmp, "0.0") == 0 ? 0 : (d > 0 ? 1 : -1);
        snprintf(buf, n, "%s%s pp", *direction == 0 ? "\xC2\xB1" : (d > 0 ? "+" : "-"), tmp);
        return 1;
    }
    if (k->previous != 0.0) {
        d = (k->value - k->previous) / fabs(k->previous) * 100.0;
        pdf_fmt_grouped(tmp, sizeof(tmp), fabs(d), 1);
        *direction = strcmp(tmp, "0.0") == 0 ? 0 : (d > 0 ? 1 : -1);
        snprintf(buf, n, "%s%s %%", *direction == 0 ? "\xC2\xB1" : (d > 0 ? "+" : "-"), tmp);
        return 1;
    }
    d = k->value - k->previous;
    pdf_fmt_number(tmp, sizeof(tmp), k->format, fabs(d));
    *direction = d > 0 ? 1 : (d < 0 ? -1 : 0);
    snprintf(buf, n, "%s%s", *direction == 0 ? "\xC2\xB1" : (d > 0 ? "+" : "-"), tmp);
    return 1;
}

size_t
pdf_fmt_local(const struct or_host *h, int64_t t, int with_time, char *buf, size_t n)
{
    int p[6];
    int32_t off = 0;

    h->local_time(h, t, p, &off);
    if (with_time) {
        return (size_t)snprintf(buf, n, "%04d-%02d-%02d %02d:%02d", p[0], p[1], p[2], p[3], p[4]);
    }
    return (size_t)snprintf(buf, n, "%04d-%02d-%02d", p[0], p[1], p[2]);
}

size_t
pdf_fmt_offset(char *buf, size_t n, int32_t offset)
{
    if (offset == 0) {
        return (size_t)snprintf(buf, n, "UTC");
    }
    int32_t a = offset < 0 ? -offset : offset;
    return (size_t)snprintf(buf, n, "UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int)(a / 3600),
                            (int)((a / 60) % 60));
}

size_t
pdf_fmt_cell(const struct or_host *h, const struct or_result_column *col, const struct or_value *v,
             char *buf, size_t n, int *numeric)
{
    *numeric = 0;
    if (v->is_null) {
        return (size_t)snprintf(buf, n, "%s", PDF_FMT_NULL);
    }
    switch (v->type) {
    case OR_TYPE_INT:
        *numeric = 1;
        if (col->format == OR_FMT_DATE || col->format == OR_FMT_DATETIME) {
            *numeric = 0;
            return pdf_fmt_local(h, v->i, col->format == OR_FMT_DATETIME, buf, n);
        }
        return pdf_fmt_number(buf, n, col->format == OR_FMT_AUTO ? OR_FMT_INTEGER : col->format,
                              (double)v->i);
    case OR_TYPE_REAL:
        *numeric = 1;
        return pdf_fmt_number(buf, n, col->format == OR_FMT_AUTO ? OR_FMT_DECIMAL : col->format,
                              v->r);
    case OR_TYPE_BOOL: return (size_t)snprintf(buf, n, "%s", v->i ? "yes" : "no");
    case OR_TYPE_TIME: return pdf_fmt_local(h, v->i, col->format != OR_FMT_DATE, buf, n);
    case OR_TYPE_TEXT: return pdf_utf8_clean(buf, n, v->s, v->s != NULL ? v->len : 0, NULL);
    default: return (size_t)snprintf(buf, n, "?");
    }
}
