/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_shape.h
 * @brief Text in scripts that need shaping or right-to-left order (Arabic,
 *        Hebrew, Devanagari and the other Indic scripts, Thai, Hangul...):
 *        reordered with FriBidi, shaped with HarfBuzz, drawn as glyph
 *        outlines, with the text itself laid over invisibly so it can be
 *        searched and copied.
 *
 * libharu sets text by character code and cannot draw the glyph ids a
 * shaper chooses, so such a string is drawn as PDF vector paths (one fill
 * per font run) and then written once more as invisible text (rendering
 * mode 3) in the DejaVu font of the document, in visual order and
 * stretched to the shaped width, so text extraction (pdftotext, a viewer's
 * search and copy) finds it where it is drawn and turns right-to-left runs
 * back into reading order.
 *
 * Strings of other scripts (Latin, Greek, Cyrillic, CJK...) never come here
 * (orr_shape_needed() tells them apart): pdf_draw.c keeps setting them as
 * text in DejaVu and the fallback font.  The bidi, font choice and shaping
 * are shared with the HTML's chart pictures (orr_shape.h); fonts:
 * pdf_shape_fonts.h.  Every string must be clean UTF-8.
 */
#ifndef OR_PDF_SHAPE_H
#define OR_PDF_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "pdf_font.h"

/**
 * @brief Width in points of @p len bytes of @p s as shaped in @p font.
 * @return 0, or -1 when out of memory (the caller measures it as plain text).
 */
int pdf_shape_width(const struct pdf_font *font, float size, const char *s, size_t len, float *w);

/**
 * @brief Draw @p len bytes of @p s, shaped, left edge at @p x, baseline at @p y.
 * @return 0, or -1, having drawn nothing, when out of memory.
 */
int pdf_shape_draw(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x,
                   float y, const char *s, size_t len);

#endif /* OR_PDF_SHAPE_H */
