/* SPDX-License-Identifier: MIT */
/*
 * Documents rendered in parallel, through the real binary against the mock
 * server: bench/weekly-export.json over 30,000 calls (a raw table too large
 * to keep in memory, so its rows are read while rendering, through a sort
 * index and reader threads).  `--format csv,xlsx,pdf` writes the very bytes
 * each format writes alone, in the same order in manifest.json, run after run,
 * with each file's size and SHA-256 right; a document that cannot be written
 * leaves those before it (in format order) in place, writes none after it and
 * leaves no temporary file behind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "proc.h"

#define PERIOD "2026-11-09..2026-11-15"

struct fixture {
    struct mockapi mock;
    char *dir;
    char *conf;
    char *tpl;
};

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    const char *args[] = {"--calls", "30000", "--start", "2026-11-09", "--days", "7", NULL};
    if (mockapi_start(&f->mock, args) != 0) {
        free(f);
        return -1;
    }
    f->dir = test_tmpdir();
    f->conf = g_build_filename(f->dir, "outreport.conf", NULL);
    char *text = g_strdup_printf("[report]\ntimezone = Europe/Berlin\n[salesfinity]\n"
                                 "base_url = %s\n",
                                 f->mock.base);
    g_file_set_contents(f->conf, text, -1, NULL);
    g_free(text);
    const char *root = getenv("OR_SOURCE_ROOT");
    f->tpl = g_build_filename(root != NULL ? root : ".", "bench", "weekly-export.json", NULL);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    mockapi_stop(&f->mock);
    test_rmtree(f->dir);
    free(f->dir);
    g_free(f->conf);
    g_free(f->tpl);
    free(f);
    return 0;
}

/* Runs the template with --format @p formats into a new folder @p name. */
static char *
run_formats(struct fixture *f, const char *formats, const char *name, int want_status)
{
    char *out = g_build_filename(f->dir, name, NULL);
    const char *argv[] = {proc_outreport(), "--config", f->conf, "-q",    "run", f->tpl, "--period",
                          PERIOD,           "--format", formats, "--out", out,   NULL};
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", "SOURCE_DATE_EPOCH=1763000000", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 300, &r), 0);
    if (r.status != want_status) {
        fprintf(stderr, "--format %s: exit %d: %s", formats, r.status, r.err);
    }
    assert_int_equal(r.status, want_status);
    proc_result_free(&r);
    return out;
}

static json_t *
manifest_files(const char *dir)
{
    char *path = g_build_filename(dir, "manifest.json", NULL);
    json_error_t jerr;
    json_t *m = json_load_file(path, 0, &jerr);
    g_free(path);
    assert_non_null(m);
    json_t *files = json_incref(json_object_get(m, "files"));
    json_decref(m);
    assert_true(json_is_array(files));
    return files;
}

/* "name bytes sha256;" for each file of the manifest, in its order, with the
 * size and hash checked against the file itself. */
static char *
files_summary(const char *dir)
{
    json_t *files = manifest_files(dir);
    GString *out = g_string_new(NULL);
    size_t i;
    json_t *f;
    json_array_foreach(files, i, f)
    {
        const char *path = json_string_value(json_object_get(f, "path"));
        const char *sha = json_string_value(json_object_get(f, "sha256"));
        json_int_t bytes = json_integer_value(json_object_get(f, "bytes"));
        assert_non_null(path);
        assert_non_null(sha);
        size_t len = 0;
        char *data = test_read_file(path, &len);
        assert_non_null(data);
        assert_int_equal((json_int_t)len, bytes);
        char *want = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
        assert_string_equal(sha, want);
        g_free(want);
        free(data);
        char *base = g_path_get_basename(path);
        g_string_append_printf(out, "%s %" JSON_INTEGER_FORMAT " %s;", base, bytes, sha);
        g_free(base);
    }
    json_decref(files);
    return g_string_free(out, FALSE);
}

/* The rows manifest.json gives for section @p id. */
static json_int_t
section_rows(const char *dir, const char *id)
{
    char *path = g_build_filename(dir, "manifest.json", NULL);
    json_error_t jerr;
    json_t *m = json_load_file(path, 0, &jerr);
    json_int_t rows = -1;
    size_t i;
    json_t *s;
    g_free(path);
    assert_non_null(m);
    json_array_foreach(json_object_get(m, "sections"), i, s)
    {
        if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0) {
            rows = json_integer_value(json_object_get(s, "rows"));
        }
    }
    json_decref(m);
    return rows;
}

