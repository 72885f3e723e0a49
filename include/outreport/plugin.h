/* SPDX-License-Identifier: MIT */
/**
 * @file plugin.h
 * @brief The outreport plugin ABI: what a provider or renderer plugin sees.
 *
 * A plugin is a shared object exporting exactly one symbol,
 * ::OR_PLUGIN_ENTRY_NAME ("outreport_plugin"), a function returning a
 * pointer to a static, constant ::or_plugin descriptor.  The host dlopen()s
 * every `.so` on its plugin path, calls the entry, and refuses a descriptor
 * whose `abi` differs from ::OR_ABI_VERSION.
 *
 * Plugins never link against the executable.  Every host service (logging,
 * configuration, secrets, HTTP request building, the table row sink, time
 * formatting) reaches them through the ::or_host function table passed to
 * each call, so a test can drive a plugin with a fake host.
 *
 * Providers describe endpoints and two pure-ish callbacks: build the request
 * for page N, and parse one page response into rows.  The host runs the
 * paging loop, HTTP, retries, recording and the dataset.  Renderers receive
 * an evaluated ::or_report and write one document to a path the host gives
 * them (a temporary file the host renames on success).
 *
 * Versioning: structs are append-only.  New members go last with a
 * `since ABI N` comment; ::OR_ABI_VERSION changes only when something is
 * reordered or removed.  Strings are UTF-8.  Instants are `int64_t` Unix
 * seconds (UTC).
 */
#ifndef OUTREPORT_PLUGIN_H
#define OUTREPORT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** ABI version a plugin is built against; the loader requires equality. */
#define OR_ABI_VERSION 1

/** Name of the one symbol every plugin exports. */
#define OR_PLUGIN_ENTRY_NAME "outreport_plugin"

/** Marks the entry function as exported from a plugin built with hidden visibility. */
#define OR_EXPORT __attribute__((visibility("default")))

/* ------------------------------------------------------------------------- */
/* Shared vocabulary                                                          */
/* ------------------------------------------------------------------------- */

/** Column types of the dataset (DESIGN.md §6). */
enum or_type {
    OR_TYPE_TEXT = 0, /**< UTF-8 text */
    OR_TYPE_INT,      /**< 64-bit integer */
    OR_TYPE_REAL,     /**< double */
    OR_TYPE_BOOL,     /**< 0 or 1 */
    OR_TYPE_TIME,     /**< an instant, Unix seconds; shown in the report's zone */
    OR_TYPE_COUNT
};

/** One column of a table schema.  Plugins declare these as static data. */
struct or_column {
    const char *name;        /**< snake_case column name */
    enum or_type type;       /**< storage and display type */
    const char *description; /**< one line for `outreport plugins` */
};

/** Parameter types of an endpoint. */
enum or_param_type {
    OR_PARAM_STRING = 0,  /**< free text */
    OR_PARAM_INT,         /**< integer */
    OR_PARAM_NUMBER,      /**< number (integer or decimal) */
    OR_PARAM_BOOL,        /**< true/false */
    OR_PARAM_DATE,        /**< YYYY-MM-DD or ISO 8601 date-time */
    OR_PARAM_ENUM,        /**< one of `choices` */
    OR_PARAM_STRING_LIST, /**< comma-separated list of strings */
    OR_PARAM_INT_LIST,    /**< comma-separated list of integers */
    OR_PARAM_COUNT
};

/** One parameter an endpoint accepts via `--param KEY=VALUE`. */
struct or_param {
    const char *name;        /**< key as typed after --param */
    enum or_param_type type; /**< the host validates values against it */
    int required;            /**< nonzero: the host refuses a fetch without it */
    const char *description; /**< one line for `outreport plugins` */
    const char *choices;     /**< OR_PARAM_ENUM: comma-separated values; else NULL */
};

/** Log levels for ::or_host.log. */
enum or_log_level { OR_LOG_ERROR = 0, OR_LOG_WARN, OR_LOG_INFO, OR_LOG_DEBUG };

/* Opaque host objects; plugins only hold pointers to them. */
struct or_request; /**< an HTTP request being built (host-owned) */
struct or_rows;    /**< the row sink of one page (host-owned) */
struct or_cursor;  /**< a result-set cursor handed to renderers (host-owned) */

