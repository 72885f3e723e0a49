/* SPDX-License-Identifier: MIT */
/* TABLE sections: see html_table.h.  Rows are streamed from the cursor
 * into the file and never kept; with max_rows, the table stops there and
 * says how many rows it has in all. */
#include "html_table.h"

#include <stdio.h>
#include <stdlib.h>

#include "chart_fmt.h"
#include "html_cond.h"
#include "orr_text.h"

#define LINE_CAP 512

static const char *
label_of(const struct or_result_column *c)
{
    return c->label != NULL && c->label[0] != '\0' ? c->label : c->name;
}

/* The class of a cell: the column's alignment, else right for numbers. */
static const char *
cell_class(const struct or_result_column *c, int numeric)
{
    switch (c->align) {
    case 1: return "";
    case 2: return " class=\"num\"";
    case 3: return " class=\"center\"";
    default: return numeric ? " class=\"num\"" : "";
    }
}

static void
header(struct html_doc *d, const struct or_result *res)
{
    html_raw(&d->out, "<div class=\"scroll\"><table>\n<thead><tr>");
    for (size_t c = 0; c < res->ncols; c++) {
        const struct or_result_column *col = res->cols[c];
        int numeric = col->type == OR_TYPE_INT || col->type == OR_TYPE_REAL;
        html_rawf(&d->out, "<th scope=\"col\"%s>", cell_class(col, numeric));
        html_text(&d->out, label_of(col));
        html_raw(&d->out, "</th>");
    }
    html_raw(&d->out, "</tr></thead>\n<tbody>\n");
}

static void
row(struct html_doc *d, const struct or_result *res, const struct or_value *v)
{
    char text[1024];
    html_raw(&d->out, "<tr>");
    for (size_t c = 0; c < res->ncols; c++) {
        int numeric = 0;
        chart_fmt_cell(d->h, res->cols[c], &v[c], text, sizeof(text), &numeric);
        const char *tag = c == 0 ? "th" : "td";
        html_rawf(&d->out, "<%s%s%s", tag, c == 0 ? " scope=\"row\"" : "",
                  cell_class(res->cols[c], numeric));
        html_cond_cell(d, res->cols[c], &v[c]);
        html_raw(&d->out, ">");
        html_text(&d->out, text);
        html_rawf(&d->out, "</%s>", tag);
    }
    html_raw(&d->out, "</tr>\n");
}

static void
note(struct html_doc *d, long shown, int64_t total, int more)
{
    char a[CHART_FMT_BUFSIZE];
    char b[CHART_FMT_BUFSIZE];
    char line[LINE_CAP];
    const char *const args[] = {a, b};
    a[0] = b[0] = '\0';
    chart_fmt_grouped(d->h, a, sizeof(a), (double)shown, 0);
    if (shown == 0 && !more) {
        orr_text(d->h, "no_rows", "No rows in this period.", NULL, 0, line, sizeof(line));
    }
    else if (!more) {
        orr_text(d->h, shown == 1 ? "rows.one" : "rows.all", shown == 1 ? "{1} row." : "{1} rows.",
                 args, 1, line, sizeof(line));
    }
    else if (total > 0) {
        chart_fmt_grouped(d->h, b, sizeof(b), (double)total, 0);
        orr_text(d->h, "rows.more",
                 "Rows 1\xE2\x80\x93{1} of {2}: the attached documents hold every row.", args, 2,
                 line, sizeof(line));
    }
    else {
        orr_text(d->h, "rows.first", "The first {1} rows: the attached documents hold every row.",
                 args, 1, line, sizeof(line));
    }
    html_raw(&d->out, "<p class=\"note\">");
    html_text(&d->out, line);
    html_raw(&d->out, "</p>\n");
}

or_status
html_table(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    char cerr[OR_ERR_SIZE] = "";
    if (res == NULL || res->ncols == 0) {
        note(d, 0, 0, 0);
        return OR_OK;
    }
    struct or_value *v = calloc(res->ncols, sizeof(*v));
    if (v == NULL) {
        snprintf(err, errlen, "html: out of memory in section '%s'", sec->id);
        return OR_ERR_NOMEM;
    }
    or_status st = d->h->cursor_rewind(d->h, res->cursor, cerr, sizeof(cerr));
    if (st != OR_OK) {
        snprintf(err, errlen, "html: cannot rewind the rows of section '%s': %s", sec->id, cerr);
        free(v);
        return OR_ERR_RENDER;
    }
    header(d, res);
    long n = 0;
    int more = 0;
    for (;;) {
        int has = 0;
        if (d->h->cursor_next(d->h, res->cursor, v, &has, cerr, sizeof(cerr)) != OR_OK) {
            snprintf(err, errlen, "html: cannot read row %ld of section '%s': %s", n + 1, sec->id,
                     cerr);
            st = OR_ERR_RENDER;
            break;
        }
        if (!has) {
            break;
        }
        if (d->max_rows > 0 && n >= d->max_rows) {
            more = 1;
            break;
        }
        row(d, res, v);
        n++;
    }
    free(v);
    html_raw(&d->out, "</tbody>\n</table></div>\n");
    if (st == OR_OK) {
        note(d, n, res->nrows, more);
    }
    return st;
}
