/* SPDX-License-Identifier: MIT */
/*
 * Hardening (issue 18), second part, end to end through the real binary:
 * template SQL has a time and a row limit, REINDEX is refused, an
 * implausible page count is runaway paging, a batch job with a missing
 * template or a hostile name costs only itself, a signal never cuts the
 * --json summary, a team-stats record wider than SQLite allows keeps its
 * first columns, and mail options that would mail nobody are errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

/* What a test started, stopped by teardown() also when an assertion fails. */
struct fx {
    struct samples s; /* the sample recording, and a folder of the test's */
    int have_samples;
    struct mockapi mock;
    int have_mock;
    pid_t child; /* a background outreport, or 0 */
};

static int
setup(void **state)
{
    *state = calloc(1, sizeof(struct fx));
    return *state != NULL ? 0 : -1;
}

static int
teardown(void **state)
{
    struct fx *f = *state;
    if (f->child > 0) {
        kill(f->child, SIGKILL);
        waitpid(f->child, NULL, 0);
    }
    if (f->have_mock) {
        mockapi_stop(&f->mock);
    }
    if (f->have_samples) {
        samples_close(&f->s);
    }
    free(f);
    return 0;
}

#define FX ((struct fx *)*state)

static void
expect_in(const char *text, const char *needle)
{
    if (strstr(text, needle) == NULL) {
        fail_msg("expected \"%s\" in:\n%s", needle, text);
    }
}

static void
expect_status(const struct proc_result *r, int code)
{
    if (r->status != code) {
        fail_msg("exit %d, expected %d; stderr:\n%s", r->status, code, r->err);
    }
}

