/* SPDX-License-Identifier: MIT */
/**
 * @file orr_shape.h
 * @brief Text in scripts that need shaping or right-to-left order (Arabic,
 *        Hebrew, Devanagari and the other Indic scripts, Thai, Hangul...):
 *        reordered with FriBidi, split into runs of one font and one
 *        direction, shaped with HarfBuzz into glyph runs that the caller
 *        draws (the PDF as vector paths, the HTML's chart pictures with
 *        cairo).
 *
 * One string is taken apart once (orr_shape_text_make()) and laid out any
 * number of times (orr_shape_layout()), measuring or drawing.  The base
 * direction of a string follows its first strong letter (FriBidi's
 * FRIBIDI_PAR_ON); marks stay with their letters (a right-to-left run is
 * simply reversed).  Fonts: orr_shape_fonts.h.  Strings must be valid UTF-8
 * (an invalid byte reads as U+FFFD).
 */
#ifndef ORR_SHAPE_H
#define ORR_SHAPE_H

#include <stddef.h>
#include <stdint.h>

#include <fribidi.h>
#include <hb.h>

#include "orr_shape_fonts.h"

/**
 * @brief Nonzero when @p len bytes of @p s hold a character that must be
 * shaped: one of a script that needs shaping or is written right to left,
 * a bidi control, or one beyond U+FFFF.  ASCII is answered without looking
 * at a character.
 */
int orr_shape_needed(const char *s, size_t len);

/** A string taken apart: characters, bidi levels, visual order and font runs. */
struct orr_shape_text {
    FriBidiChar *cp;       /**< logical order; owns the one allocation of every array */
    FriBidiCharType *type; /**< bidi types */
    FriBidiBracketType *bracket;
    FriBidiLevel *level;  /**< resolved embedding levels */
    FriBidiStrIndex *map; /**< visual position -> logical index */
    int *slot;            /**< font slot of each character (orr_shape_fonts.h) */
    int *run;             /**< run of each character */
    int n;                /**< characters */
    int rtl;              /**< nonzero when the base direction is right to left */
    int bold;             /**< the weight the fonts were picked in */
};

/**
 * @brief Decode @p len bytes of @p s, resolve levels and visual order, pick
 * the font of each character in weight @p bold (telling @p w about one no
 * font has) and split into runs.
 * @return 0, or -1 when out of memory (@p t then holds nothing).  Release
 *         with orr_shape_text_free().
 */
int orr_shape_text_make(struct orr_shape_text *t, struct orr_shaper *sh,
                        const struct orr_shape_warn *w, int bold, const char *s, size_t len);

/** @brief Release @p t and zero it; safe on a zeroed struct. */
void orr_shape_text_free(struct orr_shape_text *t);

/**
 * Called by orr_shape_layout() for each run, in visual order, to draw it.
 * @param ud   the caller's
 * @param slot the run's font slot
 * @param face the run's face (borrowed; its font is loaded)
 * @param gi   @p n shaped glyphs (codepoint is the glyph id), left to right
 * @param gp   their positions, in font units
 * @param x    where the run starts (the pen of its first glyph), in the caller's units
 * @param k    the caller's units per font unit (size / upem)
 */
typedef void orr_shape_run_fn(void *ud, int slot, const struct orr_shape_face *face,
                              const hb_glyph_info_t *gi, const hb_glyph_position_t *gp, unsigned n,
                              float x, float k);

/**
 * @brief Lay @p t out at @p size from @p x, run by run in visual order,
 * calling @p draw (when not NULL) for each.
 * @return the width, in the units of @p size.
 */
float orr_shape_layout(const struct orr_shape_text *t, struct orr_shaper *sh, float size, float x,
                       orr_shape_run_fn *draw, void *ud);

#endif /* ORR_SHAPE_H */
