/* SPDX-License-Identifier: MIT */
/**
 * @file chart_donut.h
 * @brief Donut charts: shares of the first series.
 */
#ifndef OR_CHART_DONUT_H
#define OR_CHART_DONUT_H

#include <cairo.h>

#include "chart_data.h"

/** @brief Draw a donut: shares of the first series, percentages and a legend. */
void chart_donut(cairo_t *cr, const struct chart_data *cd, double w, double h);

#endif /* OR_CHART_DONUT_H */
