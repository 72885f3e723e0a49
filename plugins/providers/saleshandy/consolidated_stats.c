/* SPDX-License-Identifier: MIT */
/*
 * Endpoint consolidated-stats: POST /v1/analytics/consolidated-stats into
 * table `email_activity` (DESIGN.md §6), one row per e-mail sent.  Pages
 * carry only a hasMore marker, so the host fetches them one after another.
 * Times arrive as JavaScript Date.toString() text (sh_jsdate.c), booleans
 * as "Yes"/"No", the client as a nested object that may be {}.
 */
#include <stdio.h>

#include "saleshandy.h"

#define ENDPOINT "consolidated-stats"
#define PATH "/v1/analytics/consolidated-stats"
#define PAGE_LIMIT_MIN 10
#define PAGE_LIMIT_MAX 500

/* Column indices: must follow sh_activity_columns[] below. */
enum col {
    COL_SEQUENCE_ID,
    COL_SEQUENCE_TITLE,
    COL_SEQUENCE_OWNER,
    COL_STEP,
    COL_SENDER_EMAIL,
    COL_RECIPIENT_EMAIL,
    COL_RECIPIENT_NAME,
    COL_SENT_AT,
    COL_OPEN_COUNT,
    COL_LAST_OPENED_AT,
    COL_REPLIED,
    COL_REPLIED_AT,
    COL_CONVERSATION_ID,
    COL_SENTIMENT,
    COL_CLICK_COUNT,
    COL_LAST_CLICKED_AT,
    COL_LAST_LINK_CLICKED,
    COL_BOUNCED,
    COL_BOUNCED_AT,
    COL_UNSUBSCRIBED,
    COL_DELETED,
    COL_CLIENT_ID,
    COL_CLIENT_NAME,
    COL_CLIENT_EMAIL,
    COL_CLIENT_COMPANY,
    COL_CLIENT_STATUS,
    NCOLS
};

_Static_assert(NCOLS == SH_ACTIVITY_NCOLUMNS, "enum col must match the email_activity schema");

const struct or_column *const sh_activity_columns[] = {
    [COL_SEQUENCE_ID] = OR_COLUMN("sequence_id", OR_TYPE_TEXT, "sequence id (Sequence Id)"),
    [COL_SEQUENCE_TITLE] = OR_COLUMN("sequence_title", OR_TYPE_TEXT, "sequence name"),
    [COL_SEQUENCE_OWNER] =
        OR_COLUMN("sequence_owner", OR_TYPE_TEXT, "name of the sequence's owner"),
    [COL_STEP] = OR_COLUMN("step", OR_TYPE_INT, "step number of the e-mail in its sequence"),
    [COL_SENDER_EMAIL] = OR_COLUMN("sender_email", OR_TYPE_TEXT, "sending mailbox, lower-case"),
    [COL_RECIPIENT_EMAIL] =
        OR_COLUMN("recipient_email", OR_TYPE_TEXT, "prospect's e-mail address, lower-case"),
    [COL_RECIPIENT_NAME] = OR_COLUMN("recipient_name", OR_TYPE_TEXT, "prospect's name"),
    [COL_SENT_AT] = OR_COLUMN("sent_at", OR_TYPE_TIME, "when the e-mail was sent"),
    [COL_OPEN_COUNT] = OR_COLUMN("open_count", OR_TYPE_INT, "times the e-mail was opened"),
    [COL_LAST_OPENED_AT] = OR_COLUMN("last_opened_at", OR_TYPE_TIME, "last open"),
    [COL_REPLIED] = OR_COLUMN("replied", OR_TYPE_BOOL, "whether the prospect replied"),
    [COL_REPLIED_AT] = OR_COLUMN("replied_at", OR_TYPE_TIME, "when the prospect replied"),
    [COL_CONVERSATION_ID] =
        OR_COLUMN("conversation_id", OR_TYPE_TEXT, "id of the reply conversation"),
    [COL_SENTIMENT] = OR_COLUMN("sentiment", OR_TYPE_TEXT,
                                "current reply sentiment, e.g. Positive (Current Sentiment)"),
    [COL_CLICK_COUNT] = OR_COLUMN("click_count", OR_TYPE_INT, "link clicks"),
    [COL_LAST_CLICKED_AT] = OR_COLUMN("last_clicked_at", OR_TYPE_TIME, "last link click"),
    [COL_LAST_LINK_CLICKED] =
        OR_COLUMN("last_link_clicked", OR_TYPE_TEXT, "URL of the last link clicked"),
    [COL_BOUNCED] = OR_COLUMN("bounced", OR_TYPE_BOOL, "whether the e-mail bounced"),
    [COL_BOUNCED_AT] = OR_COLUMN("bounced_at", OR_TYPE_TIME, "when the e-mail bounced"),
    [COL_UNSUBSCRIBED] =
        OR_COLUMN("unsubscribed", OR_TYPE_BOOL, "whether the prospect unsubscribed"),
    [COL_DELETED] = OR_COLUMN("deleted", OR_TYPE_BOOL, "whether the prospect was deleted"),
    [COL_CLIENT_ID] = OR_COLUMN("client_id", OR_TYPE_TEXT, "agency client id (Client.id)"),
    [COL_CLIENT_NAME] =
        OR_COLUMN("client_name", OR_TYPE_TEXT,
                  "agency client's first and last name (Client.firstName, lastName)"),
    [COL_CLIENT_EMAIL] =
        OR_COLUMN("client_email", OR_TYPE_TEXT, "agency client's e-mail address, lower-case"),
    [COL_CLIENT_COMPANY] =
        OR_COLUMN("client_company", OR_TYPE_TEXT, "agency client's company (Client.companyName)"),
    [COL_CLIENT_STATUS] =
        OR_COLUMN("client_status", OR_TYPE_TEXT, "agency client's status, e.g. active"),
};