/** One parameter value after validation.  Borrowed for the call's duration. */
struct or_param_value {
    const char *name;  /**< parameter name */
    const char *value; /**< raw text as given (lists stay comma-separated) */
};

/**
 * What a fetch is about: the period, zone and parameters.  Built by the host;
 * borrowed by the provider for the duration of one call.
 */
struct or_query {
    int64_t period_start;  /**< inclusive instant; 0 when no period was given */
    int64_t period_end;    /**< exclusive instant; 0 when no period was given */
    const char *first_day; /**< YYYY-MM-DD local date of period_start, or NULL */
    const char *last_day;  /**< YYYY-MM-DD local date of the last day inside, or NULL */
    const char *tz;        /**< the report's IANA zone, e.g. "Europe/Berlin" */
    size_t nparams;        /**< number of entries in params */
    const struct or_param_value *params; /**< validated endpoint parameters */
    const char *instance;                /**< per-request instance value (e.g. one space token)
                                              when the endpoint declared `instances_key`; else NULL */
};

/** What the provider learned about paging from one page. */
struct or_page_info {
    long total_pages; /**< pages in all, when the response says; else -1 */
    long total_rows;  /**< rows in all, when the response says; else -1 */
    int has_more;     /**< 1 when a next page exists (marker-style paging) */
    long next_page;   /**< the page number to ask for next, or -1 */
    long page;        /**< the page number the response claims to be, or -1 */
};

/* ------------------------------------------------------------------------- */
/* Report model handed to renderers                                          */
/* ------------------------------------------------------------------------- */

/** Presentation formats of a column (templates, DESIGN.md issue 4). */
enum or_format {
    OR_FMT_AUTO = 0, /**< from the type */
    OR_FMT_INTEGER,
    OR_FMT_DECIMAL,
    OR_FMT_PERCENT,
    OR_FMT_DURATION, /**< seconds shown as h:mm:ss */
    OR_FMT_DATE,
    OR_FMT_DATETIME,
    OR_FMT_TEXT,
    OR_FMT_COUNT
};

/** A column of a result set as a renderer sees it. */
struct or_result_column {
    const char *name;      /**< column name */
    const char *label;     /**< display label (defaults to name) */
    enum or_type type;     /**< value type */
    enum or_format format; /**< display format */
    int align;             /**< 0 auto, 1 left, 2 right, 3 centre */
};

/** One cell value.  Text is borrowed until the next cursor step. */
struct or_value {
    enum or_type type; /**< type of the column */
    int is_null;       /**< nonzero: NULL, the other members are meaningless */
    int64_t i;         /**< INT, BOOL (0/1) and TIME (Unix seconds) */
    double r;          /**< REAL */
    const char *s;     /**< TEXT, NUL-terminated UTF-8 */
    size_t len;        /**< TEXT length in bytes */
};

/** A typed result set: columns plus a cursor the renderer steps with the host. */
struct or_result {
    size_t ncols;                        /**< number of columns */
    const struct or_result_column *cols; /**< borrowed column descriptions */
    int64_t nrows;                       /**< total rows, known in advance; -1 while
                                              streaming to a renderer that
                                              declares ::or_renderer.streams */
    struct or_cursor *cursor;            /**< step with ::or_host.cursor_next */
};

/** Kinds of report sections. */
enum or_section_kind {
    OR_SECTION_TABLE = 0,
    OR_SECTION_KPIS,
    OR_SECTION_CHART,
    OR_SECTION_TEXT,
    OR_SECTION_PAGE_BREAK,
    OR_SECTION_KIND_COUNT
};

/** Chart kinds (DESIGN.md §8; templates issue). */
enum or_chart_kind {
    OR_CHART_BAR = 0,     /**< one series, vertical bars */
    OR_CHART_GROUPED_BAR, /**< several series side by side per category */
    OR_CHART_STACKED_BAR, /**< several series stacked per category */
    OR_CHART_LINE,        /**< one or more series as lines over the categories */
    OR_CHART_DONUT,       /**< one series as shares of a ring */
    OR_CHART_FUNNEL,      /**< one series of decreasing stages */
    OR_CHART_KIND_COUNT
};

/**
 * A chart over a section's result: the category column and the value
 * columns (series) by index into the result's columns.
 */
