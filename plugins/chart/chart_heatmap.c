/* SPDX-License-Identifier: MIT */
/*
 * Heatmaps: a cell per (column, row) coloured on the three-colour scale of
 * chart_grid.h between the smallest and the largest value, its value
 * written in it where it fits; the colour scale with those values above.
 */
#include "chart_heatmap.h"

#include <math.h>

#include "chart_grid.h"
#include "chart_shapes.h"
#include "chart_util.h"

#define PAD 4.0
#define TITLE_ROOM 14.0
#define LABEL_MAX 95.0
#define TICK_GAP 5.0
#define SCALE_W 140.0
#define SCALE_H 8.0
#define LEGEND_H 30.0
#define LABEL_CAP 256
#define SCALE_STRIPS 70

static void
value_range(const struct chart_data *cd, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t s = 0; s < cd->nseries; s++) {
        for (size_t c = 0; c < cd->ncat; c++) {
            if (!chart_missing(cd, s, c)) {
                *lo = fmin(*lo, chart_value(cd, s, c));
                *hi = fmax(*hi, chart_value(cd, s, c));
            }
        }
    }
}

static double
position(double v, double lo, double hi)
{
    return hi > lo ? (v - lo) / (hi - lo) : 0.5;
}

/* The colour scale at the top right: its title, the strips, three values. */
static void
draw_scale(cairo_t *cr, const struct chart_data *cd, const struct chart_heat_scale *scale,
           double lo, double hi, double w)
{
    char buf[LABEL_CAP];
    double x1 = w - PAD;
    double x0 = x1 - SCALE_W;
    double y = PAD + 9.0;
    chart_font(cr, CHART_SIZE_LEGEND, 1);
    chart_rgb(cr, CHART_C_TEXT);
    chart_fit(cr, cd->value_name != NULL ? cd->value_name : "", w * 0.5, buf, sizeof(buf));
    chart_text(cr, x0 - 8.0, y + SCALE_H - 1.0, CHART_RIGHT, buf);
    /* Thin solid strips, not a gradient: every output draws them the same. */
    for (int i = 0; i < SCALE_STRIPS; i++) {
        double sw = SCALE_W / SCALE_STRIPS;
        chart_rgb(cr, chart_heat_color(scale, ((double)i + 0.5) / SCALE_STRIPS));
        /* each strip overlaps the next by a hair, so no seam shows between them */
        cairo_rectangle(cr, x0 + sw * (double)i, y, sw + (i + 1 < SCALE_STRIPS ? 0.25 : 0.0),
                        SCALE_H);
        chart_fill(cr);
    }
    chart_font(cr, CHART_SIZE_TICK, 0);
    chart_rgb(cr, CHART_C_MUTED);
    const double at[3] = {lo, (lo + hi) / 2.0, hi};
    const enum chart_align align[3] = {CHART_LEFT, CHART_CENTER, CHART_RIGHT};
    for (int i = 0; i < 3; i++) {
        chart_value_label(cd->h, at[i], cd->format[0], 0, buf, sizeof(buf));
        chart_text(cr, x0 + SCALE_W * (double)i / 2.0, y + SCALE_H + 9.0, align[i], buf);
    }
}

/* The value in its cell, when it fits. */
static void
cell_label(cairo_t *cr, const struct chart_data *cd, double v, uint32_t fill, double x, double y,
           double cw, double ch)
{
    char buf[LABEL_CAP];
    if (ch < 9.0) {
        return;
    }
    chart_font(cr, CHART_SIZE_VALUE, 0);
    for (int compact = 0; compact <= 1; compact++) {
        chart_value_label(cd->h, v, cd->format[0], compact, buf, sizeof(buf));
        if (chart_text_w(cr, buf) <= cw - 3.0) {
            chart_rgb(cr, chart_color_is_light(fill) ? CHART_C_TEXT : 0xFFFFFFu);
            chart_text(cr, x + cw / 2.0, y + ch / 2.0 + 2.4, CHART_CENTER, buf);
            return;
        }
    }
}

static double
widest(cairo_t *cr, char **labels, size_t n)
{
    double w = 0.0;
    chart_font(cr, CHART_SIZE_TICK, 0);
    for (size_t i = 0; i < n; i++) {
        w = fmax(w, chart_text_w(cr, labels[i]));
    }
    return fmin(w, LABEL_MAX);
}

