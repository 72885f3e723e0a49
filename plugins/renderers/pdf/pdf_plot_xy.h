/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_xy.h
 * @brief Cartesian charts: bar, grouped, stacked (either direction) and line.
 *
 * plot_xy() reserves the legend, axis titles, tick and category labels,
 * gives the plot area what is left (pdf_plot_xy_map.h) and has the marks
 * drawn by pdf_plot_bars.h or pdf_plot_lines.h.
 */
#ifndef OR_PDF_PLOT_XY_H
#define OR_PDF_PLOT_XY_H

#include <cairo.h>

#include "pdf_chart_data.h"

/** @brief Draw the cartesian kinds: bar, grouped, stacked (either direction), line. */
void plot_xy(cairo_t *cr, const struct pdf_chart_data *cd, double w, double h);

#endif /* OR_PDF_PLOT_XY_H */
