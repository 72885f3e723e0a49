/* SPDX-License-Identifier: MIT */
/*
 * The unpod provider: its descriptor and the one exported symbol.  The
 * schema, parameters and callbacks of the one endpoint live in analytics.c
 * and up_request.c; this file only ties them together.  Unpod documents no
 * public address (its example uses a local server), so there is no default
 * base_url: build_request refuses to run until config sets one.
 */
#include "unpod.h"

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
};

static const struct or_endpoint *const endpoints[] = {&analytics};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = UP_ARRAY_LEN(endpoints),
    .default_base_url = NULL,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "unpod", .version = "0.1.0",
                 .description = "Unpod AI voice agents: call analytics and task status per space",
                 .provider = &provider);
