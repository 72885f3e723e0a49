/* SPDX-License-Identifier: MIT */
/* Column widths of a table from its content: see pdf_colwidth.h. */
#include "pdf_colwidth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_draw.h"
#include "chart_fmt.h"
#include "chart_utf8.h"

#define CELL_CAP 1024
/* No column is measured wider than this share of the page. */
#define MAX_SHARE 0.45f
#define MIN_WIDTH 26.0f
/* How far a label may widen its column beyond the content to stay on one line. */
#define LABEL_SLACK 40.0f
/* Up to this many columns, labels stay on one line at the expense of the widest columns. */
#define ONE_LINE_COLUMNS 12

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

static int
resolve_align(const struct or_result_column *col)
{
    if (col->align >= 1 && col->align <= 3) {
        return col->align;
    }
    return col->type == OR_TYPE_INT || col->type == OR_TYPE_REAL ? 2 : 1;
}

/* Width of the longest word of a label: it may wrap, but not inside a word. */
static float
longest_word(const struct pdf_font *font, float size, const char *s)
{
    float best = 0.0f;
    size_t start = 0;
    size_t len = strlen(s);
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == ' ') {
            float w = pdf_width_n(font, size, s + start, i - start);
            if (w > best) {
                best = w;
            }
            start = i + 1;
        }
    }
    return best;
}

/* Padding added, then kept between a minimum and a share of the page. */
static float
clamp_width(float content, float avail)
{
    /* Half a point more, so a text measured to fit still fits after rounding. */
    float w = content + 2.0f * PDF_CELL_PAD + 0.5f;
    if (w > avail * MAX_SHARE) {
        w = avail * MAX_SHARE;
    }
    return w < MIN_WIDTH ? MIN_WIDTH : w;
}

