/* SPDX-License-Identifier: MIT */
/**
 * @file saleshandy.h
 * @brief Private declarations shared by the files of the saleshandy provider.
 *
 * Nothing here is exported: the plugin is built with hidden visibility and
 * the pragma below keeps these symbols hidden even without that flag.  The
 * one exported symbol is `outreport_plugin` in saleshandy.c.
 *
 * Every function is reentrant (build_request and parse_page may run on
 * several threads at once): state lives in caller-owned structs, never in
 * globals.
 */
#ifndef SALESHANDY_H
#define SALESHANDY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outreport/plugin.h"
#include "orp.h"

#pragma GCC visibility push(hidden)

/** Number of elements of a static array. */
#define SH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------- */
/* Endpoint consolidated-stats (consolidated_stats.c, cs_range.c)             */
/* ------------------------------------------------------------------------- */

/** Columns of table `email_activity` (DESIGN.md §6), in order. */
#define SH_ACTIVITY_NCOLUMNS 26
extern const struct or_column *const sh_activity_columns[SH_ACTIVITY_NCOLUMNS];

/** Parameters of consolidated-stats. */
#define SH_CS_NPARAMS 4
extern const struct or_param *const sh_cs_params[SH_CS_NPARAMS];

/** consolidated-stats: POST /v1/analytics/consolidated-stats with a JSON body. */
or_build_request_fn sh_cs_build;
/** consolidated-stats: {message, payload: {data: [...], hasMore, nextPageNumber}}. */
or_parse_page_fn sh_cs_parse;
/** consolidated-stats: dates given, start within 2 years, end >= start, page_limit 10..500. */
or_check_query_fn sh_cs_check;
/** consolidated-stats: year windows "YYYY-MM-DD..YYYY-MM-DD" for ranges over a year. */
or_instances_fn sh_cs_instances;

/** An inclusive range of days, as days since 1970-01-01. */
struct sh_range {
    int64_t first; /**< first day */
    int64_t last;  /**< last day, inclusive */
};

/**
 * @brief The day range of a consolidated-stats fetch: start_date/end_date
 * parameters, else the period's first/last day; checked against the rules
 * of the API (start at most 2 years before @p today, end not before start).
 * @param today days since 1970-01-01 of the current UTC date.
 * @return OR_OK, or OR_ERR_INVALID with the message in @p err.
 */
or_status sh_cs_range(const struct or_query *q, int64_t today, struct sh_range *r, char *err,
                      size_t errlen);

/**
 * @brief Write the year windows of @p r, one "YYYY-MM-DD..YYYY-MM-DD" per
 * line, or "" when the range fits in one window.  A window runs from its
 * first day to the day before the same date a year later.
 * @return OR_OK, or OR_ERR_INVALID when @p buf is too small.
 */
or_status sh_cs_windows(const struct sh_range *r, char *buf, size_t buflen, char *err,
                        size_t errlen);

/** @brief Parse one window "YYYY-MM-DD..YYYY-MM-DD".  @return 1 on success. */
int sh_cs_parse_window(const char *s, struct sh_range *r);

/* ------------------------------------------------------------------------- */
/* Endpoint team-stats (team_stats.c, ts_records.c, sh_snake.c)               */
/* ------------------------------------------------------------------------- */

/** Fixed columns of table `team_stats`; the rest are discovered from the data. */
#define SH_TEAM_NCOLUMNS 3
extern const struct or_column *const sh_team_columns[SH_TEAM_NCOLUMNS];

/** Parameters of team-stats. */
#define SH_TS_NPARAMS 8
extern const struct or_param *const sh_ts_params[SH_TS_NPARAMS];

/** team-stats: POST /v1/analytics/team/stats with a JSON body. */
or_build_request_fn sh_ts_build;
/** team-stats: whatever list of records comes back (the vendor documents none). */
or_parse_page_fn sh_ts_parse;
/** team-stats: enums, limit, dates. */
or_check_query_fn sh_ts_check;

/**
 * @brief The list of records of a body whose shape is not documented:
 * payload.data, data, payload (when an array), payload.payload, the
 * top-level array, else the first array of objects under any key of
 * payload (sibling endpoints use human-readable keys such as
 * payload["Email Analytics"]).  Borrowed from @p root; NULL when there is none.
 */
json_t *sh_ts_records(json_t *root);

