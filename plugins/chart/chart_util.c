/* SPDX-License-Identifier: MIT */
/* What every chart kind shares: see chart_util.h. */
#include "chart_util.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "chart_fmt.h"
#include "chart_shaped.h"
#include "chart_shapes.h"
#include "chart_utf8.h"

#define LEGEND_ROW 13.0
#define LEGEND_BOX 7.5
#define LEGEND_LINE 16.0 /* a line series' key: a stroke with its marker */
#define LEGEND_GAP 14.0

/* Okabe & Ito, "Color Universal Design" (2008). */
static const uint32_t palette[] = {
    0x0072B2u, 0xE69F00u, 0x009E73u, 0xD55E00u, 0xCC79A7u, 0x56B4E9u, 0xF0E442u, 0x000000u,
};

uint32_t
chart_color(const struct chart_data *cd, size_t i)
{
    if (cd->palette != NULL) {
        return cd->palette[i % CHART_PALETTE_SIZE];
    }
    return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

int
chart_color_is_light(uint32_t rgb)
{
    double r = (double)((rgb >> 16) & 0xFFu);
    double g = (double)((rgb >> 8) & 0xFFu);
    double b = (double)(rgb & 0xFFu);
    return 0.299 * r + 0.587 * g + 0.114 * b > 150.0;
}

void
chart_rgb(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (double)((rgb >> 16) & 0xFFu) / 255.0,
                         (double)((rgb >> 8) & 0xFFu) / 255.0, (double)(rgb & 0xFFu) / 255.0);
}

static const cairo_user_data_key_t fonts_key;

static void
fallback_warn(const struct chart_fallback *fb, uint32_t cp, const char *reason, const char *fix)
{
    if (fb->warn != NULL) {
        fb->warn(fb->ud, cp, reason, fix);
    }
}

void
chart_fonts_attach(cairo_t *cr, struct chart_fonts *pf, const struct chart_fallback *fallback)
{
    memset(pf, 0, sizeof(*pf));
    pf->fallback = fallback;
    if (cairo_set_user_data(cr, &fonts_key, pf, NULL) != CAIRO_STATUS_SUCCESS) {
        pf->failed = 1; /* out of memory: the context is in error and says so */
    }
}

void
chart_fonts_release(struct chart_fonts *pf)
{
    for (size_t i = 0; i < 2; i++) {
        if (pf->face[i] != NULL) {
            cairo_font_face_destroy(pf->face[i]);
            pf->face[i] = NULL;
        }
    }
    chart_shaped_release(&pf->shaped);
}

void
chart_font(cairo_t *cr, double size, int bold)
{
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    struct chart_fonts *pf = cairo_get_user_data(cr, &fonts_key);
    if (pf != NULL) {
        pf->bold = bold;
    }
}

/* The fallback face of the current weight, made on first need; NULL when unusable. */
static cairo_font_face_t *
fallback_face(struct chart_fonts *pf, uint32_t cp)
{
    if (pf->face[pf->bold] != NULL) {
        return pf->face[pf->bold];
    }
    FILE *f = fopen(pf->fallback->path, "rb");
    if (f == NULL) {
        char reason[256];
        snprintf(reason, sizeof(reason), "cannot be read (%s)", strerror(errno));
        fallback_warn(pf->fallback, cp, reason, CHART_FALLBACK_FIX);
        pf->failed = 1;
        return NULL;
    }
    fclose(f);
    /* Droid has no bold: cairo emboldens the outlines (FC_EMBOLDEN). */
    pf->face[pf->bold] = chart_ft_face(pf->fallback->path, pf->bold);
    if (pf->face[pf->bold] == NULL) {
        pf->failed = 1;
    }
    return pf->face[pf->bold];
}

/* The fallback at the current size and weight (a reference), or NULL. */
static cairo_scaled_font_t *
fallback_font(cairo_t *cr, struct chart_fonts *pf, uint32_t cp)
{
    cairo_font_face_t *face = fallback_face(pf, cp);
    if (face == NULL) {
        return NULL;
    }
    /* Made apart from the context: a file cairo cannot load must not put it in error. */
    cairo_scaled_font_t *sf = chart_scaled_font(cr, face);
    if (sf == NULL) {
        /* cairo-ft reports a file FreeType cannot open as "out of memory". */
        fallback_warn(pf->fallback, cp, "cannot be loaded by cairo's FreeType backend",
                      CHART_FALLBACK_FIX);
        pf->failed = 1;
    }
    return sf;
}

