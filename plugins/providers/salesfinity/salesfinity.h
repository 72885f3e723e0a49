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
#include "orp.h"

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

/** Columns of table `calls` (DESIGN.md §6, and the vendor's KPI flags), in order. */
#define SF_CALLS_NCOLUMNS 34
extern const struct or_column *const sf_calls_columns[SF_CALLS_NCOLUMNS];

/** Parameters of call-log. */
#define SF_CALL_LOG_NPARAMS 19
extern const struct or_param *const sf_call_log_params[SF_CALL_LOG_NPARAMS];

/** call-log: GET /v1/call-log?limit&page&sort&filters[...]. */
or_build_request_fn sf_call_log_build;
/** call-log: {data: [...], pagination: {total, page, limit, pages}}. */
or_parse_page_fn sf_call_log_parse;
/** call-log: limit 1..100, durations >= 0, min_duration <= max_duration. */
or_check_query_fn sf_call_log_check;

/** Columns of table `list_performance` (DESIGN.md §6), in order. */
#define SF_LIST_PERF_NCOLUMNS 12
extern const struct or_column *const sf_list_perf_columns[SF_LIST_PERF_NCOLUMNS];

/** Parameters of list-performance. */
#define SF_LIST_PERF_NPARAMS 7
extern const struct or_param *const sf_list_perf_params[SF_LIST_PERF_NPARAMS];

/** list-performance: GET /v1/analytics/list-performance?page&limit&... */
or_build_request_fn sf_list_perf_build;
/** list-performance: {totalCount, data: [...], page, limit, next, prev}. */
or_parse_page_fn sf_list_perf_parse;
/** list-performance: limit 1..100. */
or_check_query_fn sf_list_perf_check;

/** Columns of table `dispositions`, in order. */
#define SF_DISPOSITIONS_NCOLUMNS 5
extern const struct or_column *const sf_dispositions_columns[SF_DISPOSITIONS_NCOLUMNS];

/** dispositions: GET /v1/dispositions. */
or_build_request_fn sf_dispositions_build;
/** dispositions: {data: [{_id, id, name, is_custom, is_required, category}]}. */
or_parse_page_fn sf_dispositions_parse;

/** Columns of table `rep_performance`, in order. */
#define SF_REP_PERF_NCOLUMNS 12
extern const struct or_column *const sf_rep_perf_columns[SF_REP_PERF_NCOLUMNS];

/** Parameters of sdr-performance. */
#define SF_REP_PERF_NPARAMS 6
extern const struct or_param *const sf_rep_perf_params[SF_REP_PERF_NPARAMS];

/** sdr-performance: GET /v1/analytics/sdr-performance?start_date&end_date&timezone&page&limit. */
or_build_request_fn sf_rep_perf_build;
/** sdr-performance: {totalCount, data: [...], page, limit, next, prev}. */
or_parse_page_fn sf_rep_perf_parse;
/** sdr-performance: limit 1..100, a start and an end date. */
or_check_query_fn sf_rep_perf_check;

/* ------------------------------------------------------------------------- */
/* Dispositions and the vendor's KPIs (sf_kpi.c)                              */
/* ------------------------------------------------------------------------- */

/** Most disposition ids `[salesfinity] meeting_dispositions` may list. */
#define SF_MEETING_IDS_MAX 32

/** What the call-log parser needs to classify calls, built once per page. */
struct sf_kpi {
    const struct or_lookup *lookup;          /**< the account's dispositions, or NULL */
    long id_col;                             /**< its `id` column, or -1 */
    long category_col;                       /**< its `category` column, or -1 */
    int64_t meeting_ids[SF_MEETING_IDS_MAX]; /**< dispositions that count as a meeting */
    size_t nmeeting_ids;
};

/**
 * @brief Prepare @p k for a page: the account's disposition list when the
 * host fetched it (ABI 2.2 lookup), and disposition 1 plus
 * `[salesfinity] meeting_dispositions` as meetings.
 */
void sf_kpi_init(const struct or_host *h, const struct or_query *q, struct sf_kpi *k);

/**
 * @brief The category of disposition @p id: from the account's own list
 * when it has one, else from the built-in map of the 14 defaults
 * (positive, neutral, negative, not_answered, cancelled); NULL when unknown.
 */
const char *sf_kpi_category(const struct sf_kpi *k, int64_t id);

/** The vendor's KPI flags of one call. */
struct sf_call_kpi {
    int connected;    /**< a human answered and the disposition's category is an answered one */
    int conversation; /**< connected, and a meeting or 60 s or more */
    int meeting;      /**< disposition 1, or one of meeting_dispositions */
};

/**
 * @brief Classify a call by the vendor's definitions.
 * @param has_disposition 0 when the call has no disposition id.
 * @param human whether answered_by is "human".
 */
struct sf_call_kpi sf_kpi_classify(const struct sf_kpi *k, int has_disposition, int64_t id,
                                   const char *category, int human, int64_t duration_s);

/** lookup_fallback of call-log: what it does without the account's disposition list. */
#define SF_KPI_FALLBACK                                                                            \
    "disposition_category comes from the built-in map of the 14 default dispositions (custom "     \
    "dispositions get none)"

/* ------------------------------------------------------------------------- */
/* Error bodies (sf_error.c)                                                  */
/* ------------------------------------------------------------------------- */

/**
 * @brief or_error_message_fn of both endpoints: the vendor's `message`
 * (string or list of strings), else `error` (string, or object with
 * `message`), written as one line to @p buf.
 * @return OR_OK if a message was found, else OR_ERR_NOT_FOUND.
 */
or_status sf_error_message(const char *body, size_t len, char *buf, size_t n);

