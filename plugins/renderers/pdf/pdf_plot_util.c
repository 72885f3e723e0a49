/* SPDX-License-Identifier: MIT */
/* What every chart kind shares: see pdf_plot_util.h. */
#include "pdf_plot_util.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pdf_format.h"
#include "pdf_utf8.h"

#define LEGEND_ROW 13.0
#define LEGEND_BOX 7.5
#define LEGEND_GAP 14.0

/* Okabe & Ito, "Color Universal Design" (2008). */
static const uint32_t palette[] = {
    0x0072B2u, 0xE69F00u, 0x009E73u, 0xD55E00u, 0xCC79A7u, 0x56B4E9u, 0xF0E442u, 0x000000u,
};

uint32_t plot_color(size_t i)
{
    return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

int plot_color_is_light(uint32_t rgb)
{
    double r = (double)((rgb >> 16) & 0xFFu);
    double g = (double)((rgb >> 8) & 0xFFu);
    double b = (double)(rgb & 0xFFu);
    return 0.299 * r + 0.587 * g + 0.114 * b > 150.0;
}

void plot_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (double)((rgb >> 16) & 0xFFu) / 255.0,
                         (double)((rgb >> 8) & 0xFFu) / 255.0, (double)(rgb & 0xFFu) / 255.0);
}

void plot_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

double plot_text_w(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void plot_text(cairo_t *cr, double x, double y, enum plot_align align, const char *s)
{
    if (align != PLOT_LEFT) {
        double w = plot_text_w(cr, s);
        x -= align == PLOT_RIGHT ? w : w / 2.0;
    }
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
    cairo_new_path(cr);
}

void plot_fit(cairo_t *cr, const char *s, double maxw, char *out, size_t cap)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = strlen(s);
    if (len < cap && plot_text_w(cr, s) <= maxw) {
        memcpy(out, s, len + 1);
        return;
    }
    double room = maxw - plot_text_w(cr, ellipsis);
    size_t keep = 0;
    size_t i = 0;
    while (i < len) {
        pdf_utf8_next(s, len, &i);
        if (i + sizeof(ellipsis) > cap) {
            break;
        }
        memcpy(out, s, i);
        out[i] = '\0';
        if (plot_text_w(cr, out) > room) {
            break;
        }
        keep = i;
    }
    while (keep > 0 && s[keep - 1] == ' ') {
        keep--;
    }
    memcpy(out, s, keep);
    memcpy(out + keep, ellipsis, sizeof(ellipsis));
}

void plot_nice(double lo, double hi, int target, struct plot_ticks *t)
{
    lo = isfinite(lo) ? fmax(fmin(lo, 1e300), -1e300) : 0.0;
    hi = isfinite(hi) ? fmax(fmin(hi, 1e300), -1e300) : 0.0;
    if (!(hi > lo)) {
        hi = lo + 1.0;
    }
    double raw = (hi - lo) / (double)target;
    double mag = pow(10.0, floor(log10(raw)));
    double norm = raw / mag;
    double step = norm <= 1.0 ? 1.0 : (norm <= 2.0 ? 2.0 : (norm <= 5.0 ? 5.0 : 10.0));
    t->step = step * mag;
    t->lo = floor(lo / t->step + 1e-9) * t->step;
    t->hi = ceil(hi / t->step - 1e-9) * t->step;
    if (!(t->hi > t->lo)) {
        t->hi = t->lo + t->step;
    }
}

/* Axis units from the largest down: 2,500,000 reads "2.5M". */
static const struct {
    double scale;
    const char *suffix;
} units[] = { { 1e12, "T" }, { 1e9, "B" }, { 1e6, "M" } };

int plot_tick_count(const struct plot_ticks *t)
{
    double n = floor((t->hi - t->lo) / t->step + 0.5) + 1.0;
    if (!(n >= 2.0)) {
        return 2;
    }
    return n > 50.0 ? 50 : (int)n;
}

