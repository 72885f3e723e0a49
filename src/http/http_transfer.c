/* SPDX-License-Identifier: MIT */
/* One request across its tries: see http_transfer.h. */
#include "http/http_transfer.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "base/status_str.h"
#include "base/version.h"
#include "http/http_request.h"
#include "http/http_retry.h"

#define USER_AGENT "outreport/" OR_VERSION

static size_t
on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct or_http_transfer *t = ud;
    size_t add = size * nmemb;
    if (add == 0) {
        return 0;
    }
    /* Counted as decoded (gzip, deflate): a small body that inflates
     * without end stops here too. */
    if (add > t->max_body - t->len) {
        t->too_big = 1;
        return 0;
    }
    size_t need = t->len + add + 1;
    if (need > t->cap) {
        size_t cap = t->cap > 0 ? t->cap : 4096;
        while (cap < need) {
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        }
        if (cap > t->max_body + 1) {
            cap = t->max_body + 1;
        }
        /* A response can be large: running out of memory fails the request,
         * not the process. */
        char *bigger = g_try_realloc(t->body, cap);
        if (bigger == NULL) {
            t->oom = 1;
            return 0;
        }
        t->body = bigger;
        t->cap = cap;
    }
    memcpy(t->body + t->len, data, add);
    t->len += add;
    t->body[t->len] = '\0';
    return add;
}

static size_t
on_header(char *line, size_t size, size_t nitems, void *ud)
{
    struct or_http_transfer *t = ud;
    size_t len = size * nitems;
    static const char name[] = "retry-after:";
    size_t name_len = sizeof(name) - 1;
    if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        /* A new response (after a 100 Continue, say): only the last counts. */
        t->retry_after_ms = -1;
        or_http_rl_headers_reset(&t->rl);
    }
    else if (g_ascii_strncasecmp(line, "x-ratelimit-", 12) == 0 ||
             g_ascii_strncasecmp(line, "ratelimit-", 10) == 0) {
        or_http_rl_header_line(&t->rl, line, len, g_get_monotonic_time() / 1000,
                               g_get_real_time() / 1000);
    }
    else if (len > name_len && g_ascii_strncasecmp(line, name, name_len) == 0) {
        char value[128];
        size_t vlen = len - name_len;
        if (vlen >= sizeof(value)) {
            vlen = sizeof(value) - 1;
        }
        memcpy(value, line + name_len, vlen);
        value[vlen] = '\0';
        long delay = 0;
        t->retry_after_ms =
            or_http_parse_retry_after(value, g_get_real_time() / 1000, &delay) == OR_OK ? delay
                                                                                        : -1;
    }
    return len;
}

