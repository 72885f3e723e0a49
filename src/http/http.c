/* SPDX-License-Identifier: MIT */
/* The HTTP client: a curl multi loop with a bounded number of transfers in
 * flight, per-request retries scheduled by wake-up time, record and replay,
 * and a response cache consulted before a request's first try. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "http/http_private.h"
#include "base/redact.h"

#if defined(__has_include)
#if __has_include("or_config.h")
#include "or_config.h"
#endif
#endif
#ifndef OR_VERSION
#define OR_VERSION "0.1"
#endif

#define USER_AGENT "outreport/" OR_VERSION

enum job_state {
    JOB_NEW,
    JOB_RUNNING,
    JOB_WAITING,
    JOB_DONE,
};

/* One request of a batch across all its tries. */
struct job {
    const struct or_http_request *req;
    size_t index;
    enum job_state state;
    int attempts;
    int from_cache;  /* served from the cache, no transfer */
    int64_t wake_ms; /* JOB_WAITING: monotonic time of the next try */
    CURL *easy;      /* JOB_RUNNING only */
    struct curl_slist *headers;
    char *url;
    char *body; /* response of the current try */
    size_t len;
    size_t cap;
    int oom;
    long retry_after_ms; /* of the current try's response, -1 if none */
    char curl_err[CURL_ERROR_SIZE];
};

struct batch {
    struct or_http *http;
    struct job *jobs;
    size_t n;
    size_t next_new;
    size_t finished;
    size_t running;
    size_t waiting;
    or_http_done_fn *done;
    void *ud;
    int aborted;
};

static gsize global_init_result;

/* curl_global_init() is not guaranteed thread-safe on every build, and it
 * must run once per process whichever module (HTTP client, mail) needs it first. */
int
or_curl_global_init(void)
{
    if (g_once_init_enter(&global_init_result)) {
        CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
        g_once_init_leave(&global_init_result, (gsize)rc + 1);
    }
    return (int)(global_init_result - 1);
}

static int64_t
now_ms(void)
{
    return g_get_monotonic_time() / 1000;
}

static char *
dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

/* Zero means "the default", so "none at all" (no retry, no wait) is spelt
 * with a negative value. */
static long
value_or(long value, long fallback)
{
    if (value < 0) {
        return 0;
    }
    return value > 0 ? value : fallback;
}

static void
report(char *err, size_t errlen, const char *msg)
{
    if (err != NULL && errlen > 0) {
        snprintf(err, errlen, "%s", msg);
        or_redact_inplace(err, errlen);
    }
}