/* Decimals needed to tell ticks @p step apart. */
static int step_decimals(double step)
{
    if (step >= 1.0) {
        return 0;
    }
    int d = (int)ceil(-log10(step) - 1e-9);
    return d > 6 ? 6 : d;
}

void plot_tick_label(double v, const struct plot_ticks *t, enum or_format fmt, char *buf,
                     size_t n)
{
    char num[PDF_FMT_BUFSIZE];
    double mag = fmax(fabs(t->lo), fabs(t->hi));

    if (fabs(v) < t->step * 1e-9) {
        v = 0.0;
    }
    if (fmt == OR_FMT_PERCENT) {
        pdf_fmt_grouped(num, sizeof(num), v * 100.0, step_decimals(t->step * 100.0));
        snprintf(buf, n, "%s %%", num);
        return;
    }
    if (fmt == OR_FMT_DURATION) {
        pdf_fmt_duration(buf, n, v);
        return;
    }
    if (mag >= 1e15) {
        snprintf(buf, n, "%.1e", v);
        return;
    }
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        if (mag >= units[u].scale) {
            pdf_fmt_grouped(num, sizeof(num), v / units[u].scale,
                            step_decimals(t->step / units[u].scale));
            snprintf(buf, n, "%s%s", num, units[u].suffix);
            return;
        }
    }
    pdf_fmt_grouped(buf, n, v, step_decimals(t->step));
}

void plot_value_label(double v, enum or_format fmt, int compact, char *buf, size_t n)
{
    char num[PDF_FMT_BUFSIZE];
    if (!compact || fmt == OR_FMT_PERCENT || fmt == OR_FMT_DURATION) {
        pdf_fmt_number(buf, n, fmt, v);
        return;
    }
    double a = fabs(v);
    if (a >= 1e15) {
        snprintf(buf, n, "%.1e", v);
        return;
    }
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        if (a >= units[u].scale) {
            pdf_fmt_grouped(num, sizeof(num), v / units[u].scale,
                            a >= units[u].scale * 100 ? 0 : 1);
            snprintf(buf, n, "%s%s", num, units[u].suffix);
            return;
        }
    }
    if (a >= 1e3) {
        pdf_fmt_grouped(num, sizeof(num), v / 1e3, a >= 1e5 ? 0 : 1);
        snprintf(buf, n, "%sk", num);
    }
    else {
        pdf_fmt_grouped(buf, n, v, fabs(v - nearbyint(v)) < 1e-9 ? 0 : 1);
    }
}

static double legend_layout(cairo_t *cr, const struct pdf_chart_data *cd, double x, double y,
                            double w, int draw)
{
    char name[256];
    double cx = x;
    double cy = y;
    double item_max = w * 0.5;

    plot_font(cr, PLOT_SIZE_LEGEND, 0);
    for (size_t s = 0; s < cd->nseries; s++) {
        plot_fit(cr, cd->series[s], item_max, name, sizeof(name));
        double iw = LEGEND_BOX + 5.0 + plot_text_w(cr, name);
        if (cx > x && cx + iw > x + w) {
            cx = x;
            cy += LEGEND_ROW;
        }
        if (draw) {
            plot_rgb(cr, plot_color(s));
            cairo_rectangle(cr, cx, cy + 2.0, LEGEND_BOX, LEGEND_BOX);
            cairo_fill(cr);
            plot_rgb(cr, PLOT_C_TEXT);
            plot_text(cr, cx + LEGEND_BOX + 5.0, cy + 2.0 + LEGEND_BOX - 0.6, PLOT_LEFT, name);
        }
        cx += iw + LEGEND_GAP;
    }
    return cy - y + LEGEND_ROW;
}

double plot_legend(cairo_t *cr, const struct pdf_chart_data *cd, double x, double y, double w)
{
    return legend_layout(cr, cd, x, y, w, 1);
}

double plot_legend_height(cairo_t *cr, const struct pdf_chart_data *cd, double w)
{
    return legend_layout(cr, cd, 0.0, 0.0, w, 0);
}
