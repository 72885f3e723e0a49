/* SPDX-License-Identifier: MIT */
/*
 * Endpoint sdr-performance: GET /v1/analytics/sdr-performance into table
 * `rep_performance`, the vendor's own per-rep totals of a period, so a
 * report can set them beside its own counts from the call log and show
 * where the two disagree.  Dates and paging as list-performance.
 */
#include "salesfinity.h"

#define ENDPOINT "sdr-performance"

/* Column indices: must follow sf_rep_perf_columns[] below. */
enum col {
    COL_REP_ID,
    COL_REP_NAME,
    COL_REP_EMAIL,
    COL_TOTAL_CALLS,
    COL_CONNECTED_CALLS,
    COL_CONNECTION_RATE,
    COL_CONVERSATIONS,
    COL_CONVERSATION_RATE,
    COL_AVG_DIALS_DAY,
    COL_TOTAL_DURATION_S,
    COL_MEETINGS_SET,
    COL_DATA_QUALITY,
    NCOLS
};

_Static_assert(NCOLS == SF_REP_PERF_NCOLUMNS, "enum col must match the schema");

const struct or_column *const sf_rep_perf_columns[] = {
    [COL_REP_ID] = OR_COLUMN("rep_id", OR_TYPE_TEXT, "the rep's user id (_id), as calls' rep_id"),
    [COL_REP_NAME] = OR_COLUMN("rep_name", OR_TYPE_TEXT, "the rep's first and last name"),
    [COL_REP_EMAIL] = OR_COLUMN("rep_email", OR_TYPE_TEXT, "the rep's e-mail address, lower-case"),
    [COL_TOTAL_CALLS] = OR_COLUMN("total_calls", OR_TYPE_INT, "calls made, by the vendor's count"),
    [COL_CONNECTED_CALLS] =
        OR_COLUMN("connected_calls", OR_TYPE_INT, "connected calls, by the vendor's count"),
    [COL_CONNECTION_RATE] =
        OR_COLUMN("connection_rate", OR_TYPE_REAL, "connected per call, 0 to 1"),
    [COL_CONVERSATIONS] =
        OR_COLUMN("conversations", OR_TYPE_INT, "conversations, by the vendor's count"),
    [COL_CONVERSATION_RATE] =
        OR_COLUMN("conversation_rate", OR_TYPE_REAL, "conversations per call, 0 to 1"),
    [COL_AVG_DIALS_DAY] = OR_COLUMN("avg_dials_day", OR_TYPE_REAL, "dials per active day"),
    [COL_TOTAL_DURATION_S] =
        OR_COLUMN("total_duration_s", OR_TYPE_INT, "talk time in seconds (total_duration)"),
    [COL_MEETINGS_SET] =
        OR_COLUMN("meetings_set", OR_TYPE_INT, "meetings set (disposition 1), by the vendor"),
    [COL_DATA_QUALITY] = OR_COLUMN("data_quality", OR_TYPE_REAL, "ratio of good quality contacts"),
};

const struct or_param *const sf_rep_perf_params[] = {
    OR_PARAM("start_date", OR_PARAM_DATE, 0, "first day (default: the period's)", NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0, "last day (default: the period's)", NULL),
    OR_PARAM("user_ids", OR_PARAM_STRING_LIST, 0, "only these users (reps)", NULL),
    OR_PARAM("timezone", OR_PARAM_STRING, 0, "IANA zone of the dates (default: the report's zone)",
             NULL),
    OR_PARAM("search", OR_PARAM_STRING, 0, "only reps whose name or e-mail matches", NULL),
    OR_PARAM("limit", OR_PARAM_INT, 0, "reps per page, 1 to 100 (default 100)", NULL),
};

enum bit { BIT_ROW = NCOLS, NBITS };

static const char *const fields[NBITS] = {
    [COL_REP_ID] = "_id",
    [COL_REP_NAME] = "first_name/last_name",
    [COL_REP_EMAIL] = "email",
    [COL_TOTAL_CALLS] = "total_calls",
    [COL_CONNECTED_CALLS] = "connected_calls",
    [COL_CONNECTION_RATE] = "connection_rate",
    [COL_CONVERSATIONS] = "conversations",
    [COL_CONVERSATION_RATE] = "conversation_rate",
    [COL_AVG_DIALS_DAY] = "avg_dials_day",
    [COL_TOTAL_DURATION_S] = "total_duration",
    [COL_MEETINGS_SET] = "meetings_set",
    [COL_DATA_QUALITY] = "data_quality",
    [BIT_ROW] = "data[] (row not an object, skipped)",
};

or_status
sf_rep_perf_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    (void)h;
    return sf_analytics_check(q, ENDPOINT, NULL, NULL, NULL, err, errlen);
}

or_status
sf_rep_perf_build(const struct or_host *h, const struct or_query *q, long page,
                  struct or_request *req, char *err, size_t errlen)
{
    return sf_analytics_build(h, q, req, ENDPOINT, "/v1/analytics/sdr-performance", page,
                              sf_rep_perf_params, SF_ARRAY_LEN(sf_rep_perf_params), err, errlen);
}

static void
parse_rep(struct orp_cells *c, const json_t *r)
{
    const json_t *id = json_object_get(r, "_id");
    orp_id(c, COL_REP_ID, orp_is_empty(id) ? json_object_get(r, "id") : id, COL_REP_ID);
    sf_person_name(c, COL_REP_NAME, r, COL_REP_NAME);
    orp_text_lower(c, COL_REP_EMAIL, json_object_get(r, "email"), COL_REP_EMAIL);
    orp_int(c, COL_TOTAL_CALLS, json_object_get(r, "total_calls"), COL_TOTAL_CALLS);
    orp_int(c, COL_CONNECTED_CALLS, json_object_get(r, "connected_calls"), COL_CONNECTED_CALLS);
    orp_real(c, COL_CONNECTION_RATE, json_object_get(r, "connection_rate"), COL_CONNECTION_RATE);
    orp_int(c, COL_CONVERSATIONS, json_object_get(r, "conversations"), COL_CONVERSATIONS);
    orp_real(c, COL_CONVERSATION_RATE, json_object_get(r, "conversation_rate"),
             COL_CONVERSATION_RATE);
    orp_real(c, COL_AVG_DIALS_DAY, json_object_get(r, "avg_dials_day"), COL_AVG_DIALS_DAY);
    orp_int(c, COL_TOTAL_DURATION_S, json_object_get(r, "total_duration"), COL_TOTAL_DURATION_S);
    orp_int(c, COL_MEETINGS_SET, json_object_get(r, "meetings_set"), COL_MEETINGS_SET);
    orp_real(c, COL_DATA_QUALITY, json_object_get(r, "data_quality"), COL_DATA_QUALITY);
}

static const struct sf_table table = {
    .endpoint = ENDPOINT,
    .fields = fields,
    .nfields = NBITS,
    .row_bit = BIT_ROW,
    .row = parse_rep,
    .paging = sf_analytics_paging,
};

SF_PARSE_PAGE_FN(sf_rep_perf_parse, table)
