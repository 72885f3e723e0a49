/* SPDX-License-Identifier: MIT */
/*
 * Tests of the HTTP client against a scripted libmicrohttpd server that runs
 * inside the test process on a loopback port chosen by the kernel.  Each
 * test installs a script deciding the reply to the n-th request; the server
 * counts requests and the largest number it saw at once.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <microhttpd.h>

#include "http/http.h"
#include "http/http_plain.h"
#include "http/http_request.h"
#include "http/http_retry.h"
#include "base/redact.h"

/* ------------------------------------------------------------------ */
/* The scripted server                                                 */

/* What the script wants sent back. */
struct reply {
    unsigned status;
    char body[512];
    char retry_after[96];
    int truncate; /* announce 1000 bytes, send 500, drop the connection */
    int delay_ms; /* hold the request this long before answering */
};

/* What the server saw of one request. */
struct seen {
    char method[16];
    char path[256];
    char page_arg[32];
    char content_type[128];
    char x_test[128];
    char user_agent[128];
    char authorization[128];
    char accept_encoding[64];
    char *upload;
    size_t upload_len;
};

typedef void script_fn(unsigned nth, const struct seen *req, struct reply *out);

struct server {
    struct MHD_Daemon *daemon;
    unsigned short port;
    char base_url[64];
    GMutex lock;
    script_fn *script;
    unsigned count;
    int in_flight;
    int max_in_flight;
    unsigned per_path[64]; /* requests seen for /r/<i> */
    struct seen last;      /* copy of the last request (upload owned) */
};

static struct server srv;
/* Parameter of the current test's script. */
static char script_param[96];

static void
copy_value(struct MHD_Connection *c, enum MHD_ValueKind kind, const char *name, char *dst,
           size_t len)
{
    const char *v = MHD_lookup_connection_value(c, kind, name);
    snprintf(dst, len, "%s", v != NULL ? v : "");
}

static ssize_t
half_body(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    if (pos >= 500) {
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t n = 500 - (size_t)pos;
    if (n > max) {
        n = max;
    }
    memset(buf, 'x', n);
    return (ssize_t)n;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct seen *req = *con_cls;
    if (req == NULL) {
        req = calloc(1, sizeof(*req));
        if (req == NULL) {
            return MHD_NO;
        }
        snprintf(req->method, sizeof(req->method), "%s", method);
        snprintf(req->path, sizeof(req->path), "%s", url);
        copy_value(c, MHD_GET_ARGUMENT_KIND, "page", req->page_arg, sizeof(req->page_arg));
        copy_value(c, MHD_HEADER_KIND, "Content-Type", req->content_type,
                   sizeof(req->content_type));
        copy_value(c, MHD_HEADER_KIND, "X-Test", req->x_test, sizeof(req->x_test));
        copy_value(c, MHD_HEADER_KIND, "User-Agent", req->user_agent, sizeof(req->user_agent));
        copy_value(c, MHD_HEADER_KIND, "Authorization", req->authorization,
                   sizeof(req->authorization));
        copy_value(c, MHD_HEADER_KIND, "Accept-Encoding", req->accept_encoding,
                   sizeof(req->accept_encoding));
        *con_cls = req;
        return MHD_YES;
    }
    if (*upload_size > 0) {
        char *grown = realloc(req->upload, req->upload_len + *upload_size + 1);
        if (grown == NULL) {
            return MHD_NO;
        }
        req->upload = grown;
        memcpy(req->upload + req->upload_len, upload, *upload_size);
        req->upload_len += *upload_size;
        req->upload[req->upload_len] = '\0';
        *upload_size = 0;
        return MHD_YES;
    }

    g_mutex_lock(&s->lock);
    unsigned nth = s->count++;
    s->in_flight++;
    if (s->in_flight > s->max_in_flight) {
        s->max_in_flight = s->in_flight;
    }
    free(s->last.upload);
    s->last = *req;
    s->last.upload = NULL;
    if (req->upload != NULL) {
        s->last.upload = malloc(req->upload_len + 1);
        if (s->last.upload != NULL) {
            memcpy(s->last.upload, req->upload, req->upload_len + 1);
        }
    }
    g_mutex_unlock(&s->lock);

    struct reply r = {.status = 200};
    snprintf(r.body, sizeof(r.body), "{\"ok\":true}");
    s->script(nth, req, &r);
    if (r.delay_ms > 0) {
        g_usleep((gulong)r.delay_ms * 1000);
    }

    g_mutex_lock(&s->lock);
    s->in_flight--;
    g_mutex_unlock(&s->lock);

    struct MHD_Response *resp;
    if (r.truncate) {
        resp = MHD_create_response_from_callback(1000, 1024, half_body, NULL, NULL);
    }
    else {
        resp = MHD_create_response_from_buffer(strlen(r.body), r.body, MHD_RESPMEM_MUST_COPY);
    }
    if (resp == NULL) {
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    if (r.retry_after[0] != '\0') {
        MHD_add_response_header(resp, "Retry-After", r.retry_after);
    }
    enum MHD_Result ret = MHD_queue_response(c, r.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    (void)cls;
    (void)c;
    (void)toe;
    struct seen *req = *con_cls;
    if (req != NULL) {
        free(req->upload);
        free(req);
        *con_cls = NULL;
    }
}

static void
server_start(script_fn *script)
{
    srv.script = script;
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_port = 0;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    srv.daemon =
        MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0, NULL,
                         NULL, on_request, &srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sin,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
    assert_non_null(srv.daemon);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv.daemon, MHD_DAEMON_INFO_BIND_PORT);
    assert_non_null(info);
    srv.port = info->port;
    assert_true(srv.port != 0);
    snprintf(srv.base_url, sizeof(srv.base_url), "http://127.0.0.1:%u", (unsigned)srv.port);
}

static void
server_stop(void)
{
    if (srv.daemon != NULL) {
        MHD_stop_daemon(srv.daemon);
        srv.daemon = NULL;
    }
}

static unsigned
server_count(void)
{
    g_mutex_lock(&srv.lock);
    unsigned n = srv.count;
    g_mutex_unlock(&srv.lock);
    return n;
}

/* The last request the server saw; its upload (if any) goes to @p upload. */
static struct seen
last_seen(char *upload, size_t len)
{
    g_mutex_lock(&srv.lock);
    struct seen copy = srv.last;
    size_t n = copy.upload_len < len ? copy.upload_len : len;
    if (copy.upload != NULL && n > 0) {
        memcpy(upload, copy.upload, n);
    }
    g_mutex_unlock(&srv.lock);
    copy.upload = NULL;
    return copy;
}

/* A port nothing listens on: bound by us, then released. */
static unsigned short
closed_port(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&sin, sizeof(sin)), 0);
    socklen_t len = sizeof(sin);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&sin, &len), 0);
    close(fd);
    return ntohs(sin.sin_port);
}

