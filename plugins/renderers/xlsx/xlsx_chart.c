/* SPDX-License-Identifier: MIT */
/* Native Excel charts: see xlsx_chart.h. */
#include "xlsx_chart.h"

#include <stdio.h>
#include <stdlib.h>

#include "xlsx_brand.h"
#include "xlsx_combo.h"
#include "xlsx_heatmap.h"
#include "xlsx_table.h"

static const char *const kind_names[OR_CHART_KIND_COUNT] = {
    [OR_CHART_BAR] = "bar",
    [OR_CHART_GROUPED_BAR] = "grouped bar",
    [OR_CHART_STACKED_BAR] = "stacked bar",
    [OR_CHART_LINE] = "line",
    [OR_CHART_DONUT] = "donut",
    [OR_CHART_FUNNEL] = "funnel",
    [OR_CHART_TREND] = "trend",
    [OR_CHART_HEATMAP] = "heatmap",
    [OR_CHART_COMBO] = "combo",
    [OR_CHART_STACKED_AREA] = "stacked area",
};

const char *
xlsx_chart_kind_name(enum or_chart_kind kind)
{
    if ((int)kind < 0 || kind >= OR_CHART_KIND_COUNT) {
        return "chart";
    }
    return kind_names[kind];
}

static uint8_t
excel_type(const struct or_chart *c)
{
    switch (c->kind) {
    case OR_CHART_STACKED_BAR:
        return c->horizontal ? LXW_CHART_BAR_STACKED : LXW_CHART_COLUMN_STACKED;
    case OR_CHART_LINE:
    case OR_CHART_TREND: return LXW_CHART_LINE;
    case OR_CHART_DONUT: return LXW_CHART_DOUGHNUT;
    case OR_CHART_FUNNEL: return LXW_CHART_BAR;
    case OR_CHART_STACKED_AREA: return LXW_CHART_AREA_STACKED;
    default: return c->horizontal ? LXW_CHART_BAR : LXW_CHART_COLUMN;
    }
}

/* Donuts and funnels show one series; the others all of them. */
static size_t
shown_series(const struct or_chart *c)
{
    if (c->kind == OR_CHART_DONUT || c->kind == OR_CHART_FUNNEL) {
        return c->nseries > 0 ? 1 : 0;
    }
    return c->nseries;
}

/* Titles starting with '=' would be taken as formulas by libxlsxwriter. */
static void
set_name(lxw_chart_axis *axis, lxw_chart *chart, const char *name)
{
    char buf[512];
    if (name == NULL || name[0] == '\0') {
        return;
    }
    snprintf(buf, sizeof(buf), "%s%s", name[0] == '=' ? " " : "", name);
    if (axis != NULL) {
        chart_axis_set_name(axis, buf);
    }
    else {
        chart_title_set_name(chart, buf);
    }
}

/* One colour per category of a donut; libxlsxwriter copies the points. */
static or_status
donut_points(struct xlsx_ctx *x, lxw_chart_series *series, int64_t n)
{
    size_t count = (size_t)n;
    lxw_chart_fill *fills = calloc(count, sizeof(*fills));
    lxw_chart_point *points = calloc(count, sizeof(*points));
    lxw_chart_point **list = calloc(count + 1, sizeof(*list));
    or_status st = OR_OK;

    if (fills == NULL || points == NULL || list == NULL) {
        st = xlsx_ctx_nomem(x, "chart points");
        goto done;
    }
    for (size_t i = 0; i < count; i++) {
        fills[i].color = xlsx_brand_color(x, i);
        points[i].fill = &fills[i];
        list[i] = &points[i];
    }
    lxw_error e = chart_series_set_points(series, list);
    if (e != LXW_NO_ERROR) {
        st = xlsx_ctx_lxw(x, e, "cannot colour the donut");
    }

done:
    free(list);
    free(points);
    free(fills);
    return st;
}

