/* SPDX-License-Identifier: MIT */
/* Where values and categories fall on a cartesian plot: see chart_xy_map.h. */
#include "chart_xy_map.h"

#include <math.h>

double
chart_xy_vpos(const struct chart_xy *p, double v)
{
    /* Values beyond the axis (only possible for absurd magnitudes) stop at its end. */
    double f = fmin(fmax((v - p->ticks.lo) / (p->ticks.hi - p->ticks.lo), -0.02), 1.02);
    return p->horizontal ? p->l + f * (p->r - p->l) : p->b - f * (p->b - p->t);
}

double
chart_xy_vpos_of(const struct chart_xy *p, size_t s, double v)
{
    if (!p->secondary || s < p->nbars) {
        return chart_xy_vpos(p, v);
    }
    struct chart_xy own = *p;
    own.ticks = p->ticks2;
    return chart_xy_vpos(&own, v);
}

double
chart_xy_band(const struct chart_xy *p)
{
    double len = p->horizontal ? p->b - p->t : p->r - p->l;
    return len / (double)p->cd->ncat;
}

double
chart_xy_cpos(const struct chart_xy *p, size_t c)
{
    return (p->horizontal ? p->t : p->l) + chart_xy_band(p) * (double)c;
}

void
chart_xy_end_label(const struct chart_xy *p, double mid, double v, enum or_format fmt, int bold)
{
    char buf[CHART_VALUE_CAP];
    chart_value_label(p->cd->h, v, fmt, p->value_labels == 2, buf, sizeof(buf));
    chart_font(p->cr, CHART_SIZE_VALUE, bold);
    chart_rgb(p->cr, CHART_C_TEXT);
    double at = chart_xy_vpos(p, v);
    if (p->horizontal) {
        if (v >= 0) {
            chart_text(p->cr, at + 3.0, mid + 2.4, CHART_LEFT, buf);
        }
        else {
            chart_text(p->cr, at - 3.0, mid + 2.4, CHART_RIGHT, buf);
        }
    }
    else {
        chart_text(p->cr, mid, v >= 0 ? at - 3.0 : at + 8.0, CHART_CENTER, buf);
    }
}
