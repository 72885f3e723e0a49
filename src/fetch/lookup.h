/* SPDX-License-Identifier: MIT */
/**
 * @file lookup.h
 * @brief An endpoint's lookup (::or_endpoint.lookup): another table of the
 * same provider, fetched before the first request of a fetch and handed to
 * the provider through ::or_query.lookup.
 *
 * Core only.  A lookup is fetched with no parameters and no period, into
 * memory (it is small: a disposition list, a sequence list), through the
 * same paging loop, HTTP client, recording and replay as any source.  A
 * ::or_lookup_cache shares each lookup between the sources of a run, so a
 * run fetches it, and warns about it, once.
 *
 * When the lookup cannot be read: refused credentials fail the fetch (its
 * own requests would be refused too); anything else fails it unless the
 * endpoint declares a ::or_endpoint.lookup_fallback, in which case the
 * host logs one warning and the provider sees ::or_lookup.failed.
 */
#ifndef OR_LOOKUP_H
#define OR_LOOKUP_H

#include "fetch/fetch.h"

/** Lookups of one run, by "provider.endpoint".  Owned; free with or_lookup_cache_free(). */
struct or_lookup_cache;

/** @brief A new, empty cache. */
struct or_lookup_cache *or_lookup_cache_new(void);

/** @brief Free the cache and every lookup in it; NULL is a no-op. */
void or_lookup_cache_free(struct or_lookup_cache *c);

/**
 * @brief The lookup @p req's endpoint needs for query @p q (asked through
 * @p host), fetched now or taken from @p cache.
 * @param cache where lookups are kept; NULL: a private one, which @p *own
 *        receives (free it with or_lookup_cache_free() after the fetch).
 * @param out receives the rows (borrowed from the cache), or NULL when the
 *        endpoint has no lookup or does not need it.
 * @return OR_OK (also for a failed lookup with a fallback, then
 *         (*out)->failed says why); else the lookup's error, with @p err
 *         naming the lookup and the source that needed it.
 */
or_status or_fetch_lookup(const struct or_fetch_request *req, const struct or_host *host,
                          const struct or_query *q, struct or_lookup_cache *cache,
                          struct or_lookup_cache **own, const struct or_lookup **out, char *err,
                          size_t errlen);

#endif
