/* SPDX-License-Identifier: MIT */
/* The numbers behind a chart: see chart_data.h. */
#include "chart_data.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_fmt.h"
#include "chart_grid.h"
#include "chart_utf8.h"

#define LABEL_CAP 256
#define VALUE_LIMIT 1e300

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

static char *
dup_or_null(const char *s, int *nomem)
{
    if (s == NULL || s[0] == '\0') {
        return NULL;
    }
    char *out = chart_utf8_dup(s);
    if (out == NULL) {
        *nomem = 1;
    }
    return out;
}

static or_status
check_columns(const char *who, const struct or_section *sec, char *err, size_t errlen)
{
    const struct or_chart *ch = sec->chart;
    const struct or_result *res = sec->result;

    if (ch == NULL || res == NULL) {
        snprintf(err, errlen, "%s: chart section '%s' has no %s", who, or_str(sec->id),
                 ch == NULL ? "chart description" : "result");
        return OR_ERR_RENDER;
    }
    if ((unsigned)ch->kind >= OR_CHART_KIND_COUNT) {
        snprintf(err, errlen, "%s: chart section '%s': unknown chart kind %d", who, or_str(sec->id),
                 (int)ch->kind);
        return OR_ERR_RENDER;
    }
    if (ch->nseries == 0 || ch->series_cols == NULL || ch->x_col >= res->ncols) {
        snprintf(err, errlen,
                 "%s: chart section '%s' needs a category column and at least "
                 "one series among its %zu columns",
                 who, or_str(sec->id), res->ncols);
        return OR_ERR_RENDER;
    }
    for (size_t s = 0; s < ch->nseries; s++) {
        if (ch->series_cols[s] >= res->ncols) {
            snprintf(err, errlen, "%s: chart section '%s': series column %zu of %zu columns", who,
                     or_str(sec->id), ch->series_cols[s], res->ncols);
            return OR_ERR_RENDER;
        }
    }
    return OR_OK;
}

static int
alloc_arrays(struct chart_data *cd, size_t cap)
{
    cd->cat = calloc(cap, sizeof(*cd->cat));
    cd->series = calloc(cd->nseries, sizeof(*cd->series));
    cd->format = calloc(cd->nseries, sizeof(*cd->format));
    cd->value = calloc(cd->nseries * cap, sizeof(*cd->value));
    cd->missing = calloc(cd->nseries * cap, sizeof(*cd->missing));
    cd->marked = calloc(cap, sizeof(*cd->marked));
    return cd->cat != NULL && cd->series != NULL && cd->format != NULL && cd->value != NULL &&
           cd->missing != NULL && cd->marked != NULL;
}

static int
chart_data_number(const struct or_value *v, double *out)
{
    double x = 0.0;
    int missing = 1;
    if (!v->is_null) {
        if (v->type == OR_TYPE_INT || v->type == OR_TYPE_BOOL) {
            x = (double)v->i;
            missing = 0;
        }
        else if (v->type == OR_TYPE_REAL) {
            x = v->r;
            missing = !isfinite(x);
        }
    }
    /* Sums of up to CHART_MAX_CATEGORIES values must stay finite. */
    *out = missing ? 0.0 : fmax(fmin(x, VALUE_LIMIT), -VALUE_LIMIT);
    return !missing;
}

static void
store(struct chart_data *cd, size_t cap, size_t s, size_t c, const struct or_value *v)
{
    cd->missing[s * cap + c] = (unsigned char)!chart_data_number(v, &cd->value[s * cap + c]);
}

/* Rows were stored with a stride of cap; close the gap to a stride of ncat. */
static void
compact(struct chart_data *cd, size_t cap)
{
    for (size_t s = 1; s < cd->nseries; s++) {
        memmove(cd->value + s * cd->ncat, cd->value + s * cap, cd->ncat * sizeof(*cd->value));
        memmove(cd->missing + s * cd->ncat, cd->missing + s * cap, cd->ncat);
    }
}

