/* SPDX-License-Identifier: MIT */
/**
 * @file http_retry.h
 * @brief The retry policy of the HTTP client: what is retried and how long
 * to wait (src/http only).  Pure functions, so tests drive them directly.
 */
#ifndef OR_HTTP_RETRY_H
#define OR_HTTP_RETRY_H

#include <stdint.h>

#include <curl/curl.h>

#include "outreport/status.h"

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
 * @param delay_ms     Receives the delay in ms on OR_OK (0 for a date in
 *                     the past; not capped, LONG_MAX at most).
 * @return OR_OK; OR_ERR_PARSE when the value is neither form (then
 *         @p delay_ms is untouched).
 */
or_status or_http_parse_retry_after(const char *value, int64_t now_real_ms, long *delay_ms);

/** @brief Standard reason phrase of an HTTP status, or NULL when unknown.  Static. */
const char *or_http_reason(long status);

#endif /* OR_HTTP_RETRY_H */
