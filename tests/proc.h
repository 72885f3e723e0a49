/* SPDX-License-Identifier: MIT */
/**
 * @file proc.h
 * @brief Test helpers: run the real binary, start and stop the mock API server,
 * step the core's cursors.
 *
 * Paths come from the environment meson sets: OR_BUILD_ROOT (binary, mock
 * server), OR_SOURCE_ROOT (samples, fixtures).
 */
#ifndef OR_TEST_PROC_H
#define OR_TEST_PROC_H

#include <stddef.h>
#include <sys/types.h>

/** Result of running a command. */
struct proc_result {
    int status;     /**< exit code, or 128+signal */
    char *out;      /**< captured stdout (malloc'd, NUL-terminated) */
    char *err;      /**< captured stderr (malloc'd, NUL-terminated) */
    long maxrss_kb; /**< the command's peak resident memory (wait4), in KiB */
    double seconds; /**< how long it ran */
};

/**
 * Run argv (argv[0] a path) with extra environment entries "K=V" (NULL-terminated,
 * may be NULL), capturing output; kill after @p timeout_s seconds.
 */
int proc_run(const char *const *argv, const char *const *env, int timeout_s,
             struct proc_result *res);

/** Called in the child after fork, before exec (rlimits, signal dispositions). */
typedef void proc_setup_fn(void *ud);

/** proc_run() with @p setup (may be NULL) run in the child before exec. */
int proc_run_setup(const char *const *argv, const char *const *env, int timeout_s,
                   proc_setup_fn *setup, void *ud, struct proc_result *res);

/** Free the captured output. */
void proc_result_free(struct proc_result *res);

/** Path of the outreport binary in the build tree (static buffer). */
const char *proc_outreport(void);

/** A running mock API server. */
struct mockapi {
    pid_t pid;
    int port;
    char base[64]; /**< "http://127.0.0.1:PORT" */
    char dir[256]; /**< temporary folder for its files */
};

/**
 * Start tests/mockapi with the extra arguments (NULL-terminated list, may be
 * NULL) on a free loopback port and wait until it listens.  Returns 0 or -1.
 */
int mockapi_start(struct mockapi *m, const char *const *args);

/** Stop it (SIGTERM, wait) and remove its folder. */
void mockapi_stop(struct mockapi *m);

/** GET /__stats and return the value of "requests" (-1 on error). */
long mockapi_requests(const struct mockapi *m);

/** The embedded samples and a fresh output folder: where most end-to-end tests start. */
struct samples {
    char conf[1024]; /**< samples/outreport.conf */
    char rec[1024];  /**< samples/recording */
    char *dir;       /**< a fresh temporary folder (malloc'd), removed by samples_close() */
};

/** Fill @p s: paths under $OR_SOURCE_ROOT (else "."), and a new folder. */
void samples_open(struct samples *s);

/** Remove the folder and free it. */
void samples_close(struct samples *s);

/** The week the sample recording holds. */
#define SAMPLES_PERIOD "2026-11-16..2026-11-22"

/**
 * Run `outreport --config CONF ARGS --replay REC --period SAMPLES_PERIOD`
 * (getopt takes the options after the command's own arguments) with extra
 * environment @p env (may be NULL), as proc_run() does.  @p args is
 * NULL-terminated, at most 40 entries.
 */
int samples_run(const struct samples *s, const char *const *args, const char *const *env,
                int timeout_s, struct proc_result *res);

/** samples_run() with @p setup (may be NULL) run in the child before exec. */
int samples_run_setup(const struct samples *s, const char *const *args, const char *const *env,
                      int timeout_s, proc_setup_fn *setup, void *ud, struct proc_result *res);

/** Make a fresh temporary directory; returns a malloc'd path. */
char *test_tmpdir(void);

/** Remove a directory tree (rm -rf). */
void test_rmtree(const char *dir);

/** Read a whole file (malloc'd, NUL-terminated), or NULL. */
char *test_read_file(const char *path, size_t *len);

/** Count lines of a text that contain @p needle. */
int test_count_lines_with(const char *text, const char *needle);

struct or_cursor;
struct or_value;

/** One step of a core cursor: 1 a row (in @p row), 0 the end; an error fails the test. */
int test_next_row(struct or_cursor *c, struct or_value *row);

/** Copy file @p from to @p to; 0, or -1 when either cannot be read or written. */
int test_copy_file(const char *from, const char *to);

/**
 * A list of pointers to the @p n elements of @p size bytes at @p base, as
 * the plugin ABI takes lists (malloc'd; aborts when out of memory).  Valid
 * until test_pointer_lists_free().
 */
const void *const *test_pointer_list(const void *base, size_t size, size_t n);

/** Free every list test_pointer_list() made. */
void test_pointer_lists_free(void);

#endif
