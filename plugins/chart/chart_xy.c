/* SPDX-License-Identifier: MIT */
/*
 * Cartesian charts: bars (single, grouped, stacked; vertical or horizontal)
 * and lines.  Layout first reserves the legend, axis titles, tick labels and
 * category labels, then the plot area takes what is left.
 */
#include "chart_xy.h"

#include <math.h>

#include "chart_area.h"
#include "chart_bars.h"
#include "chart_combo.h"
#include "chart_lines.h"
#include "chart_shapes.h"
#include "chart_util.h"
#include "chart_xy_map.h"

#define PAD 4.0
#define TITLE_ROOM 14.0
#define LABEL_MAX 95.0
#define HEADROOM 10.0
#define TICK_GAP 6.0
#define LABEL_CAP 256

static void
value_range(const struct chart_xy *p, double *lo, double *hi)
{
    const struct chart_data *cd = p->cd;
    *lo = 0.0;
    *hi = 0.0;
    for (size_t c = 0; c < cd->ncat; c++) {
        double pos = 0.0;
        double neg = 0.0;
        for (size_t s = 0; s < cd->nseries; s++) {
            if (chart_missing(cd, s, c) || (p->secondary && s >= p->nbars)) {
                continue;
            }
            double v = chart_value(cd, s, c);
            if (p->stacked) {
                if (v > 0) {
                    pos += v;
                }
                else {
                    neg += v;
                }
            }
            else {
                *lo = fmin(*lo, v);
                *hi = fmax(*hi, v);
            }
        }
        if (p->stacked) {
            *lo = fmin(*lo, neg);
            *hi = fmax(*hi, pos);
        }
    }
}

static double
max_label_w(const struct chart_xy *p)
{
    double w = 0.0;
    chart_font(p->cr, CHART_SIZE_TICK, 0);
    for (size_t c = 0; c < p->cd->ncat; c++) {
        w = fmax(w, chart_text_w(p->cr, p->cd->cat[c]));
    }
    return fmin(w, LABEL_MAX);
}

static double
max_tick_w(const struct chart_xy *p)
{
    char buf[CHART_VALUE_CAP];
    double w = 0.0;
    chart_font(p->cr, CHART_SIZE_TICK, 0);
    for (int i = 0; i < chart_tick_count(&p->ticks); i++) {
        double v = p->ticks.lo + p->ticks.step * (double)i;
        chart_tick_label(p->cd->h, v, &p->ticks, p->cd->format[0], buf, sizeof(buf));
        w = fmax(w, chart_text_w(p->cr, buf));
    }
    return w;
}

/* Total of category c (stacked) or the series value (others). */
static double
shown_value(const struct chart_xy *p, size_t s, size_t c)
{
    if (!p->stacked) {
        return chart_value(p->cd, s, c);
    }
    double sum = 0.0;
    for (size_t k = 0; k < p->cd->nseries; k++) {
        if (!chart_missing(p->cd, k, c)) {
            sum += chart_value(p->cd, k, c);
        }
    }
    return sum;
}

/* Widest value label in full (compact = 0) or short form. */
static double
widest_value(const struct chart_xy *p, int compact)
{
    char buf[CHART_VALUE_CAP];
    double w = 0.0;
    size_t ns = p->stacked ? 1 : p->cd->nseries;
    chart_font(p->cr, CHART_SIZE_VALUE, p->stacked);
    for (size_t s = 0; s < ns; s++) {
        for (size_t c = 0; c < p->cd->ncat; c++) {
            if (!p->stacked && chart_missing(p->cd, s, c)) {
                continue;
            }
            chart_value_label(p->cd->h, shown_value(p, s, c), p->cd->format[s], compact, buf,
                              sizeof(buf));
            w = fmax(w, chart_text_w(p->cr, buf));
        }
    }
    return w;
}

/* Room each value label has across the category axis (vertical charts). */
static double
label_room(const struct chart_xy *p)
{
    double bw = chart_xy_band(p);
    if (p->grouped) {
        return bw * 0.8 / (double)p->nbars + 2.0;
    }
    return bw - 3.0;
}

