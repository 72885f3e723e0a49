/* SPDX-License-Identifier: MIT */
/*
 * Endpoint team-stats: POST /v1/analytics/team/stats into table
 * `team_stats` (DESIGN.md §6).  The vendor documents the request but not
 * the response, so the schema is user_id/user_name/user_email plus
 * whatever metrics come back (ts_records.c).  Dates go out as ISO 8601 in
 * UTC; paging follows hasMore or a total when the response has one, else
 * a full page means another page.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "saleshandy.h"

#define ENDPOINT "team-stats"
#define PATH "/v1/analytics/team/stats"
#define LIMIT_DEFAULT 100
#define LIMIT_MAX 10000

const struct or_column *const sh_team_columns[] = {
    OR_COLUMN("user_id", OR_TYPE_TEXT, "user id (userId, id or _id), when the response has one"),
    OR_COLUMN("user_name", OR_TYPE_TEXT, "user's name (userName, name or firstName lastName)"),
    OR_COLUMN("user_email", OR_TYPE_TEXT, "user's e-mail address, lower-case (email or userEmail)"),
};

#define ORDER_BY_CHOICES                                                                           \
    "prospectAdded,prospectContacted,emailSent,opened,clicked,replied,unSubscribed,bounced,"       \
    "Uncategorized,Interested,Not Interested,Meeting Booked,Out of Office,Closed,Not Now,"         \
    "Do Not Contact"

const struct or_param *const sh_ts_params[] = {
    OR_PARAM("user_ids", OR_PARAM_STRING_LIST, 0,
             "only these users (encrypted user ids); default: every team member "
             "(GET /v1/team-members)",
             NULL),
    OR_PARAM("start_date", OR_PARAM_DATE, 0,
             "start, YYYY-MM-DD (midnight in the report's zone) or ISO 8601 with offset "
             "(default: the period's start)",
             NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0,
             "end, inclusive: YYYY-MM-DD (the whole day) or ISO 8601 with offset "
             "(default: the period's end)",
             NULL),
    OR_PARAM("count_by", OR_PARAM_ENUM, 0, "how statistics are grouped (default absolute)",
             "relative,absolute"),
    OR_PARAM("limit", OR_PARAM_INT, 0, "records per page, 1 to 10000 (default 100)", NULL),
    OR_PARAM("sort_order", OR_PARAM_ENUM, 0, "sort direction (default desc)", "asc,desc"),
    OR_PARAM("order_by", OR_PARAM_ENUM, 0,
             "metric to order by (default prospectAdded, or emailSent for type email)",
             ORDER_BY_CHOICES),
    OR_PARAM("type", OR_PARAM_ENUM, 0, "report type (default prospect)", "prospect,email"),
};

_Static_assert(SH_ARRAY_LEN(sh_ts_params) == SH_TS_NPARAMS, "parameter count");

/* Enough for "YYYY-MM-DDTHH:MM:SS.mmm+00:00" and a verbatim date-time parameter. */
#define WHEN_SIZE 64

/* The dates of the request body; empty when neither a parameter nor the period gives one. */
struct when {
    char start[WHEN_SIZE];
    char end[WHEN_SIZE];
    int64_t start_t;
    int64_t end_t;
};

/*
 * A date parameter: YYYY-MM-DD is a whole day in the report's zone (start
 * at its midnight, end one millisecond before the next); a date-time is
 * checked with the host's parser and sent as given.
 */
