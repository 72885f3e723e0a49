/* SPDX-License-Identifier: MIT */
/**
 * @file http_transfer.h
 * @brief One request of a batch across all its tries: its URL and headers,
 * the curl options of a try, the response it receives, and the pool of
 * easy handles the tries run on (src/http only).
 *
 * The multi loop (http_multi.h) owns an array of these, one per request,
 * and drives them through their states.  Buffers are GLib-allocated.
 */
#ifndef OR_HTTP_TRANSFER_H
#define OR_HTTP_TRANSFER_H

#include <stddef.h>
#include <stdint.h>

#include <curl/curl.h>

#include "http/http_client.h"
#include "http/http_ratelimit.h"

/** Where a request is in its life. */
enum or_http_transfer_state {
    OR_HTTP_NEW,     /**< not started */
    OR_HTTP_RUNNING, /**< a try is in flight */
    OR_HTTP_WAITING, /**< waiting for the time of its next try */
    OR_HTTP_DONE,    /**< reported through the callback */
};

/** One request of a batch across all its tries.  Zero it, then set req and index. */
struct or_http_transfer {
    const struct or_http_request *req; /**< borrowed for the batch */
    size_t index;                      /**< position in the batch */
    enum or_http_transfer_state state;
    int attempts;                   /**< tries started */
    int from_cache;                 /**< served from the cache, no transfer */
    int64_t wake_ms;                /**< OR_HTTP_WAITING: monotonic time of the next try */
    CURL *easy;                     /**< OR_HTTP_RUNNING only; from the client's pool */
    struct curl_slist *headers;     /**< owned (curl_slist_free_all()); kept for retries */
    char *url;                      /**< owned (g_free()); kept for retries */
    char *body;                     /**< response of the current try, owned (g_free()) */
    size_t len;                     /**< bytes in body */
    size_t cap;                     /**< capacity of body */
    int oom;                        /**< the body could not grow */
    int too_big;                    /**< the body went past the client's max_response */
    size_t max_body;                /**< the client's max_response, set by configure */
    long timeout_ms;                /**< the current try's time limit (deadline-capped) */
    long retry_after_ms;            /**< of the current try's response, -1 if none */
    struct or_http_rl_headers rl;   /**< rate-limit headers of the current try's response */
    char curl_err[CURL_ERROR_SIZE]; /**< curl's message of the current try */
};

/**
 * @brief Build the request's URL and header list once, for all its tries.
 * @return OR_OK; OR_ERR_INVALID for a Content-Type or header with a line
 *         break, an empty or ':'-holding header name (the message names the
 *         header, never its value); OR_ERR_NOMEM.  @p msg names the request.
 */
or_status or_http_transfer_prepare(struct or_http_transfer *t, char *msg, size_t msglen);

/**
 * @brief Start a try on @p easy: clear the previous try's response and set
 * every curl option (URL, headers, method and body, timeouts (the whole
 * transfer's cut at the client's deadline), the low-speed limit, the
 * response size limit, TLS, the client's share, the callbacks that fill
 * @p t).
 * @return OR_OK; OR_ERR_INVALID when libcurl refused an option.
 */
or_status or_http_transfer_configure(struct or_http *http, struct or_http_transfer *t, CURL *easy);

/** @brief Release what @p t holds except the response body; it may be prepared again. */
void or_http_transfer_release(struct or_http_transfer *t);

/** @brief An easy handle from the client's pool, or a new one; NULL when out of memory. */
CURL *or_http_transfer_take_easy(struct or_http *http);

/**
 * @brief Return @p easy to the client's pool (reset) or clean it up when the
 * pool is full; NULL is a no-op.
 */
void or_http_transfer_give_back_easy(struct or_http *http, CURL *easy);

#endif /* OR_HTTP_TRANSFER_H */
