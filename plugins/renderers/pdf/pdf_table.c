/* SPDX-License-Identifier: MIT */
/* TABLE sections: see pdf_table.h. */
#include "pdf_table.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orr_style.h"
#include "orr_text.h"
#include "pdf_colwidth.h"
#include "pdf_draw.h"
#include "pdf_mirror.h"
#include "chart_fmt.h"
#include "pdf_section_heading.h"
#include "pdf_theme.h"
#include "chart_utf8.h"

#define CELL_CAP 1024
#define ROW_H 15.5f
#define HEAD_LINE 9.5f
#define HEAD_PAD 6.0f
#define RANGE_H 16.0f
#define KEEP_ROWS 3
#define SHORT_TABLE_ROWS 15
#define HEAD_RULE 0xAFB8C1u

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

/* Everything a part of the table needs to draw itself. */
struct table {
    struct pdf_doc *d;
    const struct or_section *sec;
    struct pdf_columns cols;
    float head_h;
    int two_line_head;
};

static float
cell_x(const struct table *t, size_t c, float x, float inner_w)
{
    switch (t->cols.align[c]) {
    case 2: return x + PDF_CELL_PAD + inner_w;
    case 3: return x + PDF_CELL_PAD + inner_w / 2.0f;
    default: return x + PDF_CELL_PAD;
    }
}

static enum pdf_align
cell_align(const struct table *t, size_t c)
{
    switch (t->cols.align[c]) {
    case 2: return PDF_RIGHT;
    case 3: return PDF_CENTER;
    default: return PDF_LEFT;
    }
}

static void
header_layout(struct table *t)
{
    t->two_line_head = 0;
    for (size_t c = 0; c < t->cols.n; c++) {
        float inner = t->cols.width[c] - 2.0f * PDF_CELL_PAD;
        if (pdf_width(&t->d->bold, PDF_SIZE_TABLE, t->cols.label[c]) > inner) {
            t->two_line_head = 1;
        }
    }
    t->head_h = (t->two_line_head ? 2.0f * HEAD_LINE : HEAD_LINE) + 2.0f * HEAD_PAD;
}

static void
draw_label(const struct table *t, size_t c, float x, float bottom_base)
{
    struct pdf_doc *d = t->d;
    const char *label = t->cols.label[c];
    float inner = t->cols.width[c] - 2.0f * PDF_CELL_PAD;
    float tx = cell_x(t, c, x, inner);
    char line[CELL_CAP];
    char rest[CELL_CAP];

    if (pdf_width(&d->bold, PDF_SIZE_TABLE, label) <= inner) {
        pdf_m_text(d, d->page, &d->bold, PDF_SIZE_TABLE, PDF_C_TEXT, tx, bottom_base,
                   cell_align(t, c), label);
        return;
    }
    size_t next = 0;
    size_t n = pdf_wrap(&d->bold, PDF_SIZE_TABLE, label, inner, &next);
    if (n >= sizeof(line)) {
        n = chart_utf8_floor(label, sizeof(line) - 1);
    }
    memcpy(line, label, n);
    line[n] = '\0';
    pdf_fit(&d->bold, PDF_SIZE_TABLE, line, inner, rest, sizeof(rest));
    pdf_m_text(d, d->page, &d->bold, PDF_SIZE_TABLE, PDF_C_TEXT, tx, bottom_base + HEAD_LINE,
               cell_align(t, c), rest);
    pdf_fit(&d->bold, PDF_SIZE_TABLE, label + next, inner, rest, sizeof(rest));
    pdf_m_text(d, d->page, &d->bold, PDF_SIZE_TABLE, PDF_C_TEXT, tx, bottom_base, cell_align(t, c),
               rest);
}

