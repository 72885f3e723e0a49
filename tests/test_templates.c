/* SPDX-License-Identifier: MIT */
/*
 * Templates through the real binary: every shipped template validates and runs
 * on the sample recording; weekly-manager's headline numbers equal an
 * independent computation over the raw recorded pages; the SQL sandbox refuses
 * escapes; template errors name file, section and problem; failed and missing
 * sources degrade as documented.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proc.h"

static const char *const shipped[] = {"weekly-manager", "rep-scorecard", "list-performance",
                                      "sequence-engagement", "voice-agent"};

static char *
src_path(const char *rel)
{
    const char *root = getenv("OR_SOURCE_ROOT");
    return g_build_filename(root ? root : ".", rel, NULL);
}

static void
run(const char *const *argv, const char *const *env, struct proc_result *r)
{
    assert_int_equal(proc_run(argv, env, 120, r), 0);
}

static void
every_shipped_template_validates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
        const char *argv[] = {proc_outreport(), "validate", shipped[i], NULL};
        struct proc_result r;
        run(argv, NULL, &r);
        if (r.status != 0) {
            fprintf(stderr, "%s: %s", shipped[i], r.err);
        }
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, ": ok:"));
        proc_result_free(&r);
    }
}

static void
every_shipped_template_runs_on_the_samples(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(shipped) / sizeof(shipped[0]); i++) {
        struct samples S;
        samples_open(&S);
        const char *args[] = {"run", shipped[i], "--format", "csv", "--out", S.dir, NULL};
        struct proc_result r;
        assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
        if (r.status != 0) {
            fprintf(stderr, "%s: %s", shipped[i], r.err);
        }
        assert_int_equal(r.status, 0);
        char *mpath = g_build_filename(S.dir, "manifest.json", NULL);
        char *m = test_read_file(mpath, NULL);
        assert_non_null(m);
        assert_non_null(strstr(m, "\"status\": \"ok\""));
        assert_null(strstr(m, "\"unavailable\""));
        free(m);
        g_free(mpath);
        proc_result_free(&r);
        samples_close(&S);
    }
}

static void
weekly_manager_headline_matches_independent_computation(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *check = src_path("tests/check_headline.py");
    const char *args[] = {"run", "weekly-manager", "--format", "csv", "--out", S.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char *manifest = g_build_filename(S.dir, "manifest.json", NULL);
    char *reps = g_build_filename(S.dir, "weekly-manager-reps.csv", NULL);
    const char *py[] = {"/usr/bin/python3", check, S.rec, manifest, reps, NULL};
    run(py, NULL, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
    }
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "ok: 1483 calls"));
    proc_result_free(&r);
    g_free(manifest);
    g_free(reps);
    samples_close(&S);
    g_free(check);
}

/* Writes a one-section template around @p sql and validates it. */
static void
validate_sql(const char *sql, struct proc_result *r)
{
    char *dir = test_tmpdir();
    char *path = g_build_filename(dir, "t.json", NULL);
    char *text = g_strdup_printf(
        "{\"title\": \"t\", \"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}},"
        " \"sections\": [{\"kind\": \"table\", \"id\": \"s1\", \"sql\": \"%s\"}]}",
        sql);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    const char *argv[] = {proc_outreport(), "validate", path, NULL};
    run(argv, NULL, r);
    g_free(text);
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

/* -v says what was fetched and what was written (a run printed nothing). */
static void
verbose_run_says_what_it_fetched_and_wrote(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *args[] = {"-v", "run", "weekly-manager", "--format", "csv", "--out", S.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "info: source calls (salesfinity.call-log): 1483 rows from 15 "
                                  "pages"));
    assert_non_null(strstr(r.err, "info: source agents (unpod.analytics): 2 rows"));
    char *reps = g_build_filename(S.dir, "weekly-manager-reps.csv", NULL);
    struct stat sb;
    assert_int_equal(stat(reps, &sb), 0);
    char line[700];
    snprintf(line, sizeof(line), "info: wrote %s (%lld bytes)", reps, (long long)sb.st_size);
    assert_non_null(strstr(r.err, line));
    /* reps, reconciliation, lists, meetings-by-weekday (a pivot), sequences, agents, trend,
     * trend-emails, all-calls */
    assert_int_equal(test_count_lines_with(r.err, "info: wrote "), 9);
    g_free(reps);
    proc_result_free(&r);
    samples_close(&S);
}

