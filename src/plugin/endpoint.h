/* SPDX-License-Identifier: MIT */
/**
 * @file endpoint.h
 * @brief The members of ::or_endpoint added since ABI 2.2, read safely.
 *
 * Core only.  An endpoint declared by a plugin of an older minor is
 * smaller than this outreport's ::or_endpoint; every accessor here reads a
 * member only when ::OR_HAS_MEMBER says the plugin's struct has it, and
 * gives the member's "unset" value otherwise.  Everything returned is
 * borrowed from the plugin (static, mapped for the process's life).
 */
#ifndef OR_ENDPOINT_H
#define OR_ENDPOINT_H

#include <stddef.h>

#include "outreport/plugin.h"

/**
 * @brief What of the endpoint's table counts up to the fetch: ::or_endpoint.cumulative
 * as declared; when it is not declared, OR_CUMULATIVE_ALL_TIME for an endpoint
 * the store keeps as snapshots (::OR_KEEP_SNAPSHOT: totals up to the fetch),
 * else OR_CUMULATIVE_NONE.  The two members say one thing, so a plugin may
 * declare either (or_endpoint_check_lookups() refuses them disagreeing).
 */
enum or_cumulative or_endpoint_cumulative(const struct or_endpoint *ep);

/**
 * @brief How the store keeps the endpoint's rows: ::or_endpoint.keeping as
 * declared; when it is not declared, ::OR_KEEP_SNAPSHOT for all-time totals
 * (::OR_CUMULATIVE_ALL_TIME), else ::OR_KEEP_UNSAID (also before 2.2).
 */
enum or_keeping or_endpoint_keeping(const struct or_endpoint *ep);

/** @brief ::or_endpoint.cumulative_note, or NULL. */
const char *or_endpoint_cumulative_note(const struct or_endpoint *ep);

/** @brief "counters", "all_time", or NULL for OR_CUMULATIVE_NONE (names in documents and JSON). */
const char *or_cumulative_name(enum or_cumulative c);

/** @brief "control_characters": the name of a repair kind in manifest.json and --json. */
const char *or_repair_name(enum or_repair what);

/**
 * @brief What was done, for `-v` and the warning: "control characters (U+0000 to U+001F)
 * inside text values escaped".
 */
const char *or_repair_phrase(enum or_repair what);

/** @brief ::or_endpoint.lookup, or NULL. */
const struct or_endpoint *or_endpoint_lookup(const struct or_endpoint *ep);

/** @brief ::or_endpoint.lookup_needed, or NULL. */
or_lookup_needed_fn *or_endpoint_lookup_needed(const struct or_endpoint *ep);

/** @brief ::or_endpoint.lookup_fallback, or NULL. */
const char *or_endpoint_lookup_fallback(const struct or_endpoint *ep);

/** @brief ::or_endpoint.auth_failure, or NULL. */
or_auth_failure_fn *or_endpoint_auth_failure(const struct or_endpoint *ep);

/**
 * @brief Check the 2.2 members of the endpoints of @p pv: a known
 * cumulative kind that agrees with how the store keeps the rows (all-time
 * totals are snapshots, not records or period aggregates; a snapshot is not
 * a table of counters), and a lookup that is one of the provider's own
 * endpoints and has no lookup of its own.
 * @return OR_OK, or OR_ERR_PLUGIN with @p err naming the endpoint.
 */
or_status or_endpoint_check_lookups(const struct or_provider *pv, char *err, size_t errlen);

#endif
