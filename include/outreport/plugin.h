/* SPDX-License-Identifier: MIT */
/**
 * @file plugin.h
 * @brief The outreport plugin ABI: what a provider or renderer plugin sees.
 *
 * A plugin is a shared object exporting exactly one symbol,
 * ::OR_PLUGIN_ENTRY_NAME ("outreport_plugin"), a function returning a
 * pointer to a static, constant ::or_plugin descriptor.  Write it with
 * ::OR_PLUGIN_DEFINE, never by hand: the macro stamps the ABI version and
 * the descriptor's size.  The host dlopen()s every `.so` on its plugin path,
 * calls the entry and checks the descriptor before anything else.
 *
 * Plugins never link against the executable.  Every host service (logging,
 * configuration, secrets, HTTP request building, the row sink, time
 * formatting, result cursors) reaches them through the ::or_host function
 * table passed to each call, so a test can drive a plugin with a fake host.
 *
 * Providers describe endpoints and two callbacks: build the request for
 * page N, and parse one page response into rows.  The host runs the paging
 * loop, HTTP, retries, recording and the dataset.  Renderers receive an
 * evaluated ::or_report and write one document to a path the host gives
 * them (a temporary file the host renames on success).
 *
 * @section versions Versions: ::OR_ABI_MAJOR and ::OR_ABI_MINOR
 *
 * - A MINOR release only appends: a member at the end of a struct, a
 *   function at the end of ::or_host, a value at the end of an enum before
 *   its `_COUNT`.  Each addition is marked `since 2.N`.
 * - Anything else (removing, reordering or retyping a member, changing what
 *   a function means or returns, changing ::or_value) is a MAJOR release.
 * - The host loads a plugin whose major equals its own and whose minor is
 *   at most its own.  It refuses a plugin of another major, or of a newer
 *   minor, with one line naming the file and both versions.
 * - The first three members of ::or_plugin (abi_major, abi_minor, size)
 *   keep their place in every major, so any host can read them.
 * - History: 2.0 is the first versioned ABI (ABI 1 had one number and no
 *   sizes).  2.1 adds config keys (::or_config_key, ::or_plugin.config_keys)
 *   and the host's formatter (::or_host.format_value, format_change).  2.2
 *   adds how the store keeps an endpoint's rows (::or_endpoint.keeping,
 *   record_key, record_day), the trend chart (::OR_CHART_TREND,
 *   ::or_chart.mark_col), KPI sparklines (::or_kpi.spark), the currency
 *   format (::OR_FMT_CURRENCY), whose document a split is for
 *   (::or_report.split_label, split_value) and the report's currency, and
 *   cells as documents and spreadsheets show them (::or_display,
 *   ::or_host.format_cell, format_kpi), and what real vendors need: an
 *   endpoint's lookup (::or_endpoint.lookup, ::or_query.lookup), refused
 *   credentials told by the body (::or_endpoint.auth_failure), cumulative
 *   tables (::or_endpoint.cumulative, ::or_source_status.fetched_at) and
 *   counts of repaired values (::or_host.count_repaired).  2.3 adds the company's look
 *   (::or_brand, ::or_report.brand), conditional formatting of columns and
 *   KPIs (::or_cond, ::or_result_column.cond, ::or_kpi.cond), the report's
 *   locale (::or_report.locale; the host's formatter follows it) and the
 *   built-in texts in that locale's language (::or_host.text), and the
 *   heatmap, combo and stacked area charts (::OR_CHART_HEATMAP,
 *   ::OR_CHART_COMBO, ::OR_CHART_STACKED_AREA; ::or_chart.y_col, nlines,
 *   secondary, y2_label).  2.4 adds temporary files the host removes when a
 *   signal stops the process (::or_host.tmp_create, tmp_done).
 *
 * @section growth How each struct grows
 *
 * - Structs a plugin declares and the host reads (::or_plugin,
 *   ::or_provider, ::or_renderer, ::or_endpoint, ::or_column, ::or_param,
 *   ::or_config_key) carry `size`, the sizeof the plugin was compiled with.
 *   ::OR_PLUGIN_DEFINE, ::OR_COLUMN, ::OR_PARAM and ::OR_CONFIG_KEY fill it
 *   in; a provider, renderer or endpoint sets it itself
 *   (`.size = sizeof(struct or_endpoint)`).  The loader refuses a struct
 *   smaller than the layout of the minor that introduced it (2.0, or 2.1
 *   for ::or_config_key), and reads a member added later only when
 *   ::OR_HAS_MEMBER says the plugin's struct has it.
 * - Structs the host builds and hands to a plugin (::or_query, ::or_report
 *   and everything it points to, ::or_page_info, ::or_option,
 *   ::or_param_value) come from one host binary, so one version covers all
 *   of them: a plugin reads a member marked `since 2.N` only when
 *   ::OR_HOST_SINCE(h, N).  (A host never runs a plugin newer than itself, so
 *   a plugin needs this check only for members newer than the header it was
 *   built with; the check is there for hosts that are not outreport, such as
 *   test harnesses.)  ::or_host itself carries abi_major, abi_minor and size.
 * - No array of structs crosses the boundary: lists are arrays of pointers
 *   with a count (endpoints, columns, params, options, sections, KPIs,
 *   sources, result columns, parameter values), so a struct can grow
 *   without changing any array's stride.
 * - ::or_value is frozen: a plugin allocates rows of it and the host fills
 *   them, so its layout changes only with a major release.
 *
 * @section returns The return convention of every host function
 *
 * - A host function that can fail returns ::or_status: ::OR_OK (zero) on
 *   success, an error otherwise.  Results come back through out-parameters,
 *   written on ::OR_OK.  No host function returns a count, an index, a
 *   pointer, 0/1 or -1.
 * - A host function that cannot fail returns void: `log` and `local_time`.
 * - Functions that act on a host object being built (a request, a row sink)
 *   take that object first; all others take the host table first.
 * - Detail: a function whose failure has a reason the plugin cannot know
 *   (`secret_get`: which variable to set; `cursor_next`, `cursor_rewind`:
 *   the database's message; `tmp_create`: why the folder refused the
 *   file) takes `char *err, size_t errlen` last and writes one line there.
 *   The others fail only for a bad argument
 *   (::OR_ERR_INVALID), an unparsable text (::OR_ERR_PARSE) or memory
 *   (::OR_ERR_NOMEM), which the status names.
 * - The row setters' failure is sticky: once one fails, row_end() of that
 *   row fails too, so a parser may check row_end() alone.
 * - Plugin callbacks follow the same rule: they return ::or_status and put
 *   their message into the `err` buffer they are given.
 *
 * @section ownership Ownership
 *
 * Everything a plugin declares (descriptor, endpoints, columns, strings) is
 * static and constant, owned by the plugin, and must outlive the process's
 * use of it (the host loads with RTLD_NODELETE).  Everything the host hands
 * to a callback (::or_host, ::or_query, ::or_report, requests, row sinks,
 * cursors) is borrowed for the duration of that call unless a member says
 * otherwise.  Setters copy what they are given.  A plugin allocates with the
 * C library and frees what it allocated before its callback returns.
 *
 * @section threads Threads
 *
 * The host may call build_request and parse_page of one endpoint from
 * several threads at once, each with its own ::or_request or ::or_rows; the
 * ::or_host, ::or_query and strings they share are read-only.  Renderers may
 * run at once on different reports.  Plugins keep no mutable globals, never
 * call exit(), and never write to stdout.
 *
 * Strings are UTF-8.  Instants are `int64_t` Unix seconds (UTC).
 */
