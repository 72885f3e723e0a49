/* SPDX-License-Identifier: MIT */
/*
 * Salesfinity GET /v1/call-log: query parsing into a callset filter, paging
 * over the cached filtered set, and serialisation of one call.
 *
 * Date filters work on started_at. filters[start_date] is inclusive;
 * filters[end_date] given as a date (YYYY-MM-DD) means through the end of
 * that day UTC, given as a date-time it is inclusive of that instant. A
 * date-time without an offset is UTC.
 */
#include "mockapi.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Pages added by the `repeat` fault so the API seems to never end. */
#define REPEAT_EXTRA_PAGES 1000000L

static const char *const outcome_names[] = {"answered", "no-answer", "cancelled"};
static const char *const direction_names[] = {"outbound", "inbound"};
static const char *const answered_by_names[] = {"", "human", "machine_start"};

/* Digits only, so "+1 (415) 555-0100", "%2B1415…" and " 1415…" all compare. */
static void
digits_of(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 1 < n; s++) {
        if (isdigit((unsigned char)*s)) {
            out[k++] = *s;
        }
    }
    out[k] = '\0';
}

struct phone_ctx {
    const struct mock_data *d;
    uint32_t *rep_mask;
    uint8_t *contacts;
};

static int
add_phone(void *arg, const char *item)
{
    struct phone_ctx *p = arg;
    char want[32];
    char have[32];

    digits_of(item, want, sizeof want);
    if (want[0] == '\0') {
        return 0;
    }
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        digits_of(p->d->reps[r].phone, have, sizeof have);
        if (strcmp(want, have) == 0) {
            *p->rep_mask |= UINT32_C(1) << r;
        }
    }
    for (unsigned i = 0; i < MOCK_CONTACTS; i++) {
        digits_of(p->d->contacts[i].phone, have, sizeof have);
        if (strcmp(want, have) == 0) {
            p->contacts[i >> 3] |= (uint8_t)(1u << (i & 7));
        }
    }
    return 0;
}

/* Case-insensitive (ASCII) substring search over contact name, company, phones. */
static void
set_search(const struct mock_data *d, const char *raw, struct callset_filter *f)
{
    char needle[128];
    size_t n = 0;

    while (isspace((unsigned char)*raw)) {
        raw++;
    }
    for (; *raw && n + 1 < sizeof needle; raw++) {
        needle[n++] = (char)tolower((unsigned char)*raw);
    }
    while (n > 0 && isspace((unsigned char)needle[n - 1])) {
        n--;
    }
    needle[n] = '\0';
    if (n == 0) {
        return;
    }
    f->search_set = 1;
    for (unsigned r = 0; r < MOCK_REPS; r++) {
        if (strstr(d->reps[r].phone, needle) != NULL) {
            f->search_rep_mask |= UINT32_C(1) << r;
        }
    }
    for (unsigned i = 0; i < MOCK_CONTACTS; i++) {
        const struct mock_contact *c = &d->contacts[i];
        if (strstr(c->name_lc, needle) != NULL || strstr(c->company_lc, needle) != NULL) {
            f->search_text[i >> 3] |= (uint8_t)(1u << (i & 7));
        }
        if (strstr(c->phone, needle) != NULL) {
            f->search_phone[i >> 3] |= (uint8_t)(1u << (i & 7));
        }
    }
}

static int
parse_duration(const char *s, int is_max, int64_t *out)
{
    char *end = NULL;

    if (*s == '\0') {
        return -1;
    }
    errno = 0;
    double v = strtod(s, &end);
    if (errno != 0 || *end != '\0' || !(v >= 0.0) || v > 1e12) {
        return -1;
    }
    *out = (int64_t)(is_max ? floor(v) : ceil(v));
    return 0;
}

