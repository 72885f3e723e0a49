/* SPDX-License-Identifier: MIT */
/**
 * @file orp_lookup.h
 * @brief Reading an endpoint's lookup (::or_query.lookup, ABI 2.2): the
 * rows of another table the host fetched before the first request.
 */
#ifndef ORP_LOOKUP_H
#define ORP_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/**
 * @brief The lookup of @p q, or NULL when there is none: the endpoint has
 * no lookup, did not need it, or runs under a host older than ABI 2.2.
 * A failed lookup is returned too (its `failed` is set, it has no rows).
 */
const struct or_lookup *orp_lookup(const struct or_host *h, const struct or_query *q);

/** @brief Index of column @p name of @p lk, or -1. */
long orp_lookup_column(const struct or_lookup *lk, const char *name);

/** @brief The first row whose INT (or BOOL) column @p col is @p v, or NULL. */
const struct or_value *orp_lookup_find_int(const struct or_lookup *lk, long col, int64_t v);

/** @brief The first row whose TEXT column @p col equals @p s, or NULL. */
const struct or_value *orp_lookup_find_text(const struct or_lookup *lk, long col, const char *s);

/** @brief Text of cell @p col of @p row, or NULL when NULL or not text. */
const char *orp_lookup_text(const struct or_value *row, long col);

#pragma GCC visibility pop

#endif /* ORP_LOOKUP_H */