#ifndef OUTREPORT_PLUGIN_H
#define OUTREPORT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Major version of the ABI: a plugin of another major is refused. */
#define OR_ABI_MAJOR 2
/** Minor version of the ABI: a plugin of a newer minor than the host is refused. */
#define OR_ABI_MINOR 4

/** The entry function's name, as an identifier (::OR_PLUGIN_DEFINE defines it). */
#define OR_PLUGIN_ENTRY outreport_plugin
/** Name of the one symbol every plugin exports. */
#define OR_PLUGIN_ENTRY_NAME "outreport_plugin"

/** Marks the entry function as exported from a plugin built with hidden visibility. */
#define OR_EXPORT __attribute__((visibility("default")))

/**
 * Nonzero when struct @p p (whose first members include `uint32_t size`)
 * was compiled with member @p member of @p type, e.g.
 * `OR_HAS_MEMBER(ep, struct or_endpoint, instances)`.
 */
#define OR_HAS_MEMBER(p, type, member)                                                             \
    ((size_t)(p)->size >= offsetof(type, member) + sizeof(((type *)0)->member))

/** Nonzero when host table @p h is of ABI 2.@p minor or newer (same major). */
#define OR_HOST_SINCE(h, minor) ((h)->abi_major == OR_ABI_MAJOR && (h)->abi_minor >= (minor))

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

/** One column of a table schema.  Declare with ::OR_COLUMN. */
struct or_column {
    uint32_t size;           /**< sizeof as compiled into the plugin */
    const char *name;        /**< snake_case column name */
    enum or_type type;       /**< storage and display type */
    const char *description; /**< one line for `outreport plugins` */
};

/** A pointer to a static column: `OR_COLUMN("id", OR_TYPE_TEXT, "record id")`. */
#define OR_COLUMN(...) (&(const struct or_column){sizeof(struct or_column), __VA_ARGS__})

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

/** One parameter an endpoint (or option a renderer) accepts.  Declare with ::OR_PARAM. */
struct or_param {
    uint32_t size;           /**< sizeof as compiled into the plugin */
    const char *name;        /**< key as typed after --param (or --option) */
    enum or_param_type type; /**< the host validates values against it */
    int required;            /**< nonzero: the host refuses a fetch without it */
    const char *description; /**< one line for `outreport plugins` */
    const char *choices;     /**< OR_PARAM_ENUM: comma-separated values; else NULL */
};

/**
 * A pointer to a static parameter, positional or designated:
 * `OR_PARAM("limit", OR_PARAM_INT, 0, "rows per page", NULL)`.
 */
#define OR_PARAM(...) (&(const struct or_param){sizeof(struct or_param), __VA_ARGS__})

/**
 * One key of the plugin's own config section ([name] of the descriptor),
 * declared like a parameter (since 2.1).  The host refuses an unknown key in
 * the section before anything runs ("did you mean ...?"), checks values of
 * typed keys, serves the default through ::or_host.config_get and lists the
 * keys in `outreport plugins`.  Declare with ::OR_CONFIG_KEY.
 *
 * The host itself reads `base_url` of a provider's section (its default is
 * ::or_provider.default_base_url) and each endpoint's `instances_key`: those
 * need no declaration.
 */
struct or_config_key {
    uint32_t size;             /**< sizeof as compiled into the plugin */
    const char *name;          /**< the key, e.g. "org_handle" */
    enum or_param_type type;   /**< the host checks values against it */
    const char *default_value; /**< what config_get gives when the key is unset, or NULL */
    const char *help;          /**< one line for `outreport plugins` */
    const char *choices;       /**< OR_PARAM_ENUM: comma-separated values; else NULL */
    /**
     * Nonzero: the value names the environment variable that holds a secret
     * (e.g. "api_key_env"); read the secret with ::or_host.secret_get.
     */
    int secret_env;
};

/**
 * A pointer to a static config key, with designated members:
 * `OR_CONFIG_KEY(.name = "org_handle", .type = OR_PARAM_STRING, .help = "...")`.
 */
#define OR_CONFIG_KEY(...)                                                                         \
    (&(const struct or_config_key){.size = sizeof(struct or_config_key), __VA_ARGS__})

/**
 * What of a table counts up to the moment it is fetched rather than within
 * the period asked for (since 2.2, ::or_endpoint.cumulative).  Documents say
 * "as of <fetch time>" where they show such values.  It agrees with
 * ::or_endpoint.keeping: ALL_TIME totals are what the store keeps as dated
 * snapshots (::OR_KEEP_SNAPSHOT), so either implies the other and the
 * loader refuses them disagreeing; a COUNTERS table of records keeps each
 * row in the newest version fetched.
 */
