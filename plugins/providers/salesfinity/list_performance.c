/* SPDX-License-Identifier: MIT */
/*
 * Endpoint list-performance: GET /v1/analytics/list-performance into table
 * `list_performance` (DESIGN.md §6).  The analytics API takes local dates
 * plus a time zone, unlike call-log's UTC instants, and pages with
 * totalCount/next instead of a pagination object.
 */
#include <stdio.h>

#include "salesfinity.h"

#define ENDPOINT "list-performance"

/* Column indices: must follow sf_list_perf_columns[] below. */
enum col {
    COL_LIST_ID,
    COL_LIST_NAME,
    COL_LIST_SOURCE,
    COL_TOTAL_CALLS,
    COL_CONNECTED_CALLS,
    COL_CONVERSATIONS,
    COL_MEETINGS_SET,
    COL_GOOD_QUALITY_CONTACTS,
    COL_DATA_QUALITY,
    COL_OWNER_ID,
    COL_OWNER_NAME,
    COL_OWNER_EMAIL,
    NCOLS
};

_Static_assert(NCOLS == SF_LIST_PERF_NCOLUMNS, "enum col must match the schema");

const struct or_column *const sf_list_perf_columns[] = {
    [COL_LIST_ID] = OR_COLUMN("list_id", OR_TYPE_TEXT, "contact list id (_id)"),
    [COL_LIST_NAME] = OR_COLUMN("list_name", OR_TYPE_TEXT, "contact list name"),
    [COL_LIST_SOURCE] =
        OR_COLUMN("list_source", OR_TYPE_TEXT, "where the list came from, e.g. csv, crm"),
    [COL_TOTAL_CALLS] = OR_COLUMN("total_calls", OR_TYPE_INT, "calls made to contacts of the list"),
    [COL_CONNECTED_CALLS] = OR_COLUMN("connected_calls", OR_TYPE_INT, "calls that connected"),
    [COL_CONVERSATIONS] = OR_COLUMN("conversations", OR_TYPE_INT, "meaningful conversations"),
    [COL_MEETINGS_SET] = OR_COLUMN("meetings_set", OR_TYPE_INT, "meetings set from the list"),
    [COL_GOOD_QUALITY_CONTACTS] =
        OR_COLUMN("good_quality_contacts", OR_TYPE_INT, "contacts with valid phone numbers"),
    [COL_DATA_QUALITY] = OR_COLUMN("data_quality", OR_TYPE_REAL, "ratio of good quality contacts"),
    [COL_OWNER_ID] = OR_COLUMN("owner_id", OR_TYPE_TEXT, "id of the list owner"),
    [COL_OWNER_NAME] = OR_COLUMN("owner_name", OR_TYPE_TEXT, "list owner's first and last name"),
    [COL_OWNER_EMAIL] =
        OR_COLUMN("owner_email", OR_TYPE_TEXT, "list owner's e-mail address, lower-case"),
};

const struct or_param *const sf_list_perf_params[] = {
    OR_PARAM("start_date", OR_PARAM_DATE, 0,
             "first day of the analytics period (default: the period's)", NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0,
             "last day of the analytics period (default: the period's)", NULL),
    OR_PARAM("user_ids", OR_PARAM_STRING_LIST, 0, "only calls of these users (reps)", NULL),
    OR_PARAM("disposition_ids", OR_PARAM_INT_LIST, 0, "only calls with these disposition ids",
             NULL),
    OR_PARAM("timezone", OR_PARAM_STRING, 0, "IANA zone of the dates (default: the report's zone)",
             NULL),
    OR_PARAM("search", OR_PARAM_STRING, 0, "only lists whose name matches", NULL),
    OR_PARAM("limit", OR_PARAM_INT, 0, "lists per page, 1 to 100 (default 100)", NULL),
};

/* Warning bits beyond the columns. */
enum bit { BIT_OWNER = NCOLS, BIT_ROW, NBITS };

static const char *const fields[NBITS] = {
    [COL_LIST_ID] = "_id",
    [COL_LIST_NAME] = "name",
    [COL_LIST_SOURCE] = "source",
    [COL_TOTAL_CALLS] = "total_calls",
    [COL_CONNECTED_CALLS] = "connected_calls",
    [COL_CONVERSATIONS] = "conversations",
    [COL_MEETINGS_SET] = "meetings_set",
    [COL_GOOD_QUALITY_CONTACTS] = "good_quality_contacts",
    [COL_DATA_QUALITY] = "data_quality",
    [COL_OWNER_ID] = "owner._id",
    [COL_OWNER_NAME] = "owner.first_name/last_name",
    [COL_OWNER_EMAIL] = "owner.email",
    [BIT_OWNER] = "owner",
    [BIT_ROW] = "data[] (row not an object, skipped)",
};

or_status
sf_list_perf_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    (void)h;
    return sf_analytics_check(q, ENDPOINT, NULL, NULL, NULL, err, errlen);
}

or_status
sf_list_perf_build(const struct or_host *h, const struct or_query *q, long page,
                   struct or_request *req, char *err, size_t errlen)
{
    return sf_analytics_build(h, q, req, ENDPOINT, "/v1/analytics/list-performance", page,
                              sf_list_perf_params, SF_ARRAY_LEN(sf_list_perf_params), err, errlen);
}

static const json_t *
first_of(const json_t *obj, const char *a, const char *b)
{
    const json_t *v = json_object_get(obj, a);
    return orp_is_empty(v) ? json_object_get(obj, b) : v;
}

static void
parse_list(struct orp_cells *c, const json_t *list)
{
    orp_id(c, COL_LIST_ID, first_of(list, "_id", "id"), COL_LIST_ID);
    orp_text(c, COL_LIST_NAME, json_object_get(list, "name"), COL_LIST_NAME);
    orp_text(c, COL_LIST_SOURCE, json_object_get(list, "source"), COL_LIST_SOURCE);
    orp_int(c, COL_TOTAL_CALLS, json_object_get(list, "total_calls"), COL_TOTAL_CALLS);
    orp_int(c, COL_CONNECTED_CALLS, json_object_get(list, "connected_calls"), COL_CONNECTED_CALLS);
    orp_int(c, COL_CONVERSATIONS, json_object_get(list, "conversations"), COL_CONVERSATIONS);
    orp_int(c, COL_MEETINGS_SET, json_object_get(list, "meetings_set"), COL_MEETINGS_SET);
    orp_int(c, COL_GOOD_QUALITY_CONTACTS, json_object_get(list, "good_quality_contacts"),
            COL_GOOD_QUALITY_CONTACTS);
    orp_real(c, COL_DATA_QUALITY, json_object_get(list, "data_quality"), COL_DATA_QUALITY);

    /* The prose documents the owner as (id, name, email); the example as _id, first/last. */
    const json_t *owner = orp_object(c, list, "owner", BIT_OWNER);
    orp_id(c, COL_OWNER_ID, first_of(owner, "_id", "id"), COL_OWNER_ID);
    sf_person_name(c, COL_OWNER_NAME, owner, COL_OWNER_NAME);
    orp_text_lower(c, COL_OWNER_EMAIL, json_object_get(owner, "email"), COL_OWNER_EMAIL);
}

static const struct sf_table table = {
    .endpoint = ENDPOINT,
    .fields = fields,
    .nfields = NBITS,
    .row_bit = BIT_ROW,
    .row = parse_list,
    .paging = sf_analytics_paging,
};

SF_PARSE_PAGE_FN(sf_list_perf_parse, table)
