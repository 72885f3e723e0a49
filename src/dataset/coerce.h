/* SPDX-License-Identifier: MIT */
/**
 * @file coerce.h
 * @brief A provider's value as the type of its column: the one conversion.
 *
 * Core only.  A provider may set a value of another type than its column's
 * (text into an int column, a number into a text one).  The dataset's table
 * writer and a fetch's stream (fetch/stream.h) both convert such a value
 * here, once, before it is stored or handed to a renderer, so a value reads
 * the same whichever way it travels, and SQLite's column affinity finds
 * nothing left to convert.
 *
 * To TEXT: integers in decimal, reals with 15 significant digits and a
 * ".0" on whole numbers ("2.0", "1.0e+20").  To REAL: integers exactly, text
 * by its leading number (0 when there is none).  To INT, BOOL and TIME:
 * reals truncated toward zero (saturating at the ends of the range), text by
 * its leading integer, or by its leading number when a fraction or exponent
 * follows ("12abc" 12, "1e3" 1000, "hello" 0).
 */
#ifndef OR_COERCE_H
#define OR_COERCE_H

#include "dataset/rows.h"
#include "outreport/plugin.h"

/** Bytes of the buffer a number turned into text is written to. */
#define OR_COERCE_TEXT 40

/**
 * @brief The value of @p cell as type @p type, into @p v (never NULL): its
 * type, is_null 0, and the members that type uses (s and len for TEXT, r
 * for REAL, i and r for the others); the others are left as they are.
 * @param text the cell's text when it is a TEXT cell (borrowed; v->s may
 *        point to it), else ignored.
 * @param num a caller's buffer of ::OR_COERCE_TEXT bytes for a number turned
 *        into text: v->s then points into it until it is used again.
 */
void or_coerce_cell(const struct or_cell *cell, const char *text, enum or_type type,
                    char num[OR_COERCE_TEXT], struct or_value *v);

#endif
