/* SPDX-License-Identifier: MIT */
/*
 * Endpoint analytics: GET /api/v2/platform/organisation/analytics/ into
 * table `agent_calls` (DESIGN.md §6), one row per response.  The row of a
 * space carries its token and name; the organisation-wide row has
 * space_token NULL.  The API wraps its answer in {status_code, message,
 * data}: a status_code other than 200 inside an HTTP 200 response is an
 * error, with the vendor's message.
 *
 * `data` comes in two documented shapes: nested {call_analytics,
 * call_status} (the seed page) and flat {total_calls, completed_calls,
 * failed_calls, avg_duration_seconds, total_tasks, task_status_breakdown}
 * (the current reference).  Another shape is an error listing the keys it
 * has, never a row of NULLs.  Either way the numbers are all-time totals:
 * the API takes no dates.
 */
#include <stdio.h>
#include <string.h>

#include "unpod.h"

/* Column indices: must follow up_agent_calls_columns[] below. */
enum col {
    COL_SPACE_TOKEN,
    COL_TOTAL_CALLS,
    COL_INTERESTED,
    COL_CALL_BACK,
    COL_SEND_DETAILS,
    COL_NOT_INTERESTED,
    COL_NOT_CONNECTED,
    COL_FAILED_CALLS,
    COL_AVG_SUCCESS_SCORE,
    COL_TOTAL_TASKS,
    COL_TASKS_COMPLETED,
    COL_TASKS_FAILED,
    COL_TASKS_PENDING,
    COL_TASKS_IN_PROGRESS,
    COL_SUCCESS_RATE,
    COL_COMPLETED_CALLS,
    COL_AVG_DURATION_S,
    COL_SPACE_NAME,
    NCOLS
};

_Static_assert(NCOLS == UP_AGENT_CALLS_NCOLUMNS, "enum col must match the schema");

const struct or_column *const up_agent_calls_columns[] = {
    [COL_SPACE_TOKEN] = OR_COLUMN("space_token", OR_TYPE_TEXT,
                                  "space the row is about; NULL for the whole organisation"),
    [COL_TOTAL_CALLS] = OR_COLUMN("total_calls", OR_TYPE_INT, "calls made by the AI agent"),
    [COL_INTERESTED] =
        OR_COLUMN("interested", OR_TYPE_INT, "calls ending with an interested contact"),
    [COL_CALL_BACK] = OR_COLUMN("call_back", OR_TYPE_INT, "calls ending with a callback request"),
    [COL_SEND_DETAILS] =
        OR_COLUMN("send_details", OR_TYPE_INT, "calls ending with a send-details request"),
    [COL_NOT_INTERESTED] = OR_COLUMN("not_interested", OR_TYPE_INT, "calls ending not interested"),
    [COL_NOT_CONNECTED] = OR_COLUMN("not_connected", OR_TYPE_INT, "calls that did not connect"),
    [COL_FAILED_CALLS] =
        OR_COLUMN("failed_calls", OR_TYPE_INT, "failed calls (call_analytics.failed)"),
    [COL_AVG_SUCCESS_SCORE] = OR_COLUMN("avg_success_score", OR_TYPE_REAL, "average success score"),
    [COL_TOTAL_TASKS] = OR_COLUMN("total_tasks", OR_TYPE_INT, "call tasks in all"),
    [COL_TASKS_COMPLETED] = OR_COLUMN("tasks_completed", OR_TYPE_INT, "tasks completed"),
    [COL_TASKS_FAILED] =
        OR_COLUMN("tasks_failed", OR_TYPE_INT, "tasks failed (call_status.failed)"),
    [COL_TASKS_PENDING] = OR_COLUMN("tasks_pending", OR_TYPE_INT, "tasks pending"),
    [COL_TASKS_IN_PROGRESS] = OR_COLUMN("tasks_in_progress", OR_TYPE_INT, "tasks in progress"),
    [COL_SUCCESS_RATE] =
        OR_COLUMN("success_rate", OR_TYPE_REAL,
                  "task success rate in percent, as the API gives it (72.08 = 72.08 %); "
                  "the flat shape's completed tasks per task"),
    [COL_COMPLETED_CALLS] =
        OR_COLUMN("completed_calls", OR_TYPE_INT, "calls completed (flat shape only)"),
    [COL_AVG_DURATION_S] =
        OR_COLUMN("avg_duration_s", OR_TYPE_REAL, "average call duration in seconds (flat shape)"),
    [COL_SPACE_NAME] = OR_COLUMN("space_name", OR_TYPE_TEXT,
                                 "the space's name: [unpod] space_names, else the API's"),
};