/* @p dir/@p name with @p text in it; the path in @p path. */
static void
put_file(const char *dir, const char *name, const char *text, char *path, size_t len)
{
    snprintf(path, len, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The samples and a config of the test's: the sample one with @p extra after it. */
static struct samples *
open_samples(struct fx *f, const char *extra)
{
    samples_open(&f->s);
    f->have_samples = 1;
    char *text = test_read_file(f->s.conf, NULL);
    assert_non_null(text);
    char *all = g_strconcat(text, "\n", extra != NULL ? extra : "", "\n", NULL);
    put_file(f->s.dir, "outreport.conf", all, f->s.conf, sizeof(f->s.conf));
    g_free(all);
    free(text);
    return &f->s;
}

/* `outreport --config CONF validate TEMPLATE`. */
static void
validate(const struct samples *s, const char *tpl, struct proc_result *r)
{
    const char *argv[] = {proc_outreport(), "--config", s->conf, "validate", tpl, NULL};
    assert_int_equal(proc_run(argv, NULL, 90, r), 0);
}

/* A template of one call-log source and the sections @p sections (JSON). */
static void
put_template(const struct samples *s, const char *name, const char *sections, char *path,
             size_t len)
{
    char *text = g_strdup_printf("{ \"title\": \"Limits\", \"sources\": { \"calls\": { \"source\": "
                                 "\"salesfinity.call-log\" } },\n  \"sections\": [ %s ] }\n",
                                 sections);
    put_file(s->dir, name, text, path, len);
    g_free(text);
}

#define ENDLESS_SECTIONS                                                                           \
    "{ \"kind\": \"kpis\", \"id\": \"fine\", \"kpis\": [ { \"label\": \"Calls\", \"value\": "      \
    "\"SELECT count(*) FROM calls\" } ] },"                                                        \
    "{ \"kind\": \"table\", \"id\": \"forever\", \"title\": \"Forever\", \"sql\": \"WITH "         \
    "RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c\" }"

/* ---- 2. time and rows of template SQL ---------------------------------------- */

static void
validate_and_run_stop_an_endless_query_at_the_time_limit(void **state)
{
    struct samples *s = open_samples(FX, "[report]\nsql_timeout_s = 1\n");
    char tpl[1200], out[1200];
    put_template(s, "endless.json", ENDLESS_SECTIONS, tpl, sizeof(tpl));
    struct proc_result r;
    validate(s, tpl, &r);
    expect_status(&r, 2);
    expect_in(r.err, "endless.json: section 'forever': ");
    expect_in(r.err, "the statement ran longer than 1 s ([report] sql_timeout_s)");
    assert_int_equal(test_count_lines_with(r.err, "error:"), 1);
    assert_true(r.seconds < 30.0);
    proc_result_free(&r);

    snprintf(out, sizeof(out), "%s/out", s->dir);
    const char *args[] = {"run", tpl, "--format", "csv", "--out", out, NULL};
    assert_int_equal(samples_run(s, args, NULL, 90, &r), 0);
    expect_status(&r, 2);
    expect_in(r.err, "section 'forever': ");
    expect_in(r.err, "([report] sql_timeout_s)");
    assert_int_equal(test_count_lines_with(r.err, "error:"), 1);
    assert_true(r.seconds < 30.0);
    proc_result_free(&r);

    /* A bad value names the key before anything runs. */
    FILE *f = fopen(s->conf, "a");
    fprintf(f, "sql_timeout_s = soon\n");
    fclose(f);
    validate(s, tpl, &r);
    expect_status(&r, 2);
    expect_in(r.err, "[report] sql_timeout_s: 'soon' is not a number");
    proc_result_free(&r);
}

static void
a_section_over_the_row_limit_fails_naming_it(void **state)
{
    struct samples *s = open_samples(FX, "[report]\nmax_section_rows = 50\n");
    char tpl[1200], out[1200];
    put_template(s, "rows.json",
                 "{ \"kind\": \"table\", \"id\": \"few\", \"sql\": \"SELECT outcome, count(*) AS n "
                 "FROM calls GROUP BY 1\" },"
                 "{ \"kind\": \"table\", \"id\": \"every-call\", \"sql\": \"SELECT * FROM calls "
                 "ORDER BY started_at\" }",
                 tpl, sizeof(tpl));
    snprintf(out, sizeof(out), "%s/out", s->dir);
    const char *args[] = {"run", tpl, "--format", "csv", "--out", out, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(s, args, NULL, 90, &r), 0);
    expect_status(&r, 2);
    expect_in(r.err, "rows.json: section 'every-call': sql: ");
    expect_in(r.err, " rows, more than the limit of 50 ([report] max_section_rows)");
    assert_int_equal(test_count_lines_with(r.err, "error:"), 1);
    proc_result_free(&r);

    /* 0: no limit. */
    FILE *f = fopen(s->conf, "a");
    fprintf(f, "max_section_rows = 0\n");
    fclose(f);
    assert_int_equal(samples_run(s, args, NULL, 90, &r), 0);
    expect_status(&r, 0);
    proc_result_free(&r);
}

/* `batch JOBS --out DIR/out --json` with @p ini as JOBS (the sample recording):
 * exits @p code; returns its summary, parsed (json_decref()), @p r its output. */
static json_t *
run_batch(const struct samples *s, const char *ini, int code, struct proc_result *r)
{
    char jobs[1200], out[1200];
    put_file(s->dir, "jobs.ini", ini, jobs, sizeof(jobs));
    snprintf(out, sizeof(out), "%s/out", s->dir);
    const char *args[] = {"batch", jobs, "--out", out, "--json", NULL};
    assert_int_equal(samples_run(s, args, NULL, 240, r), 0);
    expect_status(r, code);
    json_error_t jerr;
    json_t *root = json_loads(r->out, 0, &jerr);
    if (root == NULL) {
        fail_msg("--json output is not JSON (%s):\n%s", jerr.text, r->out);
    }
    return root;
}

/* Whether DIR/out/@p path exists. */
static int
in_out(const struct samples *s, const char *path)
{
    char *p = g_strdup_printf("%s/out/%s", s->dir, path);
    int there = access(p, F_OK) == 0;
    g_free(p);
    return there;
}

/* The exit code the summary gives job @p name (-1: no such job). */
static int
job_exit(json_t *root, const char *name)
{
    size_t i;
    json_t *j;
    json_array_foreach(json_object_get(root, "jobs"), i, j)
    {
        if (strcmp(json_string_value(json_object_get(j, "job")), name) == 0) {
            return (int)json_integer_value(json_object_get(j, "exit_code"));
        }
    }
    return -1;
}

static void
in_a_batch_an_endless_query_fails_its_job_and_the_others_finish(void **state)
{
    struct samples *s = open_samples(FX, "[report]\nsql_timeout_s = 1\n");
    char tpl[1200];
    put_template(s, "endless.json", ENDLESS_SECTIONS, tpl, sizeof(tpl));
    char *ini = g_strdup_printf("[endless]\ntemplate = %s\nformats = csv\n\n"
                                "[weekly]\ntemplate = weekly-manager\nformats = csv\n",
                                tpl);
    struct proc_result r;
    json_t *root = run_batch(s, ini, 3, &r);
    g_free(ini);
    expect_in(r.err, "job endless: error: ");
    expect_in(r.err, "the statement ran longer than 1 s ([report] sql_timeout_s)");
    assert_int_equal(job_exit(root, "endless"), 2);
    assert_int_equal(job_exit(root, "weekly"), 0);
    json_decref(root);
    proc_result_free(&r);
    assert_true(in_out(s, "weekly/weekly-manager-reps.csv"));
}

/* ---- 17. REINDEX --------------------------------------------------------------- */

static void
reindex_is_refused_like_every_other_write(void **state)
{
    struct samples *s = open_samples(FX, NULL);
    static const char *const sqls[] = {"REINDEX", "REINDEX calls", "/* x */ reindex nocase",
                                       "DELETE FROM calls"};
    for (size_t i = 0; i < sizeof(sqls) / sizeof(sqls[0]); i++) {
        char tpl[1200];
        char *sec =
            g_strdup_printf("{ \"kind\": \"table\", \"id\": \"w\", \"sql\": \"%s\" }", sqls[i]);
        put_template(s, "write.json", sec, tpl, sizeof(tpl));
        g_free(sec);
        struct proc_result r;
        validate(s, tpl, &r);
        expect_status(&r, 2);
        expect_in(r.err, "section 'w': sql: refused: template SQL may only read the dataset");
        proc_result_free(&r);
    }
}

/* ---- 4. implausible page counts --------------------------------------------------- */

/* The mock with @p fault, and a config for it in the samples' folder. */
static void
mock_start(struct fx *f, const char *fault)
{
    const char *args[] = {"--calls", "1000", "--fault", fault, NULL};
    samples_open(&f->s);
    f->have_samples = 1;
    assert_int_equal(mockapi_start(&f->mock, args), 0);
    f->have_mock = 1;
    char *conf =
        g_strdup_printf("[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n"
                        "[saleshandy]\nbase_url = %s\nauth = bearer\n[http]\nbackoff_ms = 20\n",
                        f->mock.base, f->mock.base);
    put_file(f->s.dir, "mock.conf", conf, f->s.conf, sizeof(f->s.conf));
    g_free(conf);
}

/* `outreport fetch SOURCE -o OUT` against the mock. */
static void
mock_fetch(struct fx *f, const char *source, const char *out, struct proc_result *r)
{
    const char *argv[] = {
        proc_outreport(),         "--config", f->s.conf, "fetch", source, "-o", out, "--period",
        "2026-11-09..2026-11-22", NULL};
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", "SALESHANDY_API_KEY=test-sh-key", NULL};
    assert_int_equal(proc_run(argv, env, 90, r), 0);
}

/* `fetch SOURCE` against the mock with @p fault fails after one request for
 * its pages (after the one for the list its lookup reads first: the
 * account's dispositions, its team members), naming runaway paging and
 * @p count pages, and writes nothing. */
static void
expect_runaway(struct fx *f, const char *fault, const char *source, const char *count)
{
    char out[1200], named[200];
    struct proc_result r;
    mock_start(f, fault);
    snprintf(out, sizeof(out), "%s/out.csv", f->s.dir);
    mock_fetch(f, source, out, &r);
    expect_status(&r, 3);
    snprintf(named, sizeof(named),
             "%s: the server announces %s pages, more than the limit of "
             "100000 (runaway paging)",
             source, count);
    expect_in(r.err, named);
    assert_int_equal(test_count_lines_with(r.err, "error:"), 1);
    assert_int_not_equal(access(out, F_OK), 0);
    assert_int_equal(mockapi_requests(&f->mock), 2);
    proc_result_free(&r);
}

/* 10^13 pages: no longer taken for "no count" and a short listing. */
static void
an_implausible_page_count_is_runaway_paging(void **state)
{
    expect_runaway(FX, "page_count:path=/v1/call-log", "salesfinity.call-log", "10000000000000");
}

/* team-stats pages by marker; its total of 10^13 rows makes 10^11 pages of 100. */
static void
an_implausible_row_count_is_runaway_paging_for_marker_paging_too(void **state)
{
    expect_runaway(FX, "page_count:path=/v1/analytics/team/stats:field=total",
                   "saleshandy.team-stats", "100000000000");
}

/* ---- 11. dynamic columns ------------------------------------------------------------- */

static void
a_record_wider_than_sqlite_allows_keeps_its_first_1000_columns(void **state)
{
    mock_start(FX, "wide:path=/v1/analytics/team/stats:count=2500");
    char tpl[1200], out[1200], csv[1300];
    put_file(FX->s.dir, "team.json",
             "{ \"title\": \"Team\", \"sources\": { \"team\": { \"source\": "
             "\"saleshandy.team-stats\" } }, \"sections\": [ { \"kind\": \"table\", \"id\": "
             "\"t\", \"sql\": \"SELECT user_email, prospect_added, x_1, x_982 FROM team ORDER "
             "BY 1\" } ] }\n",
             tpl, sizeof(tpl));
    snprintf(out, sizeof(out), "%s/out", FX->s.dir);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          FX->s.conf,
                          "run",
                          tpl,
                          "--format",
                          "csv",
                          "--out",
                          out,
                          "--period",
                          "2026-11-09..2026-11-22",
                          NULL};
    const char *env[] = {"SALESHANDY_API_KEY=test-sh-key", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 90, &r), 0);
    expect_status(&r, 0);
    /* 3 fixed and 15 counted columns, then x_1..x_982; the other 1518 go,
     * in little memory (about 20 MB). */
    expect_in(r.err, "warning: saleshandy.team-stats: 1518 columns past the limit of 1000 "
                     "dropped: x_983, x_984, ");
    expect_in(r.err, "x_1002 (and 1498 more)");
    assert_int_equal(test_count_lines_with(r.err, "columns past the limit"), 1);
#if !defined(__SANITIZE_ADDRESS__) /* whose shadow memory and quarantine weigh more */
    if (r.maxrss_kb <= 0 || r.maxrss_kb >= 100 * 1024) {
        fail_msg("peak RSS %ld KiB, limit 100 MiB", r.maxrss_kb);
    }
#endif
    proc_result_free(&r);
    snprintf(csv, sizeof(csv), "%s/team-t.csv", out);
    char *text = test_read_file(csv, NULL);
    assert_non_null(text);
    expect_in(text, "user_email,prospect_added,x_1,x_982\r\n");
    /* One record was widened: it has x_1 and x_982, the others NULL there. */
    assert_int_equal(test_count_lines_with(text, ",1,1\r"), 1);
    assert_int_equal(test_count_lines_with(text, "@"), 12);
    free(text);
}