static void
axis_titles(cairo_t *cr, const struct chart_data *cd, double l, double r, double t, double b,
            double h)
{
    char buf[LABEL_CAP];
    chart_font(cr, CHART_SIZE_TICK + 0.5, 1);
    chart_rgb(cr, CHART_C_MUTED);
    if (cd->x_label != NULL) {
        chart_fit(cr, cd->x_label, r - l, buf, sizeof(buf));
        chart_text(cr, (l + r) / 2.0, h - PAD - 1.0, CHART_CENTER, buf);
    }
    if (cd->y_label != NULL) {
        chart_fit(cr, cd->y_label, b - t, buf, sizeof(buf));
        cairo_save(cr);
        cairo_translate(cr, PAD + 7.0, (t + b) / 2.0);
        cairo_rotate(cr, -M_PI / 2.0);
        chart_text(cr, 0.0, 0.0, CHART_CENTER, buf);
        cairo_restore(cr);
    }
}

void
chart_heatmap(cairo_t *cr, const struct chart_data *cd, double w, double h)
{
    char buf[LABEL_CAP];
    double lo = 0.0;
    double hi = 0.0;
    if (cd->ncat == 0 || cd->nseries == 0) {
        return;
    }
    value_range(cd, &lo, &hi);
    struct chart_heat_scale scale = chart_heat_scale(cd->palette);
    int any = isfinite(lo);
    if (any) {
        draw_scale(cr, cd, &scale, lo, hi, w);
    }
    double l =
        PAD + (cd->y_label != NULL ? TITLE_ROOM : 0.0) + widest(cr, cd->cat, cd->ncat) + TICK_GAP;
    double r = w - PAD;
    double t = PAD + LEGEND_H;
    double b = h - PAD - 14.0 - (cd->x_label != NULL ? TITLE_ROOM : 0.0);
    double cw = (r - l) / (double)cd->nseries;
    double ch = (b - t) / (double)cd->ncat;
    /* Every thin-th column label, so none overlaps the next. */
    size_t thin = (size_t)ceil((widest(cr, cd->series, cd->nseries) + 4.0) / cw);
    for (size_t c = 0; c < cd->ncat; c++) {
        double y = t + ch * (double)c;
        chart_font(cr, CHART_SIZE_TICK, 0);
        chart_rgb(cr, CHART_C_TEXT);
        chart_fit(cr, cd->cat[c], l - TICK_GAP - PAD, buf, sizeof(buf));
        chart_text(cr, l - TICK_GAP, y + ch / 2.0 + 2.5, CHART_RIGHT, buf);
        for (size_t s = 0; s < cd->nseries; s++) {
            double x = l + cw * (double)s;
            int missing = chart_missing(cd, s, c);
            double v = chart_value(cd, s, c);
            uint32_t fill =
                missing ? CHART_HEAT_NONE : chart_heat_color(&scale, position(v, lo, hi));
            chart_rgb(cr, fill);
            cairo_rectangle(cr, x + 0.5, y + 0.5, cw - 1.0, ch - 1.0);
            chart_fill(cr);
            if (!missing) {
                cell_label(cr, cd, v, fill, x, y, cw, ch);
            }
        }
    }
    chart_font(cr, CHART_SIZE_TICK, 0);
    chart_rgb(cr, CHART_C_TEXT);
    for (size_t s = 0; s<cd->nseries; s += thin> 0 ? thin : 1) {
        chart_fit(cr, cd->series[s], fmax(cw * (double)thin - 2.0, 8.0), buf, sizeof(buf));
        chart_text(cr, l + cw * ((double)s + 0.5), b + 10.0, CHART_CENTER, buf);
    }
    axis_titles(cr, cd, l, r, t, b, h);
}

double
chart_heatmap_height(const struct chart_data *cd)
{
    double rows = (double)(cd->ncat > 0 ? cd->ncat : 1);
    double hh =
        PAD + LEGEND_H + rows * 17.0 + 14.0 + PAD + (cd->x_label != NULL ? TITLE_ROOM : 0.0);
    return hh < 110.0 ? 110.0 : hh;
}
