/* SPDX-License-Identifier: MIT */
/*
 * Saleshandy's list endpoints, where a client gets the ids the stats
 * endpoints require in their bodies.
 *
 * GET /v1/sequences?page&pageSize (documented): {message, payload: [{id,
 *   title, active, steps: [{id, name}], client, user}]}, the 5 e-mail
 *   sequences; pageSize 1..1000, default 100.
 * GET /v1/team-members?page&pageSize (seen in third-party code only; its
 *   body is this mock's guess): {message, payload: [{id, firstName,
 *   lastName, email, role, status}]}, the 12 reps with their Saleshandy ids.
 */
#include "mockapi.h"

#include <stdio.h>

/* page and pageSize (1..1000, default 100); NULL or the 400 message. */
static const char *
paging(const struct mock_request *req, long *page, long *size)
{
    const char *v = query_get(req, "page");
    *page = 1;
    *size = 100;
    if (v != NULL && query_parse_long(v, 1, 1000000, page) != 0) {
        return "page must be an integer >= 1";
    }
    v = query_get(req, "pageSize");
    if (v != NULL && query_parse_long(v, 1, 1000, size) != 0) {
        return "pageSize must be an integer between 1 and 1000";
    }
    return NULL;
}

static void
write_sequence(struct jsonw *w, const struct mock_data *d, unsigned s)
{
    const struct mock_sequence *q = &d->sequences[s];
    const struct mock_rep *owner = &d->reps[q->n->owner];
    char step[11];
    char name[16];
    jsonw_begin_object(w, NULL);
    jsonw_string(w, "id", q->id);
    jsonw_string(w, "title", q->n->title);
    jsonw_bool(w, "active", s != MOCK_EMAIL_SEQUENCES - 1);
    jsonw_begin_array(w, "steps");
    for (unsigned k = 1; k <= 4; k++) {
        text_alnum(mock_hash(d->seed, s * 8 + k, 'S'), step, 10);
        snprintf(name, sizeof(name), "Step %u", k);
        jsonw_begin_object(w, NULL);
        jsonw_string(w, "id", step);
        jsonw_string(w, "name", name);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
    jsonw_begin_object(w, "client");
    if (q->n->client >= 0) {
        const struct names_client *cl = &names_clients[q->n->client];
        jsonw_string(w, "id", q->client_id);
        jsonw_string(w, "companyName", cl->company);
        jsonw_string(w, "firstName", cl->first_name);
        jsonw_string(w, "lastName", cl->last_name);
    }
    jsonw_end_object(w);
    jsonw_begin_object(w, "user");
    jsonw_string(w, "id", owner->sh_id);
    jsonw_string(w, "firstName", owner->n->first_name);
    jsonw_string(w, "lastName", owner->n->last_name);
    jsonw_string(w, "email", owner->n->email);
    jsonw_end_object(w);
    jsonw_end_object(w);
}

static void
write_member(struct jsonw *w, const struct mock_data *d, unsigned r)
{
    const struct mock_rep *rep = &d->reps[r];
    jsonw_begin_object(w, NULL);
    jsonw_string(w, "id", rep->sh_id);
    jsonw_string(w, "firstName", rep->n->first_name);
    jsonw_string(w, "lastName", rep->n->last_name);
    jsonw_string(w, "email", rep->n->email);
    jsonw_string(w, "role", r == 0 ? "owner" : "member");
    jsonw_string(w, "status", "active");
    jsonw_end_object(w);
}

typedef void write_fn(struct jsonw *w, const struct mock_data *d, unsigned i);

static int
list(const struct mock_ctx *ctx, const struct mock_request *req, struct mock_response *out,
     unsigned n, write_fn *write, const char *message)
{
    long page = 1;
    long size = 100;
    if (!auth_saleshandy(ctx, req)) {
        return vendors_sh_unauthorized(ctx, out);
    }
    const char *err = paging(req, &page, &size);
    if (err != NULL) {
        return vendors_sh_error(ctx, out, 400, 4000, err);
    }
    struct jsonw w;
    jsonw_init(&w, 4096);
    jsonw_begin_object(&w, NULL);
    jsonw_string(&w, "message", message);
    jsonw_begin_array(&w, "payload");
    for (long k = (page - 1) * size; k < (long)n && k < page * size; k++) {
        write(&w, ctx->data, (unsigned)k);
    }
    jsonw_end_array(&w);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}

int
sequences_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                 struct mock_response *out)
{
    return list(ctx, req, out, MOCK_EMAIL_SEQUENCES, write_sequence,
                "Successfully fetched all sequences and their associated steps");
}

int
teammembers_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                   struct mock_response *out)
{
    return list(ctx, req, out, MOCK_REPS, write_member, "Successfully fetched team members");
}