static or_status
style_series(struct xlsx_ctx *x, const struct or_chart *c, lxw_chart_series *series, size_t j,
             int64_t nrows)
{
    lxw_chart_fill fill = {.color = xlsx_brand_color(x, j)};
    lxw_chart_line line = {.color = xlsx_brand_color(x, j), .width = 2.25};

    if (c->kind == OR_CHART_COMBO && j + c->nlines >= c->nseries) {
        chart_series_set_line(series, &line); /* a line once xlsx_combo.c moves it */
        return OR_OK;
    }
    switch (c->kind) {
    case OR_CHART_DONUT: return donut_points(x, series, nrows);
    case OR_CHART_LINE:
    case OR_CHART_TREND:
        chart_series_set_line(series, &line);
        chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_fill(series, &fill);
        chart_series_set_marker_line(series, &line);
        return OR_OK;
    default: chart_series_set_fill(series, &fill); return OR_OK;
    }
}

/* A trend's current category: its marker drawn large and dark on every series. */
static or_status
mark_point(struct xlsx_ctx *x, lxw_chart_series *series, int64_t marked)
{
    size_t n = (size_t)marked + 1;
    lxw_chart_fill fill = {.color = 0x8A6D00};
    lxw_chart_point *points = calloc(n, sizeof(*points));
    lxw_chart_point **list = calloc(n + 1, sizeof(*list));
    or_status st = OR_OK;
    if (points == NULL || list == NULL) {
        st = xlsx_ctx_nomem(x, "chart points");
    }
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        points[i].fill = i + 1 == n ? &fill : NULL;
        list[i] = &points[i];
    }
    if (st == OR_OK) {
        chart_series_set_marker_size(series, 7);
        lxw_error e = chart_series_set_points(series, list);
        st = e == LXW_NO_ERROR ? OR_OK : xlsx_ctx_lxw(x, e, "cannot mark the current category");
    }
    free(list);
    free(points);
    return st;
}

/* The first row whose mark column is set, or -1 (the cursor is rewound first). */
static int64_t
marked_row(struct xlsx_ctx *x, const struct or_section *sec)
{
    const struct or_chart *c = sec->chart;
    const struct or_result *res = sec->result;
    if (c->kind != OR_CHART_TREND || !OR_HOST_SINCE(x->h, 2) || !c->has_mark ||
        c->mark_col >= res->ncols) {
        return -1;
    }
    struct or_value *row = calloc(res->ncols, sizeof(*row));
    char err[OR_ERR_SIZE];
    int64_t found = -1;
    int more = row != NULL && x->h->cursor_rewind(x->h, res->cursor, err, sizeof(err)) == OR_OK;
    for (int64_t i = 0; more && found < 0; i++) {
        if (x->h->cursor_next(x->h, res->cursor, row, &more, err, sizeof(err)) != OR_OK) {
            break;
        }
        const struct or_value *m = &row[c->mark_col];
        if (more && !m->is_null && (m->type == OR_TYPE_REAL ? m->r != 0.0 : m->i != 0)) {
            found = i;
        }
    }
    free(row);
    return found;
}