/* ------------------------------------------------------------------ */
/* Collecting outcomes                                                 */

struct outcome {
    int calls;
    or_status status;
    long http_status;
    char *body;
    size_t len;
    int attempts;
    int from_replay;
    char msg[OR_ERR_SIZE];
};

struct collect {
    struct outcome *o;
    size_t n;
    size_t reported;
    int abort_after; /* abort once this many were reported; 0 never */
};

static int
on_done(void *ud, size_t index, or_status st, struct or_http_response *resp, const char *errmsg,
        int *free_body)
{
    struct collect *c = ud;
    if (index >= c->n) {
        return 1;
    }
    struct outcome *o = &c->o[index];
    o->calls++;
    o->status = st;
    o->http_status = resp->status;
    o->attempts = resp->attempts;
    o->from_replay = resp->from_replay;
    snprintf(o->msg, sizeof(o->msg), "%s", errmsg != NULL ? errmsg : "(null)");
    g_free(o->body);
    o->body = resp->body;
    o->len = resp->len;
    *free_body = 0;
    c->reported++;
    return c->abort_after > 0 && c->reported >= (size_t)c->abort_after;
}

static void
outcomes_free(struct outcome *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(o[i].body);
        o[i].body = NULL;
    }
}

static or_status
run(struct or_http *http, const struct or_http_request *reqs, size_t n, struct outcome *out)
{
    struct collect c = {.o = out, .n = n};
    char err[OR_ERR_SIZE] = "";
    return or_http_perform(http, reqs, n, on_done, &c, err, sizeof(err));
}

static struct or_http *
client(int max_retries, long backoff_max_ms)
{
    struct or_http_options opts = {
        .connect_timeout_ms = 2000,
        .timeout_ms = 5000,
        .max_retries = max_retries,
        .backoff_base_ms = 10,
        .backoff_max_ms = backoff_max_ms,
    };
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    assert_non_null(http);
    return http;
}

static struct or_http *
client_dir(const char *record, const char *replay)
{
    struct or_http_options opts = {
        .backoff_base_ms = 10,
        .record_dir = record,
        .replay_dir = replay,
    };
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    return http;
}

static struct or_http_request
get_req(const char *path_query, const char *label)
{
    struct or_http_request r = {
        .method = "GET",
        .base_url = srv.base_url,
        .path_query = path_query,
        .label = label,
    };
    return r;
}

static double
elapsed_ms(gint64 since)
{
    return (double)(g_get_monotonic_time() - since) / 1000.0;
}

static char *
tmp_dir(void)
{
    char *dir = g_dir_make_tmp("or-http-test-XXXXXX", NULL);
    assert_non_null(dir);
    return dir;
}

static void
rm_dir(char *dir)
{
    if (dir == NULL) {
        return;
    }
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d != NULL) {
        const char *name;
        for (name = g_dir_read_name(d); name != NULL; name = g_dir_read_name(d)) {
            char *p = g_build_filename(dir, name, NULL);
            g_unlink(p);
            g_free(p);
        }
        g_dir_close(d);
    }
    g_rmdir(dir);
    g_free(dir);
}

static int
count_files(const char *dir)
{
    int n = 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    while (g_dir_read_name(d) != NULL) {
        n++;
    }
    g_dir_close(d);
    return n;
}

static int
setup(void **state)
{
    (void)state;
    g_mutex_init(&srv.lock);
    srv.count = 0;
    srv.in_flight = 0;
    srv.max_in_flight = 0;
    memset(srv.per_path, 0, sizeof(srv.per_path));
    memset(&srv.last, 0, sizeof(srv.last));
    script_param[0] = '\0';
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    server_stop();
    free(srv.last.upload);
    srv.last.upload = NULL;
    g_mutex_clear(&srv.lock);
    or_redact_clear();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Scripts                                                             */

static void
script_429_twice(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)req;
    if (nth < 2) {
        r->status = 429;
        snprintf(r->body, sizeof(r->body), "{\"error\":\"slow down\"}");
        if (nth == 1) {
            snprintf(r->retry_after, sizeof(r->retry_after), "0");
        }
        return;
    }
    snprintf(r->body, sizeof(r->body), "{\"data\":[1,2,3]}");
}

