/* SPDX-License-Identifier: MIT */
/*
 * Issue 12 through the real binary against the mock server behaving like
 * the real vendors beyond their seed pages: the account's own
 * dispositions and the fallback to the built-in map with one warning, the
 * vendor's KPIs and the reconciliation block, next-only paging, raw
 * control characters counted in the run summary, Saleshandy's 400 for a
 * wrong key, the ids its bodies require, numbers as text, its rate-limit
 * headers, Unpod's Token/JWT schemes, both analytics shapes, call logs,
 * space names and the "as of" labels.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "proc.h"

#define CALLS "700"
#define PERIOD "2026-11-09..2026-11-22"

struct live {
    struct mockapi mock;
    char *dir;
    char conf[600];
    char out[600];
    char log[600];
};

/* The mock a test started and has not stopped: a failed assertion leaves its
 * test early, and the teardown stops the mock (else it would hold the test's
 * output open and the run would end in a timeout instead of the failure). */
static struct mockapi running;
static char *running_dir;

static int
stop_leftover(void **state)
{
    (void)state;
    if (running.pid > 0) {
        mockapi_stop(&running);
        test_rmtree(running_dir);
        free(running_dir);
    }
    memset(&running, 0, sizeof(running));
    running_dir = NULL;
    return 0;
}

/* A mock with the given extra arguments (and a request log), and a config for
 * it; @p unpod_keys go into its [unpod] section. */
static void
live_start(struct live *L, const char *const *mock_args, const char *unpod_keys)
{
    L->dir = test_tmpdir();
    snprintf(L->log, sizeof(L->log), "%s/mock.log", L->dir);
    const char *base[24] = {"--calls", CALLS, "--emails", "900", "--log", L->log};
    size_t n = 6;
    for (size_t i = 0; mock_args != NULL && mock_args[i] != NULL && n < 23; i++) {
        base[n++] = mock_args[i];
    }
    base[n] = NULL;
    assert_int_equal(mockapi_start(&L->mock, base), 0);
    running = L->mock;
    running_dir = L->dir;
    snprintf(L->conf, sizeof(L->conf), "%s/outreport.conf", L->dir);
    snprintf(L->out, sizeof(L->out), "%s/out.csv", L->dir);
    char *text = g_strdup_printf(
        "[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n[saleshandy]\nbase_url = %s\n"
        "[unpod]\nbase_url = %s\norg_handle = acme.example\n"
        "space_tokens = SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B\n%s"
        "[http]\nretries = 2\nbackoff_ms = 10\nbackoff_max_ms = 3000\ncache = off\n",
        L->mock.base, L->mock.base, L->mock.base, unpod_keys != NULL ? unpod_keys : "");
    assert_true(g_file_set_contents(L->conf, text, -1, NULL));
    g_free(text);
}

static void
live_stop(struct live *L)
{
    mockapi_stop(&L->mock);
    test_rmtree(L->dir);
    free(L->dir);
    memset(&running, 0, sizeof(running));
    running_dir = NULL;
}

static const char *const keys_env[] = {"SALESFINITY_API_KEY=test-sf-key",
                                       "SALESHANDY_API_KEY=test-sh-key",
                                       "UNPOD_TOKEN=test-unpod-token", NULL};