const struct or_param *const up_analytics_params[] = {
    OR_PARAM("space_token", OR_PARAM_STRING_LIST, 0,
             "spaces to report, one row each (default: config space_tokens; none: the whole "
             "organisation in one row)",
             NULL),
};

/* Warning bits beyond the columns. */
enum bit { BIT_CALL_ANALYTICS = NCOLS, BIT_CALL_STATUS, BIT_BREAKDOWN, NBITS };

static const char *const fields[NBITS] = {
    [COL_SPACE_TOKEN] = "space_token",
    [COL_TOTAL_CALLS] = "data.call_analytics.total_calls",
    [COL_INTERESTED] = "data.call_analytics.interested",
    [COL_CALL_BACK] = "data.call_analytics.call_back",
    [COL_SEND_DETAILS] = "data.call_analytics.send_details",
    [COL_NOT_INTERESTED] = "data.call_analytics.not_interested",
    [COL_NOT_CONNECTED] = "data.call_analytics.not_connected",
    [COL_FAILED_CALLS] = "data.call_analytics.failed",
    [COL_AVG_SUCCESS_SCORE] = "data.call_analytics.avg_success_score",
    [COL_TOTAL_TASKS] = "data.call_status.total_tasks",
    [COL_TASKS_COMPLETED] = "data.call_status.completed",
    [COL_TASKS_FAILED] = "data.call_status.failed",
    [COL_TASKS_PENDING] = "data.call_status.pending",
    [COL_TASKS_IN_PROGRESS] = "data.call_status.in_progress",
    [COL_SUCCESS_RATE] = "data.call_status.success_rate",
    [COL_COMPLETED_CALLS] = "data.completed_calls",
    [COL_AVG_DURATION_S] = "data.avg_duration_seconds",
    [COL_SPACE_NAME] = "space name",
    [BIT_CALL_ANALYTICS] = "data.call_analytics (not an object)",
    [BIT_CALL_STATUS] = "data.call_status (not an object)",
    [BIT_BREAKDOWN] = "data.task_status_breakdown (not an object)",
};

/* A JSON member and the column it fills. */
struct member {
    const char *key;
    enum col col;
};

static const struct member call_analytics[] = {
    {"total_calls", COL_TOTAL_CALLS},       {"interested", COL_INTERESTED},
    {"call_back", COL_CALL_BACK},           {"send_details", COL_SEND_DETAILS},
    {"not_interested", COL_NOT_INTERESTED}, {"not_connected", COL_NOT_CONNECTED},
    {"failed", COL_FAILED_CALLS},           {"avg_success_score", COL_AVG_SUCCESS_SCORE},
};

static const struct member call_status[] = {
    {"total_tasks", COL_TOTAL_TASKS},       {"completed", COL_TASKS_COMPLETED},
    {"failed", COL_TASKS_FAILED},           {"pending", COL_TASKS_PENDING},
    {"in_progress", COL_TASKS_IN_PROGRESS}, {"success_rate", COL_SUCCESS_RATE},
};

/* The flat shape: data itself, and its task_status_breakdown. */
static const struct member flat[] = {
    {"total_calls", COL_TOTAL_CALLS},   {"completed_calls", COL_COMPLETED_CALLS},
    {"failed_calls", COL_FAILED_CALLS}, {"avg_duration_seconds", COL_AVG_DURATION_S},
    {"total_tasks", COL_TOTAL_TASKS},
};

static const struct member breakdown[] = {
    {"pending", COL_TASKS_PENDING},
    {"running", COL_TASKS_IN_PROGRESS},
    {"completed", COL_TASKS_COMPLETED},
    {"failed", COL_TASKS_FAILED},
};

static void
fill(struct orp_cells *c, const json_t *obj, const struct member *m, size_t n)
{
    for (size_t i = 0; obj != NULL && i < n; i++) {
        const json_t *v = json_object_get(obj, m[i].key);
        if (up_agent_calls_columns[m[i].col]->type == OR_TYPE_REAL) {
            orp_real(c, m[i].col, v, m[i].col);
        }
        else {
            orp_int(c, m[i].col, v, m[i].col);
        }
    }
}

