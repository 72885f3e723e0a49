/* SPDX-License-Identifier: MIT */
/* TABLE sections: see html_table.h.  Rows are streamed from the cursor
 * into the file and never kept; with max_rows, the table stops there and
 * says how many rows it has in all. */
#include "html_table.h"

#include <stdio.h>
#include <stdlib.h>

#include "chart_fmt.h"

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
        html_rawf(&d->out, "<%s%s%s>", tag, c == 0 ? " scope=\"row\"" : "",
                  cell_class(res->cols[c], numeric));
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
    if (shown == 0 && !more) {
        html_raw(&d->out, "<p class=\"note\">No rows in this period.</p>\n");
        return;
    }
    chart_fmt_grouped(d->h, a, sizeof(a), (double)shown, 0);
    if (!more) {
        html_rawf(&d->out, "<p class=\"note\">%s %s.</p>\n", a, shown == 1 ? "row" : "rows");
        return;
    }
    if (total > 0) {
        chart_fmt_grouped(d->h, b, sizeof(b), (double)total, 0);
        html_rawf(&d->out,
                  "<p class=\"note\">Rows 1\xE2\x80\x93%s of %s: the attached documents hold "
                  "every row.</p>\n",
                  a, b);
    }
    else {
        html_rawf(&d->out,
                  "<p class=\"note\">The first %s rows: the attached documents hold every "
                  "row.</p>\n",
                  a);
    }
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
