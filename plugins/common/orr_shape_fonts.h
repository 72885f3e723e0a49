/* SPDX-License-Identifier: MIT */
/**
 * @file orr_shape_fonts.h
 * @brief The fonts complex text is shaped in: DejaVu Sans, the document's
 *        fallback font and one font per script (Noto Sans Arabic, Hebrew,
 *        Devanagari, Thai and more from fonts-noto-core; NanumGothic from
 *        fonts-nanum for Hangul), loaded with HarfBuzz on first need.
 *
 * Shared by the renderers that shape text (the PDF's text, the HTML's chart
 * pictures): linked into them through the `orshape` static library.  A
 * shaper belongs to one document.  Each font file is opened (mmap'd by
 * HarfBuzz) the first time a character needs it; a file that cannot be used
 * is tried once, and its reason is kept for the document's one warning
 * about a character drawn as a box.  Script font files are named relative
 * to the renderer's `script_font_dir` option (default
 * /usr/share/fonts/truetype).  Not thread-safe: one document, one thread.
 */
#ifndef ORR_SHAPE_FONTS_H
#define ORR_SHAPE_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include <hb.h>

/** Slot of DejaVu Sans (regular or bold, from the font folder). */
#define ORR_SHAPE_DEJAVU 0
/** Slot of the fallback font (emboldened when bold). */
#define ORR_SHAPE_FALLBACK 1
/** Number of slots: DejaVu, the fallback and one per script font. */
#define ORR_SHAPE_NSLOTS 20

/** One font of a shaper, by slot and weight. */
struct orr_shape_face {
    hb_font_t *font; /**< owned; NULL before loading or when unusable */
    int tried;       /**< nonzero once loading was attempted */
    int faux_bold;   /**< nonzero: a bold weight the file lacks, to be drawn emboldened */
    float upem;      /**< units per em of the face; the font's scale is upem (font units) */
    char why[200];   /**< why the file cannot be used (for the warning) */
};

/** The shaping fonts of one document.  orr_shaper_new(); orr_shaper_free(). */
struct orr_shaper;

/**
 * Whom to tell about a character no font has.  @p fn is called with the
 * code point, why the fonts do not draw it and what the user can do; the
 * renderer says it once per document (it may be called again).
 */
struct orr_shape_warn {
    void (*fn)(void *ud, uint32_t cp, const char *reason, const char *fix); /**< MUST be set */
    void *ud;                                                               /**< passed to fn */
};

/**
 * @brief A shaper whose fonts are not loaded yet.
 * @param font_dir   folder of DejaVuSans.ttf and DejaVuSans-Bold.ttf (copied)
 * @param script_dir folder the script font names are relative to (copied)
 * @param fallback   the fallback font file (copied)
 * @return owned shaper, or NULL when out of memory.
 */
struct orr_shaper *orr_shaper_new(const char *font_dir, const char *script_dir,
                                  const char *fallback);

/** @brief Release @p sh and every font it loaded; NULL is a no-op. */
void orr_shaper_free(struct orr_shaper *sh);

/** @brief A HarfBuzz buffer for shaping, owned by @p sh (made on first need; NULL if no memory). */
hb_buffer_t *orr_shaper_buffer(struct orr_shaper *sh);

/**
 * @brief The file of @p slot in weight @p bold into @p out (@p n bytes);
 * @p faux set nonzero when it is a regular file to be emboldened.
 */
void orr_shaper_path(const struct orr_shaper *sh, int bold, int slot, char *out, size_t n,
                     int *faux);

/**
 * @brief The face of @p slot in weight @p bold, loaded on first need.
 * @return the face (owned by @p sh); its font member is NULL when the file is unusable.
 */
const struct orr_shape_face *orr_shaper_face(struct orr_shaper *sh, int bold, int slot);

/** @brief Nonzero when the face of @p slot loads and has a glyph for @p cp. */
int orr_shaper_has(struct orr_shaper *sh, int bold, int slot, uint32_t cp);

/**
 * @brief The family name of the regular face of @p slot (the font file's
 * own, e.g. "Noto Sans Arabic") into @p out, or "" when the file is
 * unusable or names none.
 */
void orr_shaper_family(struct orr_shaper *sh, int slot, char *out, size_t n);

/**
 * @brief The slot a character of script @p script with code point @p cp is
 * drawn from: the script's font, else DejaVu, else the fallback.  When none
 * has it, @p w is told, naming the reason, and the DejaVu slot is returned
 * (its .notdef box).
 */
int orr_shaper_pick(struct orr_shaper *sh, const struct orr_shape_warn *w, int bold,
                    hb_script_t script, uint32_t cp);

#endif /* ORR_SHAPE_FONTS_H */
