/* SPDX-License-Identifier: MIT */
/*
 * The unpod provider: its descriptor and the one exported symbol.  The
 * schema, parameters and callbacks of the one endpoint live in analytics.c
 * and up_request.c; this file only ties them together.  Unpod documents no
 * public address (its example uses a local server), so there is no default
 * base_url: build_request refuses to run until config sets one.
 */
#include "unpod.h"

/* All-time totals per space, for the host's store (ABI 2.2). */
static const char *const space_key[] = {"space_token", NULL};

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
};

static const struct or_endpoint *const endpoints[] = {&analytics};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = UP_ARRAY_LEN(endpoints),
    .default_base_url = NULL,
};

/* The keys of [unpod] it reads; base_url is the host's (and read here too). */
static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "api_key_env", .type = OR_PARAM_STRING,
                  .default_value = UP_DEFAULT_TOKEN_ENV,
                  .help = "environment variable that holds the API key (Authorization: Token)",
                  .secret_env = 1),
    OR_CONFIG_KEY(.name = "org_handle", .type = OR_PARAM_STRING,
                  .help = "the organisation's domain handle, sent as Org-Handle (required)"),
    OR_CONFIG_KEY(.name = "product_id", .type = OR_PARAM_STRING,
                  .default_value = UP_DEFAULT_PRODUCT_ID, .help = "sent as Product-Id"),
    OR_CONFIG_KEY(.name = "space_tokens", .type = OR_PARAM_STRING_LIST,
                  .help = "spaces to report, one row each, when --param space_token is not "
                          "given (none: the whole organisation)"),
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "unpod", .version = "0.1.0",
                 .description = "Unpod AI voice agents: call analytics and task status per space",
                 .provider = &provider, .config_keys = config_keys,
                 .nconfig_keys = UP_ARRAY_LEN(config_keys));
