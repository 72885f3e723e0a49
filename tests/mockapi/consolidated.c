/* SPDX-License-Identifier: MIT */
/*
 * Saleshandy POST /v1/analytics/consolidated-stats: one row per sent e-mail,
 * ordered by send time (stable), filtered by sequenceIds and by
 * [startDate 00:00Z, endDate 24:00Z). Validation follows the vendor's page:
 * sequenceIds required (a non-empty array), dates YYYY-MM-DD, startDate
 * not older than 2 years before today (real clock, UTC), endDate at most 1
 * year after startDate, pageNum >= 1, pageLimit 10..500 (default 25).
 * Errors and a wrong key (400 "1001: Invalid token") come in the envelope
 * of --sh-envelope (vendors.c).
 */
#include "mockapi.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define DEFAULT_PAGE_LIMIT 25

static const char *
yes_no(int v)
{
    return v ? "Yes" : "No";
}

/* y-m-d shifted by `years`, Feb 29 falling back to Feb 28. */
static int64_t
add_years(int64_t days, int years)
{
    int64_t y;
    unsigned m;
    unsigned d;

    timefmt_civil_from_days(days, &y, &m, &d);
    y += years;
    if (m == 2 && d == 29) {
        d = 28;
    }
    return timefmt_days_from_civil(y, m, d);
}

static void
js_date(const struct mock_email *e, const struct mock_rep *sender, int64_t ms, char *buf, size_t n)
{
    int short_offset = (e->flags & MOCK_EMAIL_SHORT_OFFSET) != 0;

    timefmt_js(ms, sender->n->tz_offset_min, short_offset,
               short_offset ? sender->n->tz_iana : sender->n->tz_long, buf, n);
}

static void
write_row(struct jsonw *w, const struct mock_data *d, uint32_t i)
{
    const struct mock_email *e = &d->emails[i];
    const struct mock_sequence *seq = &d->sequences[e->sequence];
    const struct mock_rep *sender = &d->reps[e->sender];
    const struct names_rep *owner = &names_reps[seq->n->owner];
    const struct mock_contact *ct = &d->contacts[e->recipient];
    int replied = (e->flags & MOCK_EMAIL_REPLIED) != 0;
    int dated_reply = replied && !(e->flags & MOCK_EMAIL_REPLY_UNDATED);
    int bounced = (e->flags & MOCK_EMAIL_BOUNCED) != 0;
    char buf[128];
    char conv[11];

    jsonw_begin_object(w, NULL);
    jsonw_string(w, "Sequence Title", seq->n->title);
    snprintf(buf, sizeof buf, "%s %s", owner->first_name, owner->last_name);
    jsonw_string(w, "Sequence Owner", buf);
    jsonw_int(w, "Step Number", e->step);
    jsonw_string(w, "Sender Email", sender->n->email);
    jsonw_string(w, "Recipient Email", ct->email);
    if (e->flags & MOCK_EMAIL_NO_NAME) {
        buf[0] = '\0';
    }
    else {
        snprintf(buf, sizeof buf, "%s %s", ct->first_name, ct->last_name);
    }
    jsonw_string(w, "Recipient name", buf);
    js_date(e, sender, e->sent_ms, buf, sizeof buf);
    jsonw_string(w, "Email Sent At", buf);
    jsonw_int(w, "Open Count", e->open_count);
    buf[0] = '\0';
    if (e->open_count > 0) {
        js_date(e, sender, e->sent_ms + (int64_t)e->open_after_s * 1000, buf, sizeof buf);
    }
    jsonw_string(w, "Last Opened At", buf);
    jsonw_string(w, "Replied", yes_no(replied));
    buf[0] = '\0';
    conv[0] = '\0';
    if (dated_reply) {
        js_date(e, sender, e->sent_ms + (int64_t)e->reply_after_s * 1000, buf, sizeof buf);
        text_alnum(mock_hash(d->seed, i, 'V'), conv, 10);
    }
    jsonw_string(w, "Replied At", buf);
    jsonw_string(w, "Conversation Id", conv);
    jsonw_string(w, "Current Sentiment", names_sentiments[e->sentiment]);
    jsonw_int(w, "Click Count", e->click_count);
    buf[0] = '\0';
    if (e->click_count > 0) {
        js_date(e, sender, e->sent_ms + (int64_t)e->click_after_s * 1000, buf, sizeof buf);
    }
    jsonw_string(w, "Last Clicked At", buf);
    jsonw_string(w, "Last Link Clicked", e->click_count > 0 ? names_links[e->link] : "");
    jsonw_string(w, "Bounced", yes_no(bounced));
    buf[0] = '\0';
    if (bounced) {
        js_date(e, sender, e->sent_ms + (int64_t)e->bounce_after_s * 1000, buf, sizeof buf);
    }
    jsonw_string(w, "Bounced At", buf);
    jsonw_string(w, "Unsubscribed", yes_no((e->flags & MOCK_EMAIL_UNSUBSCRIBED) != 0));
    jsonw_string(w, "Deleted", yes_no((e->flags & MOCK_EMAIL_DELETED) != 0));
    jsonw_string(w, "Sequence Id", seq->id);
    jsonw_begin_object(w, "Client");
    if (seq->n->client >= 0) {
        const struct names_client *cl = &names_clients[seq->n->client];
        jsonw_string(w, "id", seq->client_id);
        jsonw_string(w, "firstName", cl->first_name);
        jsonw_string(w, "lastName", cl->last_name);
        jsonw_string(w, "email", cl->email);
        jsonw_string(w, "status", cl->status);
        jsonw_string(w, "companyName", cl->company);
    }
    jsonw_end_object(w);
    jsonw_end_object(w);
}

