/* SPDX-License-Identifier: MIT */
/* A batch on the curl multi handle: see http_multi.h. */
#include "http/http_multi.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "base/status_str.h"
#include "http/http_cache.h"
#include "http/http_plain.h"
#include "http/http_ratelimit.h"
#include "http/http_record.h"
#include "http/http_request.h"
#include "http/http_retry.h"
#include "http/http_transfer.h"

struct batch {
    struct or_http *http;
    struct or_http_transfer *jobs;
    size_t n;
    size_t next_new;
    size_t finished;
    size_t running;
    size_t waiting;
    or_http_done_fn *done;
    void *ud;
    int aborted;
};

static int64_t
now_ms(void)
{
    return g_get_monotonic_time() / 1000;
}

static int64_t
now_s(void)
{
    return (int64_t)(g_get_real_time() / G_USEC_PER_SEC);
}

/* Report a request's outcome through the callback and retire it. */
static void
finish(struct batch *b, struct or_http_transfer *j, or_status st, long status, int with_body,
       const char *msg)
{
    struct or_http_response resp = {
        .status = status,
        .attempts = j->attempts,
        .from_cache = j->from_cache,
    };
    if (with_body) {
        if (j->body == NULL) {
            j->body = g_malloc0(1);
        }
        resp.body = j->body;
        resp.len = j->len;
        j->body = NULL;
    }
    g_free(j->body);
    j->body = NULL;
    j->len = 0;
    j->cap = 0;

    char line[OR_ERR_SIZE];
    or_set_err(line, sizeof(line), "%s", msg != NULL ? msg : "");
    int free_body = 1;
    int stop = b->done(b->ud, j->index, st, &resp, line, &free_body);
    if (free_body) {
        g_free(resp.body);
    }

    j->state = OR_HTTP_DONE;
    b->finished++;
    or_http_transfer_release(j);
    if (stop) {
        b->aborted = 1;
    }
}

/* Serve a fresh cache entry in place of the request's first try; zero on a
 * miss (expired and broken entries are deleted by the lookup). */
static int
serve_cached(struct batch *b, struct or_http_transfer *j)
{
    struct or_http *http = b->http;
    char key[65];
    long status = 0;
    char *body = NULL;
    size_t len = 0;
    or_http_cache_key(j->req, key);
    if (or_http_cache_load(http->cache_dir, key, http->cache_ttl_s, now_s(), http->max_response,
                           &status, &body, &len) != OR_OK) {
        return 0;
    }
    g_free(j->body);
    j->body = body;
    j->len = len;
    j->cap = len + 1;
    j->from_cache = 1;
    http->stats.cached++;
    finish(b, j, OR_OK, status, 1, "");
    return 1;
}

static void
tries_suffix(char *buf, size_t len, int attempts)
{
    if (attempts > 1) {
        or_set_err(buf, len, " after %d tries", attempts);
    }
    else {
        buf[0] = '\0';
    }
}

/* The source's deadline has come (or will have, by @p at): the request ends
 * here, saying why its last try (if any) failed. */
static void
deadline_passed(struct batch *b, struct or_http_transfer *j, const char *last)
{
    char msg[OR_ERR_SIZE];
    char tries[32];
    tries_suffix(tries, sizeof(tries), j->attempts);
    or_set_err(msg, sizeof(msg),
               "%s: the source's deadline of %ld s ([http] deadline_s, --deadline) passed%s%s%s%s",
               or_http_request_label(j->req), b->http->deadline_ms / 1000, tries,
               last != NULL ? " (last: " : "", last != NULL ? last : "", last != NULL ? ")" : "");
    finish(b, j, OR_ERR_NETWORK, 0, 0, msg);
}

