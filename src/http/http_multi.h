/* SPDX-License-Identifier: MIT */
/**
 * @file http_multi.h
 * @brief A batch of requests on the client's curl multi handle (src/http only).
 *
 * At most `max_parallel` transfers are in flight; a request's first try is
 * served from the cache when a fresh entry exists; a try that ends in 429,
 * 5xx or a transient connection error is retried after its Retry-After or a
 * jittered backoff, scheduled by wake-up time so waiting retries never hold
 * a slot; 2xx responses are recorded and cached as configured.  Every
 * request is reported once, in completion order, through the callback.
 */
#ifndef OR_HTTP_MULTI_H
#define OR_HTTP_MULTI_H

#include <stddef.h>

#include "http/http_client.h"

/**
 * @brief Run @p n requests (n >= 1) over the network (or the cache).
 * @return OR_OK once every request was reported; OR_ERR_INVALID when the
 *         callback aborted the batch; OR_ERR_NETWORK or OR_ERR_NOMEM when
 *         libcurl's multi interface failed.  @p err is filled on errors.
 */
or_status or_http_multi_run(struct or_http *http, const struct or_http_request *reqs, size_t n,
                            or_http_done_fn *done, void *ud, char *err, size_t errlen);

#endif /* OR_HTTP_MULTI_H */