or_status
or_http_new(const struct or_http_options *opts, struct or_http **out, char *err, size_t errlen)
{
    static const struct or_http_options defaults = {0};
    if (out == NULL) {
        report(err, errlen, "or_http_new: no place for the client");
        return OR_ERR_INVALID;
    }
    *out = NULL;
    if (opts == NULL) {
        opts = &defaults;
    }
    if (opts->record_dir != NULL && opts->replay_dir != NULL) {
        report(err, errlen, "--record and --replay cannot be used together");
        return OR_ERR_INVALID;
    }
    if (opts->cache_ttl_s < 0) {
        report(err, errlen, "the HTTP cache time to live cannot be negative");
        return OR_ERR_INVALID;
    }
    if (or_curl_global_init() != CURLE_OK) {
        report(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }

    char msg[OR_ERR_SIZE];
    or_status st = OR_ERR_NOMEM;
    snprintf(msg, sizeof(msg), "out of memory creating the HTTP client");
    struct or_http *http = calloc(1, sizeof(*http));
    if (http == NULL) {
        goto fail;
    }
    http->connect_timeout_ms = opts->connect_timeout_ms > 0 ? opts->connect_timeout_ms : 10000;
    http->timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 120000;
    http->max_retries = (int)value_or(opts->max_retries, 5);
    http->backoff_base_ms = value_or(opts->backoff_base_ms, 500);
    http->backoff_max_ms = value_or(opts->backoff_max_ms, 30000);
    http->max_parallel = opts->max_parallel > 0 ? opts->max_parallel : 6;
    http->cache_ttl_s = opts->cache_ttl_s > 0 ? opts->cache_ttl_s : 900;

    http->record_dir = dup_or_null(opts->record_dir);
    http->replay_dir = dup_or_null(opts->replay_dir);
    http->ca_file = dup_or_null(opts->ca_file);
    /* A recording must hold real exchanges, and a replay must not look
     * anywhere else, so either turns the cache off. */
    int use_cache = opts->cache_dir != NULL && opts->record_dir == NULL && opts->replay_dir == NULL;
    http->cache_dir = use_cache ? strdup(opts->cache_dir) : NULL;
    if ((opts->record_dir != NULL && http->record_dir == NULL) ||
        (opts->replay_dir != NULL && http->replay_dir == NULL) ||
        (opts->ca_file != NULL && http->ca_file == NULL) ||
        (use_cache && http->cache_dir == NULL)) {
        goto fail;
    }
    http->idle = calloc((size_t)http->max_parallel, sizeof(*http->idle));
    http->rand = g_rand_new();
    if (http->idle == NULL || http->rand == NULL) {
        goto fail;
    }

    if (http->record_dir != NULL && g_mkdir_with_parents(http->record_dir, 0700) != 0) {
        snprintf(msg, sizeof(msg), "cannot create the recording directory %s: %s", http->record_dir,
                 g_strerror(errno));
        st = OR_ERR_IO;
        goto fail;
    }
    if (http->replay_dir != NULL && !g_file_test(http->replay_dir, G_FILE_TEST_IS_DIR)) {
        snprintf(msg, sizeof(msg), "the recording %s to replay is not a directory",
                 http->replay_dir);
        st = OR_ERR_IO;
        goto fail;
    }
    if (http->cache_dir != NULL) {
        or_status cs = or_http_cache_open(http->cache_dir, msg, sizeof(msg));
        if (cs != OR_OK) {
            st = cs;
            goto fail;
        }
    }

    http->multi = curl_multi_init();
    http->share = curl_share_init();
    if (http->multi == NULL || http->share == NULL) {
        goto fail;
    }
    /* One client is used by one thread, so the share needs no lock
     * callbacks; it lets every easy handle reuse DNS answers, open
     * connections and TLS sessions of the others. */
    if (curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK ||
        curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK ||
        curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
        snprintf(msg, sizeof(msg), "libcurl refused to share connections between transfers");
        st = OR_ERR_NETWORK;
        goto fail;
    }
    *out = http;
    return OR_OK;

fail:
    or_http_free(http);
    report(err, errlen, msg);
    return st;
}

void
or_http_free(struct or_http *http)
{
    if (http == NULL) {
        return;
    }
    /* Easy handles first: the share refuses to go while one still uses it. */
    for (size_t i = 0; i < http->nidle; i++) {
        curl_easy_cleanup(http->idle[i]);
    }
    free(http->idle);
    if (http->multi != NULL) {
        curl_multi_cleanup(http->multi);
    }
    if (http->share != NULL) {
        curl_share_cleanup(http->share);
    }
    if (http->rand != NULL) {
        g_rand_free(http->rand);
    }
    free(http->cache_dir);
    free(http->ca_file);
    free(http->replay_dir);
    free(http->record_dir);
    free(http);
}

void
or_http_get_stats(const struct or_http *http, struct or_http_stats *out)
{
    if (out == NULL) {
        return;
    }
    if (http == NULL) {
        memset(out, 0, sizeof(*out));
        return;
    }
    *out = http->stats;
}

static const char *
label_of(const struct or_http_request *req)
{
    if (req->label != NULL) {
        return req->label;
    }
    return req->path_query != NULL ? req->path_query : "request";
}

static size_t
on_body(char *data, size_t size, size_t nmemb, void *ud)
{
    struct job *j = ud;
    size_t add = size * nmemb;
    if (add == 0) {
        return 0;
    }
    if (add > SIZE_MAX - j->len - 1) {
        j->oom = 1;
        return 0;
    }
    size_t need = j->len + add + 1;
    if (need > j->cap) {
        size_t cap = j->cap > 0 ? j->cap : 4096;
        while (cap < need) {
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        }
        char *bigger = realloc(j->body, cap);
        if (bigger == NULL) {
            j->oom = 1;
            return 0;
        }
        j->body = bigger;
        j->cap = cap;
    }
    memcpy(j->body + j->len, data, add);
    j->len += add;
    j->body[j->len] = '\0';
    return add;
}

static size_t
on_header(char *line, size_t size, size_t nitems, void *ud)
{
    struct job *j = ud;
    size_t len = size * nitems;
    static const char name[] = "retry-after:";
    size_t name_len = sizeof(name) - 1;
    if (len >= 5 && memcmp(line, "HTTP/", 5) == 0) {
        /* A new response (after a 100 Continue, say): only the last counts. */
        j->retry_after_ms = -1;
    }
    else if (len > name_len && g_ascii_strncasecmp(line, name, name_len) == 0) {
        char value[128];
        size_t vlen = len - name_len;
        if (vlen >= sizeof(value)) {
            vlen = sizeof(value) - 1;
        }
        memcpy(value, line + name_len, vlen);
        value[vlen] = '\0';
        j->retry_after_ms = or_http_parse_retry_after(value, g_get_real_time() / 1000);
    }
    return len;
}

static int
header_text_ok(const char *s)
{
    return s != NULL && strpbrk(s, "\r\n") == NULL;
}

/* The request's URL and header list, built once and kept for its retries. */
static or_status
prepare(struct job *j, char *msg, size_t msglen)
{
    const struct or_http_request *req = j->req;
    const char *label = label_of(req);
    const char *base = req->base_url != NULL ? req->base_url : "";
    const char *pq = req->path_query != NULL ? req->path_query : "";
    size_t url_len = strlen(base) + strlen(pq) + 1;
    j->url = malloc(url_len);
    if (j->url == NULL) {
        snprintf(msg, msglen, "%s: out of memory preparing the request", label);
        return OR_ERR_NOMEM;
    }
    snprintf(j->url, url_len, "%s%s", base, pq);

    /* Without this, curl holds back a large POST body for up to a second
     * waiting for a "100 Continue" that many APIs never send. */
    struct curl_slist *list = curl_slist_append(NULL, "Expect:");
    if (list == NULL) {
        goto nomem;
    }
    j->headers = list;
    if (req->content_type != NULL) {
        if (!header_text_ok(req->content_type)) {
            snprintf(msg, msglen, "%s: invalid Content-Type", label);
            return OR_ERR_INVALID;
        }
        size_t len = strlen(req->content_type) + sizeof("Content-Type: ");
        char *line = malloc(len);
        if (line == NULL) {
            goto nomem;
        }
        snprintf(line, len, "Content-Type: %s", req->content_type);
        list = curl_slist_append(j->headers, line);
        free(line);
        if (list == NULL) {
            goto nomem;
        }
        j->headers = list;
    }
    for (size_t i = 0; i < req->nheaders; i++) {
        const struct or_http_header *h = &req->headers[i];
        if (!header_text_ok(h->name) || h->name[0] == '\0' || strchr(h->name, ':') != NULL ||
            (h->value != NULL && !header_text_ok(h->value))) {
            /* Never echo the value: it may be a secret. */
            snprintf(msg, msglen, "%s: invalid header %zu (%s)", label, i,
                     h->name != NULL && header_text_ok(h->name) ? h->name : "unnamed");
            return OR_ERR_INVALID;
        }
        const char *value = h->value != NULL ? h->value : "";
        size_t len = strlen(h->name) + strlen(value) + 3;
        char *line = malloc(len);
        if (line == NULL) {
            goto nomem;
        }
        /* "Name;" is curl's spelling of a header sent with an empty value. */
        if (value[0] == '\0') {
            snprintf(line, len, "%s;", h->name);
        }
        else {
            snprintf(line, len, "%s: %s", h->name, value);
        }
        list = curl_slist_append(j->headers, line);
        memset(line, 0, len);
        free(line);
        if (list == NULL) {
            goto nomem;
        }
        j->headers = list;
    }
    return OR_OK;

nomem:
    snprintf(msg, msglen, "%s: out of memory preparing the request", label);
    return OR_ERR_NOMEM;
}

static CURL *
take_easy(struct or_http *http)
{
    if (http->nidle > 0) {
        return http->idle[--http->nidle];
    }
    return curl_easy_init();
}

static void
give_back_easy(struct or_http *http, CURL *easy)
{
    if (easy == NULL) {
        return;
    }
    if (http->nidle < (size_t)http->max_parallel) {
        /* Reset now, not on reuse: an idle handle must not keep pointers
         * into a job (error buffer, callbacks' data) that is about to go. */
        curl_easy_reset(easy);
        http->idle[http->nidle++] = easy;
    }
    else {
        curl_easy_cleanup(easy);
    }
}

#define SETOPT(h, opt, val)                                                                        \
    do {                                                                                           \
        if (curl_easy_setopt((h), (opt), (val)) != CURLE_OK) {                                     \
            goto fail;                                                                             \
        }                                                                                          \
    } while (0)

static or_status
configure(struct or_http *http, struct job *j, CURL *easy)
{
    const struct or_http_request *req = j->req;
    const char *method = req->method != NULL ? req->method : "GET";
    SETOPT(easy, CURLOPT_URL, j->url);
    SETOPT(easy, CURLOPT_PRIVATE, (void *)j);
    SETOPT(easy, CURLOPT_SHARE, http->share);
    SETOPT(easy, CURLOPT_NOSIGNAL, 1L);
    SETOPT(easy, CURLOPT_USERAGENT, USER_AGENT);
    SETOPT(easy, CURLOPT_ACCEPT_ENCODING, "");
    SETOPT(easy, CURLOPT_CONNECTTIMEOUT_MS, http->connect_timeout_ms);
    SETOPT(easy, CURLOPT_TIMEOUT_MS, http->timeout_ms);
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
    SETOPT(easy, CURLOPT_HTTPHEADER, j->headers);
    SETOPT(easy, CURLOPT_WRITEFUNCTION, on_body);
    SETOPT(easy, CURLOPT_WRITEDATA, (void *)j);
    SETOPT(easy, CURLOPT_HEADERFUNCTION, on_header);
    SETOPT(easy, CURLOPT_HEADERDATA, (void *)j);
    SETOPT(easy, CURLOPT_ERRORBUFFER, j->curl_err);

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

#undef SETOPT

/* Report a request's outcome through the callback and retire it. */
static void
finish(struct batch *b, struct job *j, or_status st, long status, int with_body, const char *msg)
{
    struct or_http_response resp = {
        .status = status,
        .attempts = j->attempts,
        .from_cache = j->from_cache,
    };
    if (with_body) {
        if (j->body == NULL) {
            j->body = calloc(1, 1);
        }
        resp.body = j->body;
        resp.len = j->body != NULL ? j->len : 0;
        j->body = NULL;
    }
    free(j->body);
    j->body = NULL;
    j->len = 0;
    j->cap = 0;

    char line[OR_ERR_SIZE];
    snprintf(line, sizeof(line), "%s", msg != NULL ? msg : "");
    or_redact_inplace(line, sizeof(line));
    int free_body = 1;
    int stop = b->done(b->ud, j->index, st, &resp, line, &free_body);
    if (free_body) {
        free(resp.body);
    }

    j->state = JOB_DONE;
    b->finished++;
    curl_slist_free_all(j->headers);
    j->headers = NULL;
    free(j->url);
    j->url = NULL;
    if (stop) {
        b->aborted = 1;
    }
}

/* Serve a fresh cache entry in place of the request's first try; zero on a
 * miss (expired and broken entries are deleted by the lookup). */
static int
serve_cached(struct batch *b, struct job *j)
{
    struct or_http *http = b->http;
    char key[65];
    long status = 0;
    char *body = NULL;
    size_t len = 0;
    or_http_cache_key(j->req, key);
    if (or_http_cache_load(http->cache_dir, key, http->cache_ttl_s,
                           (int64_t)(g_get_real_time() / G_USEC_PER_SEC), &status, &body,
                           &len) != OR_OK) {
        return 0;
    }
    free(j->body);
    j->body = body;
    j->len = len;
    j->cap = len + 1;
    j->from_cache = 1;
    http->stats.cached++;
    finish(b, j, OR_OK, status, 1, "");
    return 1;
}

static void
start(struct batch *b, struct job *j)
{
    struct or_http *http = b->http;
    char msg[OR_ERR_SIZE];
    or_status st = OR_OK;
    if (j->attempts == 0 && http->cache_dir != NULL && serve_cached(b, j)) {
        return;
    }
    if (j->url == NULL) {
        st = prepare(j, msg, sizeof(msg));
        if (st != OR_OK) {
            finish(b, j, st, 0, 0, msg);
            return;
        }
    }
    CURL *easy = take_easy(http);
    if (easy == NULL) {
        snprintf(msg, sizeof(msg), "%s: out of memory starting the transfer", label_of(j->req));
        finish(b, j, OR_ERR_NOMEM, 0, 0, msg);
        return;
    }
    j->len = 0;
    if (j->body != NULL) {
        j->body[0] = '\0';
    }
    j->oom = 0;
    j->retry_after_ms = -1;
    j->curl_err[0] = '\0';
    if (configure(http, j, easy) != OR_OK) {
        give_back_easy(http, easy);
        snprintf(msg, sizeof(msg), "%s: libcurl refused an option of the request",
                 label_of(j->req));
        finish(b, j, OR_ERR_INVALID, 0, 0, msg);
        return;
    }
    CURLMcode mc = curl_multi_add_handle(http->multi, easy);
    if (mc != CURLM_OK) {
        give_back_easy(http, easy);
        snprintf(msg, sizeof(msg), "%s: cannot start the transfer (%s)", label_of(j->req),
                 curl_multi_strerror(mc));
        finish(b, j, mc == CURLM_OUT_OF_MEMORY ? OR_ERR_NOMEM : OR_ERR_NETWORK, 0, 0, msg);
        return;
    }
    j->easy = easy;
    j->state = JOB_RUNNING;
    j->attempts++;
    http->stats.requests++;
    if (j->attempts > 1) {
        http->stats.retries++;
    }
    b->running++;
}

static void
detach(struct batch *b, struct job *j)
{
    curl_multi_remove_handle(b->http->multi, j->easy);
    give_back_easy(b->http, j->easy);
    j->easy = NULL;
    b->running--;
}

static void
tries_suffix(char *buf, size_t len, int attempts)
{
    if (attempts > 1) {
        snprintf(buf, len, " after %d tries", attempts);
    }
    else {
        buf[0] = '\0';
    }
}

static void
schedule_retry(struct batch *b, struct job *j)
{
    struct or_http *http = b->http;
    long delay;
    if (j->retry_after_ms >= 0) {
        delay = j->retry_after_ms < http->backoff_max_ms ? j->retry_after_ms : http->backoff_max_ms;
    }
    else {
        delay = or_http_backoff_ms(http->backoff_base_ms, http->backoff_max_ms, j->attempts - 1,
                                   g_rand_double(http->rand));
    }
    j->state = JOB_WAITING;
    j->wake_ms = now_ms() + delay;
    b->waiting++;
}

/* Keep a 2xx response for later runs.  The cache only saves work: an entry
 * that cannot be written is simply not there next time. */
static void
cache_success(struct batch *b, struct job *j, long status)
{
    struct or_http *http = b->http;
    char key[65];
    char err[OR_ERR_SIZE];
    const char *ctype = NULL;
    if (curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype) != CURLE_OK) {
        ctype = NULL;
    }
    or_http_cache_key(j->req, key);
    (void)or_http_cache_store(http->cache_dir, j->req, key,
                              (int64_t)(g_get_real_time() / G_USEC_PER_SEC), status, ctype, j->body,
                              j->len, err, sizeof(err));
}

static void
record_success(struct batch *b, struct job *j, long status)
{
    struct or_http *http = b->http;
    char msg[OR_ERR_SIZE];
    char key[65];
    char err[OR_ERR_SIZE / 2]; /* leaves room for the label in msg */
    const char *ctype = NULL;
    if (curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype) != CURLE_OK) {
        ctype = NULL;
    }
    or_http_request_key(j->req, key);
    or_status st = or_http_record_save(http->record_dir, j->req, key, status, ctype, j->body,
                                       j->len, err, sizeof(err));
    detach(b, j);
    if (st != OR_OK) {
        snprintf(msg, sizeof(msg), "%s: not recorded: %s", label_of(j->req), err);
        finish(b, j, st, status, 1, msg);
        return;
    }
    finish(b, j, OR_OK, status, 1, "");
}

