/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot_funnel.h
 * @brief Funnel charts: the first series as centred bars, widest first.
 */
#ifndef OR_PDF_PLOT_FUNNEL_H
#define OR_PDF_PLOT_FUNNEL_H

#include <cairo.h>

#include "pdf_chart_data.h"

/** @brief Draw a funnel: centred bars of the first series, value and % of the first stage. */
void plot_funnel(cairo_t *cr, const struct pdf_chart_data *cd, double w, double h);

#endif /* OR_PDF_PLOT_FUNNEL_H */