const struct or_param *const sh_cs_params[] = {
    OR_PARAM(
        "sequence_ids", OR_PARAM_STRING_LIST, 0,
        "only these sequences (ids); default: every sequence of the account (GET /v1/sequences)",
        NULL),
    OR_PARAM("start_date", OR_PARAM_DATE, 0,
             "first day, YYYY-MM-DD, at most 2 years ago (default: the period's first day)", NULL),
    OR_PARAM("end_date", OR_PARAM_DATE, 0,
             "last day, YYYY-MM-DD, inclusive (default: the period's last day); ranges over a year "
             "are fetched a year at a time",
             NULL),
    OR_PARAM("page_limit", OR_PARAM_INT, 0, "records per page, 10 to 500 (default 500)", NULL),
};

/* Warning bits beyond the columns: the Client object and the rows themselves. */
enum bit { BIT_CLIENT = NCOLS, BIT_ROW, NBITS };

_Static_assert(NBITS <= 64, "warning bits must fit in 64");

/* JSON field behind each warning bit, for the page's warning. */
static const char *const fields[NBITS] = {
    [COL_SEQUENCE_ID] = "Sequence Id",
    [COL_SEQUENCE_TITLE] = "Sequence Title",
    [COL_SEQUENCE_OWNER] = "Sequence Owner",
    [COL_STEP] = "Step Number",
    [COL_SENDER_EMAIL] = "Sender Email",
    [COL_RECIPIENT_EMAIL] = "Recipient Email",
    [COL_RECIPIENT_NAME] = "Recipient name",
    [COL_SENT_AT] = "Email Sent At",
    [COL_OPEN_COUNT] = "Open Count",
    [COL_LAST_OPENED_AT] = "Last Opened At",
    [COL_REPLIED] = "Replied",
    [COL_REPLIED_AT] = "Replied At",
    [COL_CONVERSATION_ID] = "Conversation Id",
    [COL_SENTIMENT] = "Current Sentiment",
    [COL_CLICK_COUNT] = "Click Count",
    [COL_LAST_CLICKED_AT] = "Last Clicked At",
    [COL_LAST_LINK_CLICKED] = "Last Link Clicked",
    [COL_BOUNCED] = "Bounced",
    [COL_BOUNCED_AT] = "Bounced At",
    [COL_UNSUBSCRIBED] = "Unsubscribed",
    [COL_DELETED] = "Deleted",
    [COL_CLIENT_ID] = "Client.id",
    [COL_CLIENT_NAME] = "Client.firstName/lastName",
    [COL_CLIENT_EMAIL] = "Client.email",
    [COL_CLIENT_COMPANY] = "Client.companyName",
    [COL_CLIENT_STATUS] = "Client.status",
    [BIT_CLIENT] = "Client",
    [BIT_ROW] = "payload.data[] (row not an object, skipped)",
};

