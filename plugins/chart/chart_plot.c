/* SPDX-License-Identifier: MIT */
/* Draw a chart with cairo as shapes and labels, a PNG or an SVG: see chart_plot.h. */
#include "chart_plot.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-svg.h>
#include <cairo.h>

#include "chart_donut.h"
#include "chart_funnel.h"
#include "chart_heatmap.h"
#include "chart_labels.h"
#include "chart_shapes.h"
#include "chart_svg_text.h"
#include "chart_util.h"
#include "chart_xy.h"

/* Cairo keeps image dimensions below 32767 pixels. */
#define MAX_PIXELS 32000

static void
set_font_options(cairo_t *cr)
{
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_set_font_options(cr, fo);
    cairo_font_options_destroy(fo);
}

static void
draw(cairo_t *cr, const struct chart_data *cd, double w, double h)
{
    switch (cd->kind) {
    case OR_CHART_DONUT: chart_donut(cr, cd, w, h); break;
    case OR_CHART_FUNNEL: chart_funnel(cr, cd, w, h); break;
    case OR_CHART_HEATMAP: chart_heatmap(cr, cd, w, h); break;
    default: chart_xy(cr, cd, w, h); break;
    }
}

/*
 * Draw @p cd on @p s, @p scale device units per point, on white, and drop
 * the caller's reference to @p s.  A vector surface is finished first, so
 * its stream is complete; an image surface stays readable through another
 * reference the caller holds.
 */
static or_status
paint(cairo_surface_t *s, double scale, const struct chart_data *cd, double w, double h,
      const struct chart_fallback *fallback, struct chart_labels *labels,
      struct chart_shapes *shapes, char *msg, size_t msglen)
{
    struct chart_fonts fonts;
    memset(&fonts, 0, sizeof(fonts));
    cairo_t *cr = cairo_create(s);
    cairo_status_t cst = cairo_status(cr);
    if (cst == CAIRO_STATUS_SUCCESS) {
        cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        set_font_options(cr);
        chart_fonts_attach(cr, &fonts, fallback);
        if (labels != NULL && chart_labels_attach(cr, labels, scale) != 0) {
            labels->nomem = 1;
        }
        if (shapes != NULL && chart_shapes_attach(cr, shapes) != 0) {
            shapes->nomem = 1;
        }
        draw(cr, cd, w, h);
        cst = cairo_status(cr);
    }
    cairo_destroy(cr);
    chart_fonts_release(&fonts);
    if (cst == CAIRO_STATUS_SUCCESS &&
        ((labels != NULL && labels->nomem) || (shapes != NULL && shapes->nomem))) {
        cst = CAIRO_STATUS_NO_MEMORY;
    }
    cairo_surface_flush(s);
    if (cst == CAIRO_STATUS_SUCCESS && cairo_surface_get_type(s) != CAIRO_SURFACE_TYPE_IMAGE) {
        cairo_surface_finish(s);
        cst = cairo_surface_status(s);
    }
    cairo_surface_destroy(s);
    if (cst != CAIRO_STATUS_SUCCESS) {
        snprintf(msg, msglen, "cairo: %s", cairo_status_to_string(cst));
        return cst == CAIRO_STATUS_NO_MEMORY ? OR_ERR_NOMEM : OR_ERR_RENDER;
    }
    return OR_OK;
}

/* An image surface of @p w x @p h points at @p dpi, or NULL with @p msg saying why. */
static cairo_surface_t *
image_surface(double w, double h, double dpi, char *msg, size_t msglen)
{
    double scale = dpi / 72.0;
    int pw = (int)ceil(w * scale);
    int ph = (int)ceil(h * scale);
    if (pw <= 0 || ph <= 0 || pw > MAX_PIXELS || ph > MAX_PIXELS) {
        snprintf(msg, msglen, "chart of %.0f x %.0f points is too large", w, h);
        return NULL;
    }
    return cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
}

/* Draw onto a fresh image surface; *@p out receives it on OR_OK. */
static or_status
draw_image(const struct chart_data *cd, double w, double h, double dpi,
           const struct chart_fallback *fallback, cairo_surface_t **out, char *msg, size_t msglen)
{
    *out = NULL;
    cairo_surface_t *s = image_surface(w, h, dpi, msg, msglen);
    if (s == NULL) {
        return OR_ERR_RENDER;
    }
    /* The image must outlive finishing: keep a reference to read it. */
    cairo_surface_t *img = cairo_surface_reference(s);
    or_status st = paint(s, dpi / 72.0, cd, w, h, fallback, NULL, NULL, msg, msglen);
    if (st != OR_OK) {
        cairo_surface_destroy(img);
        return st;
    }
    *out = img;
    return OR_OK;
}

or_status
chart_vector(const struct chart_data *cd, double w, double h, const struct chart_fallback *fallback,
             struct chart_shapes *shapes, struct chart_labels *labels, char *msg, size_t msglen)
{
    /* Nothing is painted on it: the shapes and labels go to the collectors. */
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1, 1);
    return paint(s, 1.0, cd, w, h, fallback, labels, shapes, msg, msglen);
}