static void
choose_value_labels(struct chart_xy *p)
{
    p->value_labels = 0;
    if (p->area || (p->line && (p->cd->nseries > 1 || p->cd->ncat > 14))) {
        return;
    }
    if (p->horizontal) {
        p->value_labels =
            chart_xy_band(p) / (p->grouped ? (double)p->cd->nseries : 1.0) >= 7.0 ? 1 : 0;
        return;
    }
    double room = label_room(p);
    if (widest_value(p, 0) <= room) {
        p->value_labels = 1;
    }
    else if (widest_value(p, 1) <= room) {
        p->value_labels = 2;
    }
}

static void
draw_grid(const struct chart_xy *p)
{
    cairo_t *cr = p->cr;
    char buf[CHART_VALUE_CAP];
    chart_font(cr, CHART_SIZE_TICK, 0);
    cairo_set_line_width(cr, 0.6);
    for (int i = 0; i < chart_tick_count(&p->ticks); i++) {
        double v = p->ticks.lo + p->ticks.step * (double)i;
        double at = chart_xy_vpos(p, v);
        chart_rgb(cr, CHART_C_GRID);
        if (p->horizontal) {
            cairo_move_to(cr, at, p->t);
            cairo_line_to(cr, at, p->b);
        }
        else {
            cairo_move_to(cr, p->l, at);
            cairo_line_to(cr, p->r, at);
        }
        chart_stroke(cr);
        chart_tick_label(p->cd->h, v, &p->ticks, p->cd->format[0], buf, sizeof(buf));
        chart_rgb(cr, CHART_C_MUTED);
        if (p->horizontal) {
            chart_text(cr, at, p->b + 10.0, CHART_CENTER, buf);
        }
        else {
            chart_text(cr, p->l - TICK_GAP, at + 2.5, CHART_RIGHT, buf);
        }
    }
    /* The zero line, darker than the grid. */
    double zero = chart_xy_vpos(p, fmin(fmax(0.0, p->ticks.lo), p->ticks.hi));
    chart_rgb(cr, CHART_C_AXIS);
    cairo_set_line_width(cr, 0.9);
    if (p->horizontal) {
        cairo_move_to(cr, zero, p->t);
        cairo_line_to(cr, zero, p->b);
    }
    else {
        cairo_move_to(cr, p->l, zero);
        cairo_line_to(cr, p->r, zero);
    }
    chart_stroke(cr);
}

static void
draw_category_labels(const struct chart_xy *p)
{
    cairo_t *cr = p->cr;
    char buf[LABEL_CAP];
    double bw = chart_xy_band(p);
    chart_font(cr, CHART_SIZE_TICK, 0);
    chart_rgb(cr, CHART_C_TEXT);
    for (size_t c = 0; c < p->cd->ncat; c += p->thin) {
        double mid = chart_xy_cpos(p, c) + bw / 2.0;
        if (p->horizontal) {
            chart_fit(cr, p->cd->cat[c], p->l - TICK_GAP - PAD, buf, sizeof(buf));
            chart_text(cr, p->l - TICK_GAP, mid + 2.5, CHART_RIGHT, buf);
        }
        else if (p->rotate) {
            chart_fit(cr, p->cd->cat[c], LABEL_MAX, buf, sizeof(buf));
            cairo_save(cr);
            cairo_translate(cr, mid + 2.0, p->b + 7.0);
            cairo_rotate(cr, -M_PI / 4.0);
            chart_text(cr, 0.0, 0.0, CHART_RIGHT, buf);
            cairo_restore(cr);
        }
        else {
            double room = p->thin > 1 ? bw * (double)p->thin - 4.0 : bw - 2.0;
            chart_fit(cr, p->cd->cat[c], fmin(room, LABEL_MAX), buf, sizeof(buf));
            chart_text(cr, mid, p->b + 10.0, CHART_CENTER, buf);
        }
    }
}

