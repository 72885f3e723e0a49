/* SPDX-License-Identifier: MIT */
/**
 * @file http_types.h
 * @brief The types of the HTTP client's API: options, requests, responses,
 * the completion callback and statistics (core only).
 *
 * Separate from http.h so that the client's own modules (the transfer,
 * the multi loop, record/replay, the cache) use them without including the
 * client they are part of.  Everything the client hands out is allocated
 * with GLib: release it with g_free().
 */
#ifndef OR_HTTP_TYPES_H
#define OR_HTTP_TYPES_H

#include <stddef.h>

#include "outreport/status.h"

/** Options of a client.  Zero values mean the documented default. */
struct or_http_options {
    long connect_timeout_ms; /**< default 10000 */
    long timeout_ms;         /**< whole-transfer timeout, default 120000 */
    int max_retries;         /**< retries after the first try, default 5 */
    long backoff_base_ms;    /**< first backoff, default 500; doubles each retry */
    long backoff_max_ms;     /**< backoff cap, default 30000; also caps Retry-After */
    int max_parallel;        /**< transfers in flight, default 6 */
    const char *record_dir;  /**< save exchanges here, or NULL; borrowed */
    const char *replay_dir;  /**< serve exchanges from here, or NULL; borrowed */
    const char *ca_file;     /**< extra CA bundle (CURLOPT_CAINFO), or NULL */
    /**
     * Response cache directory, or NULL for no cache; borrowed.  Created
     * with mode 0700 (parents too) by or_http_new(); an existing directory
     * open to group or others is tightened to 0700, and one owned by another
     * user is refused (OR_ERR_IO).  Ignored, and not touched, while
     * `record_dir` or `replay_dir` is set: a recording holds real exchanges
     * only and a replay never looks elsewhere.
     *
     * Entries are `<key>.body` (the response bytes as received) and
     * `<key>.meta` (JSON: created, status, content_type, method, path_query
     * with registered secrets as "***", body_size, body_sha256), files of
     * mode 0600 each written to a temporary file and renamed.  Only final 2xx
     * responses are stored, and never one whose body contains a registered
     * secret; failing to store an entry does not fail the request.  Missing,
     * corrupt or partial entries are misses.
     */
    const char *cache_dir;
    /**
     * Time to live of a cache entry in seconds, by the `created` time in its
     * metadata (not the file's mtime): default 900 when 0, negative values
     * are OR_ERR_INVALID.  An entry created in the future counts as expired.
     * Expired entries are deleted when met and replaced after the refetch.
     */
    long cache_ttl_s;
    /**
     * Largest response body accepted, in MB of 10^6 bytes, counted after
     * gzip/deflate decoding and enforced while it arrives: a longer body, or
     * a Content-Length above it, fails that request (not retried) with a
     * message naming `[http] max_response_mb`.  Replayed and cached bodies
     * obey it too.  Default 256 when 0.
     */
    long max_response_mb;
    /**
     * Time allowed for one source, from or_http_deadline_start() on, in ms:
     * no try starts after it, a try in flight is cut at it, and a retry
     * that would wait past it fails at once.  Default 3600000 (one hour)
     * when 0; negative: no deadline.
     */
    long deadline_ms;
    /**
     * A try that receives fewer than `low_speed_bytes` bytes per second
     * over `low_speed_s` seconds is dropped like a silent one
     * (CURLOPT_LOW_SPEED_LIMIT/TIME).  Defaults 100 and 60 when 0;
     * negative low_speed_s: no such limit.
     */
    long low_speed_bytes;
    long low_speed_s; /**< see low_speed_bytes */
    /**
     * Nonzero: credentials (secret headers) may travel over plain http:// to
     * any host.  Otherwise such a request is refused unless its host is
     * loopback (127.0.0.0/8, ::1, localhost).
     */
    int allow_insecure;
};

/** One header of a request. */
struct or_http_header {
    const char *name;
    const char *value;
    int secret; /**< nonzero: redacted in logs, never recorded */
};

/** One request.  Everything is borrowed for the duration of or_http_perform(). */
struct or_http_request {
    const char *method;     /**< "GET" or "POST" */
    const char *base_url;   /**< e.g. "https://client-api.salesfinity.co" (no trailing /) */
    const char *path_query; /**< e.g. "/v1/call-log?limit=100&page=2" (already encoded) */
    const struct or_http_header *headers;
    size_t nheaders;
    const char *body; /**< request body or NULL */
    size_t body_len;
    const char *content_type; /**< of the body, or NULL */
    const char *label;        /**< for messages, e.g. "salesfinity.call-log page 3" */
};

/** One response.  Owned by the callback's caller; the callback may steal `body`. */
struct or_http_response {
    long status;     /**< HTTP status; 0 when no response arrived */
    char *body;      /**< NUL-terminated response body (g_malloc'd, g_free()), may be NULL */
    size_t len;      /**< body length in bytes, excluding the NUL */
    int attempts;    /**< tries made (1 = no retry) */
    int from_replay; /**< nonzero: served from the replay directory */
    int from_cache;  /**< nonzero: served from the cache directory (then attempts is 0) */
};

/**
 * Called once per request of a batch, in the thread that called
 * or_http_perform(), in completion order.  @p status is OR_OK for a 2xx
 * response, OR_ERR_HTTP / OR_ERR_AUTH for a final non-2xx status (the body
 * is still there for the vendor's message), OR_ERR_NETWORK when no response
 * arrived after the last try, OR_ERR_REPLAY when a replay lacks the request.
 * A response served from the cache is OR_OK with resp->from_cache set.
 * @p errmsg is one redacted line naming the label and the status.
 * Set *free_body = 0 to take ownership of resp->body (then g_free() it).
 * Return nonzero to abort the batch (in-flight transfers are cancelled).
 */
typedef int or_http_done_fn(void *ud, size_t index, or_status status, struct or_http_response *resp,
                            const char *errmsg, int *free_body);

/** Statistics of a client since creation. */
struct or_http_stats {
    long requests;   /**< transfers started, retries included */
    long retries;    /**< of which were retries */
    long replayed;   /**< served from replay */
    double bytes_in; /**< response bytes */
    long cached;     /**< served from the cache (not counted in requests) */
};

#endif /* OR_HTTP_TYPES_H */