enum or_cumulative {
    OR_CUMULATIVE_NONE = 0, /**< every value belongs to the period asked for */
    /**
     * Rows belong to the period (e.g. e-mails sent in it), but some of their
     * counters keep counting until the fetch (opens, clicks, replies):
     * ::or_endpoint.cumulative_note names them.
     */
    OR_CUMULATIVE_COUNTERS,
    /** The whole table is totals up to the fetch, whatever the period (no date filter). */
    OR_CUMULATIVE_ALL_TIME,
    OR_CUMULATIVE_COUNT
};

/** Kinds of values a provider repaired instead of refusing its page (since 2.2). */
enum or_repair {
    /**
     * A raw control character (U+0000 to U+001F) inside a JSON string,
     * which JSON forbids and jansson refuses: escaped and the page decoded
     * again, every row kept.
     */
    OR_REPAIR_CONTROL_CHARS = 0,
    OR_REPAIR_COUNT
};

/** Log levels for ::or_host.log. */
enum or_log_level { OR_LOG_ERROR = 0, OR_LOG_WARN, OR_LOG_INFO, OR_LOG_DEBUG };

/* Opaque host objects; plugins only hold pointers to them. */
struct or_request; /**< an HTTP request being built (host-owned) */
struct or_rows;    /**< the row sink of one page (host-owned) */
struct or_cursor;  /**< a result-set cursor handed to renderers (host-owned) */

/** One parameter value after validation.  Built by the host. */
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
    const struct or_param_value *const *params; /**< validated endpoint parameters */
    const char *instance; /**< per-request instance value (e.g. one space token)
                               when the endpoint declared instances; else NULL */
    /* since 2.2 */
    /**
     * The rows of the endpoint's ::or_endpoint.lookup, fetched by the host
     * before the first request; NULL when the endpoint has no lookup or did
     * not need it (::or_endpoint.lookup_needed).  Borrowed, read-only, shared
     * by every thread of the fetch.
     */
    const struct or_lookup *lookup;
};

/**
 * The rows of a lookup endpoint (since 2.2): the other table a provider
 * reads while it builds requests or parses pages, e.g. the account's own
 * disposition list while parsing calls.  Built by the host.
 */
struct or_lookup {
    const char *source;                     /**< "provider.endpoint" of the lookup */
    size_t ncols;                           /**< columns of each row */
    const struct or_column *const *columns; /**< the lookup endpoint's declared columns */
    size_t nrows;                           /**< rows (0 when it failed) */
    const struct or_value *const *rows;     /**< each an array of ncols values */
    /**
     * NULL when the rows are the endpoint's; else why it could not be read
     * (one line, e.g. "HTTP 404 Not Found"), and nrows is 0.  Only an
     * endpoint with ::or_endpoint.lookup_fallback sees a failed lookup.
     */
    const char *failed;
};

/** What the provider learned about paging from one page.  The host presets every member. */
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

/** Presentation formats of a column (docs/templates.md). */
enum or_format {
    OR_FMT_AUTO = 0, /**< from the type */
    OR_FMT_INTEGER,
    OR_FMT_DECIMAL,
    OR_FMT_PERCENT,
    OR_FMT_DURATION, /**< seconds shown as h:mm:ss */
    OR_FMT_DATE,
    OR_FMT_DATETIME,
    OR_FMT_TEXT,
    OR_FMT_CURRENCY, /**< an amount in the report's currency (since 2.2) */
    OR_FMT_COUNT
};

/** A column of a result set as a renderer sees it. */
struct or_result_column {
    const char *name;      /**< column name */
    const char *label;     /**< display label (defaults to name) */
    enum or_type type;     /**< value type */
    enum or_format format; /**< display format */
    int align;             /**< 0 auto, 1 left, 2 right, 3 centre */
    /* since 2.3 */
    const struct or_cond *cond; /**< conditional formatting of its cells, or NULL */
};

/**
 * One cell value.  Text is borrowed until the next cursor step.  Frozen:
 * renderers allocate arrays of it, so it changes only with a major release.
 */
struct or_value {
    enum or_type type; /**< type of the column */
    int is_null;       /**< nonzero: NULL, the other members are meaningless */
    int64_t i;         /**< INT, BOOL (0/1) and TIME (Unix seconds) */
    double r;          /**< REAL */
    const char *s;     /**< TEXT, NUL-terminated UTF-8 */
    size_t len;        /**< TEXT length in bytes */
};

/** What a conditional format does (since 2.3; docs/templates.md, "Conditional formatting"). */
enum or_cond_kind {
    OR_COND_NONE = 0,  /**< nothing */
    OR_COND_THRESHOLD, /**< cells passing the "good" test are green, the "bad" test red */
    OR_COND_SCALE,     /**< a colour scale from low_color (min) to high_color (max) */
    OR_COND_BARS,      /**< a data bar of bar_color, as long as the value's share of max */
    OR_COND_KIND_COUNT
};

/** The comparison of a threshold test (since 2.3). */
enum or_cond_op {
    OR_COND_GE = 0, /**< >= */
    OR_COND_GT,     /**< > */
    OR_COND_LE,     /**< <= */
    OR_COND_LT,     /**< < */
    OR_COND_EQ,     /**< = */
    OR_COND_NE,     /**< != */
    OR_COND_OP_COUNT
};

/** One threshold test: `value OP operand`, e.g. ">= 0.5" (since 2.3). */
struct or_cond_test {
    int set;            /**< zero: no such test */
    enum or_cond_op op; /**< the comparison */
    double operand;     /**< in the stored unit: a ratio for percent (0.5), seconds for durations */
};

/**
 * Conditional formatting of a column's cells or a KPI's value (since 2.3).
 * Built by the host from the template; borrowed like the report.
 */
struct or_cond {
    enum or_cond_kind kind;   /**< what it does */
    struct or_cond_test good; /**< THRESHOLD: green when it passes */
    struct or_cond_test bad;  /**< THRESHOLD: red when it passes (good wins when both do) */
    uint32_t low_color;       /**< SCALE: 0xRRGGBB of the smallest value */
    uint32_t high_color;      /**< SCALE: of the largest value; BARS: the bar's colour */
    int has_range;            /**< SCALE, BARS: nonzero when min and max are known */
    double min;               /**< SCALE, BARS: the smallest value of the column's result */
    double max;               /**< SCALE, BARS: the largest */
};