static void
draw_header(struct table *t)
{
    struct pdf_doc *d = t->d;
    float y0 = d->y - t->head_h;
    float x = d->left;

    pdf_m_fill_rect(d, d->page, d->left, y0, d->right - d->left, t->head_h, PDF_C_HEAD_BG);
    pdf_m_line(d, d->page, d->left, y0, d->right, y0, HEAD_RULE, 0.8f);
    for (size_t c = 0; c < t->cols.n; c++) {
        draw_label(t, c, x, y0 + HEAD_PAD + 1.5f);
        x += t->cols.width[c];
    }
    pdf_doc_advance(d, t->head_h);
}

/* Column @p c's conditional look of value @p v: a fill or a data bar behind
 * the text of the cell at (x, y0); returns the text's colour. */
static uint32_t
draw_cond(const struct table *t, size_t c, const struct or_value *v, float x, float y0)
{
    struct pdf_doc *d = t->d;
    const struct or_cond *cond = OR_HOST_SINCE(d->h, 3) ? t->sec->result->cols[c]->cond : NULL;
    if (cond == NULL) {
        return v->is_null ? PDF_C_FAINT : PDF_C_TEXT;
    }
    struct orr_cond_look look;
    orr_cond_look(cond, orr_cond_number(v), &look);
    float w = t->cols.width[c];
    if (look.filled) {
        pdf_m_fill_rect(d, d->page, x, y0, w, ROW_H, look.fill);
    }
    if (look.bar > 0) {
        pdf_m_fill_rect(d, d->page, x + 1.0f, y0 + 2.0f, (w - 2.0f) * (float)look.bar, ROW_H - 4.0f,
                        look.bar_rgb);
    }
    return look.text_set ? look.text : v->is_null ? PDF_C_FAINT : PDF_C_TEXT;
}

static void
draw_row(struct table *t, const struct or_value *row, int64_t index)
{
    struct pdf_doc *d = t->d;
    const struct or_result *res = t->sec->result;
    float y0 = d->y - ROW_H;
    float x = d->left;
    char cell[CELL_CAP];
    char fitted[CELL_CAP];

    if (index % 2 == 1) {
        pdf_m_fill_rect(d, d->page, d->left, y0, d->right - d->left, ROW_H, PDF_C_ZEBRA);
    }
    for (size_t c = 0; c < t->cols.n; c++) {
        int numeric = 0;
        float inner = t->cols.width[c] - 2.0f * PDF_CELL_PAD;
        uint32_t ink = draw_cond(t, c, &row[c], x, y0);
        chart_fmt_cell(d->h, res->cols[c], &row[c], cell, sizeof(cell), &numeric);
        pdf_fit(&d->regular, PDF_SIZE_TABLE, cell, inner, fitted, sizeof(fitted));
        pdf_m_text(d, d->page, &d->regular, PDF_SIZE_TABLE, ink, cell_x(t, c, x, inner), y0 + 5.0f,
                   cell_align(t, c), fitted);
        x += t->cols.width[c];
    }
    pdf_doc_advance(d, ROW_H);
}

/* Close a part: bottom rule and the "rows i–j of N" line. */
static void
end_part(struct table *t, int64_t first, int64_t last, int64_t total)
{
    struct pdf_doc *d = t->d;
    char line[3 * CHART_FMT_BUFSIZE + 24];
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    char n[CHART_FMT_BUFSIZE];

    pdf_m_line(d, d->page, d->left, d->y, d->right, d->y, PDF_C_RULE, 0.6f);
    if (total < last) {
        total = last;
    }
    chart_fmt_grouped(d->h, n, sizeof(n), (double)total, 0);
    if (last == 0) {
        orr_text(d->h, "rows.none", "0 rows", NULL, 0, line, sizeof(line));
    }
    else {
        chart_fmt_grouped(d->h, a, sizeof(a), (double)first, 0);
        chart_fmt_grouped(d->h, b, sizeof(b), (double)last, 0);
        const char *const args[] = {a, b, n};
        orr_text(d->h, "rows", "rows {1}\xE2\x80\x93{2} of {3}", args, 3, line, sizeof(line));
    }
    pdf_m_text(d, d->page, &d->regular, 7.5f, PDF_C_FAINT, d->right, d->y - 10.5f, PDF_RIGHT, line);
    pdf_doc_advance(d, RANGE_H);
}

