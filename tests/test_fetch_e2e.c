/* SPDX-License-Identifier: MIT */
/*
 * End to end: the real outreport binary, its plugins loaded by dlopen, HTTP
 * through libcurl to the mock API server on 127.0.0.1, one injected fault per
 * test.  A run either completes with every row exactly once, or fails with a
 * clear message, a non-zero exit code and no output file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"

#define CALLS "1234"
#define CALLS_N 1234
#define PAGES_N 13
/* Requests besides the pages: the account's disposition list (call-log's lookup). */
#define LOOKUP_N 1
#define KEY "test-sf-key-7f3a9c"

static const char calls_header[] =
    "header=id,call_id,started_at,ended_at,created_at,updated_at,duration_s,outcome,direction,"
    "answered_by,is_completed,disposition_id,disposition,disposition_key,rep_id,rep_name,"
    "rep_email,contact_name,contact_company,contact_email,contact_title,list_id,list_name,"
    "from_number,to_number,recording_url,has_recording,notes,summary,transcription,"
    "disposition_category,is_connected,is_conversation,is_meeting\n";

struct e2e {
    struct mockapi mock;
    char *dir;
    char conf[512];
    char out[512];
};

static int
start(void **state, const char *fault)
{
    struct e2e *e = calloc(1, sizeof(*e));
    const char *args[16];
    size_t n = 0;
    args[n++] = "--calls";
    args[n++] = CALLS;
    args[n++] = "--sf-key";
    args[n++] = KEY;
    if (fault != NULL) {
        args[n++] = "--fault";
        args[n++] = fault;
    }
    args[n] = NULL;
    if (mockapi_start(&e->mock, args) != 0) {
        free(e);
        return -1;
    }
    e->dir = test_tmpdir();
    snprintf(e->conf, sizeof(e->conf), "%s/outreport.conf", e->dir);
    snprintf(e->out, sizeof(e->out), "%s/calls.csv", e->dir);
    FILE *f = fopen(e->conf, "w");
    fprintf(
        f,
        "[report]\ntimezone = UTC\n\n[salesfinity]\nbase_url = %s\napi_key_env = SF_TEST_KEY\n\n"
        "[http]\nretries = 4\nbackoff_ms = 20\nbackoff_max_ms = 1500\n",
        e->mock.base);
    fclose(f);
    *state = e;
    return 0;
}

static int
teardown(void **state)
{
    struct e2e *e = *state;
    if (e != NULL) {
        mockapi_stop(&e->mock);
        test_rmtree(e->dir);
        free(e->dir);
        free(e);
    }
    return 0;
}

static int
setup_plain(void **s)
{
    return start(s, NULL);
}
static int
setup_429(void **s)
{
    return start(s, "429:page=2:times=2:retry_after=1");
}
static int
setup_503(void **s)
{
    return start(s, "503:page=3:times=2");
}
static int
setup_500_forever(void **s)
{
    return start(s, "500:page=2");
}
static int
setup_truncated(void **s)
{
    return start(s, "truncated:page=4:times=1");
}
static int
setup_drop(void **s)
{
    return start(s, "drop:page=5:times=1");
}
static int
setup_500_last_page(void **s)
{
    return start(s, "500:page=13");
}
static int
setup_malformed(void **s)
{
    return start(s, "malformed:page=2");
}
static int
setup_repeat(void **s)
{
    return start(s, "repeat:page=2");
}
static int
setup_auth(void **s)
{
    return start(s, "auth");
}
static int
setup_latency(void **s)
{
    return start(s, "latency:ms=300");
}
static int
setup_stalled(void **s)
{
    return start(s, "latency:ms=60000:page=3");
}

/* Runs `outreport --config C fetch salesfinity.call-log -o OUT --period ... [extra]`. */
static void
run_fetch(struct e2e *e, const char *const *extra, const char *key, struct proc_result *r)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = proc_outreport();
    argv[n++] = "--config";
    argv[n++] = e->conf;
    argv[n++] = "fetch";
    argv[n++] = "salesfinity.call-log";
    argv[n++] = "-o";
    argv[n++] = e->out;
    argv[n++] = "--period";
    argv[n++] = "2026-11-01..2026-11-30";
    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++) {
        argv[n++] = extra[i];
    }
    argv[n] = NULL;
    static char env_key[128];
    snprintf(env_key, sizeof(env_key), "SF_TEST_KEY=%s", key != NULL ? key : KEY);
    const char *env[] = {env_key, NULL};
    assert_int_equal(proc_run(argv, key != NULL && key[0] == '\0' ? NULL : env, 120, r), 0);
}

