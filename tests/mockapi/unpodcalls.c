/* SPDX-License-Identifier: MIT */
/*
 * Unpod beyond analytics: the checks every endpoint makes, the AI agents'
 * call logs and the spaces.
 *
 * Authorization: "Token <key>" (dashboard API keys, the current docs); with
 * --unpod-auth jwt the credential is a JWT and "jwt <token>" (or "JWT") is
 * expected.  The other scheme, or none: 401 "Authentication credentials
 * were not provided."; a wrong value: 401 "Invalid token.".  Org-Handle:
 * absent 400, unknown 404.
 *
 * GET /api/v2/platform/call-logs/?page&page_size&start_date&end_date
 *   &call_type&call_status: --unpod-call-logs calls (default 400) spread over
 *   the window, newest first; {count, status_code, message, data: [{id,
 *   source_number, destination_number, call_type, call_status,
 *   creation_time, start_time, end_time, call_duration, end_reason}]};
 *   call_duration is integer seconds on even calls and "H:MM:SS" on odd
 *   ones (both forms are documented); page_size 1..100, default 20.
 * GET /api/v2/platform/spaces/: {count, status_code, message, data: [{id,
 *   name, token, agent_handle, created_at}]}, the --unpod-spaces.
 */
#include "mockapi.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define UNPOD_401_NOT_PROVIDED                                                                     \
    "{\"status_code\":401,\"message\":\"Authentication credentials were not provided.\"}"

int
unpod_check(const struct mock_ctx *ctx, const struct mock_request *req, struct mock_response *out)
{
    const char *authz = server_header(req, "Authorization");
    const char *org = server_header(req, "Org-Handle");
    const char *scheme = ctx->cfg->vendor.unpod_jwt ? "jwt " : "Token ";
    size_t n = strlen(scheme);
    if (authz == NULL || strncasecmp(authz, scheme, n) != 0) {
        return response_literal(out, 401, UNPOD_401_NOT_PROVIDED) == 0 ? 0 : -1;
    }
    const char *tok = authz + n;
    while (*tok == ' ') {
        tok++;
    }
    if (strcmp(tok, ctx->cfg->unpod_token) != 0) {
        return response_literal(out, 401, AUTH_UNPOD_401_INVALID) == 0 ? 0 : -1;
    }
    if (org == NULL || *org == '\0') {
        return response_literal(out, 400,
                                "{\"status_code\":400,\"message\":"
                                "\"Org-Handle header is required.\"}") == 0
                   ? 0
                   : -1;
    }
    if (strcasecmp(org, ctx->cfg->unpod_org) != 0) {
        return response_literal(out, 404,
                                "{\"status_code\":404,\"message\":"
                                "\"Organization not found.\"}") == 0
                   ? 0
                   : -1;
    }
    return 1;
}

/* One AI agent call, derived from (seed, i). */
struct agent_call {
    int64_t created_ms;
    int outbound;
    int status; /* 0 completed, 1 missed, 2 failed */
    uint32_t duration_s;
};

static const char *const statuses[] = {"completed", "missed", "failed"};

static void
agent_call(const struct mock_ctx *ctx, uint32_t n, uint32_t i, struct agent_call *c)
{
    const struct mock_data *d = ctx->data;
    uint64_t h = mock_hash(d->seed, i, 'U');
    int64_t span = d->window_end_ms - d->window_start_ms;
    /* i = 0 is the newest; spread evenly, jittered within the slot */
    int64_t slot = span / n;
    c->created_ms = d->window_end_ms - (int64_t)(i + 1) * slot + (int64_t)(h % (uint64_t)slot);
    c->outbound = (h >> 20) % 100 < 85;
    unsigned s = (unsigned)((h >> 28) % 100);
    c->status = s < 70 ? 0 : (s < 90 ? 1 : 2);
    c->duration_s = c->status == 0 ? 30 + (uint32_t)((h >> 36) % 570) : 0;
}

static void
write_agent_call(struct jsonw *w, const struct mock_ctx *ctx, uint32_t i,
                 const struct agent_call *c)
{
    char ts[40];
    char num[24];
    char id[32];
    snprintf(id, sizeof(id), "call_%012llx",
             (unsigned long long)(mock_hash(ctx->data->seed, i, 'u') & 0xffffffffffffULL));
    jsonw_begin_object(w, NULL);
    jsonw_string(w, "id", id);
    snprintf(num, sizeof(num), "+4930%08u",
             (unsigned)(mock_hash(ctx->data->seed, i, 'n') % 100000000ULL));
    jsonw_string(w, c->outbound ? "destination_number" : "source_number", num);
    jsonw_string(w, c->outbound ? "source_number" : "destination_number", "+4930555000100");
    jsonw_string(w, "call_type", c->outbound ? "outbound" : "inbound");
    jsonw_string(w, "call_status", statuses[c->status]);
    timefmt_iso_ms(c->created_ms, ts, sizeof(ts));
    jsonw_string(w, "creation_time", ts);
    if (c->status == 0) {
        timefmt_iso_ms(c->created_ms + 5000, ts, sizeof(ts));
        jsonw_string(w, "start_time", ts);
        timefmt_iso_ms(c->created_ms + 5000 + (int64_t)c->duration_s * 1000, ts, sizeof(ts));
        jsonw_string(w, "end_time", ts);
    }
    else {
        jsonw_null(w, "start_time");
        jsonw_null(w, "end_time");
    }
    if (i % 2 == 0) {
        jsonw_int(w, "call_duration", c->duration_s);
    }
    else {
        char text[24];
        snprintf(text, sizeof(text), "%u:%02u:%02u", c->duration_s / 3600, c->duration_s / 60 % 60,
                 c->duration_s % 60);
        jsonw_string(w, "call_duration", text);
    }
    jsonw_string(w, "end_reason", c->status == 0 ? "customer-ended-call" : "no_answer");
    jsonw_end_object(w);
}

