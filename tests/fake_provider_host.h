/* SPDX-License-Identifier: MIT */
/**
 * @file fake_provider_host.h
 * @brief A fake ::or_host for testing provider plugins through their ABI only.
 *
 * The provider tests dlopen() the real plugin from $OUTREPORT_PLUGIN_PATH
 * (as the host does, RTLD_NODELETE) and drive it with the host table
 * ::fake_host, whose state lives in the global ::fake:
 *
 * - requests: req_set/req_query/req_header/req_body are recorded in
 *   fake.req (query pairs and headers copied, body and content type kept);
 * - rows: the sink stores the typed cell of every row and column with a
 *   NULL flag; the endpoint's declared columns come first and rows_column
 *   really adds columns (returning an existing one whatever its type, as
 *   the real host does) on endpoints with dynamic columns;
 * - the sink's contract is checked: setters only inside a row, column index
 *   in range, the setter matching the column type, bools 0/1, a column set
 *   at most once per row, rows_column only on dynamic endpoints and with a
 *   snake_case name; parse_body() fails the test on any breach;
 * - logs: counts all lines and warnings and keeps the last warning;
 * - count_repaired adds up into fake.repaired (reset by fake_reset_io);
 * - config comes from a small table (fake_set_config()), else the plugin's
 *   declared default; reading a key the plugin does not declare (base_url
 *   is the host's) fails the test; secret_get reads the variable named by
 *   the config key it is given, else by its default, else the default one
 *   passed;
 * - parse_iso8601 understands YYYY-MM-DD[THH:MM:SS[.f](Z|±HH:MM)], a date
 *   alone being midnight in a zone fake.zone_offset seconds east of UTC.
 *
 * The helpers below (plugin loading, endpoint lookup, fixtures, parsing,
 * request and cell checks) fail the running cmocka test on error.
 */
#ifndef OUTREPORT_FAKE_PROVIDER_HOST_H
#define OUTREPORT_FAKE_PROVIDER_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Query pairs one request may carry. */
#define FAKE_MAX_PAIRS 128
/** Headers one request may carry. */
#define FAKE_MAX_HEADERS 16
/** Columns of a table: the declared ones plus those rows_column adds. */
#define FAKE_MAX_COLS 256
/** Entries of the config table. */
#define FAKE_MAX_CONFIG 16

/** The request a provider built, as recorded by the fake host. */
struct or_request {
    int nset;                      /**< number of req_set calls */
    char method[16];               /**< last method */
    char path[256];                /**< last path */
    size_t nquery;                 /**< query pairs recorded */
    char *qkey[FAKE_MAX_PAIRS];    /**< query keys, in order */
    char *qval[FAKE_MAX_PAIRS];    /**< query values, in order */
    size_t nheader;                /**< headers recorded */
    char *hname[FAKE_MAX_HEADERS]; /**< header names, in order */
    char *hval[FAKE_MAX_HEADERS];  /**< header values, in order */
    int hsecret[FAKE_MAX_HEADERS]; /**< the secret flag of each header */
    char *body;                    /**< the body (NUL-terminated copy) or NULL */
    size_t body_len;               /**< body length in bytes */
    char content_type[64];         /**< the body's content type */
};

/** One stored cell. */
struct fake_cell {
    int set;    /**< nonzero: not NULL */
    int64_t i;  /**< INT, BOOL and TIME values */
    double r;   /**< REAL value */
    char *s;    /**< TEXT value (NUL-terminated copy) */
    size_t len; /**< TEXT length */
};

/** The row sink of the fake host. */
struct or_rows {
    const struct or_endpoint *ep;      /**< the endpoint the sink is bound to */
    size_t ncols;                      /**< declared columns, then added ones */
    char *names[FAKE_MAX_COLS];        /**< column names */
    enum or_type types[FAKE_MAX_COLS]; /**< column types */
    size_t nadded;                     /**< columns rows_column added */
    size_t nrows;                      /**< rows stored */
    size_t cap;                        /**< rows allocated */
    struct fake_cell *cells;           /**< nrows * FAKE_MAX_COLS cells */
    int open;                          /**< a row is open */
    int misuse;                        /**< contract violations by the plugin */
    char misuse_what[256];             /**< the first violation */
};

/** Everything the fake host records or serves. */
struct fake_host_state {
    struct or_request req;                     /**< the last request built */
    struct or_rows rows;                       /**< the rows parsed */
    int nwarn;                                 /**< warnings logged */
    int nlog;                                  /**< lines logged at any level */
    char last_warn[2048];                      /**< the last warning */
    size_t nconfig;                            /**< config entries */
    const char *config_key[FAKE_MAX_CONFIG];   /**< config keys (static strings) */
    const char *config_value[FAKE_MAX_CONFIG]; /**< config values (static strings or NULL) */
    char secret_key_name[64];                  /**< env_key_name secret_get was last asked for */
    int nsecret;                               /**< secret_get calls */
    int64_t zone_offset;                       /**< seconds east of UTC of the "report zone" */
    int forbid_body;                           /**< nonzero: req_body fails the test */
    int forbid_time_parse;                     /**< nonzero: parse_iso8601 fails the test */
    long repaired[OR_REPAIR_COUNT];            /**< what count_repaired added up, by kind */
};

/** The fake host's state. */
extern struct fake_host_state fake;

/** The host table to hand to plugin callbacks. */
extern const struct or_host fake_host;

