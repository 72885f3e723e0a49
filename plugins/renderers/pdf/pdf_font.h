/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_font.h
 * @brief The fonts text is set in: DejaVu Sans (regular or bold) and, for
 *        the characters DejaVu lacks, a fallback TrueType font (Droid Sans
 *        Fallback by default: CJK and Hangul) shared by the whole document.
 *
 * A string is drawn and measured in runs: a code point the DejaVu face has a
 * glyph for is set in DejaVu; one it lacks but the fallback has is set in the
 * fallback; anything else stays in DejaVu (its .notdef box).  ASCII never
 * needs a lookup.
 *
 * The fallback is loaded on the first code point DejaVu lacks, and its PDF
 * font object is made on the first code point it actually draws, so a
 * document without such characters is byte for byte what it was without a
 * fallback.  When the fallback file cannot be loaded, or lacks a character
 * too, the document is still written (boxes for those characters) and one
 * warning per document goes to the host's log, naming the first such
 * character as U+XXXX, the font file and the fix.
 */
#ifndef OR_PDF_FONT_H
#define OR_PDF_FONT_H

#include <stddef.h>
#include <stdint.h>

#include <hpdf.h>

#include "chart_fallback.h"
#include "outreport/plugin.h"

/**
 * The document's fallback font.  Lives in struct pdf_doc (one per document);
 * the libharu objects it refers to are owned by the libharu document.
 */
struct pdf_fallback {
    HPDF_Doc pdf;            /**< borrowed libharu document */
    const struct or_host *h; /**< borrowed host, for the warning */
    char path[1024];         /**< the TrueType file */
    int tried;               /**< nonzero once loading was attempted */
    HPDF_FontDef def;        /**< its definition; NULL before loading or after a failure */
    HPDF_Font font;          /**< its UTF-8 font, made on first use (owned by pdf) */
    int warned;              /**< nonzero once the document's warning was logged */
};

/** A font text is set in: DejaVu plus the document's fallback. */
struct pdf_font {
    HPDF_Font font;                /**< DejaVu Sans or DejaVu Sans Bold (owned by the document) */
    HPDF_FontDef def;              /**< its definition, for glyph coverage */
    int bold;                      /**< nonzero: fallback runs are emboldened when drawn */
    struct pdf_fallback *fallback; /**< borrowed: the document's, shared by all its fonts */
};

/**
 * @brief Set up the fallback of a document; nothing is loaded yet.
 * @param fb   to fill
 * @param pdf  the document (borrowed)
 * @param h    the host (borrowed)
 * @param path the TrueType file (copied)
 */
void pdf_fallback_init(struct pdf_fallback *fb, HPDF_Doc pdf, const struct or_host *h,
                       const char *path);

/**
 * @brief Log the document's one warning about code point @p cp, unless it
 * was logged already.
 * @param fb     the document's fallback
 * @param cp     the first code point that is drawn as a box
 * @param reason why the fallback does not draw it: "cannot be read (No such
 *               file or directory)", "has none either"
 * @param fix    what the user can do about it
 */
void pdf_fallback_warn(struct pdf_fallback *fb, uint32_t cp, const char *reason, const char *fix);

/** The fix a warning names when the fallback file cannot be used. */
#define PDF_FALLBACK_FIX CHART_FALLBACK_FIX

/**
 * @brief Wrap a loaded DejaVu font.
 * @param f        to fill
 * @param font     from HPDF_GetFont(..., "UTF-8") of a TrueType font (borrowed)
 * @param bold     nonzero for the bold face
 * @param fallback the document's fallback (borrowed; outlives @p f)
 */
void pdf_font_init(struct pdf_font *f, HPDF_Font font, int bold, struct pdf_fallback *fallback);

/**
 * @brief The font code point @p cp is set in: the DejaVu font, or the
 * fallback when DejaVu lacks it and the fallback has it.  Loads the fallback
 * on the first code point DejaVu lacks (and warns once when that fails).
 * @return the libharu font; never NULL.
 */
HPDF_Font pdf_font_for(const struct pdf_font *f, uint32_t cp);

#endif /* OR_PDF_FONT_H */
