/* SPDX-License-Identifier: MIT */
/* The HTTP client: its creation, its settings, and a batch dispatched to
 * the replay directory or to the network (http_multi.c). */
#include "http/http.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <curl/curl.h>
#include <glib.h>

#include "base/log.h"
#include "base/status_str.h"
#include "base/tmpfile.h"
#include "http/http_cache.h"
#include "http/http_client.h"
#include "http/http_ratelimit.h"
#include "http/http_multi.h"
#include "http/http_record.h"
#include "http/http_request.h"
#include "http/http_retry.h"

static gsize global_init_result;

/* curl_global_init() is not guaranteed thread-safe on every build, and it
 * must run once per process whichever module (HTTP client, mail) needs it first. */
or_status
or_curl_global_init(void)
{
    if (g_once_init_enter(&global_init_result)) {
        CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
        g_once_init_leave(&global_init_result, (gsize)rc + 1);
    }
    return global_init_result - 1 == CURLE_OK ? OR_OK : OR_ERR_NETWORK;
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

static or_status
check_options(const struct or_http_options *opts, char *err, size_t errlen)
{
    if (opts->record_dir != NULL && opts->replay_dir != NULL) {
        or_set_err(err, errlen, "--record and --replay cannot be used together");
        return OR_ERR_INVALID;
    }
    if (opts->cache_ttl_s < 0) {
        or_set_err(err, errlen, "the HTTP cache time to live cannot be negative");
        return OR_ERR_INVALID;
    }
    if (opts->max_response_mb < 0 || opts->max_response_mb > 1000000 || opts->low_speed_bytes < 0) {
        or_set_err(err, errlen, "invalid HTTP response size or speed limit");
        return OR_ERR_INVALID;
    }
    if (or_curl_global_init() != OR_OK) {
        or_set_err(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }
    return OR_OK;
}

/* The recording, replay and cache folders exist and can be used. */
static or_status
open_dirs(struct or_http *http, char *err, size_t errlen)
{
    if (http->record_dir != NULL && g_mkdir_with_parents(http->record_dir, 0700) != 0) {
        or_set_err(err, errlen, "cannot create the recording directory %s: %s", http->record_dir,
                   g_strerror(errno));
        return OR_ERR_IO;
    }
    if (http->replay_dir != NULL && !g_file_test(http->replay_dir, G_FILE_TEST_IS_DIR)) {
        or_set_err(err, errlen, "the recording %s to replay is not a directory", http->replay_dir);
        return OR_ERR_IO;
    }
    /* Temporaries a killed run left behind (tmpfile.h). */
    if (http->record_dir != NULL) {
        or_tmpfile_sweep(http->record_dir, OR_TMP_STALE_S);
    }
    /* The cache only saves requests: a folder that cannot be made or used
     * (a service user whose $HOME is /nonexistent) costs the cache, never
     * the run. */
    char why[OR_ERR_SIZE];
    if (http->cache_dir != NULL && or_http_cache_open(http->cache_dir, why, sizeof(why)) != OR_OK) {
        or_log(OR_LOG_WARN,
               "%s; this run goes without the HTTP cache (set XDG_CACHE_HOME, or "
               "[http] cache = off)",
               why);
        g_free(http->cache_dir);
        http->cache_dir = NULL;
    }
    if (http->cache_dir != NULL) {
        or_tmpfile_sweep(http->cache_dir, OR_TMP_STALE_S);
    }
    return OR_OK;
}

or_status
or_http_new(const struct or_http_options *opts, struct or_http **out, char *err, size_t errlen)
{
    static const struct or_http_options defaults = {0};
    if (out == NULL) {
        or_set_err(err, errlen, "or_http_new: no place for the client");
        return OR_ERR_INVALID;
    }
    *out = NULL;
    if (opts == NULL) {
        opts = &defaults;
    }
    or_status st = check_options(opts, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    struct or_http *http = g_new0(struct or_http, 1);
    http->connect_timeout_ms = opts->connect_timeout_ms > 0 ? opts->connect_timeout_ms : 10000;
    http->timeout_ms = opts->timeout_ms > 0 ? opts->timeout_ms : 120000;
    http->max_retries = (int)value_or(opts->max_retries, 5);
    http->backoff_base_ms = value_or(opts->backoff_base_ms, 500);
    http->backoff_max_ms = value_or(opts->backoff_max_ms, 30000);
    http->max_parallel = opts->max_parallel > 0 ? opts->max_parallel : 6;
    http->cache_ttl_s = opts->cache_ttl_s > 0 ? opts->cache_ttl_s : 900;
    http->max_response_mb = opts->max_response_mb > 0 ? opts->max_response_mb : 256;
    http->max_response = (size_t)http->max_response_mb * 1000000u;
    http->deadline_ms = opts->deadline_ms != 0 ? opts->deadline_ms : 3600000;
    http->deadline_at = INT64_MAX;
    http->low_speed_bytes = opts->low_speed_bytes > 0 ? opts->low_speed_bytes : 100;
    http->low_speed_s = opts->low_speed_s != 0 ? opts->low_speed_s : 60;
    http->allow_insecure = opts->allow_insecure;
    http->record_dir = g_strdup(opts->record_dir);
    http->replay_dir = g_strdup(opts->replay_dir);
    http->ca_file = g_strdup(opts->ca_file);
    /* A recording must hold real exchanges, and a replay must not look
     * anywhere else, so either turns the cache off. */
    if (opts->record_dir == NULL && opts->replay_dir == NULL) {
        http->cache_dir = g_strdup(opts->cache_dir);
    }
    http->idle = g_new0(CURL *, (size_t)http->max_parallel);
    http->rand = g_rand_new();
    http->ratelimit = or_http_ratelimit_new();

    st = open_dirs(http, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    http->multi = curl_multi_init();
    http->share = curl_share_init();
    if (http->multi == NULL || http->share == NULL) {
        or_set_err(err, errlen, "out of memory creating the HTTP client");
        st = OR_ERR_NOMEM;
        goto fail;
    }
    /* One client is used by one thread, so the share needs no lock
     * callbacks; it lets every easy handle reuse DNS answers, open
     * connections and TLS sessions of the others. */
    if (curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS) != CURLSHE_OK ||
        curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT) != CURLSHE_OK ||
        curl_share_setopt(http->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION) != CURLSHE_OK) {
        or_set_err(err, errlen, "libcurl refused to share connections between transfers");
        st = OR_ERR_NETWORK;
        goto fail;
    }
    *out = http;
    return OR_OK;

fail:
    or_http_free(http);
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
    g_free(http->idle);
    if (http->multi != NULL) {
        curl_multi_cleanup(http->multi);
    }
    if (http->share != NULL) {
        curl_share_cleanup(http->share);
    }
    or_http_ratelimit_free(http->ratelimit);
    if (http->rand != NULL) {
        g_rand_free(http->rand);
    }
    g_free(http->cache_dir);
    g_free(http->ca_file);
    g_free(http->replay_dir);
    g_free(http->record_dir);
    g_free(http);
}

void
or_http_deadline_start(struct or_http *http)
{
    if (http == NULL) {
        return;
    }
    http->deadline_at =
        http->deadline_ms < 0 ? INT64_MAX : g_get_monotonic_time() / 1000 + http->deadline_ms;
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

/* One request served from the replay directory into @p resp; @p msg says
 * why it is not a success. */
static or_status
replay_one(struct or_http *http, const struct or_http_request *req, struct or_http_response *resp,
           char *msg, size_t msglen)
{
    const char *label = or_http_request_label(req);
    char key[65];
    char why[OR_ERR_SIZE / 2]; /* leaves room for the label in msg */
    or_http_request_key(req, key);
    or_status rs = or_http_replay_load(http->replay_dir, key, http->max_response, &resp->status,
                                       &resp->body, &resp->len, why, sizeof(why));
    msg[0] = '\0';
    if (rs == OR_ERR_NOT_FOUND) {
        or_set_err(msg, msglen, "%s: not in the recording %s (key %.12s): record it with --record",
                   label, http->replay_dir, key);
        resp->attempts = 0;
        return OR_ERR_REPLAY;
    }
    if (rs == OR_ERR_INVALID) {
        or_set_err(msg, msglen,
                   "%s: the recorded response (key %.12s) is larger than the limit of %ld MB "
                   "([http] max_response_mb)",
                   label, key, http->max_response_mb);
        resp->attempts = 0;
        return OR_ERR_HTTP;
    }
    if (rs != OR_OK) {
        or_set_err(msg, msglen, "%s: %s", label, why);
        resp->attempts = 0;
        return rs;
    }
    http->stats.replayed++;
    if (resp->status < 200 || resp->status >= 300) {
        const char *reason = or_http_reason(resp->status);
        or_set_err(msg, msglen, "%s: HTTP %ld%s%s", label, resp->status, reason != NULL ? " " : "",
                   reason != NULL ? reason : "");
        return resp->status == 401 || resp->status == 403 ? OR_ERR_AUTH : OR_ERR_HTTP;
    }
    return OR_OK;
}

static or_status
run_replay(struct or_http *http, const struct or_http_request *reqs, size_t n,
           or_http_done_fn *done, void *ud, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        char msg[OR_ERR_SIZE];
        struct or_http_response resp = {
            .attempts = 1,
            .from_replay = 1,
        };
        or_status st = replay_one(http, &reqs[i], &resp, msg, sizeof(msg));
        int free_body = 1;
        int stop = done(ud, i, st, &resp, msg, &free_body);
        if (free_body) {
            g_free(resp.body);
        }
        if (stop) {
            or_set_err(err, errlen, "HTTP batch aborted after %zu of %zu requests", i + 1, n);
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
        or_set_err(err, errlen, "or_http_perform: missing client, requests or callback");
        return OR_ERR_INVALID;
    }
    if (http->busy) {
        or_set_err(err, errlen, "or_http_perform: called again from its own callback");
        return OR_ERR_INVALID;
    }
    if (n == 0) {
        return OR_OK;
    }
    http->busy = 1;
    or_status st = http->replay_dir != NULL
                       ? run_replay(http, reqs, n, done, ud, err, errlen)
                       : or_http_multi_run(http, reqs, n, done, ud, err, errlen);
    http->busy = 0;
    return st;
}