static or_status
draw(struct xlsx_ctx *x, const struct or_section *sec, struct xlsx_part *p, size_t nshown)
{
    const struct or_chart *c = sec->chart;
    uint8_t type = excel_type(c);
    int bars = type == LXW_CHART_BAR || type == LXW_CHART_BAR_STACKED;
    lxw_row_t last = (lxw_row_t)p->nrows;

    lxw_chart *chart = workbook_add_chart(x->wb, type);
    if (chart == NULL) {
        return xlsx_ctx_nomem(x, "chart");
    }
    set_name(NULL, chart, sec->title);
    for (size_t j = 0; j < nshown; j++) {
        lxw_col_t col = (lxw_col_t)(j + 1);
        lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
        if (series == NULL) {
            return xlsx_ctx_nomem(x, "chart series");
        }
        chart_series_set_categories(series, p->sheet, 1, 0, last, 0);
        chart_series_set_values(series, p->sheet, 1, col, last, col);
        chart_series_set_name_range(series, p->sheet, 0, col);
        or_status st = style_series(x, c, series, j, p->nrows);
        if (st == OR_OK && p->marked >= 0) {
            st = mark_point(x, series, p->marked);
        }
        if (st != OR_OK) {
            return st;
        }
    }
    if (type != LXW_CHART_DOUGHNUT) {
        /* For bar charts libxlsxwriter's y axis is the category axis. */
        lxw_chart_axis *categories = bars ? chart->y_axis : chart->x_axis;
        lxw_chart_axis *values = bars ? chart->x_axis : chart->y_axis;
        set_name(categories, chart, c->x_label);
        set_name(values, chart, c->y_label);
        if (bars) {
            /* First category (funnel stage) on top, value axis kept at the bottom. */
            chart_axis_set_reverse(categories);
            chart_axis_set_crossing_max(categories);
        }
    }
    if (nshown > 1 || type == LXW_CHART_DOUGHNUT) {
        chart_legend_set_position(chart, type == LXW_CHART_DOUGHNUT ? LXW_CHART_LEGEND_RIGHT
                                                                    : LXW_CHART_LEGEND_BOTTOM);
    }
    else {
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    }
    if (c->kind == OR_CHART_FUNNEL) {
        chart_set_series_gap(chart, 30);
    }
    if (c->kind == OR_CHART_COMBO) {
        or_status st = xlsx_combo_note(x, sec, p->sheet);
        if (st != OR_OK) {
            return st;
        }
    }
    lxw_chart_options opt = {.x_offset = 10, .x_scale = 1.5, .y_scale = 1.5};
    lxw_error e = worksheet_insert_chart_opt(p->ws, 1, (lxw_col_t)(nshown + 2), chart, &opt);
    if (e != LXW_NO_ERROR) {
        return xlsx_ctx_lxw(x, e, "cannot place the chart");
    }
    p->chart = 1;
    return OR_OK;
}

or_status
xlsx_chart_section(struct xlsx_ctx *x, size_t si)
{
    const struct or_section *sec = x->report->sections[si];
    const struct or_chart *c = sec->chart;
    const struct or_result *res = sec->result;
    size_t nshown = shown_series(c);
    size_t first = 0;

    if (c->kind == OR_CHART_HEATMAP) {
        return xlsx_heatmap_section(x, si);
    }
    if (nshown == 0 || c->series_cols == NULL) {
        snprintf(x->err, x->errlen, "%s: chart of section '%s' has no series", x->path,
                 xlsx_section_id(sec));
        return OR_ERR_RENDER;
    }
    if (c->x_col >= res->ncols) {
        snprintf(x->err, x->errlen, "%s: chart of section '%s' names category column %zu of %zu",
                 x->path, xlsx_section_id(sec), c->x_col, res->ncols);
        return OR_ERR_RENDER;
    }
    size_t *map = calloc(nshown + 1, sizeof(*map));
    if (map == NULL) {
        return xlsx_ctx_nomem(x, "chart columns");
    }
    map[0] = c->x_col;
    for (size_t j = 0; j < nshown; j++) {
        if (c->series_cols[j] >= res->ncols) {
            snprintf(x->err, x->errlen, "%s: chart of section '%s' names series column %zu of %zu",
                     x->path, xlsx_section_id(sec), c->series_cols[j], res->ncols);
            free(map);
            return OR_ERR_RENDER;
        }
        map[j + 1] = c->series_cols[j];
    }
    or_status st = xlsx_table_write(x, si, map, nshown + 1, 1, &first);
    free(map);
    if (st != OR_OK || x->parts[first].nrows == 0) {
        return st;
    }
    x->parts[first].marked = marked_row(x, sec);
    return draw(x, sec, &x->parts[first], nshown);
}