/* First reply 503 with Retry-After: script_param, then 200. */
static void
script_retry_after_once(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)req;
    if (nth == 0) {
        r->status = 503;
        snprintf(r->retry_after, sizeof(r->retry_after), "%s", script_param);
    }
}

static void
script_5xx(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)req;
    static const unsigned seq[] = {500, 502, 504, 503};
    r->status = seq[nth < 3 ? nth : 3];
    snprintf(r->body, sizeof(r->body), "{\"message\":\"backend down\"}");
}

static void
script_status_param(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)nth;
    (void)req;
    r->status = (unsigned)strtoul(script_param, NULL, 10);
    snprintf(r->body, sizeof(r->body), "{\"message\":\"status %s\"}", script_param);
}

static void
script_truncate(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)req;
    /* "always": every reply cut short; otherwise only the first. */
    if (strcmp(script_param, "always") == 0 || nth == 0) {
        r->truncate = 1;
        return;
    }
    snprintf(r->body, sizeof(r->body), "{\"complete\":true}");
}

static void
script_slow(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)req;
    r->delay_ms = 60;
    snprintf(r->body, sizeof(r->body), "{\"n\":%u}", nth);
}

/* /r/<i>: i%4 == 0 -> 200, 1 -> 404, 2 -> 503 once then 200, 3 -> 500 always. */
static void
script_mixed(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)nth;
    unsigned i = (unsigned)strtoul(req->path + 3, NULL, 10);
    g_mutex_lock(&srv.lock);
    unsigned seen_before = i < 64 ? srv.per_path[i]++ : 0;
    g_mutex_unlock(&srv.lock);
    r->delay_ms = (int)(i % 3) * 5;
    switch (i % 4) {
    case 0: break;
    case 1: r->status = 404; break;
    case 2:
        if (seen_before == 0) {
            r->status = 503;
        }
        break;
    default: r->status = 500; break;
    }
    snprintf(r->body, sizeof(r->body), "{\"i\":%u,\"status\":%u}", i, r->status);
}

static void
script_echo(unsigned nth, const struct seen *req, struct reply *r)
{
    (void)nth;
    snprintf(r->body, sizeof(r->body), "{\"method\":\"%s\",\"path\":\"%s\",\"page\":\"%s\"}",
             req->method, req->path, req->page_arg);
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
retries_429_then_succeeds_and_counts_attempts(void **state)
{
    (void)state;
    server_start(script_429_twice);
    struct or_http *http = client(5, 200);
    struct or_http_request req = get_req("/v1/calls?page=1", "acme.calls page 1");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].calls, 1);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].http_status, 200);
    assert_int_equal(o[0].attempts, 3);
    assert_string_equal(o[0].msg, "");
    assert_non_null(o[0].body);
    assert_string_equal(o[0].body, "{\"data\":[1,2,3]}");
    assert_int_equal(o[0].len, strlen("{\"data\":[1,2,3]}"));
    assert_int_equal(server_count(), 3);
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, 3);
    assert_int_equal(st.retries, 2);
    assert_int_equal(st.replayed, 0);
    assert_true(st.bytes_in >= (double)o[0].len);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
honours_retry_after_seconds(void **state)
{
    (void)state;
    snprintf(script_param, sizeof(script_param), "1");
    server_start(script_retry_after_once);
    /* Backoff alone would wait at most 10 ms. */
    struct or_http *http = client(3, 5000);
    struct or_http_request req = get_req("/v1/x", "x");
    struct outcome o[1] = {{0}};
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    double ms = elapsed_ms(t0);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].attempts, 2);
    assert_true(ms >= 1000.0);
    assert_true(ms < 3000.0);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
http_date(time_t t, char *buf, size_t len)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, len, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static void
honours_retry_after_http_date(void **state)
{
    (void)state;
    /* A date 3 s ahead (over 2 s, at one-second resolution): the wait is
     * capped by backoff_max_ms (300 ms), while the backoff alone would be
     * at most 10 ms. */
    http_date(time(NULL) + 3, script_param, sizeof(script_param));
    server_start(script_retry_after_once);
    struct or_http *http = client(3, 300);
    struct or_http_request req = get_req("/v1/x", "x");
    struct outcome o[1] = {{0}};
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    double ms = elapsed_ms(t0);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].attempts, 2);
    assert_true(ms >= 300.0);
    assert_true(ms < 2000.0);
    outcomes_free(o, 1);

    /* A date in the past means "now"; so does what is not a date at all,
     * which falls back to the (10 ms) backoff: neither waits the cap. */
    const char *fast[] = {"Thu, 01 Jan 2015 00:00:00 GMT", "whenever you like"};
    for (size_t i = 0; i < 2; i++) {
        g_mutex_lock(&srv.lock);
        srv.count = 0;
        g_mutex_unlock(&srv.lock);
        snprintf(script_param, sizeof(script_param), "%s", fast[i]);
        t0 = g_get_monotonic_time();
        assert_int_equal(run(http, &req, 1, o), OR_OK);
        ms = elapsed_ms(t0);
        assert_int_equal(o[0].status, OR_OK);
        assert_int_equal(o[0].attempts, 2);
        assert_true(ms < 250.0);
        outcomes_free(o, 1);
    }
    or_http_free(http);
}

