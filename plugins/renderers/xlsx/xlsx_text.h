/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_text.h
 * @brief UTF-8 text as Excel needs it: display width, URL test, fitting.
 *
 * Excel holds at most 32,767 UTF-16 code units in a cell and needs valid
 * XML characters.  These helpers measure and repair text without touching
 * libxlsxwriter, so they are easy to reason about on their own.
 */
#ifndef OR_XLSX_TEXT_H
#define OR_XLSX_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/status.h"

/** Excel's limit for the text of one cell, in UTF-16 code units. */
#define XLSX_TEXT_MAX 32767

/** The mark appended to text cut to fit ("…", U+2026). */
#define XLSX_ELLIPSIS "\xE2\x80\xA6"

/**
 * @brief Decode the code point at @p s[*i] and advance @p *i past it.
 * @return the code point, or -1 for a byte that does not start a valid,
 *         shortest-form sequence (then @p *i advances by one byte).
 */
long xlsx_utf8_next(const char *s, size_t len, size_t *i);

/** @brief Number of UTF-16 code units of code point @p cp (1 or 2). */
size_t xlsx_utf16_units(long cp);

/**
 * @brief Width of text in Excel character units: East Asian wide and
 *        full-width characters count 2, combining marks 0; of several
 *        lines the longest counts.
 */
double xlsx_text_width(const char *s, size_t len);

/**
 * @brief Nonzero when @p s is an http:// or https:// URL (any case) with a
 *        host and no whitespace or control characters.
 */
int xlsx_text_is_url(const char *s, size_t len);

/**
 * @brief Make text a cell can hold.
 *
 * Invalid UTF-8 and the non-characters U+FFFE/U+FFFF become U+FFFD, NUL
 * bytes are dropped, and text longer than @p max_units UTF-16 units is cut
 * at a character boundary to @p max_units - 1 units followed by "…".
 *
 * @param s          text, @p len bytes
 * @param max_units  limit in UTF-16 units (at least 2)
 * @param out        set to NULL when @p s (NUL-terminated at @p len) can be
 *                   used as it is; otherwise to a malloc'd, NUL-terminated
 *                   copy owned by the caller (free())
 * @param truncated  set to nonzero when the text was cut
 * @return OR_OK or OR_ERR_NOMEM
 */
or_status xlsx_text_fit(const char *s, size_t len, size_t max_units, char **out, int *truncated);

#endif /* OR_XLSX_TEXT_H */