struct or_chart {
    enum or_chart_kind kind;   /**< what to draw */
    size_t x_col;              /**< category (label) column */
    size_t nseries;            /**< number of value columns */
    const size_t *series_cols; /**< value columns; their labels name the series */
    const char *x_label;       /**< axis title or NULL */
    const char *y_label;       /**< axis title or NULL */
    int horizontal;            /**< bars grow to the right (long category names) */
};

/** One KPI tile: a value, the previous period's value, and how to show them. */
struct or_kpi {
    const char *label;     /**< e.g. "Calls" */
    enum or_format format; /**< integer, percent (value 0.25 = 25 %), duration, ... */
    int has_value;         /**< zero: no data (shown as "–") */
    double value;          /**< this period */
    int has_previous;      /**< zero: no comparison */
    double previous;       /**< the comparison period */
    int lower_is_better;   /**< nonzero: a fall is good news (e.g. bounce rate) */
};

/** One evaluated section of a report. */
struct or_section {
    enum or_section_kind kind;    /**< what it is */
    const char *id;               /**< stable identifier (file and sheet names) */
    const char *title;            /**< heading shown in documents */
    const char *unavailable;      /**< non-NULL: "data unavailable: <reason>" */
    struct or_result *result;     /**< the data (TABLE, CHART), or NULL */
    const char *description;      /**< subtitle under the heading, or NULL */
    const char *text;             /**< TEXT: the evaluated paragraph(s), '\n' separates */
    const struct or_chart *chart; /**< CHART: what to draw from result */
    size_t nkpis;                 /**< KPIS: number of tiles */
    const struct or_kpi *kpis;    /**< KPIS: the tiles */
    int landscape;                /**< a wide table: its pages go landscape */
};

/** Status of one source of the report, for the first page of every document. */
struct or_source_status {
    const char *name;   /**< alias or provider.endpoint */
    const char *status; /**< "ok", "retried", "failed" */
    const char *detail; /**< reason or NULL */
    int64_t rows;       /**< rows fetched */
};

/** The evaluated report every renderer receives.  Borrowed for one render call. */
struct or_report {
    const char *title;                      /**< report title */
    const char *tz;                         /**< the report's IANA zone */
    const char *period_label;               /**< human period label */
    int64_t period_start;                   /**< inclusive instant (0 if none) */
    int64_t period_end;                     /**< exclusive instant (0 if none) */
    int partial;                            /**< nonzero: the period is not over yet */
    int64_t generated_at;                   /**< generation instant (SOURCE_DATE_EPOCH when set) */
    size_t nsections;                       /**< number of sections */
    const struct or_section *sections;      /**< in document order */
    size_t nsources;                        /**< number of sources */
    const struct or_source_status *sources; /**< per-source status */
    const char *description;                /**< one paragraph under the title, or NULL */
    const char *author;                     /**< document author ([report] author), or NULL */
};

/** A renderer option after validation (`--option KEY=VALUE`, config). */
struct or_option {
    const char *name;
    const char *value;
};

/* ------------------------------------------------------------------------- */
/* Host services                                                             */
/* ------------------------------------------------------------------------- */

/**
 * The host's function table, passed to every plugin call.  Borrowed: valid
 * for the duration of the call.  All members are always set.
 */
struct or_host {
    uint32_t size; /**< sizeof(struct or_host) of the host; check before using newer members */
    uint32_t abi;  /**< OR_ABI_VERSION of the host */

