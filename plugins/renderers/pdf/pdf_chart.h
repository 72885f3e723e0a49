/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_chart.h
 * @brief CHART sections: a chart kept whole on one page.
 *
 * The chart is drawn by cairo (chart_plot.h, the shared chart module) at ::PDF_CHART_DPI and
 * embedded as an RGB image; its title is the section heading, set as PDF text so it can be
 * searched.  The height depends on the kind (and, for horizontal bars and funnels, on the number of
 * categories) and never exceeds a page.
 */
#ifndef OR_PDF_CHART_H
#define OR_PDF_CHART_H

#include "pdf_doc.h"

/** Resolution of chart rasters: print quality. */
#define PDF_CHART_DPI 300.0

/**
 * @brief Draw the heading and chart of a CHART section.
 * @return OR_OK; OR_ERR_RENDER for a chart naming columns its result lacks,
 *         a failing cursor, cairo or libharu; OR_ERR_NOMEM.
 */
or_status pdf_chart_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_PDF_CHART_H */