/* ---- 7. batch jobs: missing template, names ------------------------------------------ */

static void
a_missing_template_fails_only_its_job(void **state)
{
    struct samples *s = open_samples(FX, NULL);
    struct proc_result r;
    json_t *root = run_batch(s,
                             "[gone]\ntemplate = no-such-template\n\n"
                             "[weekly]\ntemplate = weekly-manager\nformats = csv\n",
                             3, &r);
    expect_in(r.err, "job gone: error: template 'no-such-template' not found");
    assert_int_equal(job_exit(root, "gone"), 2);
    assert_int_equal(job_exit(root, "weekly"), 0);
    json_decref(root);
    proc_result_free(&r);
    assert_true(in_out(s, "weekly/weekly-manager-reps.csv"));
    assert_false(in_out(s, "gone"));
}

/* Names of the entries of @p dir, sorted, one per line (malloc'd). */
static char *
listing(const char *dir)
{
    const char *argv[] = {"/bin/ls", "-A", dir, NULL};
    const char *env[] = {"LC_ALL=C", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 30, &r), 0);
    free(r.err);
    return r.out;
}

static void
job_names_stay_inside_out_and_distinct(void **state)
{
    struct samples *s = open_samples(FX, NULL);
    struct proc_result r;
    json_t *root = run_batch(s,
                             "[defaults]\ntemplate = weekly-manager\nformats = csv\n\n"
                             "[../escape]\n[a/b]\n[a-b]\n[.hidden]\n[/abs]\n[..]\n[zoë x]\n",
                             0, &r);
    assert_int_equal(json_integer_value(json_object_get(root, "jobs_ok")), 7);
    json_decref(root);
    proc_result_free(&r);
    /* Nothing beside out/ in the test's folder but its own files ... */
    char *top = listing(s->dir);
    assert_string_equal(top, "jobs.ini\nout\noutreport.conf\n");
    free(top);
    /* ... and one folder of documents per job in it. */
    char out[1200];
    snprintf(out, sizeof(out), "%s/out", s->dir);
    char *inside = listing(out);
    assert_string_equal(inside, "a-b\na-b-2\nabs\nescape\nhidden\njob\nzoe-x\n");
    free(inside);
}

