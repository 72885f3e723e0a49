/* SPDX-License-Identifier: MIT */
/*
 * Endpoint dispositions: GET /v1/dispositions into table `dispositions`,
 * the account's own list: the 14 defaults and the team's custom ones, each
 * with its category.  It is also call-log's lookup: the host reads it
 * before the first page of calls, so disposition_category comes from it.
 */
#include "salesfinity.h"

#define ENDPOINT "dispositions"

/* Column indices: must follow sf_dispositions_columns[] below. */
enum col { COL_ID, COL_NAME, COL_CATEGORY, COL_IS_CUSTOM, COL_IS_REQUIRED, NCOLS };

_Static_assert(NCOLS == SF_DISPOSITIONS_NCOLUMNS, "enum col must match the schema");

const struct or_column *const sf_dispositions_columns[] = {
    [COL_ID] = OR_COLUMN("id", OR_TYPE_INT, "disposition id, as calls' disposition_id"),
    [COL_NAME] = OR_COLUMN("name", OR_TYPE_TEXT, "name, e.g. Answered - Meeting Set"),
    [COL_CATEGORY] = OR_COLUMN("category", OR_TYPE_TEXT,
                               "positive, neutral, negative, not_answered or cancelled"),
    [COL_IS_CUSTOM] = OR_COLUMN("is_custom", OR_TYPE_BOOL, "added by the team"),
    [COL_IS_REQUIRED] = OR_COLUMN("is_required", OR_TYPE_BOOL, "required by the account"),
};

enum bit { BIT_ROW = NCOLS, NBITS };

static const char *const fields[NBITS] = {
    [COL_ID] = "id",
    [COL_NAME] = "name",
    [COL_CATEGORY] = "category",
    [COL_IS_CUSTOM] = "is_custom",
    [COL_IS_REQUIRED] = "is_required",
    [BIT_ROW] = "data[] (row not an object, skipped)",
};

or_status
sf_dispositions_build(const struct or_host *h, const struct or_query *q, long page,
                      struct or_request *req, char *err, size_t errlen)
{
    (void)q;
    (void)page; /* one response holds the whole list */
    return sf_request_start(h, req, "/v1/dispositions", err, errlen);
}

static void
parse_disposition(struct orp_cells *c, const json_t *d)
{
    orp_int(c, COL_ID, json_object_get(d, "id"), COL_ID);
    orp_text_trimmed(c, COL_NAME, json_object_get(d, "name"), COL_NAME);
    orp_text_lower(c, COL_CATEGORY, json_object_get(d, "category"), COL_CATEGORY);
    orp_bool(c, COL_IS_CUSTOM, json_object_get(d, "is_custom"), COL_IS_CUSTOM);
    orp_bool(c, COL_IS_REQUIRED, json_object_get(d, "is_required"), COL_IS_REQUIRED);
}

static const struct sf_table table = {
    .endpoint = ENDPOINT,
    .fields = fields,
    .nfields = NBITS,
    .row_bit = BIT_ROW,
    .row = parse_disposition,
};

SF_PARSE_PAGE_FN(sf_dispositions_parse, table)
