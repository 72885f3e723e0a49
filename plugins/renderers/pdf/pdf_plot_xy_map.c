/* SPDX-License-Identifier: MIT */
/* Where values and categories fall on a cartesian plot: see pdf_plot_xy_map.h. */
#include "pdf_plot_xy_map.h"

#include <math.h>

double
xy_vpos(const struct plot_xy *p, double v)
{
    /* Values beyond the axis (only possible for absurd magnitudes) stop at its end. */
    double f = fmin(fmax((v - p->ticks.lo) / (p->ticks.hi - p->ticks.lo), -0.02), 1.02);
    return p->horizontal ? p->l + f * (p->r - p->l) : p->b - f * (p->b - p->t);
}

double
xy_band(const struct plot_xy *p)
{
    double len = p->horizontal ? p->b - p->t : p->r - p->l;
    return len / (double)p->cd->ncat;
}

double
xy_cpos(const struct plot_xy *p, size_t c)
{
    return (p->horizontal ? p->t : p->l) + xy_band(p) * (double)c;
}

void
xy_end_label(const struct plot_xy *p, double mid, double v, enum or_format fmt, int bold)
{
    char buf[PLOT_VALUE_CAP];
    plot_value_label(p->cd->h, v, fmt, p->value_labels == 2, buf, sizeof(buf));
    plot_font(p->cr, PLOT_SIZE_VALUE, bold);
    plot_rgb(p->cr, PLOT_C_TEXT);
    double at = xy_vpos(p, v);
    if (p->horizontal) {
        if (v >= 0) {
            plot_text(p->cr, at + 3.0, mid + 2.4, PLOT_LEFT, buf);
        }
        else {
            plot_text(p->cr, at - 3.0, mid + 2.4, PLOT_RIGHT, buf);
        }
    }
    else {
        plot_text(p->cr, mid, v >= 0 ? at - 3.0 : at + 8.0, PLOT_CENTER, buf);
    }
}