/** A typed result set: columns plus a cursor the renderer steps with the host. */
struct or_result {
    size_t ncols;                               /**< number of columns */
    const struct or_result_column *const *cols; /**< borrowed column descriptions */
    int64_t nrows;                              /**< total rows, known in advance; -1 while
                                                     streaming to a renderer that
                                                     declares ::or_renderer.streams */
    struct or_cursor *cursor;                   /**< step with ::or_host.cursor_next */
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

/**
 * Chart kinds (DESIGN.md §8; templates issue).  The host never hands a
 * renderer a kind newer than the minor it was built against: it gets the
 * older kind that draws the same series on the same axis (TREND as LINE,
 * STACKED_AREA as STACKED_BAR), or the run is refused before anything is
 * written (HEATMAP, COMBO).  docs/plugins.md, "Chart kinds a renderer
 * predates".
 */
enum or_chart_kind {
    OR_CHART_BAR = 0,      /**< one series, vertical bars */
    OR_CHART_GROUPED_BAR,  /**< several series side by side per category */
    OR_CHART_STACKED_BAR,  /**< several series stacked per category */
    OR_CHART_LINE,         /**< one or more series as lines over the categories */
    OR_CHART_DONUT,        /**< one series as shares of a ring */
    OR_CHART_FUNNEL,       /**< one series of decreasing stages */
    OR_CHART_TREND,        /**< since 2.2: lines over time (weeks), with the categories that
                                ::or_chart.mark_col marks shown as the current ones */
    OR_CHART_HEATMAP,      /**< since 2.3: a grid of x_col across and y_col down, each cell
                                coloured by the one series' value */
    OR_CHART_COMBO,        /**< since 2.3: bars with lines over them (the last
                                ::or_chart.nlines series), on a second axis when
                                ::or_chart.secondary */
    OR_CHART_STACKED_AREA, /**< since 2.3: several series stacked as areas over the categories */
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
    /* since 2.2 */
    int has_mark;    /**< nonzero: mark_col is set */
    size_t mark_col; /**< a column whose nonzero value marks its row's category (the current
                          week of a trend) */
    /* since 2.3 */
    size_t y_col;         /**< HEATMAP: the rows' category column (x_col the columns') */
    size_t nlines;        /**< COMBO: the last nlines of series_cols are lines, the others bars */
    int secondary;        /**< COMBO: nonzero: the lines have their own value axis, at the right */
    const char *y2_label; /**< COMBO: title of that axis, or NULL */
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
    /* since 2.2 */
    size_t nspark;       /**< values of the last nspark periods for a sparkline, 0: none */
    const double *spark; /**< oldest first, the last being this period's; NaN: no data */
    /* since 2.3 */
    const struct or_cond *cond; /**< THRESHOLD: colours the value; NULL: none */
};

/** One evaluated section of a report. */
struct or_section {
    enum or_section_kind kind;        /**< what it is */
    const char *id;                   /**< stable identifier (file and sheet names) */
    const char *title;                /**< heading shown in documents */
    const char *unavailable;          /**< non-NULL: "data unavailable: <reason>" */
    struct or_result *result;         /**< the data (TABLE, CHART), or NULL */
    const char *description;          /**< subtitle under the heading, or NULL */
    const char *text;                 /**< TEXT: the evaluated paragraph(s), '\n' separates */
    const struct or_chart *chart;     /**< CHART: what to draw from result */
    size_t nkpis;                     /**< KPIS: number of tiles */
    const struct or_kpi *const *kpis; /**< KPIS: the tiles */
    int landscape;                    /**< a wide table: its pages go landscape */
};

/** Status of one source of the report, for the first page of every document. */
struct or_source_status {
    const char *name;   /**< alias or provider.endpoint */
    const char *status; /**< "ok", "retried", "failed" */
    const char *detail; /**< reason or NULL */
    int64_t rows;       /**< rows fetched */
    /* since 2.2 */
    int64_t fetched_at;            /**< when its data was read (Unix seconds), 0 when never */
    enum or_cumulative cumulative; /**< its endpoint's ::or_endpoint.cumulative */
};

/**
 * The company's look: the [brand] section of the configuration (since 2.3).
 * The host checks every key and the logo file before anything renders.
 */
struct or_brand {
    const unsigned char *logo; /**< the logo file's bytes, a PNG or a JPEG (an SVG logo
                                    arrives rasterised to a PNG by the host), or NULL */
    size_t logo_size;          /**< bytes of @c logo */
    int logo_jpeg;             /**< nonzero: @c logo is a JPEG, else a PNG */
    int logo_width;            /**< its size in pixels */
    int logo_height;           /**< its size in pixels */
    int has_accent;            /**< nonzero: @c accent is set */
    uint32_t accent;           /**< 0xRRGGBB: headings, rules, the first chart colour */
    const char *company;       /**< the company's name, or NULL */
    const char *footer;        /**< a line at the foot of every page (PDF) or sheet, or NULL */
    int cover;                 /**< nonzero: documents open with a cover page */
};

/** The evaluated report every renderer receives.  Borrowed for one render call. */
struct or_report {
    const char *title;                             /**< report title */
    const char *tz;                                /**< the report's IANA zone */
    const char *period_label;                      /**< human period label */
    int64_t period_start;                          /**< inclusive instant (0 if none) */
    int64_t period_end;                            /**< exclusive instant (0 if none) */
    int partial;                                   /**< nonzero: the period is not over yet */
    int64_t generated_at;                          /**< generation instant (SOURCE_DATE_EPOCH
                                                        when set) */
    size_t nsections;                              /**< number of sections */
    const struct or_section *const *sections;      /**< in document order */
    size_t nsources;                               /**< number of sources */
    const struct or_source_status *const *sources; /**< per-source status */
    const char *description;                       /**< one paragraph under the title, or NULL */
    const char *author; /**< document author ([report] author), or NULL */
    /* since 2.2 */
    /**
     * A split document (`--split-by`): who it is for, e.g. "Zoë Müller"
     * (the split's label) and "zoe.mueller@acme.example" (its value).  NULL
     * in the roll-up.  Documents name the person on the cover and in the
     * header.  A renderer of ABI 2.1 or older gets the label in the title.
     */
    const char *split_label;
    const char *split_value; /**< the split's value, or NULL in the roll-up */
    const char *currency;    /**< ISO 4217 code of OR_FMT_CURRENCY values ("EUR"), or NULL */
    /* since 2.3 */
    const struct or_brand *brand; /**< the company's look, or NULL for outreport's own */
    const char *locale; /**< BCP 47 tag the documents are written for ("de-DE"); the host's
                             formatter and ::or_host.text follow it.  Never NULL */
};

/** A renderer option after validation (`--option KEY=VALUE`).  Built by the host. */
struct or_option {
    const char *name;  /**< option name, one the renderer declared */
    const char *value; /**< its value as given */
};

/** What an ::or_display holds (since 2.2). */
enum or_display_kind {
    OR_DISPLAY_BLANK = 0, /**< nothing: a NULL value (text: "–" for people, nothing in data) */
    OR_DISPLAY_TEXT,      /**< the value's own text (or_value.s), shown as it is */
    OR_DISPLAY_STRING,    /**< text[] as a text cell (e.g. an instant before 1900) */
    OR_DISPLAY_NUMBER,    /**< number, shown in num_format, reading as text[] */
    OR_DISPLAY_BOOL       /**< number 0 or 1, text[] "yes" or "no" */
};

/** Flags of ::or_host.format_cell and format_kpi (since 2.2). */
enum {
    OR_DISPLAY_PLAIN = 1u,         /**< text for data files (CSV): no thousands separators */
    OR_DISPLAY_DECIMAL_COMMA = 2u, /**< with OR_DISPLAY_PLAIN: ',' as the decimal mark */
    OR_DISPLAY_NO_TEXT = 4u        /**< only kind, number and num_format: text[] stays "" */
};

/** Size of ::or_display.text and ::or_display.num_format. */
#define OR_DISPLAY_SIZE 64

/**
 * A value as documents show it (since 2.2): the text people read and, for
 * a spreadsheet, the typed value and the number format that shows that
 * same text.  The plugin declares it and sets `size` to
 * `sizeof(struct or_display)` before the call; the host fills the rest.
 */
struct or_display {
    uint32_t size;             /**< sizeof as compiled into the plugin: set it */
    enum or_display_kind kind; /**< what the cell holds */
    /**
     * NUMBER: what a spreadsheet cell stores: the number itself, a ratio for
     * percent (0.25), a fraction of a day for durations, an Excel serial day
     * (1900 date system, in the report's zone) for dates and times, the
     * amount for currency.  BOOL: 0 or 1.
     */
    double number;
    char num_format[OR_DISPLAY_SIZE]; /**< NUMBER: an Excel number format code
                                             that shows @c number as @c text
                                             reads; "" for General */
    char text[OR_DISPLAY_SIZE];       /**< the text people read ("12,345",
                                             "25.0 %", "2026-11-16"); "" for TEXT */
};

/** Which part of a KPI tile ::or_host.format_kpi writes (since 2.2). */
enum or_kpi_part {
    OR_KPI_VALUE = 0, /**< this period's value */
    OR_KPI_PREVIOUS,  /**< the comparison period's value */
    OR_KPI_CHANGE     /**< the change from previous to value ("+3.0 %", "+2.1 pp") */
};

/* ------------------------------------------------------------------------- */
/* Host services                                                             */
/* ------------------------------------------------------------------------- */

/**
 * The host's function table, passed to every plugin call.  Borrowed: valid
 * for the duration of the call.  Every member up to the plugin's minor is
 * set (the host never runs a plugin newer than itself).  See the return
 * convention at the top of this file.
 */
struct or_host {
    uint32_t abi_major; /**< OR_ABI_MAJOR of the host */
    uint32_t abi_minor; /**< OR_ABI_MINOR of the host; see ::OR_HOST_SINCE */
    uint32_t size;      /**< sizeof(struct or_host) of the host */