/* Glyphs of @p len bytes of @p s in @p sf from (x, y); NULL on failure.  cairo_glyph_free(). */
static cairo_glyph_t *
glyphs_of(cairo_scaled_font_t *sf, double x, double y, const char *s, size_t len, int *n)
{
    cairo_glyph_t *g = NULL;
    *n = 0;
    if (cairo_scaled_font_text_to_glyphs(sf, x, y, s, (int)len, &g, n, NULL, NULL, NULL) !=
        CAIRO_STATUS_SUCCESS) {
        return NULL;
    }
    return g;
}

/* Advance of a run of one font; drawn from (x, y) too when @p draw. */
static double
run(cairo_t *cr, cairo_scaled_font_t *sf, int other, const char *s, size_t len, double x, double y,
    int draw)
{
    int n = 0;
    cairo_glyph_t *g = glyphs_of(sf, x, y, s, len, &n);
    if (g == NULL) {
        return 0.0;
    }
    cairo_text_extents_t e;
    cairo_scaled_font_glyph_extents(sf, g, n, &e);
    if (draw) {
        if (other) {
            cairo_save(cr);
            cairo_set_scaled_font(cr, sf);
        }
        cairo_show_glyphs(cr, g, n);
        if (other) {
            cairo_restore(cr);
        }
    }
    cairo_glyph_free(g);
    return e.x_advance;
}

/*
 * Measure, and draw from (x, y) when @p draw, a string with characters the
 * current font lacks, in runs of one font each.  Returns -1 when the string
 * has none (or the fallback cannot be used): the caller sets it whole, as
 * DejaVu alone would.
 */
static double
runs(cairo_t *cr, const char *s, double x, double y, int draw)
{
    struct chart_fonts *pf = cairo_get_user_data(cr, &fonts_key);
    size_t len = strlen(s);
    if (pf == NULL || pf->fallback == NULL || pf->failed || chart_utf8_ascii(s, len)) {
        return -1.0;
    }
    cairo_scaled_font_t *main_sf = cairo_scaled_font_reference(cairo_get_scaled_font(cr));
    int n = 0;
    cairo_glyph_t *g = glyphs_of(main_sf, 0.0, 0.0, s, len, &n);
    size_t missing = (size_t)n;
    for (int k = 0; g != NULL && k < n && missing == (size_t)n; k++) {
        missing = g[k].index == 0 ? (size_t)k : missing;
    }
    cairo_scaled_font_t *fb_sf = NULL;
    int fn = 0;
    cairo_glyph_t *fg = NULL;
    double advance = -1.0;
    if (missing < (size_t)n) {
        size_t at = 0;
        uint32_t cp = 0;
        for (size_t k = 0; k <= missing; k++) {
            cp = chart_utf8_next(s, len, &at);
        }
        fb_sf = fallback_font(cr, pf, cp);
        fg = fb_sf != NULL ? glyphs_of(fb_sf, 0.0, 0.0, s, len, &fn) : NULL;
    }
    if (fg != NULL && fn == n) {
        /* Code point k is glyph k: cairo maps characters to glyphs one to one. */
        advance = 0.0;
        size_t start = 0;
        size_t i = 0;
        int k = 0;
        while (start < len && k < n) {
            int other = g[k].index == 0 && fg[k].index != 0;
            size_t end = start;
            while (end < len && k < n && (g[k].index == 0 && fg[k].index != 0) == other) {
                uint32_t cp = chart_utf8_next(s, len, &i);
                if (g[k].index == 0 && fg[k].index == 0) {
                    fallback_warn(pf->fallback, cp, "has none either",
                                  "set --option fallback_font=FILE to a font that has it");
                }
                end = i;
                k++;
            }
            advance += run(cr, other ? fb_sf : main_sf, other, s + start, end - start, x + advance,
                           y, draw);
            start = end;
        }
    }
    cairo_glyph_free(fg);
    cairo_glyph_free(g);
    if (fb_sf != NULL) {
        cairo_scaled_font_destroy(fb_sf);
    }
    cairo_scaled_font_destroy(main_sf);
    return advance;
}

