/* SPDX-License-Identifier: MIT */
/*
 * Endpoint call-logs: GET /api/v2/platform/call-logs/ into table
 * `agent_call_log`, one row per call the AI agents made or took, so a
 * report counts the period's calls (the analytics endpoint has only
 * all-time totals).  Pages by page/page_size, their number told by `count`;
 * dates go out as UTC instants of the period unless given.  call_duration
 * comes as integer seconds or as "H:MM:SS" text (both documented).
 */
#include <stdio.h>
#include <string.h>

#include "unpod.h"

#define ENDPOINT "call-logs"
#define PATH "/api/v2/platform/call-logs/"
#define PAGE_SIZE_MAX 100

enum col {
    COL_CALL_ID,
    COL_SOURCE,
    COL_DESTINATION,
    COL_TYPE,
    COL_STATUS,
    COL_CREATED_AT,
    COL_STARTED_AT,
    COL_ENDED_AT,
    COL_DURATION_S,
    COL_END_REASON,
    NCOLS
};

_Static_assert(NCOLS == UP_CALL_LOG_NCOLUMNS, "enum col must match the schema");

const struct or_column *const up_call_log_columns[] = {
    [COL_CALL_ID] = OR_COLUMN("call_id", OR_TYPE_TEXT, "call id (id), when the API gives one"),
    [COL_SOURCE] = OR_COLUMN("source_number", OR_TYPE_TEXT, "the number that called"),
    [COL_DESTINATION] = OR_COLUMN("destination_number", OR_TYPE_TEXT, "the number called"),
    [COL_TYPE] = OR_COLUMN("call_type", OR_TYPE_TEXT, "inbound or outbound"),
    [COL_STATUS] = OR_COLUMN("call_status", OR_TYPE_TEXT, "completed, missed or failed"),
    [COL_CREATED_AT] =
        OR_COLUMN("created_at", OR_TYPE_TIME, "when the call was created (creation_time)"),
    [COL_STARTED_AT] =
        OR_COLUMN("started_at", OR_TYPE_TIME, "when it was answered (start_time); NULL if missed"),
    [COL_ENDED_AT] = OR_COLUMN("ended_at", OR_TYPE_TIME, "when it ended (end_time)"),
    [COL_DURATION_S] = OR_COLUMN("duration_s", OR_TYPE_INT,
                                 "duration in seconds (call_duration: seconds or H:MM:SS)"),
    [COL_END_REASON] = OR_COLUMN("end_reason", OR_TYPE_TEXT, "why the call ended"),
};

const struct or_param *const up_call_log_params[] = {
    OR_PARAM("call_type", OR_PARAM_ENUM, 0, "only calls in this direction", "inbound,outbound"),
    OR_PARAM("call_status", OR_PARAM_ENUM, 0, "only calls with this status",
             "completed,missed,failed"),
    OR_PARAM("start_date", OR_PARAM_DATE, 0, "from (default: the period's start)", NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0, "until (default: the period's end)", NULL),
    OR_PARAM("page_size", OR_PARAM_INT, 0, "calls per page, 1 to 100 (default 100)", NULL),
};

enum bit { BIT_ROW = NCOLS, NBITS };

static const char *const fields[NBITS] = {
    [COL_CALL_ID] = "id",
    [COL_SOURCE] = "source_number",
    [COL_DESTINATION] = "destination_number",
    [COL_TYPE] = "call_type",
    [COL_STATUS] = "call_status",
    [COL_CREATED_AT] = "creation_time",
    [COL_STARTED_AT] = "start_time",
    [COL_ENDED_AT] = "end_time",
    [COL_DURATION_S] = "call_duration",
    [COL_END_REASON] = "end_reason",
    [BIT_ROW] = "data[] (not an object, skipped)",
};

or_status
up_call_log_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    (void)h;
    long size = 0;
    return orp_check_int(q, ENDPOINT, "page_size", 1, PAGE_SIZE_MAX, PAGE_SIZE_MAX, &size, err,
                         errlen);
}

/* A query pair, turning a host failure into a message. */
static or_status
query(const struct or_host *h, struct or_request *req, const char *key, const char *value,
      char *err, size_t errlen)
{
    or_status st = h->req_query(req, key, value);
    if (st != OR_OK) {
        snprintf(err, errlen, UP_NAME " could not add query parameter %s", key);
    }
    return st;
}

/* start_date and end_date: given, else the period as UTC instants (end inclusive). */
static or_status
query_dates(const struct or_host *h, const struct or_query *q, struct or_request *req, char *err,
            size_t errlen)
{
    char when[40];
    const char *start = orp_param(q, "start_date");
    const char *end = orp_param(q, "end_date");
    or_status st = OR_OK;
    if (start == NULL && q->period_start != 0) {
        orp_format_utc(q->period_start, 0, "Z", when, sizeof(when));
        start = when;
    }
    if (start != NULL) {
        st = query(h, req, "start_date", start, err, errlen);
    }
    if (st == OR_OK && end == NULL && q->period_end != 0) {
        orp_format_utc(q->period_end - 1, 999, "Z", when, sizeof(when));
        end = when;
    }
    if (st == OR_OK && end != NULL) {
        st = query(h, req, "end_date", end, err, errlen);
    }
    return st;
}

