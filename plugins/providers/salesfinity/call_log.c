/* SPDX-License-Identifier: MIT */
/*
 * Endpoint call-log: GET /v1/call-log into table `calls` (DESIGN.md §6).
 * The first page's pagination.pages tells the host how many pages to fetch
 * concurrently.  Columns are set by index; a page of 100 calls costs what
 * jansson allocates and nothing more.
 */
#include <stdio.h>
#include <string.h>

#include "salesfinity.h"

#define ENDPOINT "call-log"

/* Column indices: must follow sf_calls_columns[] below. */
enum col {
    COL_ID,
    COL_CALL_ID,
    COL_STARTED_AT,
    COL_ENDED_AT,
    COL_CREATED_AT,
    COL_UPDATED_AT,
    COL_DURATION_S,
    COL_OUTCOME,
    COL_DIRECTION,
    COL_ANSWERED_BY,
    COL_IS_COMPLETED,
    COL_DISPOSITION_ID,
    COL_DISPOSITION,
    COL_DISPOSITION_KEY,
    COL_REP_ID,
    COL_REP_NAME,
    COL_REP_EMAIL,
    COL_CONTACT_NAME,
    COL_CONTACT_COMPANY,
    COL_CONTACT_EMAIL,
    COL_CONTACT_TITLE,
    COL_LIST_ID,
    COL_LIST_NAME,
    COL_FROM_NUMBER,
    COL_TO_NUMBER,
    COL_RECORDING_URL,
    COL_HAS_RECORDING,
    COL_NOTES,
    COL_SUMMARY,
    COL_TRANSCRIPTION,
    COL_DISPOSITION_CATEGORY,
    COL_IS_CONNECTED,
    COL_IS_CONVERSATION,
    COL_IS_MEETING,
    NCOLS
};

_Static_assert(NCOLS == SF_CALLS_NCOLUMNS, "enum col must match the calls schema");

const struct or_column *const sf_calls_columns[] = {
    [COL_ID] = OR_COLUMN("id", OR_TYPE_TEXT, "call log record id (_id)"),
    [COL_CALL_ID] = OR_COLUMN("call_id", OR_TYPE_TEXT, "telephony call id"),
    [COL_STARTED_AT] = OR_COLUMN("started_at", OR_TYPE_TIME, "when the call started"),
    [COL_ENDED_AT] = OR_COLUMN("ended_at", OR_TYPE_TIME, "when the call ended"),
    [COL_CREATED_AT] = OR_COLUMN("created_at", OR_TYPE_TIME, "when the record was created"),
    [COL_UPDATED_AT] = OR_COLUMN("updated_at", OR_TYPE_TIME, "when the record was last updated"),
    [COL_DURATION_S] = OR_COLUMN("duration_s", OR_TYPE_INT, "call duration in seconds"),
    [COL_OUTCOME] = OR_COLUMN("outcome", OR_TYPE_TEXT, "answered, no-answer or cancelled"),
    [COL_DIRECTION] = OR_COLUMN("direction", OR_TYPE_TEXT, "inbound or outbound"),
    [COL_ANSWERED_BY] = OR_COLUMN("answered_by", OR_TYPE_TEXT, "human or machine_start"),
    [COL_IS_COMPLETED] = OR_COLUMN("is_completed", OR_TYPE_BOOL, "whether the call is completed"),
    [COL_DISPOSITION_ID] =
        OR_COLUMN("disposition_id", OR_TYPE_INT, "disposition number (disposition.internal_id)"),
    [COL_DISPOSITION] = OR_COLUMN("disposition", OR_TYPE_TEXT,
                                  "disposition name, e.g. Meeting Set (disposition.external_name)"),
    [COL_DISPOSITION_KEY] =
        OR_COLUMN("disposition_key", OR_TYPE_TEXT,
                  "disposition key, e.g. meeting_set (disposition.external_id)"),
    [COL_REP_ID] = OR_COLUMN("rep_id", OR_TYPE_TEXT, "id of the rep who made or took the call"),
    [COL_REP_NAME] = OR_COLUMN("rep_name", OR_TYPE_TEXT, "rep's first and last name"),
    [COL_REP_EMAIL] = OR_COLUMN("rep_email", OR_TYPE_TEXT, "rep's e-mail address, lower-case"),
    [COL_CONTACT_NAME] = OR_COLUMN("contact_name", OR_TYPE_TEXT, "contact's first and last name"),
    [COL_CONTACT_COMPANY] = OR_COLUMN("contact_company", OR_TYPE_TEXT, "contact's company"),
    [COL_CONTACT_EMAIL] =
        OR_COLUMN("contact_email", OR_TYPE_TEXT, "contact's e-mail address, lower-case"),
    [COL_CONTACT_TITLE] = OR_COLUMN("contact_title", OR_TYPE_TEXT, "contact's job title"),
    [COL_LIST_ID] = OR_COLUMN("list_id", OR_TYPE_TEXT, "id of the contact list"),
    [COL_LIST_NAME] = OR_COLUMN("list_name", OR_TYPE_TEXT, "name of the contact list"),
    [COL_FROM_NUMBER] = OR_COLUMN("from_number", OR_TYPE_TEXT, "caller phone number"),
    [COL_TO_NUMBER] = OR_COLUMN("to_number", OR_TYPE_TEXT, "called phone number"),
    [COL_RECORDING_URL] = OR_COLUMN("recording_url", OR_TYPE_TEXT, "URL of the call recording"),
    [COL_HAS_RECORDING] =
        OR_COLUMN("has_recording", OR_TYPE_BOOL, "whether a recording URL is given"),
    [COL_NOTES] = OR_COLUMN("notes", OR_TYPE_TEXT, "the rep's call notes"),
    [COL_SUMMARY] = OR_COLUMN("summary", OR_TYPE_TEXT, "AI-generated call summary"),
    [COL_TRANSCRIPTION] = OR_COLUMN("transcription", OR_TYPE_TEXT, "call transcription"),
    [COL_DISPOSITION_CATEGORY] =
        OR_COLUMN("disposition_category", OR_TYPE_TEXT,
                  "positive, neutral, negative, not_answered or cancelled: from the account's "
                  "own disposition list, else the built-in map of the 14 defaults"),
    [COL_IS_CONNECTED] = OR_COLUMN("is_connected", OR_TYPE_BOOL,
                                   "the vendor's connected: answered by a human, disposition in "
                                   "an answered category (positive, neutral, negative)"),
    [COL_IS_CONVERSATION] =
        OR_COLUMN("is_conversation", OR_TYPE_BOOL,
                  "the vendor's conversation: connected, and a meeting or 60 s or more"),
    [COL_IS_MEETING] = OR_COLUMN("is_meeting", OR_TYPE_BOOL,
                                 "the vendor's meeting: disposition 1 (Meeting Set), or one of "
                                 "[salesfinity] meeting_dispositions"),
};

