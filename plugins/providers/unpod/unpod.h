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
extern const struct or_column up_agent_calls_columns[UP_AGENT_CALLS_NCOLUMNS];

/** Parameters of analytics. */
#define UP_ANALYTICS_NPARAMS 1
extern const struct or_param up_analytics_params[UP_ANALYTICS_NPARAMS];

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
/* Response bodies (up_body.c, up_error.c)                                   */
/* ------------------------------------------------------------------------- */

/**
 * @brief Decode a body that must be a JSON object.  Integers too big for
 * 64 bits do not fail the whole body: it is decoded again with integers as
 * reals, and the cell rules turn those values into NULL.
 * @param out receives a new reference owned by the caller (json_decref).
 * @return OR_OK, or OR_ERR_PARSE with "invalid JSON at line L column C: ..."
 * or "response is not a JSON object" in @p err.
 */
or_status up_body_load(const char *body, size_t len, json_t **out, char *err, size_t errlen);

/**
 * @brief The vendor's message of a decoded body: `message`, else `detail`,
 * else `error` (each a string, a list of strings, or an object holding
 * `message`/`detail`), as one line of valid UTF-8 in @p buf.
 * @return nonzero if a message was found.
 */
int up_vendor_message(const json_t *root, char *buf, size_t n);

/** or_error_message_fn of analytics: up_vendor_message of the decoded body. */
int up_error_message(const char *body, size_t len, char *buf, size_t n);

/* ------------------------------------------------------------------------- */
/* Cells (up_cells.c): JSON values to typed columns under DESIGN.md §6 rules */
/* ------------------------------------------------------------------------- */

/**
 * Per-response state of the row writer: the sink and the fields of
 * unexpected type seen (one warning per response, not one per field).
 * Lives on the stack of parse_page.
 */
struct up_cells {
    const struct or_host *h;    /**< borrowed host */
    struct or_rows *rows;       /**< borrowed sink of this response */
    const char *instance;       /**< space token for the warning, or NULL */
    const char *const *fields;  /**< JSON path of each warning bit (static) */
    size_t nfields;             /**< number of entries in fields (at most 64) */
    uint64_t bad;               /**< bit i set: fields[i] had an unexpected type */
    long nbad;                  /**< number of values of unexpected type */
};

/** @brief Start a response; @p fields names the warning bits. */
void up_cells_init(struct up_cells *c, const struct or_host *h, struct or_rows *rows,
                   const char *instance, const char *const *fields, size_t nfields);

/** @brief End a response: log the one warning if any field had an unexpected type. */
void up_cells_finish(struct up_cells *c);

/** @brief Record a value of unexpected type for warning bit @p bit. */
void up_cells_bad(struct up_cells *c, unsigned bit);

/** @brief Nonzero if @p v counts as absent: missing, null, {}, [] or "". */
int up_is_empty(const json_t *v);

/**
 * @brief Member @p key of @p obj when it is a non-empty object; NULL when
 * absent or empty, and NULL plus a warning on bit @p bit when of another type.
 */
const json_t *up_object(struct up_cells *c, const json_t *obj, const char *key, unsigned bit);

/**
 * @brief A whole number from a JSON integer, an integral real of magnitude
 * below 2^53, or decimal text such as "419" or " 4.19e2 ".
 * @return 1 and sets @p out, or 0 when @p v is none of those.
 */
int up_int_value(const json_t *v, int64_t *out);

/** @brief Int column from up_int_value; empty is NULL, anything else NULL plus a warning. */
void up_int(struct up_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Real column from a number or decimal text; same NULL and warning rules. */
void up_real(struct up_cells *c, size_t col, const json_t *v, unsigned bit);

#pragma GCC visibility pop

#endif /* UNPOD_H */
