/* SPDX-License-Identifier: MIT */
/**
 * @file chart_plot.h
 * @brief Draw a chart with cairo: an RGB raster (PDF), SVG (HTML) or PNG
 *        (the images of a mail body).
 *
 * One drawing for every output: the chart is laid out in points on a
 * @p w x @p h canvas and cairo puts it on an image surface at a resolution
 * (raster, PNG) or on an SVG surface (vector; its text written as SVG
 * text, chart_svg_text.h).  Text uses cairo's toy API with "DejaVu Sans"
 * through fontconfig, grey antialiasing and no hinting, so a picture does
 * not depend on the screen settings of the machine; characters DejaVu lacks
 * are drawn from the document's fallback font, and text in scripts that need
 * shaping is shaped when the fallback carries a shaper (chart_fallback.h).
 *
 * Outputs are owned by the caller and released with free() (raster) or
 * chart_bytes_free().
 */
#ifndef OR_CHART_PLOT_H
#define OR_CHART_PLOT_H

#include <stddef.h>

#include "chart_data.h"
#include "chart_fallback.h"
#include "chart_labels.h"
#include "outreport/status.h"

/** A raster: packed RGB, 3 bytes per pixel, rows top to bottom. */
struct chart_raster {
    unsigned char *rgb; /**< owned pixels; free() */
    int width;          /**< pixels */
    int height;         /**< pixels */
};

/** Bytes of an SVG or PNG file. */
struct chart_bytes {
    unsigned char *data; /**< owned; chart_bytes_free() */
    size_t len;          /**< bytes used */
    size_t cap;          /**< bytes allocated */
};

/**
 * @brief Draw @p cd into a raster of @p w x @p h points at @p dpi.
 * @param fallback the document's fallback font (borrowed); NULL for none
 * @param msg    receives the cairo error on failure
 * @param msglen size of @p msg
 * @return OR_OK; OR_ERR_RENDER when cairo fails or the raster would be
 *         over 32,000 pixels a side; OR_ERR_NOMEM.
 */
or_status chart_raster(const struct chart_data *cd, double w, double h, double dpi,
                       const struct chart_fallback *fallback, struct chart_raster *out, char *msg,
                       size_t msglen);

/**
 * @brief As chart_raster(), but the chart's text is not drawn: every label
 * is appended to @p labels instead (chart_labels.h), for the caller to set
 * as text over the image.
 * @param labels zeroed or holding earlier labels; the caller frees it with
 *               chart_labels_free(), also after a failure
 * @return as chart_raster(); OR_ERR_NOMEM also when a label could not be kept.
 */
or_status chart_raster_labels(const struct chart_data *cd, double w, double h, double dpi,
                              const struct chart_fallback *fallback, struct chart_raster *out,
                              struct chart_labels *labels, char *msg, size_t msglen);

/**
 * @brief Draw @p cd as a PNG file of @p w x @p h points at @p dpi into @p out.
 * @return as chart_raster().  On failure @p out holds nothing.
 */
or_status chart_png(const struct chart_data *cd, double w, double h, double dpi,
                    const struct chart_fallback *fallback, struct chart_bytes *out, char *msg,
                    size_t msglen);

/**
 * @brief Draw @p cd as an SVG document of @p w x @p h points into @p out
 * (UTF-8, starting with cairo's `<?xml ...?>` declaration): the shapes drawn
 * by cairo, the labels as SVG `<text>` elements (chart_svg_text.h).
 * @return OR_OK; OR_ERR_RENDER when cairo fails; OR_ERR_NOMEM.  On failure
 *         @p out holds nothing.
 */
or_status chart_svg(const struct chart_data *cd, double w, double h,
                    const struct chart_fallback *fallback, struct chart_bytes *out, char *msg,
                    size_t msglen);

/** @brief Release @p b's bytes and zero it; safe on a zeroed struct. */
void chart_bytes_free(struct chart_bytes *b);

/**
 * @brief Append @p n bytes to @p b.
 * @return 0, or -1 when out of memory (@p b keeps what it had).
 */
int chart_bytes_append(struct chart_bytes *b, const void *data, size_t n);

/**
 * @brief Height in points a chart of @p cd takes at width @p w: by kind,
 * and for horizontal bars and funnels by the number of categories.
 * @param tall nonzero for the taller line and column charts of a landscape page
 */
double chart_height(const struct chart_data *cd, int tall);

#endif /* OR_CHART_PLOT_H */