double
chart_text_w(cairo_t *cr, const char *s)
{
    struct chart_fonts *pf = cairo_get_user_data(cr, &fonts_key);
    double w = pf != NULL ? chart_shaped_width(cr, pf->fallback, pf->bold, s) : -1.0;
    if (w >= 0.0) {
        return w;
    }
    w = runs(cr, s, 0.0, 0.0, 0);
    if (w >= 0.0) {
        return w;
    }
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

void
chart_text(cairo_t *cr, double x, double y, enum chart_align align, const char *s)
{
    if (chart_labels_take(cr, x, y, align, s)) {
        return;
    }
    struct chart_fonts *pf = cairo_get_user_data(cr, &fonts_key);
    if (pf != NULL &&
        chart_shaped_show(cr, pf->fallback, pf->bold, &pf->shaped, x, y, align, s) == 0) {
        cairo_new_path(cr);
        return;
    }
    if (align != CHART_LEFT) {
        double w = chart_text_w(cr, s);
        x -= align == CHART_RIGHT ? w : w / 2.0;
    }
    if (runs(cr, s, x, y, 1) >= 0.0) {
        cairo_new_path(cr);
        return;
    }
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
    cairo_new_path(cr);
}

void
chart_fit(cairo_t *cr, const char *s, double maxw, char *out, size_t cap)
{
    static const char ellipsis[] = "\xE2\x80\xA6";
    size_t len = strlen(s);
    if (len < cap && chart_text_w(cr, s) <= maxw) {
        memcpy(out, s, len + 1);
        return;
    }
    double room = maxw - chart_text_w(cr, ellipsis);
    size_t keep = 0;
    size_t i = 0;
    while (i < len) {
        chart_utf8_next(s, len, &i);
        if (i + sizeof(ellipsis) > cap) {
            break;
        }
        memcpy(out, s, i);
        out[i] = '\0';
        if (chart_text_w(cr, out) > room) {
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

void
chart_nice(double lo, double hi, int target, struct chart_ticks *t)
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
} units[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}};

int
chart_tick_count(const struct chart_ticks *t)
{
    double n = floor((t->hi - t->lo) / t->step + 0.5) + 1.0;
    if (!(n >= 2.0)) {
        return 2;
    }
    return n > 50.0 ? 50 : (int)n;
}

/* Decimals needed to tell ticks @p step apart. */
static int
step_decimals(double step)
{
    if (step >= 1.0) {
        return 0;
    }
    int d = (int)ceil(-log10(step) - 1e-9);
    return d > 6 ? 6 : d;
}

void
chart_tick_label(const struct or_host *h, double v, const struct chart_ticks *t, enum or_format fmt,
                 char *buf, size_t n)
{
    char num[CHART_FMT_BUFSIZE];
    double mag = fmax(fabs(t->lo), fabs(t->hi));

    if (fabs(v) < t->step * 1e-9) {
        v = 0.0;
    }
    if (fmt == OR_FMT_PERCENT) {
        chart_fmt_grouped(h, num, sizeof(num), v * 100.0, step_decimals(t->step * 100.0));
        snprintf(buf, n, "%s %%", num);
        return;
    }
    if (fmt == OR_FMT_DURATION) {
        chart_fmt_duration(h, buf, n, v);
        return;
    }
    if (mag >= 1e15) {
        snprintf(buf, n, "%.1e", v);
        return;
    }
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        if (mag >= units[u].scale) {
            chart_fmt_grouped(h, num, sizeof(num), v / units[u].scale,
                              step_decimals(t->step / units[u].scale));
            snprintf(buf, n, "%s%s", num, units[u].suffix);
            return;
        }
    }
    chart_fmt_grouped(h, buf, n, v, step_decimals(t->step));
}

void
chart_value_label(const struct or_host *h, double v, enum or_format fmt, int compact, char *buf,
                  size_t n)
{
    char num[CHART_FMT_BUFSIZE];
    if (!compact || fmt == OR_FMT_PERCENT || fmt == OR_FMT_DURATION) {
        chart_fmt_number(h, buf, n, fmt, v);
        return;
    }
    double a = fabs(v);
    if (a >= 1e15) {
        snprintf(buf, n, "%.1e", v);
        return;
    }
    for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        if (a >= units[u].scale) {
            chart_fmt_grouped(h, num, sizeof(num), v / units[u].scale,
                              a >= units[u].scale * 100 ? 0 : 1);
            snprintf(buf, n, "%s%s", num, units[u].suffix);
            return;
        }
    }
    if (a >= 1e3) {
        chart_fmt_grouped(h, num, sizeof(num), v / 1e3, a >= 1e5 ? 0 : 1);
        snprintf(buf, n, "%sk", num);
    }
    else {
        chart_fmt_grouped(h, buf, n, v, fabs(v - nearbyint(v)) < 1e-9 ? 0 : 1);
    }
}