/* The delay of a Retry-After value that must parse. */
static long
retry_after(const char *value, int64_t now)
{
    long ms = -1;
    assert_int_equal(or_http_parse_retry_after(value, now, &ms), OR_OK);
    return ms;
}

static void
parses_retry_after_forms(void **state)
{
    (void)state;
    int64_t when = 1445412480; /* Wed, 21 Oct 2015 07:28:00 GMT */
    int64_t now = (when - 5) * 1000;
    assert_int_equal(retry_after(" 120\r\n", now), 120000);
    assert_int_equal(retry_after("0", now), 0);
    assert_int_equal(retry_after("Wed, 21 Oct 2015 07:28:00 GMT\r\n", now), 5000);
    assert_int_equal(retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now + 9000), 0);
    assert_int_equal(retry_after("99999999999999999999", now), LONG_MAX);
    long untouched = 7;
    assert_int_equal(or_http_parse_retry_after("soon", now, &untouched), OR_ERR_PARSE);
    assert_int_equal(or_http_parse_retry_after("", now, &untouched), OR_ERR_PARSE);
    assert_int_equal(or_http_parse_retry_after("-3", now, &untouched), OR_ERR_PARSE);
    assert_int_equal(untouched, 7);
}

static void
backoff_doubles_and_is_capped_with_full_jitter(void **state)
{
    (void)state;
    assert_int_equal(or_http_backoff_ms(500, 30000, 0, 0.999999), 500);
    assert_int_equal(or_http_backoff_ms(500, 30000, 1, 0.999999), 1000);
    assert_int_equal(or_http_backoff_ms(500, 30000, 3, 0.999999), 4000);
    assert_int_equal(or_http_backoff_ms(500, 30000, 10, 0.999999), 30000);
    assert_int_equal(or_http_backoff_ms(500, 30000, 1000, 0.999999), 30000);
    assert_int_equal(or_http_backoff_ms(500, 30000, 3, 0.0), 0);
    assert_int_equal(or_http_backoff_ms(500, 30000, 3, 0.5), 2000);
}

static void
retries_500_502_503_then_fails_with_message_naming_label_and_status(void **state)
{
    (void)state;
    server_start(script_5xx);
    struct or_http *http = client(3, 50);
    struct or_http_request req = get_req("/v1/calls?page=3", "acme.calls page 3");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].calls, 1);
    assert_int_equal(o[0].status, OR_ERR_HTTP);
    assert_int_equal(o[0].http_status, 503);
    assert_int_equal(o[0].attempts, 4);
    assert_string_equal(o[0].msg, "acme.calls page 3: HTTP 503 Service Unavailable after 4 tries");
    /* The vendor's message stays available to the caller. */
    assert_non_null(o[0].body);
    assert_string_equal(o[0].body, "{\"message\":\"backend down\"}");
    assert_int_equal(server_count(), 4);
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, 4);
    assert_int_equal(st.retries, 3);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
does_not_retry_404(void **state)
{
    (void)state;
    snprintf(script_param, sizeof(script_param), "404");
    server_start(script_status_param);
    struct or_http *http = client(5, 50);
    struct or_http_request req = get_req("/v1/nope", "acme.nope");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_HTTP);
    assert_int_equal(o[0].http_status, 404);
    assert_int_equal(o[0].attempts, 1);
    assert_string_equal(o[0].msg, "acme.nope: HTTP 404 Not Found");
    assert_string_equal(o[0].body, "{\"message\":\"status 404\"}");
    assert_int_equal(server_count(), 1);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
auth_error_without_retry(void **state)
{
    (void)state;
    snprintf(script_param, sizeof(script_param), "401");
    server_start(script_status_param);
    struct or_http *http = client(5, 50);
    struct or_http_request req = get_req("/v1/me", "acme.me");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_AUTH);
    assert_int_equal(o[0].http_status, 401);
    assert_int_equal(o[0].attempts, 1);
    assert_string_equal(o[0].msg, "acme.me: HTTP 401 Unauthorized");
    assert_int_equal(server_count(), 1);
    outcomes_free(o, 1);

    snprintf(script_param, sizeof(script_param), "403");
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_AUTH);
    assert_string_equal(o[0].msg, "acme.me: HTTP 403 Forbidden");
    assert_int_equal(server_count(), 2);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
