/* SPDX-License-Identifier: MIT */
/**
 * @file orp_error.h
 * @brief The vendor's own words from an HTTP error body, as one line.
 *
 * The message is written as one line of valid UTF-8: control characters
 * become spaces and truncation never splits a character.
 */
#ifndef ORP_ERROR_H
#define ORP_ERROR_H

#include <stddef.h>

#include <jansson.h>

#pragma GCC visibility push(hidden)

/**
 * @brief The vendor's message of a decoded body: @p root itself when it is
 * a string; else, for each member named in @p keys in turn, that member as a
 * non-empty string or list of strings (joined by "; "), or, when it is an
 * object, its first member named in @p nested that is one.
 * @param keys NULL-terminated member names, in order of preference.
 * @param nested NULL-terminated member names looked up inside an object.
 * @return nonzero if a message was found (else @p buf is "").
 */
int orp_vendor_message(const json_t *root, const char *const *keys, const char *const *nested,
                       char *buf, size_t n);

/**
 * @brief orp_vendor_message of @p body decoded with jansson @p flags
 * (e.g. JSON_DECODE_ANY).  A body that is not JSON has no message.
 * @return nonzero if a message was found.
 */
int orp_error_message(const char *body, size_t len, size_t flags, const char *const *keys,
                      const char *const *nested, char *buf, size_t n);

#pragma GCC visibility pop

#endif /* ORP_ERROR_H */
