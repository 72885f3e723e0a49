/* SPDX-License-Identifier: MIT */
/*
 * libmicrohttpd glue: a thread pool on 127.0.0.1, request bodies collected
 * per connection, routing, fault injection around the handlers, response
 * sending (including the deliberately truncated body) and accounting.
 */
#include "mockapi.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define MAX_BODY (1u << 20)
#define POOL_THREADS 4

enum vendor { VENDOR_NONE = 0, VENDOR_SALESFINITY, VENDOR_SALESHANDY, VENDOR_UNPOD };

struct route {
    const char *path; /* no trailing slash */
    const char *method;
    route_fn *fn;
    int pageable; /* has paging markers (for `repeat`) */
    enum vendor vendor;
};

static const struct route routes[] = {
    {"/v1/call-log", "GET", calllog_handle, 1, VENDOR_SALESFINITY},
    {"/v1/analytics/list-performance", "GET", listperf_handle, 1, VENDOR_SALESFINITY},
    {"/v1/analytics/consolidated-stats", "POST", consolidated_handle, 1, VENDOR_SALESHANDY},
    {"/v1/analytics/team/stats", "POST", teamstats_handle, 0, VENDOR_SALESHANDY},
    {"/api/v2/platform/organisation/analytics", "GET", unpod_handle, 0, VENDOR_UNPOD},
    /* beyond the seed pages (vendors.c, shlists.c, unpodcalls.c) */
    {"/v1/dispositions", "GET", dispositions_handle, 0, VENDOR_SALESFINITY},
    {"/v1/analytics/sdr-performance", "GET", sdrperf_handle, 1, VENDOR_SALESFINITY},
    {"/v1/sequences", "GET", sequences_handle, 0, VENDOR_SALESHANDY},
    {"/v1/team-members", "GET", teammembers_handle, 0, VENDOR_SALESHANDY},
    {"/api/v2/platform/call-logs", "GET", unpod_calllogs_handle, 1, VENDOR_UNPOD},
    {"/api/v2/platform/spaces", "GET", unpod_spaces_handle, 0, VENDOR_UNPOD},
};

struct server {
    struct MHD_Daemon *daemon;
    struct delay *delay;
    const struct mock_ctx *ctx;
    atomic_int serving; /* set once listening */
};

/* Per-request state, freed by on_completed. */
struct conn_state {
    char *body;
    size_t len;
    size_t cap;
    int too_large;
    int decided; /* faults decided (and latency served) */
    long page;
    struct fault_decision fd;
};

struct param_vec {
    struct mock_param *items;
    size_t n;
    size_t cap;
    int failed;
};

struct truncated {
    char *body;
    size_t cut;
};

const char *
server_header(const struct mock_request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

static enum MHD_Result
collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct param_vec *v = cls;

    (void)kind;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 16;
        struct mock_param *p = realloc(v->items, cap * sizeof *p);
        if (p == NULL) {
            v->failed = 1;
            return MHD_NO;
        }
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n].key = key;
    v->items[v->n].value = value;
    v->n++;
    return MHD_YES;
}

static ssize_t
truncated_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct truncated *t = cls;

    if (pos >= t->cut) {
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    size_t n = t->cut - (size_t)pos;
    if (n > max) {
        n = max;
    }
    memcpy(buf, t->body + pos, n);
    return (ssize_t)n;
}

static void
truncated_free(void *cls)
{
    struct truncated *t = cls;

    free(t->body);
    free(t);
}

/* Queue r (taking its body). Truncated: advertise the full length, send half. */
static enum MHD_Result
send_response(struct MHD_Connection *conn, struct mock_response *r, const struct fault_decision *fd,
              const char *content_type)
{
    struct MHD_Response *resp = NULL;

    if (fd->terminal && (hostile_own_body(fd->kind) || fd->kind == FAULT_TRICKLE)) {
        resp = hostile_response(fd, r);
        free(r->body);
        r->body = NULL;
        if (resp == NULL) {
            goto fail;
        }
    }
    else if (fd->terminal && fd->kind == FAULT_TRUNCATED) {
        struct truncated *t = calloc(1, sizeof *t);
        if (t == NULL) {
            goto fail;
        }
        t->body = r->body;
        t->cut = r->len / 2;
        r->body = NULL;
        resp = MHD_create_response_from_callback(r->len, 1024, truncated_reader, t, truncated_free);
        if (resp == NULL) {
            truncated_free(t);
            goto fail;
        }
    }
    else {
        resp = MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE);
        if (resp == NULL) {
            goto fail;
        }
        r->body = NULL;
    }
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (size_t i = 0; i < r->nheaders; i++) {
        MHD_add_response_header(resp, r->header_name[i], r->header_value[i]);
    }
    if (fd->terminal && fd->kind == FAULT_429) {
        char value[64];
        if (fd->retry_after_date) {
            int64_t secs = (int64_t)time(NULL) + (fd->retry_after >= 0 ? fd->retry_after : 1);
            timefmt_http(secs, value, sizeof value);
            MHD_add_response_header(resp, "Retry-After", value);
        }
        else if (fd->retry_after >= 0) {
            snprintf(value, sizeof value, "%ld", fd->retry_after);
            MHD_add_response_header(resp, "Retry-After", value);
        }
    }
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, resp);
    MHD_destroy_response(resp);
    return ret;