    /** Log one line, prefixed by the plugin's name.  Secrets are redacted by the host. */
    void (*log)(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

    /**
     * Look up a config value of the plugin's own section (the provider's
     * name), e.g. "base_url".  Returns a borrowed string, or NULL if unset.
     */
    const char *(*config_get)(const struct or_host *h, const char *key);

    /**
     * Read the secret named by config key @p env_key_name (e.g. "api_key_env")
     * of the plugin's section, falling back to @p default_env, from the
     * environment.  The host registers the value for redaction.  Returns a
     * borrowed string or NULL with @p err naming the variable to set.
     */
    const char *(*secret_get)(const struct or_host *h, const char *env_key_name,
                              const char *default_env, char *err, size_t errlen);

    /* Request building (provider.build_request) */

    /** Set method ("GET", "POST") and path (appended to base_url, e.g. "/v1/call-log"). */
    or_status (*req_set)(struct or_request *r, const char *method, const char *path);
    /** Append a query parameter; the host percent-encodes key and value. */
    or_status (*req_query)(struct or_request *r, const char *key, const char *value);
    /** Add a header; @p secret nonzero marks it for redaction and keeps it out of recordings. */
    or_status (*req_header)(struct or_request *r, const char *name, const char *value, int secret);
    /** Set the request body (copied), e.g. JSON with "application/json". */
    or_status (*req_body)(struct or_request *r, const char *body, size_t len,
                          const char *content_type);

    /* Row sink (provider.parse_page) */

    /** Start a new row; every column starts NULL. */
    or_status (*row_begin)(struct or_rows *rows);
    /**
     * Set a text column: @p len bytes from @p s are copied (s need not be
     * NUL-terminated, so a slice of a longer string is fine).  NULL and ""
     * map to NULL per DESIGN.md §6.
     */
    void (*set_text)(struct or_rows *rows, size_t col, const char *s, size_t len);
    /** Set an int or bool column. */
    void (*set_int)(struct or_rows *rows, size_t col, int64_t v);
    /** Set a real column. */
    void (*set_real)(struct or_rows *rows, size_t col, double v);
    /** Set a time column (Unix seconds). */
    void (*set_time)(struct or_rows *rows, size_t col, int64_t t);
    /** Finish the row. */
    or_status (*row_end)(struct or_rows *rows);
    /**
     * Find or add a column by name at parse time (for endpoints whose schema
     * is discovered from the data).  Returns the column index, or -1 on error.
     */
    long (*rows_column)(struct or_rows *rows, const char *name, enum or_type type);

    /* Time helpers */

    /** Parse ISO 8601 ("...Z", offsets, fractions, date-only = midnight in the report zone). */
    or_status (*parse_iso8601)(const struct or_host *h, const char *s, int64_t *out);
    /** Format an instant as ISO 8601 with offset in the report's zone. Returns length or 0. */
    size_t (*format_time)(const struct or_host *h, int64_t t, char *buf, size_t n);
    /**
     * Local wall-clock parts of an instant in the report's zone: year, month,
     * day, hour, minute, second and the UTC offset in seconds.
     */
    void (*local_time)(const struct or_host *h, int64_t t, int parts[6], int32_t *utc_offset);

    /* Result cursors (renderers) */

    /**
     * Step a cursor: fills @p row with ncols values and returns 1, returns 0
     * at the end, -1 on error (with a logged message).  Values are borrowed
     * until the next call.
     */
    int (*cursor_next)(struct or_cursor *c, struct or_value *row);
    /** Rewind a cursor to its first row; OR_OK or an error. */
    or_status (*cursor_rewind)(struct or_cursor *c);

    void *host_data; /**< private to the host */
};

/* ------------------------------------------------------------------------- */
/* Providers                                                                  */
/* ------------------------------------------------------------------------- */

/** How an endpoint pages; the host runs the loop. */
enum or_paging {
    OR_PAGING_NONE = 0, /**< one request, no paging */
    OR_PAGING_PAGES,    /**< first page says how many pages: the rest are fetched concurrently */
    OR_PAGING_MARKER    /**< only a next/hasMore marker: pages are fetched one after another */
};

/**
 * Build the request for page @p page (1-based) of an endpoint.
 * MUST be set.  Called by the host from its fetch loop, possibly from
 * several threads at once: it must not keep state between calls.
 */
typedef or_status or_build_request_fn(const struct or_host *h, const struct or_query *q, long page,
                                      struct or_request *req, char *err, size_t errlen);

/**
 * Parse one page response body into rows.  MUST be set.  Called by the
 * host once per page, possibly from several threads at once (each with its
 * own @p rows).  Fills @p info with what the page says about paging.
 * Returns OR_ERR_PARSE with a message naming the field on malformed input;
 * the host prefixes messages with the source and page, so they say only what
 * is wrong ("invalid JSON at line 1 column 5: ...").
 */
typedef or_status or_parse_page_fn(const struct or_host *h, const struct or_query *q, long page,
                                   const char *body, size_t len, struct or_rows *rows,
                                   struct or_page_info *info, char *err, size_t errlen);

/**
 * Turn an HTTP error body into the vendor's own message.  MAY be set.  Writes
 * at most @p n bytes to @p buf; returns nonzero if it found a message.
 */
typedef int or_error_message_fn(const char *body, size_t len, char *buf, size_t n);

/**
 * Check parameters before any request (e.g. date rules).  MAY be set.
 * Returns OR_ERR_INVALID with a message naming the parameter.
 */
typedef or_status or_check_query_fn(const struct or_host *h, const struct or_query *q, char *err,
                                    size_t errlen);

/**
 * Split one fetch into several instances (e.g. one per space token, or date
 * windows of at most a year).  MAY be set.  Writes the instances, one per
 * line ('\n'-separated), into @p buf; the host then runs the paging loop
 * once per instance with q->instance set, and all rows go into one table.
 * Writing an empty string means one fetch with q->instance NULL.
 */
typedef or_status or_instances_fn(const struct or_host *h, const struct or_query *q, char *buf,
                                  size_t buflen, char *err, size_t errlen);

/** One endpoint of a provider: a table, its schema, its parameters, its callbacks. */
struct or_endpoint {
    const char *name;                   /**< e.g. "call-log"; SOURCE is provider.name */
    const char *table;                  /**< dataset table name, e.g. "calls" */
    const char *description;            /**< one line */
    const struct or_column *columns;    /**< schema, in column order */
    size_t ncolumns;                    /**< number of columns */
    const struct or_param *params;      /**< accepted parameters */
    size_t nparams;                     /**< number of parameters */
    enum or_paging paging;              /**< paging style */
    int dynamic_columns;                /**< nonzero: columns may be added via rows_column */
    or_build_request_fn *build_request; /**< MUST */
    or_parse_page_fn *parse_page;       /**< MUST */
    or_error_message_fn *error_message; /**< MAY */
    or_check_query_fn *check_query;     /**< MAY */
    const char *instances_key;          /**< MAY: config key or param listing instances
                                             (comma-separated); one fetch per instance */
    const char *auth_hint;      /**< MAY: config key naming the credential, for 401 messages */
    or_instances_fn *instances; /**< MAY: computes instances; wins over instances_key */
};

/** Provider part of a descriptor. */
struct or_provider {
    const struct or_endpoint *endpoints; /**< the endpoints */
    size_t nendpoints;                   /**< number of endpoints */
    const char *default_base_url;        /**< used when config has no base_url */
};

/* ------------------------------------------------------------------------- */
/* Renderers                                                                  */
/* ------------------------------------------------------------------------- */

/**
 * Render @p report into the file at @p path (a temporary path the host
 * renames on success and removes on failure).  MUST be set.
 */
typedef or_status or_render_fn(const struct or_host *h, const struct or_report *report,
                               const char *path, const struct or_option *options, size_t noptions,
                               char *err, size_t errlen);

/** Renderer part of a descriptor. */
struct or_renderer {
    const char *format;             /**< e.g. "csv"; also the file extension */
    const char *mime_type;          /**< e.g. "text/csv" */
    const struct or_param *options; /**< accepted options */
    size_t noptions;                /**< number of options */
    or_render_fn *render;           /**< MUST */
    /**
     * MAY (since ABI 1): nonzero promises that render() steps each TABLE
     * section's cursor once, from its first row to its end (a rewind before
     * the first step is allowed), never reads a TABLE result's `nrows`, and
     * reads or_report.sources only after its cursors have ended.  The host
     * may then hand it rows while they are still being fetched, with `nrows`
     * set to -1 (`outreport fetch` does).
     */
    int streams;
};

/* ------------------------------------------------------------------------- */
/* The descriptor                                                             */
/* ------------------------------------------------------------------------- */

/** Plugin kinds. */
enum or_plugin_kind { OR_PLUGIN_PROVIDER = 1, OR_PLUGIN_RENDERER = 2 };

/** What the entry symbol returns: static, constant, owned by the plugin. */
struct or_plugin {
    uint32_t abi;                       /**< OR_ABI_VERSION the plugin was built against */
    enum or_plugin_kind kind;           /**< provider or renderer */
    const char *name;                   /**< unique name, e.g. "salesfinity", "csv" */
    const char *version;                /**< plugin version */
    const char *description;            /**< one line */
    const struct or_provider *provider; /**< set for providers */
    const struct or_renderer *renderer; /**< set for renderers */
};

/** Type of the entry function; a plugin defines it with ::OR_EXPORT. */
typedef const struct or_plugin *or_plugin_entry_fn(void);

#ifdef __cplusplus
}
#endif

#endif /* OUTREPORT_PLUGIN_H */
