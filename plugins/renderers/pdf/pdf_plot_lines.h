/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_lines.h
 * @brief The lines of the line charts, on a laid-out ::plot_xy.
 */
#ifndef OR_PDF_PLOT_LINES_H
#define OR_PDF_PLOT_LINES_H

#include "pdf_plot_xy_map.h"

/** @brief Lines with markers, broken at missing values. */
void xy_draw_lines(const struct plot_xy *p);

/**
 * @brief Trend charts: a shaded band behind each marked (current)
 * category, labelled "current", drawn before the lines.
 */
void xy_draw_marks(const struct plot_xy *p);

#endif /* OR_PDF_PLOT_LINES_H */
