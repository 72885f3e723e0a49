/* SPDX-License-Identifier: MIT */
/*
 * The saleshandy provider: its descriptor and the one exported symbol.
 * Schemas, parameters and callbacks of each endpoint live in
 * consolidated_stats.c, team_stats.c and sh_lists.c; this file only ties
 * them together.
 */
#include "saleshandy.h"

#define SH_AUTH_HINT "[saleshandy] api_key_env (default SALESHANDY_API_KEY)"

/* What identifies a record, for the host's store (ABI 2.2): an e-mail sent
 * has no id of its own. */
static const char *const email_key[] = {"sequence_id", "step", "recipient_email", "sent_at", NULL};
static const char *const user_key[] = {"user_id", "user_email", "user_name", NULL};

static const struct or_endpoint sequences = {
    .size = sizeof(struct or_endpoint),
    .name = "sequences",
    .table = "sequences",
    .description = "The account's sequences: id, title, whether active, steps, owner",
    .columns = sh_sequences_columns,
    .ncolumns = SH_ARRAY_LEN(sh_sequences_columns),
    .paging = OR_PAGING_MARKER,
    .build_request = sh_sequences_build,
    .parse_page = sh_sequences_parse,
    .error_message = sh_error_message,
    .auth_hint = SH_AUTH_HINT,
    .auth_failure = sh_auth_failure,
};

static const struct or_endpoint team_members = {
    .size = sizeof(struct or_endpoint),
    .name = "team-members",
    .table = "team_members",
    .description = "The account's users: id, name, e-mail, role, status",
    .columns = sh_members_columns,
    .ncolumns = SH_ARRAY_LEN(sh_members_columns),
    .paging = OR_PAGING_MARKER,
    .build_request = sh_members_build,
    .parse_page = sh_members_parse,
    .error_message = sh_error_message,
    .auth_hint = SH_AUTH_HINT,
    .auth_failure = sh_auth_failure,
};

static const struct or_endpoint consolidated_stats = {
    .size = sizeof(struct or_endpoint),
    .name = "consolidated-stats",
    .table = "email_activity",
    .description = "E-mail activity: one row per e-mail sent by a sequence, with opens, "
                   "clicks, replies, bounces and the agency client",
    .columns = sh_activity_columns,
    .ncolumns = SH_ARRAY_LEN(sh_activity_columns),
    .params = sh_cs_params,
    .nparams = SH_ARRAY_LEN(sh_cs_params),
    .paging = OR_PAGING_MARKER,
    .build_request = sh_cs_build,
    .parse_page = sh_cs_parse,
    .error_message = sh_error_message,
    .check_query = sh_cs_check,
    .auth_hint = SH_AUTH_HINT,
    .instances = sh_cs_instances,
    .keeping = OR_KEEP_RECORDS,
    .record_key = email_key,
    .record_day = "sent_at",
    .cumulative = OR_CUMULATIVE_COUNTERS,
    .cumulative_note = "opens, clicks and replies (open_count, last_opened_at, click_count, "
                       "last_clicked_at, replied, replied_at, sentiment) count up to the fetch, "
                       "whatever the period",
    .lookup = &sequences,
    .lookup_needed = sh_needs_sequences,
    .lookup_fallback = "without --param sequence_ids the request cannot be made",
    .auth_failure = sh_auth_failure,
};

static const struct or_endpoint team_stats = {
    .size = sizeof(struct or_endpoint),
    .name = "team-stats",
    .table = "team_stats",
    .description = "Team statistics per user: prospects, e-mails, opens, clicks, replies "
                   "and outcomes, one column per metric the API returns",
    .columns = sh_team_columns,
    .ncolumns = SH_ARRAY_LEN(sh_team_columns),
    .params = sh_ts_params,
    .nparams = SH_ARRAY_LEN(sh_ts_params),
    .paging = OR_PAGING_MARKER,
    .dynamic_columns = 1,
    .build_request = sh_ts_build,
    .parse_page = sh_ts_parse,
    .error_message = sh_error_message,
    .check_query = sh_ts_check,
    .auth_hint = SH_AUTH_HINT,
    .keeping = OR_KEEP_PERIOD,
    .record_key = user_key,
    .lookup = &team_members,
    .lookup_needed = sh_needs_members,
    .lookup_fallback = "without --param user_ids the request cannot be made",
    .auth_failure = sh_auth_failure,
};

static const struct or_endpoint *const endpoints[] = {&consolidated_stats, &team_stats, &sequences,
                                                      &team_members};

static const struct or_provider provider = {
    .size = sizeof(struct or_provider),
    .endpoints = endpoints,
    .nendpoints = SH_ARRAY_LEN(endpoints),
    .default_base_url = "https://open-api.saleshandy.com",
};

/* The keys of [saleshandy] it reads; base_url is the host's. */
static const struct or_config_key *const config_keys[] = {
    OR_CONFIG_KEY(.name = "api_key_env", .type = OR_PARAM_STRING,
                  .default_value = "SALESHANDY_API_KEY",
                  .help = "environment variable that holds the API key", .secret_env = 1),
    OR_CONFIG_KEY(.name = SH_AUTH_KEY, .type = OR_PARAM_ENUM, .default_value = "x-api-key",
                  .choices = "x-api-key,bearer",
                  .help = "how the key is sent: x-api-key header, or Authorization: Bearer"),
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_PROVIDER, .name = "saleshandy", .version = "0.2.0",
                 .description =
                     "Saleshandy cold e-mail: consolidated sequence stats and team stats",
                 .provider = &provider, .config_keys = config_keys,
                 .nconfig_keys = SH_ARRAY_LEN(config_keys));
