/* SPDX-License-Identifier: MIT */
/**
 * @file orp_repair.h
 * @brief Values that jansson refuses or that no column can hold: an
 * integer beyond 64 bits, a "\u0000" inside a string (both legal JSON), and
 * a raw control character (U+0000 to U+001F) inside a string, which JSON
 * forbids but some vendors send (a tab or a newline in a call transcription
 * or a note).  One such value must cost that value, not the page (and so
 * the source): the integer is kept as its digits (a string), the NUL
 * becomes U+FFFD, the control character is escaped and the body decoded
 * again, every row kept.  orp_page_load() applies them.
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
 * @brief A copy of JSON text @p body in which every raw control character
 * (bytes 0x00 to 0x1F) inside a string is escaped: \\b \\f \\n \\r \\t, else
 * \\u00XX; a NUL byte becomes U+FFFD (\\ufffd), as text cannot hold it.
 * Bytes outside strings are copied as they are.
 * @param out_len receives the copy's length.
 * @param count   receives the number of characters escaped.
 * @return The copy (free()), NUL-terminated; NULL when out of memory.
 */
char *orp_repair_controls(const char *body, size_t len, size_t *out_len, long *count);

/**
 * @brief Replace every NUL character inside the strings of @p root (values,
 * not keys) by U+FFFD, so text never ends early in the dataset.
 * @return The number of strings changed.
 */
long orp_repair_nul(json_t *root);

#pragma GCC visibility pop

#endif /* ORP_REPAIR_H */
