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

/** Environment variable holding the JWT when config api_key_env is unset. */
#define UP_DEFAULT_TOKEN_ENV "UNPOD_TOKEN"

/** Config key naming the credential, shown by the host after a 401/403. */
#define UP_AUTH_HINT "[unpod] api_key_env (default UNPOD_TOKEN)"

/** Longest space token accepted (the documented example has 24 characters). */
#define UP_TOKEN_MAX 128

/* ------------------------------------------------------------------------- */
/* Endpoint analytics (analytics.c); the endpoint table is in unpod.c        */
/* ------------------------------------------------------------------------- */

/** Columns of table `agent_calls` (DESIGN.md §6), in order. */
#define UP_AGENT_CALLS_NCOLUMNS 15
extern const struct or_column *const up_agent_calls_columns[UP_AGENT_CALLS_NCOLUMNS];

/** Parameters of analytics. */
#define UP_ANALYTICS_NPARAMS 1
extern const struct or_param *const up_analytics_params[UP_ANALYTICS_NPARAMS];

/** analytics: {status_code, message, data: {call_analytics, call_status}} into one row. */
or_parse_page_fn up_analytics_parse;

/* ------------------------------------------------------------------------- */
/* Requests and instances (up_request.c)                                     */
/* ------------------------------------------------------------------------- */

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
