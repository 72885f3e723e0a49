/* SPDX-License-Identifier: MIT */
/*
 * Rate-limit headers (src/http/http_ratelimit.c): a reset given as seconds
 * from now, as a Unix time in seconds or in milliseconds; a request waits
 * when the window is used up, counting requests still in flight, and never
 * longer than the cap; a server without the headers is never held.  The
 * end-to-end proof (no 429 from a limited mock) is in test_sources_e2e.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http/http_ratelimit.h"

#define BASE "http://127.0.0.1:1"

static struct or_http_rl_headers
headers(const char *remaining, const char *reset, int64_t mono, int64_t real)
{
    struct or_http_rl_headers h;
    char line[128];
    or_http_rl_headers_reset(&h);
    if (remaining != NULL) {
        int n = snprintf(line, sizeof(line), "X-RateLimit-Remaining: %s\r\n", remaining);
        or_http_rl_header_line(&h, line, (size_t)n, mono, real);
    }
    if (reset != NULL) {
        int n = snprintf(line, sizeof(line), "x-ratelimit-reset: %s\r\n", reset);
        or_http_rl_header_line(&h, line, (size_t)n, mono, real);
    }
    return h;
}

static void
reset_is_read_as_delta_unix_seconds_or_unix_ms(void **state)
{
    (void)state;
    int64_t mono = 5000, real = 1764000000000; /* ms */
    struct or_http_rl_headers h = headers("3", "2", mono, real);
    assert_int_equal(h.remaining, 3);
    assert_int_equal(h.reset_ms, mono + 2000);
    h = headers(NULL, "1764000007", mono, real);
    assert_int_equal(h.remaining, -1);
    assert_int_equal(h.reset_ms, mono + 7000);
    h = headers(NULL, "1764000000500", mono, real);
    assert_int_equal(h.reset_ms, mono + 500);
    /* A reset in the past is now; garbage is ignored. */
    h = headers("x", "1763999999", mono, real);
    assert_int_equal(h.remaining, -1);
    assert_int_equal(h.reset_ms, mono);
    /* Other headers are not rate-limit headers. */
    or_http_rl_headers_reset(&h);
    or_http_rl_header_line(&h, "Retry-After: 5\r\n", 15, mono, real);
    assert_int_equal(h.remaining, -1);
    assert_int_equal(h.reset_ms, -1);
    h = headers(NULL, NULL, mono, real);
    or_http_rl_header_line(&h, "RateLimit-Remaining: 0", 22, mono, real);
    assert_int_equal(h.remaining, 0);
}

static void
used_up_window_holds_until_reset_counting_in_flight(void **state)
{
    (void)state;
    struct or_http_ratelimit *rl = or_http_ratelimit_new();
    int64_t now = 10000;
    assert_int_equal(or_http_ratelimit_wait(rl, BASE, now, 30000), 0);
    /* Three in flight; the first answers with 3 left: the other two use two. */
    for (int i = 0; i < 3; i++) {
        or_http_ratelimit_started(rl, BASE);
    }
    struct or_http_rl_headers h = {.remaining = 3, .reset_ms = now + 1000};
    or_http_ratelimit_finished(rl, BASE, &h);
    assert_int_equal(or_http_ratelimit_wait(rl, BASE, now, 30000), 0);
    or_http_ratelimit_started(rl, BASE);
    /* One left was taken: the next waits for the reset (and a margin). */
    int64_t until = or_http_ratelimit_wait(rl, BASE, now, 30000);
    assert_true(until >= now + 1000 && until <= now + 1100);
    /* Never longer than the cap. */
    assert_int_equal(or_http_ratelimit_wait(rl, BASE, now, 200), now + 200);
    /* Once the reset has passed, the budget is unknown and requests go. */
    assert_int_equal(or_http_ratelimit_wait(rl, BASE, until, 30000), 0);
    /* Another server is not held by this one's window. */
    assert_int_equal(or_http_ratelimit_wait(rl, "http://other", now, 30000), 0);
    or_http_ratelimit_free(rl);
}

static void
server_without_headers_is_never_held(void **state)
{
    (void)state;
    struct or_http_ratelimit *rl = or_http_ratelimit_new();
    struct or_http_rl_headers none;
    or_http_rl_headers_reset(&none);
    for (int i = 0; i < 100; i++) {
        or_http_ratelimit_started(rl, BASE);
        or_http_ratelimit_finished(rl, BASE, &none);
        assert_int_equal(or_http_ratelimit_wait(rl, BASE, i, 30000), 0);
    }
    or_http_ratelimit_finished(rl, BASE, NULL);
    or_http_ratelimit_free(rl);
    or_http_ratelimit_free(NULL);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(reset_is_read_as_delta_unix_seconds_or_unix_ms),
        cmocka_unit_test(used_up_window_holds_until_reset_counting_in_flight),
        cmocka_unit_test(server_without_headers_is_never_held),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
