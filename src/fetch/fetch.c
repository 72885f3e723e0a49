/* SPDX-License-Identifier: MIT */
#include "fetch/fetch.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/redact.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "fetch/fetch_impl.h"
#include "plugin/endpoint.h"

static void
progress(struct loop *L)
{
    if (!L->req->progress) {
        return;
    }
    if (L->total_pages > 0) {
        fprintf(stderr, "\r\033[K%s: page %ld/%ld, %lld rows", L->req->source, L->stats->pages,
                L->total_pages, (long long)L->stats->rows);
    }
    else {
        fprintf(stderr, "\r\033[K%s: page %ld, %lld rows", L->req->source, L->stats->pages,
                (long long)L->stats->rows);
    }
    fflush(stderr);
}

void
or_fetch_page_label(const struct loop *L, long page, char *buf, size_t n)
{
    if (L->instance != NULL) {
        snprintf(buf, n, "%s [%s] page %ld", L->req->source, L->instance, page);
    }
    else {
        snprintf(buf, n, "%s page %ld", L->req->source, page);
    }
}

/* Printable, single-line excerpt of a body for messages. */
static void
body_excerpt(const char *body, size_t len, char *buf, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 4 < n && i < 200; i++) {
        unsigned char c = (unsigned char)body[i];
        buf[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
    }
    if (len > 200 && o + 4 < n) {
        buf[o++] = '.';
        buf[o++] = '.';
        buf[o++] = '.';
    }
    buf[o] = '\0';
}

void
or_fetch_http_failure(struct loop *L, or_status st, const struct or_http_response *resp,
                      const char *errmsg)
{
    char vendor[300] = "";
    const struct or_endpoint *ep = L->req->endpoint;
    if (resp != NULL && resp->body != NULL && resp->len > 0) {
        if (ep->error_message == NULL ||
            ep->error_message(resp->body, resp->len, vendor, sizeof(vendor)) != OR_OK) {
            body_excerpt(resp->body, resp->len, vendor, sizeof(vendor));
        }
    }
    char hint[300] = "";
    char own[240] = "";
    or_auth_failure_fn *classify = or_endpoint_auth_failure(ep);
    if (classify != NULL && resp != NULL && resp->status > 0) {
        /* Some vendors refuse a key with 400 and a code in the body. */
        or_status kind = classify(&L->host, resp->status, resp->body != NULL ? resp->body : "",
                                  resp->len, own, sizeof(own));
        if (kind == OR_ERR_AUTH) {
            st = OR_ERR_AUTH;
        }
    }
    if (st == OR_ERR_AUTH && own[0] != '\0') {
        snprintf(hint, sizeof(hint), " (%s)", own);
    }
    else if (st == OR_ERR_AUTH && ep->auth_hint != NULL) {
        snprintf(hint, sizeof(hint), " (check %s)", ep->auth_hint);
    }
    or_set_err(L->err, sizeof(L->err), "%s%s%s%s", errmsg, vendor[0] != '\0' ? ": " : "", vendor,
               hint);
    or_redact_inplace(L->err, sizeof(L->err));
    L->st = st;
}

or_status
or_fetch_build(struct loop *L, long page, struct or_request **out)
{
    struct or_request *r = or_request_new();
    or_status st =
        L->req->endpoint->build_request(&L->host, &L->q, page, r, L->err, sizeof(L->err));
    if (st != OR_OK) {
        if (L->err[0] == '\0') {
            or_set_err(L->err, sizeof(L->err), "%s: cannot build request for page %ld",
                       L->req->source, page);
        }
        or_request_free(r);
        L->st = st;
        return st;
    }
    *out = r;
    return OR_OK;
}

/* Parses one page into @p rows.  Thread-safe: touches only its arguments
 * and writes its message into @p err (of OR_ERR_SIZE bytes). */
or_status
or_fetch_parse_into(const struct loop *L, long page, const char *body, size_t len,
                    struct or_rows *rows, struct or_page_info *info, char *err)
{
    char perr[OR_ERR_SIZE] = "";
    info->total_pages = -1;
    info->total_rows = -1;
    info->has_more = 0;
    info->next_page = -1;
    info->page = -1;
    or_status st = L->req->endpoint->parse_page(&L->host, &L->q, page, body ? body : "", len, rows,
                                                info, perr, sizeof(perr));
    if (st == OR_OK && rows->failed != OR_OK) {
        /* The plugin ignored a setter's failure. */
        st = rows->failed;
        or_set_err(perr, sizeof(perr), "%s",
                   st == OR_ERR_NOMEM ? "out of memory"
                                      : "the plugin misused the row sink (a column out of range or "
                                        "a value outside a row)");
    }
    char label[256];
    or_fetch_page_label(L, page, label, sizeof(label));
    if (st != OR_OK) {
        or_set_err(err, OR_ERR_SIZE, "%s: %s", label, perr[0] ? perr : "cannot parse response");
        or_redact_inplace(err, OR_ERR_SIZE);
        return st;
    }
    if (info->page > 0 && info->page != page) {
        or_set_err(err, OR_ERR_SIZE,
                   "%s: the server answered with page %ld instead (repeated page); stopping", label,
                   info->page);
        return OR_ERR_PAGING;
    }
    return OR_OK;
}

