/* SPDX-License-Identifier: MIT */
/**
 * @file fake_renderer_host.h
 * @brief A fake host for the renderer plugin tests.
 *
 * The renderer tests dlopen() the real renderer plugin from
 * $OUTREPORT_PLUGIN_PATH and drive it through the host defined here:
 *
 * - a cursor (struct or_cursor) over static rows of struct or_value, or over
 *   rows a test-supplied generator makes up on the fly, with error injection
 *   in cursor_next and cursor_rewind and a count of rewinds;
 * - format_time and local_time in a fixed UTC+01:00 report zone
 *   (Europe/Berlin in November), format_time failing on request;
 * - format_value, format_change, format_cell and format_kpi: the core's
 *   formatter (valuefmt.c, cellfmt.c), in that zone and in euros, as the
 *   real host serves it;
 * - a log that writes to stderr and counts warnings, keeping the last one;
 * - tmp_create and tmp_done: the real host's (host_tmp.c).
 *
 * Every callback a renderer has no business calling (requests, row building,
 * configuration, secrets, ISO 8601 parsing) answers "unsupported".
 *
 * Temporary folders come from test_tmpdir() and test_rmtree() in proc.h.
 */
#ifndef OR_TEST_FAKE_RENDERER_HOST_H
#define OR_TEST_FAKE_RENDERER_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Offset of the fixed report zone of the renderer tests, in seconds east of UTC. */
#define FAKE_RENDERER_ZONE_OFFSET 3600

/** The currency of the renderer tests' reports. */
#define FAKE_RENDERER_CURRENCY "EUR"

/** A value of type text, from a string literal. */
#define V_TEXT(x)                                                                                  \
    {                                                                                              \
        .type = OR_TYPE_TEXT, .s = (x), .len = sizeof(x) - 1                                       \
    }
/** A value of type int. */
#define V_INT(x)                                                                                   \
    {                                                                                              \
        .type = OR_TYPE_INT, .i = (x)                                                              \
    }
/** A value of type real. */
#define V_REAL(x)                                                                                  \
    {                                                                                              \
        .type = OR_TYPE_REAL, .r = (x)                                                             \
    }
/** A value of type bool. */
#define V_BOOL(x)                                                                                  \
    {                                                                                              \
        .type = OR_TYPE_BOOL, .i = (x)                                                             \
    }
/** A value of type time (Unix seconds). */
#define V_TIME(x)                                                                                  \
    {                                                                                              \
        .type = OR_TYPE_TIME, .i = (x)                                                             \
    }
/** A null value of type @p t. */
#define V_NULL(t)                                                                                  \
    {                                                                                              \
        .type = (t), .is_null = 1                                                                  \
    }
/** Number of elements of an array. */
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/**
 * Rows of a fake result set: a static array, or generated when @c generate > 0.
 *
 * Set up with fake_renderer_result(); tests then adjust the fields directly.
 */
struct or_cursor {
    const struct or_value *rows; /**< nrows * ncols values, row-major */
    size_t ncols;                /**< values per row */
    size_t nrows;                /**< static rows */
    size_t pos;                  /**< index of the next row to hand out */
    /**
     * Row index at which cursor_next fails (OR_ERR_DATASET), once; the cursor is then at
     * its end, so a renderer ignoring the error finishes "OK".  -1: never.
     */
    long fail_at;
    int fail_rewind; /**< nonzero: cursor_rewind fails */
    int rewinds;     /**< number of successful rewinds */
    size_t generate; /**< > 0: that many rows are made by @c gen instead */
    /**
     * Makes row @c pos into @p row (ncols values); called with @c pos before
     * it advances.  Text may point into @c text.
     */
    void (*gen)(struct or_cursor *c, struct or_value *row);
    int kind;         /**< free for the generator: which rows to make */
    char text[4][64]; /**< text of the current generated row */
};

/** What the fake host records, and how it misbehaves. */
struct fake_renderer_state {
    int fail_time;          /**< nonzero: format_time fails */
    int warnings;           /**< OR_LOG_WARN lines logged */
    char last_warning[512]; /**< text of the last of them */
};

