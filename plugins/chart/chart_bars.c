/* SPDX-License-Identifier: MIT */
/* Bars of the cartesian charts: see chart_bars.h. */
#include "chart_bars.h"

#include <math.h>

#include "chart_shapes.h"
#include "chart_util.h"

/* A bar from value a to value b across [c0, c0 + thick] on the category axis. */
static void
bar_rect(const struct chart_xy *p, double c0, double thick, double a, double b)
{
    double pa = chart_xy_vpos(p, a);
    double pb = chart_xy_vpos(p, b);
    if (p->horizontal) {
        cairo_rectangle(p->cr, fmin(pa, pb), c0, fabs(pb - pa), thick);
    }
    else {
        cairo_rectangle(p->cr, c0, fmin(pa, pb), thick, fabs(pb - pa));
    }
    chart_fill(p->cr);
}

void
chart_xy_draw_bars(const struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    double bw = chart_xy_band(p);
    size_t ns = p->grouped ? p->nbars : 1;
    double group = bw * (p->grouped ? 0.8 : 0.62);
    double thick = group / (double)ns;

    for (size_t c = 0; c < cd->ncat; c++) {
        double c0 = chart_xy_cpos(p, c) + (bw - group) / 2.0;
        for (size_t s = 0; s < ns; s++) {
            if (chart_missing(cd, s, c)) {
                continue;
            }
            double v = chart_value(cd, s, c);
            double gap = ns > 1 && thick > 3.0 ? 0.6 : 0.0;
            chart_rgb(p->cr, chart_color(p->cd, s));
            bar_rect(p, c0 + thick * (double)s + gap / 2.0, thick - gap, 0.0, v);
            if (p->value_labels) {
                chart_xy_end_label(p, c0 + thick * ((double)s + 0.5), v, cd->format[s], 0);
            }
        }
    }
}

/* A label inside a stacked segment, when the segment is large enough. */
static void
segment_label(const struct chart_xy *p, double mid, double a, double b, double thick, size_t s)
{
    char buf[CHART_VALUE_CAP];
    double len = fabs(chart_xy_vpos(p, b) - chart_xy_vpos(p, a));
    int fits = 0;
    chart_font(p->cr, CHART_SIZE_VALUE, 0);
    /* The full form when it fits, else the short one, else nothing. */
    for (int compact = 0; compact <= 1 && !fits; compact++) {
        chart_value_label(p->cd->h, b - a, p->cd->format[s], compact, buf, sizeof(buf));
        double tw = chart_text_w(p->cr, buf);
        double need_len = p->horizontal ? tw + 4.0 : 9.0;
        double need_thick = p->horizontal ? 9.0 : tw + 3.0;
        fits = len >= need_len && thick >= need_thick;
    }
    if (!fits) {
        return;
    }
    chart_rgb(p->cr, chart_color_is_light(chart_color(p->cd, s)) ? CHART_C_TEXT : 0xFFFFFFu);
    double centre = (chart_xy_vpos(p, a) + chart_xy_vpos(p, b)) / 2.0;
    if (p->horizontal) {
        chart_text(p->cr, centre, mid + 2.4, CHART_CENTER, buf);
    }
    else {
        chart_text(p->cr, mid, centre + 2.4, CHART_CENTER, buf);
    }
}

void
chart_xy_draw_stacked(const struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    double bw = chart_xy_band(p);
    double thick = bw * 0.62;

    for (size_t c = 0; c < cd->ncat; c++) {
        double c0 = chart_xy_cpos(p, c) + (bw - thick) / 2.0;
        double pos = 0.0;
        double neg = 0.0;
        for (size_t s = 0; s < cd->nseries; s++) {
            if (chart_missing(cd, s, c)) {
                continue;
            }
            double v = chart_value(cd, s, c);
            double from = v >= 0 ? pos : neg;
            double to = from + v;
            chart_rgb(p->cr, chart_color(p->cd, s));
            bar_rect(p, c0, thick, from, to);
            /* A hairline of white between segments. */
            cairo_set_line_width(p->cr, 0.5);
            chart_rgb(p->cr, 0xFFFFFFu);
            double at = chart_xy_vpos(p, to);
            if (p->horizontal) {
                cairo_move_to(p->cr, at, c0);
                cairo_line_to(p->cr, at, c0 + thick);
            }
            else {
                cairo_move_to(p->cr, c0, at);
                cairo_line_to(p->cr, c0 + thick, at);
            }
            chart_stroke(p->cr);
            segment_label(p, c0 + thick / 2.0, from, to, thick, s);
            if (v >= 0) {
                pos = to;
            }
            else {
                neg = to;
            }
        }
        if (p->value_labels) {
            chart_xy_end_label(p, c0 + thick / 2.0, pos + neg >= 0 ? pos : neg, cd->format[0], 1);
        }
    }
}
