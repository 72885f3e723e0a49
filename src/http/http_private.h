/* SPDX-License-Identifier: MIT */
/**
 * @file http_private.h
 * @brief Internals shared by http.c, http_retry.c, http_record.c and
 * http_cache.c.
 *
 * Not part of any API: only the files of the HTTP client (and its unit
 * tests) include this header.  The retry and record helpers are pure or
 * file-system-only functions so that tests can drive them directly.
 */
#ifndef OR_HTTP_PRIVATE_H
#define OR_HTTP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>
#include <glib.h>

#include "http/http.h"

/** The client behind the opaque ::or_http. */
struct or_http {
    long connect_timeout_ms;
    long timeout_ms;
    int max_retries;      /**< retries after the first try, >= 0 */
    long backoff_base_ms; /**< >= 0 */
    long backoff_max_ms;  /**< >= 0 */
    int max_parallel;     /**< >= 1 */
    char *record_dir;     /**< owned, or NULL */
    char *replay_dir;     /**< owned, or NULL */
    char *ca_file;        /**< owned, or NULL */
    char *cache_dir;      /**< owned, or NULL when the cache is off (or bypassed) */
    long cache_ttl_s;     /**< >= 1 */
    CURLM *multi;
    CURLSH *share;
    CURL **idle; /**< easy handles kept for reuse; max_parallel slots */
    size_t nidle;
    GRand *rand; /**< jitter source */
    struct or_http_stats stats;
    int busy; /**< inside or_http_perform() */
};

/**
 * @brief Whether a final HTTP status is worth another try (429, 500, 502,
 * 503, 504).
 */
int or_http_status_retryable(long status);

/**
 * @brief Whether a libcurl transfer error is a transient connection problem
 * worth another try (refused, timed out, reset, empty reply, body cut short).
 * TLS and DNS errors are final.
 */
int or_http_curl_retryable(CURLcode rc);

/**
 * @brief Full-jitter exponential backoff before retry number @p retry.
 *
 * @param base_ms  First backoff; doubles per retry.
 * @param max_ms   Cap of the doubled value.
 * @param retry    0 for the first retry, 1 for the second, ...
 * @param unit     A uniform random number in [0, 1).
 * @return A delay in [0, min(max_ms, base_ms * 2^retry)] milliseconds.
 */
long or_http_backoff_ms(long base_ms, long max_ms, int retry, double unit);

/**
 * @brief Parse a Retry-After header value into a delay.
 *
 * @param value        Text after the colon, white space and CRLF allowed;
 *                     delta-seconds or an HTTP-date.  Borrowed.
 * @param now_real_ms  Wall-clock time now, in ms since the epoch (for the
 *                     HTTP-date form).
 * @return The delay in ms (0 for a date in the past, uncapped), or -1 when
 *         the value is neither form.
 */
long or_http_parse_retry_after(const char *value, int64_t now_real_ms);

/** @brief Standard reason phrase of an HTTP status, or NULL when unknown. */
const char *or_http_reason(long status);

/**
 * @brief Save one successful exchange under @p dir as `<key>.body` and
 * `<key>.json`, each written to a temporary file and renamed into place.
 *
 * Registered secrets are replaced by "***" in the metadata and, when the
 * body is text, in the saved body; headers are never saved.
 *
 * @return OR_OK; OR_ERR_IO or OR_ERR_NOMEM with @p err filled.
 */
or_status or_http_record_save(const char *dir, const struct or_http_request *req, const char *key,
                              long status, const char *content_type, const char *body, size_t len,
                              char *err, size_t errlen);

/**
 * @brief Load a recorded exchange from @p dir.
 *
 * @param body  Receives a malloc'd, NUL-terminated body on OR_OK.
 * @return OR_OK; OR_ERR_NOT_FOUND when `<key>.json` does not exist (the
 *         caller names the request); OR_ERR_REPLAY when the entry is broken,
 *         OR_ERR_NOMEM; @p err filled on errors other than OR_ERR_NOT_FOUND.
 */
or_status or_http_replay_load(const char *dir, const char *key, long *status, char **body,
                              size_t *len, char *err, size_t errlen);

/** @brief `<dir>/<name><suffix>`, malloc'd (free()), or NULL when out of memory. */
char *or_http_entry_path(const char *dir, const char *name, const char *suffix);

/**
 * @brief Write @p len bytes to `<dir>/<name><suffix>` through a temporary
 * file (mode 0600, from mkstemp) in the same directory, renamed into place,
 * so that readers never see a half-written file.
 *
 * @return OR_OK; OR_ERR_IO or OR_ERR_NOMEM with @p err filled.
 */
or_status or_http_write_atomic(const char *dir, const char *name, const char *suffix,
                               const char *data, size_t len, char *err, size_t errlen);

/**
 * @brief Read a whole file.
 *
 * @param out  Receives a malloc'd buffer, NUL-terminated after @p out_len
 *             bytes, on success.
 * @return 0, or -1 with errno set (ENOENT, ENOMEM, EIO, ...).
 */
int or_http_read_file(const char *path, char **out, size_t *out_len);

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
 * @param body  Receives a malloc'd, NUL-terminated body on OR_OK.
 * @return OR_OK on a hit; OR_ERR_NOT_FOUND on a miss (absent, expired or
 *         broken entry); OR_ERR_NOMEM.
 */
or_status or_http_cache_load(const char *dir, const char *key, long ttl_s, int64_t now_s,
                             long *status, char **body, size_t *len);

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

#endif /* OR_HTTP_PRIVATE_H */