/* A transfer ended: success, another try later, or a final failure. */
static void
completed(struct batch *b, struct job *j, CURLcode rc)
{
    struct or_http *http = b->http;
    const struct or_http_request *req = j->req;
    const char *label = label_of(req);
    char msg[OR_ERR_SIZE];
    char tries[32];
    long status = 0;
    if (curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK) {
        status = 0;
    }
    http->stats.bytes_in += (double)j->len;
    int may_retry = j->attempts <= http->max_retries;

    if (j->oom) {
        detach(b, j);
        snprintf(msg, sizeof(msg), "%s: out of memory receiving the response", label);
        finish(b, j, OR_ERR_NOMEM, 0, 0, msg);
        return;
    }
    if (rc != CURLE_OK) {
        int transient = or_http_curl_retryable(rc);
        detach(b, j);
        if (transient && may_retry) {
            schedule_retry(b, j);
            return;
        }
        tries_suffix(tries, sizeof(tries), j->attempts);
        /* The transient errors speak for themselves; for the others (TLS,
         * DNS) curl's detailed message is what tells the user what to fix. */
        const char *why =
            !transient && j->curl_err[0] != '\0' ? j->curl_err : curl_easy_strerror(rc);
        snprintf(msg, sizeof(msg), "%s: connection failed (%s)%s", label, why, tries);
        finish(b, j, OR_ERR_NETWORK, 0, 0, msg);
        return;
    }
    if (status >= 200 && status < 300) {
        if (http->cache_dir != NULL) {
            cache_success(b, j, status);
        }
        if (http->record_dir != NULL) {
            record_success(b, j, status);
            return;
        }
        detach(b, j);
        finish(b, j, OR_OK, status, 1, "");
        return;
    }
    detach(b, j);
    if (or_http_status_retryable(status) && may_retry) {
        schedule_retry(b, j);
        return;
    }
    tries_suffix(tries, sizeof(tries), j->attempts);
    const char *reason = or_http_reason(status);
    snprintf(msg, sizeof(msg), "%s: HTTP %ld%s%s%s", label, status, reason != NULL ? " " : "",
             reason != NULL ? reason : "", tries);
    finish(b, j, status == 401 || status == 403 ? OR_ERR_AUTH : OR_ERR_HTTP, status, 1, msg);
}

