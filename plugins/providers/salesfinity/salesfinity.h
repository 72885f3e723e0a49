/* SPDX-License-Identifier: MIT */
/**
 * @file salesfinity.h
 * @brief Private declarations shared by the files of the salesfinity provider.
 *
 * Nothing here is exported: the plugin is built with hidden visibility and
 * the pragma below keeps these symbols hidden even without that flag.  The
 * one exported symbol is `outreport_plugin` in salesfinity.c.
 *
 * Every function is reentrant (build_request and parse_page run on several
 * threads at once): state lives in caller-owned structs, never in globals.
 */
#ifndef SALESFINITY_H
#define SALESFINITY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/** Number of elements of a static array. */
#define SF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/** Default and maximum page size of both endpoints. */
#define SF_PAGE_LIMIT 100

/* ------------------------------------------------------------------------- */
/* Endpoints (call_log.c, list_performance.c); the table is in salesfinity.c  */
/* ------------------------------------------------------------------------- */

/*
 * Array sizes are fixed here so that salesfinity.c can build its static
 * endpoint table from them; a definition with a different number of
 * elements does not compile.
 */

/** Columns of table `calls` (DESIGN.md §6), in order. */
#define SF_CALLS_NCOLUMNS 30
extern const struct or_column sf_calls_columns[SF_CALLS_NCOLUMNS];

/** Parameters of call-log. */
#define SF_CALL_LOG_NPARAMS 19
extern const struct or_param sf_call_log_params[SF_CALL_LOG_NPARAMS];

/** call-log: GET /v1/call-log?limit&page&sort&filters[...]. */
or_build_request_fn sf_call_log_build;
/** call-log: {data: [...], pagination: {total, page, limit, pages}}. */
or_parse_page_fn sf_call_log_parse;
/** call-log: limit 1..100, durations >= 0, min_duration <= max_duration. */
or_check_query_fn sf_call_log_check;

/** Columns of table `list_performance` (DESIGN.md §6), in order. */
#define SF_LIST_PERF_NCOLUMNS 12
extern const struct or_column sf_list_perf_columns[SF_LIST_PERF_NCOLUMNS];

/** Parameters of list-performance. */
#define SF_LIST_PERF_NPARAMS 7
extern const struct or_param sf_list_perf_params[SF_LIST_PERF_NPARAMS];

/** list-performance: GET /v1/analytics/list-performance?page&limit&... */
or_build_request_fn sf_list_perf_build;
/** list-performance: {totalCount, data: [...], page, limit, next, prev}. */
or_parse_page_fn sf_list_perf_parse;
/** list-performance: limit 1..100. */
or_check_query_fn sf_list_perf_check;

/* ------------------------------------------------------------------------- */
/* Error bodies (sf_error.c)                                                  */
/* ------------------------------------------------------------------------- */

/**
 * @brief or_error_message_fn of both endpoints: the vendor's `message`
 * (string or list of strings), else `error` (string, or object with
 * `message`), written as one line to @p buf.
 * @return nonzero if a message was found.
 */
int sf_error_message(const char *body, size_t len, char *buf, size_t n);

/* ------------------------------------------------------------------------- */
/* Page bodies (sf_page.c)                                                    */
/* ------------------------------------------------------------------------- */

/**
 * @brief Decode one page body that must be a JSON object.
 * @param out receives a new reference owned by the caller (json_decref).
 * @return OR_OK, or OR_ERR_PARSE with what is wrong in @p err (the host
 *         prefixes the source and page).
 */
or_status sf_page_load(const char *body, size_t len, json_t **out, char *err, size_t errlen);

/**
 * @brief The array member @p key of @p root, or NULL with OR_ERR_PARSE in
 * @p err naming the field.  The array is borrowed from @p root.
 */
json_t *sf_page_array(json_t *root, const char *key, char *err, size_t errlen);

/**
 * @brief A non-negative whole number from a JSON integer, integral real or
 * decimal string.  @return 1 and sets @p out, or 0 when absent or unusable.
 */
int sf_page_count(const json_t *v, long *out);

/* ------------------------------------------------------------------------- */
/* Cells (sf_cells.c): JSON values to typed columns under DESIGN.md §6 rules  */
/* ------------------------------------------------------------------------- */

/**
 * Per-page state of the row writer: the sink, the fields of unexpected
 * type seen on this page (one warning per page, not per row), and a scratch
 * buffer for lower-cased and joined text that grows once and is reused for
 * every row.  Lives on the stack of parse_page.
 */
struct sf_cells {
    const struct or_host *h;    /**< borrowed host */
    struct or_rows *rows;       /**< borrowed sink of this page */
    const char *endpoint;       /**< endpoint name for the warning */
    long page;                  /**< page number for the warning */
    const char *const *fields;  /**< JSON field name of each warning bit */
    size_t nfields;             /**< number of entries in fields (at most 64) */
    uint64_t bad;               /**< bit i set: fields[i] had an unexpected type */
    long nbad;                  /**< number of values of unexpected type */
    int nomem;                  /**< nonzero: the scratch buffer could not grow */
    char *heap;                 /**< owned scratch buffer, or NULL */
    size_t heapcap;             /**< capacity of heap */
    char small[512];            /**< scratch used while values are short */
};

