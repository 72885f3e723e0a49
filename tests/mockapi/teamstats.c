/* SPDX-License-Identifier: MIT */
/*
 * Saleshandy POST /v1/analytics/team/stats. The vendor documents no response
 * body; --team-shape picks one of the shapes seen in the wild. One record per
 * rep (all MOCK_REPS, or those in userIds, matched against the Saleshandy
 * user ids), counted over the e-mails the rep sent in [startDate, endDate]
 * (a date-only endDate covers that whole day UTC):
 *   emailSent = rows, prospectContacted = step-1 rows,
 *   prospectAdded = prospectContacted + prospectContacted / 8,
 *   opened/clicked/replied/unSubscribed/bounced = rows with that event,
 *   sentiment buckets = replied rows by "Current Sentiment",
 *   openRate / replyRate = percent of emailSent, 2 decimals.
 * Sorted by orderBy in sortOrder, ties by team order; then page/limit
 * (defaults 1/10).  userIds, orderBy, sortOrder, countBy and type are
 * required (400 naming the first missing one).  --sh-team-named 1 answers
 * {"message", "payload": {"Email Analytics": [...]}} with every number as
 * text ("25"), as Saleshandy's sibling endpoints do.
 */
#include "mockapi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NPROSPECT 15
#define NEMAIL 8

static const char *const prospect_keys[NPROSPECT] = {
    "prospectAdded",  "prospectContacted", "opened",        "clicked",    "replied",
    "unSubscribed",   "bounced",           "Uncategorized", "Interested", "Not Interested",
    "Meeting Booked", "Out of Office",     "Closed",        "Not Now",    "Do Not Contact",
};
static const char *const email_keys[NEMAIL] = {
    "prospectContacted", "emailSent", "opened",   "clicked",
    "replied",           "bounced",   "openRate", "replyRate",
};
/* names_sentiments index of each sentiment bucket, in prospect_keys order. */
static const unsigned bucket_sentiment[8] = {8, 1, 2, 3, 4, 5, 6, 7};

struct record {
    unsigned rep;
    double v[NPROSPECT];
    double sort_key;
    int desc;
};

struct counts {
    int64_t sent;
    int64_t step1;
    int64_t opened;
    int64_t clicked;
    int64_t replied;
    int64_t unsubscribed;
    int64_t bounced;
    int64_t sentiment[9];
};

static double
percent(int64_t part, int64_t whole)
{
    return whole > 0 ? round((double)part * 10000.0 / (double)whole) / 100.0 : 0.0;
}

static void
fill(struct record *r, const struct counts *c, int email)
{
    if (email) {
        double v[NEMAIL] = {
            (double)c->step1,
            (double)c->sent,
            (double)c->opened,
            (double)c->clicked,
            (double)c->replied,
            (double)c->bounced,
            percent(c->opened, c->sent),
            percent(c->replied, c->sent),
        };
        memcpy(r->v, v, sizeof v);
        return;
    }
    r->v[0] = (double)(c->step1 + c->step1 / 8);
    r->v[1] = (double)c->step1;
    r->v[2] = (double)c->opened;
    r->v[3] = (double)c->clicked;
    r->v[4] = (double)c->replied;
    r->v[5] = (double)c->unsubscribed;
    r->v[6] = (double)c->bounced;
    for (unsigned b = 0; b < 8; b++) {
        r->v[7 + b] = (double)c->sentiment[bucket_sentiment[b]];
    }
}

static int
cmp_record(const void *a, const void *b)
{
    const struct record *x = a;
    const struct record *y = b;

    if (x->sort_key != y->sort_key) {
        int lt = x->sort_key < y->sort_key;
        return x->desc ? (lt ? 1 : -1) : (lt ? -1 : 1);
    }
    return x->rep < y->rep ? -1 : (x->rep > y->rep);
}

struct request {
    uint32_t rep_mask;
    int64_t start;
    int64_t end;
    long limit;
    long page;
    int email;
    int desc;
    int order;
};

static int
key_index(const char *key, int email)
{
    const char *const *keys = email ? email_keys : prospect_keys;
    int n = email ? NEMAIL : NPROSPECT;

    for (int i = 0; i < n; i++) {
        if (strcmp(keys[i], key) == 0) {
            return i;
        }
    }
    return -1;
}

