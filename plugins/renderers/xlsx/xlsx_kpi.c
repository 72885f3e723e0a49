/* SPDX-License-Identifier: MIT */
/* KPI tables on the Summary sheet: see xlsx_kpi.h. */
#include "xlsx_kpi.h"

#include <math.h>
#include <stdio.h>

#include "xlsx_brand.h"
#include "xlsx_cond.h"

#define NO_VALUE "\xE2\x80\x93" /* "–" */

/* One part of a tile in column @p col, as the host's formatter shows it in
 * every document: a number in the Excel format that reads the same.  @p out
 * (may be NULL) receives what the host made of it. */
static or_status
write_part(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, const struct or_kpi *k,
           enum or_kpi_part part, struct or_display *out)
{
    struct or_display d = {.size = sizeof(d)};
    int direction = 0;
    int nomem = 0;
    if (x->h->format_kpi(x->h, k, part, 0, &d, &direction) != OR_OK) {
        snprintf(x->err, x->errlen, "%s: the host cannot format KPI '%s'", x->path,
                 xlsx_str(k->label));
        return OR_ERR_RENDER;
    }
    if (out != NULL) {
        *out = d;
    }
    if (d.kind != OR_DISPLAY_NUMBER) {
        const char *text = d.kind == OR_DISPLAY_BLANK ? NO_VALUE : d.text;
        return xlsx_summary_text(x, sum, col, text, NULL, 1);
    }
    enum xlsx_tone tone = XLSX_TONE_PLAIN;
    if (part == OR_KPI_CHANGE && direction != 0) {
        int good = k->lower_is_better ? direction < 0 : direction > 0;
        tone = good ? XLSX_TONE_GOOD : XLSX_TONE_BAD;
    }
    lxw_format *f = xlsx_formats_code(&x->fmt, d.num_format, tone, &nomem);
    if (nomem) {
        return xlsx_ctx_nomem(x, "number format");
    }
    return xlsx_summary_shown(x, sum, col, d.number, f, d.text);
}

/* The column where a KPI's sparkline values start (beyond the KPI table). */
#define SPARK_COL 6

/* The sparkline's values to the right of the KPI's row, each as the tile
 * would show it as its value (the same number format); a period without
 * data stays empty, a gap in the line.  @p code receives the format. */
static or_status
write_spark_values(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k, size_t n,
                   char *code, size_t codelen)
{
    or_status st = OR_OK;
    struct or_kpi one = *k;
    one.has_value = 1;
    one.has_previous = 0;
    one.nspark = 0;
    one.spark = NULL;
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        struct or_display d = {.size = sizeof(d)};
        one.value = k->spark[k->nspark - n + i];
        if (isfinite(one.value)) {
            st = write_part(x, sum, (lxw_col_t)(SPARK_COL + i), &one, OR_KPI_VALUE, &d);
            if (d.kind == OR_DISPLAY_NUMBER) {
                snprintf(code, codelen, "%s", d.num_format);
            }
        }
    }
    return st;
}

/* ABI 2.2: the KPI's last periods, written to the right of its row, drawn as
 * a small native line chart (no axes, no legend) in column E: Excel's
 * sparklines are not available through libxlsxwriter.  Its value axis has
 * the cells' number format, should someone show it. */
static or_status
write_spark(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k)
{
    if (!OR_HOST_SINCE(x->h, 2) || k->nspark < 2 || k->spark == NULL) {
        return OR_OK;
    }
    char code[OR_DISPLAY_SIZE] = "";
    size_t n = k->nspark < 200 ? k->nspark : 200;
    or_status st = write_spark_values(x, sum, k, n, code, sizeof(code));
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
    lxw_chart_line line = {.color = xlsx_brand_color(x, 0), .width = 1.25};
    chart_series_set_line(series, &line);
    if (code[0] != '\0') {
        chart_axis_set_num_format(chart->y_axis, code);
    }
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
    or_status st = xlsx_summary_text(x, sum, 0, xlsx_str(k->label), NULL, 1);
    if (st == OR_OK) {
        st = write_part(x, sum, 1, k, OR_KPI_VALUE, NULL);
    }
    if (st == OR_OK && OR_HOST_SINCE(x->h, 3) && k->has_value) {
        /* The tile's thresholds, native on its value cell. */
        st = xlsx_cond_range(x, sum->sheet.ws, k->cond, sum->row, sum->row, 1);
    }
    if (st == OR_OK && k->has_previous) {
        st = write_part(x, sum, 2, k, OR_KPI_PREVIOUS, NULL);
    }
    if (st == OR_OK && k->has_previous && k->has_value) {
        st = write_part(x, sum, 3, k, OR_KPI_CHANGE, NULL);
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
