/* SPDX-License-Identifier: MIT */
/*
 * Salesfinity GET /v1/analytics/list-performance: per contact list metrics
 * computed from the same generated calls the call-log serves, so the two
 * endpoints agree. Over the calls whose started_at is in the window (same
 * date rules as call-log) and that pass user_ids / disposition_ids:
 *   total_calls      calls of the list
 *   connected_calls  the vendor's connected (vendors_call_kpi: a human
 *                    answered, disposition in an answered category)
 *   conversations    connected, and a meeting or 60 s or more
 *   meetings_set     disposition 1 (Meeting Set)
 *   good_quality_contacts  distinct contacts called whose phone is valid
 *   data_quality     good_quality_contacts / distinct contacts called (0 if none)
 * All MOCK_LISTS lists are returned (search narrows by name), ordered by
 * total_calls descending then list order. Dates are local days of
 * `timezone` (UTC without one; vendors_analytics_window).
 */
#include "mockapi.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct list_stats {
    unsigned idx;
    int64_t total;
    int64_t connected;
    int64_t conversations;
    int64_t meetings;
    int64_t contacts;
    int64_t good;
};

static uint32_t
first_at_or_after(const struct mock_data *d, int64_t ms)
{
    uint32_t lo = 0;
    uint32_t hi = d->ncalls;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (d->calls[mid].started_ms < ms) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

static int
cmp_stats(const void *a, const void *b)
{
    const struct list_stats *x = a;
    const struct list_stats *y = b;

    if (x->total != y->total) {
        return x->total > y->total ? -1 : 1;
    }
    return x->idx < y->idx ? -1 : (x->idx > y->idx);
}

/* ASCII case-insensitive substring. */
static int
contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    if (n == 0) {
        return 1;
    }
    for (; *hay; hay++) {
        if (strncasecmp(hay, needle, n) == 0) {
            return 1;
        }
    }
    return 0;
}

static void
compute(const struct mock_data *d, int64_t start, int64_t end, uint32_t rep_mask,
        uint32_t dispo_mask, struct list_stats *st)
{
    uint8_t seen[MOCK_CONTACTS / 8];

    memset(seen, 0, sizeof seen);
    for (unsigned l = 0; l < MOCK_LISTS; l++) {
        memset(&st[l], 0, sizeof st[l]);
        st[l].idx = l;
    }
    uint32_t lo = start == INT64_MIN ? 0 : first_at_or_after(d, start);
    uint32_t hi = end == INT64_MAX ? d->ncalls : first_at_or_after(d, end);
    for (uint32_t i = lo; i < hi; i++) {
        const struct mock_call *c = &d->calls[i];
        if (!((rep_mask >> c->rep) & 1) || !((dispo_mask >> c->disposition) & 1)) {
            continue;
        }
        struct list_stats *s = &st[c->list];
        int connected = 0, conversation = 0, meeting = 0;
        vendors_call_kpi(c, &connected, &conversation, &meeting);
        s->total++;
        s->connected += connected;
        s->conversations += conversation;
        s->meetings += meeting;
        seen[c->contact >> 3] |= (uint8_t)(1u << (c->contact & 7));
    }
    for (unsigned i = 0; i < MOCK_CONTACTS; i++) {
        if ((seen[i >> 3] >> (i & 7)) & 1) {
            struct list_stats *s = &st[d->contacts[i].list];
            s->contacts++;
            s->good += d->contacts[i].good_phone;
        }
    }
}

void
listperf_page_links(struct jsonw *w, long page, long limit, long total, int repeat)
{
    jsonw_int(w, "page", page);
    jsonw_int(w, "limit", limit);
    if (repeat) {
        jsonw_int(w, "next", page);
    }
    else if (page * limit < total) {
        jsonw_int(w, "next", page + 1);
    }
    else {
        jsonw_null(w, "next");
    }
    if (page > 1) {
        jsonw_int(w, "prev", page - 1);
    }
    else {
        jsonw_null(w, "prev");
    }
}

int
listperf_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    struct list_stats st[MOCK_LISTS];
    int64_t start = INT64_MIN;
    int64_t end = INT64_MAX;
    long limit = 10;
    long page = 1;
    uint32_t rep_mask = UINT32_MAX;
    uint32_t dispo_mask = UINT32_MAX;
    const char *v;

    if (!auth_salesfinity(ctx, req)) {
        return response_literal(out, 401, AUTH_SALESFINITY_401);
    }
    v = query_paging(req, &limit, &page);
    if (v != NULL) {
        return response_message(out, 400, v);
    }
    v = vendors_analytics_window(req, &start, &end);
    if (v != NULL) {
        return response_message(out, 400, v);
    }
    struct ids_ctx ids = {d, 0, 0};
    if (query_list(req, "user_ids", ids_add_rep, &ids) > 0) {
        rep_mask = ids.mask;
    }
    ids.mask = 0;
    if (query_list(req, "disposition_ids", ids_add_disposition, &ids) != 0) {
        if (ids.bad) {
            return response_message(out, 400, "disposition_ids must be integers");
        }
        dispo_mask = ids.mask;
    }
    const char *search = query_get(req, "search");

    compute(d, start, end, rep_mask, dispo_mask, st);
    qsort(st, MOCK_LISTS, sizeof st[0], cmp_stats);
    size_t kept = 0;
    for (size_t i = 0; i < MOCK_LISTS; i++) {
        if (search == NULL || contains_ci(d->lists[st[i].idx].n->name, search)) {
            st[kept++] = st[i];
        }
    }

    struct jsonw w;
    jsonw_init(&w, 4096);
    jsonw_begin_object(&w, NULL);
    jsonw_int(&w, "totalCount", (int64_t)kept);
    jsonw_begin_array(&w, "data");
    long off = (page - 1) * limit;
    for (long k = off; k < (long)kept && k < off + limit; k++) {
        const struct list_stats *s = &st[k];
        const struct mock_list *l = &d->lists[s->idx];
        const struct mock_rep *o = &d->reps[l->n->owner];
        jsonw_begin_object(&w, NULL);
        jsonw_string(&w, "_id", l->id);
        jsonw_string(&w, "name", l->n->name);
        jsonw_string(&w, "source", l->n->source);
        jsonw_int(&w, "total_calls", s->total);
        jsonw_int(&w, "connected_calls", s->connected);
        jsonw_int(&w, "conversations", s->conversations);
        jsonw_int(&w, "meetings_set", s->meetings);
        jsonw_int(&w, "good_quality_contacts", s->good);
        jsonw_real(&w, "data_quality", s->contacts ? (double)s->good / (double)s->contacts : 0.0,
                   4);
        jsonw_begin_object(&w, "owner");
        jsonw_string(&w, "_id", o->id);
        jsonw_string(&w, "first_name", o->n->first_name);
        jsonw_string(&w, "last_name", o->n->last_name);
        jsonw_string(&w, "email", o->n->email);
        jsonw_end_object(&w);
        jsonw_end_object(&w);
    }
    jsonw_end_array(&w);
    listperf_page_links(&w, page, limit, (long)kept, req->repeat);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}
