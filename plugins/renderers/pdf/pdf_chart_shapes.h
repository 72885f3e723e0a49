/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_chart_shapes.h
 * @brief A chart's fills and strokes (chart_shapes.h) drawn as PDF paths:
 *        vector graphics, sharp at any zoom, with no raster to compress.
 */
#ifndef OR_PDF_CHART_SHAPES_H
#define OR_PDF_CHART_SHAPES_H

#include "chart_shapes.h"
#include "pdf_doc.h"

/**
 * @brief Draw every shape of @p s, in order, on the current page of @p d,
 * for a chart whose top-left corner is at (@p left, @p top) in page points.
 * @p flip: the chart's width to mirror it horizontally in (a right-to-left
 * document: x becomes flip - x), or 0 to draw it as made.
 * The page's graphics state is the same afterwards.
 */
void pdf_chart_shapes_draw(struct pdf_doc *d, const struct chart_shapes *s, float left, float top,
                           float flip);

#endif /* OR_PDF_CHART_SHAPES_H */
