/* SPDX-License-Identifier: MIT */
/**
 * @file orp_page.h
 * @brief Decoding one response body, with messages the host prefixes with
 * the source, instance and page.
 */
#ifndef ORP_PAGE_H
#define ORP_PAGE_H

#include <stddef.h>

#include <jansson.h>
#include <limits.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/** orp_page_load: accept any JSON value at the top (default: object or array). */
#define ORP_LOAD_ANY 0x1u
/** orp_page_load: require a JSON object at the top. */
#define ORP_LOAD_OBJECT 0x2u
/**
 * orp_page_load: when an integer does not fit 64 bits, decode again with
 * integers as reals, so one absurd counter costs that cell, not the body.
 */
#define ORP_LOAD_BIG_INT_AS_REAL 0x4u

/**
 * @brief Decode one page body.  Duplicate keys are allowed (last wins),
 * trailing garbage is refused, and jansson validates UTF-8, so invalid bytes
 * fail here rather than reaching the dataset.  Legal JSON that jansson or a
 * column cannot take costs only its value (orp_repair.h): an integer beyond
 * 64 bits is read as its digits (a string; as a real with
 * ORP_LOAD_BIG_INT_AS_REAL), a "\u0000" in a string becomes U+FFFD; each
 * kind is logged as a warning naming @p what, the same line for every page,
 * so the host prints it once.  A raw control character inside a string
 * (JSON forbids them, jansson refuses the body) is escaped and the body
 * decoded again, every row kept; the number escaped goes to the host
 * through ::or_host.count_repaired (ABI 2.2), which warns once a run.
 * @param h    the host, for the warning; NULL: no warning.
 * @param what the endpoint for the warning, e.g. "call-log".
 * @param opts ORP_LOAD_* flags.
 * @param out receives a new reference owned by the caller (json_decref).
 * @return OR_OK, or OR_ERR_PARSE with "empty response body", "invalid JSON
 * at line L column C: ..." or "response is not a JSON object" in @p err.
 */
or_status orp_page_load(const struct or_host *h, const char *what, const char *body, size_t len,
                        unsigned opts, json_t **out, char *err, size_t errlen);

/**
 * Largest count orp_page_count hands out.  A larger one reads as this: no
 * listing is that long, and the host refuses a count beyond its page limit
 * as runaway paging (a count taken for "none" would end paging early and
 * keep a broken server's first page as if complete).  Staying below it
 * means page arithmetic such as n + per_page - 1 or page + 1 cannot overflow.
 */
#define ORP_COUNT_MAX (LONG_MAX / 4)

/**
 * @brief A count or page number: a whole number from a JSON integer, an
 * integral real or decimal text, at most ORP_COUNT_MAX (larger ones read as
 * ORP_COUNT_MAX).
 * @return 1 and sets @p out, or 0 when absent or unusable (negative, not a
 *         whole number).
 */
int orp_page_count(const json_t *v, long *out);

/** @brief Reset @p info to "nothing known": -1 everywhere, has_more 0. */
void orp_page_info_reset(struct or_page_info *info);

#pragma GCC visibility pop

#endif /* ORP_PAGE_H */
