/* SPDX-License-Identifier: MIT */
/* A heatmap's data: see chart_heat_load() in chart_data.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_data.h"
#include "chart_fmt.h"
#include "chart_grid.h"
#include "chart_utf8.h"

#define LABEL_CAP 256

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

/* The cell's label of column @p c of @p row, and its number if it is one. */
static void
label_of(const struct or_host *h, const struct or_result *res, size_t c, const struct or_value *v,
         char *buf, size_t n, int *isnum, double *num)
{
    int numeric = 0;
    chart_fmt_cell(h, res->cols[c], v, buf, n, &numeric);
    *isnum = chart_data_number(v, num);
}

/* Every row (up to the cap) into @p g. */
static or_status
read_grid(const struct or_host *h, const char *who, const struct or_section *sec,
          struct chart_grid *g, struct chart_data *cd, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    const struct or_chart *ch = sec->chart;
    struct or_value *row = calloc(res->ncols, sizeof(*row));
    char xl[LABEL_CAP];
    char yl[LABEL_CAP];
    char cerr[OR_ERR_SIZE] = "";
    if (row == NULL) {
        return OR_ERR_NOMEM;
    }
    or_status st = OR_OK;
    for (size_t r = 0;; r++) {
        int more = 0;
        if (h->cursor_next(h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK || more < 0) {
            snprintf(err, errlen, "%s: cannot read row %zu of section '%s': %s", who, r + 1,
                     or_str(sec->id), cerr);
            st = OR_ERR_RENDER;
            break;
        }
        if (more == 0) {
            break;
        }
        if (r == CHART_MAX_CATEGORIES) {
            cd->truncated = 1;
            break;
        }
        int xn = 0;
        int yn = 0;
        double xv = 0.0;
        double yv = 0.0;
        double v = 0.0;
        label_of(h, res, ch->x_col, &row[ch->x_col], xl, sizeof(xl), &xn, &xv);
        label_of(h, res, ch->y_col, &row[ch->y_col], yl, sizeof(yl), &yn, &yv);
        int has = chart_data_number(&row[ch->series_cols[0]], &v);
        if (chart_grid_add(g, xl, xn, xv, yl, yn, yv, has, v) != 0) {
            st = OR_ERR_NOMEM;
            break;
        }
    }
    free(row);
    return st;
}

/* The grid as chart data: rows are categories, columns series. */
static int
fill(struct chart_data *cd, const struct chart_grid *g, enum or_format fmt)
{
    cd->ncat = g->ny;
    cd->nseries = g->nx;
    size_t cells = g->nx * g->ny > 0 ? g->nx * g->ny : 1;
    cd->cat = calloc(g->ny > 0 ? g->ny : 1, sizeof(*cd->cat));
    cd->series = calloc(g->nx > 0 ? g->nx : 1, sizeof(*cd->series));
    cd->format = calloc(g->nx > 0 ? g->nx : 1, sizeof(*cd->format));
    cd->value = calloc(cells, sizeof(*cd->value));
    cd->missing = calloc(cells, 1);
    cd->marked = calloc(g->ny > 0 ? g->ny : 1, 1);
    if (cd->cat == NULL || cd->series == NULL || cd->format == NULL || cd->value == NULL ||
        cd->missing == NULL || cd->marked == NULL) {
        return -1;
    }
    for (size_t c = 0; c < g->ny; c++) {
        cd->cat[c] = chart_utf8_dup(g->y.label[c]);
        if (cd->cat[c] == NULL) {
            return -1;
        }
    }
    for (size_t s = 0; s < g->nx; s++) {
        cd->series[s] = chart_utf8_dup(g->x.label[s]);
        cd->format[s] = fmt;
        if (cd->series[s] == NULL) {
            return -1;
        }
        for (size_t c = 0; c < g->ny; c++) {
            cd->value[s * g->ny + c] = chart_grid_value(g, c, s);
            cd->missing[s * g->ny + c] = (unsigned char)!chart_grid_set(g, c, s);
        }
    }
    return 0;
}

or_status
chart_heat_load(const struct or_host *h, const char *who, const struct or_section *sec,
                struct chart_data *out, char *err, size_t errlen)
{
    const struct or_chart *ch = sec->chart;
    const struct or_result *res = sec->result;
    struct chart_grid g;
    memset(&g, 0, sizeof(g));
    memset(out, 0, sizeof(*out));
    if (ch->y_col >= res->ncols) {
        snprintf(err, errlen, "%s: heatmap of section '%s': row column %zu of %zu columns", who,
                 or_str(sec->id), ch->y_col, res->ncols);
        return OR_ERR_RENDER;
    }
    out->h = h;
    out->kind = ch->kind;
    out->total_rows = res->nrows;
    const struct or_result_column *vc = res->cols[ch->series_cols[0]];
    const char *name = vc->label != NULL && vc->label[0] != '\0' ? vc->label : vc->name;
    out->value_name = chart_utf8_dup(or_str(name));
    out->x_label =
        ch->x_label != NULL && ch->x_label[0] != '\0' ? chart_utf8_dup(ch->x_label) : NULL;
    out->y_label =
        ch->y_label != NULL && ch->y_label[0] != '\0' ? chart_utf8_dup(ch->y_label) : NULL;
    char rerr[OR_ERR_SIZE] = "";
    or_status st = OR_OK;
    if (out->value_name == NULL ||
        (ch->x_label != NULL && ch->x_label[0] != '\0' && out->x_label == NULL)) {
        st = OR_ERR_NOMEM;
    }
    else if (h->cursor_rewind(h, res->cursor, rerr, sizeof(rerr)) != OR_OK) {
        snprintf(err, errlen, "%s: cannot rewind the rows of section '%s': %s", who,
                 or_str(sec->id), rerr);
        st = OR_ERR_RENDER;
    }
    if (st == OR_OK) {
        st = read_grid(h, who, sec, &g, out, err, errlen);
    }
    if (st == OR_OK && (chart_grid_finish(&g) != 0 || fill(out, &g, vc->format) != 0)) {
        st = OR_ERR_NOMEM;
    }
    chart_grid_free(&g);
    if (st == OR_ERR_NOMEM) {
        snprintf(err, errlen, "%s: out of memory in section '%s'", who, or_str(sec->id));
    }
    if (st != OR_OK) {
        chart_data_free(out);
    }
    return st;
}
