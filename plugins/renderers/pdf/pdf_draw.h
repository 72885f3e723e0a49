/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_draw.h
 * @brief Drawing primitives on a libharu page: measured text, fitted and
 *        wrapped text, rectangles, lines and the KPI triangles.
 *
 * Coordinates are PDF points from the bottom-left corner; text is placed by
 * its baseline.  Every string must be clean UTF-8 (chart_utf8_clean()).
 * Text is set in a struct pdf_font: DejaVu Sans, with the runs of characters
 * DejaVu lacks set in the document's fallback font (pdf_font.h); bold runs in
 * the fallback, which has no bold face, are filled and then stroked with a
 * thin line of the text colour.
 * Widths come from HPDF_Font_TextWidth(), which is exact for libharu's
 * UTF-8 encoder (HPDF_Font_MeasureText() and HPDF_Page_TextWidth() miscount
 * multi-byte characters in libharu 2.3.0, so they are not used).  Colours
 * are 0xRRGGBB.
 */
#ifndef OR_PDF_DRAW_H
#define OR_PDF_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "pdf_font.h"

/** Horizontal anchoring of a text run at its x coordinate. */
enum pdf_align {
    PDF_LEFT = 0, /**< x is the left edge */
    PDF_RIGHT,    /**< x is the right edge */
    PDF_CENTER    /**< x is the centre */
};

/** The horizontal ellipsis "…" that marks cut text. */
#define PDF_ELLIPSIS "\xE2\x80\xA6"

/** @brief Width in points of @p s set in @p font at @p size. */
float pdf_width(const struct pdf_font *font, float size, const char *s);

/** @brief Width of the first @p len bytes of @p s. */
float pdf_width_n(const struct pdf_font *font, float size, const char *s, size_t len);

/** @brief Draw one line of text with its baseline at @p y. */
void pdf_text(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb, float x,
              float y, enum pdf_align align, const char *s);

/**
 * @brief Copy @p s into @p out, cut and ended with "…" if wider than @p maxw.
 * @return 1 when the text was cut, else 0.  @p out always holds a text
 *         (at worst "…" alone) no wider than @p maxw when that is possible.
 */
int pdf_fit(const struct pdf_font *font, float size, const char *s, float maxw, char *out,
            size_t cap);

/**
 * @brief Find the first line of @p s that fits @p maxw, breaking at spaces
 * (or inside a word longer than the line).
 * @param next receives the offset where the next line starts (spaces skipped)
 * @return the number of bytes of the line (trailing spaces excluded).
 */
size_t pdf_wrap(const struct pdf_font *font, float size, const char *s, float maxw, size_t *next);

/** @brief Number of lines pdf_wrap() makes of @p s. */
int pdf_wrap_count(const struct pdf_font *font, float size, const char *s, float maxw);

/**
 * @brief Draw @p s wrapped to @p maxw, first baseline at @p y, @p leading
 * points between baselines, every line anchored at @p x by @p align.
 * @return the baseline of the last line.
 */
float pdf_text_wrapped_at(HPDF_Page page, const struct pdf_font *font, float size, uint32_t rgb,
                          float x, float y, float maxw, float leading, enum pdf_align align,
                          const char *s);

/** @brief Make @p rgb (0xRRGGBB) the fill colour of @p page. */
void pdf_set_fill(HPDF_Page page, uint32_t rgb);

/** @brief Make @p rgb the stroke colour and @p lw (points) the line width of @p page. */
void pdf_set_stroke(HPDF_Page page, uint32_t rgb, float lw);

/** @brief Fill a rectangle (x, y is the bottom-left corner). */
void pdf_fill_rect(HPDF_Page page, float x, float y, float w, float h, uint32_t rgb);

/** @brief Stroke a rectangle outline @p lw points wide. */
void pdf_stroke_rect(HPDF_Page page, float x, float y, float w, float h, uint32_t rgb, float lw);

/**
 * @brief A rectangle with rounded corners of radius @p r, filled with @p fill
 * and outlined with @p stroke when @p lw > 0.
 */
void pdf_round_rect(HPDF_Page page, float x, float y, float w, float h, float r, uint32_t fill,
                    uint32_t stroke, float lw);

/** @brief A straight line. */
void pdf_line(HPDF_Page page, float x1, float y1, float x2, float y2, uint32_t rgb, float lw);

/**
 * @brief A filled isosceles triangle of width and height @p size whose
 * bounding box has its bottom-left corner at (x, y), pointing up or down.
 */
void pdf_triangle(HPDF_Page page, float x, float y, float size, int up, uint32_t rgb);

#endif /* OR_PDF_DRAW_H */
