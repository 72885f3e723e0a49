/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_mirror.h
 * @brief The right-to-left layout: the drawing primitives of pdf_draw.h,
 *        mirrored about the page's vertical centre line when the document is
 *        right to left (pdf_doc.rtl).
 *
 * Every block lays itself out left to right, as it always has, and draws
 * through these functions: in a right-to-left document a box from x to x + w
 * lands at page width - x - w, a text anchored at x lands at page width - x
 * with its anchor turned (left edge becomes right edge), so headings, text,
 * table columns, tiles and the page furniture read from the right.  Glyphs
 * are never mirrored: text is shaped and reordered as in any document.  In a
 * left-to-right document each call is the plain primitive, unchanged.
 * Nothing here owns memory.
 */
#ifndef OR_PDF_MIRROR_H
#define OR_PDF_MIRROR_H

#include <hpdf.h>
#include <stdint.h>

#include "pdf_doc.h"
#include "pdf_draw.h"

/** @brief @p x (a point, or a box's left edge when @p w > 0) as drawn on @p page. */
float pdf_mirror_x(const struct pdf_doc *d, HPDF_Page page, float x, float w);

/** @brief @p a as drawn: left and right swapped in a right-to-left document. */
enum pdf_align pdf_mirror_align(const struct pdf_doc *d, enum pdf_align a);

/** @brief pdf_text(), mirrored. */
void pdf_m_text(const struct pdf_doc *d, HPDF_Page page, const struct pdf_font *font, float size,
                uint32_t rgb, float x, float y, enum pdf_align align, const char *s);

/**
 * @brief pdf_text_wrapped_at() left-aligned at @p x, mirrored (the lines then end
 * at the box's right edge).
 */
float pdf_m_text_wrapped(const struct pdf_doc *d, HPDF_Page page, const struct pdf_font *font,
                         float size, uint32_t rgb, float x, float y, float maxw, float leading,
                         const char *s);

/** @brief pdf_fill_rect(), mirrored. */
void pdf_m_fill_rect(const struct pdf_doc *d, HPDF_Page page, float x, float y, float w, float h,
                     uint32_t rgb);

/** @brief pdf_round_rect(), mirrored. */
void pdf_m_round_rect(const struct pdf_doc *d, HPDF_Page page, float x, float y, float w, float h,
                      float r, uint32_t fill, uint32_t stroke, float lw);

/** @brief pdf_line(), mirrored. */
void pdf_m_line(const struct pdf_doc *d, HPDF_Page page, float x1, float y1, float x2, float y2,
                uint32_t rgb, float lw);

/** @brief pdf_triangle(), mirrored. */
void pdf_m_triangle(const struct pdf_doc *d, HPDF_Page page, float x, float y, float size, int up,
                    uint32_t rgb);

#endif /* OR_PDF_MIRROR_H */
