/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_shape_fonts.h
 * @brief The PDF's side of the fonts complex text is shaped in: the shared
 *        font set (orr_shape_fonts.h: DejaVu Sans, the fallback font and
 *        one Noto or Nanum font per script) and the drawing of a glyph's
 *        outline as a libharu path.
 *
 * A shaper belongs to one document (struct pdf_fallback holds it).  Its
 * fonts load on first need; a character no font has is reported through
 * the document's one warning (pdf_fallback_warn()).
 */
#ifndef OR_PDF_SHAPE_FONTS_H
#define OR_PDF_SHAPE_FONTS_H

#include <stdint.h>

#include <hb.h>
#include <hpdf.h>

#include "orr_shape_fonts.h"

/** The shaping fonts of one document.  pdf_shaper_new(); pdf_shaper_free(). */
struct pdf_shaper;

/**
 * @brief A shaper whose fonts are not loaded yet.
 * @param font_dir   folder of DejaVuSans.ttf and DejaVuSans-Bold.ttf (copied)
 * @param script_dir folder the script font names are relative to (copied)
 * @param fallback   the fallback font file (copied)
 * @return owned shaper, or NULL when out of memory.
 */
struct pdf_shaper *pdf_shaper_new(const char *font_dir, const char *script_dir,
                                  const char *fallback);

/** @brief Release @p sh and every font it loaded; NULL is a no-op. */
void pdf_shaper_free(struct pdf_shaper *sh);

/** @brief The font set of @p sh (owned by @p sh). */
struct orr_shaper *pdf_shaper_fonts(struct pdf_shaper *sh);

/** Where pdf_shaper_outline() puts a glyph: font units to page points. */
struct pdf_outline {
    HPDF_Page page; /**< borrowed page, outside any text object */
    float x;        /**< page x of the glyph origin */
    float y;        /**< page y of the glyph origin (its baseline) */
    float k;        /**< points per font unit */
    int any;        /**< set nonzero once a path segment was added */
};

/**
 * @brief Add the outline of glyph @p gid of @p font to the page's current
 * path (MoveTo, LineTo, CurveTo, ClosePath; quadratic curves as cubic ones).
 * The caller fills the path when @p o->any is set.
 */
void pdf_shaper_outline(struct pdf_shaper *sh, hb_font_t *font, hb_codepoint_t gid,
                        struct pdf_outline *o);

#endif /* OR_PDF_SHAPE_FONTS_H */