connection_refused_is_network_error_after_retries(void **state)
{
    (void)state;
    char base[64];
    snprintf(base, sizeof(base), "http://127.0.0.1:%u", (unsigned)closed_port());
    struct or_http *http = client(2, 20);
    struct or_http_request req = {
        .method = "GET",
        .base_url = base,
        .path_query = "/v1/calls",
        .label = "acme.calls",
    };
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].calls, 1);
    assert_int_equal(o[0].status, OR_ERR_NETWORK);
    assert_int_equal(o[0].http_status, 0);
    assert_null(o[0].body);
    assert_int_equal(o[0].attempts, 3);
    assert_string_equal(o[0].msg,
                        "acme.calls: connection failed (Couldn't connect to server) after 3 tries");
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, 3);
    assert_int_equal(st.retries, 2);
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
truncated_body_is_retried(void **state)
{
    (void)state;
    server_start(script_truncate);
    struct or_http *http = client(2, 20);
    struct or_http_request req = get_req("/v1/big", "acme.big");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].attempts, 2);
    assert_string_equal(o[0].body, "{\"complete\":true}");
    assert_int_equal(server_count(), 2);
    outcomes_free(o, 1);

    /* Cut short every time: a network error, and the half body is not
     * handed on as if it were the answer. */
    snprintf(script_param, sizeof(script_param), "always");
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_NETWORK);
    assert_int_equal(o[0].attempts, 3);
    assert_null(o[0].body);
    assert_non_null(strstr(o[0].msg, "acme.big: connection failed ("));
    assert_non_null(strstr(o[0].msg, "partial file"));
    assert_non_null(strstr(o[0].msg, "after 3 tries"));
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
parallel_batch_keeps_at_most_max_parallel_in_flight(void **state)
{
    (void)state;
    server_start(script_slow);
    struct or_http_options opts = {.max_parallel = 3, .backoff_base_ms = 10};
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    struct or_http_request reqs[12];
    for (size_t i = 0; i < 12; i++) {
        reqs[i] = get_req("/v1/slow", "slow");
    }
    struct outcome o[12];
    memset(o, 0, sizeof(o));
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(run(http, reqs, 12, o), OR_OK);
    double ms = elapsed_ms(t0);
    for (size_t i = 0; i < 12; i++) {
        assert_int_equal(o[i].calls, 1);
        assert_int_equal(o[i].status, OR_OK);
    }
    assert_int_equal(server_count(), 12);
    /* Exactly 3: never more, and really in parallel (not one at a time). */
    assert_int_equal(srv.max_in_flight, 3);
    /* One at a time would take 720 ms; three at a time about 240 ms. */
    assert_true(ms < 600.0);
    outcomes_free(o, 12);
    or_http_free(http);
}

static void
one_at_a_time_batch_does_not_stall_between_requests(void **state)
{
    (void)state;
    server_start(script_echo);
    struct or_http_options opts = {.max_parallel = 1, .backoff_base_ms = 10};
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    struct or_http_request reqs[4];
    for (size_t i = 0; i < 4; i++) {
        reqs[i] = get_req("/v1/quick", "quick");
    }
    struct outcome o[4];
    memset(o, 0, sizeof(o));
    gint64 t0 = g_get_monotonic_time();
    assert_int_equal(run(http, reqs, 4, o), OR_OK);
    double ms = elapsed_ms(t0);
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(o[i].status, OR_OK);
    }
    /* Each request starts as soon as the previous one ends, not when some
     * poll timeout expires. */
    assert_true(ms < 500.0);
    outcomes_free(o, 4);
    or_http_free(http);
}

static void
all_requests_of_batch_reported_exactly_once(void **state)
{
    (void)state;
    server_start(script_mixed);
    struct or_http_options opts = {
        .max_parallel = 5,
        .max_retries = 2,
        .backoff_base_ms = 5,
        .backoff_max_ms = 20,
    };
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    enum { N = 24 };
    char paths[N][16];
    struct or_http_request reqs[N];
    for (size_t i = 0; i < N; i++) {
        snprintf(paths[i], sizeof(paths[i]), "/r/%zu", i);
        reqs[i] = get_req(paths[i], paths[i]);
    }
    struct outcome o[N];
    memset(o, 0, sizeof(o));
    assert_int_equal(run(http, reqs, N, o), OR_OK);
    unsigned expected_requests = 0;
    for (size_t i = 0; i < N; i++) {
        char want[64];
        assert_int_equal(o[i].calls, 1);
        switch (i % 4) {
        case 0:
            assert_int_equal(o[i].status, OR_OK);
            assert_int_equal(o[i].attempts, 1);
            snprintf(want, sizeof(want), "{\"i\":%zu,\"status\":200}", i);
            assert_string_equal(o[i].body, want);
            expected_requests += 1;
            break;
        case 1:
            assert_int_equal(o[i].status, OR_ERR_HTTP);
            assert_int_equal(o[i].http_status, 404);
            assert_int_equal(o[i].attempts, 1);
            expected_requests += 1;
            break;
        case 2:
            assert_int_equal(o[i].status, OR_OK);
            assert_int_equal(o[i].attempts, 2);
            snprintf(want, sizeof(want), "{\"i\":%zu,\"status\":200}", i);
            assert_string_equal(o[i].body, want);
            expected_requests += 2;
            break;
        default:
            assert_int_equal(o[i].status, OR_ERR_HTTP);
            assert_int_equal(o[i].http_status, 500);
            assert_int_equal(o[i].attempts, 3);
            snprintf(want, sizeof(want), "%s: HTTP 500 Internal Server Error after 3 tries",
                     paths[i]);
            assert_string_equal(o[i].msg, want);
            expected_requests += 3;
            break;
        }
    }
    assert_int_equal(server_count(), expected_requests);
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, expected_requests);
    outcomes_free(o, N);
    or_http_free(http);
}

static void
post_body_and_headers_arrive(void **state)
{
    (void)state;
    server_start(script_echo);
    struct or_http *http = client(0, 50);
    static const char payload[] = "{\"q\":\"x\"}NOT-PART-OF-THE-BODY";
    struct or_http_header headers[] = {
        {.name = "X-Test", .value = "hello"},
        {.name = "Authorization", .value = "Bearer abc-123-token", .secret = 1},
    };
    struct or_http_request req = {
        .method = "POST",
        .base_url = srv.base_url,
        .path_query = "/v1/search?page=2",
        .headers = headers,
        .nheaders = 2,
        .body = payload,
        .body_len = 9,
        .content_type = "application/json",
        .label = "search",
    };
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_OK);
    assert_string_equal(o[0].body, "{\"method\":\"POST\",\"path\":\"/v1/search\",\"page\":\"2\"}");
    char upload[64] = "";
    struct seen last = last_seen(upload, sizeof(upload));
    assert_string_equal(last.method, "POST");
    assert_int_equal(last.upload_len, 9);
    assert_memory_equal(upload, "{\"q\":\"x\"}", 9);
    assert_string_equal(last.content_type, "application/json");
    assert_string_equal(last.x_test, "hello");
    assert_string_equal(last.authorization, "Bearer abc-123-token");
    assert_true(strncmp(last.user_agent, "outreport/", 10) == 0);
    assert_non_null(strstr(last.accept_encoding, "gzip"));
    outcomes_free(o, 1);
    or_http_free(http);
}