static void
start(struct batch *b, struct or_http_transfer *j)
{
    struct or_http *http = b->http;
    const char *label = or_http_request_label(j->req);
    char msg[OR_ERR_SIZE];
    if (j->attempts == 0) {
        or_status pst = or_http_plain_check(j->req, http->allow_insecure, msg, sizeof(msg));
        if (pst != OR_OK) {
            finish(b, j, pst, 0, 0, msg);
            return;
        }
    }
    if (j->attempts == 0 && http->cache_dir != NULL && serve_cached(b, j)) {
        return;
    }
    if (now_ms() >= http->deadline_at) {
        deadline_passed(b, j, NULL);
        return;
    }
    /* The server said its window is used up: wait for its reset, not for a
     * 429, unless the reset comes after the deadline. */
    int64_t until =
        or_http_ratelimit_wait(http->ratelimit, j->req->base_url, now_ms(), http->backoff_max_ms);
    if (until >= http->deadline_at) {
        deadline_passed(b, j, "the server's rate limit window resets after it");
        return;
    }
    if (until > 0) {
        j->state = OR_HTTP_WAITING;
        j->wake_ms = until;
        b->waiting++;
        return;
    }
    if (j->url == NULL) {
        or_status st = or_http_transfer_prepare(j, msg, sizeof(msg));
        if (st != OR_OK) {
            finish(b, j, st, 0, 0, msg);
            return;
        }
    }
    CURL *easy = or_http_transfer_take_easy(http);
    if (easy == NULL) {
        or_set_err(msg, sizeof(msg), "%s: out of memory starting the transfer", label);
        finish(b, j, OR_ERR_NOMEM, 0, 0, msg);
        return;
    }
    if (or_http_transfer_configure(http, j, easy) != OR_OK) {
        or_http_transfer_give_back_easy(http, easy);
        or_set_err(msg, sizeof(msg), "%s: libcurl refused an option of the request", label);
        finish(b, j, OR_ERR_INVALID, 0, 0, msg);
        return;
    }
    CURLMcode mc = curl_multi_add_handle(http->multi, easy);
    if (mc != CURLM_OK) {
        or_http_transfer_give_back_easy(http, easy);
        or_set_err(msg, sizeof(msg), "%s: cannot start the transfer (%s)", label,
                   curl_multi_strerror(mc));
        finish(b, j, mc == CURLM_OUT_OF_MEMORY ? OR_ERR_NOMEM : OR_ERR_NETWORK, 0, 0, msg);
        return;
    }
    j->easy = easy;
    j->state = OR_HTTP_RUNNING;
    j->attempts++;
    or_http_ratelimit_started(http->ratelimit, j->req->base_url);
    http->stats.requests++;
    if (j->attempts > 1) {
        http->stats.retries++;
    }
    b->running++;
}

static void
detach(struct batch *b, struct or_http_transfer *j)
{
    or_http_ratelimit_finished(b->http->ratelimit, j->req->base_url, &j->rl);
    curl_multi_remove_handle(b->http->multi, j->easy);
    or_http_transfer_give_back_easy(b->http, j->easy);
    j->easy = NULL;
    b->running--;
}

/* Another try after a wait, unless the wait would end past the deadline.
 * @p why says how this try failed. */
static void
schedule_retry(struct batch *b, struct or_http_transfer *j, const char *why)
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
    if (now_ms() + delay >= http->deadline_at) {
        deadline_passed(b, j, why);
        return;
    }
    j->state = OR_HTTP_WAITING;
    j->wake_ms = now_ms() + delay;
    b->waiting++;
}

static const char *
content_type(const struct or_http_transfer *j)
{
    const char *ctype = NULL;
    if (curl_easy_getinfo(j->easy, CURLINFO_CONTENT_TYPE, &ctype) != CURLE_OK) {
        ctype = NULL;
    }
    return ctype;
}

/* Keep a 2xx response for later runs.  The cache only saves work: an entry
 * that cannot be written is simply not there next time. */
static void
cache_success(struct batch *b, struct or_http_transfer *j, long status)
{
    struct or_http *http = b->http;
    char key[65];
    char err[OR_ERR_SIZE];
    or_http_cache_key(j->req, key);
    (void)or_http_cache_store(http->cache_dir, j->req, key, now_s(), status, content_type(j),
                              j->body, j->len, err, sizeof(err));
}

static void
record_success(struct batch *b, struct or_http_transfer *j, long status)
{
    struct or_http *http = b->http;
    char msg[OR_ERR_SIZE];
    char key[65];
    char err[OR_ERR_SIZE / 2]; /* leaves room for the label in msg */
    or_http_request_key(j->req, key);
    or_status st = or_http_record_save(http->record_dir, j->req, key, status, content_type(j),
                                       j->body, j->len, err, sizeof(err));
    detach(b, j);
    if (st != OR_OK) {
        or_set_err(msg, sizeof(msg), "%s: not recorded: %s", or_http_request_label(j->req), err);
        finish(b, j, st, status, 1, msg);
        return;
    }
    finish(b, j, OR_OK, status, 1, "");
}