static or_status
parse(struct loop *L, long page, const struct or_http_response *resp, struct or_rows *rows,
      struct or_page_info *info)
{
    or_status st = or_fetch_parse_into(L, page, resp->body, resp->len, rows, info, L->err);
    if (st != OR_OK) {
        L->st = st;
    }
    return st;
}

or_status
or_fetch_write_rows(struct loop *L, struct or_rows *rows)
{
    size_t nrows = rows->nrows;
    /* Here, on the one writing thread, in page order (rows.h, Threads). */
    or_rows_settle(rows, L->schema);
    const struct or_fetch_sink *sink = L->req->sink;
    or_status st = sink != NULL ? sink->write(sink->ud, rows, L->err, sizeof(L->err))
                                : or_table_writer_write(L->w, rows, L->err, sizeof(L->err));
    if (st != OR_OK) {
        L->st = st;
        return st;
    }
    L->stats->pages++;
    L->stats->rows += (int64_t)nrows;
    progress(L);
    return OR_OK;
}

/* ---- one page at a time ------------------------------------------------ */

struct single {
    struct loop *L;
    struct or_http_response resp;
    or_status st;
    int have;
};

static int
single_done(void *ud, size_t index, or_status status, struct or_http_response *resp,
            const char *errmsg, int *free_body)
{
    struct single *s = ud;
    (void)index;
    s->st = status;
    s->have = 1;
    s->resp = *resp;
    *free_body = 0;
    if (status != OR_OK) {
        or_fetch_http_failure(s->L, status, resp, errmsg);
    }
    return 0;
}

/* Fetches and inserts one page; fills @p info and a digest of its body. */
static or_status
fetch_page(struct loop *L, long page, struct or_page_info *info, char digest[65])
{
    struct or_request *r = NULL;
    struct single s = {.L = L};
    struct or_http_request hr;
    GString *pq = g_string_new(NULL);
    char label[256];
    struct or_rows rows;
    or_status st;

    or_rows_init(&rows, L->schema);
    st = or_fetch_build(L, page, &r);
    if (st != OR_OK) {
        goto done;
    }
    or_fetch_page_label(L, page, label, sizeof(label));
    or_request_to_http(r, L->base_url, label, pq, &hr);
    char herr[OR_ERR_SIZE] = "";
    st = or_http_perform(L->req->http, &hr, 1, single_done, &s, herr, sizeof(herr));
    if (st != OR_OK) {
        L->st = st;
        or_set_err(L->err, sizeof(L->err), "%s", herr);
        goto done;
    }
    if (s.st != OR_OK) {
        st = s.st;
        goto done;
    }
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(ck, (const guchar *)(s.resp.body ? s.resp.body : ""), (gssize)s.resp.len);
    snprintf(digest, 65, "%s", g_checksum_get_string(ck));
    g_checksum_free(ck);
    st = parse(L, page, &s.resp, &rows, info);
    if (st == OR_OK) {
        st = or_fetch_write_rows(L, &rows);
    }

done:
    g_free(s.resp.body);
    or_rows_release(&rows);
    or_request_free(r);
    g_string_free(pq, TRUE);
    return st;
}

/* ---- the loop ------------------------------------------------------------- */

/* Whether page 1 announces more pages than @p max_pages (the provider
 * computes them from a row count when the server gives only that): a count
 * no real listing has (a broken or hostile server), refused as runaway
 * paging before anything else is fetched, whatever the paging kind. */
static int
runaway_count(struct loop *L, const struct or_page_info *info, long max_pages)
{
    if (info->total_pages <= max_pages) {
        return 0;
    }
    or_set_err(L->err, sizeof(L->err),
               "%s: the server announces %ld pages, more than the limit of %ld "
               "(runaway paging); narrow the period or filters",
               L->req->source, info->total_pages, max_pages);
    L->st = OR_ERR_PAGING;
    return 1;
}