/* @return NULL or the 400 message. */
static const char *
parse(const struct mock_data *d, const json_t *root, struct request *q)
{
    const char *s;
    struct ids_ctx ids = {d, 0, 0};
    int n = body_list(root, "userIds", ids_add_saleshandy_user, &ids);

    if (n < 0) {
        return "userIds must be an array of strings";
    }
    if (n == 0) {
        return "userIds should not be empty";
    }
    static const char *const required[] = {"orderBy", "sortOrder", "countBy", "type"};
    for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++) {
        if (json_object_get(root, required[k]) == NULL) {
            return k == 0   ? "orderBy should not be empty"
                   : k == 1 ? "sortOrder should not be empty"
                   : k == 2 ? "countBy should not be empty"
                            : "type should not be empty";
        }
    }
    q->rep_mask = ids.mask;
    q->start = INT64_MIN;
    q->end = INT64_MAX;
    if (body_string(root, "startDate", &s) != 0 ||
        (s != NULL && timefmt_range_bound(s, 0, &q->start) != 0)) {
        return "startDate must be an ISO 8601 date";
    }
    if (body_string(root, "endDate", &s) != 0 ||
        (s != NULL && timefmt_range_bound(s, 1, &q->end) != 0)) {
        return "endDate must be an ISO 8601 date";
    }
    if (body_string(root, "type", &s) != 0 ||
        (s != NULL && strcmp(s, "prospect") != 0 && strcmp(s, "email") != 0)) {
        return "type must be one of: prospect, email";
    }
    q->email = s != NULL && strcmp(s, "email") == 0;
    if (body_string(root, "countBy", &s) != 0 ||
        (s != NULL && strcmp(s, "relative") != 0 && strcmp(s, "absolute") != 0)) {
        return "countBy must be one of: relative, absolute";
    }
    if (body_string(root, "sortOrder", &s) != 0 ||
        (s != NULL && strcasecmp(s, "asc") != 0 && strcasecmp(s, "desc") != 0)) {
        return "sortOrder must be one of: asc, desc";
    }
    q->desc = s == NULL || strcasecmp(s, "desc") == 0;
    if (body_string(root, "orderBy", &s) != 0) {
        return "orderBy must be a string";
    }
    q->order = key_index(s != NULL ? s : (q->email ? "emailSent" : "prospectAdded"), q->email);
    if (q->order < 0) {
        return "orderBy is not valid for this report type";
    }
    if (body_long(root, "limit", 10, &q->limit) != 0 || q->limit < 1 || q->limit > 1000) {
        return "limit must be an integer between 1 and 1000";
    }
    if (body_long(root, "page", 1, &q->page) != 0 || q->page < 1) {
        return "page must be an integer >= 1";
    }
    return NULL;
}

static int
count(const struct mock_ctx *ctx, const struct request *q, struct counts *c)
{
    const struct mock_data *d = ctx->data;
    const uint32_t *idx = NULL;
    uint32_t n = 0;
    uint32_t lo;
    uint32_t hi;

    memset(c, 0, sizeof *c * MOCK_REPS);
    if (emailset_get(ctx->emails, d, UINT32_MAX, &idx, &n) != 0) {
        return -1;
    }
    emailset_range(d, idx, n, q->start, q->end, &lo, &hi);
    for (uint32_t k = lo; k < hi; k++) {
        const struct mock_email *e = &d->emails[idx[k]];
        struct counts *r = &c[e->sender];
        r->sent++;
        r->step1 += e->step == 1;
        r->opened += e->open_count > 0;
        r->clicked += e->click_count > 0;
        r->bounced += (e->flags & MOCK_EMAIL_BOUNCED) != 0;
        r->unsubscribed += (e->flags & MOCK_EMAIL_UNSUBSCRIBED) != 0;
        if (e->flags & MOCK_EMAIL_REPLIED) {
            r->replied++;
            r->sentiment[e->sentiment]++;
        }
    }
    return 0;
}

