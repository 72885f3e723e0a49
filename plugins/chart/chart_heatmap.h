/* SPDX-License-Identifier: MIT */
/**
 * @file chart_heatmap.h
 * @brief Heatmaps: the grid chart_data_load() reads (chart_data.h), each cell
 *        coloured by its value on the scale of chart_grid.h.
 */
#ifndef OR_CHART_HEATMAP_H
#define OR_CHART_HEATMAP_H

#include <cairo.h>

#include "chart_data.h"

/**
 * @brief Draw the heatmap: the colour scale (the value's name, the smallest,
 * middle and largest values) at the top right, the rows' labels at the left,
 * the columns' under the grid, the value in each cell where it fits; a cell
 * without a value is light grey.
 */
void chart_heatmap(cairo_t *cr, const struct chart_data *cd, double w, double h);

/** @brief Height in points the heatmap of @p cd takes: by its number of rows. */
double chart_heatmap_height(const struct chart_data *cd);

#endif /* OR_CHART_HEATMAP_H */