/* The waiting job due first, or NULL when none is due by @p now. */
static struct job *
due_retry(struct batch *b, int64_t now)
{
    struct job *best = NULL;
    if (b->waiting == 0) {
        return NULL;
    }
    for (size_t i = 0; i < b->n; i++) {
        struct job *j = &b->jobs[i];
        if (j->state == JOB_WAITING && j->wake_ms <= now &&
            (best == NULL || j->wake_ms < best->wake_ms)) {
            best = j;
        }
    }
    return best;
}

static int64_t
next_wake(const struct batch *b)
{
    int64_t wake = INT64_MAX;
    if (b->waiting == 0) {
        return wake;
    }
    for (size_t i = 0; i < b->n; i++) {
        const struct job *j = &b->jobs[i];
        if (j->state == JOB_WAITING && j->wake_ms < wake) {
            wake = j->wake_ms;
        }
    }
    return wake;
}

static void
fill_slots(struct batch *b)
{
    size_t max = (size_t)b->http->max_parallel;
    while (!b->aborted && b->running < max && b->finished < b->n) {
        /* Retries that are due go first: they have waited already. */
        struct job *j = due_retry(b, now_ms());
        if (j != NULL) {
            b->waiting--;
        }
        else if (b->next_new < b->n) {
            j = &b->jobs[b->next_new++];
        }
        else {
            return;
        }
        start(b, j);
    }
}