/* A number as the named shape writes it: text. */
static void
text_number(struct jsonw *w, const char *key, double v, int decimals)
{
    char buf[40];
    snprintf(buf, sizeof(buf), "%.*f", decimals, v);
    jsonw_string(w, key, buf);
}

static void
write_record(struct jsonw *w, const struct mock_data *d, const struct record *r, int email,
             int as_text)
{
    const struct mock_rep *rep = &d->reps[r->rep];
    char name[128];

    snprintf(name, sizeof name, "%s %s", rep->n->first_name, rep->n->last_name);
    jsonw_begin_object(w, NULL);
    jsonw_string(w, "userId", rep->sh_id);
    jsonw_string(w, "userName", name);
    jsonw_string(w, "email", rep->n->email);
    int n = email ? NEMAIL : NPROSPECT;
    for (int i = 0; i < n; i++) {
        const char *key = email ? email_keys[i] : prospect_keys[i];
        int decimals = email && i >= 6 ? 2 : 0;
        if (as_text) {
            text_number(w, key, r->v[i], decimals);
        }
        else if (decimals > 0) {
            jsonw_real(w, key, r->v[i], decimals);
        }
        else {
            jsonw_int(w, key, (int64_t)r->v[i]);
        }
    }
    jsonw_end_object(w);
}

int
teamstats_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                 struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    struct request q;
    struct counts c[MOCK_REPS];
    struct record rec[MOCK_REPS];
    size_t nrec = 0;

    if (!auth_saleshandy(ctx, req)) {
        return vendors_sh_unauthorized(ctx, out);
    }
    json_t *root = body_parse(req);
    if (root == NULL) {
        return vendors_sh_error(ctx, out, 400, 4000, "Request body must be a valid JSON object");
    }
    const char *err = parse(d, root, &q);
    json_decref(root);
    if (err != NULL) {
        return vendors_sh_error(ctx, out, 400, 4000, err);
    }
    if (ctx->cfg->team_shape == MOCK_TEAM_EMPTY) {
        return response_literal(out, 200, "{\"message\":\"ok\"}");
    }
    if (count(ctx, &q, c) != 0) {
        return -1;
    }
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        if ((q.rep_mask >> r) & 1) {
            struct record *x = &rec[nrec++];
            memset(x, 0, sizeof *x);
            x->rep = r;
            fill(x, &c[r], q.email);
            x->sort_key = x->v[q.order];
            x->desc = q.desc;
        }
    }
    qsort(rec, nrec, sizeof rec[0], cmp_record);

    struct jsonw w;
    int named = ctx->cfg->vendor.sh_team_named;
    jsonw_init(&w, 8192);
    if (named) {
        jsonw_begin_object(&w, NULL);
        jsonw_string(&w, "message", "Team stats fetched successfully");
        jsonw_begin_object(&w, "payload");
        jsonw_begin_array(&w, "Email Analytics");
    }
    else if (ctx->cfg->team_shape == MOCK_TEAM_PAYLOAD) {
        jsonw_begin_object(&w, NULL);
        jsonw_string(&w, "message", "Team stats fetched successfully");
        jsonw_begin_object(&w, "payload");
        jsonw_begin_array(&w, "data");
    }
    else if (ctx->cfg->team_shape == MOCK_TEAM_DATA) {
        jsonw_begin_object(&w, NULL);
        jsonw_begin_array(&w, "data");
    }
    else {
        jsonw_begin_array(&w, NULL);
    }
    long off = (q.page - 1) * q.limit;
    for (long k = off; k < (long)nrec && k < off + q.limit; k++) {
        write_record(&w, d, &rec[k], q.email, named);
    }
    jsonw_end_array(&w);
    if (named) {
        jsonw_end_object(&w);
        jsonw_end_object(&w);
    }
    else if (ctx->cfg->team_shape == MOCK_TEAM_PAYLOAD) {
        jsonw_int(&w, "total", (int64_t)nrec);
        jsonw_end_object(&w);
        jsonw_end_object(&w);
    }
    else if (ctx->cfg->team_shape == MOCK_TEAM_DATA) {
        jsonw_end_object(&w);
    }
    return response_take(out, 200, &w);
}