static void
record_then_replay_serves_identical_body_without_network(void **state)
{
    (void)state;
    server_start(script_echo);
    char *dir = tmp_dir();
    /* A directory that does not exist yet is created. */
    char *rec = g_build_filename(dir, "rec", NULL);
    struct or_http *http = client_dir(rec, NULL);
    struct or_http_request reqs[2] = {
        get_req("/v1/calls?page=1", "calls page 1"),
        get_req("/v1/calls?page=2", "calls page 2"),
    };
    reqs[1].method = "POST";
    reqs[1].body = "{\"filter\":1}";
    reqs[1].body_len = strlen(reqs[1].body);
    reqs[1].content_type = "application/json";
    struct outcome rec_o[2];
    memset(rec_o, 0, sizeof(rec_o));
    assert_int_equal(run(http, reqs, 2, rec_o), OR_OK);
    assert_int_equal(rec_o[0].status, OR_OK);
    assert_int_equal(rec_o[1].status, OR_OK);
    or_http_free(http);
    assert_int_equal(count_files(rec), 4); /* no temporary files left over */

    char key[65];
    or_http_request_key(&reqs[1], key);
    char *meta_path = g_strdup_printf("%s/%s.json", rec, key);
    char *meta = NULL;
    assert_true(g_file_get_contents(meta_path, &meta, NULL, NULL));
    assert_non_null(strstr(meta, "\"method\": \"POST\""));
    assert_non_null(strstr(meta, "\"path_query\": \"/v1/calls?page=2\""));
    assert_non_null(strstr(meta, "\"body\": \"{\\\"filter\\\":1}\""));
    assert_non_null(strstr(meta, "\"status\": 200"));
    assert_non_null(strstr(meta, "\"content_type\": \"application/json\""));
    g_free(meta);
    g_free(meta_path);

    server_stop();
    unsigned before = server_count();
    /* Another base URL, and nothing listening anywhere. */
    for (size_t i = 0; i < 2; i++) {
        reqs[i].base_url = "http://127.0.0.1:1";
    }
    http = client_dir(NULL, rec);
    struct outcome rep_o[2];
    memset(rep_o, 0, sizeof(rep_o));
    assert_int_equal(run(http, reqs, 2, rep_o), OR_OK);
    for (size_t i = 0; i < 2; i++) {
        assert_int_equal(rep_o[i].status, OR_OK);
        assert_int_equal(rep_o[i].http_status, 200);
        assert_int_equal(rep_o[i].from_replay, 1);
        assert_int_equal(rep_o[i].len, rec_o[i].len);
        assert_memory_equal(rep_o[i].body, rec_o[i].body, rec_o[i].len);
        assert_int_equal(rep_o[i].body[rep_o[i].len], '\0');
    }
    assert_int_equal(server_count(), before);
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.replayed, 2);
    assert_int_equal(st.requests, 0);
    outcomes_free(rec_o, 2);
    outcomes_free(rep_o, 2);
    or_http_free(http);
    rm_dir(rec);
    rm_dir(dir);
}

static void
recording_contains_no_secret_header_value(void **state)
{
    (void)state;
    server_start(script_echo);
    char *dir = tmp_dir();
    struct or_http *http = client_dir(dir, NULL);
    static const char token[] = "tok-SUPERSECRET-123";
    struct or_http_header headers[] = {
        {.name = "Authorization", .value = "Bearer tok-SUPERSECRET-123", .secret = 1},
        {.name = "X-Test", .value = "visible-header-value"},
    };
    struct or_http_request req = get_req("/v1/calls", "calls");
    req.headers = headers;
    req.nheaders = 2;
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_OK);
    /* The header did travel, so its absence below means something. */
    char upload[8];
    struct seen last = last_seen(upload, sizeof(upload));
    assert_string_equal(last.authorization, "Bearer tok-SUPERSECRET-123");
    or_http_free(http);

    assert_int_equal(count_files(dir), 2);
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *name;
    for (name = g_dir_read_name(d); name != NULL; name = g_dir_read_name(d)) {
        char *p = g_build_filename(dir, name, NULL);
        char *data = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(p, &data, &len, NULL));
        assert_null(memmem(data, len, token, strlen(token)));
        assert_null(memmem(data, len, "visible-header-value", 20));
        assert_null(g_strstr_len(data, (gssize)len, "Authorization"));
        g_free(data);
        g_free(p);
    }
    g_dir_close(d);
    outcomes_free(o, 1);
    rm_dir(dir);
}

