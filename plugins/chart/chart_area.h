/* SPDX-License-Identifier: MIT */
/**
 * @file chart_area.h
 * @brief The areas of the stacked area charts, on a laid-out ::chart_xy.
 */
#ifndef OR_CHART_AREA_H
#define OR_CHART_AREA_H

#include "chart_xy_map.h"

/**
 * @brief Each series an area stacked on the ones before it, through the
 * middle of each category's band; a missing value counts as zero.
 */
void chart_xy_draw_areas(const struct chart_xy *p);

#endif /* OR_CHART_AREA_H */
