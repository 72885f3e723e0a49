/* SPDX-License-Identifier: MIT */
/*
 * A provider built against the ABI 2.0 headers (tests/abi/2.0), as a third
 * party built it before 2.1 added config keys: its descriptor is smaller than
 * this outreport's and declares no keys.  A newer host must load it, list
 * it, run it, and read nothing past its structs (test_plugin_abi).
 *
 * Endpoint oldabi.calls reads Salesfinity's call log from the mock server
 * (GET /v1/call-log, pages told by pagination.pages) into id and duration_s.
 * It uses the 2.0 way to name its key's variable: secret_get's default_env.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "outreport/plugin.h"

_Static_assert(OR_ABI_MAJOR == 2 && OR_ABI_MINOR == 0, "built against the ABI 2.0 headers");

#define LIMIT "25"

static or_status
build(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
      char *err, size_t errlen)
{
    (void)q;
    char num[32];
    const char *key = NULL;
    snprintf(num, sizeof(num), "%ld", page);
    or_status st = h->secret_get(h, "api_key_env", "OLDABI_TEST_KEY", &key, err, errlen);
    if (st == OR_OK) {
        st = h->req_set(req, "GET", "/v1/call-log");
    }
    if (st == OR_OK) {
        st = h->req_query(req, "page", num);
    }
    if (st == OR_OK) {
        st = h->req_query(req, "limit", LIMIT);
    }
    if (st == OR_OK) {
        st = h->req_header(req, "x-api-key", key, 1);
    }
    if (st != OR_OK && err[0] == '\0') {
        snprintf(err, errlen, "oldabi: cannot build the request");
    }
    return st;
}

static or_status
parse(const struct or_host *h, const struct or_query *q, long page, const char *body, size_t len,
      struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    (void)q, (void)page;
    json_error_t je;
    json_t *root = json_loadb(body, len, 0, &je);
    const json_t *data = json_object_get(root, "data");
    if (!json_is_array(data)) {
        snprintf(err, errlen, "no data array");
        json_decref(root);
        return OR_ERR_PARSE;
    }
    or_status st = OR_OK;
    size_t i;
    const json_t *call;
    json_array_foreach(data, i, call)
    {
        const json_t *id = json_object_get(call, "_id");
        const json_t *dur = json_object_get(call, "duration");
        h->row_begin(rows);
        h->set_text(rows, 0, json_string_value(id), json_string_length(id));
        if (json_is_integer(dur)) {
            h->set_int(rows, 1, json_integer_value(dur));
        }
        st = h->row_end(rows);
        if (st != OR_OK) {
            snprintf(err, errlen, "row %zu refused", i);
            break;
        }
    }
    const json_t *pages = json_object_get(json_object_get(root, "pagination"), "pages");
    info->total_pages = json_is_integer(pages) ? (long)json_integer_value(pages) : -1;
    json_decref(root);
    return st;
}

static const struct or_column *const columns[] = {
    OR_COLUMN("id", OR_TYPE_TEXT, "call id"),
    OR_COLUMN("duration_s", OR_TYPE_INT, "call duration in seconds"),
};

static const struct or_param *const params[] = {
    OR_PARAM("unused", OR_PARAM_STRING, 0, "a parameter nobody passes", NULL),
};

static const struct or_endpoint calls = {
    .size = sizeof(struct or_endpoint),
    .name = "calls",
    .table = "old_calls",
    .description = "calls through a plugin of ABI 2.0",
    .columns = columns,
    .ncolumns = 2,
    .params = params,
    .nparams = 1,
    .paging = OR_PAGING_PAGES,
    .build_request = build,
    .parse_page = parse,
};

static const struct or_endpoint *const endpoints[] = {&calls};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = 1,
    .default_base_url = "http://127.0.0.1:9",
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "oldabi", .version = "2.0.0",
                 .description = "a provider built against plugin ABI 2.0", .provider = &provider);