static void
replay_miss_names_request(void **state)
{
    (void)state;
    server_start(script_echo);
    char *dir = tmp_dir();
    struct or_http *http = client_dir(NULL, dir);
    struct or_http_request req = get_req("/v1/calls?page=2", "acme.calls page 2");
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].calls, 1);
    assert_int_equal(o[0].status, OR_ERR_REPLAY);
    assert_null(o[0].body);
    char key[65];
    or_http_request_key(&req, key);
    char want[OR_ERR_SIZE];
    snprintf(want, sizeof(want),
             "acme.calls page 2: not in the recording %s (key %.12s): record it with --record", dir,
             key);
    assert_string_equal(o[0].msg, want);
    assert_int_equal(server_count(), 0);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_dir(dir);
}

/* An entry whose body is gone or unreadable is a broken recording, named as
 * such; it is not a request missing from the recording. */
static void
replay_entry_without_readable_body_is_broken(void **state)
{
    (void)state;
    server_start(script_echo);
    char *dir = tmp_dir();
    struct or_http_request req = get_req("/v1/calls?page=1", "calls page 1");
    struct or_http *http = client_dir(dir, NULL);
    struct outcome o[1] = {{0}};
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_OK);
    outcomes_free(o, 1);
    or_http_free(http);

    char key[65];
    or_http_request_key(&req, key);
    char *body_name = g_strconcat(key, ".body", NULL);
    char *body_path = g_build_filename(dir, body_name, NULL);
    assert_int_equal(g_unlink(body_path), 0);
    http = client_dir(NULL, dir);
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_REPLAY);
    assert_null(o[0].body);
    assert_non_null(strstr(o[0].msg, "calls page 1: recording entry "));
    assert_non_null(strstr(o[0].msg, ".json has no readable body: no such file"));
    outcomes_free(o, 1);

    /* A directory in its place cannot be read as a file. */
    assert_int_equal(g_mkdir(body_path, 0700), 0);
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_REPLAY);
    assert_non_null(strstr(o[0].msg, ".json has no readable body: "));
    assert_non_null(strstr(o[0].msg, body_name));
    assert_int_equal(server_count(), 1);
    outcomes_free(o, 1);
    or_http_free(http);
    g_rmdir(body_path);
    g_free(body_path);
    g_free(body_name);
    rm_dir(dir);
}

static void
error_messages_never_contain_secret(void **state)
{
    (void)state;
    static const char secret[] = "sk_live_TOPSECRET42";
    or_redact_add(secret);
    snprintf(script_param, sizeof(script_param), "500");
    server_start(script_status_param);
    struct or_http *http = client(1, 20);
    const char *pq = "/v1/calls?api_key=sk_live_TOPSECRET42";
    const char *label = "acme GET /v1/calls?api_key=sk_live_TOPSECRET42";
    struct or_http_request req = get_req(pq, label);
    struct outcome o[1] = {{0}};

    /* An HTTP error after retries. */
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_HTTP);
    assert_null(strstr(o[0].msg, secret));
    assert_string_equal(o[0].msg, "acme GET /v1/calls?api_key=***: HTTP 500 Internal Server Error "
                                  "after 2 tries");
    outcomes_free(o, 1);

    /* A connection error. */
    char base[64];
    snprintf(base, sizeof(base), "http://127.0.0.1:%u", (unsigned)closed_port());
    req.base_url = base;
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_NETWORK);
    assert_null(strstr(o[0].msg, secret));
    assert_non_null(strstr(o[0].msg, "api_key=***"));
    outcomes_free(o, 1);
    or_http_free(http);

    /* A replay miss. */
    char *dir = tmp_dir();
    http = client_dir(NULL, dir);
    assert_int_equal(run(http, &req, 1, o), OR_OK);
    assert_int_equal(o[0].status, OR_ERR_REPLAY);
    assert_null(strstr(o[0].msg, secret));
    assert_non_null(strstr(o[0].msg, "api_key=***"));
    outcomes_free(o, 1);
    or_http_free(http);
    rm_dir(dir);
}

static void
request_key_ignores_base_url_and_covers_method_and_body(void **state)
{
    (void)state;
    struct or_http_request a = {
        .method = "GET",
        .base_url = "https://a.example",
        .path_query = "/v1/x?p=1",
    };
    struct or_http_request b = a;
    b.base_url = "http://127.0.0.1:9";
    char ka[65];
    char kb[65];
    or_http_request_key(&a, ka);
    or_http_request_key(&b, kb);
    assert_int_equal(strlen(ka), 64);
    assert_string_equal(ka, kb);
    /* sha256("GET /v1/x?p=1\n"), computed independently. */
    char *want = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "GET /v1/x?p=1\n", -1);
    assert_string_equal(ka, want);
    g_free(want);

    b.method = "POST";
    or_http_request_key(&b, kb);
    assert_string_not_equal(ka, kb);
    b.body = "{}x";
    b.body_len = 2;
    char kc[65];
    or_http_request_key(&b, kc);
    assert_string_not_equal(kb, kc);
    want = g_compute_checksum_for_string(G_CHECKSUM_SHA256, "POST /v1/x?p=1\n{}", -1);
    assert_string_equal(kc, want);
    g_free(want);
}