/* @return NULL or the 400 message. */
static const char *
validate(const struct mock_data *d, const json_t *root, uint32_t *mask, int64_t *start,
         int64_t *end, long *page, long *limit)
{
    const char *s;
    struct ids_ctx ids = {d, 0, 0};
    int n = body_list(root, "sequenceIds", ids_add_email_sequence, &ids);
    int64_t today = (int64_t)time(NULL) / 86400;

    if (n < 0) {
        return "sequenceIds must be an array of strings";
    }
    if (n == 0) {
        return "sequenceIds should not be empty";
    }
    *mask = ids.mask;
    if (body_string(root, "startDate", &s) != 0 || timefmt_parse_date(s, start) != 0) {
        return "Start Date must be a valid date (YYYY-MM-DD)";
    }
    if (*start < add_years(today, -2)) {
        return "Start Date must not be older than 2 years";
    }
    if (body_string(root, "endDate", &s) != 0 || timefmt_parse_date(s, end) != 0) {
        return "End Date must be a valid date (YYYY-MM-DD)";
    }
    if (*end < *start) {
        return "End Date must not be before Start Date";
    }
    if (*end > add_years(*start, 1)) {
        return "End Date must not exceed 1 year after Start Date";
    }
    if (body_long(root, "pageNum", 1, page) != 0 || *page < 1) {
        return "Page number should be greater than or equal to 1";
    }
    if (body_long(root, "pageLimit", DEFAULT_PAGE_LIMIT, limit) != 0 || *limit < 10 ||
        *limit > 500) {
        return "Page limit should be between 10 & 500 per page";
    }
    return NULL;
}

int
consolidated_handle(const struct mock_ctx *ctx, const struct mock_request *req,
                    struct mock_response *out)
{
    const struct mock_data *d = ctx->data;
    uint32_t mask = 0;
    int64_t start = 0;
    int64_t end = 0;
    long page = 1;
    long limit = DEFAULT_PAGE_LIMIT;
    const uint32_t *idx = NULL;
    uint32_t n = 0;
    uint32_t lo;
    uint32_t hi;

    if (!auth_saleshandy(ctx, req)) {
        return vendors_sh_unauthorized(ctx, out);
    }
    json_t *root = body_parse(req);
    if (root == NULL) {
        return vendors_sh_error(ctx, out, 400, 4000, "Request body must be a valid JSON object");
    }
    const char *err = validate(d, root, &mask, &start, &end, &page, &limit);
    json_decref(root);
    if (err != NULL) {
        return vendors_sh_error(ctx, out, 400, 4000, err);
    }
    if (emailset_get(ctx->emails, d, mask, &idx, &n) != 0) {
        return -1;
    }
    emailset_range(d, idx, n, start * MOCK_DAY_MS, (end + 1) * MOCK_DAY_MS, &lo, &hi);

    long total = (long)(hi - lo);
    long off = (page - 1) * limit;
    int has_more = off + limit < total;
    long next = has_more ? page + 1 : page;
    if (req->repeat) {
        has_more = 1;
        next = page;
    }

    struct jsonw w;
    jsonw_init(&w, (size_t)limit * 1200 + 256);
    jsonw_begin_object(&w, NULL);
    jsonw_string(&w, "message", "Sequence prospects & emails stats fetched successfully");
    jsonw_begin_object(&w, "payload");
    jsonw_begin_array(&w, "data");
    for (long k = off; k < total && k < off + limit; k++) {
        write_row(&w, d, idx[lo + (uint32_t)k]);
    }
    jsonw_end_array(&w);
    jsonw_bool(&w, "hasMore", has_more);
    jsonw_int(&w, "nextPageNumber", next);
    jsonw_end_object(&w);
    jsonw_end_object(&w);
    return response_take(out, 200, &w);
}
