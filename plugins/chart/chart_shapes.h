/* SPDX-License-Identifier: MIT */
/**
 * @file chart_shapes.h
 * @brief The fills and strokes of a chart handed to its caller instead of
 *        painted: each as its path, colour and pen, in points from the
 *        chart's top-left corner.
 *
 * A renderer that draws vector graphics itself (the PDF, through libharu)
 * asks chart_vector() (chart_plot.h) for these shapes and the chart's
 * labels (chart_labels.h) and draws both on its page: the chart stays
 * sharp at any zoom and costs no raster to compress.  Every drawing file
 * of the chart module paints through chart_fill(), chart_fill_preserve()
 * and chart_stroke(), which paint on cairo's surface as usual unless a
 * collector is attached to the context.  Shapes are painted in the order
 * they are recorded.  Sources are solid colours: a chart drawing uses no
 * gradient, pattern, clip or dash.
 */
#ifndef OR_CHART_SHAPES_H
#define OR_CHART_SHAPES_H

#include <stddef.h>
#include <stdint.h>

#include <cairo.h>

/** What one path element does. */
enum chart_path_op {
    CHART_PATH_MOVE = 0, /**< start a subpath at p[0] */
    CHART_PATH_LINE,     /**< a straight line to p[0] */
    CHART_PATH_CURVE,    /**< a cubic Bézier: controls p[0], p[1], end p[2] */
    CHART_PATH_CLOSE     /**< close the subpath; no point */
};

/** One element of a path; points in points, y down from the chart's top. */
struct chart_path_el {
    enum chart_path_op op; /**< the element */
    double x[3];           /**< x of its points (op decides how many) */
    double y[3];           /**< y of its points */
};

/** One painted shape. */
struct chart_shape {
    int stroke;        /**< nonzero: outline the path; zero: fill it (nonzero winding) */
    uint32_t rgb;      /**< colour, 0xRRGGBB */
    double line_width; /**< points (strokes) */
    int join;          /**< cairo_line_join_t (strokes) */
    int cap;           /**< cairo_line_cap_t (strokes) */
    size_t first;      /**< index of its first element in chart_shapes.el */
    size_t n;          /**< its elements */
};

/** The shapes of one chart.  Zero it first; chart_shapes_free() releases it. */
struct chart_shapes {
    struct chart_shape *v;    /**< owned array of shapes */
    size_t n;                 /**< shapes */
    size_t cap;               /**< allocated shapes */
    struct chart_path_el *el; /**< owned array of every shape's path elements */
    size_t nel;               /**< elements */
    size_t elcap;             /**< allocated elements */
    int nomem;                /**< nonzero when a shape was lost for want of memory */
};

/** @brief Release every shape of @p s and zero it; safe on a zeroed struct. */
void chart_shapes_free(struct chart_shapes *s);

/**
 * @brief From now on fills and strokes on @p cr are appended to @p s
 * instead of painted.  @p cr's device units must be points.
 * @return 0, or -1 when cairo is out of memory.
 */
int chart_shapes_attach(cairo_t *cr, struct chart_shapes *s);

/** @brief cairo_fill(), or record the fill when @p cr collects shapes. */
void chart_fill(cairo_t *cr);

/** @brief cairo_fill_preserve(), or record the fill and keep the path. */
void chart_fill_preserve(cairo_t *cr);

/** @brief cairo_stroke(), or record the stroke when @p cr collects shapes. */
void chart_stroke(cairo_t *cr);

/** @brief The colour of @p cr's solid source as 0xRRGGBB; 0 (black) for any other source. */
uint32_t chart_source_rgb(cairo_t *cr);

#endif /* OR_CHART_SHAPES_H */