/* ---- 8. the --json summary and a signal ---------------------------------------------- */

/* Start `outreport ... batch JOBS --json` with stdout into a pipe of one
 * page (4096 bytes) that this test reads; stderr to /dev/null. */
static pid_t
spawn_batch(struct fx *f, const char *jobs, const char *out, int *rfd)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_true(fcntl(p[0], F_SETPIPE_SZ, 4096) >= 4096);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(p[1], STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        close(p[0]);
        close(p[1]);
        execl(proc_outreport(), proc_outreport(), "--config", f->s.conf, "batch", jobs, "--out",
              out, "--json", "--replay", f->s.rec, "--period", SAMPLES_PERIOD, (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    f->child = pid;
    *rfd = p[0];
    return pid;
}

/* Until the pipe holds @p bytes (its writer then waits for us), at most 120 s. */
static void
wait_until_full(int fd, int bytes)
{
    for (int i = 0; i < 12000; i++) {
        int n = 0;
        assert_int_equal(ioctl(fd, FIONREAD, &n), 0);
        if (n >= bytes) {
            return;
        }
        usleep(10000);
    }
    fail_msg("the batch never filled its stdout");
}

static char *
read_all(int fd)
{
    GString *s = g_string_new(NULL);
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof(buf))) != 0) {
        if (n < 0 && errno == EINTR) {
            continue;
        }
        assert_true(n > 0);
        g_string_append_len(s, buf, n);
    }
    return g_string_free(s, FALSE);
}

