/* SPDX-License-Identifier: MIT */
/*
 * A provider built against the ABI 2.1 headers (tests/abi/2.1), as a third
 * party built it before 2.2 added lookups, auth_failure, cumulative tables
 * and count_repaired: its endpoint is smaller than this outreport's and its
 * host table has no count_repaired.  A newer host must load it, run it and
 * read nothing past its structs (test_plugin_abi).
 *
 * Endpoint abi21.calls reads Salesfinity's call log from the mock server
 * into id and duration_s, its key named by its declared config key.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "outreport/plugin.h"

_Static_assert(OR_ABI_MAJOR == 2 && OR_ABI_MINOR == 1, "built against the ABI 2.1 headers");

static or_status
build(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
      char *err, size_t errlen)
{
    (void)q;
    char num[32];
    const char *key = NULL;
    snprintf(num, sizeof(num), "%ld", page);
    or_status st = h->secret_get(h, "api_key_env", NULL, &key, err, errlen);
    if (st == OR_OK) {
        st = h->req_set(req, "GET", "/v1/call-log");
    }
    if (st == OR_OK) {
        st = h->req_query(req, "page", num);
    }
    if (st == OR_OK) {
        st = h->req_query(req, "limit", "25");
    }
    if (st == OR_OK) {
        st = h->req_header(req, "x-api-key", key, 1);
    }
    if (st != OR_OK && err[0] == '\0') {
        snprintf(err, errlen, "abi21: cannot build the request");
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

static const struct or_endpoint calls = {
    .size = sizeof(struct or_endpoint),
    .name = "calls",
    .table = "abi21_calls",
    .description = "calls through a plugin of ABI 2.1",
    .columns = columns,
    .ncolumns = 2,
    .paging = OR_PAGING_PAGES,
    .build_request = build,
    .parse_page = parse,
    .auth_hint = "[abi21] api_key_env",
};

static const struct or_endpoint *const endpoints[] = {&calls};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = 1,
    .default_base_url = "http://127.0.0.1:9",
};

static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "api_key_env", .type = OR_PARAM_STRING, .default_value = "ABI21_KEY",
                  .help = "variable holding the key", .secret_env = 1),
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "abi21", .version = "2.1.0",
                 .description = "a provider built against plugin ABI 2.1", .provider = &provider,
                 .config_keys = config_keys, .nconfig_keys = 1);
