/* SPDX-License-Identifier: MIT */
/*
 * A provider whose store declaration (ABI 2.2) is wrong: it keeps records
 * by a day column that is text, not a time; built with -DALL_TIME_RECORDS,
 * it keeps records by a time column but says its table is all-time totals
 * (cumulative), which the store keeps as snapshots.  The loader must refuse
 * both, naming the endpoint and the member (test_sync_e2e).
 */
#include "outreport/plugin.h"

static or_status
build(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
      char *err, size_t errlen)
{
    (void)h, (void)q, (void)page, (void)req, (void)err, (void)errlen;
    return OR_ERR_UNSUPPORTED;
}

static or_status
parse(const struct or_host *h, const struct or_query *q, long page, const char *body, size_t len,
      struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    (void)h, (void)q, (void)page, (void)body, (void)len, (void)rows, (void)info, (void)err,
        (void)errlen;
    return OR_ERR_UNSUPPORTED;
}

static const struct or_column *const columns[] = {
    OR_COLUMN("id", OR_TYPE_TEXT, "record id"),
#ifdef ALL_TIME_RECORDS
    OR_COLUMN("day", OR_TYPE_TIME, "when"),
#else
    OR_COLUMN("day", OR_TYPE_TEXT, "a date as text"),
#endif
};
static const char *const key[] = {"id", NULL};

static const struct or_endpoint calls = {
    .size = sizeof(struct or_endpoint),
    .name = "calls",
    .table = "bad_calls",
    .description = "records by a text day",
    .columns = columns,
    .ncolumns = 2,
    .build_request = build,
    .parse_page = parse,
    .keeping = OR_KEEP_RECORDS,
    .record_key = key,
    .record_day = "day",
#ifdef ALL_TIME_RECORDS
    .cumulative = OR_CUMULATIVE_ALL_TIME,
#endif
};
static const struct or_endpoint *const endpoints[] = {&calls};
static const struct or_provider provider = {
    .size = sizeof(struct or_provider), .endpoints = endpoints, .nendpoints = 1};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "badkeeping", .version = "1.0",
                 .description = "declares records by a text column", .provider = &provider);