/** @brief Start a page; @p fields names the warning bits (borrowed, static). */
void sf_cells_init(struct sf_cells *c, const struct or_host *h, struct or_rows *rows,
                   const char *endpoint, long page, const char *const *fields,
                   size_t nfields);

/**
 * @brief End a page: log the one warning if any field had an unexpected
 * type and free the scratch buffer.
 * @return OR_OK, or OR_ERR_NOMEM (message in @p err) if scratch space ran out.
 */
or_status sf_cells_finish(struct sf_cells *c, char *err, size_t errlen);

/** @brief Record a value of unexpected type for warning bit @p bit. */
void sf_cells_bad(struct sf_cells *c, unsigned bit);

/** @brief Nonzero if @p v counts as absent: missing, null, {}, [] or "". */
int sf_is_empty(const json_t *v);

/**
 * @brief Member @p key of @p obj when it is a non-empty object; NULL when
 * absent or empty, and NULL plus a warning on bit @p bit when of another type.
 */
const json_t *sf_object(struct sf_cells *c, const json_t *obj, const char *key,
                        unsigned bit);

/** @brief Text column from a string.  @return 1 if the column was set. */
int sf_text(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/**
 * @brief Text column for identifiers and phone numbers: a string, or an
 * integer written in decimal (vendors send those as numbers now and then).
 */
void sf_id(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Text column from a string, ASCII lower-cased (e-mail addresses). */
void sf_text_lower(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Int column from an integer, a real (rounded) or a decimal string. */
void sf_int(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Real column from a number or a decimal string. */
void sf_real(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Bool column from true/false, 0/1 or "true"/"false". */
void sf_bool(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/** @brief Time column from an ISO 8601 string, via the host's parser. */
void sf_time(struct sf_cells *c, size_t col, const json_t *v, unsigned bit);

/**
 * @brief Text column "first last" from `first_name`/`last_name` of @p person
 * (each trimmed; one alone is fine), falling back to its `name`.  Parts of
 * unexpected type warn on bit @p bit and count as absent.
 */
void sf_person_name(struct sf_cells *c, size_t col, const json_t *person, unsigned bit);

/* ------------------------------------------------------------------------- */
/* Requests (sf_request.c)                                                    */
/* ------------------------------------------------------------------------- */

/** How endpoint parameters are spelled in the query string. */
enum sf_param_style {
    SF_PARAM_FILTERS = 0, /**< filters[name]=v, lists filters[name][]=v (call-log) */
    SF_PARAM_PLAIN        /**< name=v, lists name[]=v (analytics) */
};

/**
 * @brief The value of parameter @p name in @p q (the last one wins), or NULL
 * when it is not given or empty.  Borrowed from @p q.
 */
const char *sf_param(const struct or_query *q, const char *name);

/** @brief 1 for true/yes/on/1, 0 for false/no/off/0 (any case), -1 otherwise. */
int sf_parse_bool(const char *s);

/**
 * @brief Set method and path and add the `x-api-key` header (marked secret)
 * from the host's secret store.
 * @return OR_OK; OR_ERR_AUTH with the host's message when the key is unset.
 */
or_status sf_request_start(const struct or_host *h, struct or_request *req, const char *path,
                           char *err, size_t errlen);

/** @brief Append one query pair, turning a host failure into a message. */
or_status sf_query(const struct or_host *h, struct or_request *req, const char *key,
                   const char *value, char *err, size_t errlen);

/** @brief Append `key=N` for a long value. */
or_status sf_query_long(const struct or_host *h, struct or_request *req, const char *key,
                        long value, char *err, size_t errlen);

/**
 * @brief Append every parameter of @p params given in @p q, in declaration
 * order, except those named in @p skip (NULL-terminated): lists as repeated
 * `[]` pairs, booleans as true/false, the rest verbatim.
 */
or_status sf_query_params(const struct or_host *h, const struct or_query *q,
                          struct or_request *req, const struct or_param *params,
                          size_t nparams, const char *const *skip, enum sf_param_style style,
                          char *err, size_t errlen);

/**
 * @brief Check that integer parameter @p name, when given, lies in
 * [@p lo, @p hi]; stores it (or @p dflt) in @p out.
 * @return OR_OK or OR_ERR_INVALID naming the parameter.
 */
or_status sf_check_int(const struct or_query *q, const char *endpoint, const char *name,
                       long lo, long hi, long dflt, long *out, char *err, size_t errlen);

/**
 * @brief Check that number parameter @p name, when given, is >= 0; stores it
 * in @p out and sets @p given.
 */
or_status sf_check_nonneg(const struct or_query *q, const char *endpoint, const char *name,
                          double *out, int *given, char *err, size_t errlen);

/** @brief Check that every OR_PARAM_BOOL parameter given reads as a boolean. */
or_status sf_check_bools(const struct or_query *q, const char *endpoint,
                         const struct or_param *params, size_t nparams, char *err,
                         size_t errlen);

/* ------------------------------------------------------------------------- */
/* Time (sf_time.c)                                                           */
/* ------------------------------------------------------------------------- */

/**
 * @brief Write instant @p t (Unix seconds) plus @p ms milliseconds as
 * "YYYY-MM-DDTHH:MM:SS.mmmZ", computed in UTC without the C library's zone.
 * @return the length written, or 0 if @p n is too small.
 */
size_t sf_format_utc(int64_t t, int ms, char *buf, size_t n);

#pragma GCC visibility pop

#endif /* SALESFINITY_H */