static or_status
fetch_instance(struct loop *L)
{
    const struct or_endpoint *ep = L->req->endpoint;
    long max_pages = L->req->max_pages > 0 ? L->req->max_pages : 100000;
    struct or_page_info info;
    char digest[65] = "", prev_digest[65] = "";
    long page = 1;

    L->total_pages = -1;
    L->rows_before = L->stats->rows;
    if (fetch_page(L, page, &info, digest) != OR_OK) {
        return L->st;
    }
    if (ep->paging == OR_PAGING_NONE) {
        return OR_OK;
    }
    if (runaway_count(L, &info, max_pages)) {
        return L->st;
    }
    if (ep->paging == OR_PAGING_PAGES && info.total_pages >= 0) {
        L->total_pages = info.total_pages;
        if (info.total_pages > 1) {
            /* Parse on every core while the main thread drives the transfers
             * and the inserts. */
            or_fetch_workers_start(L);
            or_fetch_range(L, 2, info.total_pages);
            or_fetch_workers_stop(L);
            if (L->st != OR_OK) {
                return L->st;
            }
        }
        if (info.total_rows >= 0 && L->stats->rows - L->rows_before != info.total_rows) {
            /* Not fatal: the data changed while paging; the document states its counts. */
            or_log(OR_LOG_WARN,
                   "%s: the server announced %ld rows, %lld arrived (data changed "
                   "while fetching?)",
                   L->req->source, info.total_rows, (long long)(L->stats->rows - L->rows_before));
        }
        return OR_OK;
    }
    /* Marker paging: one page after another until has_more is false. */
    while (info.has_more) {
        long next = info.next_page > 0 ? info.next_page : page + 1;
        if (next <= page) {
            or_set_err(L->err, sizeof(L->err),
                       "%s page %ld: next page marker points to page %ld (repeated page); stopping",
                       L->req->source, page, next);
            L->st = OR_ERR_PAGING;
            return L->st;
        }
        if (L->stats->pages >= max_pages) {
            or_set_err(
                L->err, sizeof(L->err),
                "%s: more than %ld pages and still more announced (runaway paging); stopping",
                L->req->source, max_pages);
            L->st = OR_ERR_PAGING;
            return L->st;
        }
        snprintf(prev_digest, sizeof(prev_digest), "%s", digest);
        page = next;
        if (fetch_page(L, page, &info, digest) != OR_OK) {
            return L->st;
        }
        if (strcmp(digest, prev_digest) == 0) {
            or_set_err(L->err, sizeof(L->err),
                       "%s page %ld: identical to the page before (repeated page); stopping",
                       L->req->source, page);
            L->st = OR_ERR_PAGING;
            return L->st;
        }
    }
    return OR_OK;
}

static char *
base_url_of(const struct or_fetch_request *req)
{
    const char *b = or_config_get(req->cfg, req->plugin->desc->name, "base_url");
    if (b == NULL || *b == '\0') {
        b = req->plugin->desc->provider->default_base_url;
    }
    char *s = g_strdup(b != NULL ? b : "");
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/') {
        s[--n] = '\0';
    }
    return s;
}

static char **
split_instances(const char *v, const char *sep)
{
    char **parts = g_strsplit(v, sep, -1);
    size_t o = 0;
    for (size_t i = 0; parts[i] != NULL; i++) {
        g_strstrip(parts[i]);
        if (parts[i][0] == '\0') {
            g_free(parts[i]);
        }
        else {
            parts[o++] = parts[i];
        }
    }
    parts[o] = NULL;
    if (o == 0) {
        g_strfreev(parts);
        return NULL;
    }
    return parts;
}

static or_status
instances_of(struct loop *L, char ***out)
{
    const struct or_fetch_request *req = L->req;
    *out = NULL;
    if (req->endpoint->instances != NULL) {
        char buf[8192] = "";
        char ierr[OR_ERR_SIZE] = "";
        or_status st =
            req->endpoint->instances(&L->host, &L->q, buf, sizeof(buf), ierr, sizeof(ierr));
        if (st != OR_OK) {
            or_set_err(L->err, sizeof(L->err), "%s: %s", req->source, ierr);
            L->st = st;
            return st;
        }
        *out = split_instances(buf, "\n");
        return OR_OK;
    }
    const char *key = req->endpoint->instances_key;
    if (key == NULL) {
        return OR_OK;
    }
    const char *v = or_params_get(req->params, key);
    if (v == NULL) {
        v = or_config_get(req->cfg, req->plugin->desc->name, key);
    }
    if (v != NULL) {
        *out = split_instances(v, ",");
    }
    return OR_OK;
}

/* The loop of @p req: its host table, query and counters. */
static void
loop_init(struct loop *L, const struct or_fetch_request *req, struct or_fetch_stats *stats)
{
    memset(L, 0, sizeof(*L));
    memset(stats, 0, sizeof(*stats));
    g_mutex_init(&L->lock);
    g_cond_init(&L->cond);
    L->req = req;
    L->stats = stats;
    L->hctx.plugin_name = req->plugin->desc->name;
    L->hctx.plugin = req->plugin->desc;
    L->hctx.cfg = req->cfg;
    L->hctx.tz = req->tz;
    L->hctx.replay = req->replay;
    L->hctx.repairs = &L->repairs;
    or_host_init(&L->host, &L->hctx);
    stats->fetched_at = or_time_now_for_documents();
    L->q.tz = req->tz_name;
    if (req->period != NULL) {
        L->q.period_start = req->period->start;
        L->q.period_end = req->period->end;
        L->q.first_day = req->period->first_day;
        L->q.last_day = req->period->last_day;
    }
    L->q.nparams = req->params->n;
    L->q.params = req->params->ptrs;
    L->base_url = base_url_of(req);
}

