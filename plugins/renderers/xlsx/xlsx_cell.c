/* SPDX-License-Identifier: MIT */
/* Typed cells: see xlsx_cell.h. */
#include "xlsx_cell.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_text.h"

/* libxlsxwriter's limit for a URL after it percent-escapes a few characters. */
#define URL_MAX 2079

/* Integers beyond 2^53 lose digits as doubles. */
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

/* Display width of a number in General format. */
static double
general_width(double v)
{
    char buf[64];
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
        *width = general_width(v);
    }
    return OR_OK;
}

/* A number of a column without a format: General, as it is. */
static or_status
write_plain(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
            const struct or_value *v, double *width)
{
    if (v->type == OR_TYPE_INT && (v->i > EXACT_INT_MAX || v->i < -EXACT_INT_MAX)) {
        /* Integers beyond 2^53 lose digits as doubles: they are written as text. */
        char buf[32];
        int n = snprintf(buf, sizeof(buf), "%" PRId64, v->i);
        return xlsx_cell_text(x, s, row, col, buf, (size_t)n, 0, NULL, width);
    }
    double r = v->type == OR_TYPE_INT ? (double)v->i : v->r;
    if (!isfinite(r)) {
        /* Excel has no NaN or infinity; say what the value is rather than drop it. */
        const char *t = isnan(r) ? "NaN" : (r > 0 ? "Infinity" : "-Infinity");
        return xlsx_cell_text(x, s, row, col, t, strlen(t), 0, NULL, width);
    }
    return xlsx_cell_number(x, s, row, col, r, NULL, width);
}

/* A value as the host's formatter shows it: a number in the Excel format
 * that reads as the PDF does, a date serial, a boolean or a text. */
static or_status
write_shown(struct xlsx_ctx *x, struct xlsx_sheet *s, lxw_row_t row, lxw_col_t col,
            enum or_format fmt, const struct or_value *v, double *width)
{
    struct or_display d = {.size = sizeof(d)};
    if (x->h->format_cell(x->h, v, fmt, width != NULL ? 0u : (unsigned)OR_DISPLAY_NO_TEXT, &d) !=
        OR_OK) {
        snprintf(x->err, x->errlen, "%s: sheet '%s': the host cannot format row %lu, column %u",
                 x->path, s->name, (unsigned long)row + 1, (unsigned)col + 1);
        return OR_ERR_RENDER;
    }
    lxw_error e = LXW_NO_ERROR;
    int nomem = 0;
    switch (d.kind) {
    case OR_DISPLAY_BLANK: return OR_OK;
    case OR_DISPLAY_TEXT:
        return v->s != NULL ? xlsx_cell_text(x, s, row, col, v->s, v->len, 1, NULL, width) : OR_OK;
    case OR_DISPLAY_STRING:
        return xlsx_cell_text(x, s, row, col, d.text, strlen(d.text), 0, NULL, width);
    case OR_DISPLAY_BOOL:
        e = worksheet_write_boolean(s->ws, row, col, d.number != 0.0, NULL);
        break;
    default: {
        lxw_format *f = xlsx_formats_code(&x->fmt, d.num_format, XLSX_TONE_PLAIN, &nomem);
        if (nomem) {
            return xlsx_ctx_nomem(x, "number format");
        }
        e = worksheet_write_number(s->ws, row, col, d.number, f);
    } break;
    }
    if (e != LXW_NO_ERROR) {
        return cell_error(x, s, row, col, e);
    }
    if (width != NULL) {
        *width = xlsx_text_width(d.text, strlen(d.text));
    }
    return OR_OK;
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
    if (c->format != OR_FMT_AUTO || v->type == OR_TYPE_TIME) {
        /* Dates and every format the template names: the host's formatter. */
        return write_shown(x, s, row, col, c->format, v, width);
    }
    switch (v->type) {
    case OR_TYPE_INT:
    case OR_TYPE_REAL: return write_plain(x, s, row, col, v, width);
    case OR_TYPE_BOOL:
        e = worksheet_write_boolean(s->ws, row, col, v->i != 0, NULL);
        if (e != LXW_NO_ERROR) {
            return cell_error(x, s, row, col, e);
        }
        if (width != NULL) {
            *width = 5.0;
        }
        return OR_OK;
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
