/* SPDX-License-Identifier: MIT */
/**
 * @file chart_utf8.h
 * @brief UTF-8 decoding and the text clean-up every string gets before it
 *        reaches libharu or cairo.
 *
 * libharu's UTF-8 encoder only knows the Basic Multilingual Plane and cairo
 * puts a context into an error state on invalid UTF-8, so report text is
 * copied through chart_utf8_clean() first: invalid bytes and code points
 * beyond U+FFFF become U+FFFD, control characters (tabs, newlines) become
 * spaces.  The result is always valid, NUL-terminated UTF-8.
 */
#ifndef OR_CHART_UTF8_H
#define OR_CHART_UTF8_H

#include <stddef.h>
#include <stdint.h>

/** The replacement character U+FFFD in UTF-8. */
#define CHART_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/**
 * @brief Decode the code point starting at byte @p *i of @p s.
 * @param s   UTF-8 bytes (not necessarily valid); borrowed
 * @param len number of bytes of @p s
 * @param i   in: offset of the code point; out: offset of the next one
 *            (always advanced by at least one byte while @p *i < @p len)
 * @return the code point, or 0xFFFD for an invalid or truncated sequence.
 */
uint32_t chart_utf8_next(const char *s, size_t len, size_t *i);

/**
 * @brief Copy @p len bytes of @p s into @p dst as clean UTF-8 (see the file comment).
 * @param dst       receives the NUL-terminated text
 * @param cap       size of @p dst; at least 4
 * @param s         source bytes, may be NULL when @p len is 0; borrowed
 * @param len       number of bytes of @p s
 * @param truncated set to 1 when @p s did not fit (cut at a code point
 *                  boundary), else 0; may be NULL
 * @return the length of the text in @p dst.
 */
size_t chart_utf8_clean(char *dst, size_t cap, const char *s, size_t len, int *truncated);

/**
 * @brief A malloc'd clean copy of the NUL-terminated @p s (NULL reads as "").
 * @return the copy, owned by the caller (free()), or NULL when out of memory.
 */
char *chart_utf8_dup(const char *s);

/**
 * @brief Offset of the code point boundary at or before @p n in valid UTF-8.
 */
size_t chart_utf8_floor(const char *s, size_t n);

/** @brief Nonzero when @p s (@p len bytes) is plain ASCII: DejaVu alone sets it. */
int chart_utf8_ascii(const char *s, size_t len);

#endif /* OR_CHART_UTF8_H */