/* Nonzero when series @p s is drawn as a line (a line or trend chart, a combo's lines). */
static int
legend_is_line(const struct chart_data *cd, size_t s)
{
    switch (cd->kind) {
    case OR_CHART_LINE:
    case OR_CHART_TREND: return 1;
    case OR_CHART_STACKED_AREA: return 0;
    default: return s + cd->nlines >= cd->nseries;
    }
}

/* The key of series @p s at (@p x, @p y): a swatch, or a stroke with its marker. */
static void
legend_key(cairo_t *cr, const struct chart_data *cd, size_t s, double x, double y)
{
    uint32_t c = chart_color(cd, s);
    double mid = y + 2.0 + LEGEND_BOX / 2.0;
    if (!legend_is_line(cd, s)) {
        chart_rgb(cr, c);
        cairo_rectangle(cr, x, y + 2.0, LEGEND_BOX, LEGEND_BOX);
        chart_fill(cr);
        return;
    }
    chart_rgb(cr, c);
    cairo_set_line_width(cr, 1.8);
    cairo_move_to(cr, x, mid);
    cairo_line_to(cr, x + LEGEND_LINE, mid);
    chart_stroke(cr);
    cairo_arc(cr, x + LEGEND_LINE / 2.0, mid, 2.6, 0.0, 2.0 * M_PI);
    chart_rgb(cr, 0xFFFFFFu);
    chart_fill_preserve(cr);
    chart_rgb(cr, c);
    cairo_set_line_width(cr, 1.4);
    chart_stroke(cr);
}

static double
legend_layout(cairo_t *cr, const struct chart_data *cd, double x, double y, double w, int draw)
{
    char name[256];
    double cx = x;
    double cy = y;
    double item_max = w * 0.5;

    chart_font(cr, CHART_SIZE_LEGEND, 0);
    for (size_t s = 0; s < cd->nseries; s++) {
        chart_fit(cr, cd->series[s], item_max, name, sizeof(name));
        double key = legend_is_line(cd, s) ? LEGEND_LINE : LEGEND_BOX;
        double iw = key + 5.0 + chart_text_w(cr, name);
        if (cx > x && cx + iw > x + w) {
            cx = x;
            cy += LEGEND_ROW;
        }
        if (draw) {
            legend_key(cr, cd, s, cx, cy);
            chart_rgb(cr, CHART_C_TEXT);
            chart_text(cr, cx + key + 5.0, cy + 2.0 + LEGEND_BOX - 0.6, CHART_LEFT, name);
        }
        cx += iw + LEGEND_GAP;
    }
    return cy - y + LEGEND_ROW;
}

double
chart_legend(cairo_t *cr, const struct chart_data *cd, double x, double y, double w)
{
    return legend_layout(cr, cd, x, y, w, 1);
}

double
chart_legend_height(cairo_t *cr, const struct chart_data *cd, double w)
{
    return legend_layout(cr, cd, 0.0, 0.0, w, 0);
}