const struct or_param *const sf_call_log_params[] = {
    OR_PARAM("sort", OR_PARAM_STRING, 0, "sort field, - prefix for descending (default -createdAt)",
             NULL),
    OR_PARAM("outcome", OR_PARAM_ENUM, 0, "only calls with this outcome",
             "answered,no-answer,cancelled"),
    OR_PARAM("direction", OR_PARAM_ENUM, 0, "only calls in this direction", "inbound,outbound"),
    OR_PARAM("answered_by", OR_PARAM_ENUM, 0, "only calls answered by a human or a machine",
             "human,machine_start"),
    OR_PARAM("min_duration", OR_PARAM_NUMBER, 0, "minimum call duration in seconds", NULL),
    OR_PARAM("max_duration", OR_PARAM_NUMBER, 0, "maximum call duration in seconds", NULL),
    OR_PARAM("has_recording", OR_PARAM_BOOL, 0,
             "only calls with (true) or without (false) a recording", NULL),
    OR_PARAM("is_completed", OR_PARAM_BOOL, 0, "only completed (true) or open (false) calls", NULL),
    OR_PARAM("exclude_negative_dispositions", OR_PARAM_BOOL, 0,
             "true: only calls with positive dispositions", NULL),
    OR_PARAM("disposition_ids", OR_PARAM_INT_LIST, 0, "only these disposition ids", NULL),
    OR_PARAM("user_ids", OR_PARAM_STRING_LIST, 0, "only calls of these users (reps)", NULL),
    OR_PARAM("contact_list_ids", OR_PARAM_STRING_LIST, 0, "only calls to these contact lists",
             NULL),
    OR_PARAM("sequences", OR_PARAM_STRING_LIST, 0, "only calls of these sequence ids", NULL),
    OR_PARAM("from", OR_PARAM_STRING_LIST, 0, "only calls from these phone numbers", NULL),
    OR_PARAM("to", OR_PARAM_STRING_LIST, 0, "only calls to these phone numbers", NULL),
    OR_PARAM("search", OR_PARAM_STRING, 0, "full-text search in contact name, company and numbers",
             NULL),
    OR_PARAM("start_date", OR_PARAM_DATE, 0,
             "start of the date range (default: the period's start)", NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0, "end of the date range (default: the period's end)",
             NULL),
    OR_PARAM("limit", OR_PARAM_INT, 0, "calls per page, 1 to 100 (default 100)", NULL),
};