/* No leftover ".NAME.tmp-XXXXXX" in @p dir. */
static void
assert_no_temporary_files(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;
    assert_non_null(d);
    while ((name = g_dir_read_name(d)) != NULL) {
        if (strstr(name, ".tmp-") != NULL) {
            fail_msg("%s: temporary file %s left behind", dir, name);
        }
    }
    g_dir_close(d);
}

static void
all_formats_at_once_write_what_each_writes_alone(void **state)
{
    struct fixture *f = *state;
    char *all = run_formats(f, "csv,xlsx,pdf", "all", 0);
    char *again = run_formats(f, "csv,xlsx,pdf", "again", 0);
    char *summary = files_summary(all);
    char *summary2 = files_summary(again);
    /* Deterministic: the same files, in the same order, run after run. */
    assert_string_equal(summary, summary2);
    /* The order of --format, CSV's files in section order. */
    const char *order[] = {"weekly-export-reps.csv ", "weekly-export-calls.csv ",
                           "weekly-export.xlsx ", "weekly-export.pdf "};
    for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
        assert_non_null(strstr(summary, order[i]));
        assert_true(i == 0 || strstr(summary, order[i - 1]) < strstr(summary, order[i]));
    }

    /* Each format alone writes the same bytes. */
    GString *alone = g_string_new(NULL);
    const char *const formats[] = {"csv", "xlsx", "pdf"};
    for (size_t i = 0; i < 3; i++) {
        char *out = run_formats(f, formats[i], formats[i], 0);
        char *s = files_summary(out);
        g_string_append(alone, s);
        g_free(s);
        assert_no_temporary_files(out);
        g_free(out);
    }
    assert_string_equal(alone->str, summary);
    /* And the raw table is all there: every call of the week and a header. */
    char *calls_path = g_build_filename(all, "weekly-export-calls.csv", NULL);
    char *calls = test_read_file(calls_path, NULL);
    json_int_t rows = section_rows(all, "calls");
    assert_true(rows > 20000);
    assert_int_equal(test_count_lines_with(calls, "\r"), rows + 1);
    free(calls);
    g_free(calls_path);
    assert_no_temporary_files(all);
    g_string_free(alone, TRUE);
    g_free(summary);
    g_free(summary2);
    g_free(all);
    g_free(again);
}

static void
a_document_that_fails_keeps_those_before_it_and_writes_none_after(void **state)
{
    struct fixture *f = *state;
    char *good = run_formats(f, "csv", "good", 0);
    char *want = files_summary(good);

    /* A folder where the workbook should go: it cannot be put in place. */
    char *out = g_build_filename(f->dir, "failing", NULL);
    char *blocker = g_build_filename(out, "weekly-export.xlsx", "keep", NULL);
    assert_int_equal(g_mkdir_with_parents(blocker, 0700), 0);
    char *pdf = g_build_filename(out, "weekly-export.pdf", NULL);
    assert_true(g_file_set_contents(pdf, "an earlier run's document", -1, NULL));

    const char *argv[] = {proc_outreport(), "--config", f->conf, "-q",       "run",
                          f->tpl,           "--period", PERIOD,  "--format", "csv,xlsx,pdf",
                          "--out",          out,        NULL};
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", "SOURCE_DATE_EPOCH=1763000000", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 300, &r), 0);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "weekly-export.xlsx: cannot write"));
    proc_result_free(&r);

    /* The CSV files before it are in place and complete; the PDF after it
     * was not written (an earlier run's file is left alone); nothing is
     * half-written. */
    char *got = files_summary(out);
    assert_string_equal(got, want);
    char *old = test_read_file(pdf, NULL);
    assert_string_equal(old, "an earlier run's document");
    free(old);
    assert_no_temporary_files(out);
    char *mpath = g_build_filename(out, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(strstr(m, "\"status\": \"failed\""));
    free(m);
    g_free(mpath);

    /* A renderer that refuses the options: nothing at all is written. */
    char *refused = g_build_filename(f->dir, "refused", NULL);
    const char *argv2[] = {proc_outreport(),
                           "--config",
                           f->conf,
                           "-q",
                           "run",
                           f->tpl,
                           "--period",
                           PERIOD,
                           "--format",
                           "pdf,xlsx,csv",
                           "--out",
                           refused,
                           "--option",
                           "no_such_option=1",
                           NULL};
    assert_int_equal(proc_run(argv2, env, 300, &r), 0);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "weekly-export.pdf: pdf: unknown option 'no_such_option'"));
    proc_result_free(&r);
    got = (g_free(got), files_summary(refused));
    assert_string_equal(got, "");
    assert_no_temporary_files(refused);

    g_free(got);
    g_free(refused);
    g_free(pdf);
    g_free(blocker);
    g_free(out);
    g_free(want);
    g_free(good);
}

