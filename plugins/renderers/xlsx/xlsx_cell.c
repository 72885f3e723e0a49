/* SPDX-License-Identifier: MIT */
/* Typed cells: see xlsx_cell.h. */
#include "xlsx_cell.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_serial.h"
#include "xlsx_text.h"

/* libxlsxwriter's limit for a URL after it percent-escapes a few characters. */
#define URL_MAX 2079

/* Integers beyond 2^53 lose digits as doubles: they are written as text. */
#define EXACT_INT_MAX 9007199254740992LL

static or_status
cell_error(struct xlsx_ctx *x, const struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
           lxw_error e)
{
    char what[200];
    snprintf(what, sizeof(what), "cannot write cell (row %lu, column %u) of sheet '%s'",
             (unsigned long)row + 1, (unsigned)col + 1, s->name);
    return xlsx_ctx_lxw(x, e, what);
}

/* Length of a URL once libxlsxwriter has percent-escaped it. */
static size_t
escaped_url_length(const char *url, size_t len)
{
    size_t n = len;
    for (size_t i = 0; i < len; i++) {
        if (strchr(" \"<>[]`^{}", url[i]) != NULL) {
            n += 2;
        }
    }
    return n;
}

or_status
xlsx_cell_text(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
               const char *text, size_t len, int links, lxw_format *format, double *width)
{
    char *fitted = NULL;
    int truncated = 0;
    lxw_error e;

    if (xlsx_text_fit(text, len, XLSX_TEXT_MAX, &fitted, &truncated) != OR_OK) {
        return xlsx_ctx_nomem(x, "cell text");
    }
    const char *t = fitted != NULL ? fitted : text;
    size_t tlen = fitted != NULL ? strlen(fitted) : len;
    if (truncated) {
        if (s->ntruncated == 0) {
            x->h->log(x->h, OR_LOG_WARN,
                      "sheet '%s': text longer than %d characters cut to fit Excel "
                      "(first at row %lu, column %u; further cuts on this sheet are "
                      "counted on the Summary sheet)",
                      s->name, XLSX_TEXT_MAX, (unsigned long)row + 1, (unsigned)col + 1);
        }
        s->ntruncated++;
    }
    if (width != NULL) {
        *width = xlsx_text_width(t, tlen);
    }
    e = LXW_ERROR_PARAMETER_VALIDATION;
    if (links && s->nurls < LXW_MAX_NUMBER_URLS && xlsx_text_is_url(t, tlen) &&
        escaped_url_length(t, tlen) <= URL_MAX) {
        e = worksheet_write_url(s->ws, row, col, t, format);
        if (e == LXW_NO_ERROR) {
            s->nurls++;
        }
    }
    if (e != LXW_NO_ERROR) {
        /* Not a link, or one libxlsxwriter refused: the text stays as text. */
        e = worksheet_write_string(s->ws, row, col, t, format);
    }
    free(fitted);
    if (e != LXW_NO_ERROR) {
        return cell_error(x, s, row, col, e);
    }
    return OR_OK;
}

/* Characters of an integer part with thousands separators. */
static double
grouped_width(double v)
{
    char buf[64];
    int n = snprintf(buf, sizeof(buf), "%.0f", floor(fabs(v)));
    return (double)n + (double)((n - 1) / 3) + (v < 0 ? 1.0 : 0.0);
}

static double
number_width(const struct xlsx_formats *f, double v, const lxw_format *format)
{
    char buf[64];
    if (format == f->integer) {
        return grouped_width(v);
    }
    if (format == f->decimal) {
        return grouped_width(v) + 3.0;
    }
    if (format == f->percent) {
        return (double)snprintf(buf, sizeof(buf), "%.1f%%", v * 100.0);
    }
    if (format == f->duration) {
        return (double)snprintf(buf, sizeof(buf), "%.0f:00:00", floor(fabs(v) * 24.0));
    }
    if (format == f->date) {
        return 10.0;
    }
    if (format == f->datetime) {
        return 19.0;
    }
    return (double)snprintf(buf, sizeof(buf), "%.10g", v);
}