static or_status
check(const struct or_host *h, const struct or_query *q, struct sh_range *r, long *limit, char *err,
      size_t errlen)
{
    int bearer = 0;
    or_status st = sh_auth_mode(h, &bearer, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = orp_check_int(q, ENDPOINT, "page_limit", PAGE_LIMIT_MIN, PAGE_LIMIT_MAX, PAGE_LIMIT_MAX,
                       limit, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    return sh_cs_range(q, sh_today_utc(), r, err, errlen);
}

or_status
sh_cs_check(const struct or_host *h, const struct or_query *q, char *err, size_t errlen)
{
    struct sh_range r;
    long limit = 0;
    return check(h, q, &r, &limit, err, errlen);
}

or_status
sh_cs_instances(const struct or_host *h, const struct or_query *q, char *buf, size_t buflen,
                char *err, size_t errlen)
{
    struct sh_range r;
    long limit = 0;
    if (buflen > 0) {
        buf[0] = '\0';
    }
    or_status st = check(h, q, &r, &limit, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    return sh_cs_windows(&r, buf, buflen, err, errlen);
}

or_status
sh_cs_build(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
            char *err, size_t errlen)
{
    struct sh_range r;
    long limit = 0;
    json_t *body = NULL;
    or_status st = check(h, q, &r, &limit, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    /* One year window of a longer range (sh_cs_instances). */
    if (q->instance != NULL && !sh_cs_parse_window(q->instance, &r)) {
        snprintf(err, errlen, "%s: instance \"%.64s\" is not a window YYYY-MM-DD..YYYY-MM-DD",
                 ENDPOINT, q->instance);
        st = OR_ERR_INVALID;
        goto fail;
    }
    char first[16];
    char last[16];
    sh_format_day(r.first, first, sizeof(first));
    sh_format_day(r.last, last, sizeof(last));
    body = json_object();
    if (body == NULL) {
        snprintf(err, errlen, "%s: out of memory building the request body", ENDPOINT);
        st = OR_ERR_NOMEM;
        goto fail;
    }
    /* Required: the ids given, else every sequence of the account (the lookup). */
    st = sh_body_ids(h, q, body, "sequenceIds", "sequence_ids", "sequence_id", ENDPOINT, err,
                     errlen);
    if (st == OR_OK) {
        st = sh_body_string(body, "startDate", first, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_string(body, "endDate", last, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_int(body, "pageNum", page, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_body_int(body, "pageLimit", limit, err, errlen);
    }
    if (st == OR_OK) {
        st = sh_request_post(h, req, PATH, body, err, errlen);
    }
fail:
    json_decref(body);
    return st;
}

static void
parse_client(struct orp_cells *c, const json_t *row)
{
    const json_t *client = sh_object(c, row, "Client", BIT_CLIENT);
    if (client == NULL) {
        return;
    }
    orp_id(c, COL_CLIENT_ID, sh_field(client, "id"), COL_CLIENT_ID);
    orp_full_name(c, COL_CLIENT_NAME, sh_field(client, "firstName"), sh_field(client, "lastName"),
                  COL_CLIENT_NAME);
    orp_text_lower(c, COL_CLIENT_EMAIL, sh_field(client, "email"), COL_CLIENT_EMAIL);
    orp_text(c, COL_CLIENT_COMPANY, sh_field(client, "companyName"), COL_CLIENT_COMPANY);
    orp_text(c, COL_CLIENT_STATUS, sh_field(client, "status"), COL_CLIENT_STATUS);
}

static void
parse_row(struct orp_cells *c, const json_t *row)
{
    orp_id(c, COL_SEQUENCE_ID, sh_field(row, "Sequence Id"), COL_SEQUENCE_ID);
    orp_text(c, COL_SEQUENCE_TITLE, sh_field(row, "Sequence Title"), COL_SEQUENCE_TITLE);
    orp_text(c, COL_SEQUENCE_OWNER, sh_field(row, "Sequence Owner"), COL_SEQUENCE_OWNER);
    orp_int(c, COL_STEP, sh_field(row, "Step Number"), COL_STEP);
    orp_text_lower(c, COL_SENDER_EMAIL, sh_field(row, "Sender Email"), COL_SENDER_EMAIL);
    orp_text_lower(c, COL_RECIPIENT_EMAIL, sh_field(row, "Recipient Email"), COL_RECIPIENT_EMAIL);
    orp_text(c, COL_RECIPIENT_NAME, sh_field(row, "Recipient name"), COL_RECIPIENT_NAME);
    sh_time(c, COL_SENT_AT, sh_field(row, "Email Sent At"), COL_SENT_AT);
    orp_int(c, COL_OPEN_COUNT, sh_field(row, "Open Count"), COL_OPEN_COUNT);
    sh_time(c, COL_LAST_OPENED_AT, sh_field(row, "Last Opened At"), COL_LAST_OPENED_AT);
    sh_yes_no(c, COL_REPLIED, sh_field(row, "Replied"), COL_REPLIED);
    sh_time(c, COL_REPLIED_AT, sh_field(row, "Replied At"), COL_REPLIED_AT);
    orp_id(c, COL_CONVERSATION_ID, sh_field(row, "Conversation Id"), COL_CONVERSATION_ID);
    orp_text(c, COL_SENTIMENT, sh_field(row, "Current Sentiment"), COL_SENTIMENT);
    orp_int(c, COL_CLICK_COUNT, sh_field(row, "Click Count"), COL_CLICK_COUNT);
    sh_time(c, COL_LAST_CLICKED_AT, sh_field(row, "Last Clicked At"), COL_LAST_CLICKED_AT);
    orp_text(c, COL_LAST_LINK_CLICKED, sh_field(row, "Last Link Clicked"), COL_LAST_LINK_CLICKED);
    sh_yes_no(c, COL_BOUNCED, sh_field(row, "Bounced"), COL_BOUNCED);
    sh_time(c, COL_BOUNCED_AT, sh_field(row, "Bounced At"), COL_BOUNCED_AT);
    sh_yes_no(c, COL_UNSUBSCRIBED, sh_field(row, "Unsubscribed"), COL_UNSUBSCRIBED);
    sh_yes_no(c, COL_DELETED, sh_field(row, "Deleted"), COL_DELETED);
    parse_client(c, row);
}

/* hasMore / nextPageNumber; without hasMore, a full page suggests another. */
static void
read_paging(const json_t *payload, long page, size_t nrows, long limit, struct or_page_info *info)
{
    const json_t *more = json_object_get(payload, "hasMore");
    if (json_is_boolean(more)) {
        info->has_more = json_is_true(more);
    }
    else {
        info->has_more = nrows > 0 && nrows >= (size_t)limit;
    }
    if (!info->has_more) {
        info->next_page = -1;
        return;
    }
    long next = 0;
    if (orp_page_count(json_object_get(payload, "nextPageNumber"), &next) && next > 0) {
        info->next_page = next;
    }
    else {
        info->next_page = page + 1;
    }
}

or_status
sh_cs_parse(const struct or_host *h, const struct or_query *q, long page, const char *body,
            size_t len, struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st =
        orp_page_load(h, "consolidated-stats", body, len, ORP_LOAD_ANY, &root, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    st = OR_ERR_PARSE;
    if (!json_is_object(root)) {
        snprintf(err, errlen, "response is not a JSON object");
        goto fail;
    }
    const json_t *payload = json_object_get(root, "payload");
    if (!json_is_object(payload)) {
        snprintf(err, errlen, "response has no object \"payload\"%s",
                 payload == NULL ? "" : " (wrong type)");
        goto fail;
    }
    const json_t *data = json_object_get(payload, "data");
    if (!json_is_array(data)) {
        snprintf(err, errlen, "response has no array \"payload.data\"%s",
                 data == NULL ? "" : " (wrong type)");
        goto fail;
    }
    long limit = PAGE_LIMIT_MAX;
    char unused[OR_ERR_SIZE];
    (void)orp_check_int(q, ENDPOINT, "page_limit", PAGE_LIMIT_MIN, PAGE_LIMIT_MAX, PAGE_LIMIT_MAX,
                        &limit, unused, sizeof(unused));
    read_paging(payload, page, json_array_size(data), limit, info);

    struct orp_cells cells;
    orp_cells_init(&cells, h, rows, fields, NBITS, "%s page %ld", ENDPOINT, page);
    st = orp_cells_write(&cells, data, BIT_ROW, parse_row, err, errlen);

fail:
    json_decref(root);
    return st;
}