static void
cancel_all(struct batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct job *j = &b->jobs[i];
        if (j->state == JOB_RUNNING) {
            detach(b, j);
        }
        free(j->body);
        j->body = NULL;
        curl_slist_free_all(j->headers);
        j->headers = NULL;
        free(j->url);
        j->url = NULL;
    }
}

static or_status
run_network(struct or_http *http, const struct or_http_request *reqs, size_t n,
            or_http_done_fn *done, void *ud, char *err, size_t errlen)
{
    struct batch b = {
        .http = http,
        .n = n,
        .done = done,
        .ud = ud,
    };
    b.jobs = calloc(n, sizeof(*b.jobs));
    if (b.jobs == NULL) {
        report(err, errlen, "out of memory starting the HTTP batch");
        return OR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        b.jobs[i].req = &reqs[i];
        b.jobs[i].index = i;
        b.jobs[i].retry_after_ms = -1;
    }

    or_status st = OR_OK;
    char msg[OR_ERR_SIZE];
    while (b.finished < n && !b.aborted) {
        fill_slots(&b);
        if (b.finished == n || b.aborted) {
            break;
        }
        int still = 0;
        CURLMcode mc = curl_multi_perform(http->multi, &still);
        if (mc != CURLM_OK) {
            snprintf(msg, sizeof(msg), "HTTP transfers failed: %s", curl_multi_strerror(mc));
            st = mc == CURLM_OUT_OF_MEMORY ? OR_ERR_NOMEM : OR_ERR_NETWORK;
            goto fail;
        }
        while (!b.aborted) {
            int left = 0;
            CURLMsg *m = curl_multi_info_read(http->multi, &left);
            if (m == NULL) {
                break;
            }
            if (m->msg != CURLMSG_DONE) {
                continue;
            }
            char *priv = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
            /* m is invalid once its handle is removed: read the result first. */
            CURLcode rc = m->data.result;
            if (priv != NULL) {
                completed(&b, (struct job *)(void *)priv, rc);
            }
        }
        if (b.finished == n || b.aborted) {
            break;
        }

        /* Sleep until curl has work or the next retry is due, whichever is
         * first; curl shortens the wait further for its own timers. */
        int64_t now = now_ms();
        int64_t wake = next_wake(&b);
        int timeout = 1000;
        if (b.running < (size_t)http->max_parallel) {
            if (b.next_new < n) {
                /* A slot just came free and a request waits for it. */
                timeout = 0;
            }
            else if (wake != INT64_MAX) {
                int64_t until = wake - now;
                timeout = until <= 0 ? 0 : until < timeout ? (int)until : timeout;
            }
        }
        if (timeout > 0) {
            mc = curl_multi_poll(http->multi, NULL, 0, timeout, NULL);
            if (mc != CURLM_OK) {
                snprintf(msg, sizeof(msg), "HTTP transfers failed: %s", curl_multi_strerror(mc));
                st = mc == CURLM_OUT_OF_MEMORY ? OR_ERR_NOMEM : OR_ERR_NETWORK;
                goto fail;
            }
        }
    }
    if (b.aborted) {
        snprintf(msg, sizeof(msg), "HTTP batch aborted after %zu of %zu requests", b.finished, n);
        st = OR_ERR_INVALID;
        goto fail;
    }
    free(b.jobs);
    return OR_OK;

fail:
    cancel_all(&b);
    free(b.jobs);
    report(err, errlen, msg);
    return st;
}

