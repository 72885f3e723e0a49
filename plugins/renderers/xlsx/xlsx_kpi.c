/* SPDX-License-Identifier: MIT */
/* KPI tables on the Summary sheet: see xlsx_kpi.h. */
#include "xlsx_kpi.h"

#include <math.h>
#include <stdio.h>

#define NO_VALUE "\xE2\x80\x93" /* "–" */

/* Changes are derived numbers: drop binary noise such as 4.999999999999999 pp. */
static double
tidy(double v)
{
    return round(v * 1e10) / 1e10;
}

/* The value as stored in the cell: durations are day fractions. */
static double
cell_value(const struct or_kpi *k, double v)
{
    return k->format == OR_FMT_DURATION ? v / 86400.0 : v;
}

static lxw_format *
value_format(const struct xlsx_formats *f, const struct or_kpi *k)
{
    lxw_format *named = xlsx_formats_number(f, OR_TYPE_REAL, k->format);
    if (named != NULL) {
        return named;
    }
    /* No format named: whole numbers with separators, fractions with two decimals. */
    if (k->has_value && k->value == floor(k->value) && fabs(k->value) < 1e15) {
        return f->integer;
    }
    return f->decimal;
}

static or_status
write_change(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k)
{
    double diff = k->value - k->previous;
    enum xlsx_tone tone = XLSX_TONE_PLAIN;
    enum xlsx_change kind;
    double shown;

    if (diff > 0) {
        tone = k->lower_is_better ? XLSX_TONE_BAD : XLSX_TONE_GOOD;
    }
    else if (diff < 0) {
        tone = k->lower_is_better ? XLSX_TONE_GOOD : XLSX_TONE_BAD;
    }
    if (k->format == OR_FMT_PERCENT) {
        kind = XLSX_CHANGE_POINTS;
        shown = tidy(diff * 100.0);
    }
    else if (k->previous != 0.0) {
        kind = XLSX_CHANGE_RELATIVE;
        shown = tidy(diff / fabs(k->previous));
    }
    else if (k->format == OR_FMT_DURATION) {
        kind = XLSX_CHANGE_DURATION;
        shown = diff / 86400.0;
    }
    else if (k->format == OR_FMT_INTEGER || value_format(&x->fmt, k) == x->fmt.integer) {
        kind = XLSX_CHANGE_INTEGER;
        shown = diff;
    }
    else {
        kind = XLSX_CHANGE_DECIMAL;
        shown = diff;
    }
    if (!isfinite(shown)) {
        return xlsx_summary_text(x, sum, 3, NO_VALUE, NULL, 1);
    }
    return xlsx_summary_number(x, sum, 3, shown, x->fmt.change[kind][tone]);
}

/* The column where a KPI's sparkline values start (beyond the KPI table). */
#define SPARK_COL 6

/* ABI 2.2: the KPI's last periods, written to the right of its row, drawn as
 * a small native line chart (no axes, no legend) in column E: Excel's
 * sparklines are not available through libxlsxwriter. */
static or_status
write_spark(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k)
{
    if (!OR_HOST_SINCE(x->h, 2) || k->nspark < 2 || k->spark == NULL) {
        return OR_OK;
    }
    or_status st = OR_OK;
    size_t n = k->nspark < 200 ? k->nspark : 200;
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        if (isfinite(k->spark[k->nspark - n + i])) {
            st = xlsx_summary_number(x, sum, (lxw_col_t)(SPARK_COL + i),
                                     cell_value(k, k->spark[k->nspark - n + i]), NULL);
        }
    }
    lxw_chart *chart = st == OR_OK ? workbook_add_chart(x->wb, LXW_CHART_LINE) : NULL;
    if (st != OR_OK || chart == NULL) {
        return st != OR_OK ? st : xlsx_ctx_nomem(x, "sparkline");
    }
    lxw_chart_series *series = chart_add_series(chart, NULL, NULL);
    if (series == NULL) {
        return xlsx_ctx_nomem(x, "sparkline");
    }
    chart_series_set_values(series, sum->sheet.name, sum->row, SPARK_COL, sum->row,
                            (lxw_col_t)(SPARK_COL + n - 1));
    lxw_chart_line line = {.color = 0x0072B2, .width = 1.25};
    chart_series_set_line(series, &line);
    chart_axis_off(chart->x_axis);
    chart_axis_off(chart->y_axis);
    chart_axis_major_gridlines_set_visible(chart->y_axis, LXW_FALSE);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_title_off(chart);
    worksheet_set_row(sum->sheet.ws, sum->row, 30, NULL);
    lxw_chart_options opt = {.x_offset = 2, .y_offset = 1, .x_scale = 0.3, .y_scale = 0.135};
    lxw_error e = worksheet_insert_chart_opt(sum->sheet.ws, sum->row, 4, chart, &opt);
    return e == LXW_NO_ERROR ? OR_OK : xlsx_ctx_lxw(x, e, "cannot place a sparkline");
}

static or_status
write_kpi(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k)
{
    lxw_format *format = value_format(&x->fmt, k);
    or_status st = xlsx_summary_text(x, sum, 0, xlsx_str(k->label), NULL, 1);

    if (st == OR_OK) {
        if (k->has_value && isfinite(k->value)) {
            st = xlsx_summary_number(x, sum, 1, cell_value(k, k->value), format);
        }
        else {
            st = xlsx_summary_text(x, sum, 1, NO_VALUE, NULL, 1);
        }
    }
    if (st == OR_OK && k->has_previous && isfinite(k->previous)) {
        st = xlsx_summary_number(x, sum, 2, cell_value(k, k->previous), format);
        if (st == OR_OK && k->has_value && isfinite(k->value)) {
            st = write_change(x, sum, k);
        }
    }
    if (st == OR_OK) {
        st = write_spark(x, sum, k);
    }
    sum->row++;
    return st;
}

or_status
xlsx_kpi_block(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_section *sec)
{
    static const char *const labels[] = {"KPI", "Value", "Previous", "Change", "Trend"};
    or_status st = OR_OK;

    if (sec->title != NULL && sec->title[0] != '\0') {
        st = xlsx_summary_text(x, sum, 0, sec->title, x->fmt.heading, 0);
        sum->row++;
    }
    if (st == OR_OK && sec->description != NULL && sec->description[0] != '\0') {
        st = xlsx_summary_text(x, sum, 0, sec->description, x->fmt.note, 0);
        sum->row++;
    }
    if (st != OR_OK) {
        return st;
    }
    if (sec->unavailable != NULL) {
        char line[1024];
        snprintf(line, sizeof(line), "data unavailable: %s", sec->unavailable);
        st = xlsx_summary_text(x, sum, 0, line, x->fmt.error, 0);
        sum->row += 2;
        return st;
    }
    size_t ncols = 4;
    for (size_t i = 0; i < sec->nkpis && OR_HOST_SINCE(x->h, 2); i++) {
        ncols = sec->kpis[i]->nspark > 1 ? 5 : ncols;
    }
    st = xlsx_summary_header(x, sum, labels, ncols);
    for (size_t i = 0; st == OR_OK && i < sec->nkpis; i++) {
        st = write_kpi(x, sum, sec->kpis[i]);
    }
    sum->row++;
    return st;
}