static int
parse_enum(const char *s, const char *const *names, int n, int first, int32_t *out)
{
    for (int i = first; i < n; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

/* @return NULL when ok, else the 400 message. */
static const char *
parse_filter(const struct mock_data *d, const struct mock_request *req, struct callset_filter *f,
             int *desc)
{
    const char *v;
    int b;

    callset_filter_init(f);
    v = query_get(req, "sort");
    *desc = 1;
    f->order = CALLSET_BY_CREATED;
    if (v != NULL && *v != '\0') {
        const char *field = v;
        *desc = 0;
        if (*field == '-') {
            *desc = 1;
            field++;
        }
        if (strcmp(field, "createdAt") == 0) {
            f->order = CALLSET_BY_CREATED;
        }
        else if (strcmp(field, "started_at") == 0) {
            f->order = CALLSET_BY_STARTED;
        }
        else if (strcmp(field, "duration") == 0) {
            f->order = CALLSET_BY_DURATION;
        }
        else {
            return "Invalid sort field. Allowed: createdAt, started_at, duration "
                   "(prefix - for descending)";
        }
    }
    v = query_get(req, "filters[start_date]");
    if (v != NULL && *v != '\0' && timefmt_range_bound(v, 0, &f->start_ms) != 0) {
        return "filters[start_date] must be an ISO 8601 date";
    }
    v = query_get(req, "filters[end_date]");
    if (v != NULL && *v != '\0' && timefmt_range_bound(v, 1, &f->end_ms) != 0) {
        return "filters[end_date] must be an ISO 8601 date";
    }
    v = query_get(req, "filters[outcome]");
    if (v != NULL && *v != '\0' && parse_enum(v, outcome_names, 3, 0, &f->outcome) != 0) {
        return "filters[outcome] must be one of: answered, no-answer, cancelled";
    }
    v = query_get(req, "filters[direction]");
    if (v != NULL && *v != '\0' && parse_enum(v, direction_names, 2, 0, &f->direction) != 0) {
        return "filters[direction] must be one of: inbound, outbound";
    }
    v = query_get(req, "filters[answered_by]");
    if (v != NULL && *v != '\0' && parse_enum(v, answered_by_names, 3, 1, &f->answered_by) != 0) {
        return "filters[answered_by] must be one of: human, machine_start";
    }
    v = query_get(req, "filters[min_duration]");
    if (v != NULL && parse_duration(v, 0, &f->min_duration) != 0) {
        return "filters[min_duration] must be a number >= 0";
    }
    v = query_get(req, "filters[max_duration]");
    if (v != NULL && parse_duration(v, 1, &f->max_duration) != 0) {
        return "filters[max_duration] must be a number >= 0";
    }
    v = query_get(req, "filters[has_recording]");
    if (v != NULL) {
        if (query_parse_bool(v, &b) != 0) {
            return "filters[has_recording] must be true or false";
        }
        f->has_recording = b;
    }
    v = query_get(req, "filters[is_completed]");
    if (v != NULL) {
        if (query_parse_bool(v, &b) != 0) {
            return "filters[is_completed] must be true or false";
        }
        f->completed = b;
    }

    struct ids_ctx l = {d, 0, 0};
    if (query_list(req, "filters[disposition_ids]", ids_add_disposition, &l) != 0) {
        if (l.bad) {
            return "filters[disposition_ids] must be integers";
        }
        f->disposition_mask = l.mask;
    }
    v = query_get(req, "filters[exclude_negative_dispositions]");
    if (v != NULL) {
        if (query_parse_bool(v, &b) != 0) {
            return "filters[exclude_negative_dispositions] must be true or false";
        }
        if (b) {
            uint32_t positive = 0;
            for (unsigned i = 1; i <= MOCK_DISPOSITIONS; i++) {
                if (names_dispositions[i].positive) {
                    positive |= UINT32_C(1) << i;
                }
            }
            f->disposition_mask &= positive;
        }
    }
    l.mask = 0;
    if (query_list(req, "filters[user_ids]", ids_add_rep, &l) > 0) {
        f->rep_mask = l.mask;
    }
    l.mask = 0;
    if (query_list(req, "filters[contact_list_ids]", ids_add_list, &l) > 0) {
        f->list_mask = l.mask;
    }
    l.mask = 0;
    if (query_list(req, "filters[sequences]", ids_add_call_sequence, &l) > 0) {
        f->sequence_mask = l.mask;
    }
    struct phone_ctx from = {d, &f->from_rep_mask, f->from_contacts};
    if (query_list(req, "filters[from]", add_phone, &from) > 0) {
        f->from_set = 1;
    }
    struct phone_ctx to = {d, &f->to_rep_mask, f->to_contacts};
    if (query_list(req, "filters[to]", add_phone, &to) > 0) {
        f->to_set = 1;
    }
    v = query_get(req, "filters[search]");
    if (v != NULL) {
        set_search(d, v, f);
    }
    return NULL;
}

static void
optional_text(struct jsonw *w, const char *key, unsigned kind, const char *text)
{
    switch (kind) {
    case MOCK_TEXT: jsonw_string(w, key, text); break;
    case MOCK_EMPTY: jsonw_string(w, key, ""); break;
    case MOCK_NULL: jsonw_null(w, key); break;
    default: break;
    }
}

static void
write_contact(struct jsonw *w, const struct mock_data *d, uint32_t i)
{
    const struct mock_call *c = &d->calls[i];
    const struct mock_contact *ct = &d->contacts[c->contact];
    uint64_t h = mock_hash(d->seed, i, 'c');

    jsonw_begin_object(w, "contact");
    if (!(c->flags & MOCK_CALL_CONTACT_EMPTY)) {
        jsonw_string(w, "first_name", ct->first_name);
        jsonw_string(w, "last_name", ct->last_name);
        if (ct->company_null) {
            jsonw_null(w, "company");
        }
        else {
            jsonw_string(w, "company", ct->company);
        }
        jsonw_string(w, "email", (h >> 8) % 20 == 0 ? "" : ct->email);
        if (h % 10 != 0) {
            jsonw_string(w, "title", ct->title);
        }
    }
    jsonw_end_object(w);
}

/* Unescape the control characters --sf-control-chars injects (\u000b, \u0001
 * and \n, as jsonw escapes them) in @p body: raw bytes on the wire, as the
 * vendor sends a transcription.  Other escapes are copied as they are. */
static void
make_raw(struct mock_response *out)
{
    char *o = out->body;
    for (size_t i = 0; i < out->len;) {
        const char *p = out->body + i;
        size_t left = out->len - i;
        if (left >= 6 && (memcmp(p, "\\u000b", 6) == 0 || memcmp(p, "\\u0001", 6) == 0)) {
            *o++ = p[5] == 'b' ? '\x0b' : '\x01';
            i += 6;
        }
        else if (left >= 2 && p[0] == '\\' && p[1] == 'n') {
            *o++ = '\n';
            i += 2;
        }
        else if (left >= 2 && p[0] == '\\') { /* any other escape, e.g. \\ */
            *o++ = p[0];
            *o++ = p[1];
            i += 2;
        }
        else {
            *o++ = out->body[i++];
        }
    }
    out->len = (size_t)(o - out->body);
    out->body[out->len] = '\0';
}

static void
write_call(struct jsonw *w, const struct mock_data *d, uint32_t i, uint32_t control_every)
{
    const struct mock_call *c = &d->calls[i];
    const struct mock_rep *rep = &d->reps[c->rep];
    const struct mock_contact *ct = &d->contacts[c->contact];
    const struct mock_list *list = &d->lists[c->list];
    int outbound = c->direction == MOCK_OUTBOUND;
    int64_t created = mock_call_created_ms(c);
    char id[25];
    char call_id[40];
    char ts[40];
    char text[2048];

    text_object_id(mock_hash(d->seed, i, 'I'), created / 1000, id);
    snprintf(call_id, sizeof call_id, "CA%016llx%016llx",
             (unsigned long long)mock_hash(d->seed, i, 'A'),
             (unsigned long long)mock_hash(d->seed, i, 'B'));

    jsonw_begin_object(w, NULL);
    jsonw_string(w, "_id", id);
    jsonw_string(w, "call_id", call_id);
    jsonw_string(w, "outcome", outcome_names[c->outcome]);
    jsonw_string(w, "direction", direction_names[c->direction]);
    if (c->answered_by != MOCK_BY_NONE) {
        jsonw_string(w, "answered_by", answered_by_names[c->answered_by]);
    }
    else {
        optional_text(w, "answered_by", c->absent & 3u, NULL);
    }
    jsonw_int(w, "duration", c->duration_s);
    jsonw_string(w, "to", outbound ? ct->phone : rep->phone);
    jsonw_string(w, "from", outbound ? rep->phone : ct->phone);
    if (c->disposition != 0) {
        const struct names_disposition *nd = &names_dispositions[c->disposition];
        jsonw_begin_object(w, "disposition");
        jsonw_int(w, "internal_id", c->disposition);
        jsonw_string(w, "external_id", nd->external_id);
        jsonw_string(w, "external_name", nd->external_name);
        jsonw_end_object(w);
    }
    else {
        optional_text(w, "disposition", (c->absent >> 2) & 3u, NULL);
    }
    write_contact(w, d, i);
    jsonw_begin_object(w, "contact_list");
    jsonw_string(w, "_id", list->id);
    jsonw_string(w, "name", list->n->name);
    jsonw_end_object(w);
    jsonw_begin_object(w, "user");
    jsonw_string(w, "_id", rep->id);
    jsonw_string(w, "first_name", rep->n->first_name);
    jsonw_string(w, "last_name", rep->n->last_name);
    jsonw_string(w, "email", rep->n->email);
    jsonw_end_object(w);
    if (c->flags & MOCK_CALL_RECORDING) {
        snprintf(text, sizeof text, "https://recordings.example.com/%s.mp3", call_id);
        jsonw_string(w, "recording_url", text);
    }
    else {
        optional_text(w, "recording_url", (c->absent >> 4) & 3u, NULL);
    }
    if (c->notes == MOCK_TEXT) {
        text_notes(d, i, text, sizeof text);
    }
    optional_text(w, "notes", c->notes, text);
    if (c->transcription == MOCK_TEXT) {
        text_transcription(d, i, text, sizeof text);
        if (control_every > 0 && i % control_every == 0) {
            size_t len = strlen(text);
            snprintf(text + len, sizeof text - len, " \x0b[pause]\x01\nAgent: thanks");
        }
    }
    optional_text(w, "transcription", c->transcription, text);
    if (c->summary == MOCK_TEXT) {
        text_summary(d, i, text, sizeof text);
    }
    optional_text(w, "summary", c->summary, text);
    jsonw_bool(w, "is_completed", (c->flags & MOCK_CALL_COMPLETED) != 0);
    timefmt_iso_ms(c->started_ms, ts, sizeof ts);
    jsonw_string(w, "started_at", ts);
    timefmt_iso_ms(mock_call_ended_ms(c), ts, sizeof ts);
    jsonw_string(w, "ended_at", ts);
    timefmt_iso_ms(created, ts, sizeof ts);
    jsonw_string(w, "createdAt", ts);
    timefmt_iso_ms(created + (int64_t)c->updated_after_s * 1000, ts, sizeof ts);
    jsonw_string(w, "updatedAt", ts);
    jsonw_end_object(w);
}

int
calllog_handle(const struct mock_ctx *ctx, const struct mock_request *req,
               struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    struct callset_filter f;
    long limit = 10;
    long page = 1;
    int desc = 1;
    const char *err;

    if (!auth_salesfinity(ctx, req)) {
        return response_literal(out, 401, AUTH_SALESFINITY_401);
    }
    err = query_paging(req, &limit, &page);
    if (err == NULL) {
        err = parse_filter(d, req, &f, &desc);
    }
    if (err != NULL) {
        return response_message(out, 400, err);
    }

    uint32_t control_every = ctx->cfg->vendor.sf_control_chars;
    struct callset *set = callset_get(ctx->calls, d, &f);
    if (set == NULL) {
        return -1;
    }
    long total = (long)set->n;
    long pages = (total + limit - 1) / limit;
    long serve = page;
    long claim_page = page;
    long claim_pages = pages;
    long claim_total = total;
    if (req->repeat) {
        serve = req->repeat_page;
        claim_page = 1;
        claim_pages = pages + REPEAT_EXTRA_PAGES;
        claim_total = claim_pages * limit;
    }

    struct jsonw w;
    jsonw_init(&w, (size_t)limit * 2048 + 256);
    jsonw_begin_object(&w, NULL);
    jsonw_begin_array(&w, "data");
    long off = (serve - 1) * limit;
    for (long k = off; k < total && k < off + limit; k++) {
        uint32_t pos = desc ? set->n - 1 - (uint32_t)k : (uint32_t)k;
        write_call(&w, d, set->idx[pos], control_every);
    }
    jsonw_end_array(&w);
    enum mock_sf_paging shape = ctx->cfg->vendor.sf_paging;
    jsonw_begin_object(&w, "pagination");
    if (shape != MOCK_SF_NEXT_ONLY) {
        jsonw_int(&w, "total", claim_total);
    }
    jsonw_int(&w, "page", claim_page);
    if (shape == MOCK_SF_PAGES) {
        jsonw_int(&w, "limit", limit);
        jsonw_int(&w, "pages", claim_pages);
    }
    else if (claim_page < claim_pages) {
        jsonw_int(&w, "next", req->repeat ? serve : claim_page + 1);
    }
    else {
        jsonw_null(&w, "next");
    }
    jsonw_end_object(&w);
    jsonw_end_object(&w);
    callset_release(ctx->calls, set);
    if (response_take(out, 200, &w) != 0) {
        return -1;
    }
    if (control_every > 0) {
        make_raw(out);
    }
    return 0;
}
