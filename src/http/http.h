/* SPDX-License-Identifier: MIT */
/**
 * @file http.h
 * @brief The core's HTTP client on libcurl: concurrency, retries, record/replay.
 *
 * Core only; plugins never see it.  One ::or_http owns a curl multi handle
 * with connection reuse (a share of DNS/connection/TLS session caches), TLS
 * verification on, connect and total timeouts.  or_http_perform() runs a
 * batch of requests with at most `max_parallel` transfers in flight, retries
 * each one on 429, 5xx and connection errors with exponential backoff and
 * full jitter, honouring Retry-After (seconds or HTTP-date, capped), and
 * reports each completion through a callback in the calling thread.
 *
 * Record: each successful exchange is saved under `record_dir` as
 * `<sha256 of key>.json` (method, path, query, body, status, content type)
 * plus `<sha256 of key>.body` (raw response bytes).  Secret headers never
 * reach the files.  Replay: the same key is served from `replay_dir` with no
 * network; a missing entry is OR_ERR_REPLAY naming the request.
 *
 * Cache: with `cache_dir` set (and neither record nor replay active), every
 * final 2xx response is kept on disk for `cache_ttl_s` seconds and served
 * again, with no request at all, while it is younger than that.  The key
 * covers the base URL, method, path and query, body and (hashed twice) the
 * values of the secret headers, so two accounts or hosts never share an
 * entry.  The directory is private (0700, tightened if needed), its files
 * 0600 and written atomically; no plain secret is ever written to it.  A
 * cache directory that cannot be created or used (not ours, not a folder)
 * is one warning and a client without a cache, never a failure.
 *
 * Limits: a response body is read only up to `max_response_mb` (decoded,
 * enforced as it arrives; a larger Content-Length is refused unread; replayed
 * and cached bodies too); a try slower than the low-speed limit is dropped
 * and retried like a silent one; a source's deadline (or_http_deadline_start())
 * stops new tries, cuts the one in flight and any retry wait past it.  Each
 * failure names its `[http]` setting.  A request carrying a secret header over
 * plain http:// to a host that is not loopback is refused unless
 * `allow_insecure` (http_plain.h).
 *
 * Secrets: every value registered with or_redact_add() is replaced by "***"
 * in every message and log line this module produces.
 *
 * Layout (src/http, each file one job, each including only those below it):
 * http.c is the client (this header); http_multi.c runs a batch on the
 * curl multi handle; http_transfer.c prepares and configures one transfer;
 * http_plain.c refuses credentials in clear text; http_config.c reads the
 * limits from [http];
 * http_record.c and http_cache.c keep exchanges on disk through
 * http_files.c; http_retry.c is the retry policy; http_types.h and
 * http_client.h hold the types all of them share.
 *
 * Memory: what the client hands out (response bodies) is GLib-allocated:
 * release it with g_free().
 */
#ifndef OR_HTTP_H
#define OR_HTTP_H

#include <stddef.h>

#include "http/http_types.h"

/** The client; opaque outside src/http (http_client.h). */
struct or_http;

/**
 * @brief Run curl_global_init() once per process, thread-safely; every
 * module that uses libcurl calls this first.
 * @return OR_OK; OR_ERR_NETWORK when libcurl could not be initialised
 *         (then every later call says so again).
 */
or_status or_curl_global_init(void);

/**
 * @brief Create a client.
 * @param opts    options; NULL or zero members mean the defaults; borrowed.
 * @param out     receives the client, owned by the caller: or_http_free().
 * @param err     receives a one-line message on failure; may be NULL.
 * @param errlen  size of @p err.
 * @return OR_OK; OR_ERR_INVALID (record and replay together, a negative
 *         cache TTL), OR_ERR_IO (a recording directory that cannot be
 *         created, a replay directory that is not one), OR_ERR_NETWORK
 *         (libcurl), OR_ERR_NOMEM.
 */
or_status or_http_new(const struct or_http_options *opts, struct or_http **out, char *err,
                      size_t errlen);

/** @brief Free a client; NULL is a no-op. */
void or_http_free(struct or_http *http);

/**
 * @brief Perform @p n requests, at most max_parallel at once, each with
 * retries (or served from the replay directory or the cache).
 * @return OR_OK when every request was reported through @p done (whatever
 *         its status); OR_ERR_INVALID when an argument is missing, the
 *         client is already busy (a call from its own callback) or @p done
 *         aborted the batch; OR_ERR_NETWORK or OR_ERR_NOMEM when the batch
 *         could not run.  @p err is filled on errors.
 */
or_status or_http_perform(struct or_http *http, const struct or_http_request *reqs, size_t n,
                          or_http_done_fn *done, void *ud, char *err, size_t errlen);

/**
 * @brief Start the deadline of a source (the option `deadline_ms`): from
 * now on, no try starts and no retry waits past it, and a try in flight is
 * cut at it, failing with a message naming `[http] deadline_s`.  Called by
 * the fetch of each source; until then a client has no deadline.  NULL is a
 * no-op.
 */
void or_http_deadline_start(struct or_http *http);

/** @brief Copy the client's statistics (zeros for a NULL client). */
void or_http_get_stats(const struct or_http *http, struct or_http_stats *out);

#endif /* OR_HTTP_H */
