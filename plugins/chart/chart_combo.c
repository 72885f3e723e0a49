/* SPDX-License-Identifier: MIT */
/* The lines' own axis of a combo chart: see chart_combo.h. */
#include "chart_combo.h"

#include <math.h>

#include "chart_util.h"

#define TICK_GAP 6.0
#define TITLE_ROOM 14.0
#define LABEL_CAP 256

void
chart_combo_ticks(struct chart_xy *p)
{
    const struct chart_data *cd = p->cd;
    double lo = 0.0;
    double hi = 0.0;
    if (!p->secondary) {
        return;
    }
    for (size_t s = p->nbars; s < cd->nseries; s++) {
        for (size_t c = 0; c < cd->ncat; c++) {
            if (!chart_missing(cd, s, c)) {
                lo = fmin(lo, chart_value(cd, s, c));
                hi = fmax(hi, chart_value(cd, s, c));
            }
        }
    }
    chart_nice(lo, hi, 5, &p->ticks2);
}

/* The axis' colour: the line's when it is the only one, else the labels'. */
static uint32_t
axis_color(const struct chart_xy *p)
{
    return p->cd->nseries - p->nbars == 1 ? chart_color(p->cd, p->nbars) : CHART_C_MUTED;
}

double
chart_combo_room(const struct chart_xy *p)
{
    char buf[CHART_VALUE_CAP];
    double w = 0.0;
    if (!p->secondary) {
        return 0.0;
    }
    chart_font(p->cr, CHART_SIZE_TICK, 0);
    for (int i = 0; i < chart_tick_count(&p->ticks2); i++) {
        double v = p->ticks2.lo + p->ticks2.step * (double)i;
        chart_tick_label(p->cd->h, v, &p->ticks2, p->cd->format[p->nbars], buf, sizeof(buf));
        w = fmax(w, chart_text_w(p->cr, buf));
    }
    return w + TICK_GAP + (p->cd->y2_label != NULL ? TITLE_ROOM : 0.0);
}

void
chart_combo_axis(const struct chart_xy *p, double h)
{
    cairo_t *cr = p->cr;
    char buf[LABEL_CAP];
    if (!p->secondary) {
        return;
    }
    struct chart_xy own = *p;
    own.ticks = p->ticks2;
    chart_font(cr, CHART_SIZE_TICK, 0);
    chart_rgb(cr, axis_color(p));
    double widest = 0.0;
    for (int i = 0; i < chart_tick_count(&p->ticks2); i++) {
        double v = p->ticks2.lo + p->ticks2.step * (double)i;
        chart_tick_label(p->cd->h, v, &p->ticks2, p->cd->format[p->nbars], buf, sizeof(buf));
        widest = fmax(widest, chart_text_w(cr, buf));
        chart_text(cr, p->r + TICK_GAP, chart_xy_vpos(&own, v) + 2.5, CHART_LEFT, buf);
    }
    if (p->cd->y2_label != NULL) {
        chart_font(cr, CHART_SIZE_TICK + 0.5, 1);
        chart_fit(cr, p->cd->y2_label, p->b - p->t, buf, sizeof(buf));
        cairo_save(cr);
        cairo_translate(cr, p->r + TICK_GAP + widest + 9.0, (p->t + p->b) / 2.0);
        cairo_rotate(cr, M_PI / 2.0);
        chart_text(cr, 0.0, 0.0, CHART_CENTER, buf);
        cairo_restore(cr);
    }
    (void)h;
}
