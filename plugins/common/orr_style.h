/* SPDX-License-Identifier: MIT */
/**
 * @file orr_style.h
 * @brief What the document renderers (PDF, XLSX, HTML) share about colour: the
 *        chart palette a brand's accent gives, and the colour conditional
 *        formatting (::or_cond) gives a value.
 *
 * Compiled into each renderer (plugins/meson.build, orr_dep); plain
 * functions of their arguments, no state.
 */
#ifndef ORR_STYLE_H
#define ORR_STYLE_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Colours of a chart palette. */
#define ORR_PALETTE_SIZE 8

/** Excel's "good" and "bad" cell styles, which the PDF uses too. */
#define ORR_GOOD_FILL 0xC6EFCEu
#define ORR_GOOD_TEXT 0x006100u
#define ORR_BAD_FILL 0xFFC7CEu
#define ORR_BAD_TEXT 0x9C0006u

/**
 * @brief The chart palette of accent @p accent (0xRRGGBB): the accent
 * first, then seven colours of its saturation and lightness (lightness kept
 * between 35 % and 60 %, so each stays visible on white) at hues spread
 * around the colour wheel from it, the most distant first.
 */
void orr_palette(uint32_t accent, uint32_t out[ORR_PALETTE_SIZE]);

/** @brief @p a and @p b (0xRRGGBB) mixed channel by channel: @p t of @p b (clamped to 0..1). */
uint32_t orr_mix(uint32_t a, uint32_t b, double t);

/** What conditional formatting makes of one value. */
struct orr_cond_look {
    int filled;       /**< nonzero: the cell gets background @c fill */
    uint32_t fill;    /**< background colour */
    int text_set;     /**< nonzero: the text gets colour @c text */
    uint32_t text;    /**< text colour (THRESHOLD) */
    double bar;       /**< BARS: the bar's length as a share of the cell, 0 to 1; else 0 */
    uint32_t bar_rgb; /**< BARS: its colour, lightened for text on it */
};

/**
 * @brief The number a conditional format judges in cell @p v: INT, BOOL and
 * REAL values; NaN for NULL and every other type (which get no look).
 */
double orr_cond_number(const struct or_value *v);

/** @brief Whether @p v passes test @p t (an unset test never passes). */
int orr_cond_test(const struct or_cond_test *t, double v);

/**
 * @brief The look of value @p v under @p c (NULL: none).  A value that is
 * not finite gets none.
 */
void orr_cond_look(const struct or_cond *c, double v, struct orr_cond_look *out);

#endif