/* Filters of a call-logs request; NULL or the 400 message. */
static const char *
call_filters(const struct mock_request *req, int64_t *start, int64_t *end, int *type, int *status)
{
    const char *v = query_get(req, "start_date");
    *start = INT64_MIN;
    *end = INT64_MAX;
    *type = -1;
    *status = -1;
    if (v != NULL && *v != '\0' && timefmt_range_bound(v, 0, start) != 0) {
        return "start_date must be an ISO 8601 date";
    }
    v = query_get(req, "end_date");
    if (v != NULL && *v != '\0' && timefmt_range_bound(v, 1, end) != 0) {
        return "end_date must be an ISO 8601 date";
    }
    v = query_get(req, "call_type");
    if (v != NULL && *v != '\0') {
        if (strcmp(v, "outbound") != 0 && strcmp(v, "inbound") != 0) {
            return "call_type must be inbound or outbound";
        }
        *type = strcmp(v, "outbound") == 0;
    }
    v = query_get(req, "call_status");
    for (int k = 0; v != NULL && *v != '\0' && k < 3; k++) {
        if (strcmp(v, statuses[k]) == 0) {
            *status = k;
        }
    }
    if (v != NULL && *v != '\0' && *status < 0) {
        return "call_status must be completed, missed or failed";
    }
    return NULL;
}

int
unpod_calllogs_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                      struct mock_response *out)
{
    int ok = unpod_check(ctx, req, out);
    if (ok <= 0) {
        return ok < 0 ? -1 : 0;
    }
    long page = 1;
    long size = 20;
    int64_t start, end;
    int type, status;
    const char *v = query_get(req, "page");
    const char *err = NULL;
    if (v != NULL && query_parse_long(v, 1, 1000000, &page) != 0) {
        err = "page must be an integer >= 1";
    }
    v = query_get(req, "page_size");
    if (err == NULL && v != NULL && query_parse_long(v, 1, 100, &size) != 0) {
        err = "page_size must be an integer between 1 and 100";
    }
    if (err == NULL) {
        err = call_filters(req, &start, &end, &type, &status);
    }
    if (err != NULL) {
        char body[160];
        snprintf(body, sizeof(body), "{\"status_code\":400,\"message\":\"%s\"}", err);
        return response_literal(out, 400, body);
    }
    uint32_t n = ctx->cfg->vendor.unpod_call_logs ? ctx->cfg->vendor.unpod_call_logs : 400;
    struct jsonw w;
    jsonw_init(&w, (size_t)size * 400 + 256);
    jsonw_begin_object(&w, NULL);
    jsonw_begin_array(&w, "data");
    long matched = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct agent_call c;
        agent_call(ctx, n, i, &c);
        if (c.created_ms < start || c.created_ms >= end || (type >= 0 && c.outbound != type) ||
            (status >= 0 && c.status != status)) {
            continue;
        }
        if (matched >= (page - 1) * size && matched < page * size) {
            write_agent_call(&w, ctx, i, &c);
        }
        matched++;
    }
    jsonw_end_array(&w);
    jsonw_int(&w, "count", matched);
    jsonw_int(&w, "status_code", 200);
    jsonw_string(&w, "message", "Call logs fetched successfully");
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}

int
unpod_spaces_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                    struct mock_response *out)
{
    static const char *const names[] = {"North team", "South team"};
    int ok = unpod_check(ctx, req, out);
    if (ok <= 0) {
        return ok < 0 ? -1 : 0;
    }
    const struct mock_data *d = ctx->data;
    struct jsonw w;
    char name[32];
    char ts[40];
    jsonw_init(&w, 2048);
    jsonw_begin_object(&w, NULL);
    jsonw_int(&w, "count", (int64_t)d->nspaces);
    jsonw_int(&w, "status_code", 200);
    jsonw_string(&w, "message", "Spaces fetched successfully");
    jsonw_begin_array(&w, "data");
    for (size_t i = 0; i < d->nspaces; i++) {
        snprintf(name, sizeof(name), "Space %zu", i + 1);
        jsonw_begin_object(&w, NULL);
        snprintf(ts, sizeof(ts), "sp_%03zu", i + 1);
        jsonw_string(&w, "id", ts);
        jsonw_string(&w, "name", i < 2 ? names[i] : name);
        jsonw_string(&w, "token", d->spaces[i].token);
        snprintf(name, sizeof(name), "space-agent-%zu", i + 1);
        jsonw_string(&w, "agent_handle", name);
        timefmt_iso_ms(d->window_start_ms - 30 * MOCK_DAY_MS, ts, sizeof(ts));
        jsonw_string(&w, "created_at", ts);
        jsonw_end_object(&w);
    }
    jsonw_end_array(&w);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}