/** The loaded plugin's handle (for dlsym checks) and descriptor. */
extern void *plugin_handle;
/** The loaded plugin's descriptor. */
extern const struct or_plugin *plugin;

/** Columns checked since the last reset by cell_at(), one bit per column (< 64). */
extern uint64_t checked;

/**
 * Load provider_@p provider.so from the colon-separated $OUTREPORT_PLUGIN_PATH
 * with RTLD_NODELETE and call its entry; fixtures are then read from
 * tests/fixtures/@p provider.  Returns 0, or -1 with a message on stderr.
 */
int fake_plugin_load(const char *provider);

/** dlclose() the plugin loaded by fake_plugin_load(), if any. */
void fake_plugin_unload(void);

/** cmocka group teardown: fake_plugin_unload(); returns 0. */
int fake_group_teardown(void **state);

/** cmocka per-test teardown: fake_reset(); returns 0. */
int fake_teardown(void **state);

/** Forget the recorded request. */
void fake_reset_request(void);

/** Forget the request, the rows and the log counts; config and flags stay. */
void fake_reset_io(void);

/** Forget everything, config and flags included. */
void fake_reset(void);

/**
 * The ABI's list of pointers to the @p n parameter values of @p p, for
 * or_query.params.  Valid until the test's teardown (fake_teardown()).
 */
const struct or_param_value *const *fake_params(const struct or_param_value *p, size_t n);

/** Set config key @p key to @p value (both static; NULL makes it unset). */
void fake_set_config(const char *key, const char *value);

/** Forget the rows of the last page but keep the table's columns (a new page). */
void rows_next_page(struct or_rows *rows);

/** The endpoint named @p name of the loaded plugin; fails the test if absent. */
const struct or_endpoint *endpoint(const char *name);

/**
 * Read fixture @p name of the loaded provider, from $OR_FIXTURES_DIR,
 * $OR_SOURCE_ROOT/tests/fixtures/PROVIDER, next to this source file, or by
 * walking up from the working directory.  Fails the test if not found;
 * the caller free()s the result.
 */
char *fixture(const char *name, size_t *len);

/**
 * Parse @p body with @p ep into fake.rows (appending; a different endpoint
 * starts a new table), with @p info poisoned first and @p err of
 * OR_ERR_SIZE bytes.  Fails the test on a sink contract breach or a row left
 * open.  Returns the plugin's status.
 */
or_status parse_body(const struct or_endpoint *ep, const struct or_query *q, long page,
                     const char *body, size_t len, struct or_page_info *info, char *err);

/** parse_body() on fixture @p name. */
or_status parse_fixture(const struct or_endpoint *ep, const struct or_query *q, long page,
                        const char *name, struct or_page_info *info, char *err);

/** Build page @p page of @p ep into fake.req; @p err has OR_ERR_SIZE bytes. */
or_status build(const struct or_endpoint *ep, const struct or_query *q, long page, char *err);

/** Run @p ep's check_query; @p err has OR_ERR_SIZE bytes. */
or_status check(const struct or_endpoint *ep, const struct or_query *q, char *err);

/** How many query pairs have key @p key. */
size_t query_count(const char *key);

/** The @p nth (0-based) value of query key @p key, or NULL. */
const char *query_value(const char *key, size_t nth);

/** Fail unless query key @p key appears once with value @p want. */
void expect_query(const char *key, const char *want);

/**
 * The value of header @p name, or NULL; *@p secret (if not NULL) tells how it
 * was marked.  Fails the test if the header was sent more than once.
 */
const char *header(const char *name, int *secret);

/** Index of column @p name in fake.rows, or -1. */
long column_index(const char *name);

/** The cell of @p row and column @p name; marks the column in ::checked. */
const struct fake_cell *cell_at(size_t row, const char *name);

/** One column an endpoint's schema must declare. */
struct want_column {
    const char *name;  /**< column name */
    enum or_type type; /**< column type */
};

/**
 * Fail unless @p ep declares exactly the @p n columns of @p want, in order,
 * each with a non-empty description.
 */
void expect_schema(const struct or_endpoint *ep, const struct want_column *want, size_t n);

/** Fail unless column @p name exists with type @p type. */
void expect_type(const char *name, enum or_type type);

/** Fail if column @p name exists. */
void expect_no_column(const char *name);

/** Fail unless the cell is text equal to @p want. */
void expect_text(size_t row, const char *name, const char *want);

/** Fail unless the cell is an int, bool or time equal to @p want. */
void expect_int(size_t row, const char *name, int64_t want);

/** Fail unless the cell is a real equal to @p want. */
void expect_real(size_t row, const char *name, double want);

/** Fail unless the cell is NULL. */
void expect_null(size_t row, const char *name);

/** Fail unless every declared column of the endpoint was checked since ::checked was cleared. */
void expect_all_checked(void);

/** Fail unless every declared column of @p row is NULL. */
void expect_row_all_null(size_t row);

/** Days since 1970-01-01 of a proleptic Gregorian date. */
int64_t days_from_civil(int64_t y, int m, int d);

/** The date of @p z days since 1970-01-01. */
void civil_from_days(int64_t z, int64_t *y, int *m, int *d);

/** Parse @p n decimal digits at @p p into *@p out; 0 if one is not a digit. */
int digits(const char *p, int n, int *out);

#endif /* OUTREPORT_FAKE_PROVIDER_HOST_H */
