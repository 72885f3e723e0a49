/* SPDX-License-Identifier: MIT */
/**
 * @file http_ratelimit.h
 * @brief Slowing down before a 429: the rate-limit headers a server sends
 * on its responses (src/http only).
 *
 * Some APIs say on every response how many requests the current window
 * still allows and when it resets (`x-ratelimit-remaining`,
 * `x-ratelimit-reset`, also spelt without the `x-`).  The client keeps the
 * latest of both per server (base URL): a request that would exceed the
 * window waits until the reset (at most the client's backoff cap) instead
 * of being sent, refused with a 429 and retried.  Requests in flight count
 * against the window.  A server that sends no such headers is never held.
 *
 * The reset is read as seconds from now, or as a Unix time when it is
 * larger than 10^9 (seconds) or 10^12 (milliseconds).
 */
#ifndef OR_HTTP_RATELIMIT_H
#define OR_HTTP_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

/** The rate-limit headers of one response, as a transfer collects them. */
struct or_http_rl_headers {
    long remaining;   /**< requests left in the window, -1 when not sent */
    int64_t reset_ms; /**< monotonic ms when the window resets, -1 when not sent */
};

/** @brief Forget the headers of an earlier response (a new try, a new status line). */
void or_http_rl_headers_reset(struct or_http_rl_headers *h);

/**
 * @brief Read one response header line into @p h when it is a rate-limit
 * header.  @p now_mono_ms and @p now_real_ms are the monotonic and the
 * wall-clock time in milliseconds.
 */
void or_http_rl_header_line(struct or_http_rl_headers *h, const char *line, size_t len,
                            int64_t now_mono_ms, int64_t now_real_ms);

/** What a client knows of each server's window.  Owned; or_http_ratelimit_free(). */
struct or_http_ratelimit;

/** @brief A new, empty state. */
struct or_http_ratelimit *or_http_ratelimit_new(void);

/** @brief Free; NULL is a no-op. */
void or_http_ratelimit_free(struct or_http_ratelimit *rl);

/**
 * @brief Whether a request to @p base_url may start at @p now_ms
 * (monotonic): 0 when it may, else the monotonic time to try again (the
 * window's reset, at most @p cap_ms ahead).
 */
int64_t or_http_ratelimit_wait(struct or_http_ratelimit *rl, const char *base_url, int64_t now_ms,
                               long cap_ms);

/** @brief A request to @p base_url started: it counts against the window. */
void or_http_ratelimit_started(struct or_http_ratelimit *rl, const char *base_url);

/**
 * @brief A request to @p base_url ended, with the headers of its response
 * (@p h; NULL or unset members when none arrived).
 */
void or_http_ratelimit_finished(struct or_http_ratelimit *rl, const char *base_url,
                                const struct or_http_rl_headers *h);

#endif /* OR_HTTP_RATELIMIT_H */