/* Why a try that timed out did: the low-speed limit, the deadline or the
 * transfer's own time limit, each named by its setting. */
static void
timeout_reason(const struct or_http *http, const struct or_http_transfer *j, char *buf, size_t len)
{
    if (strstr(j->curl_err, "too slow") != NULL) {
        or_set_err(buf, len,
                   "the server sent less than %ld bytes/s for %ld s ([http] low_speed_bytes, "
                   "low_speed_s)",
                   http->low_speed_bytes, http->low_speed_s);
    }
    else if (j->timeout_ms < http->timeout_ms && now_ms() >= http->deadline_at - 50) {
        buf[0] = '\0';
    }
    else {
        or_set_err(buf, len, "no complete response within %ld s ([http] timeout_s)",
                   http->timeout_ms / 1000);
    }
}

/* A transfer that ended in a libcurl error: another try, or the end. */
static void
connection_failed(struct batch *b, struct or_http_transfer *j, CURLcode rc)
{
    char msg[OR_ERR_SIZE];
    char tries[32];
    char why[OR_ERR_SIZE / 2];
    int transient = or_http_curl_retryable(rc);
    /* The transient errors speak for themselves; for the others (TLS,
     * DNS) curl's detailed message is what tells the user what to fix. */
    or_set_err(why, sizeof(why), "connection failed (%s)",
               !transient && j->curl_err[0] != '\0' ? j->curl_err : curl_easy_strerror(rc));
    if (rc == CURLE_OPERATION_TIMEDOUT) {
        timeout_reason(b->http, j, why, sizeof(why));
    }
    detach(b, j);
    if (why[0] == '\0') {
        /* The try was cut at the deadline. */
        deadline_passed(b, j, NULL);
        return;
    }
    if (transient && j->attempts <= b->http->max_retries) {
        schedule_retry(b, j, why);
        return;
    }
    tries_suffix(tries, sizeof(tries), j->attempts);
    or_set_err(msg, sizeof(msg), "%s: %s%s", or_http_request_label(j->req), why, tries);
    finish(b, j, OR_ERR_NETWORK, 0, 0, msg);
}

/* A body beyond max_response, announced or received: final, as the same
 * request would bring the same body again. */
static void
too_large(struct batch *b, struct or_http_transfer *j, long status)
{
    char msg[OR_ERR_SIZE];
    detach(b, j);
    or_set_err(msg, sizeof(msg),
               "%s: the response is larger than the limit of %ld MB ([http] max_response_mb); "
               "stopped reading it",
               or_http_request_label(j->req), b->http->max_response_mb);
    g_free(j->body);
    j->body = NULL;
    j->len = 0;
    j->cap = 0;
    finish(b, j, OR_ERR_HTTP, status, 0, msg);
}

