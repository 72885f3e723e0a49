/* SPDX-License-Identifier: MIT */
/*
 * What the vendors do beyond their seed pages (DESIGN.md §6a), so that
 * outreport is tested against them and not only against its own model:
 * the options of struct mock_vendor_opts, Salesfinity's dispositions and
 * per-rep analytics with the vendor's own KPI definitions, analytics dates
 * in the request's time zone, Saleshandy's error envelopes, its 400 for a
 * wrong key and its rate-limit headers.
 *
 * GET /v1/dispositions: {data: [{_id, id, name, is_custom, is_required,
 *   category}]}, the 14 defaults and the custom 15.
 * GET /v1/analytics/sdr-performance: per rep, over the calls whose
 *   started_at is in the window (vendors_analytics_window): total_calls,
 *   connected_calls (a human answered and the disposition's category is
 *   positive, neutral or negative), conversations (connected, and a meeting
 *   or 60 s or more), meetings_set (disposition 1), rates, avg_dials_day
 *   (calls per day with calls), total_duration; {totalCount, data, page,
 *   limit, next, prev}; reps without calls are left out.  --sdr-drift EMAIL
 *   adds one connected call to that rep's totals, so they disagree.
 */
#include "mockapi.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int
pick(const char *opt, const char *val, const char *const *names, size_t n, int *out)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(val, names[i]) == 0) {
            *out = (int)i;
            return 0;
        }
    }
    fprintf(stderr, "mockapi: %s: '%s' is not one of the accepted values\n", opt, val);
    return -1;
}

static int
number(const char *opt, const char *val, uint32_t *out)
{
    char *end = NULL;
    unsigned long v = strtoul(val, &end, 10);
    if (end == val || *end != '\0' || v > 100000000UL) {
        fprintf(stderr, "mockapi: %s needs a whole number (got '%s')\n", opt, val);
        return -1;
    }
    *out = (uint32_t)v;
    return 0;
}

int
vendors_option(struct mock_config *cfg, const char *opt, const char *val)
{
    static const char *const paging[] = {"pages", "total-next", "next"};
    static const char *const envelopes[] = {"code", "status", "error"};
    static const char *const sh_auth[] = {"400", "401"};
    static const char *const unpod_auth[] = {"token", "jwt"};
    static const char *const shapes[] = {"nested", "flat"};
    static const char *const yes_no[] = {"0", "1"};
    struct mock_vendor_opts *v = &cfg->vendor;
    int k = 0;
    int rc = 0;
    if (strcmp(opt, "--sf-paging") == 0) {
        rc = pick(opt, val, paging, 3, &k);
        v->sf_paging = (enum mock_sf_paging)k;
    }
    else if (strcmp(opt, "--sf-control-chars") == 0) {
        rc = number(opt, val, &v->sf_control_chars);
    }
    else if (strcmp(opt, "--sdr-drift") == 0) {
        v->sdr_drift = val;
    }
    else if (strcmp(opt, "--sh-auth") == 0) {
        rc = pick(opt, val, sh_auth, 2, &v->sh_auth_401);
    }
    else if (strcmp(opt, "--sh-envelope") == 0) {
        rc = pick(opt, val, envelopes, 3, &k);
        v->sh_envelope = (enum mock_sh_envelope)k;
    }
    else if (strcmp(opt, "--sh-rate-limit") == 0) {
        unsigned n = 0, s = 0;
        char extra = 0;
        if (sscanf(val, "%u/%u%c", &n, &s, &extra) != 2 || n == 0 || s == 0) {
            fprintf(stderr, "mockapi: --sh-rate-limit needs N/SECONDS (got '%s')\n", val);
            return -1;
        }
        v->sh_rate_limit = n;
        v->sh_rate_window_s = s;
    }
    else if (strcmp(opt, "--sh-team-named") == 0) {
        rc = pick(opt, val, yes_no, 2, &v->sh_team_named);
    }
    else if (strcmp(opt, "--unpod-auth") == 0) {
        rc = pick(opt, val, unpod_auth, 2, &v->unpod_jwt);
    }
    else if (strcmp(opt, "--unpod-shape") == 0) {
        rc = pick(opt, val, shapes, 2, &v->unpod_flat);
    }
    else if (strcmp(opt, "--unpod-call-logs") == 0) {
        rc = number(opt, val, &v->unpod_call_logs);
    }
    else {
        return 1;
    }
    return rc;
}

void
vendors_call_kpi(const struct mock_call *c, int *connected, int *conversation, int *meeting)
{
    const char *cat = c->disposition != 0 && c->disposition <= MOCK_DISPOSITIONS
                          ? names_dispositions[c->disposition].category
                          : "";
    int answered =
        strcmp(cat, "positive") == 0 || strcmp(cat, "neutral") == 0 || strcmp(cat, "negative") == 0;
    *meeting = c->disposition == 1;
    *connected = c->answered_by == MOCK_BY_HUMAN && answered;
    *conversation = *connected && (*meeting || c->duration_s >= 60);
}

