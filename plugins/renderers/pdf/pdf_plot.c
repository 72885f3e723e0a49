/* SPDX-License-Identifier: MIT */
/* Draw a chart with cairo into an RGB raster: see pdf_plot.h. */
#include "pdf_plot.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "pdf_plot_donut.h"
#include "pdf_plot_funnel.h"
#include "pdf_plot_util.h"
#include "pdf_plot_xy.h"

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
draw(cairo_t *cr, const struct pdf_chart_data *cd, double w, double h)
{
    switch (cd->kind) {
    case OR_CHART_DONUT: plot_donut(cr, cd, w, h); break;
    case OR_CHART_FUNNEL: plot_funnel(cr, cd, w, h); break;
    default: plot_xy(cr, cd, w, h); break;
    }
}

/* Unpack cairo's native-endian 0xXXRRGGBB words into RGB bytes. */
static unsigned char *
to_rgb(cairo_surface_t *s, int pw, int ph)
{
    unsigned char *rgb = malloc((size_t)pw * (size_t)ph * 3u);
    if (rgb == NULL) {
        return NULL;
    }
    const unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    unsigned char *o = rgb;
    for (int y = 0; y < ph; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < pw; x++) {
            uint32_t px = row[x];
            *o++ = (unsigned char)((px >> 16) & 0xFFu);
            *o++ = (unsigned char)((px >> 8) & 0xFFu);
            *o++ = (unsigned char)(px & 0xFFu);
        }
    }
    return rgb;
}

or_status
pdf_plot_raster(const struct pdf_chart_data *cd, double w, double h, double dpi,
                struct pdf_fallback *fallback, struct pdf_raster *out, char *msg, size_t msglen)
{
    struct plot_fonts fonts;
    double scale = dpi / 72.0;
    int pw = (int)ceil(w * scale);
    int ph = (int)ceil(h * scale);
    or_status st = OR_OK;

    out->rgb = NULL;
    out->width = 0;
    out->height = 0;
    if (pw <= 0 || ph <= 0 || pw > MAX_PIXELS || ph > MAX_PIXELS) {
        snprintf(msg, msglen, "chart of %.0f x %.0f points is too large", w, h);
        return OR_ERR_RENDER;
    }
    memset(&fonts, 0, sizeof(fonts));
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
    cairo_t *cr = cairo_create(s);
    cairo_status_t cst = cairo_status(cr);
    if (cst == CAIRO_STATUS_SUCCESS) {
        cairo_set_source_rgb(cr, 1.0, 1.0, 1.0);
        cairo_paint(cr);
        cairo_scale(cr, scale, scale);
        set_font_options(cr);
        plot_fonts_attach(cr, &fonts, fallback);
        draw(cr, cd, w, h);
        cst = cairo_status(cr);
    }
    if (cst != CAIRO_STATUS_SUCCESS) {
        snprintf(msg, msglen, "cairo: %s", cairo_status_to_string(cst));
        st = cst == CAIRO_STATUS_NO_MEMORY ? OR_ERR_NOMEM : OR_ERR_RENDER;
    }
    else {
        cairo_surface_flush(s);
        out->rgb = to_rgb(s, pw, ph);
        if (out->rgb == NULL) {
            snprintf(msg, msglen, "out of memory for a %d x %d chart", pw, ph);
            st = OR_ERR_NOMEM;
        }
        else {
            out->width = pw;
            out->height = ph;
        }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    plot_fonts_release(&fonts);
    return st;
}