static int
header_text_ok(const char *s)
{
    return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* curl_slist_append() copies; NULL means out of memory and the old list is
 * still ours.  The line is wiped: it may hold a credential. */
static int
append_line(struct or_http_transfer *t, char *line)
{
    struct curl_slist *list = curl_slist_append(t->headers, line);
    memset(line, 0, strlen(line));
    g_free(line);
    if (list == NULL) {
        return 0;
    }
    t->headers = list;
    return 1;
}

or_status
or_http_transfer_prepare(struct or_http_transfer *t, char *msg, size_t msglen)
{
    const struct or_http_request *req = t->req;
    const char *label = or_http_request_label(req);
    t->url = g_strconcat(req->base_url != NULL ? req->base_url : "",
                         req->path_query != NULL ? req->path_query : "", NULL);

    /* Without this, curl holds back a large POST body for up to a second
     * waiting for a "100 Continue" that many APIs never send. */
    if (!append_line(t, g_strdup("Expect:"))) {
        goto nomem;
    }
    if (req->content_type != NULL) {
        if (!header_text_ok(req->content_type)) {
            or_set_err(msg, msglen, "%s: invalid Content-Type", label);
            return OR_ERR_INVALID;
        }
        if (!append_line(t, g_strconcat("Content-Type: ", req->content_type, NULL))) {
            goto nomem;
        }
    }
    for (size_t i = 0; i < req->nheaders; i++) {
        const struct or_http_header *h = &req->headers[i];
        if (!header_text_ok(h->name) || h->name[0] == '\0' || strchr(h->name, ':') != NULL ||
            (h->value != NULL && !header_text_ok(h->value))) {
            /* Never echo the value: it may be a secret. */
            or_set_err(msg, msglen, "%s: invalid header %zu (%s)", label, i,
                       h->name != NULL && header_text_ok(h->name) ? h->name : "unnamed");
            return OR_ERR_INVALID;
        }
        const char *value = h->value != NULL ? h->value : "";
        /* "Name;" is curl's spelling of a header sent with an empty value. */
        char *line = value[0] == '\0' ? g_strconcat(h->name, ";", NULL)
                                      : g_strconcat(h->name, ": ", value, NULL);
        if (!append_line(t, line)) {
            goto nomem;
        }
    }
    return OR_OK;

nomem:
    or_set_err(msg, msglen, "%s: out of memory preparing the request", label);
    return OR_ERR_NOMEM;
}

#define SETOPT(h, opt, val)                                                                        \
    do {                                                                                           \
        if (curl_easy_setopt((h), (opt), (val)) != CURLE_OK) {                                     \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

/* The method and the request body. */
static or_status
configure_method(CURL *easy, const struct or_http_request *req)
{
    const char *method = req->method != NULL ? req->method : "GET";
    int has_body = req->body != NULL || strcmp(method, "POST") == 0;
    if (strcmp(method, "GET") == 0 && !has_body) {
        SETOPT(easy, CURLOPT_HTTPGET, 1L);
    }
    else if (strcmp(method, "HEAD") == 0) {
        SETOPT(easy, CURLOPT_NOBODY, 1L);
    }
    else {
        if (has_body) {
            SETOPT(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                   (curl_off_t)(req->body != NULL ? req->body_len : 0));
            SETOPT(easy, CURLOPT_POSTFIELDS, req->body != NULL ? req->body : "");
        }
        if (strcmp(method, "POST") != 0) {
            SETOPT(easy, CURLOPT_CUSTOMREQUEST, method);
        }
    }
    return OR_OK;

fail:
    return OR_ERR_INVALID;
}

or_status
or_http_transfer_configure(struct or_http *http, struct or_http_transfer *t, CURL *easy)
{
    t->len = 0;
    if (t->body != NULL) {
        t->body[0] = '\0';
    }
    t->oom = 0;
    t->too_big = 0;
    t->max_body = http->max_response;
    t->retry_after_ms = -1;
    or_http_rl_headers_reset(&t->rl);
    t->curl_err[0] = '\0';
    /* A try never outlives the source's deadline. */
    t->timeout_ms = http->timeout_ms;
    if (http->deadline_at != INT64_MAX) {
        int64_t left = http->deadline_at - g_get_monotonic_time() / 1000;
        t->timeout_ms = left < 1 ? 1 : left < t->timeout_ms ? (long)left : t->timeout_ms;
    }

    SETOPT(easy, CURLOPT_URL, t->url);
    SETOPT(easy, CURLOPT_PRIVATE, (void *)t);
    SETOPT(easy, CURLOPT_SHARE, http->share);
    SETOPT(easy, CURLOPT_NOSIGNAL, 1L);
    SETOPT(easy, CURLOPT_USERAGENT, USER_AGENT);
    SETOPT(easy, CURLOPT_ACCEPT_ENCODING, "");
    SETOPT(easy, CURLOPT_CONNECTTIMEOUT_MS, http->connect_timeout_ms);
    SETOPT(easy, CURLOPT_TIMEOUT_MS, t->timeout_ms);
    if (http->low_speed_s > 0) {
        SETOPT(easy, CURLOPT_LOW_SPEED_LIMIT, http->low_speed_bytes);
        SETOPT(easy, CURLOPT_LOW_SPEED_TIME, http->low_speed_s);
    }
    /* A Content-Length above the limit fails before any byte is read. */
    SETOPT(easy, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)http->max_response);
    SETOPT(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    /* Redirects are not followed: an API that moves answers with an error
     * the user can act on, and credentials never travel to another host. */
    SETOPT(easy, CURLOPT_FOLLOWLOCATION, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
    SETOPT(easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else
    SETOPT(easy, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    SETOPT(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    SETOPT(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (http->ca_file != NULL) {
        SETOPT(easy, CURLOPT_CAINFO, http->ca_file);
    }
    SETOPT(easy, CURLOPT_HTTPHEADER, t->headers);
    SETOPT(easy, CURLOPT_WRITEFUNCTION, on_body);
    SETOPT(easy, CURLOPT_WRITEDATA, (void *)t);
    SETOPT(easy, CURLOPT_HEADERFUNCTION, on_header);
    SETOPT(easy, CURLOPT_HEADERDATA, (void *)t);
    SETOPT(easy, CURLOPT_ERRORBUFFER, t->curl_err);
    return configure_method(easy, t->req);

fail:
    return OR_ERR_INVALID;
}

#undef SETOPT

void
or_http_transfer_release(struct or_http_transfer *t)
{
    curl_slist_free_all(t->headers);
    t->headers = NULL;
    g_free(t->url);
    t->url = NULL;
}

CURL *
or_http_transfer_take_easy(struct or_http *http)
{
    if (http->nidle > 0) {
        return http->idle[--http->nidle];
    }
    return curl_easy_init();
}

void
or_http_transfer_give_back_easy(struct or_http *http, CURL *easy)
{
    if (easy == NULL) {
        return;
    }
    if (http->nidle < (size_t)http->max_parallel) {
        /* Reset now, not on reuse: an idle handle must not keep pointers
         * into a transfer (error buffer, callbacks' data) that is about to go. */
        curl_easy_reset(easy);
        http->idle[http->nidle++] = easy;
    }
    else {
        curl_easy_cleanup(easy);
    }
}
