/* SPDX-License-Identifier: MIT */
/*
 * Donut charts: shares of the first series.  The seven largest shares are
 * kept and the rest summed into one "Other" slice (the legend says how many
 * categories it holds), so colours never repeat.
 */
#include "chart_donut.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_fmt.h"
#include "chart_shapes.h"
#include "chart_util.h"

#define PAD 4.0
#define MAX_SLICES 8
#define LABEL_CAP 256
#define VALUE_CAP 64

struct slice {
    double value;
    size_t index;
};

struct donut {
    size_t n;
    double value[MAX_SLICES];
    const char *label[MAX_SLICES];
    char other[64];
    double total;
};

static int
by_value_desc(const void *a, const void *b)
{
    const struct slice *x = a;
    const struct slice *y = b;
    if (x->value != y->value) {
        return x->value < y->value ? 1 : -1;
    }
    return x->index < y->index ? -1 : (x->index > y->index);
}

/* Positive values of the first series, at most MAX_SLICES with "Other" last. */
static int
donut_slices(const struct chart_data *cd, struct donut *dn)
{
    struct slice *all = calloc(cd->ncat > 0 ? cd->ncat : 1, sizeof(*all));
    size_t n = 0;

    memset(dn, 0, sizeof(*dn));
    if (all == NULL) {
        return -1;
    }
    for (size_t c = 0; c < cd->ncat; c++) {
        if (!chart_missing(cd, 0, c) && chart_value(cd, 0, c) > 0.0) {
            all[n].value = chart_value(cd, 0, c);
            all[n].index = c;
            dn->total += all[n].value;
            n++;
        }
    }
    if (n > MAX_SLICES) {
        qsort(all, n, sizeof(*all), by_value_desc);
        double rest = 0.0;
        for (size_t i = MAX_SLICES - 1; i < n; i++) {
            rest += all[i].value;
        }
        for (size_t i = 0; i < MAX_SLICES - 1; i++) {
            dn->value[i] = all[i].value;
            dn->label[i] = cd->cat[all[i].index];
        }
        snprintf(dn->other, sizeof(dn->other), "Other (%zu categories)", n - (MAX_SLICES - 1));
        dn->value[MAX_SLICES - 1] = rest;
        dn->label[MAX_SLICES - 1] = dn->other;
        dn->n = MAX_SLICES;
    }
    else {
        for (size_t i = 0; i < n; i++) {
            dn->value[i] = all[i].value;
            dn->label[i] = cd->cat[all[i].index];
        }
        dn->n = n;
    }
    free(all);
    return 0;
}

static void
percent_text(const struct or_host *h, double share, char *buf, size_t n)
{
    char num[CHART_FMT_BUFSIZE - 8];
    chart_fmt_grouped(h, num, sizeof(num), share * 100.0, 1);
    snprintf(buf, n, "%s %%", num);
}

static void
donut_legend(cairo_t *cr, const struct chart_data *cd, const struct donut *dn, double x, double w,
             double h)
{
    char label[LABEL_CAP];
    char value[VALUE_CAP];
    char pct[VALUE_CAP];
    double row = 15.0;
    double y = (h - row * (double)dn->n) / 2.0;
    double pct_w = 40.0;
    double val_w = 0.0;

    chart_font(cr, CHART_SIZE_LEGEND, 0);
    for (size_t i = 0; i < dn->n; i++) {
        chart_fmt_number(cd->h, value, sizeof(value), cd->format[0], dn->value[i]);
        val_w = fmax(val_w, chart_text_w(cr, value));
    }
    for (size_t i = 0; i < dn->n; i++) {
        double base = y + row * (double)i + 10.0;
        chart_rgb(cr, chart_color(cd, i));
        cairo_rectangle(cr, x, base - 7.5, 8.0, 8.0);
        chart_fill(cr);
        chart_font(cr, CHART_SIZE_LEGEND, 0);
        chart_rgb(cr, CHART_C_TEXT);
        chart_fit(cr, dn->label[i], w - 14.0 - val_w - pct_w - 16.0, label, sizeof(label));
        chart_text(cr, x + 14.0, base, CHART_LEFT, label);
        chart_fmt_number(cd->h, value, sizeof(value), cd->format[0], dn->value[i]);
        chart_text(cr, x + w - pct_w - 8.0, base, CHART_RIGHT, value);
        percent_text(cd->h, dn->value[i] / dn->total, pct, sizeof(pct));
        chart_rgb(cr, CHART_C_MUTED);
        chart_text(cr, x + w, base, CHART_RIGHT, pct);
    }
}

void
chart_donut(cairo_t *cr, const struct chart_data *cd, double w, double h)
{
    struct donut dn;
    char buf[VALUE_CAP];

    if (donut_slices(cd, &dn) != 0 || dn.n == 0 || !(dn.total > 0.0)) {
        chart_font(cr, CHART_SIZE_LEGEND, 0);
        chart_rgb(cr, CHART_C_MUTED);
        chart_text(cr, w / 2.0, h / 2.0, CHART_CENTER, "No positive values to show.");
        return;
    }
    double r_out = fmin(h / 2.0 - PAD - 2.0, w * 0.2);
    double r_in = r_out * 0.58;
    double cx = PAD + 16.0 + r_out;
    double cy = h / 2.0;
    double a0 = -M_PI / 2.0;

    for (size_t i = 0; i < dn.n; i++) {
        double a1 = a0 + 2.0 * M_PI * dn.value[i] / dn.total;
        cairo_new_path(cr);
        cairo_arc(cr, cx, cy, r_out, a0, a1);
        cairo_arc_negative(cr, cx, cy, r_in, a1, a0);
        cairo_close_path(cr);
        chart_rgb(cr, chart_color(cd, i));
        chart_fill_preserve(cr);
        chart_rgb(cr, 0xFFFFFFu);
        cairo_set_line_width(cr, 1.2);
        chart_stroke(cr);
        double share = dn.value[i] / dn.total;
        if (share >= 0.05) {
            double mid = (a0 + a1) / 2.0;
            double rr = (r_out + r_in) / 2.0;
            percent_text(cd->h, share, buf, sizeof(buf));
            chart_font(cr, CHART_SIZE_VALUE, 1);
            chart_rgb(cr, chart_color_is_light(chart_color(cd, i)) ? CHART_C_TEXT : 0xFFFFFFu);
            chart_text(cr, cx + rr * cos(mid), cy + rr * sin(mid) + 2.4, CHART_CENTER, buf);
        }
        a0 = a1;
    }
    chart_fmt_number(cd->h, buf, sizeof(buf), cd->format[0], dn.total);
    chart_font(cr, 13.0, 1);
    chart_rgb(cr, CHART_C_TEXT);
    chart_text(cr, cx, cy + 2.0, CHART_CENTER, buf);
    chart_font(cr, CHART_SIZE_TICK, 0);
    chart_rgb(cr, CHART_C_MUTED);
    chart_text(cr, cx, cy + 12.0, CHART_CENTER, "total");

    double lx = cx + r_out + 36.0;
    donut_legend(cr, cd, &dn, lx, fmin(w - PAD - lx, 330.0), h);
}