static or_status
read_rows(const struct or_host *h, const char *who, const struct or_section *sec,
          struct chart_data *cd, size_t cap, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    const struct or_chart *ch = sec->chart;
    struct or_value *row = calloc(res->ncols, sizeof(*row));
    char label[LABEL_CAP];

    if (row == NULL) {
        return OR_ERR_NOMEM;
    }
    /* Written only on a failure, which ends the loop: cleared once, not per row. */
    char cerr[OR_ERR_SIZE];
    cerr[0] = '\0';
    for (;;) {
        int more = 0;
        if (h->cursor_next(h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            more = -1;
        }
        if (more < 0) {
            free(row);
            snprintf(err, errlen, "%s: cannot read row %zu of section '%s': %s", who, cd->ncat + 1,
                     or_str(sec->id), cerr);
            return OR_ERR_RENDER;
        }
        if (more == 0) {
            break;
        }
        if (cd->ncat == cap) {
            cd->truncated = 1;
            break;
        }
        int numeric = 0;
        chart_fmt_cell(h, res->cols[ch->x_col], &row[ch->x_col], label, sizeof(label), &numeric);
        cd->cat[cd->ncat] = chart_utf8_dup(label);
        if (cd->cat[cd->ncat] == NULL) {
            free(row);
            return OR_ERR_NOMEM;
        }
        for (size_t s = 0; s < cd->nseries; s++) {
            store(cd, cap, s, cd->ncat, &row[ch->series_cols[s]]);
        }
        if (ch->kind == OR_CHART_TREND && OR_HOST_SINCE(h, 2) && ch->has_mark &&
            ch->mark_col < res->ncols) {
            const struct or_value *m = &row[ch->mark_col];
            cd->marked[cd->ncat] = !m->is_null && (m->type == OR_TYPE_REAL   ? m->r != 0.0
                                                   : m->type == OR_TYPE_TEXT ? m->len > 0
                                                                             : m->i != 0);
        }
        cd->ncat++;
    }
    free(row);
    compact(cd, cap);
    return OR_OK;
}

/* A heatmap: its rows (y) are the categories, its columns (x) the series. */

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

static or_status
heat_load(const struct or_host *h, const char *who, const struct or_section *sec,
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

or_status
chart_data_load(const struct or_host *h, const char *who, const struct or_section *sec,
                struct chart_data *out, char *err, size_t errlen)
{
    or_status st = check_columns(who, sec, err, errlen);
    const struct or_chart *ch = sec->chart;
    const struct or_result *res = sec->result;
    int nomem = 0;

    memset(out, 0, sizeof(*out));
    if (st != OR_OK) {
        return st;
    }
    if (ch->kind == OR_CHART_HEATMAP) {
        return heat_load(h, who, sec, out, err, errlen);
    }
    out->h = h;
    out->kind = ch->kind;
    out->horizontal = ch->horizontal;
    out->nseries = ch->nseries;
    out->total_rows = res->nrows;
    size_t cap = res->nrows > 0 && res->nrows < CHART_MAX_CATEGORIES ? (size_t)res->nrows
                                                                     : CHART_MAX_CATEGORIES;
    if (!alloc_arrays(out, cap)) {
        nomem = 1;
        goto fail;
    }
    for (size_t s = 0; s < out->nseries; s++) {
        const struct or_result_column *col = res->cols[ch->series_cols[s]];
        const char *name = col->label != NULL && col->label[0] != '\0' ? col->label : col->name;
        out->series[s] = chart_utf8_dup(or_str(name));
        out->format[s] = col->format;
        if (out->series[s] == NULL) {
            nomem = 1;
            goto fail;
        }
    }
    out->x_label = dup_or_null(ch->x_label, &nomem);
    out->y_label = dup_or_null(ch->y_label, &nomem);
    if (ch->kind == OR_CHART_COMBO && ch->nlines < ch->nseries) {
        out->nlines = ch->nlines;
        out->secondary = ch->secondary;
        out->y2_label = dup_or_null(ch->y2_label, &nomem);
    }
    if (nomem) {
        goto fail;
    }
    char rerr[OR_ERR_SIZE] = "";
    if (h->cursor_rewind(h, res->cursor, rerr, sizeof(rerr)) != OR_OK) {
        snprintf(err, errlen, "%s: cannot rewind the rows of section '%s': %s", who,
                 or_str(sec->id), rerr);
        st = OR_ERR_RENDER;
        goto fail;
    }
    st = read_rows(h, who, sec, out, cap, err, errlen);
    if (st == OR_ERR_NOMEM) {
        nomem = 1;
    }
    if (st != OR_OK) {
        goto fail;
    }
    return OR_OK;

fail:
    if (nomem) {
        snprintf(err, errlen, "%s: out of memory in section '%s'", who, or_str(sec->id));
        st = OR_ERR_NOMEM;
    }
    chart_data_free(out);
    return st;
}

void
chart_data_free(struct chart_data *cd)
{
    free(cd->marked);
    cd->marked = NULL;
    if (cd->cat != NULL) {
        for (size_t i = 0; i < cd->ncat; i++) {
            free(cd->cat[i]);
        }
    }
    if (cd->series != NULL) {
        for (size_t s = 0; s < cd->nseries; s++) {
            free(cd->series[s]);
        }
    }
    free(cd->cat);
    free(cd->series);
    free(cd->format);
    free(cd->value);
    free(cd->missing);
    free(cd->x_label);
    free(cd->y_label);
    free(cd->y2_label);
    free(cd->value_name);
    memset(cd, 0, sizeof(*cd));
}
