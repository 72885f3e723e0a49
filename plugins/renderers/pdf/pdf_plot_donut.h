/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_donut.h
 * @brief Donut charts: shares of the first series.
 */
#ifndef OR_PDF_PLOT_DONUT_H
#define OR_PDF_PLOT_DONUT_H

#include <cairo.h>

#include "pdf_chart_data.h"

/** @brief Draw a donut: shares of the first series, percentages and a legend. */
void plot_donut(cairo_t *cr, const struct pdf_chart_data *cd, double w, double h);

#endif /* OR_PDF_PLOT_DONUT_H */