static or_status
run_replay(struct or_http *http, const struct or_http_request *reqs, size_t n,
           or_http_done_fn *done, void *ud, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        const struct or_http_request *req = &reqs[i];
        const char *label = label_of(req);
        char key[65];
        char msg[OR_ERR_SIZE];
        char why[OR_ERR_SIZE / 2]; /* leaves room for the label in msg */
        struct or_http_response resp = {
            .attempts = 1,
            .from_replay = 1,
        };
        or_status st = OR_OK;
        or_http_request_key(req, key);
        or_status rs = or_http_replay_load(http->replay_dir, key, &resp.status, &resp.body,
                                           &resp.len, why, sizeof(why));
        msg[0] = '\0';
        if (rs == OR_ERR_NOT_FOUND) {
            snprintf(msg, sizeof(msg),
                     "%s: not in the recording %s (key %.12s): record it with --record", label,
                     http->replay_dir, key);
            st = OR_ERR_REPLAY;
            resp.attempts = 0;
        }
        else if (rs != OR_OK) {
            snprintf(msg, sizeof(msg), "%s: %s", label, why);
            st = rs;
            resp.attempts = 0;
        }
        else {
            http->stats.replayed++;
            if (resp.status < 200 || resp.status >= 300) {
                const char *reason = or_http_reason(resp.status);
                snprintf(msg, sizeof(msg), "%s: HTTP %ld%s%s", label, resp.status,
                         reason != NULL ? " " : "", reason != NULL ? reason : "");
                st = resp.status == 401 || resp.status == 403 ? OR_ERR_AUTH : OR_ERR_HTTP;
            }
        }
        or_redact_inplace(msg, sizeof(msg));
        int free_body = 1;
        int stop = done(ud, i, st, &resp, msg, &free_body);
        if (free_body) {
            free(resp.body);
        }
        if (stop) {
            snprintf(msg, sizeof(msg), "HTTP batch aborted after %zu of %zu requests", i + 1, n);
            report(err, errlen, msg);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

or_status
or_http_perform(struct or_http *http, const struct or_http_request *reqs, size_t n,
                or_http_done_fn *done, void *ud, char *err, size_t errlen)
{
    if (http == NULL || done == NULL || (reqs == NULL && n > 0)) {
        report(err, errlen, "or_http_perform: missing client, requests or callback");
        return OR_ERR_INVALID;
    }
    if (http->busy) {
        report(err, errlen, "or_http_perform: called again from its own callback");
        return OR_ERR_INVALID;
    }
    if (n == 0) {
        return OR_OK;
    }
    http->busy = 1;
    or_status st = http->replay_dir != NULL ? run_replay(http, reqs, n, done, ud, err, errlen)
                                            : run_network(http, reqs, n, done, ud, err, errlen);
    http->busy = 0;
    return st;
}
