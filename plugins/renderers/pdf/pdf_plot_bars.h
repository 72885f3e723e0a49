/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_bars.h
 * @brief The bars of the cartesian charts, on a laid-out ::plot_xy.
 */
#ifndef OR_PDF_PLOT_BARS_H
#define OR_PDF_PLOT_BARS_H

#include "pdf_plot_xy_map.h"

/** @brief Single-series and grouped bars. */
void xy_draw_bars(const struct plot_xy *p);

/** @brief Stacked bars with labels inside segments and totals at the ends. */
void xy_draw_stacked(const struct plot_xy *p);

#endif /* OR_PDF_PLOT_BARS_H */