static void
a_signal_while_the_summary_is_written_lets_it_out_whole(void **state)
{
    struct samples *s = open_samples(FX, NULL);
    char jobs[1200], out[1200];
    /* Three jobs: a summary of some 10 KB, more than the pipe holds. */
    put_file(s->dir, "jobs.ini",
             "[defaults]\ntemplate = weekly-manager\nformats = csv\n\n[one]\n[two]\n[three]\n",
             jobs, sizeof(jobs));
    snprintf(out, sizeof(out), "%s/out", s->dir);
    int fd = -1;
    pid_t pid = spawn_batch(FX, jobs, out, &fd);
    /* The jobs are done and the summary fills the pipe: the batch waits to
     * write the rest when the signal comes. */
    wait_until_full(fd, 4096);
    assert_int_equal(kill(pid, SIGTERM), 0);
    char *text = read_all(fd);
    close(fd);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    FX->child = 0;
    /* Ended by the signal once the summary was out, or by itself first. */
    assert_true((WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) ||
                (WIFEXITED(status) && WEXITSTATUS(status) == 0));
    assert_true(strlen(text) > 4096);
    json_error_t jerr;
    json_t *root = json_loads(text, 0, &jerr);
    if (root == NULL) {
        fail_msg("the summary was cut after %zu bytes (%s)", strlen(text), jerr.text);
    }
    assert_int_equal(json_array_size(json_object_get(root, "jobs")), 3);
    json_decref(root);
    free(text);
}

