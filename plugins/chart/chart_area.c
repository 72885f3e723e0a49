/* SPDX-License-Identifier: MIT */
/* Stacked areas: see chart_area.h. */
#include "chart_area.h"

#include <math.h>

#include "chart_shapes.h"
#include "chart_util.h"

/* Top of the stack of series [0, s] at category c; missing values add nothing. */
static double
stack_top(const struct chart_data *cd, size_t s, size_t c)
{
    double sum = 0.0;
    for (size_t k = 0; k <= s; k++) {
        if (!chart_missing(cd, k, c)) {
            sum += chart_value(cd, k, c);
        }
    }
    return sum;
}

/* A path along the top of the stack of series [0, s], through each band's middle. */
static void
trace_top(const struct chart_xy *p, size_t s)
{
    double bw = chart_xy_band(p);
    for (size_t c = 0; c < p->cd->ncat; c++) {
        double x = chart_xy_cpos(p, c) + bw / 2.0;
        double y = chart_xy_vpos(p, stack_top(p->cd, s, c));
        if (c == 0) {
            cairo_move_to(p->cr, x, y);
        }
        else {
            cairo_line_to(p->cr, x, y);
        }
    }
}

void
chart_xy_draw_areas(const struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    cairo_t *cr = p->cr;
    double bw = chart_xy_band(p);

    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    for (size_t s = 0; s < cd->nseries; s++) {
        /* Along the top of this series, back along the top of the one below. */
        trace_top(p, s);
        for (size_t c = cd->ncat; c-- > 0;) {
            double x = chart_xy_cpos(p, c) + bw / 2.0;
            double below = s > 0 ? stack_top(cd, s - 1, c) : 0.0;
            cairo_line_to(cr, x, chart_xy_vpos(p, below));
        }
        cairo_close_path(cr);
        chart_rgb(cr, chart_color(cd, s));
        chart_fill(cr);
        /* The series' top edge, white, so neighbours of close colours part. */
        trace_top(p, s);
        chart_rgb(cr, 0xFFFFFFu);
        cairo_set_line_width(cr, 0.8);
        chart_stroke(cr);
    }
}
