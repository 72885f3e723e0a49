/* SPDX-License-Identifier: MIT */
/**
 * @file chart_funnel.h
 * @brief Funnel charts: the first series as centred bars, widest first.
 */
#ifndef OR_CHART_FUNNEL_H
#define OR_CHART_FUNNEL_H

#include <cairo.h>

#include "chart_data.h"

/** @brief Draw a funnel: centred bars of the first series, value and % of the first stage. */
void chart_funnel(cairo_t *cr, const struct chart_data *cd, double w, double h);

#endif /* OR_CHART_FUNNEL_H */