fail:
    free(r->body);
    r->body = NULL;
    return MHD_NO;
}

/* MHD's messages matter while starting (bind errors); once serving they only
 * narrate the connections the faults break on purpose. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
    const struct server *srv = cls;

    if (!atomic_load(&srv->serving)) {
        fputs("mockapi: ", stderr);
        vfprintf(stderr, fmt, ap);
    }
}

static const struct route *
find_route(const char *path)
{
    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (query_path_equal(routes[i].path, path)) {
            return &routes[i];
        }
    }
    return NULL;
}

static int
auth_fault(const struct route *rt, struct mock_response *out)
{
    enum vendor v = rt != NULL ? rt->vendor : VENDOR_NONE;

    if (v == VENDOR_SALESHANDY) {
        return response_literal(out, 401, AUTH_SALESHANDY_401);
    }
    if (v == VENDOR_UNPOD) {
        return response_literal(out, 401, AUTH_UNPOD_401_INVALID);
    }
    return response_literal(out, 401, AUTH_SALESFINITY_401);
}

/* Body of a terminal fault other than drop/truncated/auth. */
static int
fault_body(enum fault_kind kind, struct mock_response *out, const char **ctype)
{
    switch (kind) {
    case FAULT_429: return response_literal(out, 429, "{\"message\":\"Too Many Requests\"}");
    case FAULT_500: return response_literal(out, 500, "{\"message\":\"Internal Server Error\"}");
    case FAULT_502:
        *ctype = "text/html; charset=utf-8";
        return response_literal(out, 502,
                                "<html><head><title>502 Bad Gateway</title></head>"
                                "<body><center><h1>502 Bad Gateway</h1></center></body></html>\n");
    case FAULT_503: return response_literal(out, 503, "{\"message\":\"Service Unavailable\"}");
    default:
        return response_literal(out, 200,
                                "{\"data\":[{\"_id\":\"6553a1f0e4b0c2a1d3f4e5a6\","
                                "\"outcome\":\"answered\",,\"duration\":12");
    }
}

static long
request_page(const struct server *srv, const struct route *rt, const struct mock_request *req)
{
    long page = 1;

    if (rt != NULL && strcmp(rt->method, "POST") == 0) {
        return faults_need_page(srv->ctx->faults) ? body_page(req->body, req->body_len) : 1;
    }
    const char *v = query_get(req, "page");
    if (v != NULL && query_parse_long(v, 1, 100000000L, &page) != 0) {
        return 0;
    }
    return page;
}

static enum MHD_Result
dispatch(struct server *srv, struct MHD_Connection *conn, const char *url, const char *method,
         struct conn_state *st)
{
    const struct mock_ctx *ctx = srv->ctx;
    struct param_vec pv = {NULL, 0, 0, 0};
    struct mock_request req;
    struct mock_response resp = {.status = 0};
    const struct fault_decision *fd = &st->fd;
    const char *ctype = "application/json; charset=utf-8";
    int rc;