/* ---- 17. mail options that would mail nobody ---------------------------------------- */

static void
mail_options_that_would_mail_nobody_are_errors(void **state)
{
    struct samples *s = open_samples(FX, NULL);
    char out[1200];
    snprintf(out, sizeof(out), "%s/out", s->dir);
    static const char *const cases[][7] = {
        {"--mail-cc", "boss@acme.example", NULL, NULL, NULL, NULL,
         "--mail-cc boss@acme.example: copies go with the roll-up mail, and no --mail-to "
         "address gets it"},
        {"--mail-to", "{rep_email}", "--mail-cc", "boss@acme.example", "--split-by", "rep_email",
         "no --mail-to address gets it (give one without {COLUMN})"},
        {"--mail-to", "{rep_email}", NULL, NULL, NULL, NULL,
         "--mail-to '{rep_email}': {rep_email} mails each split its own documents, but the job "
         "has no --split-by"},
        {"--mail-to", "{rep}", "--split-by", "rep_email", NULL, NULL,
         "--mail-to '{rep}': {rep} is not a column of --split-by rep_email"},
        {"--mail-to", "x{rep_email@acme.example", "--split-by", "rep_email", NULL, NULL,
         "--mail-to 'x{rep_email@acme.example': '{' without a closing '}'"},
        {"--mail-to", "boss@acme.example", "--mail-cc", "{rep_email}", "--split-by", "rep_email",
         "--mail-cc '{rep_email}': copies take plain addresses"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *args[16] = {"run", "weekly-manager", "--format", "csv", "--out",
                                out,   "--dry-run"};
        size_t n = 7;
        for (size_t k = 0; k < 6 && cases[i][k] != NULL; k++) {
            args[n++] = cases[i][k];
        }
        args[n] = NULL;
        struct proc_result r;
        assert_int_equal(samples_run(s, args, NULL, 90, &r), 0);
        expect_status(&r, 2);
        expect_in(r.err, cases[i][6]);
        assert_int_equal(test_count_lines_with(r.err, "error:"), 1);
        /* Refused by the plan: nothing fetched, nothing written. */
        assert_int_not_equal(access(out, F_OK), 0);
        proc_result_free(&r);
    }
    /* {COLUMN} naming the second split column is fine. */
    const char *args[] = {"run",       "weekly-manager", "--format",
                          "csv",       "--out",          out,
                          "--dry-run", "--split-by",     "rep_email,sender_email",
                          "--mail-to", "{sender_email}", NULL};
    struct proc_result r;
    assert_int_equal(samples_run(s, args, NULL, 120, &r), 0);
    expect_status(&r, 0);
    proc_result_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(validate_and_run_stop_an_endless_query_at_the_time_limit,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(a_section_over_the_row_limit_fails_naming_it, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            in_a_batch_an_endless_query_fails_its_job_and_the_others_finish, setup, teardown),
        cmocka_unit_test_setup_teardown(reindex_is_refused_like_every_other_write, setup, teardown),
        cmocka_unit_test_setup_teardown(an_implausible_page_count_is_runaway_paging, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            an_implausible_row_count_is_runaway_paging_for_marker_paging_too, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_record_wider_than_sqlite_allows_keeps_its_first_1000_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(a_missing_template_fails_only_its_job, setup, teardown),
        cmocka_unit_test_setup_teardown(job_names_stay_inside_out_and_distinct, setup, teardown),
        cmocka_unit_test_setup_teardown(a_signal_while_the_summary_is_written_lets_it_out_whole,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(mail_options_that_would_mail_nobody_are_errors, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
