/* SPDX-License-Identifier: MIT */
/*
 * Every endpoint other than the call log (tests/test_fetch_e2e.c) through the
 * real binary against the mock API server: all rows arrive exactly once,
 * faults are retried or reported clearly, vendor error texts and credential
 * hints reach the user, undocumented shapes are read or refused cleanly.
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

#include "proc.h"

struct live {
    struct mockapi mock;
    char *dir;
    char conf[600];
    char out[600];
};

static void
live_start(struct live *L, const char *const *mock_args)
{
    const char *base[16] = {"--calls", "700", "--emails", "1234"};
    size_t n = 4;
    for (size_t i = 0; mock_args != NULL && mock_args[i] != NULL && n < 15; i++) {
        base[n++] = mock_args[i];
    }
    base[n] = NULL;
    assert_int_equal(mockapi_start(&L->mock, base), 0);
    L->dir = test_tmpdir();
    snprintf(L->conf, sizeof(L->conf), "%s/outreport.conf", L->dir);
    snprintf(L->out, sizeof(L->out), "%s/out.csv", L->dir);
    FILE *f = fopen(L->conf, "w");
    fprintf(f,
            "[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n[saleshandy]\nbase_url = %s\n"
            "auth = bearer\n[unpod]\nbase_url = %s\norg_handle = acme.example\n"
            "space_tokens = SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B\n"
            "[http]\nretries = 3\nbackoff_ms = 10\nbackoff_max_ms = 1200\n",
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

static void
fetch(struct live *L, const char *source, const char *const *extra, struct proc_result *r)
{
    const char *argv[32];
    size_t n = 0;
    argv[n++] = proc_outreport();
    argv[n++] = "--config";
    argv[n++] = L->conf;
    argv[n++] = "fetch";
    argv[n++] = source;
    argv[n++] = "-o";
    argv[n++] = L->out;
    argv[n++] = "--period";
    argv[n++] = "2026-11-09..2026-11-22";
    for (size_t i = 0; extra != NULL && extra[i] != NULL; i++) {
        argv[n++] = extra[i];
    }
    argv[n] = NULL;
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", "SALESHANDY_API_KEY=test-sh-key",
                         "UNPOD_TOKEN=test-unpod-token", NULL};
    assert_int_equal(proc_run(argv, env, 120, r), 0);
}

static char *
csvstat(const char *path, const char *column)
{
    char *script = g_build_filename(getenv("OR_SOURCE_ROOT"), "tests", "csvstat.py", NULL);
    const char *argv[] = {"/usr/bin/python3", script, path, column, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    free(r.err);
    g_free(script);
    return r.out;
}

static void
assert_no_file(const char *path)
{
    struct stat sb;
    assert_int_not_equal(stat(path, &sb), 0);
}

static void
consolidated_stats_pages_on_has_more_and_keeps_every_email_once(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *fault[] = {"--fault", "429:page=2:times=1:retry_after=1", NULL};
    live_start(&L, fault);
    const char *extra[] = {"--param", "page_limit=100", NULL};
    fetch(&L, "saleshandy.consolidated-stats", extra, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
    }
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char *st = csvstat(L.out, "recipient_email");
    assert_non_null(strstr(st, "rows=1234 "));
    assert_non_null(strstr(st, "header=sequence_id,sequence_title,sequence_owner,step,"
                               "sender_email,recipient_email,recipient_name,sent_at,open_count,"
                               "last_opened_at,replied,replied_at,conversation_id,sentiment,"
                               "click_count,last_clicked_at,last_link_clicked,bounced,bounced_at,"
                               "unsubscribed,deleted,client_id,client_name,client_email,"
                               "client_company,client_status"));
    free(st);
    st = csvstat(L.out, "replied");
    assert_non_null(strstr(st, "distinct=false|true\n"));
    free(st);
    /* the sequence list (the body's required ids), 13 pages of 100, the one 429 retried */
    assert_int_equal(mockapi_requests(&L.mock), 15);
    live_stop(&L);
}

static void
consolidated_stats_repeating_page_is_stopped(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *fault[] = {"--fault", "repeat:page=3", NULL};
    live_start(&L, fault);
    const char *extra[] = {"--param", "page_limit=100", NULL};
    fetch(&L, "saleshandy.consolidated-stats", extra, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "saleshandy.consolidated-stats page 3"));
    assert_non_null(strstr(r.err, "repeated page"));
    assert_no_file(L.out);
    proc_result_free(&r);
    live_stop(&L);
}

