/* SPDX-License-Identifier: MIT */
/**
 * @file chart_plot.h
 * @brief Draw a chart with cairo: shapes and labels (PDF), SVG (HTML) or
 *        PNG (the images of a mail body).
 *
 * One drawing for every output: the chart is laid out in points on a
 * @p w x @p h canvas; cairo puts it on an image surface at a resolution
 * (PNG) or on an SVG surface (vector; its text written as SVG text,
 * chart_svg_text.h), or hands its fills, strokes and text to the caller as
 * vector shapes and labels (chart_vector()).  Text is measured (and, in a
 * PNG, drawn) with cairo's toy API with "DejaVu Sans" through fontconfig,
 * grey antialiasing and no hinting, so a picture does not depend on the
 * screen settings of the machine; characters DejaVu lacks are drawn from
 * the document's fallback font, and text in scripts that need shaping is
 * shaped when the fallback carries a shaper (chart_fallback.h).
 *
 * Outputs are owned by the caller and released with chart_bytes_free(),
 * chart_shapes_free() and chart_labels_free().
 */
#ifndef OR_CHART_PLOT_H
#define OR_CHART_PLOT_H

#include <stddef.h>

#include "chart_data.h"
#include "chart_fallback.h"
#include "chart_labels.h"
#include "chart_shapes.h"
#include "outreport/status.h"

/** Bytes of an SVG or PNG file. */
struct chart_bytes {
    unsigned char *data; /**< owned; chart_bytes_free() */
    size_t len;          /**< bytes used */
    size_t cap;          /**< bytes allocated */
};

/**
 * @brief Lay @p cd out on a @p w x @p h point canvas and hand over what it
 * draws instead of painting it: its fills and strokes to @p shapes
 * (chart_shapes.h), its text to @p labels (chart_labels.h), both in points
 * from the canvas's top-left corner, for a caller that draws vector
 * graphics and text itself (the PDF).
 * @param fallback the document's fallback font (borrowed); NULL for none
 * @param shapes   zeroed; the caller frees it with chart_shapes_free(), also after a failure
 * @param labels   zeroed or holding earlier labels; the caller frees it with
 *                 chart_labels_free(), also after a failure
 * @param msg      receives the cairo error on failure
 * @param msglen   size of @p msg
 * @return OR_OK; OR_ERR_RENDER when cairo fails; OR_ERR_NOMEM, also when a
 *         shape or a label could not be kept.
 */
or_status chart_vector(const struct chart_data *cd, double w, double h,
                       const struct chart_fallback *fallback, struct chart_shapes *shapes,
                       struct chart_labels *labels, char *msg, size_t msglen);

/**
 * @brief Draw @p cd as a PNG file of @p w x @p h points at @p dpi into @p out.
 * @param fallback the document's fallback font (borrowed); NULL for none
 * @return OR_OK; OR_ERR_RENDER when cairo fails or the image would be over
 *         32,000 pixels a side; OR_ERR_NOMEM.  On failure @p out holds nothing.
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