/* The donut of call outcomes is the whole of Unpod's total_calls: its outcome
 * counts do not cover every call (the API's own example: 346 of 419), and a
 * chart that silently adds up to less than the all-time "Agent calls" tile
 * above it would be a wrong answer. */
static void
voice_agent_outcomes_add_up_to_the_agent_calls_tile(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *check = src_path("tests/check_xlsx.py");
    const char *args[] = {"run", "voice-agent", "--format", "xlsx", "--out", S.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);

    /* The tile, from the manifest. */
    char *mpath = g_build_filename(S.dir, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(m);
    const char *tile = strstr(m, "\"label\": \"Agent calls, all time\"");
    assert_non_null(tile);
    const char *v = strstr(tile, "\"value\": ");
    assert_non_null(v);
    long calls = (long)strtod(v + 9, NULL);
    assert_true(calls > 0);

    /* The chart's data, read back from the workbook by openpyxl. */
    char *xlsx = g_build_filename(S.dir, "voice-agent.xlsx", NULL);
    const char *py[] = {"/usr/bin/python3", check, xlsx, "rows", "outcomes", NULL};
    run(py, NULL, &r);
    assert_int_equal(r.status, 0);
    long sum = 0;
    int slices = 0;
    char **lines = g_strsplit(r.out, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        /* row 2 ["Interested", 468]; row 1 is the header */
        const char *comma = strstr(*l, "\", ");
        if (g_str_has_prefix(*l, "row ") && !g_str_has_prefix(*l, "row 1 ") && comma != NULL) {
            sum += strtol(comma + 3, NULL, 10);
            slices++;
        }
    }
    g_strfreev(lines);
    assert_int_equal(slices, 7);
    assert_non_null(strstr(r.out, "[\"Not categorised\", "));
    assert_int_equal(sum, calls);
    proc_result_free(&r);
    free(m);
    g_free(mpath);
    g_free(xlsx);
    g_free(check);
    samples_close(&S);
}

static void
sql_sandbox_refuses_escapes(void **state)
{
    (void)state;
    const char *escapes[] = {
        "ATTACH DATABASE '/tmp/x.db' AS x",
        "INSERT INTO calls (id) VALUES ('x')",
        "DELETE FROM calls",
        "DROP TABLE calls",
        "CREATE TABLE evil (x)",
        "PRAGMA writable_schema = 1",
        "SELECT load_extension('/tmp/evil.so')",
        "SELECT 1; DELETE FROM calls",
        "UPDATE calls SET notes = 'x'",
    };
    for (size_t i = 0; i < sizeof(escapes) / sizeof(escapes[0]); i++) {
        struct proc_result r;
        validate_sql(escapes[i], &r);
        if (r.status != 2) {
            fprintf(stderr, "not refused: %s -> %d %s\n", escapes[i], r.status, r.err);
        }
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "section 's1'"));
        assert_true(strstr(r.err, "refused") != NULL ||
                    strstr(r.err, "one SQL statement") != NULL ||
                    strstr(r.err, "not authorized") != NULL);
        proc_result_free(&r);
    }
    struct proc_result r;
    validate_sql("SELECT local_date(started_at) AS d, count(*) FROM calls WHERE started_at >= "
                 ":period_start GROUP BY 1",
                 &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
}