/* outreport --config CONF ARGS..., with the keys (or @p env). */
static void
run(struct live *L, const char *const *args, const char *const *env, struct proc_result *r)
{
    const char *argv[40];
    size_t n = 0;
    argv[n++] = proc_outreport();
    argv[n++] = "--config";
    argv[n++] = L->conf;
    for (size_t i = 0; args[i] != NULL && n < 39; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    assert_int_equal(proc_run(argv, env != NULL ? env : keys_env, 180, r), 0);
}

static void
fetch(struct live *L, const char *source, const char *const *extra, struct proc_result *r)
{
    const char *args[32] = {"fetch", source, "-o", L->out, "--period", PERIOD};
    size_t n = 6;
    for (size_t i = 0; extra != NULL && extra[i] != NULL && n < 31; i++) {
        args[n++] = extra[i];
    }
    args[n] = NULL;
    run(L, args, NULL, r);
}

static void
expect_ok(const struct proc_result *r)
{
    if (r->status != 0) {
        fail_msg("exit %d: %s", r->status, r->err);
    }
}

/* A Python one-off over a file: its stdout (malloc'd). */
static char *
python(const char *script, const char *path)
{
    const char *argv[] = {"/usr/bin/python3", "-c", script, path, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    if (r.status != 0) {
        fail_msg("python: %s", r.err);
    }
    free(r.err);
    return r.out;
}

static void
expect_output(const char *script, const char *path, const char *want)
{
    char *out = python(script, path);
    if (strcmp(out, want) != 0) {
        fail_msg("%s gave \"%s\", want \"%s\"", path, out, want);
    }
    free(out);
}

/* `run` of template text @p tpl_json as CSV with --json over @p period (NULL:
 * PERIOD): the summary (decref it); its stderr into @p err_out unless NULL
 * (free it). */
static json_t *
run_template_json(struct live *L, const char *tpl_json, const char *period, char **err_out)
{
    struct proc_result r;
    char *tpl = g_build_filename(L->dir, "t.json", NULL);
    char *outdir = g_build_filename(L->dir, "run", NULL);
    assert_true(g_file_set_contents(tpl, tpl_json, -1, NULL));
    const char *args[] = {"run",    tpl,        "--format",
                          "csv",    "--out",    outdir,
                          "--json", "--period", period != NULL ? period : PERIOD,
                          NULL};
    run(L, args, NULL, &r);
    expect_ok(&r);
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    if (err_out != NULL) {
        *err_out = r.err;
        r.err = NULL;
    }
    proc_result_free(&r);
    g_free(outdir);
    g_free(tpl);
    return root;
}

/* Member @p key of element @p i of @p list ("sections", "sources") of the
 * first job's manifest (docs/run-summary.schema.json). */
static json_t *
first_job(json_t *root, const char *list, size_t i, const char *key)
{
    json_t *job = json_array_get(json_object_get(root, "jobs"), 0);
    json_t *manifest = json_object_get(job, "manifest");
    return json_object_get(json_array_get(json_object_get(manifest, list), i), key);
}

/* ------------------------------------------------------------------------- */
/* Salesfinity                                                                */
/* ------------------------------------------------------------------------- */

static void
custom_disposition_gets_the_accounts_category_else_builtin_map_with_one_warning(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL, NULL);
    fetch(&L, "salesfinity.call-log", NULL, &r);
    expect_ok(&r);
    /* The custom disposition 15 is positive by the account's own list, and
     * every call's flags follow the vendor's definitions from its columns. */
    static const char check[] =
        "import csv,sys\n"
        "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
        "cat={r['disposition_category'] for r in rows if r['disposition_id']=='15'}\n"
        "bad=0\n"
        "for r in rows:\n"
        "  conn=r['answered_by']=='human' and r['disposition_category'] in "
        "('positive','neutral','negative')\n"
        "  meet=r['disposition_id']=='1'\n"
        "  conv=conn and (meet or int(r['duration_s'] or 0)>=60)\n"
        "  want=('true' if conn else 'false','true' if conv else 'false','true' if meet else "
        "'false')\n"
        "  bad+=want!=(r['is_connected'],r['is_conversation'],r['is_meeting'])\n"
        "print(len(rows), sorted(cat), bad, sum(r['is_connected']=='true' for r in rows)>0)\n";
    expect_output(check, L.out, "700 ['positive'] 0 True\n");
    proc_result_free(&r);
    live_stop(&L);

    /* The list cannot be read: the built-in map, one warning for the run. */
    const char *fault[] = {"--fault", "503:path=/v1/dispositions", NULL};
    live_start(&L, fault, NULL);
    char *tpl = g_build_filename(L.dir, "two.json", NULL);
    assert_true(g_file_set_contents(
        tpl,
        "{\"title\":\"t\",\"sources\":{\"calls\":{\"source\":\"salesfinity.call-log\"},"
        "\"prev_calls\":{\"source\":\"salesfinity.call-log\",\"period\":\"previous\"}},"
        "\"sections\":[{\"kind\":\"table\",\"id\":\"cats\",\"sql\":\"SELECT disposition_id, "
        "disposition_category, count(*) AS n FROM calls GROUP BY 1, 2 ORDER BY 1\"}]}",
        -1, NULL));
    char *outdir = g_build_filename(L.dir, "run", NULL);
    const char *args[] = {"run", tpl, "--format", "csv", "--out", outdir, "--period", PERIOD, NULL};
    run(&L, args, NULL, &r);
    expect_ok(&r);
    assert_int_equal(test_count_lines_with(r.err, "built-in map of the 14 default dispositions"),
                     1);
    assert_int_equal(test_count_lines_with(r.err, "salesfinity.dispositions could not be read"), 1);
    char *csv = g_build_filename(outdir, "two-cats.csv", NULL);
    static const char cats[] =
        "import csv,sys\n"
        "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
        "d={r['disposition_id']:r['disposition_category'] for r in rows}\n"
        "print(repr(d.get('15')), d.get('1'), d.get('6'), d.get('10'))\n";
    expect_output(cats, csv, "'' positive positive not_answered\n");
    proc_result_free(&r);
    g_free(csv);
    g_free(outdir);
    g_free(tpl);
    live_stop(&L);
}

static void
next_only_and_total_next_paging_bring_every_call_once(void **state)
{
    (void)state;
    static const char once[] =
        "import csv,sys\n"
        "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
        "print(len(rows), len({r['id'] for r in rows}))\n";
    const char *shapes[] = {"total-next", "next"};
    for (size_t i = 0; i < 2; i++) {
        struct live L;
        struct proc_result r;
        const char *args[] = {"--sf-paging", shapes[i], NULL};
        live_start(&L, args, NULL);
        fetch(&L, "salesfinity.call-log", NULL, &r);
        expect_ok(&r);
        expect_output(once, L.out, "700 700\n");
        /* 7 pages of 100 and the disposition list */
        assert_int_equal(mockapi_requests(&L.mock), 8);
        proc_result_free(&r);
        live_stop(&L);
    }
}

static void
raw_control_characters_are_counted_in_the_run_summary_with_one_warning(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *args[] = {"--sf-control-chars", "5", NULL};
    live_start(&L, args, NULL);
    const char *v[] = {"-v", NULL};
    fetch(&L, "salesfinity.call-log", v, &r);
    expect_ok(&r);
    /* Every call is there; the mock sends every newline of a text raw, and
     * each injected transcription adds a raw U+000B, U+0001 and newline. */
    static const char count[] =
        "import csv,sys\n"
        "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
        "n=sum(v.count('\\x0b')+v.count('\\x01')+v.count('\\n') for r in rows for v in "
        "r.values())\n"
        "inj=sum('\\x0b[pause]\\x01\\nAgent: thanks' in r['transcription'] for r in rows)\n"
        "print(len(rows), inj>0, n)\n";
    char *got = python(count, L.out);
    long n = 0;
    char want[64];
    assert_int_equal(sscanf(strrchr(got, ' ') + 1, "%ld", &n), 1);
    snprintf(want, sizeof(want), "700 True %ld\n", n);
    assert_string_equal(got, want);
    free(got);
    char line[160];
    snprintf(line, sizeof(line),
             "%ld raw control characters (U+0000 to U+001F) inside text values escaped", n);
    assert_int_equal(test_count_lines_with(r.err, "warning:"), 1);
    assert_int_equal(test_count_lines_with(r.err, line), 2); /* the warning and -v's line */
    proc_result_free(&r);

    /* run --json of both weeks: the count per source, one warning for the run
     * with each source's count. */
    char *err = NULL;
    json_t *root = run_template_json(
        &L,
        "{\"title\":\"t\",\"sources\":{\"calls\":{\"source\":\"salesfinity.call-log\"},"
        "\"prev_calls\":{\"source\":\"salesfinity.call-log\",\"period\":\"previous\"}},"
        "\"sections\":[{\"kind\":\"kpis\",\"kpis\":[{\"label\":\"Calls\",\"value\":\"SELECT "
        "count(*) FROM calls\"}]}]}",
        "2026-11-16..2026-11-22", &err);
    long each[2];
    for (size_t i = 0; i < 2; i++) {
        each[i] = json_integer_value(
            json_object_get(first_job(root, "sources", i, "repaired"), "control_characters"));
        assert_true(each[i] > 0);
        assert_true(json_is_string(first_job(root, "sources", i, "fetched_at")));
    }
    assert_int_equal(each[0] + each[1], n); /* the two weeks are the fortnight */
    assert_int_equal(test_count_lines_with(err, "warning:"), 1);
    snprintf(line, sizeof(line),
             "%ld raw control characters (U+0000 to U+001F) inside text values escaped: ", n);
    assert_int_equal(test_count_lines_with(err, line), 1);
    free(err);
    json_decref(root);
    live_stop(&L);
}

/* The weekly report's reconciliation table as "rep:check" lines, and its summary. */
static void
reconcile(struct live *L, const char *outdir, char **table, char **pdf_text)
{
    const char *args[] = {"run",  "weekly-manager", "--format", "csv,pdf", "--out",
                          outdir, "--period",       PERIOD,     NULL};
    struct proc_result r;
    run(L, args, NULL, &r);
    expect_ok(&r);
    proc_result_free(&r);
    char *csv = g_build_filename(outdir, "weekly-manager-reconciliation.csv", NULL);
    *table = python("import csv,sys\n"
                    "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                    "print(len(rows), sorted({r['check_result'] for r in rows}), "
                    "[r['rep'] for r in rows if r['check_result']!='agrees'], "
                    "all(r['calls']==r['vendor_calls'] for r in rows))\n",
                    csv);
    g_free(csv);
    char *pdf = g_build_filename(outdir, "weekly-manager.pdf", NULL);
    const char *argv[] = {"/usr/bin/pdftotext", "-layout", pdf, "-", NULL};
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    *pdf_text = r.out;
    free(r.err);
    g_free(pdf);
}

static void
weekly_report_reconciles_each_rep_with_the_vendors_totals(void **state)
{
    (void)state;
    struct live L;
    char *table = NULL;
    char *text = NULL;
    live_start(&L, NULL, NULL);
    char *outdir = g_build_filename(L.dir, "agree", NULL);
    reconcile(&L, outdir, &table, &text);
    assert_string_equal(table, "12 ['agrees'] [] True\n");
    assert_non_null(strstr(text, "12 of 12 reps agree with Salesfinity's own totals."));
    free(table);
    free(text);
    g_free(outdir);
    live_stop(&L);

    /* The vendor counts one more connected call for one rep: flagged. */
    const char *drift[] = {"--sdr-drift", "zoe.mueller@acme-sales.example", NULL};
    live_start(&L, drift, NULL);
    outdir = g_build_filename(L.dir, "drift", NULL);
    reconcile(&L, outdir, &table, &text);
    assert_string_equal(table, "12 ['DIFFERS: connected', 'agrees'] ['Zoë Müller'] True\n");
    assert_non_null(strstr(text, "11 of 12 reps agree with Salesfinity's own totals."));
    free(table);
    free(text);
    g_free(outdir);
    live_stop(&L);
}

/* ------------------------------------------------------------------------- */
/* Saleshandy                                                                 */
/* ------------------------------------------------------------------------- */

static void
wrong_saleshandy_key_is_an_auth_failure_naming_the_variable(void **state)
{
    (void)state;
    const char *envelopes[] = {"code", "status", "error"};
    for (size_t i = 0; i < 3; i++) {
        struct live L;
        struct proc_result r;
        const char *args[] = {"--sh-envelope", envelopes[i], NULL};
        live_start(&L, args, NULL);
        const char *fargs[] = {
            "fetch", "saleshandy.consolidated-stats", "-o", L.out, "--period", PERIOD, NULL};
        const char *env[] = {"SALESHANDY_API_KEY=wrong-key", NULL};
        run(&L, fargs, env, &r);
        assert_int_equal(r.status, 3);
        assert_non_null(strstr(r.err, "HTTP 400"));
        assert_non_null(strstr(r.err, "1001: Invalid token"));
        assert_non_null(strstr(r.err, "SALESHANDY_API_KEY"));
        assert_null(strstr(r.err, "wrong-key"));
        /* One request: the sequence list, refused; nothing else was asked. */
        assert_int_equal(mockapi_requests(&L.mock), 1);
        proc_result_free(&r);
        live_stop(&L);
    }
}

static void
saleshandy_bodies_carry_the_ids_the_api_requires(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL, NULL);
    fetch(&L, "saleshandy.consolidated-stats", NULL, &r);
    expect_ok(&r);
    char *st = python("import csv,sys\n"
                      "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                      "print(len(rows), len({r['sequence_id'] for r in rows}))\n",
                      L.out);
    assert_string_equal(st, "900 5\n"); /* every sequence of the account */
    free(st);
    proc_result_free(&r);
    fetch(&L, "saleshandy.team-stats", NULL, &r);
    expect_ok(&r);
    proc_result_free(&r);
    char *log = test_read_file(L.log, NULL);
    assert_non_null(strstr(log, "GET /v1/sequences page=1&pageSize=100 200"));
    assert_non_null(strstr(log, "GET /v1/team-members page=1&pageSize=100 200"));
    assert_null(strstr(log, " 400"));
    free(log);
    live_stop(&L);

    /* The list cannot be read: refused, naming the --param, no stats request. */
    const char *fault[] = {"--fault", "503:path=/v1/sequences", NULL};
    live_start(&L, fault, NULL);
    fetch(&L, "saleshandy.consolidated-stats", NULL, &r);
    assert_int_equal(r.status, 2); /* the user's to fix: name the ids */
    assert_non_null(strstr(r.err, "give --param sequence_ids=ID,..."));
    assert_non_null(strstr(r.err, "HTTP 503"));
    log = test_read_file(L.log, NULL);
    assert_null(strstr(log, "consolidated-stats"));
    free(log);
    proc_result_free(&r);
    /* Given ids need no list. */
    const char *ids[] = {"--param", "sequence_ids=anything", NULL};
    fetch(&L, "saleshandy.consolidated-stats", ids, &r);
    expect_ok(&r);
    proc_result_free(&r);
    live_stop(&L);
}

static void
team_stats_numbers_sent_as_text_are_numbers(void **state)
{
    (void)state;
    struct live L;
    const char *args[] = {"--sh-team-named", "1", NULL};
    live_start(&L, args, NULL);
    json_t *root = run_template_json(
        &L,
        "{\"title\":\"t\",\"sources\":{\"team\":{\"source\":\"saleshandy.team-stats\"}},"
        "\"sections\":[{\"kind\":\"kpis\",\"kpis\":["
        "{\"label\":\"rows\",\"value\":\"SELECT count(*) FROM team\"},"
        "{\"label\":\"integers\",\"value\":\"SELECT count(*) FROM team WHERE "
        "typeof(prospect_added) = 'integer'\"}]}]}",
        NULL, NULL);
    json_t *kpis = first_job(root, "sections", 0, "kpis");
    assert_int_equal(json_number_value(json_object_get(json_array_get(kpis, 0), "value")), 12);
    assert_int_equal(json_number_value(json_object_get(json_array_get(kpis, 1), "value")), 12);
    json_decref(root);
    live_stop(&L);
}

static void
rate_limit_headers_slow_down_before_a_429(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    /* 4 requests a second; the fetch needs 10 (the list and 9 pages). */
    const char *args[] = {"--sh-rate-limit", "4/1", NULL};
    live_start(&L, args, NULL);
    const char *small[] = {"--param", "page_limit=100", NULL};
    gint64 t0 = g_get_monotonic_time();
    fetch(&L, "saleshandy.consolidated-stats", small, &r);
    double secs = (double)(g_get_monotonic_time() - t0) / 1e6;
    expect_ok(&r);
    proc_result_free(&r);
    char *log = test_read_file(L.log, NULL);
    assert_int_equal(test_count_lines_with(log, " 200"), 10);
    assert_int_equal(test_count_lines_with(log, " 429"), 0);
    free(log);
    /* The mock's windows are whole seconds of the wall clock, so 10 requests at 4 a
     * window span three windows at least: one whole window between the first and the
     * last, however early in a second the fetch began. */
    assert_true(secs >= 1.0);
    live_stop(&L);
}

/* ------------------------------------------------------------------------- */
/* Unpod                                                                      */
/* ------------------------------------------------------------------------- */

static void
unpod_scheme_token_or_jwt_and_a_refusal_says_how_to_switch(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *jwt[] = {"--unpod-auth", "jwt", NULL};
    live_start(&L, jwt, NULL);
    fetch(&L, "unpod.call-logs", NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "HTTP 401"));
    assert_non_null(strstr(r.err, "Authentication credentials were not provided."));
    assert_non_null(strstr(r.err, "Authorization: Token <key>"));
    assert_non_null(strstr(r.err, "set [unpod] auth = jwt"));
    assert_null(strstr(r.err, "test-unpod-token"));
    proc_result_free(&r);
    live_stop(&L);
    /* The scheme the key needs: all is well. */
    live_start(&L, jwt, "auth = jwt\n");
    fetch(&L, "unpod.call-logs", NULL, &r);
    expect_ok(&r);
    proc_result_free(&r);
    live_stop(&L);
}

