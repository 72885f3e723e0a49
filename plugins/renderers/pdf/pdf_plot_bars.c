/* SPDX-License-Identifier: MIT */
/* Bars of the cartesian charts: see pdf_plot_bars.h. */
#include "pdf_plot_bars.h"

#include <math.h>

#include "pdf_plot_util.h"

/* A bar from value a to value b across [c0, c0 + thick] on the category axis. */
static void
bar_rect(const struct plot_xy *p, double c0, double thick, double a, double b)
{
    double pa = xy_vpos(p, a);
    double pb = xy_vpos(p, b);
    if (p->horizontal) {
        cairo_rectangle(p->cr, fmin(pa, pb), c0, fabs(pb - pa), thick);
    }
    else {
        cairo_rectangle(p->cr, c0, fmin(pa, pb), thick, fabs(pb - pa));
    }
    cairo_fill(p->cr);
}

void
xy_draw_bars(const struct plot_xy *p)
{
    const struct pdf_chart_data *cd = p->cd;
    double bw = xy_band(p);
    size_t ns = p->grouped ? cd->nseries : 1;
    double group = bw * (p->grouped ? 0.8 : 0.62);
    double thick = group / (double)ns;

    for (size_t c = 0; c < cd->ncat; c++) {
        double c0 = xy_cpos(p, c) + (bw - group) / 2.0;
        for (size_t s = 0; s < ns; s++) {
            if (pdf_chart_missing(cd, s, c)) {
                continue;
            }
            double v = pdf_chart_value(cd, s, c);
            double gap = ns > 1 && thick > 3.0 ? 0.6 : 0.0;
            plot_rgb(p->cr, plot_color(s));
            bar_rect(p, c0 + thick * (double)s + gap / 2.0, thick - gap, 0.0, v);
            if (p->value_labels) {
                xy_end_label(p, c0 + thick * ((double)s + 0.5), v, cd->format[s], 0);
            }
        }
    }
}

/* A label inside a stacked segment, when the segment is large enough. */
static void
segment_label(const struct plot_xy *p, double mid, double a, double b, double thick, size_t s)
{
    char buf[PLOT_VALUE_CAP];
    double len = fabs(xy_vpos(p, b) - xy_vpos(p, a));
    int fits = 0;
    plot_font(p->cr, PLOT_SIZE_VALUE, 0);
    /* The full form when it fits, else the short one, else nothing. */
    for (int compact = 0; compact <= 1 && !fits; compact++) {
        plot_value_label(p->cd->h, b - a, p->cd->format[s], compact, buf, sizeof(buf));
        double tw = plot_text_w(p->cr, buf);
        double need_len = p->horizontal ? tw + 4.0 : 9.0;
        double need_thick = p->horizontal ? 9.0 : tw + 3.0;
        fits = len >= need_len && thick >= need_thick;
    }
    if (!fits) {
        return;
    }
    plot_rgb(p->cr, plot_color_is_light(plot_color(s)) ? PLOT_C_TEXT : 0xFFFFFFu);
    double centre = (xy_vpos(p, a) + xy_vpos(p, b)) / 2.0;
    if (p->horizontal) {
        plot_text(p->cr, centre, mid + 2.4, PLOT_CENTER, buf);
    }
    else {
        plot_text(p->cr, mid, centre + 2.4, PLOT_CENTER, buf);
    }
}

void
xy_draw_stacked(const struct plot_xy *p)
{
    const struct pdf_chart_data *cd = p->cd;
    double bw = xy_band(p);
    double thick = bw * 0.62;

    for (size_t c = 0; c < cd->ncat; c++) {
        double c0 = xy_cpos(p, c) + (bw - thick) / 2.0;
        double pos = 0.0;
        double neg = 0.0;
        for (size_t s = 0; s < cd->nseries; s++) {
            if (pdf_chart_missing(cd, s, c)) {
                continue;
            }
            double v = pdf_chart_value(cd, s, c);
            double from = v >= 0 ? pos : neg;
            double to = from + v;
            plot_rgb(p->cr, plot_color(s));
            bar_rect(p, c0, thick, from, to);
            /* A hairline of white between segments. */
            cairo_set_line_width(p->cr, 0.5);
            plot_rgb(p->cr, 0xFFFFFFu);
            double at = xy_vpos(p, to);
            if (p->horizontal) {
                cairo_move_to(p->cr, at, c0);
                cairo_line_to(p->cr, at, c0 + thick);
            }
            else {
                cairo_move_to(p->cr, c0, at);
                cairo_line_to(p->cr, c0 + thick, at);
            }
            cairo_stroke(p->cr);
            segment_label(p, c0 + thick / 2.0, from, to, thick, s);
            if (v >= 0) {
                pos = to;
            }
            else {
                neg = to;
            }
        }
        if (p->value_labels) {
            xy_end_label(p, c0 + thick / 2.0, pos + neg >= 0 ? pos : neg, cd->format[0], 1);
        }
    }
}
