/* SPDX-License-Identifier: MIT */
/**
 * @file orp_number.h
 * @brief Numbers from JSON values and from decimal text.
 *
 * Vendors send counters as integers, as reals and as decimal text ("419",
 * " 4.19e2 ", what a serializer of Decimal fields produces).  Each provider
 * picks how lenient its integer columns are with ORP_INT_* rules.
 */
#ifndef ORP_NUMBER_H
#define ORP_NUMBER_H

#include <stdint.h>

#include <jansson.h>

#pragma GCC visibility push(hidden)

/** orp_int_value: round reals half away from zero (else only whole reals count). */
#define ORP_INT_ROUND 0x1u
/** orp_int_value: accept decimal text written as a real ("4.19e2"), like a real. */
#define ORP_INT_TEXT_REAL 0x2u
/** orp_int_value: accept reals only below 2^53 in magnitude (else below 2^63). */
#define ORP_INT_SAFE53 0x4u

/**
 * @brief A number from JSON-style decimal text ([-+]d+[.d*][e[+-]d+], also
 * ".5"), with optional surrounding blanks.  Stricter than strtod, which also
 * takes hex, "inf" and "nan".
 * @param i set when the text is a plain integer within int64 (then *is_int is 1).
 * @param r always set on success.
 * @return 1 on success, 0 when @p s is blank or not such a number.
 */
int orp_number_text(const char *s, int64_t *i, double *r, int *is_int);

/**
 * @brief An int64 from a JSON integer, a real or decimal text, under
 * ORP_INT_* @p rules.  Integers and integer text are always accepted; a
 * real must lie strictly inside ±2^63 (±2^53 with ORP_INT_SAFE53) and be
 * whole unless ORP_INT_ROUND; real-looking text counts only with
 * ORP_INT_TEXT_REAL, and then like a real.
 * @return 1 and sets @p out, or 0.
 */
int orp_int_value(const json_t *v, unsigned rules, int64_t *out);

#pragma GCC visibility pop

#endif /* ORP_NUMBER_H */
