/* SPDX-License-Identifier: MIT */
/**
 * @file chart_bars.h
 * @brief The bars of the cartesian charts, on a laid-out ::chart_xy.
 */
#ifndef OR_CHART_BARS_H
#define OR_CHART_BARS_H

#include "chart_xy_map.h"

/** @brief Single-series and grouped bars. */
void chart_xy_draw_bars(const struct chart_xy *p);

/** @brief Stacked bars with labels inside segments and totals at the ends. */
void chart_xy_draw_stacked(const struct chart_xy *p);

#endif /* OR_CHART_BARS_H */
