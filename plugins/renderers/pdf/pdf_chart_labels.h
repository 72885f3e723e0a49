/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_chart_labels.h
 * @brief A chart's labels (chart_labels.h) set as PDF text over its image,
 *        through the same text path as the rest of the document (pdf_draw.h),
 *        so they can be searched and are shaped like every other text.
 */
#ifndef OR_PDF_CHART_LABELS_H
#define OR_PDF_CHART_LABELS_H

#include "chart_labels.h"
#include "pdf_doc.h"

/**
 * @brief Draw every label of @p l on the current page of @p d, for a chart
 * whose top-left corner is at (@p left, @p top) in page points.  @p flip:
 * the chart's width to mirror it in (each label at flip - x, its anchor
 * turned and a turned label's angle negated, so text still reads forwards
 * and numbers keep their digit order), or 0.
 */
void pdf_chart_labels_draw(struct pdf_doc *d, const struct chart_labels *l, float left, float top,
                           float flip);

#endif /* OR_PDF_CHART_LABELS_H */