    /** Log one line, prefixed by the plugin's name.  Secrets are redacted by the host. */
    void (*log)(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

    /**
     * Look up key @p key of the plugin's own config section (the plugin's
     * name), e.g. "org_handle".  *@p value receives a borrowed string: the
     * configured value, else the key's declared default, else NULL.
     * @return OR_OK; OR_ERR_INVALID when @p key or @p value is NULL, or (for a
     *         plugin of ABI 2.1 or newer) when the plugin did not declare
     *         @p key in ::or_plugin.config_keys and the host does not read it
     *         (base_url, instances_key): the host logs which.
     */
    or_status (*config_get)(const struct or_host *h, const char *key, const char **value);

    /**
     * Read the secret held by the environment variable that config key
     * @p env_key (e.g. "api_key_env") of the plugin's section names; unset,
     * the key's declared default names it, else @p default_env (a plugin
     * that declares the key with its default passes NULL).  The host
     * registers the value for redaction.  *@p value receives a borrowed
     * string.
     * @return OR_OK; OR_ERR_CONFIG with @p err naming the variable to set;
     *         OR_ERR_INVALID as config_get for an undeclared @p env_key.
     */
    or_status (*secret_get)(const struct or_host *h, const char *env_key, const char *default_env,
                            const char **value, char *err, size_t errlen);

    /* Request building (provider.build_request) */

    /**
     * Set method ("GET", "POST") and path (appended to base_url, e.g. "/v1/call-log").
     * @return OR_OK; OR_ERR_INVALID for a NULL or over-long method or a NULL path.
     */
    or_status (*req_set)(struct or_request *r, const char *method, const char *path);
    /** Append a query parameter; the host percent-encodes key and value.  OR_ERR_INVALID for NULL.
     */
    or_status (*req_query)(struct or_request *r, const char *key, const char *value);
    /**
     * Add a header; @p secret nonzero marks it for redaction and keeps it out of recordings.
     * @return OR_OK; OR_ERR_INVALID for NULL, or CR, LF (or ':' in the name).
     */
    or_status (*req_header)(struct or_request *r, const char *name, const char *value, int secret);
    /** Set the request body (copied), e.g. JSON with "application/json".  OR_ERR_INVALID for NULL.
     */
    or_status (*req_body)(struct or_request *r, const char *body, size_t len,
                          const char *content_type);

    /* Row sink (provider.parse_page).  Failures are sticky: see the top of this file. */

    /** Start a new row; every column starts NULL.  OR_ERR_INVALID inside a row. */
    or_status (*row_begin)(struct or_rows *rows);
    /**
     * Set a text column: @p len bytes from @p s are copied (s need not be
     * NUL-terminated, so a slice of a longer string is fine).  NULL and ""
     * map to NULL per DESIGN.md §6.
     * @return OR_OK; OR_ERR_INVALID outside a row or for a column out of
     *         range; OR_ERR_NOMEM.
     */
    or_status (*set_text)(struct or_rows *rows, size_t col, const char *s, size_t len);
    /** Set an int or bool column; errors as set_text. */
    or_status (*set_int)(struct or_rows *rows, size_t col, int64_t v);
    /** Set a real column; errors as set_text. */
    or_status (*set_real)(struct or_rows *rows, size_t col, double v);
    /** Set a time column (Unix seconds); errors as set_text. */
    or_status (*set_time)(struct or_rows *rows, size_t col, int64_t t);
    /**
     * Finish the row.
     * @return OR_OK; the first failure of a setter of this row; OR_ERR_INVALID
     *         when no row is open.
     */
    or_status (*row_end)(struct or_rows *rows);
    /**
     * Find or add a column by name while parsing (for endpoints with
     * ::or_endpoint.dynamic_columns).  *@p col receives its index, valid for
     * this @p rows (this page) only: pages are parsed concurrently, and the
     * host settles the columns each page discovered into the table in page
     * order.  An existing column keeps its type.
     * @return OR_OK; OR_ERR_INVALID for an empty name or an endpoint
     *         without dynamic columns; OR_ERR_NOMEM.
     */
    or_status (*rows_column)(struct or_rows *rows, const char *name, enum or_type type,
                             size_t *col);

    /* Time helpers */

    /**
     * Parse ISO 8601 ("...Z", offsets, fractions; a date alone is midnight in the report zone).
     * @return OR_OK; OR_ERR_PARSE when @p s is not such a text.
     */
    or_status (*parse_iso8601)(const struct or_host *h, const char *s, int64_t *out);
    /**
     * Format an instant as ISO 8601 with offset in the report's zone.
     * @return OR_OK; OR_ERR_INVALID when it does not fit @p n bytes (26 always do).
     */
    or_status (*format_time)(const struct or_host *h, int64_t t, char *buf, size_t n);
    /**
     * Local wall-clock parts of an instant in the report's zone: year, month,
     * day, hour, minute, second and the UTC offset in seconds.  Cannot fail.
     */
    void (*local_time)(const struct or_host *h, int64_t t, int parts[6], int32_t *utc_offset);

    /* Result cursors (renderers) */

    /**
     * Step a cursor: on OR_OK, *@p has_row is 1 and @p row holds the
     * result's ncols values (borrowed until the next step), or *@p has_row
     * is 0 at the end.
     * @return OR_OK; OR_ERR_DATASET (or the fetch's error, while streaming)
     *         with @p err saying why.
     */
    or_status (*cursor_next)(const struct or_host *h, struct or_cursor *c, struct or_value *row,
                             int *has_row, char *err, size_t errlen);
    /** Rewind a cursor to its first row.  Errors as cursor_next. */
    or_status (*cursor_rewind)(const struct or_host *h, struct or_cursor *c, char *err,
                               size_t errlen);

    void *host_data; /**< private to the host */

    /* since 2.1 */

    /**
     * Text of value @p v in display format @p fmt, as outreport's documents
     * and e-mails show it: integer "12,345", decimal "1,234.50", percent of
     * a ratio "25.0 %", duration "1:02:03", date "2026-11-16" and datetime
     * "2026-11-16 09:30" in the report's zone (TIME values, and INT values
     * shown as dates), AUTO by the value's type, BOOL "yes"/"no", TEXT as it
     * is, NULL "–", not a number "n/a".
     * @param decimals 0 to 6 digits after the point for INTEGER, DECIMAL and
     *        PERCENT, or -1 for the format's own (0, 2, 1).
     * @return OR_OK; OR_ERR_INVALID when @p v or @p buf is NULL, @p n is 0,
     *         or the text does not fit (then @p buf holds as many whole
     *         characters as fit; 64 bytes hold any number, date or time).
     */
    or_status (*format_value)(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                              int decimals, char *buf, size_t n);
    /**
     * The change from KPI @p k's previous value to its value: "+2.1 pp"
     * for percent KPIs, else "+3.0 %" (or the difference when the previous
     * value is zero), "±" when it rounds to nothing.  *@p direction
     * receives +1, -1 or 0.  With no comparison (no value or no previous),
     * @p buf is "" and *@p direction 0.
     * @return OR_OK; OR_ERR_INVALID for a NULL argument or @p n of 0.
     */
    or_status (*format_change)(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n,
                               int *direction);

    /* since 2.2 */

    /**
     * Value @p v of a column in display format @p fmt as a cell of a
     * document: the text outreport's documents and e-mails show (as
     * format_value writes it, and "€1,234.50" for currency in the report's
     * currency) and, for spreadsheets, the number and number format that
     * show the same text.  Numbers stay numbers: a percent is the ratio
     * shown in "0.0 %", a duration a fraction of a day in "[h]:mm:ss", an
     * instant (TIME, or an INT or REAL in DATE or DATETIME) an Excel serial
     * of the report zone's wall clock, a text "2026-11-16" in DATE (what
     * local_date() gives) a serial of that day.  Text in a numeric format
     * that reads as a number is that number; other text is OR_DISPLAY_TEXT.
     * AUTO writes INT as integer and REAL as decimal.  @p flags: OR_DISPLAY_*.
     * @return OR_OK; OR_ERR_INVALID for a NULL argument or an @p out whose
     *         size is smaller than the 2.2 layout.
     */
    or_status (*format_cell)(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                             unsigned flags, struct or_display *out);
    /**
     * Part @p part of KPI tile @p k as a cell, as format_cell writes
     * values: the value and previous value in the KPI's format (AUTO: an
     * integer when whole, else a decimal), the change as format_change
     * writes it, with *@p direction +1, -1 or 0 (@p direction may be NULL
     * for the other parts).  No value (or no comparison, for the change):
     * OR_DISPLAY_BLANK, text "–" (the change: "").
     * @return OR_OK; OR_ERR_INVALID as format_cell.
     */
    or_status (*format_kpi)(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part,
                            unsigned flags, struct or_display *out, int *direction);
    /**
     * Count @p n values of kind @p what that the provider repaired on the
     * current fetch instead of refusing its page (e.g. raw control
     * characters it escaped).  The host adds the counts up per source, shows
     * them in the run summary (`-v`, manifest.json, `--json`) and logs one
     * warning (for a run, one for all its sources), so a provider never
     * warns about them per page.
     * Thread-safe: parse_page may call it from any thread.
     * @return OR_OK; OR_ERR_INVALID for an unknown @p what or @p n < 0.
     */
    or_status (*count_repaired)(const struct or_host *h, enum or_repair what, long n);

    /* since 2.3 */

    /**
     * Built-in text @p id ("page", "rows", "status.ok", ... : docs/locales.md
     * lists them) in the report locale's language, its placeholders {1},
     * {2}, ... replaced by @p args[0], @p args[1], ...  The catalogue of
     * the language (share/outreport/i18n/LANG.ini) gives the text, else
     * English.  E.g. "page" with {"2", "7"}: "Seite 2 von 7" in de-DE.
     * @return OR_OK; OR_ERR_NOT_FOUND for an unknown @p id (@p buf then
     *         holds @p id); OR_ERR_INVALID for a NULL argument, @p n of 0 or
     *         a text that does not fit (cut at a character).
     */
    or_status (*text)(const struct or_host *h, const char *id, const char *const *args,
                      size_t nargs, char *buf, size_t n);

    /* since 2.4 */

    /**
     * Create an empty private temporary file (mode 0600) in the folder of
     * @p beside, named as the host names its own (`.NAME.tmp-XXXXXX`, NAME
     * being the last part of @p beside), for a file the plugin writes before
     * it renames it over @p beside (e.g. a renderer rewriting the document at
     * its render path).  Until tmp_done(), a signal that stops the process
     * (Ctrl-C, SIGTERM, SIGHUP) removes it with the host's own temporaries;
     * one that SIGKILL leaves behind is removed by a later run once it is an
     * hour old.  *@p path receives its name.  Thread-safe.
     * @return OR_OK; OR_ERR_INVALID for a NULL argument or a name longer
     *         than @p n bytes (PATH_MAX always do); OR_ERR_IO with @p err
     *         naming the folder and the reason.
     */
    or_status (*tmp_create)(const struct or_host *h, const char *beside, char *path, size_t n,
                            char *err, size_t errlen);
    /**
     * The plugin is done with temporary file @p path of tmp_create(): the
     * host stops watching it and removes whatever is still at that name
     * (nothing once the plugin renamed it into place; the file itself after
     * a failure).  Call it once for every file tmp_create() made, on every
     * way out.  Thread-safe.
     * @return OR_OK; OR_ERR_INVALID for NULL or a path tmp_create() did not
     *         make (or that is done already): nothing is removed.
     */
    or_status (*tmp_done)(const struct or_host *h, const char *path);
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
 * at most @p n bytes to @p buf.
 * @return OR_OK when it found a message; OR_ERR_NOT_FOUND when the body holds none.
 */
typedef or_status or_error_message_fn(const char *body, size_t len, char *buf, size_t n);

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

/**
 * How the host's store (docs/store.md) keeps an endpoint's rows across
 * runs, so that only days not stored yet are fetched (since 2.2).
 */
enum or_keeping {
    OR_KEEP_UNSAID = 0, /**< not declared: kept as period aggregates keyed by every column */
    OR_KEEP_RECORDS,    /**< one row per record with a day of its own (::or_endpoint.record_day):
                             stored per day, re-fetched only while recent */
    OR_KEEP_PERIOD,     /**< aggregates over the period requested: stored per period */
    OR_KEEP_SNAPSHOT,   /**< cumulative totals up to the moment of the fetch: one dated
                             snapshot per day; a trend is their difference */
    OR_KEEP_COUNT
};

/**
 * Whether this fetch needs the endpoint's lookup (since 2.2).  MAY be set;
 * without it the lookup is always fetched.  E.g. no: the user listed the
 * ids the lookup would give.
 * @return OR_OK when it is needed, OR_ERR_NOT_FOUND when not.
 */
typedef or_status or_lookup_needed_fn(const struct or_host *h, const struct or_query *q);

/**
 * Tell what a failed response means (since 2.2).  MAY be set.  Called for
 * every response that failed with an HTTP status after the host's retries.
 * Returns OR_ERR_AUTH when the response means the credential was refused
 * (some vendors answer a wrong key with 400 and a code in the body), else
 * OR_ERR_HTTP.  May write what the user should check (one line, e.g. the
 * config key and the scheme that was sent) into @p hint; when it leaves
 * @p hint empty, an authentication failure shows ::or_endpoint.auth_hint.
 */
typedef or_status or_auth_failure_fn(const struct or_host *h, long http_status, const char *body,
                                     size_t len, char *hint, size_t n);

/**
 * One endpoint of a provider: a table, its schema, its parameters, its
 * callbacks.  Static, with `.size = sizeof(struct or_endpoint)`.
 */
struct or_endpoint {
    uint32_t size;                          /**< sizeof as compiled into the plugin */
    const char *name;                       /**< e.g. "call-log"; SOURCE is provider.name */
    const char *table;                      /**< dataset table name, e.g. "calls" */
    const char *description;                /**< one line */
    const struct or_column *const *columns; /**< schema, in column order */
    size_t ncolumns;                        /**< number of columns */
    const struct or_param *const *params;   /**< accepted parameters */
    size_t nparams;                         /**< number of parameters */
    enum or_paging paging;                  /**< paging style */
    int dynamic_columns; /**< nonzero: columns may be added via rows_column (per page) */
    or_build_request_fn *build_request; /**< MUST */
    or_parse_page_fn *parse_page;       /**< MUST */
    or_error_message_fn *error_message; /**< MAY */
    or_check_query_fn *check_query;     /**< MAY */
    const char *instances_key;          /**< MAY: config key or param listing instances
                                             (comma-separated); one fetch per instance */
    const char *auth_hint;      /**< MAY: config key naming the credential, for 401 messages */
    or_instances_fn *instances; /**< MAY: computes instances; wins over instances_key */
    /* since 2.2 */
    enum or_keeping keeping;       /**< MAY: how the store keeps the rows (default UNSAID) */
    const char *const *record_key; /**< MAY: the columns identifying a record, NULL-terminated
                                        (a vendor's record id); NULL: every column */
    const char *record_day;        /**< RECORDS: the time column that puts a record on a day */
    /** MAY: what of the table counts up to the fetch; OR_CUMULATIVE_NONE when unset. */
    enum or_cumulative cumulative;
    /**
     * MAY: one line saying what is cumulative, for `outreport plugins` and
     * documents, e.g. "opens, clicks and replies count up to the fetch".
     */
    const char *cumulative_note;
    /**
     * MAY: another endpoint of the same provider whose rows build_request
     * and parse_page read through ::or_query.lookup (the account's own
     * disposition list while parsing calls).  The host fetches it completely
     * before the first request of the fetch, with no parameters and no
     * period (a lookup must not depend on them), once per run however many
     * sources need it, with its own paging, retries, recording and replay.
     * A lookup has no lookup of its own.
     */
    const struct or_endpoint *lookup;
    /** MAY: whether this fetch needs the lookup; without it, always. */
    or_lookup_needed_fn *lookup_needed;
    /**
     * MAY: what the endpoint does without its lookup, for the one warning
     * the host logs when the lookup cannot be read (other than for refused
     * credentials, which fail the fetch), e.g. "disposition_category comes
     * from the built-in map of the 14 default dispositions".  The fetch then
     * goes on with ::or_lookup.failed set.  NULL: a lookup that cannot be
     * read fails the fetch.
     */
    const char *lookup_fallback;
    /** MAY: tells a refused credential from the body of a failed response. */
    or_auth_failure_fn *auth_failure;
};

/** Provider part of a descriptor: static, with `.size = sizeof(struct or_provider)`. */
struct or_provider {
    uint32_t size;                              /**< sizeof as compiled into the plugin */
    const struct or_endpoint *const *endpoints; /**< the endpoints */
    size_t nendpoints;                          /**< number of endpoints */
    const char *default_base_url;               /**< used when config has no base_url */
};

/* ------------------------------------------------------------------------- */
/* Renderers                                                                  */
/* ------------------------------------------------------------------------- */

/**
 * Render @p report into the file at @p path (a temporary path the host
 * renames on success and removes on failure).  MUST be set.  @p options
 * holds the @p noptions options given, each one the renderer declared.
 */
typedef or_status or_render_fn(const struct or_host *h, const struct or_report *report,
                               const char *path, const struct or_option *const *options,
                               size_t noptions, char *err, size_t errlen);

/** Renderer part of a descriptor: static, with `.size = sizeof(struct or_renderer)`. */
struct or_renderer {
    uint32_t size;                         /**< sizeof as compiled into the plugin */
    const char *format;                    /**< e.g. "csv"; also the file extension */
    const char *mime_type;                 /**< e.g. "text/csv" */
    const struct or_param *const *options; /**< accepted options */
    size_t noptions;                       /**< number of options */
    or_render_fn *render;                  /**< MUST */
    /**
     * MAY: nonzero promises that render() steps each TABLE section's cursor
     * once, from its first row to its end (a rewind before the first step is
     * allowed), never reads a TABLE result's `nrows`, and reads
     * or_report.sources only after its cursors have ended.  The host may
     * then hand it rows while they are still being fetched, with `nrows` set
     * to -1 (`outreport fetch` does).
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
    uint32_t abi_major;                 /**< OR_ABI_MAJOR the plugin was built against */
    uint32_t abi_minor;                 /**< OR_ABI_MINOR the plugin was built against */
    uint32_t size;                      /**< sizeof(struct or_plugin) the plugin was built with */
    enum or_plugin_kind kind;           /**< provider or renderer */
    const char *name;                   /**< unique name, e.g. "salesfinity", "csv" */
    const char *version;                /**< plugin version */
    const char *description;            /**< one line */
    const struct or_provider *provider; /**< set for providers */
    const struct or_renderer *renderer; /**< set for renderers */
    /* since 2.1 */
    const struct or_config_key *const *config_keys; /**< keys of the [name] section it reads */
    size_t nconfig_keys;                            /**< number of config_keys */
};

/** Type of the entry function ::OR_PLUGIN_DEFINE defines. */
typedef const struct or_plugin *or_plugin_entry_fn(void);

/**
 * Define the plugin's descriptor and its one exported symbol.  The arguments
 * are the descriptor's members as designated initialisers; the ABI version
 * and the size are filled in:
 *
 * @code
 * OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "csv", .version = "1.0",
 *                  .description = "CSV files", .renderer = &csv_renderer);
 * @endcode
 *
 * Use it once, at file scope, in one source file of the plugin.
 */
#define OR_PLUGIN_DEFINE(...)                                                                      \
    static const struct or_plugin or_plugin_descriptor_;                                           \
    OR_EXPORT or_plugin_entry_fn OR_PLUGIN_ENTRY;                                                  \
    OR_EXPORT const struct or_plugin *OR_PLUGIN_ENTRY(void)                                        \
    {                                                                                              \
        return &or_plugin_descriptor_;                                                             \
    }                                                                                              \
    static const struct or_plugin or_plugin_descriptor_ = {.abi_major = OR_ABI_MAJOR,              \
                                                           .abi_minor = OR_ABI_MINOR,              \
                                                           .size = sizeof(struct or_plugin),       \
                                                           __VA_ARGS__}

#ifdef __cplusplus
}
#endif

#endif /* OUTREPORT_PLUGIN_H */