static void
abort_from_callback_cancels_the_batch(void **state)
{
    (void)state;
    server_start(script_slow);
    struct or_http_options opts = {.max_parallel = 2, .backoff_base_ms = 10};
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
    struct or_http_request reqs[6];
    for (size_t i = 0; i < 6; i++) {
        reqs[i] = get_req("/v1/slow", "slow");
    }
    struct outcome o[6];
    memset(o, 0, sizeof(o));
    struct collect c = {.o = o, .n = 6, .abort_after = 1};
    or_status st = or_http_perform(http, reqs, 6, on_done, &c, err, sizeof(err));
    assert_int_not_equal(st, OR_OK);
    assert_non_null(strstr(err, "aborted"));
    assert_int_equal(c.reported, 1);
    assert_true(server_count() < 6);
    outcomes_free(o, 6);
    /* The client stays usable. */
    struct outcome one[1] = {{0}};
    assert_int_equal(run(http, reqs, 1, one), OR_OK);
    assert_int_equal(one[0].status, OR_OK);
    outcomes_free(one, 1);
    or_http_free(http);
}

static void
options_are_checked(void **state)
{
    (void)state;
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE] = "";
    struct or_http_options both = {.record_dir = "/tmp/a", .replay_dir = "/tmp/b"};
    assert_int_equal(or_http_new(&both, &http, err, sizeof(err)), OR_ERR_INVALID);
    assert_null(http);
    assert_true(err[0] != '\0');
    struct or_http_options missing = {.replay_dir = "/nonexistent/or-http-replay"};
    assert_int_equal(or_http_new(&missing, &http, err, sizeof(err)), OR_ERR_IO);
    assert_null(http);
    assert_non_null(strstr(err, "/nonexistent/or-http-replay"));
    /* Defaults; an empty batch is fine. */
    assert_int_equal(or_http_new(NULL, &http, err, sizeof(err)), OR_OK);
    struct outcome none[1] = {{0}};
    assert_int_equal(run(http, NULL, 0, none), OR_OK);
    assert_int_equal(none[0].calls, 0);
    or_http_free(http);
    or_http_free(NULL);
}

static void
loopback_hosts_are_recognised(void **state)
{
    (void)state;
    static const char *const local[] = {"localhost", "LocalHost",        "localhost.",
                                        "127.0.0.1", "127.255.0.9",      "::1",
                                        "[::1]",     "[0:0:0:0:0:0:0:1]"};
    static const char *const remote[] = {
        "0.0.0.0", "128.0.0.1", "10.0.0.1",  "localhost.example", "127.0.0.1.example.com",
        "[::2]",   "",          "1277.0.0.1"};
    for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
        assert_true(or_http_host_is_loopback(local[i]));
    }
    for (size_t i = 0; i < sizeof(remote) / sizeof(remote[0]); i++) {
        assert_false(or_http_host_is_loopback(remote[i]));
    }
    assert_false(or_http_host_is_loopback(NULL));
}

static void
credential_over_plain_http_is_refused_unless_loopback_or_allowed(void **state)
{
    (void)state;
    struct or_http_header key = {"x-api-key", "k-123", 1};
    struct or_http_header accept = {"Accept", "application/json", 0};
    struct or_http_request req = {.method = "GET",
                                  .base_url = "http://api.example.com:8080",
                                  .path_query = "/v1/x",
                                  .headers = &key,
                                  .nheaders = 1,
                                  .label = "salesfinity.call-log page 1"};
    char msg[OR_ERR_SIZE] = "";
    assert_int_equal(or_http_plain_check(&req, 0, msg, sizeof(msg)), OR_ERR_CONFIG);
    assert_non_null(strstr(msg, "salesfinity.call-log page 1"));
    assert_non_null(strstr(msg, "api.example.com"));
    assert_non_null(strstr(msg, "[http] allow_insecure"));
    assert_null(strstr(msg, "k-123"));
    assert_int_equal(or_http_plain_check(&req, 1, msg, sizeof(msg)), OR_OK);
    req.headers = &accept; /* no credential */
    assert_int_equal(or_http_plain_check(&req, 0, msg, sizeof(msg)), OR_OK);
    req.headers = &key;
    req.base_url = "HTTPS://api.example.com";
    assert_int_equal(or_http_plain_check(&req, 0, msg, sizeof(msg)), OR_OK);
    req.base_url = "http://[::1]:9";
    assert_int_equal(or_http_plain_check(&req, 0, msg, sizeof(msg)), OR_OK);
    req.base_url = "http://127.0.0.1:9";
    assert_int_equal(or_http_plain_check(&req, 0, msg, sizeof(msg)), OR_OK);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(retries_429_then_succeeds_and_counts_attempts),
        T(honours_retry_after_seconds),
        T(honours_retry_after_http_date),
        T(parses_retry_after_forms),
        T(backoff_doubles_and_is_capped_with_full_jitter),
        T(retries_500_502_503_then_fails_with_message_naming_label_and_status),
        T(does_not_retry_404),
        /* A C function name cannot start with a digit; the test's name can. */
        {"401_is_auth_error_without_retry", auth_error_without_retry, setup, teardown, NULL},
        T(connection_refused_is_network_error_after_retries),
        T(truncated_body_is_retried),
        T(parallel_batch_keeps_at_most_max_parallel_in_flight),
        T(one_at_a_time_batch_does_not_stall_between_requests),
        T(all_requests_of_batch_reported_exactly_once),
        T(post_body_and_headers_arrive),
        T(record_then_replay_serves_identical_body_without_network),
        T(recording_contains_no_secret_header_value),
        T(replay_miss_names_request),
        T(replay_entry_without_readable_body_is_broken),
        T(error_messages_never_contain_secret),
        T(request_key_ignores_base_url_and_covers_method_and_body),
        T(abort_from_callback_cancels_the_batch),
        T(options_are_checked),
        T(loopback_hosts_are_recognised),
        T(credential_over_plain_http_is_refused_unless_loopback_or_allowed),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
