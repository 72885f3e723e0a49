/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_chart.h
 * @brief CHART sections: a chart kept whole on one page.
 *
 * The chart is laid out by the shared chart module (chart_plot.h) and drawn as PDF vector paths
 * (pdf_chart_shapes.h): sharp at any zoom, with no raster to compress.  Its labels (axes,
 * categories, legend, values, donut and funnel labels) and its title, the section heading, are
 * set as PDF text over the paths (pdf_chart_labels.h), so they can be searched and are shaped like
 * all other text.  The height
 * depends on the kind (and, for horizontal bars and funnels, on the number of categories) and never
 * exceeds a page.
 */
#ifndef OR_PDF_CHART_H
#define OR_PDF_CHART_H

#include "pdf_doc.h"

/**
 * @brief Draw the heading and chart of a CHART section.
 * @return OR_OK; OR_ERR_RENDER for a chart naming columns its result lacks,
 *         a failing cursor, cairo or libharu; OR_ERR_NOMEM.
 */
or_status pdf_chart_draw(struct pdf_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_PDF_CHART_H */
