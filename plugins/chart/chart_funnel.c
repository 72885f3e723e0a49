/* SPDX-License-Identifier: MIT */
/*
 * Funnel charts: the first series as centred bars, widest first, joined by
 * pale trapezoids; each stage shows its value and its share of the first.
 */
#include "chart_funnel.h"

#include <math.h>
#include <stdio.h>

#include "chart_fmt.h"
#include "chart_shapes.h"
#include "chart_util.h"
#include "orr_text.h"

#define PAD 4.0
#define LABEL_CAP 256
#define VALUE_CAP 64

/* "25.7 % of first" in the report's language and digits: a stage against the first. */
static void
of_first(const struct chart_data *cd, double percent, char *out, size_t n)
{
    char num[CHART_FMT_BUFSIZE];
    char pct[CHART_FMT_BUFSIZE + 4];
    chart_fmt_grouped(cd->h, num, sizeof(num), percent, 1);
    snprintf(pct, sizeof(pct), "%s %%", num);
    const char *const args[] = {pct};
    orr_text(cd->h, "chart.of_first", "{1} of first", args, 1, out, n);
}

void
chart_funnel(cairo_t *cr, const struct chart_data *cd, double w, double h)
{
    char label[LABEL_CAP];
    char value[VALUE_CAP];
    char pct[VALUE_CAP];
    double max = 0.0;
    double first = 0.0;
    double lw = 0.0;

    if (cd->ncat == 0) {
        return;
    }
    for (size_t c = 0; c < cd->ncat; c++) {
        if (!chart_missing(cd, 0, c)) {
            max = fmax(max, chart_value(cd, 0, c));
        }
    }
    first = chart_missing(cd, 0, 0) ? 0.0 : chart_value(cd, 0, 0);
    chart_font(cr, 8.0, 0);
    for (size_t c = 0; c < cd->ncat; c++) {
        lw = fmax(lw, chart_text_w(cr, cd->cat[c]));
    }
    lw = fmin(lw, w * 0.26);
    chart_font(cr, 7.5, 0);
    char widest[CHART_FMT_BUFSIZE];
    of_first(cd, 100.0, widest, sizeof(widest));
    double rw = chart_text_w(cr, widest);
    double x0 = PAD + lw + 12.0;
    double x1 = w - PAD - rw - 12.0;
    double cx = (x0 + x1) / 2.0;
    double rh = (h - 2.0 * PAD) / (double)cd->ncat;
    double bh = rh * 0.7;
    double prev_l = 0.0;
    double prev_r = 0.0;
    double prev_bottom = 0.0;

    for (size_t c = 0; c < cd->ncat; c++) {
        int missing = chart_missing(cd, 0, c);
        double v = missing ? 0.0 : fmax(chart_value(cd, 0, c), 0.0);
        double bw = max > 0.0 ? fmax(v / max * (x1 - x0), 2.0) : 2.0;
        double top = PAD + rh * (double)c + (rh - bh) / 2.0;
        double mid = top + bh / 2.0;
        if (c > 0) {
            /* A pale trapezoid joins each stage to the one above it. */
            cairo_move_to(cr, prev_l, prev_bottom);
            cairo_line_to(cr, prev_r, prev_bottom);
            cairo_line_to(cr, cx + bw / 2.0, top);
            cairo_line_to(cr, cx - bw / 2.0, top);
            cairo_close_path(cr);
            chart_rgb(cr, 0xDCEAF4u);
            chart_fill(cr);
        }
        chart_rgb(cr, chart_color(cd, 0));
        cairo_rectangle(cr, cx - bw / 2.0, top, bw, bh);
        chart_fill(cr);
        prev_l = cx - bw / 2.0;
        prev_r = cx + bw / 2.0;
        prev_bottom = top + bh;

        if (missing) {
            snprintf(value, sizeof(value), "%s", CHART_FMT_NULL);
        }
        else {
            chart_fmt_number(cd->h, value, sizeof(value), cd->format[0], chart_value(cd, 0, c));
        }
        chart_font(cr, 8.0, 1);
        double vw = chart_text_w(cr, value);
        if (vw + 8.0 <= bw) {
            chart_rgb(cr, 0xFFFFFFu);
            chart_text(cr, cx, mid + 2.8, CHART_CENTER, value);
        }
        else {
            chart_rgb(cr, CHART_C_TEXT);
            chart_text(cr, cx + bw / 2.0 + 4.0, mid + 2.8, CHART_LEFT, value);
        }
        chart_font(cr, 8.0, 0);
        chart_rgb(cr, CHART_C_TEXT);
        chart_fit(cr, cd->cat[c], lw, label, sizeof(label));
        chart_text(cr, PAD + lw, mid + 2.8, CHART_RIGHT, label);
        if (first > 0.0 && !missing) {
            of_first(cd, v / first * 100.0, pct, sizeof(pct));
            chart_font(cr, 7.5, 0);
            chart_rgb(cr, CHART_C_MUTED);
            chart_text(cr, w - PAD, mid + 2.6, CHART_RIGHT, pct);
        }
    }
}