/**
 * @brief Write the records of @p list as rows: user_id/user_name/user_email
 * from the usual keys, every other key as a column found or added with
 * rows_column.  Values of unexpected type are NULL with one warning per page.
 * @return OR_OK, or the sink's error with a message in @p err.
 */
or_status sh_ts_write(const struct or_host *h, struct or_rows *rows, long page, const json_t *list,
                      char *err, size_t errlen);

/** Longest column name sh_snake_case() writes, in bytes. */
#define SH_SNAKE_MAX 128

/**
 * @brief snake_case of a JSON key: camelCase humps and runs of
 * non-alphanumerics become single underscores, ASCII lower-case, no leading
 * or trailing underscore, at most SH_SNAKE_MAX bytes.
 * @param out at least SH_SNAKE_MAX + 1 bytes.
 * @return the length written; 0 when nothing alphanumeric is left.
 */
size_t sh_snake_case(const char *in, size_t inlen, char *out);

/* ------------------------------------------------------------------------- */
/* Lists: endpoints sequences and team-members (sh_lists.c), the lookups that */
/* give the stats endpoints the ids their bodies require                     */
/* ------------------------------------------------------------------------- */

/** Columns of table `sequences`. */
#define SH_SEQUENCES_NCOLUMNS 8
extern const struct or_column *const sh_sequences_columns[SH_SEQUENCES_NCOLUMNS];

/** Columns of table `team_members`. */
#define SH_MEMBERS_NCOLUMNS 5
extern const struct or_column *const sh_members_columns[SH_MEMBERS_NCOLUMNS];

/** sequences: GET /v1/sequences?page&pageSize. */
or_build_request_fn sh_sequences_build;
/** sequences: {message, payload: [{id, title, active, steps, client, user}]}. */
or_parse_page_fn sh_sequences_parse;
/** team-members: GET /v1/team-members?page&pageSize. */
or_build_request_fn sh_members_build;
/** team-members: the first list of records of the body (its shape is undocumented). */
or_parse_page_fn sh_members_parse;

/** lookup_needed of consolidated-stats: the sequence list, unless --param sequence_ids. */
or_lookup_needed_fn sh_needs_sequences;
/** lookup_needed of team-stats: the team members, unless --param user_ids. */
or_lookup_needed_fn sh_needs_members;

/**
 * @brief Set member @p key of @p body to the ids the request requires:
 * parameter @p param when given, else column @p column of the lookup.
 * The API refuses a body without them, so none at all is OR_ERR_INVALID
 * with a message naming --param @p param (and why the lookup gave none).
 */
or_status sh_body_ids(const struct or_host *h, const struct or_query *q, json_t *body,
                      const char *key, const char *param, const char *column, const char *endpoint,
                      char *err, size_t errlen);

/* ------------------------------------------------------------------------- */
/* Dates (sh_date.c, sh_jsdate.c): integer arithmetic, never the C library's   */
/* time zones                                                                  */
/* ------------------------------------------------------------------------- */

/** @brief Days in month @p m of year @p y. */
int sh_days_in_month(int64_t y, int m);

/**
 * @brief Parse "YYYY-MM-DD", optionally followed by 'T' or ' ' and a time
 * (ignored), into days since 1970-01-01.  @return 1 on success.
 */
int sh_parse_day(const char *s, int64_t *days);

/** @brief Write @p days as "YYYY-MM-DD".  @return the length, or 0 if @p n is too small. */
size_t sh_format_day(int64_t days, char *buf, size_t n);

/** @brief The same date @p years later (29 February becomes 1 March). */
int64_t sh_add_years(int64_t days, int years);

/** @brief Today's date in UTC, as days since 1970-01-01. */
int64_t sh_today_utc(void);

/**
 * @brief Parse JavaScript Date.toString() text, e.g. "Thu Dec 18 2024
 * 10:59:29 GMT+5:30 (Asia/Kolkata)": optional weekday, month name, day,
 * year, HH:MM:SS, GMT with an offset (+0530, +5:30, +05:30, +5, -0500, or
 * none), optional "(zone name)".  @p s need not be NUL-terminated.
 * @return 1 and the instant (Unix seconds) in @p out, or 0.
 */
int sh_parse_js_date(const char *s, size_t len, int64_t *out);