/* Independent count of rows and distinct ids through Python's csv module. */
static char *
csvstat(const char *path, const char *column)
{
    char script[1024];
    const char *src = getenv("OR_SOURCE_ROOT");
    snprintf(script, sizeof(script), "%s/tests/csvstat.py", src ? src : ".");
    const char *argv[] = {"/usr/bin/python3", script, path, column, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    free(r.err);
    return r.out;
}

static void
assert_every_row_exactly_once(const struct e2e *e)
{
    char *st = csvstat(e->out, "id");
    char expect[128];
    snprintf(expect, sizeof(expect), "rows=%d unique=%d nulls=0 ", CALLS_N, CALLS_N);
    assert_non_null(strstr(st, expect));
    assert_non_null(strstr(st, calls_header));
    free(st);
}

static void
assert_no_file(const char *path)
{
    struct stat sb;
    assert_int_not_equal(stat(path, &sb), 0);
}

static void
fetch_writes_every_call_exactly_once_with_the_calls_schema(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, ""); /* not a terminal: silent */
    assert_every_row_exactly_once(e);
    assert_int_equal(mockapi_requests(&e->mock), PAGES_N + LOOKUP_N);
    proc_result_free(&r);
}

static void
fetch_429_with_retry_after_retries_then_completes(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_every_row_exactly_once(e);
    assert_int_equal(mockapi_requests(&e->mock), PAGES_N + LOOKUP_N + 2);
    proc_result_free(&r);
}

static void
fetch_503_twice_retries_then_completes(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_every_row_exactly_once(e);
    assert_int_equal(mockapi_requests(&e->mock), PAGES_N + LOOKUP_N + 2);
    proc_result_free(&r);
}

static void
truncated_body_is_retried_not_parsed(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_every_row_exactly_once(e);
    proc_result_free(&r);
}

static void
dropped_connection_is_retried(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    assert_every_row_exactly_once(e);
    proc_result_free(&r);
}

static void
persistent_500_fails_naming_page_and_status_without_output(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "salesfinity.call-log page 2"));
    assert_non_null(strstr(r.err, "HTTP 500"));
    assert_int_equal(test_count_lines_with(r.err, "error"), 1);
    assert_no_file(e->out);
    proc_result_free(&r);
}

/* Files in the test folder other than the config: outputs and temporaries. */
static int
files_besides_config(const struct e2e *e)
{
    DIR *d = opendir(e->dir);
    int n = 0;
    struct dirent *de;
    assert_non_null(d);
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 &&
            strcmp(de->d_name, "outreport.conf") != 0) {
            n++;
        }
    }
    closedir(d);
    return n;
}

/* fetch streams pages into the file while later pages are still arriving:
 * a failure on the last page, after most rows were written, must still
 * leave nothing behind, for each streaming format. */
static void
failure_on_the_last_page_after_rows_were_streamed_leaves_no_file(void **state)
{
    struct e2e *e = *state;
    static const char *const exts[] = {"csv", "xlsx"};
    for (size_t i = 0; i < 2; i++) {
        struct proc_result r;
        snprintf(e->out, sizeof(e->out), "%s/calls.%s", e->dir, exts[i]);
        run_fetch(e, NULL, NULL, &r);
        assert_int_equal(r.status, 3);
        assert_non_null(strstr(r.err, "salesfinity.call-log page 13"));
        assert_non_null(strstr(r.err, "HTTP 500"));
        assert_int_equal(test_count_lines_with(r.err, "error"), 1);
        assert_int_equal(files_besides_config(e), 0);
        proc_result_free(&r);
    }
}

/* The streamed file must be exactly what the dataset path writes: the same
 * table through `outreport run` and a template selecting it in arrival order. */
