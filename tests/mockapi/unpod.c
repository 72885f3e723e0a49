/* SPDX-License-Identifier: MIT */
/*
 * Unpod GET /api/v2/platform/organisation/analytics/ (trailing slash
 * optional). Checks, in order: Authorization and Org-Handle (unpod_check,
 * unpodcalls.c), space_token (unknown: 404). Without space_token the
 * numbers are the sum over all spaces; avg_success_score is then the
 * call-weighted mean and success_rate is recomputed from the sums
 * (completed / total_tasks * 100).  --unpod-shape flat answers in the
 * current reference's flat shape: {total_calls, completed_calls,
 * failed_calls, avg_duration_seconds, total_tasks, task_status_breakdown
 * {pending, running, completed, failed}}, with completed_calls = total_calls
 * - not_connected - failed and avg_duration_seconds = avg_success_score / 3.
 */
#include "mockapi.h"

#include <math.h>
#include <string.h>
#include <strings.h>

static void
write_space(struct jsonw *w, const struct mock_space *s)
{
    jsonw_begin_object(w, "call_analytics");
    jsonw_int(w, "total_calls", s->total_calls);
    jsonw_int(w, "interested", s->interested);
    jsonw_int(w, "call_back", s->call_back);
    jsonw_int(w, "send_details", s->send_details);
    jsonw_int(w, "not_interested", s->not_interested);
    jsonw_int(w, "not_connected", s->not_connected);
    jsonw_int(w, "failed", s->failed);
    jsonw_real(w, "avg_success_score", s->avg_success_score, 2);
    jsonw_end_object(w);
    jsonw_begin_object(w, "call_status");
    jsonw_int(w, "total_tasks", s->total_calls);
    jsonw_int(w, "completed", s->completed);
    jsonw_int(w, "failed", s->tasks_failed);
    jsonw_int(w, "pending", s->pending);
    jsonw_int(w, "in_progress", s->in_progress);
    jsonw_real(
        w, "success_rate",
        s->total_calls ? round((double)s->completed * 10000.0 / s->total_calls) / 100.0 : 0.0, 2);
    jsonw_end_object(w);
}

static void
write_flat(struct jsonw *w, const struct mock_space *s)
{
    jsonw_int(w, "total_calls", s->total_calls);
    jsonw_int(w, "completed_calls", s->total_calls - s->not_connected - s->failed);
    jsonw_int(w, "failed_calls", s->failed);
    jsonw_real(w, "avg_duration_seconds", s->avg_success_score / 3.0, 1);
    jsonw_int(w, "total_tasks", s->total_calls);
    jsonw_begin_object(w, "task_status_breakdown");
    jsonw_int(w, "pending", s->pending);
    jsonw_int(w, "running", s->in_progress);
    jsonw_int(w, "completed", s->completed);
    jsonw_int(w, "failed", s->tasks_failed);
    jsonw_end_object(w);
}

static void
org_totals(const struct mock_data *d, struct mock_space *t)
{
    double weighted = 0.0;

    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < d->nspaces; i++) {
        const struct mock_space *s = &d->spaces[i];
        t->total_calls += s->total_calls;
        t->interested += s->interested;
        t->call_back += s->call_back;
        t->send_details += s->send_details;
        t->not_interested += s->not_interested;
        t->not_connected += s->not_connected;
        t->failed += s->failed;
        t->completed += s->completed;
        t->tasks_failed += s->tasks_failed;
        t->pending += s->pending;
        t->in_progress += s->in_progress;
        weighted += s->avg_success_score * s->total_calls;
    }
    if (t->total_calls > 0) {
        t->avg_success_score = round(weighted * 100.0 / t->total_calls) / 100.0;
    }
}

int
unpod_handle(const struct mock_ctx *ctx, const struct mock_request *req, struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    const char *token = query_get(req, "space_token");
    const struct mock_space *space = NULL;
    struct mock_space totals;

    int ok = unpod_check(ctx, req, out);
    if (ok <= 0) {
        return ok < 0 ? -1 : 0;
    }
    if (token != NULL && *token != '\0') {
        for (size_t i = 0; i < d->nspaces; i++) {
            if (strcmp(token, d->spaces[i].token) == 0) {
                space = &d->spaces[i];
            }
        }
        if (space == NULL) {
            return response_literal(out, 404,
                                    "{\"status_code\":404,\"message\":"
                                    "\"Space not found.\"}");
        }
    }
    else {
        org_totals(d, &totals);
        space = &totals;
    }

    struct jsonw w;
    jsonw_init(&w, 1024);
    jsonw_begin_object(&w, NULL);
    jsonw_int(&w, "status_code", 200);
    jsonw_string(&w, "message", "Analytics fetched successfully");
    jsonw_begin_object(&w, "data");
    if (ctx->cfg->vendor.unpod_flat) {
        write_flat(&w, space);
    }
    else {
        write_space(&w, space);
    }
    jsonw_end_object(&w);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}
