/* SPDX-License-Identifier: MIT */
/* Text of numbers, durations, instants and cells: see chart_fmt.h. */
#include "chart_fmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_utf8.h"

/* The host's text of @p v, or "" when it could not make one. */
static size_t
host_text(const struct or_host *h, const struct or_value *v, enum or_format fmt, int decimals,
          char *buf, size_t n)
{
    if (n == 0) {
        return 0;
    }
    if (h->format_value(h, v, fmt, decimals, buf, n) != OR_OK && buf[0] == '\0') {
        return 0;
    }
    return strlen(buf);
}

static size_t
real_text(const struct or_host *h, double v, enum or_format fmt, int decimals, char *buf, size_t n)
{
    struct or_value val = {.type = OR_TYPE_REAL, .r = v};
    return host_text(h, &val, fmt, decimals, buf, n);
}

size_t
chart_fmt_grouped(const struct or_host *h, char *buf, size_t n, double v, int decimals)
{
    return real_text(h, v, OR_FMT_DECIMAL, decimals < 0 ? 0 : decimals, buf, n);
}

size_t
chart_fmt_duration(const struct or_host *h, char *buf, size_t n, double seconds)
{
    return real_text(h, seconds, OR_FMT_DURATION, -1, buf, n);
}

size_t
chart_fmt_number(const struct or_host *h, char *buf, size_t n, enum or_format fmt, double v)
{
    if (fmt != OR_FMT_INTEGER && fmt != OR_FMT_DECIMAL && fmt != OR_FMT_PERCENT &&
        fmt != OR_FMT_DURATION && fmt != OR_FMT_CURRENCY) {
        fmt = fabs(v - nearbyint(v)) < 1e-9 ? OR_FMT_INTEGER : OR_FMT_DECIMAL;
    }
    return real_text(h, v, fmt, -1, buf, n);
}

size_t
chart_fmt_local(const struct or_host *h, int64_t t, int with_time, char *buf, size_t n)
{
    struct or_value val = {.type = OR_TYPE_TIME, .i = t};
    return host_text(h, &val, with_time ? OR_FMT_DATETIME : OR_FMT_DATE, -1, buf, n);
}

size_t
chart_fmt_offset(char *buf, size_t n, int32_t offset)
{
    if (offset == 0) {
        return (size_t)snprintf(buf, n, "UTC");
    }
    int32_t a = offset < 0 ? -offset : offset;
    return (size_t)snprintf(buf, n, "UTC%c%02d:%02d", offset < 0 ? '-' : '+', (int)(a / 3600),
                            (int)((a / 60) % 60));
}

size_t
chart_fmt_cell(const struct or_host *h, const struct or_result_column *col,
               const struct or_value *v, char *buf, size_t n, int *numeric)
{
    struct or_display c = {.size = sizeof(c)};
    *numeric = 0;
    if (n == 0) {
        return 0;
    }
    if (v->is_null) {
        return (size_t)snprintf(buf, n, "%s", CHART_FMT_NULL);
    }
    if (v->type == OR_TYPE_TEXT && col->format == OR_FMT_AUTO) {
        return chart_utf8_clean(buf, n, v->s, v->s != NULL ? v->len : 0, NULL);
    }
    if (h->format_cell(h, v, col->format, 0, &c) != OR_OK) {
        buf[0] = '\0';
        return 0;
    }
    if (c.kind == OR_DISPLAY_TEXT) {
        return chart_utf8_clean(buf, n, v->s, v->s != NULL ? v->len : 0, NULL);
    }
    /* Numbers line up on the right; dates and instants read as text. */
    *numeric = c.kind == OR_DISPLAY_NUMBER && col->format != OR_FMT_DATE &&
               col->format != OR_FMT_DATETIME && v->type != OR_TYPE_TIME;
    return (size_t)snprintf(buf, n, "%s", c.text);
}

size_t
chart_fmt_kpi(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part, char *buf,
              size_t n, int *direction)
{
    struct or_display c = {.size = sizeof(c)};
    int dir = 0;
    if (n == 0) {
        return 0;
    }
    if (h->format_kpi(h, k, part, 0, &c, &dir) != OR_OK) {
        buf[0] = '\0';
        c.text[0] = '\0';
    }
    if (direction != NULL) {
        *direction = dir;
    }
    return (size_t)snprintf(buf, n, "%s", c.text);
}