static void
consolidated_stats_old_start_is_refused_before_any_request(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          L.conf,
                          "fetch",
                          "saleshandy.consolidated-stats",
                          "-o",
                          L.out,
                          "--period",
                          "2020-01-01..2020-01-31",
                          NULL};
    const char *env[] = {"SALESHANDY_API_KEY=test-sh-key", NULL};
    assert_int_equal(proc_run(argv, env, 60, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "older than 2 years"));
    assert_int_equal(mockapi_requests(&L.mock), 0);
    proc_result_free(&r);
    live_stop(&L);
}

static void
team_stats_reads_every_documented_shape_and_refuses_an_empty_one(void **state)
{
    (void)state;
    const char *shapes[] = {"payload", "data", "array"};
    for (size_t i = 0; i < 3; i++) {
        struct live L;
        struct proc_result r;
        const char *args[] = {"--team-shape", shapes[i], NULL};
        live_start(&L, args);
        fetch(&L, "saleshandy.team-stats", NULL, &r);
        if (r.status != 0) {
            fprintf(stderr, "%s: %s", shapes[i], r.err);
        }
        assert_int_equal(r.status, 0);
        proc_result_free(&r);
        char *st = csvstat(L.out, "user_email");
        assert_non_null(strstr(st, "rows=12 unique=12 nulls=0"));
        assert_non_null(strstr(st, "header=user_id,user_name,user_email,"));
        assert_non_null(strstr(st, "prospect_added"));
        assert_non_null(strstr(st, "meeting_booked"));
        free(st);
        live_stop(&L);
    }
    struct live L;
    struct proc_result r;
    const char *args[] = {"--team-shape", "empty", NULL};
    live_start(&L, args);
    fetch(&L, "saleshandy.team-stats", NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "no list of records"));
    assert_no_file(L.out);
    proc_result_free(&r);
    live_stop(&L);
}

static void
list_performance_totals_match_the_call_log(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    const char *fault[] = {"--fault", "503:path=/v1/analytics/list-performance:times=1", NULL};
    live_start(&L, fault);
    const char *small[] = {"--param", "limit=3", NULL};
    fetch(&L, "salesfinity.list-performance", small, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
    }
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char *script =
        g_strdup_printf("import csv,sys\n"
                        "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                        "print(len(rows), sum(int(r['total_calls']) for r in rows))\n");
    const char *py[] = {"/usr/bin/python3", "-c", script, L.out, NULL};
    assert_int_equal(proc_run(py, NULL, 30, &r), 0);
    /* 8 lists over 3 pages; their calls add up to the whole call log */
    assert_string_equal(r.out, "8 700\n");
    proc_result_free(&r);
    g_free(script);
    live_stop(&L);
}

static void
unpod_gives_one_row_per_space_and_clear_errors(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL);
    fetch(&L, "unpod.analytics", NULL, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char *st = csvstat(L.out, "space_token");
    assert_non_null(strstr(st, "rows=2 unique=2 nulls=0 "));
    assert_non_null(strstr(st, "header=space_token,total_calls,interested,call_back,send_details,"
                               "not_interested,not_connected,failed_calls,avg_success_score,"
                               "total_tasks,tasks_completed,tasks_failed,tasks_pending,"
                               "tasks_in_progress,success_rate,completed_calls,avg_duration_s,"
                               "space_name\n"));
    free(st);
    /* an unknown space: the vendor's 404 text */
    const char *bad[] = {"--param", "space_token=NOSUCHSPACE", NULL};
    fetch(&L, "unpod.analytics", bad, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "HTTP 404"));
    assert_non_null(strstr(r.err, "Space not found."));
    proc_result_free(&r);
    live_stop(&L);

    const char *auth[] = {"--fault", "auth", NULL};
    live_start(&L, auth);
    fetch(&L, "unpod.analytics", NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "HTTP 401"));
    assert_non_null(strstr(r.err, "UNPOD_TOKEN"));
    assert_null(strstr(r.err, "test-unpod-token"));
    proc_result_free(&r);
    live_stop(&L);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(consolidated_stats_pages_on_has_more_and_keeps_every_email_once),
        cmocka_unit_test(consolidated_stats_repeating_page_is_stopped),
        cmocka_unit_test(consolidated_stats_old_start_is_refused_before_any_request),
        cmocka_unit_test(team_stats_reads_every_documented_shape_and_refuses_an_empty_one),
        cmocka_unit_test(list_performance_totals_match_the_call_log),
        cmocka_unit_test(unpod_gives_one_row_per_space_and_clear_errors),
    };
    return cmocka_run_group_tests_name("sources_e2e", tests, NULL, NULL);
}
