/* SPDX-License-Identifier: MIT */
/**
 * @file orp_repair.h
 * @brief Values that are legal JSON but that jansson refuses or that no
 * column can hold: an integer beyond 64 bits, a "\u0000" inside a string.
 * One such value must cost that value, not the page (and so the source):
 * the integer is kept as its digits (a string), the NUL becomes U+FFFD.
 */
#ifndef ORP_REPAIR_H
#define ORP_REPAIR_H

#include <stddef.h>

#include <jansson.h>

#pragma GCC visibility push(hidden)

/**
 * @brief A copy of the JSON text @p body in which every integer literal
 * outside strings that does not fit 64 bits is quoted ("1234...": a
 * string), so jansson reads it and a text column keeps every digit.
 * @param out_len  receives the copy's length.
 * @param count    receives the number of integers quoted.
 * @return The copy (free()), NUL-terminated; NULL when out of memory.
 */
char *orp_repair_big_ints(const char *body, size_t len, size_t *out_len, long *count);

/**
 * @brief Replace every NUL character inside the strings of @p root (values,
 * not keys) by U+FFFD, so text never ends early in the dataset.
 * @return The number of strings changed.
 */
long orp_repair_nul(json_t *root);

#pragma GCC visibility pop

#endif /* ORP_REPAIR_H */
