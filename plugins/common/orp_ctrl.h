/* SPDX-License-Identifier: MIT */
/**
 * @file orp_ctrl.h
 * @brief Raw control characters inside JSON strings.
 *
 * JSON forbids the characters U+0000 to U+001F unescaped inside strings,
 * and jansson refuses the whole body for one of them.  Some vendors send
 * them anyway (a tab or a vertical tab in a call transcription or a note).
 * One such character must cost nothing: the body is escaped and decoded
 * again, every row kept, and the host counts what was repaired.
 */
#ifndef ORP_CTRL_H
#define ORP_CTRL_H

#include <stddef.h>

#include <jansson.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/**
 * @brief A copy of JSON text @p body in which every raw control character
 * (bytes 0x00 to 0x1F) inside a string is escaped: \\b \\f \\n \\r \\t, else
 * \\u00XX; a NUL byte becomes U+FFFD (\\ufffd), as text cannot hold it.
 * Bytes outside strings are copied as they are.
 * @param out_len receives the copy's length.
 * @param count   receives the number of characters escaped.
 * @return The copy (free()), NUL-terminated; NULL when out of memory.
 */
char *orp_escape_controls(const char *body, size_t len, size_t *out_len, long *count);

/**
 * @brief orp_page_load(), and when jansson refuses the body for a raw
 * control character inside a string (a raw newline included: jansson
 * calls it an "unexpected newline"), orp_escape_controls() and
 * orp_page_load() again.  The number escaped goes to the host through
 * ::or_host.count_repaired (ABI 2.2); the host warns once.
 * @return as orp_page_load(); OR_ERR_NOMEM when the copy cannot be made.
 */
or_status orp_page_decode(const struct or_host *h, const char *body, size_t len, unsigned opts,
                          json_t **out, char *err, size_t errlen);

#pragma GCC visibility pop

#endif /* ORP_CTRL_H */
