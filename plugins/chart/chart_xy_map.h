/* SPDX-License-Identifier: MIT */
/**
 * @file chart_xy_map.h
 * @brief The plot area of a cartesian chart and where values and categories
 *        fall on it (private to the pdf_plot_*.c of the cartesian charts).
 *
 * chart_xy() (chart_xy.h) lays out legend, axes and labels and fills a
 * ::chart_xy; the marks are drawn by chart_bars.h and chart_lines.h,
 * which place them with the functions here.  Coordinates are points, y
 * growing downwards.
 */
#ifndef OR_CHART_XY_MAP_H
#define OR_CHART_XY_MAP_H

#include <stddef.h>

#include <cairo.h>

#include "chart_data.h"
#include "chart_util.h"

/** Largest room in points for a label or value text. */
#define CHART_VALUE_CAP 64

/** The plot area of a cartesian chart and how values map onto it. */
struct chart_xy {
    cairo_t *cr;                 /**< borrowed drawing context */
    const struct chart_data *cd; /**< borrowed data */
    double l;                    /**< plot area: left edge */
    double r;                    /**< right edge */
    double t;                    /**< top edge */
    double b;                    /**< bottom edge */
    struct chart_ticks ticks;    /**< the value axis */
    int horizontal;              /**< bars grow to the right */
    int stacked;                 /**< series stacked per category */
    int grouped;                 /**< series side by side per category */
    int line;                    /**< a line chart */
    size_t thin;                 /**< draw every thin-th category label */
    int rotate;                  /**< category labels at 45 degrees */
    int value_labels;            /**< 0 none, 1 full, 2 compact */
    int area;                    /**< stacked areas (stacked and line are set too) */
    size_t nbars;                /**< bars: series [0, nbars) (a combo's lines follow) */
    size_t first_line;           /**< lines: series [first_line, nseries) */
    int secondary;               /**< a combo's lines are placed on ticks2, at the right */
    struct chart_ticks ticks2;   /**< the lines' own axis */
};

/** @brief Position of value @p v along the value axis. */
double chart_xy_vpos(const struct chart_xy *p, double v);

/** @brief Position of value @p v of series @p s along its value axis. */
double chart_xy_vpos_of(const struct chart_xy *p, size_t s, double v);

/** @brief Width of one category's band along the category axis. */
double chart_xy_band(const struct chart_xy *p);

/** @brief Start of category @p c's band along the category axis. */
double chart_xy_cpos(const struct chart_xy *p, size_t c);

/**
 * @brief A value label just beyond the end of a bar or above a point, at
 * @p mid across the category axis.
 */
void chart_xy_end_label(const struct chart_xy *p, double mid, double v, enum or_format fmt,
                        int bold);

#endif /* OR_CHART_XY_MAP_H */