/* Every instance of the fetch into its table or sink. */
static void
fetch_all(struct loop *L)
{
    const struct or_fetch_request *req = L->req;
    const struct or_endpoint *ep = req->endpoint;
    char **instances = NULL;
    L->schema = or_schema_new(ep->columns, ep->ncolumns, ep->dynamic_columns);
    if (req->sink == NULL) {
        L->st = or_table_writer_open(req->ds, req->table ? req->table : ep->table, L->schema, &L->w,
                                     L->err, sizeof(L->err));
    }
    if (L->st == OR_OK && instances_of(L, &instances) == OR_OK) {
        if (instances == NULL) {
            fetch_instance(L);
        }
        for (size_t i = 0; instances != NULL && instances[i] != NULL && L->st == OR_OK; i++) {
            L->instance = instances[i];
            L->q.instance = instances[i];
            fetch_instance(L);
        }
    }
    if (req->progress) {
        fputc('\n', stderr);
    }
    char *dropped = or_schema_dropped_text(L->schema);
    if (dropped != NULL) {
        or_log(OR_LOG_WARN, "%s: %s", req->source, dropped);
        g_free(dropped);
    }
    or_status cst =
        or_table_writer_close(L->w, L->st == OR_OK, L->err[0] ? NULL : L->err, sizeof(L->err));
    if (L->st == OR_OK) {
        L->st = cst;
    }
    g_strfreev(instances);
}

/* The repairs of the fetch into its stats, and one warning per kind. */
static void
report_repairs(struct loop *L)
{
    for (int k = 0; k < OR_REPAIR_COUNT; k++) {
        long n = atomic_load(&L->repairs.n[k]);
        L->stats->repaired[k] = n;
        if (n > 0 && L->st == OR_OK && !L->req->quiet_repairs) {
            or_log(OR_LOG_WARN, "%s: %ld %s; every row kept", L->req->source, n,
                   or_repair_phrase((enum or_repair)k));
        }
    }
}

or_status
or_fetch_run(const struct or_fetch_request *req, struct or_fetch_stats *stats, char *err,
             size_t errlen)
{
    struct loop L;
    struct or_http_stats hs0, hs1;
    gint64 t0 = g_get_monotonic_time();
    const struct or_endpoint *ep = req->endpoint;

    loop_init(&L, req, stats);
    or_http_deadline_start(req->http);
    or_http_get_stats(req->http, &hs0);
    if (ep->check_query != NULL && ep->check_query(&L.host, &L.q, L.err, sizeof(L.err)) != OR_OK) {
        or_set_err(err, errlen, "%s: %s", req->source, L.err);
        g_free(L.base_url);
        g_mutex_clear(&L.lock);
        g_cond_clear(&L.cond);
        return OR_ERR_INVALID;
    }
    L.st = or_fetch_lookup(req, &L.host, &L.q, req->lookups, &L.own_lookups, &L.q.lookup, L.err,
                           sizeof(L.err));
    if (L.st == OR_OK) {
        fetch_all(&L);
    }
    report_repairs(&L);
    or_http_get_stats(req->http, &hs1);
    stats->requests = hs1.requests - hs0.requests;
    stats->retries = hs1.retries - hs0.retries;
    stats->seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
    if (L.st != OR_OK) {
        or_set_err(err, errlen, "%s", L.err[0] ? L.err : "fetch failed");
        or_redact_inplace(err, errlen);
    }
    or_lookup_cache_free(L.own_lookups);
    or_schema_free(L.schema);
    g_free(L.base_url);
    g_mutex_clear(&L.lock);
    g_cond_clear(&L.cond);
    return L.st;
}

void
or_fetch_stats_describe(const struct or_fetch_stats *stats, char *buf, size_t len)
{
    int n = snprintf(buf, len, "%lld rows from %ld pages (%ld requests, %ld retries) in %.1f s",
                     (long long)stats->rows, stats->pages, stats->requests, stats->retries,
                     stats->seconds);
    for (int k = 0; k < OR_REPAIR_COUNT && n >= 0 && (size_t)n < len; k++) {
        if (stats->repaired[k] > 0) {
            n += snprintf(buf + n, len - (size_t)n, "; %ld %s", stats->repaired[k],
                          or_repair_phrase((enum or_repair)k));
        }
    }
}
