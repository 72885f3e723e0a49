/* SPDX-License-Identifier: MIT */
/*
 * The unpod provider: its descriptor and the one exported symbol.  The
 * schemas, parameters and callbacks live in analytics.c, call_logs.c,
 * up_spaces.c and up_request.c; this file only ties them together.  The
 * base URL is the documented one (https://unpod.dev, whose API lives under
 * /api/v2/platform/).
 */
#include "unpod.h"

/* All-time totals per space, for the host's store (ABI 2.2). */
static const char *const space_key[] = {"space_token", NULL};
static const char *const call_key[] = {"call_id", "created_at", "source_number",
                                       "destination_number", NULL};

static const struct or_endpoint spaces = {
    .size = sizeof(struct or_endpoint),
    .name = "spaces",
    .table = "spaces",
    .description = "The organisation's spaces: token, name, agent",
    .columns = up_spaces_columns,
    .ncolumns = UP_ARRAY_LEN(up_spaces_columns),
    .paging = OR_PAGING_NONE,
    .build_request = up_spaces_build,
    .parse_page = up_spaces_parse,
    .error_message = up_error_message,
    .auth_hint = UP_AUTH_HINT,
    .auth_failure = up_auth_failure,
};

static const struct or_endpoint call_logs = {
    .size = sizeof(struct or_endpoint),
    .name = "call-logs",
    .table = "agent_call_log",
    .description = "The AI agents' calls: one row per call with numbers, type, status, times "
                   "and duration",
    .columns = up_call_log_columns,
    .ncolumns = UP_ARRAY_LEN(up_call_log_columns),
    .params = up_call_log_params,
    .nparams = UP_ARRAY_LEN(up_call_log_params),
    .paging = OR_PAGING_PAGES,
    .build_request = up_call_log_build,
    .parse_page = up_call_log_parse,
    .error_message = up_error_message,
    .check_query = up_call_log_check,
    .auth_hint = UP_AUTH_HINT,
    .auth_failure = up_auth_failure,
    .keeping = OR_KEEP_RECORDS,
    .record_key = call_key,
    .record_day = "created_at",
};

static const struct or_endpoint analytics = {
    .size = sizeof(struct or_endpoint),
    .name = "analytics",
    .table = "agent_calls",
    .description = "AI agent call analytics and task status: one row per space, or one "
                   "for the whole organisation",
    .columns = up_agent_calls_columns,
    .ncolumns = UP_ARRAY_LEN(up_agent_calls_columns),
    .params = up_analytics_params,
    .nparams = UP_ARRAY_LEN(up_analytics_params),
    .paging = OR_PAGING_NONE,
    .build_request = up_analytics_build,
    .parse_page = up_analytics_parse,
    .error_message = up_error_message,
    .auth_hint = UP_AUTH_HINT,
    .instances = up_analytics_instances,
    .keeping = OR_KEEP_SNAPSHOT,
    .record_key = space_key,
    .cumulative = OR_CUMULATIVE_ALL_TIME,
    .cumulative_note = "all-time totals up to the fetch: the API takes no dates",
    .lookup = &spaces,
    .lookup_needed = up_needs_spaces,
    .lookup_fallback = "space_name comes from [unpod] space_names alone",
    .auth_failure = up_auth_failure,
};

static const struct or_endpoint *const endpoints[] = {&analytics, &call_logs, &spaces};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = UP_ARRAY_LEN(endpoints),
    .default_base_url = "https://unpod.dev",
};

/* The keys of [unpod] it reads; base_url is the host's (and read here too). */
static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "api_key_env", .type = OR_PARAM_STRING,
                  .default_value = UP_DEFAULT_TOKEN_ENV,
                  .help = "environment variable that holds the API key or JWT", .secret_env = 1),
    OR_CONFIG_KEY(.name = "auth", .type = OR_PARAM_ENUM, .default_value = "token",
                  .choices = "token,jwt",
                  .help = "Authorization scheme: token (Token <key>, dashboard API keys) or jwt "
                          "(jwt <token>); a credential starting with a scheme word is sent as "
                          "given"),
    OR_CONFIG_KEY(.name = "org_handle", .type = OR_PARAM_STRING,
                  .help = "the organisation's domain handle, sent as Org-Handle (required)"),
    OR_CONFIG_KEY(.name = "product_id", .type = OR_PARAM_STRING,
                  .default_value = UP_DEFAULT_PRODUCT_ID, .help = "sent as Product-Id"),
    OR_CONFIG_KEY(.name = "space_tokens", .type = OR_PARAM_STRING_LIST,
                  .help = "spaces to report, one row each, when --param space_token is not "
                          "given (none: the whole organisation)"),
    OR_CONFIG_KEY(.name = "space_names", .type = OR_PARAM_STRING,
                  .help = "names of spaces in documents: TOKEN=Name,TOKEN2=Name 2 (else the "
                          "API's names)"),
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "unpod", .version = "0.2.0",
                 .description =
                     "Unpod AI voice agents: call analytics per space, call logs, spaces",
                 .provider = &provider, .config_keys = config_keys,
                 .nconfig_keys = UP_ARRAY_LEN(config_keys));
