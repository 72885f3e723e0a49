/* SPDX-License-Identifier: MIT */
/* What the heatmap, combo and stacked area charts add to a chart: see
 * or_eval_chart_keys() in eval_impl.h. */
#include <math.h>
#include <string.h>

#include "report/eval_impl.h"

/* Rows looked at to compare the bars' and the lines' scales: as many as a
 * chart draws. */
#define SCALE_ROWS 1000
/* Largest values further apart than this give the lines their own axis. */
#define SCALE_RATIO 5.0

static double
magnitude(const struct or_value *v)
{
    if (v->is_null) {
        return 0.0;
    }
    if (v->type == OR_TYPE_REAL) {
        return isfinite(v->r) ? fabs(v->r) : 0.0;
    }
    return v->type == OR_TYPE_INT || v->type == OR_TYPE_BOOL ? fabs((double)v->i) : 0.0;
}

/* The largest magnitude of the bars (@p bars) and of the lines (@p lines). */
static void
largest(struct section_state *ss, double *bars, double *lines)
{
    const struct or_chart *c = &ss->chart;
    size_t nbars = c->nseries - c->nlines;
    struct or_value *row = g_new0(struct or_value, ss->result.ncols > 0 ? ss->result.ncols : 1);
    int has = 1;
    *bars = 0.0;
    *lines = 0.0;
    for (size_t r = 0; has && r < SCALE_ROWS; r++) {
        if (or_cursor_next(ss->cursor, row, &has) != OR_OK) {
            break; /* reading is the renderers' to report */
        }
        for (size_t s = 0; has && s < c->nseries; s++) {
            double m = magnitude(&row[c->series_cols[s]]);
            double *into = s < nbars ? bars : lines;
            *into = fmax(*into, m);
        }
    }
    or_cursor_rewind(ss->cursor);
    g_free(row);
}

/* Lines in another format than the bars (a rate over counts), or on
 * another scale, get their own axis; the template may say so itself. */
static int
lines_own_axis(const struct or_tpl_section *ts, struct section_state *ss)
{
    const struct or_chart *c = &ss->chart;
    size_t nbars = c->nseries - c->nlines;
    if (ts->secondary >= 0) {
        return ts->secondary;
    }
    enum or_format bar_fmt = ss->cols[c->series_cols[0]].format;
    for (size_t s = nbars; s < c->nseries; s++) {
        if (ss->cols[c->series_cols[s]].format != bar_fmt) {
            return 1;
        }
    }
    double bars = 0.0;
    double lines = 0.0;
    largest(ss, &bars, &lines);
    if (bars <= 0.0 || lines <= 0.0) {
        return 0;
    }
    return bars / lines > SCALE_RATIO || lines / bars > SCALE_RATIO;
}

or_status
or_eval_chart_keys(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss)
{
    struct or_chart *c = &ss->chart;
    if (ts->chart == OR_CHART_HEATMAP &&
        !or_eval_column_index(&ss->result, ts->y, &ss->chart.y_col)) {
        return or_eval_fail(ev, "y: '%s' is not a column of the query", ts->y);
    }
    if (ts->chart != OR_CHART_COMBO || ts->line == NULL) {
        return OR_OK;
    }
    for (char **l = ts->line; *l != NULL; l++) {
        if (!or_eval_column_index(&ss->result, *l, &ss->series[c->nseries + c->nlines])) {
            return or_eval_fail(ev, "line: '%s' is not a column of the query", *l);
        }
        c->nlines++;
    }
    c->nseries += c->nlines;
    c->y2_label = ts->y2_label;
    c->secondary = lines_own_axis(ts, ss);
    return OR_OK;
}
