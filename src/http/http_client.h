/* SPDX-License-Identifier: MIT */
/**
 * @file http_client.h
 * @brief The client behind the opaque ::or_http (src/http only).
 *
 * Created and freed by http.c (or_http_new(), or_http_free()); the multi
 * loop (http_multi.h) and the transfers (http_transfer.h) read its
 * settings, use its curl handles and count into its statistics.  Strings
 * are GLib-allocated and owned by the client.
 */
#ifndef OR_HTTP_CLIENT_H
#define OR_HTTP_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>
#include <glib.h>

#include "http/http_types.h"

struct or_http_ratelimit;

/** The client.  One thread uses it at a time (the one in or_http_perform()). */
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
    long max_response_mb; /**< >= 1, for messages */
    size_t max_response;  /**< bytes: max_response_mb * 10^6 */
    long deadline_ms;     /**< per source; < 0: none */
    int64_t deadline_at;  /**< monotonic ms; INT64_MAX until or_http_deadline_start() */
    long low_speed_bytes; /**< >= 1 */
    long low_speed_s;     /**< < 0: off */
    int allow_insecure;   /**< credentials may go over plain http:// */
    CURLM *multi;         /**< owned multi handle */
    CURLSH *share;        /**< owned share of DNS, connections and TLS sessions */
    CURL **idle;          /**< easy handles kept for reuse; max_parallel slots, owned */
    size_t nidle;         /**< handles in idle */
    GRand *rand;          /**< jitter source, owned */
    struct or_http_ratelimit *ratelimit; /**< servers' windows (http_ratelimit.h), owned */
    struct or_http_stats stats;
    int busy; /**< inside or_http_perform() */
};

#endif /* OR_HTTP_CLIENT_H */