static or_status
param_when(const struct or_host *h, const char *name, const char *value, int is_end, char *out,
           int64_t *t, char *err, size_t errlen)
{
    int64_t day = 0;
    if (strlen(value) == 10 && sh_parse_day(value, &day)) {
        char text[16];
        sh_format_day(is_end ? day + 1 : day, text, sizeof(text));
        if (h->parse_iso8601(h, text, t) != OR_OK) {
            snprintf(err, errlen,
                     "%s: parameter %s: the host cannot place %s in the report's "
                     "zone",
                     ENDPOINT, name, text);
            return OR_ERR_INVALID;
        }
        if (is_end) {
            *t -= 1;
        }
        orp_format_utc(*t, is_end ? 999 : 0, "+00:00", out, WHEN_SIZE);
        return OR_OK;
    }
    if (strlen(value) >= WHEN_SIZE || h->parse_iso8601(h, value, t) != OR_OK) {
        snprintf(err, errlen,
                 "%s: parameter %s must be YYYY-MM-DD or an ISO 8601 date-time "
                 "with offset, not \"%.64s\"",
                 ENDPOINT, name, value);
        return OR_ERR_INVALID;
    }
    snprintf(out, WHEN_SIZE, "%s", value);
    return OR_OK;
}

static or_status
dates(const struct or_host *h, const struct or_query *q, struct when *w, char *err, size_t errlen)
{
    memset(w, 0, sizeof(*w));
    int period = q->period_end != 0;
    const char *s = orp_param(q, "start_date");
    const char *e = orp_param(q, "end_date");
    or_status st = OR_OK;
    if (s != NULL) {
        st = param_when(h, "start_date", s, 0, w->start, &w->start_t, err, errlen);
    }
    else if (period) {
        w->start_t = q->period_start;
        orp_format_utc(w->start_t, 0, "+00:00", w->start, sizeof(w->start));
    }
    if (st != OR_OK) {
        return st;
    }
    if (e != NULL) {
        st = param_when(h, "end_date", e, 1, w->end, &w->end_t, err, errlen);
    }
    else if (period) {
        /* The period is [start, end); the API's end is inclusive: end - 1 ms. */
        w->end_t = q->period_end - 1;
        orp_format_utc(w->end_t, 999, "+00:00", w->end, sizeof(w->end));
    }
    if (st != OR_OK) {
        return st;
    }
    if (w->start[0] != '\0' && w->end[0] != '\0' && w->end_t < w->start_t) {
        snprintf(err, errlen, "%s: end_date %s is before start_date %s", ENDPOINT, w->end,
                 w->start);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

static or_status
check(const struct or_host *h, const struct or_query *q, long *limit, struct when *w, char *err,
      size_t errlen)
{
    int bearer = 0;
    or_status st = sh_auth_mode(h, &bearer, err, errlen);
    if (st == OR_OK) {
        st = orp_check_int(q, ENDPOINT, "limit", 1, LIMIT_MAX, LIMIT_DEFAULT, limit, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_check_enums(q, ENDPOINT, sh_ts_params, SH_ARRAY_LEN(sh_ts_params), err, errlen);
    }
    if (st == OR_OK) {
        st = dates(h, q, w, err, errlen);
    }
    return st;
}

or_status
sh_ts_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    long limit = 0;
    struct when w;
    return check(h, q, &limit, &w, err, errlen);
}

static const char *
param_or(const struct or_query *q, const char *name, const char *dflt)
{
    const char *v = orp_param(q, name);
    return v != NULL ? v : dflt;
}

or_status
sh_ts_build(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
            char *err, size_t errlen)
{
    long limit = 0;
    struct when w;
    json_t *body = NULL;
    or_status st = check(h, q, &limit, &w, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    body = json_object();
    if (body == NULL) {
        snprintf(err, errlen, "%s: out of memory building the request body", ENDPOINT);
        st = OR_ERR_NOMEM;
        goto fail;
    }
    /* Members in the order of the vendor's example; every one is required. */
    st = sh_body_ids(h, q, body, "userIds", "user_ids", "user_id", ENDPOINT, err, errlen);
    if (st == OR_OK && w.start[0] != '\0') {
        st = sh_body_string(body, "startDate", w.start, err, errlen);
    }
    if (st == OR_OK && w.end[0] != '\0') {
        st = sh_body_string(body, "endDate", w.end, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_string(body, "countBy", param_or(q, "count_by", "absolute"), err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_int(body, "limit", limit, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_int(body, "page", page, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_string(body, "sortOrder", param_or(q, "sort_order", "desc"), err, errlen);
    }
    const char *type = param_or(q, "type", "prospect");
    if (st == OR_OK) {
        /* Required; the metrics it may name depend on the type. */
        st = sh_body_string(
            body, "orderBy",
            param_or(q, "order_by", strcmp(type, "email") == 0 ? "emailSent" : "prospectAdded"),
            err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_string(body, "type", type, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_request_post(h, req, PATH, body, err, errlen);
    }
fail:
    json_decref(body);
    return st;
}

/* Objects that may carry paging fields: the root, payload, and their pagination/meta. */
static size_t
paging_objects(const json_t *root, const json_t **out, size_t n)
{
    static const char *const inner[] = {"pagination", "meta"};
    size_t k = 0;
    const json_t *top[2] = {root, json_object_get(root, "payload")};
    for (size_t i = 0; i < SH_ARRAY_LEN(top); i++) {
        if (!json_is_object(top[i])) {
            continue;
        }
        if (k < n) {
            out[k++] = top[i];
        }
        for (size_t j = 0; j < SH_ARRAY_LEN(inner); j++) {
            const json_t *o = json_object_get(top[i], inner[j]);
            if (json_is_object(o) && k < n) {
                out[k++] = o;
            }
        }
    }
    return k;
}

static void
read_paging(const json_t *root, long page, size_t nrecords, long limit, struct or_page_info *info)
{
    const json_t *objs[6];
    size_t nobjs = paging_objects(root, objs, SH_ARRAY_LEN(objs));
    int explicit_more = 0;
    long next = 0;
    long total = -1;
    for (size_t i = 0; i < nobjs; i++) {
        const json_t *more = json_object_get(objs[i], "hasMore");
        if (!explicit_more && json_is_boolean(more)) {
            explicit_more = 1;
            info->has_more = json_is_true(more);
        }
        long n = 0;
        if (next == 0 && orp_page_count(json_object_get(objs[i], "nextPageNumber"), &n)) {
            next = n;
        }
        if (total < 0 && (orp_page_count(json_object_get(objs[i], "total"), &n) ||
                          orp_page_count(json_object_get(objs[i], "totalCount"), &n))) {
            total = n;
        }
    }
    if (total >= 0) {
        info->total_rows = total;
        info->total_pages = total / limit + (total % limit != 0);
    }
    if (!explicit_more) {
        if (total >= 0) {
            /* page * limit < total, without overflowing */
            info->has_more =
                page >= 0 && page <= (INT64_MAX / limit) && (int64_t)page * limit < (int64_t)total;
        }
        else {
            info->has_more = nrecords > 0 && nrecords >= (size_t)limit;
        }
    }
    if (info->has_more) {
        info->next_page = explicit_more && next > 0 ? next : page + 1;
    }
}

or_status
sh_ts_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
            size_t len, struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st = orp_page_load(h, "team-stats", body, len, ORP_LOAD_ANY, &root, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    const json_t *list = sh_ts_records(root);
    if (list == NULL) {
        snprintf(err, errlen,
                 "team-stats: no list of records in the response (looked for "
                 "payload.data, data, payload, top-level array) on page %ld",
                 page);
        st = OR_ERR_PARSE;
        goto fail;
    }
    long limit = LIMIT_DEFAULT;
    char unused[OR_ERR_SIZE];
    (void)orp_check_int(q, ENDPOINT, "limit", 1, LIMIT_MAX, LIMIT_DEFAULT, &limit, unused,
                        sizeof(unused));
    st = sh_ts_write(h, rows, page, list, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    read_paging(root, page, json_array_size(list), limit, info);
fail:
    json_decref(root);
    return st;
}