static void
streamed_csv_is_byte_identical_to_the_table_read_back_from_the_dataset(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    char tpl[600], outdir[600], via_run[700];
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);

    snprintf(tpl, sizeof(tpl), "%s/raw.json", e->dir);
    snprintf(outdir, sizeof(outdir), "%s/run", e->dir);
    snprintf(via_run, sizeof(via_run), "%s/raw-calls.csv", outdir);
    FILE *f = fopen(tpl, "w");
    fputs("{\"title\": \"Raw\", \"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}},\n"
          " \"sections\": [{\"kind\": \"table\", \"id\": \"calls\", \"title\": \"Calls\",\n"
          "   \"sql\": \"SELECT * FROM calls ORDER BY rowid\"}]}\n",
          f);
    fclose(f);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          e->conf,
                          "run",
                          tpl,
                          "--format",
                          "csv",
                          "--out",
                          outdir,
                          "--period",
                          "2026-11-01..2026-11-30",
                          NULL};
    const char *env[] = {"SF_TEST_KEY=" KEY, NULL};
    assert_int_equal(proc_run(argv, env, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);

    size_t la = 0, lb = 0;
    char *a = test_read_file(e->out, &la);
    char *b = test_read_file(via_run, &lb);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(la > 100000);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
}

static void
failed_fetch_leaves_existing_file_untouched(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    FILE *f = fopen(e->out, "w");
    fputs("previous run\n", f);
    fclose(f);
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 3);
    char *txt = test_read_file(e->out, NULL);
    assert_string_equal(txt, "previous run\n");
    free(txt);
    proc_result_free(&r);
}

static void
malformed_json_fails_naming_page_without_output(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "page 2"));
    assert_non_null(strstr(r.err, "JSON"));
    assert_no_file(e->out);
    proc_result_free(&r);
}

static void
page_repeating_forever_stops_with_paging_error(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "repeated page"));
    assert_no_file(e->out);
    assert_true(mockapi_requests(&e->mock) < 100);
    proc_result_free(&r);
}

static void
wrong_key_fails_with_401_naming_the_variable_not_the_key(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    const char *extra[] = {"-v", "-v", NULL};
    run_fetch(e, extra, NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "HTTP 401"));
    assert_non_null(strstr(r.err, "api_key_env"));
    assert_null(strstr(r.err, KEY));
    assert_null(strstr(r.out, KEY));
    assert_no_file(e->out);
    proc_result_free(&r);
}

static void
missing_key_variable_is_named_before_any_request(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    run_fetch(e, NULL, "", &r);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "SF_TEST_KEY"));
    assert_int_equal(mockapi_requests(&e->mock), 0);
    assert_no_file(e->out);
    proc_result_free(&r);
}

static void
pages_are_fetched_concurrently(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    run_fetch(e, NULL, NULL, &r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    assert_int_equal(r.status, 0);
    assert_every_row_exactly_once(e);
    /* 13 pages at 300 ms each: one after another would take 3.9 s. */
    assert_true(secs < 2.5);
    proc_result_free(&r);
}

static void
filters_reach_the_server(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    const char *extra[] = {"--param", "outcome=answered", "--param", "direction=outbound", NULL};
    run_fetch(e, extra, NULL, &r);
    assert_int_equal(r.status, 0);
    char *st = csvstat(e->out, "outcome");
    assert_non_null(strstr(st, "distinct=answered\n"));
    assert_null(strstr(st, "rows=0 "));
    free(st);
    st = csvstat(e->out, "direction");
    assert_non_null(strstr(st, "distinct=outbound\n"));
    free(st);
    proc_result_free(&r);
}

static void
invalid_param_and_period_are_usage_errors(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    const char *bad_enum[] = {"--param", "outcome=maybe", NULL};
    run_fetch(e, bad_enum, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "outcome"));
    assert_non_null(strstr(r.err, "answered,no-answer,cancelled"));
    proc_result_free(&r);

    const char *unknown[] = {"--param", "colour=red", NULL};
    run_fetch(e, unknown, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown parameter 'colour'"));
    proc_result_free(&r);

    const char *argv[] = {proc_outreport(),         "--config", e->conf, "fetch",
                          "salesfinity.call-log",   "-o",       e->out,  "--period",
                          "2026-02-30..2026-03-01", NULL};
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "2026-02-30"));
    proc_result_free(&r);
    assert_int_equal(mockapi_requests(&e->mock), 0);
    assert_no_file(e->out);
}

