/* SPDX-License-Identifier: MIT */
/**
 * @file http_cache.h
 * @brief The on-disk response cache of the HTTP client (src/http only).
 *
 * Keys, the private directory, and entries that are served only while
 * fresh and intact; see the cache paragraph of http.h for the contract.
 */
#ifndef OR_HTTP_CACHE_H
#define OR_HTTP_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "http/http_types.h"

/**
 * @brief Compute the cache key of a request into 64 hex characters plus NUL.
 *
 * SHA-256 over a format tag, the base URL, method, path and query and body
 * (each length-prefixed, so no two requests run together into one key), and
 * the hex SHA-256 of the names and values of the request's secret headers.
 * Unlike or_http_request_key() the base URL and credentials matter: two
 * hosts or two accounts never share an entry.
 */
void or_http_cache_key(const struct or_http_request *req, char hex[65]);

/**
 * @brief Create the cache directory @p dir (mode 0700, parents too), or
 * check an existing one: it must be a directory owned by the effective user;
 * group and other permissions are removed.
 *
 * @return OR_OK; OR_ERR_IO with @p err filled (naming @p dir).
 */
or_status or_http_cache_open(const char *dir, char *err, size_t errlen);

/**
 * @brief Look an entry up.
 *
 * An entry is served when its metadata is valid, its status 2xx, its
 * `created` time in [now_s - ttl_s + 1, now_s] and its body file matches the
 * size and SHA-256 recorded in the metadata.  Expired and broken entries are
 * deleted.
 *
 * @param max   The largest body served, in bytes; a larger entry is a miss
 *              (and deleted) without being read.
 * @param body  Receives the NUL-terminated body on OR_OK; owned, g_free().
 * @return OR_OK on a hit; OR_ERR_NOT_FOUND on a miss (absent, expired,
 *         too large or broken entry).
 */
or_status or_http_cache_load(const char *dir, const char *key, long ttl_s, int64_t now_s,
                             size_t max, long *status, char **body, size_t *len);

/**
 * @brief Store a 2xx response as `<key>.body` and `<key>.meta` in @p dir,
 * replacing any entry of that key.
 *
 * Nothing is stored (and OR_OK returned) for a status outside 2xx or a body
 * that contains a registered secret: the cache serves bodies unchanged, so a
 * secret in one could only be kept by writing it.
 *
 * @param now_s  The entry's `created` time, in seconds since the epoch.
 * @return OR_OK; OR_ERR_IO or OR_ERR_NOMEM with @p err filled.
 */
or_status or_http_cache_store(const char *dir, const struct or_http_request *req, const char *key,
                              int64_t now_s, long status, const char *content_type,
                              const char *body, size_t len, char *err, size_t errlen);

#endif /* OR_HTTP_CACHE_H */