static or_status
sample(const struct or_host *h, const struct or_section *sec, const struct pdf_font *font,
       float size, float *natural, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    struct or_value *row = calloc(res->ncols, sizeof(*row));
    char cell[CELL_CAP];

    if (row == NULL) {
        snprintf(err, errlen, "pdf: out of memory in section '%s'", or_str(sec->id));
        return OR_ERR_NOMEM;
    }
    /* Written only on a failure, which ends the loop: cleared once, not per row. */
    char cerr[OR_ERR_SIZE];
    cerr[0] = '\0';
    for (int64_t n = 1; n <= PDF_COLWIDTH_SAMPLE; n++) {
        int more = 0;
        if (h->cursor_next(h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            more = -1;
        }
        if (more == 0) {
            break;
        }
        if (more < 0) {
            free(row);
            snprintf(err, errlen, "pdf: cannot read row %lld of section '%s': %s", (long long)n,
                     or_str(sec->id), cerr);
            return OR_ERR_RENDER;
        }
        for (size_t c = 0; c < res->ncols; c++) {
            int numeric = 0;
            chart_fmt_cell(h, res->cols[c], &row[c], cell, sizeof(cell), &numeric);
            float w = pdf_width(font, size, cell);
            if (w > natural[c]) {
                natural[c] = w;
            }
        }
    }
    free(row);
    return OR_OK;
}

/* Narrow columns keep their width, the wide ones share the rest equally. */
static void
shrink(float *w, const float *natural, size_t n, float avail)
{
    int *fixed = calloc(n, sizeof(*fixed));
    float left = avail;
    size_t open = n;
    int changed = 1;

    if (fixed == NULL) {
        for (size_t c = 0; c < n; c++) {
            w[c] = avail / (float)n;
        }
        return;
    }
    while (changed && open > 0) {
        changed = 0;
        float fair = left / (float)open;
        for (size_t c = 0; c < n; c++) {
            if (!fixed[c] && natural[c] <= fair) {
                fixed[c] = 1;
                w[c] = natural[c];
                left -= natural[c];
                open--;
                changed = 1;
            }
        }
    }
    for (size_t c = 0; c < n; c++) {
        if (!fixed[c]) {
            w[c] = left / (float)open;
        }
    }
    free(fixed);
}

static void
fit(float *w, const float *natural, size_t n, float avail, float sum)
{
    if (sum <= avail) {
        for (size_t c = 0; c < n; c++) {
            w[c] = natural[c] + (avail - sum) * natural[c] / sum;
        }
        return;
    }
    shrink(w, natural, n, avail);
}

or_status
pdf_colwidth_measure(const struct or_host *h, const struct or_section *sec,
                     const struct pdf_font *regular, const struct pdf_font *bold, float size,
                     float avail, struct pdf_columns *out, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    size_t n = res->ncols;
    float *natural = NULL;
    float *full = NULL;
    or_status st = OR_ERR_NOMEM;

    memset(out, 0, sizeof(*out));
    out->n = n;
    out->width = calloc(n, sizeof(*out->width));
    out->align = calloc(n, sizeof(*out->align));
    out->label = calloc(n, sizeof(*out->label));
    natural = calloc(n, sizeof(*natural));
    full = calloc(n, sizeof(*full));
    if (out->width == NULL || out->align == NULL || out->label == NULL || natural == NULL ||
        full == NULL) {
        snprintf(err, errlen, "pdf: out of memory in section '%s'", or_str(sec->id));
        goto fail;
    }
    for (size_t c = 0; c < n; c++) {
        const struct or_result_column *col = res->cols[c];
        const char *label =
            col->label != NULL && col->label[0] != '\0' ? col->label : or_str(col->name);
        out->label[c] = chart_utf8_dup(label);
        if (out->label[c] == NULL) {
            snprintf(err, errlen, "pdf: out of memory in section '%s'", or_str(sec->id));
            goto fail;
        }
        out->align[c] = resolve_align(col);
        natural[c] = longest_word(bold, size, out->label[c]);
        full[c] = pdf_width(bold, size, out->label[c]);
    }
    char rerr[OR_ERR_SIZE] = "";
    if (h->cursor_rewind(h, res->cursor, rerr, sizeof(rerr)) != OR_OK) {
        snprintf(err, errlen, "pdf: cannot rewind the rows of section '%s': %s", or_str(sec->id),
                 rerr);
        st = OR_ERR_RENDER;
        goto fail;
    }
    st = sample(h, sec, regular, size, natural, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    if (h->cursor_rewind(h, res->cursor, rerr, sizeof(rerr)) != OR_OK) {
        snprintf(err, errlen, "pdf: cannot rewind the rows of section '%s': %s", or_str(sec->id),
                 rerr);
        st = OR_ERR_RENDER;
        goto fail;
    }
    /* Labels on one line when everything fits that way or the table has few
     * columns (the widest columns give up the room), else wrapped at words. */
    float sum_full = 0.0f;
    float sum = 0.0f;
    for (size_t c = 0; c < n; c++) {
        float content = natural[c];
        /* A label may widen its column a little to stay on one line, not more. */
        float label = full[c] < content + LABEL_SLACK ? full[c] : content + LABEL_SLACK;
        natural[c] = clamp_width(content, avail);
        full[c] = clamp_width(label > content ? label : content, avail);
        sum += natural[c];
        sum_full += full[c];
    }
    out->natural = sum;
    if (n > 0) {
        int one_line = sum_full <= avail || n <= ONE_LINE_COLUMNS;
        fit(out->width, one_line ? full : natural, n, avail, one_line ? sum_full : sum);
    }
    free(full);
    free(natural);
    return OR_OK;

fail:
    free(natural);
    free(full);
    pdf_colwidth_free(out);
    return st;
}

void
pdf_colwidth_free(struct pdf_columns *c)
{
    if (c->label != NULL) {
        for (size_t i = 0; i < c->n; i++) {
            free(c->label[i]);
        }
    }
    free(c->label);
    free(c->width);
    free(c->align);
    memset(c, 0, sizeof(*c));
}
