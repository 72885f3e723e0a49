/* SPDX-License-Identifier: MIT */
/**
 * @file chart_combo.h
 * @brief The lines' own value axis of a combo chart (bars with lines over
 *        them), at the right of the plot, on a laid-out ::chart_xy.
 *
 * Each function does nothing unless the chart's lines have their own axis
 * (::chart_xy.secondary); the bars and lines themselves are chart_bars.h's
 * and chart_lines.h's.
 */
#ifndef OR_CHART_COMBO_H
#define OR_CHART_COMBO_H

#include "chart_xy_map.h"

/** @brief The lines' axis (::chart_xy.ticks2) from their values, zero included. */
void chart_combo_ticks(struct chart_xy *p);

/** @brief Room in points the axis takes at the right: tick labels and its title. */
double chart_combo_room(const struct chart_xy *p);

/** @brief Tick labels of the axis right of the plot and its title, in a chart @p h high. */
void chart_combo_axis(const struct chart_xy *p, double h);

#endif /* OR_CHART_COMBO_H */
