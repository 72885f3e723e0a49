/* SPDX-License-Identifier: MIT */
/* Lines of the cartesian charts: see chart_lines.h. */
#include "chart_lines.h"

#include <math.h>

#include "chart_shapes.h"
#include "chart_util.h"

void
chart_xy_draw_lines(const struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    cairo_t *cr = p->cr;
    double bw = chart_xy_band(p);
    int markers = cd->ncat <= 40;

    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (size_t s = p->first_line; s < cd->nseries; s++) {
        int open = 0;
        chart_rgb(cr, chart_color(cd, s));
        cairo_set_line_width(cr, 1.8);
        for (size_t c = 0; c < cd->ncat; c++) {
            if (chart_missing(cd, s, c)) {
                open = 0;
                continue;
            }
            double x = chart_xy_cpos(p, c) + bw / 2.0;
            double y = chart_xy_vpos_of(p, s, chart_value(cd, s, c));
            if (open) {
                cairo_line_to(cr, x, y);
            }
            else {
                cairo_move_to(cr, x, y);
                open = 1;
            }
        }
        chart_stroke(cr);
        for (size_t c = 0; c < cd->ncat && markers; c++) {
            if (chart_missing(cd, s, c)) {
                continue;
            }
            double x = chart_xy_cpos(p, c) + bw / 2.0;
            double y = chart_xy_vpos_of(p, s, chart_value(cd, s, c));
            cairo_arc(cr, x, y, 2.6, 0.0, 2.0 * M_PI);
            chart_rgb(cr, 0xFFFFFFu);
            chart_fill_preserve(cr);
            chart_rgb(cr, chart_color(cd, s));
            cairo_set_line_width(cr, 1.4);
            chart_stroke(cr);
            if (p->value_labels && p->first_line == 0) {
                chart_xy_end_label(p, x, chart_value(cd, s, c), cd->format[s], 0);
            }
        }
    }
}

void
chart_xy_draw_marks(const struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    cairo_t *cr = p->cr;
    double bw = chart_xy_band(p);
    for (size_t c = 0; c < cd->ncat; c++) {
        if (!cd->marked[c]) {
            continue;
        }
        double x = chart_xy_cpos(p, c);
        cairo_rectangle(cr, x, p->t, bw, p->b - p->t);
        chart_rgb(cr, 0xFFF1CCu);
        chart_fill(cr);
        chart_rgb(cr, 0x8A6D00u);
        cairo_set_font_size(cr, 7.0);
        cairo_text_extents_t te;
        cairo_text_extents(cr, "current", &te);
        chart_text(cr, x + bw / 2.0, p->t + te.height + 2.0, CHART_CENTER, "current");
    }
}
