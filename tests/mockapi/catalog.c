/* SPDX-License-Identifier: MIT */
/*
 * GET /__catalog (no auth, not counted, never faulted): the generated ids a
 * test needs to build filters (rep ids on both vendors, list ids, sequence
 * ids, space tokens) and the totals of the run.
 */
#include "mockapi.h"

#include <stdio.h>

static void
write_team(struct jsonw *w, const struct mock_data *d)
{
    char name[128];

    jsonw_begin_array(w, "reps");
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        const struct mock_rep *rep = &d->reps[r];
        snprintf(name, sizeof name, "%s %s", rep->n->first_name, rep->n->last_name);
        jsonw_begin_object(w, NULL);
        jsonw_string(w, "_id", rep->id);
        jsonw_string(w, "saleshandy_id", rep->sh_id);
        jsonw_string(w, "first_name", rep->n->first_name);
        jsonw_string(w, "last_name", rep->n->last_name);
        jsonw_string(w, "name", name);
        jsonw_string(w, "email", rep->n->email);
        jsonw_string(w, "phone", rep->phone);
        jsonw_string(w, "timezone", rep->n->tz_iana);
        jsonw_int(w, "utc_offset_minutes", rep->n->tz_offset_min);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
    jsonw_begin_array(w, "contact_lists");
    for (unsigned l = 0; l < MOCK_LISTS; l++) {
        jsonw_begin_object(w, NULL);
        jsonw_string(w, "_id", d->lists[l].id);
        jsonw_string(w, "name", d->lists[l].n->name);
        jsonw_string(w, "source", d->lists[l].n->source);
        jsonw_string(w, "owner_id", d->reps[d->lists[l].n->owner].id);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
}

static void
write_catalog(struct jsonw *w, const struct mock_ctx *ctx)
{
    const struct mock_data *d = ctx->data;
    char ts[40];

    jsonw_begin_object(w, NULL);
    jsonw_int(w, "seed", (int64_t)d->seed);
    jsonw_int(w, "calls", d->ncalls);
    jsonw_int(w, "emails", d->nemails);
    timefmt_iso_ms(d->window_start_ms, ts, sizeof ts);
    jsonw_string(w, "window_start", ts);
    timefmt_iso_ms(d->window_end_ms, ts, sizeof ts);
    jsonw_string(w, "window_end", ts);
    write_team(w, d);
    jsonw_begin_array(w, "dispositions");
    for (unsigned i = 1; i <= MOCK_DISPOSITIONS; i++) {
        jsonw_begin_object(w, NULL);
        jsonw_int(w, "internal_id", i);
        jsonw_string(w, "external_id", names_dispositions[i].external_id);
        jsonw_string(w, "external_name", names_dispositions[i].external_name);
        jsonw_bool(w, "positive", names_dispositions[i].positive);
        jsonw_string(w, "category", names_dispositions[i].category);
        jsonw_bool(w, "is_custom", names_dispositions[i].is_custom);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
    jsonw_begin_array(w, "call_sequences");
    for (unsigned s = 1; s <= MOCK_CALL_SEQUENCES; s++) {
        jsonw_string(w, NULL, names_call_sequences[s]);
    }
    jsonw_end_array(w);
    jsonw_begin_array(w, "email_sequences");
    for (unsigned s = 0; s < MOCK_EMAIL_SEQUENCES; s++) {
        const struct mock_sequence *q = &d->sequences[s];
        jsonw_begin_object(w, NULL);
        jsonw_string(w, "id", q->id);
        jsonw_string(w, "title", q->n->title);
        jsonw_string(w, "owner_id", d->reps[q->n->owner].sh_id);
        jsonw_end_object(w);
    }
    jsonw_end_array(w);
    jsonw_begin_object(w, "unpod");
    jsonw_string(w, "org", ctx->cfg->unpod_org);
    jsonw_begin_array(w, "spaces");
    for (size_t i = 0; i < d->nspaces; i++) {
        jsonw_string(w, NULL, d->spaces[i].token);
    }
    jsonw_end_array(w);
    jsonw_end_object(w);
    jsonw_end_object(w);
}

int
catalog_handle(const struct mock_ctx *ctx, const struct mock_request *req,
               struct mock_response *out)
{
    struct jsonw w;

    (void)req;
    jsonw_init(&w, 8192);
    write_catalog(&w, ctx);
    return response_take(out, 200, &w);
}