static void
axis_titles(const struct chart_xy *p, double w, double h, double left)
{
    cairo_t *cr = p->cr;
    const char *cat_title = p->cd->x_label;
    const char *val_title = p->cd->y_label;
    const char *bottom = p->horizontal ? val_title : cat_title;
    const char *side = p->horizontal ? cat_title : val_title;
    char buf[LABEL_CAP];

    chart_font(cr, CHART_SIZE_TICK + 0.5, 1);
    chart_rgb(cr, CHART_C_MUTED);
    if (bottom != NULL) {
        chart_fit(cr, bottom, p->r - p->l, buf, sizeof(buf));
        chart_text(cr, (p->l + p->r) / 2.0, h - PAD - 1.0, CHART_CENTER, buf);
    }
    if (side != NULL) {
        chart_fit(cr, side, p->b - p->t, buf, sizeof(buf));
        cairo_save(cr);
        cairo_translate(cr, left + 7.0, (p->t + p->b) / 2.0);
        cairo_rotate(cr, -M_PI / 2.0);
        chart_text(cr, 0.0, 0.0, CHART_CENTER, buf);
        cairo_restore(cr);
    }
    (void)w;
}

/* Reserve room for category labels under a vertical plot; returns its height. */
static double
category_room(struct chart_xy *p)
{
    double maxw = max_label_w(p);
    double bw = chart_xy_band(p);
    p->thin = 1;
    p->rotate = 0;
    if (maxw <= bw - 3.0) {
        return 14.0;
    }
    if (p->line || bw < 9.0) {
        double need = p->line ? maxw + 8.0 : 11.0;
        p->thin = (size_t)ceil(need / bw);
        if (p->line) {
            return 14.0;
        }
    }
    p->rotate = 1;
    return maxw * sin(M_PI / 4.0) + 12.0;
}

void
chart_xy(cairo_t *cr, const struct chart_data *cd, double w, double h)
{
    struct chart_xy p = {.cr = cr, .cd = cd};
    double lo;
    double hi;
    double left = PAD;
    double top = PAD;
    double bottom = h - PAD;

    int lines = cd->kind == OR_CHART_LINE || cd->kind == OR_CHART_TREND ||
                cd->kind == OR_CHART_STACKED_AREA;
    p.horizontal = cd->horizontal && !lines && cd->nlines == 0;
    p.area = cd->kind == OR_CHART_STACKED_AREA;
    p.stacked = (cd->kind == OR_CHART_STACKED_BAR && cd->nseries > 1) || p.area;
    p.line = lines;
    p.nbars = cd->nseries - cd->nlines;
    p.first_line = lines ? 0 : p.nbars;
    p.secondary = cd->secondary && cd->nlines > 0;
    p.grouped = !p.stacked && !p.line && p.nbars > 1;
    if (cd->ncat == 0) {
        return;
    }
    value_range(&p, &lo, &hi);
    chart_nice(lo, hi, p.horizontal ? 5 : 5, &p.ticks);
    chart_combo_ticks(&p);
    if (cd->nseries > 1) {
        top += chart_legend(cr, cd, PAD, top, w - 2.0 * PAD) + 6.0;
    }
    int side_title = (p.horizontal ? cd->x_label : cd->y_label) != NULL;
    int bottom_title = (p.horizontal ? cd->y_label : cd->x_label) != NULL;
    double side = left + (side_title ? TITLE_ROOM : 0.0);
    if (bottom_title) {
        bottom -= TITLE_ROOM;
    }
    if (p.horizontal) {
        p.l = side + fmin(max_label_w(&p), w * 0.32) + TICK_GAP;
        p.t = top;
        p.b = bottom - 14.0;
        p.r = w - PAD;
        p.thin = 1;
        /* Keep room for the value label after the longest bar. */
        choose_value_labels(&p);
        if (p.value_labels) {
            p.r -= widest_value(&p, 0) + 5.0;
        }
    }
    else {
        p.l = side + max_tick_w(&p) + TICK_GAP;
        p.r = w - PAD - chart_combo_room(&p);
        p.t = top + HEADROOM;
        p.b = bottom;
        p.b -= category_room(&p);
        choose_value_labels(&p);
    }
    draw_grid(&p);
    if (cd->kind == OR_CHART_TREND) {
        chart_xy_draw_marks(&p);
    }
    if (p.area) {
        chart_xy_draw_areas(&p);
    }
    else if (p.line) {
        chart_xy_draw_lines(&p);
    }
    else if (p.stacked) {
        chart_xy_draw_stacked(&p);
    }
    else {
        chart_xy_draw_bars(&p);
        chart_xy_draw_lines(&p); /* a combo's lines over its bars; none else */
        chart_combo_axis(&p, h);
    }
    draw_category_labels(&p);
    axis_titles(&p, w, h, left);
}
