/* SPDX-License-Identifier: MIT */
/**
 * @file http_private.h
 * @brief Internals shared by http.c, http_retry.c and http_record.c.
 *
 * Not part of any API: only the three files of the HTTP client (and its unit
 * test) include this header.  The retry and record helpers are pure or
 * file-system-only functions so that tests can drive them directly.
 */
#ifndef OR_HTTP_PRIVATE_H
#define OR_HTTP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>
#include <glib.h>

#include "http.h"

/** The client behind the opaque ::or_http. */
struct or_http {
    long connect_timeout_ms;
    long timeout_ms;
    int max_retries;          /**< retries after the first try, >= 0 */
    long backoff_base_ms;     /**< >= 0 */
    long backoff_max_ms;      /**< >= 0 */
    int max_parallel;         /**< >= 1 */
    char *record_dir;         /**< owned, or NULL */
    char *replay_dir;         /**< owned, or NULL */
    char *ca_file;            /**< owned, or NULL */
    CURLM *multi;
    CURLSH *share;
    CURL **idle;              /**< easy handles kept for reuse; max_parallel slots */
    size_t nidle;
    GRand *rand;              /**< jitter source */
    struct or_http_stats stats;
    int busy;                 /**< inside or_http_perform() */
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
or_status or_http_record_save(const char *dir, const struct or_http_request *req,
                              const char *key, long status, const char *content_type,
                              const char *body, size_t len, char *err, size_t errlen);

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

#endif /* OR_HTTP_PRIVATE_H */