/* Warning bits beyond the columns: the nested objects and the rows themselves. */
enum bit { BIT_DISPOSITION = NCOLS, BIT_CONTACT, BIT_CONTACT_LIST, BIT_USER, BIT_ROW, NBITS };

_Static_assert(NBITS <= 64, "warning bits must fit in 64");

/* JSON field behind each warning bit, for the page's warning. */
static const char *const fields[NBITS] = {
    [COL_ID] = "_id",
    [COL_CALL_ID] = "call_id",
    [COL_STARTED_AT] = "started_at",
    [COL_ENDED_AT] = "ended_at",
    [COL_CREATED_AT] = "createdAt",
    [COL_UPDATED_AT] = "updatedAt",
    [COL_DURATION_S] = "duration",
    [COL_OUTCOME] = "outcome",
    [COL_DIRECTION] = "direction",
    [COL_ANSWERED_BY] = "answered_by",
    [COL_IS_COMPLETED] = "is_completed",
    [COL_DISPOSITION_ID] = "disposition.internal_id",
    [COL_DISPOSITION] = "disposition.external_name",
    [COL_DISPOSITION_KEY] = "disposition.external_id",
    [COL_REP_ID] = "user._id",
    [COL_REP_NAME] = "user.first_name/last_name",
    [COL_REP_EMAIL] = "user.email",
    [COL_CONTACT_NAME] = "contact.first_name/last_name",
    [COL_CONTACT_COMPANY] = "contact.company",
    [COL_CONTACT_EMAIL] = "contact.email",
    [COL_CONTACT_TITLE] = "contact.title",
    [COL_LIST_ID] = "contact_list._id",
    [COL_LIST_NAME] = "contact_list.name",
    [COL_FROM_NUMBER] = "from",
    [COL_TO_NUMBER] = "to",
    [COL_RECORDING_URL] = "recording_url",
    [COL_HAS_RECORDING] = "recording_url",
    [COL_NOTES] = "notes",
    [COL_SUMMARY] = "summary",
    [COL_TRANSCRIPTION] = "transcription",
    [COL_DISPOSITION_CATEGORY] = "disposition.internal_id (category)",
    [COL_IS_CONNECTED] = "answered_by/disposition (connected)",
    [COL_IS_CONVERSATION] = "duration (conversation)",
    [COL_IS_MEETING] = "disposition.internal_id (meeting)",
    [BIT_DISPOSITION] = "disposition",
    [BIT_CONTACT] = "contact",
    [BIT_CONTACT_LIST] = "contact_list",
    [BIT_USER] = "user",
    [BIT_ROW] = "data[] (row not an object, skipped)",
};

/* Parameters with their own query keys, not filters[...]. */
static const char *const not_filters[] = {"sort", "limit", "start_date", "end_date", NULL};

