/* SPDX-License-Identifier: MIT */
/**
 * @file chart_lines.h
 * @brief The lines of the line charts, on a laid-out ::chart_xy.
 */
#ifndef OR_CHART_LINES_H
#define OR_CHART_LINES_H

#include "chart_xy_map.h"

/** @brief Lines with markers, broken at missing values. */
void chart_xy_draw_lines(const struct chart_xy *p);

/**
 * @brief Trend charts: a shaded band behind each marked (current)
 * category, labelled "current", drawn before the lines.
 */
void chart_xy_draw_marks(const struct chart_xy *p);

#endif /* OR_CHART_LINES_H */