static void
record_then_replay_gives_identical_file_without_network_or_secrets(void **state)
{
    struct e2e *e = *state;
    struct proc_result r;
    char rec[600], first[600];
    snprintf(rec, sizeof(rec), "%s/recording", e->dir);
    const char *record[] = {"--record", rec, NULL};
    run_fetch(e, record, NULL, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    snprintf(first, sizeof(first), "%s.first", e->out);
    assert_int_equal(rename(e->out, first), 0);

    /* No key in any recorded file. */
    const char *grep[] = {"/bin/grep", "-rl", KEY, rec, NULL};
    assert_int_equal(proc_run(grep, NULL, 30, &r), 0);
    assert_int_equal(r.status, 1);
    proc_result_free(&r);

    mockapi_stop(&e->mock);
    const char *replay[] = {"--replay", rec, NULL};
    run_fetch(e, replay, "", &r); /* no key needed to replay */
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    size_t la, lb;
    char *a = test_read_file(first, &la);
    char *b = test_read_file(e->out, &lb);
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);

    /* A request the recording lacks is refused, naming the way out. */
    const char *other[] = {"--replay", rec, "--param", "outcome=answered", NULL};
    run_fetch(e, other, "", &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "--record"));
    proc_result_free(&r);
}

/* Starts outreport with @p args after --config, without waiting for it. */
static pid_t
spawn_outreport(struct e2e *e, const char *const *args, const char *tmpdir)
{
    pid_t pid = fork();
    if (pid == 0) {
        const char *argv[32];
        size_t n = 0;
        argv[n++] = proc_outreport();
        argv[n++] = "--config";
        argv[n++] = e->conf;
        for (size_t i = 0; args[i] != NULL && n < 31; i++) {
            argv[n++] = args[i];
        }
        argv[n] = NULL;
        setenv("SF_TEST_KEY", KEY, 1);
        if (tmpdir != NULL) {
            setenv("TMPDIR", tmpdir, 1);
        }
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    assert_true(pid > 0);
    return pid;
}

/* Entries of @p dir whose name contains @p part. */
static int
entries_with(const char *dir, const char *part)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *de;
    while (d != NULL && (de = readdir(d)) != NULL) {
        n += strstr(de->d_name, part) != NULL;
    }
    if (d != NULL) {
        closedir(d);
    }
    return n;
}

/* Waits up to 20 s until @p dir has an entry containing @p part. */
static void
wait_for_entry(const char *dir, const char *part)
{
    for (int i = 0; i < 1000 && entries_with(dir, part) == 0; i++) {
        usleep(20 * 1000);
    }
    assert_true(entries_with(dir, part) > 0);
}

/* Page 3 never comes: the fetch streams pages 1-2 into its temporary file and
 * waits.  Ctrl-C or `systemctl stop` then must not leave that file behind, and
 * the caller must see the process die by the signal (130 / 143 in a shell),
 * not a normal exit. */
static void
stopped_fetch_removes_its_unfinished_file_and_dies_by_the_signal(void **state)
{
    struct e2e *e = *state;
    const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
        const char *args[] = {"fetch",    "salesfinity.call-log",   "-o", e->out,
                              "--period", "2026-11-01..2026-11-30", NULL};
        pid_t pid = spawn_outreport(e, args, NULL);
        wait_for_entry(e->dir, ".tmp-");
        assert_int_equal(kill(pid, sigs[i]), 0);
        int st = 0;
        assert_int_equal(waitpid(pid, &st, 0), pid);
        assert_true(WIFSIGNALED(st));
        assert_int_equal(WTERMSIG(st), sigs[i]);
        assert_int_equal(entries_with(e->dir, ".tmp-"), 0);
        assert_int_equal(entries_with(e->dir, "calls.csv"), 0);
    }
}

/* A batch keeps the data its jobs share in a private folder under $TMPDIR;
 * stopped while fetching, it removes that folder too. */
