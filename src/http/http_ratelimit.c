/* SPDX-License-Identifier: MIT */
/* Rate-limit headers honoured before a 429: see http_ratelimit.h. */
#include "http/http_ratelimit.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* A reset below this many seconds is "seconds from now"; above, a Unix time. */
#define RESET_EPOCH_S 1000000000.0
#define RESET_EPOCH_MS 1000000000000.0
/* Waited past a reset, so that a window that ends on a whole second (and a
 * reset rounded to one) has surely ended at the server too. */
#define RESET_MARGIN_MS 25

/* One server's window as last reported. */
struct window {
    long remaining;   /* requests left, counting those since started; -1 unknown */
    int64_t reset_ms; /* monotonic ms of the reset; -1 unknown */
    long in_flight;   /* requests started and not finished */
};

struct or_http_ratelimit {
    GHashTable *by_base; /* base URL (owned) -> struct window (owned) */
};

void
or_http_rl_headers_reset(struct or_http_rl_headers *h)
{
    h->remaining = -1;
    h->reset_ms = -1;
}

/* The value of header @p name (lower-case, with the colon) in @p line, or NULL. */
static const char *
header_value(const char *line, size_t len, const char *name, char *buf, size_t n)
{
    size_t nl = strlen(name);
    if (len <= nl || g_ascii_strncasecmp(line, name, nl) != 0) {
        return NULL;
    }
    size_t vlen = len - nl;
    if (vlen >= n) {
        vlen = n - 1;
    }
    memcpy(buf, line + nl, vlen);
    buf[vlen] = '\0';
    return g_strstrip(buf);
}

static int
read_number(const char *s, double *out)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !(v >= 0.0) || v > 1e15) {
        return 0;
    }
    *out = v;
    return 1;
}

void
or_http_rl_header_line(struct or_http_rl_headers *h, const char *line, size_t len,
                       int64_t now_mono_ms, int64_t now_real_ms)
{
    static const char *const remaining[] = {"x-ratelimit-remaining:", "ratelimit-remaining:"};
    static const char *const reset[] = {"x-ratelimit-reset:", "ratelimit-reset:"};
    char buf[64];
    double v = 0.0;
    for (size_t i = 0; i < G_N_ELEMENTS(remaining); i++) {
        const char *s = header_value(line, len, remaining[i], buf, sizeof(buf));
        if (s != NULL && read_number(s, &v)) {
            h->remaining = (long)v;
        }
        s = header_value(line, len, reset[i], buf, sizeof(buf));
        if (s == NULL || !read_number(s, &v)) {
            continue;
        }
        int64_t delta_ms = v > RESET_EPOCH_MS  ? (int64_t)v - now_real_ms
                           : v > RESET_EPOCH_S ? (int64_t)(v * 1000.0) - now_real_ms
                                               : (int64_t)(v * 1000.0);
        h->reset_ms = now_mono_ms + (delta_ms > 0 ? delta_ms : 0);
    }
}

struct or_http_ratelimit *
or_http_ratelimit_new(void)
{
    struct or_http_ratelimit *rl = g_new0(struct or_http_ratelimit, 1);
    rl->by_base = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    return rl;
}

void
or_http_ratelimit_free(struct or_http_ratelimit *rl)
{
    if (rl == NULL) {
        return;
    }
    g_hash_table_destroy(rl->by_base);
    g_free(rl);
}

static struct window *
window_of(struct or_http_ratelimit *rl, const char *base_url, int create)
{
    const char *key = base_url != NULL ? base_url : "";
    struct window *w = g_hash_table_lookup(rl->by_base, key);
    if (w == NULL && create) {
        w = g_new0(struct window, 1);
        w->remaining = -1;
        w->reset_ms = -1;
        g_hash_table_insert(rl->by_base, g_strdup(key), w);
    }
    return w;
}

int64_t
or_http_ratelimit_wait(struct or_http_ratelimit *rl, const char *base_url, int64_t now_ms,
                       long cap_ms)
{
    struct window *w = rl != NULL ? window_of(rl, base_url, 0) : NULL;
    if (w == NULL || w->remaining < 0 || w->remaining > 0) {
        return 0;
    }
    if (w->reset_ms < 0 || w->reset_ms <= now_ms) {
        /* The window reset (or we cannot know when): its budget is unknown again. */
        w->remaining = -1;
        w->reset_ms = -1;
        return 0;
    }
    int64_t until = w->reset_ms;
    if (cap_ms >= 0 && until - now_ms > cap_ms) {
        until = now_ms + cap_ms;
    }
    return until > now_ms ? until : 0;
}

void
or_http_ratelimit_started(struct or_http_ratelimit *rl, const char *base_url)
{
    if (rl == NULL) {
        return;
    }
    struct window *w = window_of(rl, base_url, 1);
    w->in_flight++;
    if (w->remaining > 0) {
        w->remaining--;
    }
}

void
or_http_ratelimit_finished(struct or_http_ratelimit *rl, const char *base_url,
                           const struct or_http_rl_headers *h)
{
    struct window *w = rl != NULL ? window_of(rl, base_url, 1) : NULL;
    if (w == NULL) {
        return;
    }
    if (w->in_flight > 0) {
        w->in_flight--;
    }
    if (h == NULL || h->remaining < 0) {
        return;
    }
    /* The server's count as of this response; those still in flight will use some. */
    w->remaining = h->remaining > w->in_flight ? h->remaining - w->in_flight : 0;
    if (h->reset_ms >= 0) {
        w->reset_ms = h->reset_ms + RESET_MARGIN_MS;
    }
}