or_status
xlsx_cell_number(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col, double v,
                 lxw_format *format, double *width)
{
    lxw_error e = worksheet_write_number(s->ws, row, col, v, format);
    if (e != LXW_NO_ERROR) {
        return cell_error(x, s, row, col, e);
    }
    if (width != NULL) {
        *width = number_width(&x->fmt, v, format);
    }
    return OR_OK;
}

static or_status
write_real(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
           const struct or_result_column *c, double r, double *width)
{
    if (!isfinite(r)) {
        /* Excel has no NaN or infinity; say what the value is rather than drop it. */
        const char *t = isnan(r) ? "NaN" : (r > 0 ? "Infinity" : "-Infinity");
        return xlsx_cell_text(x, s, row, col, t, strlen(t), 0, NULL, width);
    }
    if (c->format == OR_FMT_DURATION) {
        r /= 86400.0;
    }
    return xlsx_cell_number(x, s, row, col, r, xlsx_formats_number(&x->fmt, c->type, c->format),
                            width);
}

static or_status
write_int(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
          const struct or_result_column *c, int64_t i, double *width)
{
    if (c->format != OR_FMT_DURATION && (i > EXACT_INT_MAX || i < -EXACT_INT_MAX)) {
        char buf[32];
        int n = snprintf(buf, sizeof(buf), "%" PRId64, i);
        return xlsx_cell_text(x, s, row, col, buf, (size_t)n, 0, NULL, width);
    }
    return write_real(x, s, row, col, c, (double)i, width);
}

static or_status
write_time(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
           const struct or_result_column *c, int64_t t, double *width)
{
    int parts[6] = {0};
    int32_t offset = 0;
    double serial;

    x->h->local_time(x->h, t, parts, &offset);
    if (!xlsx_serial(parts, &serial)) {
        /* Excel cannot show the date: keep the instant readable as text. */
        char buf[64];
        size_t n = 0;
        if (x->h->format_time(x->h, t, buf, sizeof(buf)) == OR_OK) {
            n = strlen(buf);
        }
        else {
            n = (size_t)snprintf(buf, sizeof(buf), "%" PRId64, t);
        }
        return xlsx_cell_text(x, s, row, col, buf, n, 0, NULL, width);
    }
    if (c->format == OR_FMT_DATE) {
        serial = floor(serial);
    }
    return xlsx_cell_number(x, s, row, col, serial,
                            xlsx_formats_number(&x->fmt, OR_TYPE_TIME, c->format), width);
}

or_status
xlsx_cell_value(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
                const struct or_result_column *c, const struct or_value *v, double *width)
{
    lxw_error e;

    if (width != NULL) {
        *width = 0.0;
    }
    if (v->is_null) {
        return OR_OK;
    }
    switch (v->type) {
    case OR_TYPE_INT: return write_int(x, s, row, col, c, v->i, width);
    case OR_TYPE_REAL: return write_real(x, s, row, col, c, v->r, width);
    case OR_TYPE_BOOL:
        e = worksheet_write_boolean(s->ws, row, col, v->i != 0, NULL);
        if (e != LXW_NO_ERROR) {
            return cell_error(x, s, row, col, e);
        }
        if (width != NULL) {
            *width = 5.0;
        }
        return OR_OK;
    case OR_TYPE_TIME: return write_time(x, s, row, col, c, v->i, width);
    case OR_TYPE_TEXT:
        if (v->s == NULL) {
            return OR_OK;
        }
        return xlsx_cell_text(x, s, row, col, v->s, v->len, 1, NULL, width);
    default:
        snprintf(x->err, x->errlen, "%s: sheet '%s', row %lu: unknown value type %d", x->path,
                 s->name, (unsigned long)row + 1, (int)v->type);
        return OR_ERR_RENDER;
    }
}
