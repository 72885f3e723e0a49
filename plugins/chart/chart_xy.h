/* SPDX-License-Identifier: MIT */
/**
 * @file chart_xy.h
 * @brief Cartesian charts: bar, grouped, stacked (either direction) and line.
 *
 * chart_xy() reserves the legend, axis titles, tick and category labels,
 * gives the plot area what is left (chart_xy_map.h) and has the marks
 * drawn by chart_bars.h or chart_lines.h.
 */
#ifndef OR_CHART_XY_H
#define OR_CHART_XY_H

#include <cairo.h>

#include "chart_data.h"

/** @brief Draw the cartesian kinds: bar, grouped, stacked (either direction), line. */
void chart_xy(cairo_t *cr, const struct chart_data *cd, double w, double h);

#endif /* OR_CHART_XY_H */