/* ------------------------------------------------------------------------- */
/* Cells (sh_cells.c); the generic setters are orp_* (plugins/common)         */
/* ------------------------------------------------------------------------- */

/**
 * @brief Member @p key of @p obj; when there is none, the first member whose
 * name matches @p key ignoring ASCII case.  NULL if @p obj is not an object.
 */
const json_t *sh_field(const json_t *obj, const char *key);

/**
 * @brief sh_field @p key of @p obj when it is a non-empty object; NULL when
 * absent or empty, and NULL plus a warning on bit @p bit when of another type.
 */
const json_t *sh_object(struct orp_cells *c, const json_t *obj, const char *key, unsigned bit);

/** @brief Bool column from "Yes"/"No" (any case, trimmed) or true/false. */
void sh_yes_no(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Time column from Date.toString() text, else ISO 8601 via the host. */
void sh_time(struct orp_cells *c, size_t col, const json_t *v, unsigned bit);

/* ------------------------------------------------------------------------- */
/* Parameters (sh_params.c)                                                   */
/* ------------------------------------------------------------------------- */

/** @brief Check that every OR_PARAM_ENUM parameter given is one of its choices. */
or_status sh_check_enums(const struct or_query *q, const char *endpoint,
                         const struct or_param *const *params, size_t nparams, char *err,
                         size_t errlen);

/**
 * @brief Set member @p key of @p body to the array of the trimmed, non-empty
 * items of comma-separated parameter @p name, when it is given.
 * @return OR_OK, or OR_ERR_NOMEM.
 */
or_status sh_body_list(json_t *body, const char *key, const struct or_query *q, const char *name,
                       char *err, size_t errlen);

/** @brief Set member @p key of @p body to a string.  @return OR_OK or OR_ERR_NOMEM. */
or_status sh_body_string(json_t *body, const char *key, const char *value, char *err,
                         size_t errlen);

/** @brief Set member @p key of @p body to an integer.  @return OR_OK or OR_ERR_NOMEM. */
or_status sh_body_int(json_t *body, const char *key, long value, char *err, size_t errlen);

/* ------------------------------------------------------------------------- */
/* Requests (sh_request.c) and error bodies (sh_error.c)                      */
/* ------------------------------------------------------------------------- */

/** Config key choosing the authentication header, and its accepted values. */
#define SH_AUTH_KEY "auth"
#define SH_AUTH_VALUES "x-api-key (default) or bearer"

/**
 * @brief Check the `auth` config value: unset, "x-api-key" or "bearer".
 * @param bearer set to 1 for "bearer", else 0.
 * @return OR_OK, or OR_ERR_INVALID naming "[saleshandy] auth" and the accepted values.
 */
or_status sh_auth_mode(const struct or_host *h, int *bearer, char *err, size_t errlen);

/**
 * @brief Start a POST to @p path: the authentication header (marked
 * secret), Accept, and @p body serialised as compact JSON.
 * @return OR_OK; OR_ERR_INVALID for a bad `auth`; OR_ERR_AUTH with the
 * host's message when the key is unset; OR_ERR_NOMEM.
 */
or_status sh_request_post(const struct or_host *h, struct or_request *req, const char *path,
                          const json_t *body, char *err, size_t errlen);

/**
 * @brief Start a GET of @p path: the authentication header (marked secret)
 * and Accept, no Content-Type.
 * @return as sh_request_post().
 */
or_status sh_request_get(const struct or_host *h, struct or_request *req, const char *path,
                         char *err, size_t errlen);

/**
 * @brief or_error_message_fn of every endpoint: the vendor's message from
 * any of its error envelopes, {code, type, message}, {statusCode,
 * message|messages} and {error, error_code, error_message}, as one line in
 * @p buf ("1001: Invalid token").
 * @return OR_OK if a message was found, else OR_ERR_NOT_FOUND.
 */
or_status sh_error_message(const char *body, size_t len, char *buf, size_t n);

/**
 * @brief or_auth_failure_fn of every endpoint: 401 and 403, and also 400
 * with "1001: Invalid token" (code 1001, type "auth" or an "Invalid token"
 * message in any envelope): the wrong key Saleshandy answers with a 400.
 */
or_status sh_auth_failure(const struct or_host *h, long http_status, const char *body, size_t len,
                          char *hint, size_t n);

#pragma GCC visibility pop

#endif /* SALESHANDY_H */