static void
unpod_flat_shape_space_names_and_call_logs(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *flat[] = {"--unpod-shape", "flat", "--unpod-call-logs", "333", NULL};
    live_start(&L, flat, "space_names = SPACE2SOUTHTEAM00000000B=Süd\n");
    fetch(&L, "unpod.analytics", NULL, &r);
    expect_ok(&r);
    expect_output("import csv,sys\n"
                  "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                  "print([(r['space_name'], r['completed_calls']!='', r['total_calls']!='') for r "
                  "in rows])\n",
                  L.out, "[('North team', True, True), ('Süd', True, True)]\n");
    proc_result_free(&r);
    /* Every agent call of the window, once; durations from both forms. */
    fetch(&L, "unpod.call-logs", NULL, &r);
    expect_ok(&r);
    expect_output("import csv,sys\n"
                  "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                  "c=[r for r in rows if r['call_status']=='completed']\n"
                  "print(len(rows), len({r['call_id'] for r in rows}), all(int(r['duration_s'])>="
                  "30 for r in c), all(r['duration_s']=='0' for r in rows if "
                  "r['call_status']!='completed'))\n",
                  L.out, "333 333 True True\n");
    proc_result_free(&r);
    live_stop(&L);
}

static void
documents_say_as_of_the_fetch_where_totals_are_cumulative(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL, NULL);
    char *outdir = g_build_filename(L.dir, "va", NULL);
    const char *args[] = {"run",  "voice-agent", "--format", "pdf,csv", "--out",
                          outdir, "--period",    PERIOD,     "--json",  NULL};
    const char *env[] = {"UNPOD_TOKEN=test-unpod-token", "SOURCE_DATE_EPOCH=1795000000", NULL};
    run(&L, args, env, &r);
    expect_ok(&r);
    /* The period's agent calls from the call log: 400 in the window, all inside. */
    json_t *root = json_loads(r.out, 0, NULL);
    json_t *kpi = json_array_get(first_job(root, "sections", 0, "kpis"), 0);
    assert_string_equal(json_string_value(json_object_get(kpi, "label")), "Agent calls");
    assert_int_equal(json_number_value(json_object_get(kpi, "value")), 400);
    json_decref(root);
    proc_result_free(&r);
    char *pdf = g_build_filename(outdir, "voice-agent.pdf", NULL);
    const char *argv[] = {"/usr/bin/pdftotext", pdf, "-", NULL};
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    /* 1795000000 is 2026-11-18 11:06:40 UTC. */
    assert_non_null(strstr(r.out, "all time, as of 2026-11-18 11:06."));
    assert_non_null(strstr(r.out, "North team"));
    proc_result_free(&r);
    g_free(pdf);
    g_free(outdir);
    live_stop(&L);
}

static void
plugins_list_what_is_cumulative_and_what_is_read_first(void **state)
{
    (void)state;
    const char *argv[] = {proc_outreport(), "plugins", "--json", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    size_t i, e;
    json_t *p, *ep;
    int seen = 0;
    json_array_foreach(json_object_get(root, "plugins"), i, p)
    {
        json_array_foreach(json_object_get(p, "endpoints"), e, ep)
        {
            const char *name = json_string_value(json_object_get(ep, "name"));
            const char *cum = json_string_value(json_object_get(ep, "cumulative"));
            const char *lookup = json_string_value(json_object_get(ep, "lookup"));
            if (strcmp(name, "consolidated-stats") == 0) {
                assert_string_equal(cum, "counters");
                assert_string_equal(lookup, "sequences");
                seen++;
            }
            else if (strcmp(name, "analytics") == 0) {
                assert_string_equal(cum, "all_time");
                assert_string_equal(lookup, "spaces");
                seen++;
            }
            else if (strcmp(name, "call-log") == 0) {
                assert_null(cum);
                assert_string_equal(lookup, "dispositions");
                seen++;
            }
        }
    }
    assert_int_equal(seen, 3);
    json_decref(root);
    proc_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(
            custom_disposition_gets_the_accounts_category_else_builtin_map_with_one_warning,
            stop_leftover),
        cmocka_unit_test_teardown(next_only_and_total_next_paging_bring_every_call_once,
                                  stop_leftover),
        cmocka_unit_test_teardown(
            raw_control_characters_are_counted_in_the_run_summary_with_one_warning, stop_leftover),
        cmocka_unit_test_teardown(weekly_report_reconciles_each_rep_with_the_vendors_totals,
                                  stop_leftover),
        cmocka_unit_test_teardown(wrong_saleshandy_key_is_an_auth_failure_naming_the_variable,
                                  stop_leftover),
        cmocka_unit_test_teardown(saleshandy_bodies_carry_the_ids_the_api_requires, stop_leftover),
        cmocka_unit_test_teardown(team_stats_numbers_sent_as_text_are_numbers, stop_leftover),
        cmocka_unit_test_teardown(rate_limit_headers_slow_down_before_a_429, stop_leftover),
        cmocka_unit_test_teardown(unpod_scheme_token_or_jwt_and_a_refusal_says_how_to_switch,
                                  stop_leftover),
        cmocka_unit_test_teardown(unpod_flat_shape_space_names_and_call_logs, stop_leftover),
        cmocka_unit_test_teardown(documents_say_as_of_the_fetch_where_totals_are_cumulative,
                                  stop_leftover),
        cmocka_unit_test_teardown(plugins_list_what_is_cumulative_and_what_is_read_first,
                                  stop_leftover),
    };
    return cmocka_run_group_tests_name("vendors_e2e", tests, NULL, NULL);
}