/* A listing read while rendering through a sort index returns what it
 * returns without one: the same rows in the same order, equal keys too.  Each
 * section has a twin sorting or filtering on an expression, which no index
 * serves.  Listings of one template share the indexes; a range filter would
 * use them for its own purpose, so the second template adds one. */
static void
sort_indexes_do_not_change_any_listing(void **state)
{
    struct fixture *f = *state;
    static const char *const pairs[][2] = {
        {"SELECT id, started_at, rep_id FROM calls ORDER BY started_at",
         "SELECT id, started_at, rep_id FROM calls ORDER BY started_at + 0"},
        {"SELECT id, started_at FROM calls ORDER BY started_at DESC",
         "SELECT id, started_at FROM calls ORDER BY started_at + 0 DESC"},
        {"SELECT id, rep_id, started_at FROM calls ORDER BY rep_id, started_at DESC",
         "SELECT id, rep_id, started_at FROM calls ORDER BY rep_id || '', started_at + 0 DESC"},
        {"SELECT id FROM calls WHERE started_at >= :period_start",
         "SELECT id FROM calls WHERE started_at + 0 >= :period_start"},
    };
    for (size_t npairs = 3; npairs <= 4; npairs++) {
        GString *json = g_string_new("{\"title\": \"Listings\", \"sources\": {\"calls\": "
                                     "{\"source\": \"salesfinity.call-log\"}}, \"sections\": [");
        for (size_t i = 0; i < npairs; i++) {
            for (int k = 0; k < 2; k++) {
                g_string_append_printf(json,
                                       "%s{\"kind\": \"table\", \"id\": \"s%zu-%d\", "
                                       "\"title\": \"s\", \"sql\": \"%s\"}",
                                       i + (size_t)k > 0 ? ", " : "", i, k, pairs[i][k]);
            }
        }
        g_string_append(json, "]}");
        char *tpl = g_build_filename(f->dir, "listings.json", NULL);
        assert_true(g_file_set_contents(tpl, json->str, -1, NULL));
        g_string_free(json, TRUE);
        char *out = g_strdup_printf("%s/listings%zu", f->dir, npairs);
        const char *argv[] = {
            proc_outreport(), "--config", f->conf,    "-q",    "run", tpl, "--period",
            PERIOD,           "--format", "csv,xlsx", "--out", out,   NULL};
        const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", NULL};
        struct proc_result r;
        assert_int_equal(proc_run(argv, env, 300, &r), 0);
        if (r.status != 0) {
            fprintf(stderr, "%s", r.err);
        }
        assert_int_equal(r.status, 0);
        proc_result_free(&r);
        for (size_t i = 0; i < npairs; i++) {
            char name[2][64];
            char *text[2];
            for (int k = 0; k < 2; k++) {
                g_snprintf(name[k], sizeof(name[k]), "listings-s%zu-%d.csv", i, k);
                char *path = g_build_filename(out, name[k], NULL);
                text[k] = test_read_file(path, NULL);
                assert_non_null(text[k]);
                g_free(path);
            }
            assert_true(test_count_lines_with(text[0], "\r") > 20000);
            if (strcmp(text[0], text[1]) != 0) {
                fail_msg("%s and %s differ", name[0], name[1]);
            }
            free(text[0]);
            free(text[1]);
        }
        assert_no_temporary_files(out);
        g_free(out);
        g_free(tpl);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(all_formats_at_once_write_what_each_writes_alone, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            a_document_that_fails_keeps_those_before_it_and_writes_none_after, setup, teardown),
        cmocka_unit_test_setup_teardown(sort_indexes_do_not_change_any_listing, setup, teardown),
    };
    return cmocka_run_group_tests_name("render_parallel", tests, NULL, NULL);
}
