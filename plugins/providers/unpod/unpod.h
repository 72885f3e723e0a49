/* SPDX-License-Identifier: MIT */
/**
 * @file unpod.h
 * @brief Private declarations shared by the files of the unpod provider.
 *
 * Nothing here is exported: the plugin is built with hidden visibility and
 * the pragma below keeps these symbols hidden even without that flag.  The
 * one exported symbol is `outreport_plugin` in unpod.c.
 *
 * Every function is reentrant (the host may call build_request and
 * parse_page from several threads): state lives in caller-owned structs,
 * never in globals.
 */
#ifndef UNPOD_H
#define UNPOD_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outreport/plugin.h"
#include "orp.h"

#pragma GCC visibility push(hidden)

/** Number of elements of a static array. */
#define UP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/** Prefix of every message, as in the config section name. */
#define UP_NAME "[unpod]"

/** Product-Id header when config product_id is unset (the documented default). */
#define UP_DEFAULT_PRODUCT_ID "unpod.dev"

/** Environment variable holding the key when config api_key_env is unset. */
#define UP_DEFAULT_TOKEN_ENV "UNPOD_TOKEN"

/** Config key naming the credential, shown by the host after a 401/403. */
#define UP_AUTH_HINT "[unpod] api_key_env (default UNPOD_TOKEN)"

/** Longest space token accepted (the documented example has 24 characters). */
#define UP_TOKEN_MAX 128

/* ------------------------------------------------------------------------- */
/* Endpoint analytics (analytics.c); the endpoint table is in unpod.c        */
/* ------------------------------------------------------------------------- */

/** Columns of table `agent_calls` (DESIGN.md §6, then the flat shape's and space_name), in order.
 */
#define UP_AGENT_CALLS_NCOLUMNS 18
extern const struct or_column *const up_agent_calls_columns[UP_AGENT_CALLS_NCOLUMNS];

/** Parameters of analytics. */
#define UP_ANALYTICS_NPARAMS 1
extern const struct or_param *const up_analytics_params[UP_ANALYTICS_NPARAMS];

/** analytics: {status_code, message, data: {call_analytics, call_status}} into one row. */
or_parse_page_fn up_analytics_parse;

/* ------------------------------------------------------------------------- */
/* Endpoints spaces (up_spaces.c) and call-logs (call_logs.c)                */
/* ------------------------------------------------------------------------- */

/** Columns of table `spaces`. */
#define UP_SPACES_NCOLUMNS 5
extern const struct or_column *const up_spaces_columns[UP_SPACES_NCOLUMNS];

/** spaces: GET /api/v2/platform/spaces/. */
or_build_request_fn up_spaces_build;
/** spaces: {count, status_code, message, data: [{id, name, token, ...}]}. */
or_parse_page_fn up_spaces_parse;

/** lookup_needed of analytics: only when a space reported has no name in [unpod] space_names. */
or_lookup_needed_fn up_needs_spaces;

/**
 * @brief The name of space @p token: from `[unpod] space_names`
 * (TOKEN=Name,...), else from the spaces lookup; NULL when neither has one.
 * Writes into @p buf (at least 256 bytes) when it comes from the config.
 */
const char *up_space_name(const struct or_host *h, const struct or_query *q, const char *token,
                          char *buf, size_t n);

/** Columns of table `agent_call_log`. */
#define UP_CALL_LOG_NCOLUMNS 10
extern const struct or_column *const up_call_log_columns[UP_CALL_LOG_NCOLUMNS];

/** Parameters of call-logs. */
#define UP_CALL_LOG_NPARAMS 5
extern const struct or_param *const up_call_log_params[UP_CALL_LOG_NPARAMS];

/** call-logs: GET /api/v2/platform/call-logs/?page&page_size&start_date&end_date... */
or_build_request_fn up_call_log_build;
/** call-logs: {count, status_code, message, data: [...]}; pages from count. */
or_parse_page_fn up_call_log_parse;
/** call-logs: page_size 1..100. */
or_check_query_fn up_call_log_check;