or_status
up_call_log_build(const struct or_host *h, const struct or_query *q, long page,
                  struct or_request *req, char *err, size_t errlen)
{
    long size = 0;
    char num[32];
    struct or_query plain = *q;
    plain.instance = NULL;
    or_status st = orp_check_int(q, ENDPOINT, "page_size", 1, PAGE_SIZE_MAX, PAGE_SIZE_MAX, &size,
                                 err, errlen);
    if (st == OR_OK) {
        st = up_request_start(h, &plain, req, PATH, err, errlen);
    }
    snprintf(num, sizeof(num), "%ld", page);
    if (st == OR_OK) {
        st = query(h, req, "page", num, err, errlen);
    }
    snprintf(num, sizeof(num), "%ld", size);
    if (st == OR_OK) {
        st = query(h, req, "page_size", num, err, errlen);
    }
    if (st == OR_OK) {
        st = query_dates(h, q, req, err, errlen);
    }
    static const char *const filters[] = {"call_type", "call_status"};
    for (size_t i = 0; st == OR_OK && i < UP_ARRAY_LEN(filters); i++) {
        const char *v = orp_param(q, filters[i]);
        if (v != NULL) {
            st = query(h, req, filters[i], v, err, errlen);
        }
    }
    return st;
}

static void
parse_call(struct orp_cells *c, const json_t *call)
{
    orp_id(c, COL_CALL_ID, json_object_get(call, "id"), COL_CALL_ID);
    orp_id(c, COL_SOURCE, json_object_get(call, "source_number"), COL_SOURCE);
    orp_id(c, COL_DESTINATION, json_object_get(call, "destination_number"), COL_DESTINATION);
    orp_text(c, COL_TYPE, json_object_get(call, "call_type"), COL_TYPE);
    orp_text(c, COL_STATUS, json_object_get(call, "call_status"), COL_STATUS);
    orp_time(c, COL_CREATED_AT, json_object_get(call, "creation_time"), COL_CREATED_AT);
    orp_time(c, COL_STARTED_AT, json_object_get(call, "start_time"), COL_STARTED_AT);
    orp_time(c, COL_ENDED_AT, json_object_get(call, "end_time"), COL_ENDED_AT);
    const json_t *d = json_object_get(call, "call_duration");
    int64_t secs = 0;
    if (up_duration(d, &secs)) {
        c->h->set_int(c->rows, COL_DURATION_S, secs);
    }
    else if (!orp_is_empty(d)) {
        orp_cells_bad(c, COL_DURATION_S);
    }
    orp_text(c, COL_END_REASON, json_object_get(call, "end_reason"), COL_END_REASON);
}

/* count and page_size: the page count; else `next`, else a full page means more. */
static void
read_paging(const json_t *root, long page, size_t nrows, long size, struct or_page_info *info)
{
    long n = 0;
    if (orp_page_count(json_object_get(root, "count"), &n)) {
        info->total_rows = n;
        info->total_pages = (n + size - 1) / size;
        info->has_more = page < info->total_pages;
    }
    else {
        const json_t *next = json_object_get(root, "next");
        info->has_more = next != NULL ? !orp_is_empty(next) && !json_is_false(next)
                                      : nrows > 0 && nrows >= (size_t)size;
    }
    info->next_page = info->has_more ? page + 1 : -1;
}

or_status
up_call_log_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
                  size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
                  size_t errlen)
{
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st = up_page_open(h, "call-logs", body, len, ORP_LOAD_OBJECT, &root, err, errlen);
    const json_t *data = st == OR_OK ? json_object_get(root, "data") : NULL;
    if (st == OR_OK && !json_is_array(data)) {
        snprintf(err, errlen, "response has no array \"data\"");
        st = OR_ERR_PARSE;
    }
    if (st == OR_OK) {
        long size = PAGE_SIZE_MAX;
        char unused[OR_ERR_SIZE];
        (void)orp_check_int(q, ENDPOINT, "page_size", 1, PAGE_SIZE_MAX, PAGE_SIZE_MAX, &size,
                            unused, sizeof(unused));
        read_paging(root, page, json_array_size(data), size, info);
        struct orp_cells cells;
        orp_cells_init(&cells, h, rows, fields, NBITS, "%s page %ld", ENDPOINT, page);
        cells.int_rules = ORP_INT_TEXT_REAL | ORP_INT_SAFE53;
        st = orp_cells_write(&cells, data, BIT_ROW, parse_call, err, errlen);
    }
    json_decref(root);
    return st;
}