static void
draw_no_rows(struct table *t)
{
    struct pdf_doc *d = t->d;
    char none[128];
    orr_text(d->h, "no_rows", "No rows in this period.", NULL, 0, none, sizeof(none));
    pdf_m_text(d, d->page, &d->regular, PDF_SIZE_TABLE, PDF_C_MUTED, d->left + PDF_CELL_PAD,
               d->y - ROW_H + 5.0f, PDF_LEFT, none);
    pdf_doc_advance(d, ROW_H);
}

static or_status
stream_rows(struct table *t, char *err, size_t errlen)
{
    struct pdf_doc *d = t->d;
    const struct or_result *res = t->sec->result;
    struct or_value *row = calloc(res->ncols, sizeof(*row));
    int64_t n = 0;
    int64_t first = 1;

    if (row == NULL) {
        snprintf(err, errlen, "pdf: out of memory in section '%s'", or_str(t->sec->id));
        return OR_ERR_NOMEM;
    }
    draw_header(t);
    /* Written only on a failure, which ends the loop: cleared once, not per row. */
    char cerr[OR_ERR_SIZE];
    cerr[0] = '\0';
    while (pdf_doc_ok(d)) {
        int more = 0;
        if (d->h->cursor_next(d->h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            more = -1;
        }
        if (more < 0) {
            free(row);
            snprintf(err, errlen, "pdf: cannot read row %" PRId64 " of section '%s': %s", n + 1,
                     or_str(t->sec->id), cerr);
            return OR_ERR_RENDER;
        }
        if (more == 0) {
            break;
        }
        /* No last page with fewer than KEEP_ROWS rows (a widow): when the
         * last KEEP_ROWS rows do not fit here, they go over together. */
        int64_t left = res->nrows - n;
        int widow = left == KEEP_ROWS && n - first + 1 >= KEEP_ROWS &&
                    pdf_doc_room(d) < (float)KEEP_ROWS * ROW_H + RANGE_H;
        if (pdf_doc_room(d) < ROW_H + RANGE_H || widow) {
            end_part(t, first, n, res->nrows);
            pdf_doc_page(d, d->landscape);
            draw_header(t);
            first = n + 1;
        }
        draw_row(t, row, n);
        n++;
    }
    free(row);
    if (n == 0) {
        draw_no_rows(t);
    }
    end_part(t, first, n, res->nrows);
    return OR_OK;
}

or_status
pdf_table_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    struct table t = {.d = d, .sec = sec};

    if (res == NULL || res->ncols == 0) {
        pdf_section_heading(d, sec, ROW_H);
        draw_no_rows(&t);
        return pdf_doc_ok(d) ? OR_OK : pdf_doc_failure(d, err, errlen);
    }
    or_status st = pdf_colwidth_measure(d->h, sec, &d->regular, &d->bold, PDF_SIZE_TABLE,
                                        d->right - d->left, &t.cols, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    header_layout(&t);
    /* A short table is never split: it starts on the next page when it does
     * not fit on this one.  A longer one starts with at least KEEP_ROWS rows
     * under its heading. */
    int64_t keep_rows = res->nrows < KEEP_ROWS ? (res->nrows < 1 ? 1 : res->nrows) : KEEP_ROWS;
    if (res->nrows > KEEP_ROWS && res->nrows <= SHORT_TABLE_ROWS) {
        keep_rows = res->nrows;
    }
    pdf_section_heading(d, sec, t.head_h + (float)keep_rows * ROW_H + RANGE_H);
    st = stream_rows(&t, err, errlen);
    pdf_colwidth_free(&t.cols);
    if (st == OR_OK && !pdf_doc_ok(d)) {
        st = pdf_doc_failure(d, err, errlen);
    }
    return st;
}