static void
template_errors_name_file_section_and_problem(void **state)
{
    (void)state;
    struct proc_result r;
    validate_sql("SELECT no_such_column FROM calls", &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "t.json: section 's1': sql: no such column: no_such_column"));
    proc_result_free(&r);
    validate_sql("SELECT * FROM no_such_table", &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no such table: no_such_table"));
    proc_result_free(&r);
    validate_sql("SELECT :mystery", &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown parameter :mystery"));
    proc_result_free(&r);

    struct {
        const char *json;
        const char *expect;
    } cases[] = {
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"pie\", \"id\": \"p\"}]}",
         "section 'p': unknown kind 'pie'"},
        /* Typos get the name meant, whatever was misspelt. */
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"chrat\", \"id\": \"k\"}]}",
         "section 'k': unknown kind 'chrat' (did you mean chart?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"x\", \"sql\": \"SELECT 1 AS a\", "
         "\"columns\": {\"a\": {\"format\": \"percnt\"}}}]}",
         "section 'x': column 'a': unknown format 'percnt' (did you mean percent?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"chart\", \"id\": \"c2\", \"sql\": \"SELECT 1\", \"chart\": "
         "\"stacked_bars\", \"x\": \"a\", \"series\": \"b\"}]}",
         "section 'c2': unknown chart 'stacked_bars' (did you mean stacked_bar?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"chart\", \"id\": \"c3\", \"sql\": \"SELECT 1\", \"chart\": "
         "\"bar\", \"x\": \"a\", \"seires\": \"b\"}]}",
         "section 'c3': unknown key 'seires' in a section (did you mean series?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"kpis\", \"id\": \"h\", \"kpis\": [{\"label\": \"x\", "
         "\"value\": \"SELECT 1\", \"fromat\": \"integer\"}]}]}",
         "section 'h': unknown key 'fromat' in a kpi (did you mean format?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"s\", \"sql\": \"SELECT 1\", "
         "\"scope\": \"teem\"}]}",
         "section 's': unknown scope 'teem' (did you mean team?)"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"m\", \"sql\": \"SELECT 1 AS a\", "
         "\"columns\": {\"a\": {\"format\": \"currency\"}}}]}",
         "format \"currency\" needs the template's \"currency\""},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"x\", \"sql\": \"SELECT 1 AS a\", "
         "\"columns\": {\"a\": {\"format\": \"money\"}}}]}",
         "section 'x': column 'a': unknown format 'money'"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"chart\", \"id\": \"c1\", \"sql\": \"SELECT 1\", \"chart\": "
         "\"radar\"}]}",
         "section 'c1': unknown chart 'radar'"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"nosql\"}]}",
         "section 'nosql': missing 'sql'"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"salesfinity.call-log\"}}, "
         "\"sections\": [{\"kind\": \"table\", \"id\": \"x\", \"sql\": \"SELECT 1\", \"colums\": "
         "{}}]}",
         "section 'x': unknown key 'colums'"},
        {"{\"title\": \"t\", \"sources\": {\"c\": {\"source\": \"nobody.nothing\"}}, "
         "\"sections\": [{\"kind\": \"page_break\"}]}",
         "source 'c': unknown source 'nobody.nothing'"},
        {"{\"title\": \"t\",\n \"sources\": {,}}", "invalid JSON at line 2"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *dir = test_tmpdir();
        char *path = g_build_filename(dir, "bad.json", NULL);
        assert_true(g_file_set_contents(path, cases[i].json, -1, NULL));
        const char *argv[] = {proc_outreport(), "validate", path, NULL};
        run(argv, NULL, &r);
        if (strstr(r.err, cases[i].expect) == NULL) {
            fprintf(stderr, "expected '%s' in: %s", cases[i].expect, r.err);
        }
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, path));
        assert_non_null(strstr(r.err, cases[i].expect));
        proc_result_free(&r);
        g_free(path);
        test_rmtree(dir);
        free(dir);
    }
}

/* A live mock server: Salesfinity configured, Saleshandy and Unpod keys unset. */
struct live {
    struct mockapi mock;
    char *dir;
    char conf[600];
};

