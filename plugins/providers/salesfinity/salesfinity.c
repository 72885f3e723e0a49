/* SPDX-License-Identifier: MIT */
/*
 * The salesfinity provider: its descriptor and the one exported symbol.
 * Schemas, parameters and callbacks of each endpoint live in call_log.c,
 * list_performance.c, dispositions.c and sdr_performance.c; this file only
 * ties them together.
 */
#include "salesfinity.h"

#define SF_AUTH_HINT "salesfinity.api_key_env (environment variable SALESFINITY_API_KEY)"

/* What identifies a record, for the host's store (ABI 2.2). */
static const char *const call_key[] = {"id", NULL};
static const char *const list_key[] = {"list_id", NULL};
static const char *const rep_key[] = {"rep_id", "rep_email", NULL};
static const char *const disposition_key[] = {"id", NULL};

static const struct or_endpoint dispositions = {
    .size = sizeof(struct or_endpoint),
    .name = "dispositions",
    .table = "dispositions",
    .description = "The account's dispositions: the 14 defaults and the team's custom ones, "
                   "each with its category",
    .columns = sf_dispositions_columns,
    .ncolumns = SF_ARRAY_LEN(sf_dispositions_columns),
    .paging = OR_PAGING_NONE,
    .build_request = sf_dispositions_build,
    .parse_page = sf_dispositions_parse,
    .error_message = sf_error_message,
    .auth_hint = SF_AUTH_HINT,
    .keeping = OR_KEEP_PERIOD,
    .record_key = disposition_key,
};

static const struct or_endpoint call_log = {
    .size = sizeof(struct or_endpoint),
    .name = "call-log",
    .table = "calls",
    .description = "Call log: one row per call with rep, contact, list, "
                   "disposition and recording",
    .columns = sf_calls_columns,
    .ncolumns = SF_ARRAY_LEN(sf_calls_columns),
    .params = sf_call_log_params,
    .nparams = SF_ARRAY_LEN(sf_call_log_params),
    .paging = OR_PAGING_PAGES,
    .build_request = sf_call_log_build,
    .parse_page = sf_call_log_parse,
    .error_message = sf_error_message,
    .check_query = sf_call_log_check,
    .auth_hint = SF_AUTH_HINT,
    .keeping = OR_KEEP_RECORDS,
    .record_key = call_key,
    .record_day = "started_at",
    .lookup = &dispositions,
    .lookup_fallback = SF_KPI_FALLBACK,
};

static const struct or_endpoint list_performance = {
    .size = sizeof(struct or_endpoint),
    .name = "list-performance",
    .table = "list_performance",
    .description = "Call metrics per contact list: calls, connections, "
                   "conversations, meetings, data quality",
    .columns = sf_list_perf_columns,
    .ncolumns = SF_ARRAY_LEN(sf_list_perf_columns),
    .params = sf_list_perf_params,
    .nparams = SF_ARRAY_LEN(sf_list_perf_params),
    .paging = OR_PAGING_PAGES,
    .build_request = sf_list_perf_build,
    .parse_page = sf_list_perf_parse,
    .error_message = sf_error_message,
    .check_query = sf_list_perf_check,
    .auth_hint = SF_AUTH_HINT,
    .keeping = OR_KEEP_PERIOD,
    .record_key = list_key,
};

static const struct or_endpoint sdr_performance = {
    .size = sizeof(struct or_endpoint),
    .name = "sdr-performance",
    .table = "rep_performance",
    .description = "The vendor's own totals per rep (SDR) for the period: calls, connected, "
                   "conversations, meetings, talk time",
    .columns = sf_rep_perf_columns,
    .ncolumns = SF_ARRAY_LEN(sf_rep_perf_columns),
    .params = sf_rep_perf_params,
    .nparams = SF_ARRAY_LEN(sf_rep_perf_params),
    .paging = OR_PAGING_PAGES,
    .build_request = sf_rep_perf_build,
    .parse_page = sf_rep_perf_parse,
    .error_message = sf_error_message,
    .check_query = sf_rep_perf_check,
    .auth_hint = SF_AUTH_HINT,
    .keeping = OR_KEEP_PERIOD,
    .record_key = rep_key,
};

static const struct or_endpoint *const endpoints[] = {&call_log, &list_performance, &dispositions,
                                                      &sdr_performance};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = SF_ARRAY_LEN(endpoints),
    .default_base_url = "https://client-api.salesfinity.co",
};

/* The keys of [salesfinity] it reads; base_url is the host's. */
static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "api_key_env", .type = OR_PARAM_STRING,
                  .default_value = "SALESFINITY_API_KEY",
                  .help = "environment variable that holds the API key (sent as x-api-key)",
                  .secret_env = 1),
    OR_CONFIG_KEY(.name = "meeting_dispositions", .type = OR_PARAM_INT_LIST,
                  .help = "disposition ids that count as a meeting besides 1 (Meeting Set), e.g. "
                          "a custom Demo booked; the vendor's own totals count 1 only"),
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "salesfinity", .version = "0.2.0",
                 .description = "Salesfinity AI dialer: call log, dispositions, list and rep "
                                "performance",
                 .provider = &provider, .config_keys = config_keys,
                 .nconfig_keys = SF_ARRAY_LEN(config_keys));