/* ------------------------------------------------------------------------- */
/* Page bodies (sf_page.c)                                                    */
/* ------------------------------------------------------------------------- */

/**
 * Reads the paging fields of a decoded page into @p info.
 * @param nrows number of elements of the page's data array.
 * @param limit the page size asked for.
 */
typedef or_status sf_paging_fn(const json_t *root, long page, size_t nrows, long limit,
                               struct or_page_info *info, char *err, size_t errlen);

/** How one endpoint's page becomes rows; static data of each endpoint's file. */
struct sf_table {
    const char *endpoint;      /**< endpoint name, for messages */
    const char *const *fields; /**< JSON field name of each warning bit */
    size_t nfields;            /**< number of warning bits */
    unsigned row_bit;          /**< warning bit of a data[] element that is not an object */
    orp_row_fn *row;           /**< writes the columns of one row */
    sf_paging_fn *paging;      /**< reads the paging fields, or NULL: one page */
    int kpi;                   /**< nonzero: the rows read a struct sf_kpi (orp_cells.user) */
};

/**
 * @brief sf_paging_fn of the analytics endpoints: {totalCount, page, limit,
 * next, prev} at the top level, next null on the last page.
 */
or_status sf_analytics_paging(const json_t *root, long page, size_t nrows, long limit,
                              struct or_page_info *info, char *err, size_t errlen);

/**
 * @brief parse_page of both endpoints: decode @p body (a JSON object), read
 * its paging fields through @p t->paging and write every element of its
 * `data` array as a row through @p t->row.
 * @return OR_OK, OR_ERR_PARSE with what is wrong in @p err (the host
 * prefixes the source and page), or the sink's error.
 */
or_status sf_parse(const struct sf_table *t, const struct or_host *h, const struct or_query *q,
                   long page, const char *body, size_t len, struct or_rows *rows,
                   struct or_page_info *info, char *err, size_t errlen);

/**
 * Defines or_parse_page_fn @p fn as sf_parse with the static sf_table
 * @p table, so an endpoint file states its table and this one line.
 */
#define SF_PARSE_PAGE_FN(fn, table)                                                                \
    or_status fn(const struct or_host *h, const struct or_query *q, long page, const char *body,   \
                 size_t len, struct or_rows *rows, struct or_page_info *info, char *err,           \
                 size_t errlen)                                                                    \
    {                                                                                              \
        return sf_parse(&(table), h, q, page, body, len, rows, info, err, errlen);                 \
    }

/**
 * @brief The array member @p key of @p root, or NULL with OR_ERR_PARSE in
 * @p err naming the field.  The array is borrowed from @p root.
 */
json_t *sf_page_array(json_t *root, const char *key, char *err, size_t errlen);

/* ------------------------------------------------------------------------- */
/* Cells (sf_cells.c); the generic setters are orp_* (plugins/common)         */
/* ------------------------------------------------------------------------- */

/**
 * @brief Text column "first last" from `first_name`/`last_name` of @p person
 * (each trimmed; one alone is fine), falling back to its `name`.  Parts of
 * unexpected type warn on bit @p bit and count as absent.
 */
void sf_person_name(struct orp_cells *c, size_t col, const json_t *person, unsigned bit);

/* ------------------------------------------------------------------------- */
/* Requests (sf_request.c)                                                    */
/* ------------------------------------------------------------------------- */

/** How endpoint parameters are spelled in the query string. */
enum sf_param_style {
    SF_PARAM_FILTERS = 0, /**< filters[name]=v, lists filters[name][]=v (call-log) */
    SF_PARAM_PLAIN        /**< name=v, lists name[]=v (analytics) */
};

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
or_status sf_query_params(const struct or_host *h, const struct or_query *q, struct or_request *req,
                          const struct or_param *const *params, size_t nparams,
                          const char *const *skip, enum sf_param_style style, char *err,
                          size_t errlen);

/**
 * @brief Check that number parameter @p name, when given, is >= 0; stores it
 * in @p out and sets @p given.
 */
or_status sf_check_nonneg(const struct or_query *q, const char *endpoint, const char *name,
                          double *out, int *given, char *err, size_t errlen);

/**
 * @brief The dates of an analytics request: start_date/end_date parameters,
 * else the period's first and last day.  The API takes both (older docs mark
 * them required), so a fetch without either is refused before any request.
 * @return OR_OK with both set, or OR_ERR_INVALID naming the parameters to give.
 */
or_status sf_analytics_dates(const struct or_query *q, const char *endpoint, const char **start,
                             const char **end, char *err, size_t errlen);

/**
 * @brief The checks of an analytics endpoint (check_query and before a
 * request): `limit` 1 to 100 (default 100) into @p limit, and the dates
 * (::sf_analytics_dates) into @p start and @p end (each may be NULL).
 */
or_status sf_analytics_check(const struct or_query *q, const char *endpoint, long *limit,
                             const char **start, const char **end, char *err, size_t errlen);

/**
 * @brief The request of an analytics endpoint: GET @p path with page,
 * limit, start_date, end_date, timezone, then the other parameters of
 * @p params; bad parameters are refused before anything is built.
 */
or_status sf_analytics_build(const struct or_host *h, const struct or_query *q,
                             struct or_request *req, const char *endpoint, const char *path,
                             long page, const struct or_param *const *params, size_t nparams,
                             char *err, size_t errlen);

/** @brief Check that every OR_PARAM_BOOL parameter given reads as a boolean. */
or_status sf_check_bools(const struct or_query *q, const char *endpoint,
                         const struct or_param *const *params, size_t nparams, char *err,
                         size_t errlen);

#pragma GCC visibility pop

#endif /* SALESFINITY_H */