/* Local midnight of @p day (days since 1970) in zone @p tz, in ms. */
static int
local_midnight_ms(int64_t day, GTimeZone *tz, int64_t *out)
{
    int64_t y;
    unsigned m;
    unsigned d;
    timefmt_civil_from_days(day, &y, &m, &d);
    GDateTime *dt = g_date_time_new(tz, (gint)y, (gint)m, (gint)d, 0, 0, 0.0);
    if (dt == NULL) {
        return -1;
    }
    *out = g_date_time_to_unix(dt) * 1000;
    g_date_time_unref(dt);
    return 0;
}

/* One bound: a date is a local day of @p tz (end: the day after); else an instant. */
static int
bound(const char *s, int is_end, GTimeZone *tz, int64_t *out)
{
    int64_t day = 0;
    if (tz != NULL && timefmt_parse_date(s, &day) == 0) {
        return local_midnight_ms(is_end ? day + 1 : day, tz, out);
    }
    return timefmt_range_bound(s, is_end, out);
}

const char *
vendors_analytics_window(const struct mock_request *req, int64_t *start, int64_t *end)
{
    const char *zone = query_get(req, "timezone");
    const char *s = query_get(req, "start_date");
    const char *e = query_get(req, "end_date");
    GTimeZone *tz = NULL;
    const char *err = NULL;
    *start = INT64_MIN;
    *end = INT64_MAX;
    if (zone != NULL && *zone != '\0') {
        tz = g_time_zone_new_identifier(zone);
        if (tz == NULL) {
            return "timezone must be an IANA time zone";
        }
    }
    if (s != NULL && *s != '\0' && bound(s, 0, tz, start) != 0) {
        err = "start_date must be an ISO 8601 date";
    }
    if (err == NULL && e != NULL && *e != '\0' && bound(e, 1, tz, end) != 0) {
        err = "end_date must be an ISO 8601 date";
    }
    if (tz != NULL) {
        g_time_zone_unref(tz);
    }
    return err;
}

int
dispositions_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                    struct mock_response *out)
{
    if (!auth_salesfinity(ctx, req)) {
        return response_literal(out, 401, AUTH_SALESFINITY_401);
    }
    struct jsonw w;
    char id[25];
    jsonw_init(&w, 4096);
    jsonw_begin_object(&w, NULL);
    jsonw_begin_array(&w, "data");
    for (unsigned i = 1; i <= MOCK_DISPOSITIONS; i++) {
        const struct names_disposition *nd = &names_dispositions[i];
        text_object_id(mock_hash(ctx->data->seed, i, 'D'), 1700000000 + i, id);
        jsonw_begin_object(&w, NULL);
        jsonw_string(&w, "_id", id);
        jsonw_int(&w, "id", i);
        jsonw_string(&w, "name", nd->name);
        jsonw_bool(&w, "is_custom", nd->is_custom);
        jsonw_bool(&w, "is_required", i == 1);
        jsonw_string(&w, "category", nd->category);
        jsonw_end_object(&w);
    }
    jsonw_end_array(&w);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}

struct rep_stats {
    int64_t calls, connected, conversations, meetings, duration, good, contacts, days;
};

static void
rep_totals(const struct mock_data *d, int64_t start, int64_t end, struct rep_stats *st)
{
    int64_t last_day[MOCK_REPS];
    memset(st, 0, sizeof(*st) * MOCK_REPS);
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        last_day[r] = INT64_MIN;
    }
    for (uint32_t i = 0; i < d->ncalls; i++) {
        const struct mock_call *c = &d->calls[i];
        if (c->started_ms < start || c->started_ms >= end) {
            continue;
        }
        struct rep_stats *s = &st[c->rep];
        int conn = 0, conv = 0, meet = 0;
        vendors_call_kpi(c, &conn, &conv, &meet);
        s->calls++;
        s->connected += conn;
        s->conversations += conv;
        s->meetings += meet;
        s->duration += c->duration_s;
        s->good += d->contacts[c->contact].good_phone;
        /* calls are sorted by time: a new day shows as a later day */
        int64_t day = c->started_ms / MOCK_DAY_MS;
        if (day != last_day[c->rep]) {
            s->days++;
            last_day[c->rep] = day;
        }
    }
}

static void
write_rep(struct jsonw *w, const struct mock_rep *rep, const struct rep_stats *s)
{
    jsonw_begin_object(w, NULL);
    jsonw_string(w, "_id", rep->id);
    jsonw_string(w, "first_name", rep->n->first_name);
    jsonw_string(w, "last_name", rep->n->last_name);
    jsonw_string(w, "email", rep->n->email);
    jsonw_null(w, "image");
    jsonw_int(w, "total_calls", s->calls);
    jsonw_int(w, "connected_calls", s->connected);
    jsonw_real(w, "connection_rate", s->calls ? (double)s->connected / (double)s->calls : 0, 4);
    jsonw_int(w, "conversations", s->conversations);
    jsonw_real(w, "conversation_rate", s->calls ? (double)s->conversations / (double)s->calls : 0,
               4);
    jsonw_real(w, "avg_dials_day", s->days ? (double)s->calls / (double)s->days : 0, 2);
    jsonw_int(w, "total_duration", s->duration);
    jsonw_int(w, "meetings_set", s->meetings);
    jsonw_real(w, "data_quality", s->calls ? (double)s->good / (double)s->calls : 0, 4);
    jsonw_end_object(w);
}