void
chart_bytes_free(struct chart_bytes *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

int
chart_bytes_append(struct chart_bytes *b, const void *data, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap > 0 ? b->cap : 4096;
        while (cap < b->len + n + 1) {
            cap *= 2;
        }
        unsigned char *p = realloc(b->data, cap);
        if (p == NULL) {
            return -1;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = '\0'; /* an SVG reads as a C string */
    return 0;
}

static cairo_status_t
to_bytes(void *closure, const unsigned char *data, unsigned int length)
{
    return chart_bytes_append(closure, data, length) == 0 ? CAIRO_STATUS_SUCCESS
                                                          : CAIRO_STATUS_NO_MEMORY;
}

or_status
chart_png(const struct chart_data *cd, double w, double h, double dpi,
          const struct chart_fallback *fallback, struct chart_bytes *out, char *msg, size_t msglen)
{
    cairo_surface_t *img = NULL;
    memset(out, 0, sizeof(*out));
    or_status st = draw_image(cd, w, h, dpi, fallback, &img, msg, msglen);
    if (st != OR_OK) {
        return st;
    }
    cairo_status_t cst = cairo_surface_write_to_png_stream(img, to_bytes, out);
    cairo_surface_destroy(img);
    if (cst != CAIRO_STATUS_SUCCESS) {
        chart_bytes_free(out);
        snprintf(msg, msglen, "cairo: %s", cairo_status_to_string(cst));
        return cst == CAIRO_STATUS_NO_MEMORY ? OR_ERR_NOMEM : OR_ERR_RENDER;
    }
    return OR_OK;
}

static int
append(void *out, const void *data, size_t n)
{
    return chart_bytes_append(out, data, n);
}

/*
 * @p doc, cairo's SVG of a chart without text, with @p labels as SVG text
 * before its closing tag, into @p out.
 */
static or_status
svg_with_text(const struct chart_bytes *doc, const struct chart_labels *labels,
              const struct chart_fallback *fallback, struct chart_bytes *out, char *msg,
              size_t msglen)
{
    const char *end = NULL;
    for (const char *p = strstr((const char *)doc->data, "</svg>"); p != NULL;
         p = strstr(p + 1, "</svg>")) {
        end = p;
    }
    if (end == NULL) {
        snprintf(msg, msglen, "cairo's SVG has no closing </svg>");
        return OR_ERR_RENDER;
    }
    size_t head = (size_t)(end - (const char *)doc->data);
    if (chart_bytes_append(out, doc->data, head) != 0 ||
        chart_svg_text(append, out, labels, fallback) != 0 ||
        chart_bytes_append(out, end, doc->len - head) != 0) {
        snprintf(msg, msglen, "out of memory for the text of an SVG chart");
        return OR_ERR_NOMEM;
    }
    return OR_OK;
}

or_status
chart_svg(const struct chart_data *cd, double w, double h, const struct chart_fallback *fallback,
          struct chart_bytes *out, char *msg, size_t msglen)
{
    struct chart_bytes doc;
    struct chart_labels labels;
    memset(out, 0, sizeof(*out));
    memset(&doc, 0, sizeof(doc));
    memset(&labels, 0, sizeof(labels));
    /* The text is not drawn as glyph outlines: it is collected and written as SVG text. */
    cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_bytes, &doc, w, h);
    or_status st = paint(s, 1.0, cd, w, h, fallback, &labels, NULL, msg, msglen);
    if (st == OR_OK && doc.data == NULL) {
        snprintf(msg, msglen, "cairo wrote no SVG");
        st = OR_ERR_RENDER;
    }
    if (st == OR_OK) {
        st = svg_with_text(&doc, &labels, fallback, out, msg, msglen);
    }
    if (st != OR_OK) {
        chart_bytes_free(out);
    }
    chart_labels_free(&labels);
    chart_bytes_free(&doc);
    return st;
}

double
chart_height(const struct chart_data *cd, int tall)
{
    double n = (double)(cd->ncat > 0 ? cd->ncat : 1);
    double h;
    switch (cd->kind) {
    case OR_CHART_DONUT: return 190.0;
    case OR_CHART_HEATMAP: return chart_heatmap_height(cd);
    case OR_CHART_FUNNEL: h = 12.0 + n * 30.0; return h < 100.0 ? 100.0 : h;
    case OR_CHART_LINE:
    case OR_CHART_TREND:
    case OR_CHART_STACKED_AREA:
    case OR_CHART_COMBO: return tall ? 250.0 : 235.0;
    default: break;
    }
    if (!cd->horizontal) {
        return tall ? 250.0 : 235.0;
    }
    int grouped = cd->kind == OR_CHART_GROUPED_BAR || (cd->kind == OR_CHART_BAR && cd->nseries > 1);
    double per = grouped ? 7.0 * (double)cd->nseries + 8.0 : 19.0;
    h = 30.0 + n * per + (cd->nseries > 1 ? 18.0 : 0.0) + (cd->y_label != NULL ? 14.0 : 0.0);
    return h < 110.0 ? 110.0 : h;
}