/**
 * Fill @p host with the fake callbacks; @p state becomes its host_data.
 *
 * @param host   host to fill (every field is set)
 * @param state  state the callbacks read and record into
 */
void fake_renderer_host_init(struct or_host *host, struct fake_renderer_state *state);

/** Forget what @p state recorded and stop injecting failures. */
void fake_renderer_state_reset(struct fake_renderer_state *state);

/**
 * Put static rows behind a cursor and describe them in a result (its
 * column list made with fake_cols()).
 *
 * The cursor fails nowhere (fail_at -1); set its @c gen and @c generate for
 * generated rows.
 *
 * @param c      cursor to set up
 * @param r      result to set up; its cursor is @p c
 * @param cols   @p ncols column descriptions
 * @param ncols  number of columns
 * @param rows   @p nrows * @p ncols values, row-major (may be NULL when @p nrows is 0)
 * @param nrows  number of rows
 */
void fake_renderer_result(struct or_cursor *c, struct or_result *r,
                          const struct or_result_column *cols, size_t ncols,
                          const struct or_value *rows, size_t nrows);

/**
 * Lists of pointers, as the ABI takes them, to the @p n elements of an
 * array of structs a test wrote.  Valid until the next test starts
 * (fake_renderer_test_setup()) or the suite ends.
 */
const struct or_section *const *fake_sections(const struct or_section *a, size_t n);
/** See fake_sections(). */
const struct or_kpi *const *fake_kpis(const struct or_kpi *a, size_t n);
/** See fake_sections(). */
const struct or_source_status *const *fake_sources(const struct or_source_status *a, size_t n);
/** See fake_sections(). */
const struct or_result_column *const *fake_cols(const struct or_result_column *a, size_t n);

/** What a renderer test suite shares between its tests (cmocka's state). */
struct fake_renderer_suite {
    void *dl;                          /**< dlopen() handle of the plugin */
    const struct or_plugin *plugin;    /**< its descriptor */
    char *dir;                         /**< temporary folder for rendered files (malloc'd) */
    char path[512];                    /**< file of the last render */
    char err[OR_ERR_SIZE];             /**< message of the last render */
    const char *ext;                   /**< extension of rendered files, e.g. "csv" */
    struct or_host *host;              /**< the fake host renders go through */
    struct fake_renderer_state *state; /**< its host_data */
};

/**
 * Group setup: load a renderer plugin as the host does and make a temporary folder.
 *
 * The plugin is dlopen()ed with RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE from
 * $OUTREPORT_PLUGIN_PATH and its descriptor fetched through its entry symbol;
 * @p host is filled by fake_renderer_host_init() with @p hs.  Reasons for
 * failure are written to stderr.
 *
 * @param state  cmocka's state; receives @p s
 * @param s      suite to set up (static storage)
 * @param name   name of the plugin and extension of its files: "csv" loads
 *               renderer_csv.so
 * @param host   host to fill and render through
 * @param hs     state of @p host
 * @return 0, or -1 on failure
 */
int fake_renderer_suite_setup(void **state, struct fake_renderer_suite *s, const char *name,
                              struct or_host *host, struct fake_renderer_state *hs);

/**
 * Group teardown: remove the temporary folder and dlclose() the plugin.
 *
 * The plugin was loaded with RTLD_NODELETE, as the host does, so its
 * libraries (cairo, fontconfig) stay mapped and leak checkers can still name
 * the frames of what they report.
 *
 * @return 0
 */
int fake_renderer_suite_teardown(void **state);

/**
 * Per-test setup: reset the host state, clear the path and the message.
 *
 * @return 0
 */
int fake_renderer_test_setup(void **state);

/**
 * Render @p report into <dir>/<name>.<ext>; the path is left in s->path.
 * @p opts is handed over as a list of pointers, as the host does.
 *
 * Removes an older file first and clears s->err, which then holds the
 * renderer's message.
 *
 * @return what the renderer returned
 */
or_status fake_renderer_render(struct fake_renderer_suite *s, const struct or_report *report,
                               const char *name, const struct or_option *opts, size_t nopts);

#endif