int
sdrperf_handle(const struct mock_ctx *ctx, const struct mock_request *req,
               struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    long limit = 10;
    long page = 1;
    int64_t start = 0;
    int64_t end = 0;
    if (!auth_salesfinity(ctx, req)) {
        return response_literal(out, 401, AUTH_SALESFINITY_401);
    }
    const char *err = query_paging(req, &limit, &page);
    if (err == NULL) {
        err = vendors_analytics_window(req, &start, &end);
    }
    if (err == NULL && (start == INT64_MIN || end == INT64_MAX)) {
        err = "start_date and end_date are required";
    }
    if (err != NULL) {
        return response_message(out, 400, err);
    }
    struct rep_stats st[MOCK_REPS];
    rep_totals(d, start, end, st);
    unsigned order[MOCK_REPS];
    size_t n = 0;
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        const char *drift = ctx->cfg->vendor.sdr_drift;
        if (drift != NULL && strcasecmp(drift, d->reps[r].n->email) == 0) {
            st[r].connected++;
        }
        if (st[r].calls > 0) {
            order[n++] = r;
        }
    }
    struct jsonw w;
    jsonw_init(&w, 8192);
    jsonw_begin_object(&w, NULL);
    jsonw_int(&w, "totalCount", (int64_t)n);
    jsonw_begin_array(&w, "data");
    for (long k = (page - 1) * limit; k < (long)n && k < page * limit; k++) {
        write_rep(&w, &d->reps[order[k]], &st[order[k]]);
    }
    jsonw_end_array(&w);
    listperf_page_links(&w, page, limit, (long)n, 0);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}

int
vendors_sh_error(const struct mock_ctx *ctx, struct mock_response *out, int status, int code,
                 const char *message)
{
    struct jsonw w;
    jsonw_init(&w, 256);
    jsonw_begin_object(&w, NULL);
    switch (ctx->cfg->vendor.sh_envelope) {
    case MOCK_SH_STATUS:
        jsonw_int(&w, "statusCode", status);
        jsonw_begin_array(&w, "messages");
        jsonw_string(&w, NULL, message);
        jsonw_end_array(&w);
        break;
    case MOCK_SH_ERROR:
        jsonw_bool(&w, "error", 1);
        jsonw_int(&w, "error_code", code);
        jsonw_string(&w, "error_message", message);
        break;
    default:
        jsonw_int(&w, "code", code);
        jsonw_string(&w, "type", code == 1001 ? "auth" : "error");
        jsonw_string(&w, "message", message);
        break;
    }
    jsonw_end_object(&w);
    return response_take(out, status, &w);
}

int
vendors_sh_unauthorized(const struct mock_ctx *ctx, struct mock_response *out)
{
    if (ctx->cfg->vendor.sh_auth_401) {
        return response_literal(out, 401, AUTH_SALESHANDY_401);
    }
    return vendors_sh_error(ctx, out, 400, 1001, "1001: Invalid token");
}

static void
add_header(struct mock_response *out, const char *name, long value)
{
    if (out->nheaders < MOCK_MAX_HEADERS) {
        out->header_name[out->nheaders] = name;
        snprintf(out->header_value[out->nheaders], sizeof(out->header_value[0]), "%ld", value);
        out->nheaders++;
    }
}

int
vendors_sh_rate(const struct mock_ctx *ctx, struct mock_response *out)
{
    static GMutex lock;
    static int64_t window;
    static uint32_t used;
    const struct mock_vendor_opts *v = &ctx->cfg->vendor;
    if (v->sh_rate_limit == 0) {
        return 0;
    }
    int64_t now = g_get_real_time() / 1000;
    int64_t len = (int64_t)v->sh_rate_window_s * 1000;
    g_mutex_lock(&lock);
    if (now / len != window) {
        window = now / len;
        used = 0;
    }
    int refused = used >= v->sh_rate_limit;
    if (!refused) {
        used++;
    }
    long remaining = (long)(v->sh_rate_limit - used);
    g_mutex_unlock(&lock);
    int64_t left_ms = (window + 1) * len - now;
    add_header(out, "x-ratelimit-limit", (long)v->sh_rate_limit);
    add_header(out, "x-ratelimit-remaining", remaining);
    add_header(out, "x-ratelimit-reset", (long)((left_ms + 999) / 1000));
    if (refused) {
        (void)vendors_sh_error(ctx, out, 429, 4029, "Too many requests");
    }
    return refused;
}
