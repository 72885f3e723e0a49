/* SPDX-License-Identifier: MIT */
/* Colours the renderers share: see orr_style.h. */
#include "orr_style.h"

#include <math.h>
#include <string.h>

static void
to_hsl(uint32_t rgb, double *h, double *s, double *l)
{
    double r = ((rgb >> 16) & 0xFF) / 255.0;
    double g = ((rgb >> 8) & 0xFF) / 255.0;
    double b = (rgb & 0xFF) / 255.0;
    double mx = fmax(r, fmax(g, b));
    double mn = fmin(r, fmin(g, b));
    double d = mx - mn;
    *l = (mx + mn) / 2.0;
    *h = 0.0;
    *s = 0.0;
    if (d <= 1e-9) {
        return;
    }
    *s = d / (1.0 - fabs(2.0 * *l - 1.0));
    if (mx == r) {
        *h = 60.0 * fmod((g - b) / d, 6.0);
    }
    else if (mx == g) {
        *h = 60.0 * ((b - r) / d + 2.0);
    }
    else {
        *h = 60.0 * ((r - g) / d + 4.0);
    }
    if (*h < 0) {
        *h += 360.0;
    }
}

static uint32_t
from_hsl(double h, double s, double l)
{
    double c = (1.0 - fabs(2.0 * l - 1.0)) * s;
    double hp = fmod(h, 360.0) / 60.0;
    double x = c * (1.0 - fabs(fmod(hp, 2.0) - 1.0));
    double rgb[3] = {0, 0, 0};
    int sector = (int)hp;
    static const int order[6][3] = {{0, 1, 2}, {1, 0, 2}, {2, 0, 1},
                                    {2, 1, 0}, {1, 2, 0}, {0, 2, 1}};
    /* order[k]: which of (c, x, 0) each of r, g, b takes in sector k */
    const double vals[3] = {c, x, 0.0};
    for (int i = 0; i < 3; i++) {
        rgb[i] = vals[order[sector % 6][i]];
    }
    double m = l - c / 2.0;
    uint32_t out = 0;
    for (int i = 0; i < 3; i++) {
        long v = lround((rgb[i] + m) * 255.0);
        out = out << 8 | (uint32_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
    return out;
}

void
orr_palette(uint32_t accent, uint32_t out[ORR_PALETTE_SIZE])
{
    /* hue steps from the accent, the most distinct first */
    static const double step[ORR_PALETTE_SIZE - 1] = {180, 90, 270, 45, 225, 135, 315};
    double h, s, l;
    to_hsl(accent & 0xFFFFFFu, &h, &s, &l);
    double ls = fmin(fmax(l, 0.35), 0.60);
    double ss = s < 0.35 ? 0.55 : s; /* a grey accent still gives a palette of colours */
    out[0] = accent & 0xFFFFFFu;
    for (int i = 0; i < ORR_PALETTE_SIZE - 1; i++) {
        out[i + 1] = from_hsl(h + step[i], ss, ls + (i % 2 == 0 ? 0.0 : 0.08));
    }
}

double
orr_cond_number(const struct or_value *v)
{
    if (v->is_null) {
        return NAN;
    }
    switch (v->type) {
    case OR_TYPE_INT:
    case OR_TYPE_BOOL: return (double)v->i;
    case OR_TYPE_REAL: return v->r;
    default: return NAN;
    }
}

int
orr_cond_test(const struct or_cond_test *t, double v)
{
    if (t == NULL || !t->set || !isfinite(v)) {
        return 0;
    }
    switch (t->op) {
    case OR_COND_GE: return v >= t->operand;
    case OR_COND_GT: return v > t->operand;
    case OR_COND_LE: return v <= t->operand;
    case OR_COND_LT: return v < t->operand;
    case OR_COND_EQ: return v == t->operand;
    case OR_COND_NE: return v != t->operand;
    default: return 0;
    }
}

uint32_t
orr_mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    t = fmin(fmax(t, 0.0), 1.0);
    for (int shift = 16; shift >= 0; shift -= 8) {
        double ca = (a >> shift) & 0xFF;
        double cb = (b >> shift) & 0xFF;
        out |= (uint32_t)lround(ca + (cb - ca) * t) << shift;
    }
    return out;
}

void
orr_cond_look(const struct or_cond *c, double v, struct orr_cond_look *out)
{
    memset(out, 0, sizeof(*out));
    if (c == NULL || !isfinite(v)) {
        return;
    }
    double span = c->has_range ? c->max - c->min : 0.0;
    switch (c->kind) {
    case OR_COND_THRESHOLD:
        if (orr_cond_test(&c->good, v)) {
            *out = (struct orr_cond_look){1, ORR_GOOD_FILL, 1, ORR_GOOD_TEXT, 0.0, 0};
        }
        else if (orr_cond_test(&c->bad, v)) {
            *out = (struct orr_cond_look){1, ORR_BAD_FILL, 1, ORR_BAD_TEXT, 0.0, 0};
        }
        break;
    case OR_COND_SCALE:
        if (c->has_range) {
            double t = span > 0 ? (v - c->min) / span : 0.5;
            out->filled = 1;
            out->fill = orr_mix(c->low_color, c->high_color, t);
        }
        break;
    case OR_COND_BARS:
        if (c->has_range) {
            /* Excel's bars grow from the smaller of zero and the minimum. */
            double lo = fmin(c->min, 0.0);
            double t = c->max - lo > 0 ? (v - lo) / (c->max - lo) : 0.0;
            out->bar = fmin(fmax(t, 0.0), 1.0);
            out->bar_rgb = orr_mix(c->high_color, 0xFFFFFFu, 0.45); /* light: text stays legible */
        }
        break;
    default: break;
    }
}