/* 1 when @p data is in the flat shape: any of its keys is there. */
static int
is_flat(const json_t *data)
{
    for (size_t i = 0; i < UP_ARRAY_LEN(flat); i++) {
        if (json_object_get(data, flat[i].key) != NULL) {
            return 1;
        }
    }
    return json_object_get(data, "task_status_breakdown") != NULL;
}

/* An unknown shape: OR_ERR_PARSE listing the keys @p data has. */
static or_status
unknown_shape(const json_t *data, char *err, size_t errlen)
{
    char keys[400] = "";
    size_t used = 0;
    const char *key = NULL;
    const json_t *v = NULL;
    json_object_foreach((json_t *)data, key, v)
    {
        int n = snprintf(keys + used, sizeof(keys) - used, "%s%s", used > 0 ? ", " : "", key);
        if (n < 0 || (size_t)n >= sizeof(keys) - used) {
            break;
        }
        used += (size_t)n;
    }
    snprintf(err, errlen,
             "\"data\" has neither the nested shape (call_analytics, call_status) nor the flat "
             "one (total_calls, completed_calls, ..., task_status_breakdown); its keys: %s",
             used > 0 ? keys : "(none)");
    return OR_ERR_PARSE;
}

static int
is_nested(const json_t *data)
{
    return json_object_get(data, "call_analytics") != NULL ||
           json_object_get(data, "call_status") != NULL;
}

/* The columns of one response's data, in whichever shape it came. */
static void
fill_data(struct orp_cells *c, const json_t *data)
{
    if (is_nested(data)) {
        fill(c, orp_object(c, data, "call_analytics", BIT_CALL_ANALYTICS), call_analytics,
             UP_ARRAY_LEN(call_analytics));
        fill(c, orp_object(c, data, "call_status", BIT_CALL_STATUS), call_status,
             UP_ARRAY_LEN(call_status));
        return;
    }
    fill(c, data, flat, UP_ARRAY_LEN(flat));
    fill(c, orp_object(c, data, "task_status_breakdown", BIT_BREAKDOWN), breakdown,
         UP_ARRAY_LEN(breakdown));
    int64_t total = 0;
    int64_t done = 0;
    const json_t *b = json_object_get(data, "task_status_breakdown");
    if (orp_int_value(json_object_get(data, "total_tasks"), c->int_rules, &total) && total > 0 &&
        orp_int_value(json_object_get(b, "completed"), c->int_rules, &done)) {
        c->h->set_real(c->rows, COL_SUCCESS_RATE, 100.0 * (double)done / (double)total);
    }
}

or_status
up_analytics_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
                   size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
                   size_t errlen)
{
    (void)page;
    orp_page_info_reset(info);

    json_t *root = NULL;
    struct orp_cells cells;
    const char *space = q->instance;
    orp_cells_init(&cells, h, rows, fields, NBITS, "analytics%s%s%s",
                   space != NULL ? " [space " : "", space != NULL ? space : "",
                   space != NULL ? "]" : "");
    cells.int_rules = ORP_INT_TEXT_REAL | ORP_INT_SAFE53;
    /* One absurd counter should cost that cell, not the whole response. */
    or_status st = up_page_open(h, "analytics", body, len,
                                ORP_LOAD_OBJECT | ORP_LOAD_BIG_INT_AS_REAL, &root, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    const json_t *data = json_object_get(root, "data");
    if (!json_is_object(data)) {
        snprintf(err, errlen,
                 data == NULL || json_is_null(data) ? "response has no \"data\" object"
                                                    : "field \"data\" is not an object");
        st = OR_ERR_PARSE;
        goto fail;
    }
    if (!is_nested(data) && !is_flat(data)) {
        st = unknown_shape(data, err, errlen);
        goto fail;
    }
    st = h->row_begin(rows);
    if (st != OR_OK) {
        snprintf(err, errlen, "row sink refused the row");
        goto fail;
    }
    if (space != NULL) {
        char buf[256];
        const char *name = up_space_name(h, q, space, buf, sizeof(buf));
        h->set_text(rows, COL_SPACE_TOKEN, space, strlen(space));
        if (name != NULL) {
            h->set_text(rows, COL_SPACE_NAME, name, strlen(name));
        }
    }
    fill_data(&cells, data);
    st = h->row_end(rows);
    if (st != OR_OK) {
        snprintf(err, errlen, "row sink refused the row");
    }
    if (st == OR_OK) {
        /* No scratch text is used here, so finishing cannot fail. */
        st = orp_cells_finish(&cells, err, errlen);
    }

fail:
    json_decref(root);
    return st;
}