    memset(&req, 0, sizeof req);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_param, &pv);
    req.conn = conn;
    req.method = method;
    req.path = url;
    req.params = pv.items;
    req.nparams = pv.n;
    req.body = st->body != NULL ? st->body : "";
    req.body_len = st->len;

    /* Test plumbing: no auth, no faults, not counted. */
    int is_stats = strcmp(url, "/__stats") == 0;
    if (is_stats || strcmp(url, "/__catalog") == 0) {
        rc = is_stats ? stats_json(ctx->stats, ctx->faults, &resp)
                      : catalog_handle(ctx, &req, &resp);
        free(pv.items);
        return rc == 0 ? send_response(conn, &resp, fd, ctype) : MHD_NO;
    }

    const struct route *rt = find_route(url);
    if (!st->decided) {
        st->decided = 1;
        st->page = request_page(srv, rt, &req);
        faults_decide(ctx->faults, url, st->page, rt != NULL && rt->pageable, &st->fd);
        if (fd->latency_ms > 0) {
            /* MHD calls us again once the delay resumes the connection. */
            MHD_suspend_connection(conn);
            if (delay_add(srv->delay, conn, fd->latency_ms) != 0) {
                MHD_resume_connection(conn);
            }
            free(pv.items);
            return MHD_YES;
        }
    }
    req.page = st->page;
    if (fd->terminal && fd->kind == FAULT_DROP) {
        stats_record(ctx->stats, &req, 0, fd->label);
        free(pv.items);
        return MHD_NO;
    }

    if (pv.failed) {
        rc = -1;
    }
    else if (fd->terminal && fd->kind == FAULT_AUTH) {
        rc = auth_fault(rt, &resp);
    }
    else if (fd->terminal && fd->kind != FAULT_TRUNCATED && fd->kind != FAULT_TRICKLE &&
             !hostile_rewrites(fd->kind)) {
        rc = fault_body(fd->kind, &resp, &ctype);
    }
    else if (st->too_large) {
        rc = response_message(&resp, 413, "Request body too large");
    }
    else if (rt == NULL) {
        rc = response_message(&resp, 404, "Not Found");
    }
    else if (strcmp(rt->method, method) != 0) {
        rc = response_message(&resp, 405, "Method Not Allowed");
    }
    else if (rt->vendor == VENDOR_SALESHANDY && vendors_sh_rate(ctx, &resp)) {
        rc = 0; /* its rate limit answered 429 */
    }
    else {
        req.repeat = fd->repeat;
        req.repeat_page = fd->repeat_page;
        rc = rt->fn(ctx, &req, &resp);
        if (rc == 0 && fd->terminal && hostile_rewrites(fd->kind)) {
            rc = hostile_rewrite(fd, &resp);
        }
    }
    if (rc != 0) {
        free(resp.body);
        resp.body = NULL;
        if (response_literal(&resp, 500, "{\"message\":\"mockapi: out of memory\"}") != 0) {
            free(pv.items);
            return MHD_NO;
        }
    }
    int status = resp.status;
    enum MHD_Result ret = send_response(conn, &resp, fd, ctype);
    stats_record(ctx->stats, &req, ret == MHD_YES ? status : 0, fd->label);
    free(pv.items);
    return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
           const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
    struct server *srv = cls;
    struct conn_state *st = *con_cls;

    (void)version;
    if (st == NULL) {
        st = calloc(1, sizeof *st);
        if (st == NULL) {
            return MHD_NO;
        }
        *con_cls = st;
        /* Wait for the body of requests that may carry one. */
        if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 &&
            strcmp(method, "DELETE") != 0) {
            return MHD_YES;
        }
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (st->too_large || st->len + n > MAX_BODY) {
            st->too_large = 1;
            return MHD_YES;
        }
        if (st->len + n + 1 > st->cap) {
            size_t cap = st->cap ? st->cap : 1024;
            while (cap < st->len + n + 1) {
                cap *= 2;
            }
            char *p = realloc(st->body, cap);
            if (p == NULL) {
                return MHD_NO;
            }
            st->body = p;
            st->cap = cap;
        }
        memcpy(st->body + st->len, upload_data, n);
        st->len += n;
        st->body[st->len] = '\0';
        return MHD_YES;
    }
    return dispatch(srv, conn, url, method, st);
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
    struct conn_state *st = *con_cls;

    (void)cls;
    (void)conn;
    (void)toe;
    if (st != NULL) {
        free(st->body);
        free(st);
        *con_cls = NULL;
    }
}

struct server *
server_start(const struct mock_ctx *ctx, unsigned port, unsigned *bound)
{
    struct server *srv = calloc(1, sizeof *srv);
    struct sockaddr_in addr;

    if (srv == NULL) {
        return NULL;
    }
    srv->ctx = ctx;
    srv->delay = delay_new();
    if (srv->delay == NULL) {
        free(srv);
        return NULL;
    }
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    srv->daemon = MHD_start_daemon(
        MHD_USE_AUTO | MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
            MHD_USE_ERROR_LOG,
        (uint16_t)port, NULL, NULL, on_request, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, srv,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)POOL_THREADS, MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_END);
    if (srv->daemon == NULL) {
        fprintf(stderr, "mockapi: cannot listen on 127.0.0.1:%u\n", port);
        delay_free(srv->delay);
        free(srv);
        return NULL;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    *bound = info != NULL ? info->port : port;
    atomic_store(&srv->serving, 1);
    return srv;
}

void
server_stop(struct server *s)
{
    if (s == NULL) {
        return;
    }
    /* No suspended connection may outlive the daemon: resume them all first. */
    delay_stop(s->delay);
    MHD_stop_daemon(s->daemon);
    delay_free(s->delay);
    free(s);
}
