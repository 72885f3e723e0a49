/* SPDX-License-Identifier: MIT */
/**
 * @file chart_labels.h
 * @brief The text of a chart handed to its caller instead of drawn: axis
 *        and category labels, legend entries, value labels, donut and
 *        funnel labels, each with its place, size, weight, colour,
 *        anchoring and angle.
 *
 * A renderer that sets text itself (the PDF: searchable, shaped text)
 * asks chart_vector() (chart_plot.h) for the chart's shapes and this list,
 * and draws each label over the shapes.  Layout is unchanged: the chart
 * still measures every label with cairo, so the labels land where the
 * drawing leaves room for them.
 */
#ifndef OR_CHART_LABELS_H
#define OR_CHART_LABELS_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

/** Horizontal anchoring of a text at x. */
enum chart_align {
    CHART_LEFT = 0, /**< x is the left edge */
    CHART_RIGHT,    /**< x is the right edge */
    CHART_CENTER    /**< x is the centre */
};

/** One label of a chart. */
struct chart_label {
    char *text;             /**< owned: clean UTF-8 */
    double x;               /**< anchor, points from the chart's left edge */
    double y;               /**< baseline at the anchor, points down from the chart's top edge */
    double size;            /**< points */
    int bold;               /**< nonzero for DejaVu Sans Bold */
    uint32_t rgb;           /**< colour, 0xRRGGBB */
    enum chart_align align; /**< how the text sits at x, along its baseline */
    double angle;           /**< radians, counter-clockwise as seen on the page */
};

/** The labels of one chart.  Zero it first; chart_labels_free() releases it. */
struct chart_labels {
    struct chart_label *v; /**< owned array */
    size_t n;              /**< labels */
    size_t cap;            /**< allocated */
    int nomem;             /**< nonzero when a label was lost for want of memory */
};

/** @brief Release every label of @p l and zero it; safe on a zeroed struct. */
void chart_labels_free(struct chart_labels *l);

/**
 * @brief From now on text "drawn" on @p cr is appended to @p l instead.
 * @param scale device units per point of @p cr's target (the raster's dpi / 72)
 * @return 0, or -1 when cairo is out of memory.
 */
int chart_labels_attach(cairo_t *cr, struct chart_labels *l, double scale);

/**
 * @brief Record @p s at (x, y) in the current font, colour and transformation
 * when @p cr collects labels.
 * @return 1 when recorded (the caller draws nothing), 0 when @p cr draws text.
 */
int chart_labels_take(cairo_t *cr, double x, double y, enum chart_align align, const char *s);

#endif /* OR_CHART_LABELS_H */