/* A transfer ended: success, another try later, or a final failure. */
static void
completed(struct batch *b, struct or_http_transfer *j, CURLcode rc)
{
    struct or_http *http = b->http;
    const char *label = or_http_request_label(j->req);
    char msg[OR_ERR_SIZE];
    char tries[32];
    long status = 0;
    if (curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK) {
        status = 0;
    }
    http->stats.bytes_in += (double)j->len;
    if (j->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
        too_large(b, j, status);
        return;
    }
    if (j->oom) {
        detach(b, j);
        or_set_err(msg, sizeof(msg), "%s: out of memory receiving the response", label);
        finish(b, j, OR_ERR_NOMEM, 0, 0, msg);
        return;
    }
    if (rc != CURLE_OK) {
        connection_failed(b, j, rc);
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
    const char *reason = or_http_reason(status);
    char why[64];
    or_set_err(why, sizeof(why), "HTTP %ld%s%s", status, reason != NULL ? " " : "",
               reason != NULL ? reason : "");
    if (or_http_status_retryable(status) && j->attempts <= http->max_retries) {
        schedule_retry(b, j, why);
        return;
    }
    tries_suffix(tries, sizeof(tries), j->attempts);
    or_set_err(msg, sizeof(msg), "%s: %s%s", label, why, tries);
    finish(b, j, status == 401 || status == 403 ? OR_ERR_AUTH : OR_ERR_HTTP, status, 1, msg);
}

/* The waiting request due first, or NULL when none is due by @p now. */
static struct or_http_transfer *
due_retry(struct batch *b, int64_t now)
{
    struct or_http_transfer *best = NULL;
    if (b->waiting == 0) {
        return NULL;
    }
    for (size_t i = 0; i < b->n; i++) {
        struct or_http_transfer *j = &b->jobs[i];
        if (j->state == OR_HTTP_WAITING && j->wake_ms <= now &&
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
        const struct or_http_transfer *j = &b->jobs[i];
        if (j->state == OR_HTTP_WAITING && j->wake_ms < wake) {
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
        struct or_http_transfer *j = due_retry(b, now_ms());
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

/* Hand every finished transfer to completed(). */
static void
collect(struct batch *b)
{
    while (!b->aborted) {
        int left = 0;
        CURLMsg *m = curl_multi_info_read(b->http->multi, &left);
        if (m == NULL) {
            return;
        }
        if (m->msg != CURLMSG_DONE) {
            continue;
        }
        char *priv = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
        /* m is invalid once its handle is removed: read the result first. */
        CURLcode rc = m->data.result;
        if (priv != NULL) {
            completed(b, (struct or_http_transfer *)(void *)priv, rc);
        }
    }
}

/* How long to sleep: until curl has work or the next retry is due,
 * whichever is first (curl shortens the wait further for its own timers). */
static int
poll_timeout(const struct batch *b)
{
    int timeout = 1000;
    if (b->running < (size_t)b->http->max_parallel) {
        int64_t wake = next_wake(b);
        if (b->next_new < b->n) {
            /* A slot just came free and a request waits for it. */
            timeout = 0;
        }
        else if (wake != INT64_MAX) {
            int64_t until = wake - now_ms();
            timeout = until <= 0 ? 0 : until < timeout ? (int)until : timeout;
        }
    }
    return timeout;
}

static void
cancel_all(struct batch *b)
{
    for (size_t i = 0; i < b->n; i++) {
        struct or_http_transfer *j = &b->jobs[i];
        if (j->state == OR_HTTP_RUNNING) {
            detach(b, j);
        }
        g_free(j->body);
        j->body = NULL;
        or_http_transfer_release(j);
    }
}

or_status
or_http_multi_run(struct or_http *http, const struct or_http_request *reqs, size_t n,
                  or_http_done_fn *done, void *ud, char *err, size_t errlen)
{
    struct batch b = {.http = http, .n = n, .done = done, .ud = ud};
    b.jobs = g_try_new0(struct or_http_transfer, n);
    if (b.jobs == NULL) {
        or_set_err(err, errlen, "out of memory starting the HTTP batch");
        return OR_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        b.jobs[i].req = &reqs[i];
        b.jobs[i].index = i;
        b.jobs[i].retry_after_ms = -1;
    }
    CURLMcode mc = CURLM_OK;
    while (b.finished < n && !b.aborted && mc == CURLM_OK) {
        fill_slots(&b);
        if (b.finished == n || b.aborted) {
            break;
        }
        int still = 0;
        mc = curl_multi_perform(http->multi, &still);
        if (mc != CURLM_OK) {
            break;
        }
        collect(&b);
        if (b.finished == n || b.aborted) {
            break;
        }
        int timeout = poll_timeout(&b);
        if (timeout > 0) {
            mc = curl_multi_poll(http->multi, NULL, 0, timeout, NULL);
        }
    }
    or_status st = OR_OK;
    if (mc != CURLM_OK) {
        or_set_err(err, errlen, "HTTP transfers failed: %s", curl_multi_strerror(mc));
        st = mc == CURLM_OUT_OF_MEMORY ? OR_ERR_NOMEM : OR_ERR_NETWORK;
    }
    else if (b.aborted) {
        or_set_err(err, errlen, "HTTP batch aborted after %zu of %zu requests", b.finished, n);
        st = OR_ERR_INVALID;
    }
    if (st != OR_OK) {
        cancel_all(&b);
    }
    g_free(b.jobs);
    return st;
}