static void
live_start(struct live *L, const char *fault)
{
    const char *args[] = {"--calls", "400", "--fault", fault, NULL};
    assert_int_equal(mockapi_start(&L->mock, fault != NULL
                                                 ? args
                                                 : (const char *const[]){"--calls", "400", NULL}),
                     0);
    L->dir = test_tmpdir();
    snprintf(L->conf, sizeof(L->conf), "%s/outreport.conf", L->dir);
    FILE *f = fopen(L->conf, "w");
    fprintf(f,
            "[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n[saleshandy]\nbase_url = %s\n"
            "api_key_env = NO_SUCH_SH_KEY\n[unpod]\nbase_url = %s\napi_key_env = NO_SUCH_UNPOD\n"
            "org_handle = acme.example\n[http]\nretries = 1\nbackoff_ms = 10\n",
            L->mock.base, L->mock.base, L->mock.base);
    fclose(f);
}

static void
live_stop(struct live *L)
{
    mockapi_stop(&L->mock);
    test_rmtree(L->dir);
    free(L->dir);
}

static char *
live_run(struct live *L, int strict, struct proc_result *r)
{
    char *out = g_build_filename(L->dir, "out", NULL);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          L->conf,
                          "run",
                          "weekly-manager",
                          "--period",
                          "2026-11-16..2026-11-22",
                          "--format",
                          "csv",
                          "--out",
                          out,
                          strict ? "--strict" : NULL,
                          NULL};
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", NULL};
    run(argv, env, r);
    return out;
}

static void
missing_optional_source_is_skipped_and_its_sections_say_unavailable(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL);
    char *out = live_run(&L, 0, &r);
    assert_int_equal(r.status, 0);
    char *mpath = g_build_filename(out, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(m);
    assert_non_null(strstr(m, "\"status\": \"skipped\""));
    assert_non_null(strstr(m, "NO_SUCH_SH_KEY"));
    assert_non_null(strstr(m, "\"reason\": \"data unavailable: emails:"));
    /* the calls sections are fine */
    assert_non_null(strstr(m, "weekly-manager-reps.csv"));
    assert_null(strstr(m, "weekly-manager-sequences.csv"));
    free(m);
    g_free(mpath);
    g_free(out);
    proc_result_free(&r);
    live_stop(&L);
}

static void
failed_required_source_marks_sections_and_exit_code(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, "500:path=/v1/analytics/list-performance");
    char *out = live_run(&L, 0, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "lists"));
    char *mpath = g_build_filename(out, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(strstr(m, "\"status\": \"partial\""));
    assert_non_null(strstr(
        m, "\"reason\": \"data unavailable: lists: salesfinity.list-performance page 1: HTTP 500"));
    assert_non_null(strstr(m, "weekly-manager-reps.csv"));
    assert_null(strstr(m, "weekly-manager-lists.csv"));
    free(m);
    g_free(mpath);
    g_free(out);
    proc_result_free(&r);

    /* --strict: no documents at all */
    out = live_run(&L, 1, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "--strict"));
    char *reps = g_build_filename(out, "weekly-manager-reps.csv", NULL);
    struct stat sb;
    /* the earlier non-strict run wrote it; remove and check the strict run does not */
    unlink(reps);
    proc_result_free(&r);
    out = (g_free(out), live_run(&L, 1, &r));
    assert_int_equal(r.status, 3);
    assert_int_not_equal(stat(reps, &sb), 0);
    g_free(reps);
    g_free(out);
    proc_result_free(&r);
    live_stop(&L);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_shipped_template_validates),
        cmocka_unit_test(every_shipped_template_runs_on_the_samples),
        cmocka_unit_test(weekly_manager_headline_matches_independent_computation),
        cmocka_unit_test(verbose_run_says_what_it_fetched_and_wrote),
        cmocka_unit_test(voice_agent_outcomes_add_up_to_the_agent_calls_tile),
        cmocka_unit_test(sql_sandbox_refuses_escapes),
        cmocka_unit_test(template_errors_name_file_section_and_problem),
        cmocka_unit_test(missing_optional_source_is_skipped_and_its_sections_say_unavailable),
        cmocka_unit_test(failed_required_source_marks_sections_and_exit_code),
    };
    return cmocka_run_group_tests_name("templates", tests, NULL, NULL);
}