static or_status
check(const struct or_query *q, long *limit, char *err, size_t errlen)
{
    or_status st =
        orp_check_int(q, ENDPOINT, "limit", 1, SF_PAGE_LIMIT, SF_PAGE_LIMIT, limit, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    double lo = 0.0;
    double hi = 0.0;
    int has_lo = 0;
    int has_hi = 0;
    st = sf_check_nonneg(q, ENDPOINT, "min_duration", &lo, &has_lo, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = sf_check_nonneg(q, ENDPOINT, "max_duration", &hi, &has_hi, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (has_lo && has_hi && lo > hi) {
        snprintf(err, errlen, "%s: parameter min_duration (%g) is greater than max_duration (%g)",
                 ENDPOINT, lo, hi);
        return OR_ERR_INVALID;
    }
    return sf_check_bools(q, ENDPOINT, sf_call_log_params, SF_ARRAY_LEN(sf_call_log_params), err,
                          errlen);
}

or_status
sf_call_log_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    (void)h;
    long limit = 0;
    return check(q, &limit, err, errlen);
}

/* filters[start_date] / filters[end_date]: explicit parameters, else the period in UTC. */
static or_status
add_dates(const struct or_host *h, const struct or_query *q, struct or_request *req, char *err,
          size_t errlen)
{
    char when[40];
    const char *start = orp_param(q, "start_date");
    if (start == NULL && q->period_start != 0) {
        orp_format_utc(q->period_start, 0, "Z", when, sizeof(when));
        start = when;
    }
    if (start != NULL) {
        or_status st = sf_query(h, req, "filters[start_date]", start, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    /* The period is [start, end); the API's end is inclusive: end - 1 ms. */
    const char *end = orp_param(q, "end_date");
    if (end == NULL && q->period_end != 0) {
        orp_format_utc(q->period_end - 1, 999, "Z", when, sizeof(when));
        end = when;
    }
    if (end != NULL) {
        return sf_query(h, req, "filters[end_date]", end, err, errlen);
    }
    return OR_OK;
}

or_status
sf_call_log_build(const struct or_host *h, const struct or_query *q, long page,
                  struct or_request *req, char *err, size_t errlen)
{
    long limit = 0;
    or_status st = check(q, &limit, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = sf_request_start(h, req, "/v1/call-log", err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const char *sort = orp_param(q, "sort");
    st = sf_query_long(h, req, "limit", limit, err, errlen);
    if (st == OR_OK) {
        st = sf_query_long(h, req, "page", page, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query(h, req, "sort", sort != NULL ? sort : "-createdAt", err, errlen);
    }
    if (st == OR_OK) {
        st = add_dates(h, q, req, err, errlen);
    }
    if (st == OR_OK) {
        st = sf_query_params(h, q, req, sf_call_log_params, SF_ARRAY_LEN(sf_call_log_params),
                             not_filters, SF_PARAM_FILTERS, err, errlen);
    }
    return st;
}

/* disposition_category and the vendor's KPI flags, from the values the row holds. */
static void
write_kpis(struct orp_cells *c, const json_t *call, const json_t *disp)
{
    const struct sf_kpi *k = c->user;
    int64_t id = 0;
    int has = orp_int_value(json_object_get(disp, "internal_id"), c->int_rules, &id);
    const char *category = has ? sf_kpi_category(k, id) : NULL;
    if (category != NULL) {
        c->h->set_text(c->rows, COL_DISPOSITION_CATEGORY, category, strlen(category));
    }
    const json_t *by = json_object_get(call, "answered_by");
    int human = json_is_string(by) && strcmp(json_string_value(by), "human") == 0;
    int64_t duration = 0;
    (void)orp_int_value(json_object_get(call, "duration"), c->int_rules, &duration);
    struct sf_call_kpi kpi = sf_kpi_classify(k, has, id, category, human, duration);
    c->h->set_int(c->rows, COL_IS_CONNECTED, kpi.connected);
    c->h->set_int(c->rows, COL_IS_CONVERSATION, kpi.conversation);
    c->h->set_int(c->rows, COL_IS_MEETING, kpi.meeting);
}

static void
parse_call(struct orp_cells *c, const json_t *call)
{
    orp_id(c, COL_ID, json_object_get(call, "_id"), COL_ID);
    orp_id(c, COL_CALL_ID, json_object_get(call, "call_id"), COL_CALL_ID);
    orp_time(c, COL_STARTED_AT, json_object_get(call, "started_at"), COL_STARTED_AT);
    orp_time(c, COL_ENDED_AT, json_object_get(call, "ended_at"), COL_ENDED_AT);
    orp_time(c, COL_CREATED_AT, json_object_get(call, "createdAt"), COL_CREATED_AT);
    orp_time(c, COL_UPDATED_AT, json_object_get(call, "updatedAt"), COL_UPDATED_AT);
    orp_int(c, COL_DURATION_S, json_object_get(call, "duration"), COL_DURATION_S);
    orp_text(c, COL_OUTCOME, json_object_get(call, "outcome"), COL_OUTCOME);
    orp_text(c, COL_DIRECTION, json_object_get(call, "direction"), COL_DIRECTION);
    orp_text(c, COL_ANSWERED_BY, json_object_get(call, "answered_by"), COL_ANSWERED_BY);
    orp_bool(c, COL_IS_COMPLETED, json_object_get(call, "is_completed"), COL_IS_COMPLETED);

    const json_t *disp = orp_object(c, call, "disposition", BIT_DISPOSITION);
    orp_int(c, COL_DISPOSITION_ID, json_object_get(disp, "internal_id"), COL_DISPOSITION_ID);
    orp_text(c, COL_DISPOSITION, json_object_get(disp, "external_name"), COL_DISPOSITION);
    orp_id(c, COL_DISPOSITION_KEY, json_object_get(disp, "external_id"), COL_DISPOSITION_KEY);

    const json_t *user = orp_object(c, call, "user", BIT_USER);
    orp_id(c, COL_REP_ID, json_object_get(user, "_id"), COL_REP_ID);
    sf_person_name(c, COL_REP_NAME, user, COL_REP_NAME);
    orp_text_lower(c, COL_REP_EMAIL, json_object_get(user, "email"), COL_REP_EMAIL);

    const json_t *contact = orp_object(c, call, "contact", BIT_CONTACT);
    sf_person_name(c, COL_CONTACT_NAME, contact, COL_CONTACT_NAME);
    orp_text(c, COL_CONTACT_COMPANY, json_object_get(contact, "company"), COL_CONTACT_COMPANY);
    orp_text_lower(c, COL_CONTACT_EMAIL, json_object_get(contact, "email"), COL_CONTACT_EMAIL);
    orp_text(c, COL_CONTACT_TITLE, json_object_get(contact, "title"), COL_CONTACT_TITLE);

    const json_t *list = orp_object(c, call, "contact_list", BIT_CONTACT_LIST);
    orp_id(c, COL_LIST_ID, json_object_get(list, "_id"), COL_LIST_ID);
    orp_text(c, COL_LIST_NAME, json_object_get(list, "name"), COL_LIST_NAME);

    orp_id(c, COL_FROM_NUMBER, json_object_get(call, "from"), COL_FROM_NUMBER);
    orp_id(c, COL_TO_NUMBER, json_object_get(call, "to"), COL_TO_NUMBER);
    int has =
        orp_text(c, COL_RECORDING_URL, json_object_get(call, "recording_url"), COL_RECORDING_URL);
    c->h->set_int(c->rows, COL_HAS_RECORDING, has);
    orp_text(c, COL_NOTES, json_object_get(call, "notes"), COL_NOTES);
    orp_text(c, COL_SUMMARY, json_object_get(call, "summary"), COL_SUMMARY);
    orp_text(c, COL_TRANSCRIPTION, json_object_get(call, "transcription"), COL_TRANSCRIPTION);
    write_kpis(c, call, disp);
}

/* The object holding the paging fields: `pagination` (documented), else
 * the top level ({total, page, next} in a connector's fixtures); NULL when
 * neither holds any. */
static const json_t *
paging_object(const json_t *root)
{
    static const char *const keys[] = {"total", "page", "pages", "limit", "next"};
    const json_t *pg = json_object_get(root, "pagination");
    if (json_is_object(pg)) {
        return pg;
    }
    for (size_t i = 0; i < SF_ARRAY_LEN(keys); i++) {
        if (json_object_get(root, keys[i]) != NULL) {
            return root;
        }
    }
    return NULL;
}

/*
 * pagination {total, page, limit, pages} (documented) or {total, page, next}
 * (next null on the last page).  The page count comes from `pages`, else
 * from `total` and the page size (the response's `limit`, else the one asked
 * for); it lets the host fetch the other pages at once.  With neither, `next`
 * leads one page after another.
 */
static or_status
read_pagination(const json_t *root, long page, size_t nrows, long limit, struct or_page_info *info,
                char *err, size_t errlen)
{
    const json_t *pg = paging_object(root);
    if (pg == NULL) {
        snprintf(err, errlen,
                 "response has no paging fields (pagination {total, page, limit, pages} or "
                 "total/page/next)");
        return OR_ERR_PARSE;
    }
    long n = 0;
    if (orp_page_count(json_object_get(pg, "total"), &n)) {
        info->total_rows = n;
    }
    if (orp_page_count(json_object_get(pg, "page"), &n)) {
        info->page = n;
    }
    long per_page = limit;
    if (orp_page_count(json_object_get(pg, "limit"), &n) && n > 0) {
        per_page = n;
    }
    if (orp_page_count(json_object_get(pg, "pages"), &n)) {
        info->total_pages = n;
    }
    else if (info->total_rows >= 0) {
        info->total_pages = (info->total_rows + per_page - 1) / per_page;
    }
    long current = info->page >= 0 ? info->page : page;
    const json_t *next = json_object_get(pg, "next");
    if (next != NULL && (json_is_null(next) || json_is_false(next))) {
        /* null: this is the last page, whatever the counts say */
        info->total_pages = current;
        info->has_more = 0;
    }
    else if (next != NULL && orp_page_count(next, &n)) {
        info->has_more = 1;
        info->next_page = n;
        return OR_OK;
    }
    else if (info->total_pages >= 0) {
        info->has_more = current < info->total_pages;
    }
    else {
        /* No page count: a full page suggests another one. */
        info->has_more = nrows > 0 && nrows >= (size_t)limit;
    }
    info->next_page = info->has_more ? current + 1 : -1;
    return OR_OK;
}

static const struct sf_table table = {
    .endpoint = ENDPOINT,
    .fields = fields,
    .nfields = NBITS,
    .row_bit = BIT_ROW,
    .row = parse_call,
    .paging = read_pagination,
    .kpi = 1,
};

SF_PARSE_PAGE_FN(sf_call_log_parse, table)
