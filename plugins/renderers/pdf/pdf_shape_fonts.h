/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_shape_fonts.h
 * @brief The fonts complex text is shaped in: DejaVu Sans, the document's
 *        fallback font and one font per script (Noto Sans Arabic, Hebrew,
 *        Devanagari, Thai and more from fonts-noto-core; NanumGothic from
 *        fonts-nanum for Hangul), loaded with HarfBuzz on first need.
 *
 * A shaper belongs to one document (struct pdf_fallback holds it).  Each
 * font file is opened (mmap'd by HarfBuzz) the first time a character
 * needs it; a file that cannot be used is tried once, and its reason is
 * kept for the document's one warning about a character drawn as a box
 * (pdf_font.h).  Script font files are named relative to the
 * `script_font_dir` option (default /usr/share/fonts/truetype).
 */
#ifndef OR_PDF_SHAPE_FONTS_H
#define OR_PDF_SHAPE_FONTS_H

#include <stdint.h>

#include <hb.h>
#include <hpdf.h>

#include "pdf_font.h"

/** Slot of DejaVu Sans (regular or bold, from the `font_dir` option). */
#define PDF_SHAPE_DEJAVU 0
/** Slot of the fallback font (`fallback_font`; emboldened when bold). */
#define PDF_SHAPE_FALLBACK 1

/** One font of a shaper, by slot and weight. */
struct pdf_shape_face {
    hb_font_t *font; /**< owned; NULL before loading or when unusable */
    int tried;       /**< nonzero once loading was attempted */
    int faux_bold;   /**< nonzero: a bold weight the file lacks, drawn filled and stroked */
    float upem;      /**< units per em of the face */
    char why[200];   /**< why the file cannot be used (for the warning) */
};

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

/** @brief A HarfBuzz buffer for shaping, owned by @p sh (made on first need; NULL if no memory). */
hb_buffer_t *pdf_shaper_buffer(struct pdf_shaper *sh);

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

/**
 * @brief The face of @p slot in weight @p bold, loaded on first need.
 * @return the face; its font member is NULL when the file is unusable.
 */
const struct pdf_shape_face *pdf_shaper_face(struct pdf_shaper *sh, int bold, int slot);

/** @brief Nonzero when the face of @p slot loads and has a glyph for @p cp. */
int pdf_shaper_has(struct pdf_shaper *sh, int bold, int slot, uint32_t cp);

/**
 * @brief The slot a character of script @p script with code point @p cp is
 * drawn from: the script's font, else DejaVu, else the fallback.  When none
 * has it, the document's one warning names U+XXXX (through @p fb) and the
 * DejaVu slot is returned (its .notdef box).
 */
int pdf_shaper_pick(struct pdf_shaper *sh, struct pdf_fallback *fb, int bold, hb_script_t script,
                    uint32_t cp);

#endif /* OR_PDF_SHAPE_FONTS_H */