/**
 * @brief A call duration in whole seconds: an integer (or integral number,
 * or decimal text) of seconds, or "H:MM:SS" / "M:SS" text.
 * @return 1 and @p out, or 0.
 */
int up_duration(const json_t *v, int64_t *out);

/**
 * @brief Decode a response and check its status_code (a value other than
 * 200 in an HTTP 200 body is an error with the vendor's message).
 * @param what the endpoint, for orp_page_load()'s warnings.
 * @param root receives the decoded object (json_decref()).
 * @return OR_OK, OR_ERR_PARSE or OR_ERR_HTTP with @p err set.
 */
or_status up_page_open(const struct or_host *h, const char *what, const char *body, size_t len,
                       unsigned opts, json_t **root, char *err, size_t errlen);

/* ------------------------------------------------------------------------- */
/* Authorization (up_auth.c)                                                 */
/* ------------------------------------------------------------------------- */

/**
 * @brief The scheme of `[unpod] auth`: "Token" (token, the default) or
 * "jwt".  @return OR_OK, or OR_ERR_INVALID naming the key.
 */
or_status up_auth_scheme(const struct or_host *h, const char **scheme, char *err, size_t errlen);

/**
 * @brief The Authorization value: @p secret as given when it starts with a
 * scheme word ("Token abc"), else "@p scheme @p secret".  malloc'd; NULL
 * when out of memory.
 */
char *up_authorization(const char *scheme, const char *secret);

/** @brief What to check after a refused credential: the scheme sent and how to switch. */
void up_auth_hint(const struct or_host *h, char *buf, size_t n);

/** or_auth_failure_fn of every endpoint: 401 and 403 with up_auth_hint(). */
or_status up_auth_failure(const struct or_host *h, long http_status, const char *body, size_t len,
                          char *hint, size_t n);

/* ------------------------------------------------------------------------- */
/* Requests and instances (up_request.c)                                     */
/* ------------------------------------------------------------------------- */

/**
 * @brief Check the settings (base_url, org_handle, product_id, auth, the
 * instance) and start a GET of @p path with the Org-Handle, Product-Id,
 * accept and (secret) Authorization headers.
 */
or_status up_request_start(const struct or_host *h, const struct or_query *q,
                           struct or_request *req, const char *path, char *err, size_t errlen);

/**
 * analytics: GET /api/v2/platform/organisation/analytics/[?space_token=T]
 * with the Org-Handle, Product-Id, accept and (secret) Authorization headers.
 */
or_build_request_fn up_analytics_build;

/**
 * analytics: one instance per space token, from param space_token, else
 * config space_tokens; none means one organisation-wide fetch.
 */
or_instances_fn up_analytics_instances;

/* ------------------------------------------------------------------------- */
/* Space tokens (up_token.c)                                                 */
/* ------------------------------------------------------------------------- */

/** @brief 1 if @p s (@p len bytes) is 1..UP_TOKEN_MAX characters of [A-Za-z0-9_-]. */
int up_token_valid(const char *s, size_t len);

/**
 * @brief Write "[unpod] space token "T" (from WHERE) is not valid: ..." to
 * @p err, showing at most a short, printable excerpt of the token.
 */
void up_token_error(const char *s, size_t len, const char *where, char *err, size_t errlen);

/* ------------------------------------------------------------------------- */
/* Error bodies (up_error.c)                                                 */
/* ------------------------------------------------------------------------- */

/**
 * @brief The vendor's message of a decoded body: `message`, else `detail`,
 * else `error` (each a string, a list of strings, or an object holding
 * `message`/`detail`), as one line of valid UTF-8 in @p buf.
 * @return nonzero if a message was found.
 */
int up_vendor_message(const json_t *root, char *buf, size_t n);

/** or_error_message_fn of analytics: up_vendor_message of the decoded body. */
or_status up_error_message(const char *body, size_t len, char *buf, size_t n);

/*
 * Response bodies are decoded by orp_page_load and cells are written by the
 * orp_* setters of plugins/common (DESIGN.md §6 NULL rules, one warning per
 * response).
 */

#pragma GCC visibility pop

#endif /* UNPOD_H */