static void
stopped_batch_removes_its_shared_response_folder(void **state)
{
    struct e2e *e = *state;
    char tmpdir[600], tpl[600], jobs[600], out[600];
    snprintf(tmpdir, sizeof(tmpdir), "%s/tmp", e->dir);
    snprintf(tpl, sizeof(tpl), "%s/count.json", e->dir);
    snprintf(jobs, sizeof(jobs), "%s/jobs.ini", e->dir);
    snprintf(out, sizeof(out), "%s/out", e->dir);
    assert_int_equal(mkdir(tmpdir, 0700), 0);
    FILE *f = fopen(tpl, "w");
    fputs("{\"title\": \"Count\", \"sources\": {\"calls\": {\"source\": "
          "\"salesfinity.call-log\"}}, \"sections\": [{\"kind\": \"table\", "
          "\"sql\": \"SELECT count(*) AS n FROM calls\"}]}",
          f);
    fclose(f);
    f = fopen(jobs, "w");
    fprintf(f, "[count]\ntemplate = %s\nperiod = 2026-11-01..2026-11-30\nformats = csv\n", tpl);
    fclose(f);
    const char *args[] = {"batch", jobs, "--out", out, NULL};
    pid_t pid = spawn_outreport(e, args, tmpdir);
    wait_for_entry(tmpdir, "outreport-batch-");
    usleep(300 * 1000); /* into the fetch, which waits for page 3 */
    assert_int_equal(kill(pid, SIGTERM), 0);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFSIGNALED(st));
    assert_int_equal(WTERMSIG(st), SIGTERM);
    assert_int_equal(entries_with(tmpdir, "outreport-batch-"), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(fetch_writes_every_call_exactly_once_with_the_calls_schema,
                                        setup_plain, teardown),
        cmocka_unit_test_setup_teardown(
            stopped_fetch_removes_its_unfinished_file_and_dies_by_the_signal, setup_stalled,
            teardown),
        cmocka_unit_test_setup_teardown(stopped_batch_removes_its_shared_response_folder,
                                        setup_stalled, teardown),
        cmocka_unit_test_setup_teardown(fetch_429_with_retry_after_retries_then_completes,
                                        setup_429, teardown),
        cmocka_unit_test_setup_teardown(fetch_503_twice_retries_then_completes, setup_503,
                                        teardown),
        cmocka_unit_test_setup_teardown(truncated_body_is_retried_not_parsed, setup_truncated,
                                        teardown),
        cmocka_unit_test_setup_teardown(dropped_connection_is_retried, setup_drop, teardown),
        cmocka_unit_test_setup_teardown(persistent_500_fails_naming_page_and_status_without_output,
                                        setup_500_forever, teardown),
        cmocka_unit_test_setup_teardown(
            failure_on_the_last_page_after_rows_were_streamed_leaves_no_file, setup_500_last_page,
            teardown),
        cmocka_unit_test_setup_teardown(
            streamed_csv_is_byte_identical_to_the_table_read_back_from_the_dataset, setup_plain,
            teardown),
        cmocka_unit_test_setup_teardown(failed_fetch_leaves_existing_file_untouched,
                                        setup_500_forever, teardown),
        cmocka_unit_test_setup_teardown(malformed_json_fails_naming_page_without_output,
                                        setup_malformed, teardown),
        cmocka_unit_test_setup_teardown(page_repeating_forever_stops_with_paging_error,
                                        setup_repeat, teardown),
        cmocka_unit_test_setup_teardown(wrong_key_fails_with_401_naming_the_variable_not_the_key,
                                        setup_auth, teardown),
        cmocka_unit_test_setup_teardown(missing_key_variable_is_named_before_any_request,
                                        setup_plain, teardown),
        cmocka_unit_test_setup_teardown(pages_are_fetched_concurrently, setup_latency, teardown),
        cmocka_unit_test_setup_teardown(filters_reach_the_server, setup_plain, teardown),
        cmocka_unit_test_setup_teardown(invalid_param_and_period_are_usage_errors, setup_plain,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            record_then_replay_gives_identical_file_without_network_or_secrets, setup_plain,
            teardown),
    };
    return cmocka_run_group_tests_name("fetch_e2e", tests, NULL, NULL);
}
