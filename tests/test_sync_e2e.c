/* SPDX-License-Identifier: MIT */
/*
 * The store through the real binary: `outreport sync` and `run` against the
 * mock API server, asserting the exact requests it received (its --log),
 * what the store then holds, two processes at once, and a second machine
 * reporting from the same PostgreSQL store.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pgtest.h"
#include "proc.h"

/* One test's world: a mock server, its request log, a config, a store. */
struct world {
    struct mockapi m;
    char *dir;
    char log[1200];
    char conf[1200];
    char store[1400]; /* the store URL */
    char tpl[1200];
};

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The sample config pointed at the mock; [store] url = @p store. */
static void
write_conf(struct world *w)
{
    char text[4096];
    snprintf(text, sizeof(text),
             "[report]\ntimezone = Europe/Berlin\n[salesfinity]\nbase_url = %s\n"
             "api_key_env = SALESFINITY_API_KEY\n[saleshandy]\nbase_url = %s\n"
             "[unpod]\nbase_url = %s\norg_handle = acme.example\n"
             "space_tokens = SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B\n"
             "[store]\nurl = %s\n",
             w->m.base, w->m.base, w->m.base, w->store);
    write_file(w->conf, text);
}

/* Starts the mock (revision @p rev, extra args) logging into w->log. */
static void
start_mock(struct world *w, const char *rev, const char *extra)
{
    const char *args[] = {"--start",    "2026-10-05", "--days", "56",   "--calls", "4000",
                          "--revision", rev,          "--log",  w->log, extra,     NULL};
    assert_int_equal(mockapi_start(&w->m, args), 0);
    write_conf(w);
}

static void
world_open(struct world *w, const char *store_url)
{
    memset(w, 0, sizeof(*w));
    w->dir = test_tmpdir();
    snprintf(w->log, sizeof(w->log), "%s/requests.log", w->dir);
    snprintf(w->conf, sizeof(w->conf), "%s/outreport.conf", w->dir);
    snprintf(w->tpl, sizeof(w->tpl), "%s/days.json", w->dir);
    if (store_url != NULL) {
        snprintf(w->store, sizeof(w->store), "%s", store_url);
    }
    else {
        snprintf(w->store, sizeof(w->store), "sqlite:%s/store.sqlite", w->dir);
    }
    write_file(w->tpl,
               "{\"title\": \"Days\", \"sources\": {\"calls\": {\"source\": "
               "\"salesfinity.call-log\"}},\n\"sections\": [{\"kind\": \"table\", \"id\": "
               "\"days\", \"sql\": \"SELECT local_date(started_at) AS day, count(*) AS calls, "
               "sum(disposition_id = 1) AS meetings FROM calls GROUP BY 1 ORDER BY 1\"}]}\n");
    start_mock(w, "0", NULL);
}

/* The store of a test run on both backends (cmocka prestate "sqlite" or
 * "postgresql"): NULL for the world's SQLite file, else a fresh database. */
static const char *
store_for(void **state, char *url, size_t n)
{
    static int count;
    if (strcmp(*state, "postgresql") != 0) {
        return NULL;
    }
    char name[32];
    snprintf(name, sizeof(name), "e2e_%d", ++count);
    assert_true(pgtest_up);
    assert_int_equal(pgtest_createdb(&pgtest_server, name, url, n), 0);
    return url;
}

static void
world_close(struct world *w)
{
    mockapi_stop(&w->m);
    test_rmtree(w->dir);
    free(w->dir);
}

/* outreport --config CONF ARGS at instant @p now (the store follows [store] url). */
static struct proc_result
run_at(const struct world *w, const char *now, const char *const *args)
{
    const char *argv[48] = {proc_outreport(), "--config", w->conf};
    size_t n = 3;
    for (size_t i = 0; args[i] != NULL && n < 46; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    char pin[64];
    snprintf(pin, sizeof(pin), "OUTREPORT_NOW=%s", now);
    const char *env[] = {pin,
                         "OUTREPORT_STORE=",
                         "SALESFINITY_API_KEY=test-sf-key",
                         "SALESHANDY_API_KEY=test-sh-key",
                         "UNPOD_TOKEN=test-unpod-token",
                         NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 120, &r), 0);
    return r;
}

static void
expect_ok(struct proc_result r)
{
    if (r.status != 0) {
        fail_msg("exit %d: %s", r.status, r.err);
    }
    proc_result_free(&r);
}

/* The date ranges of the call-log requests for page 1 since line @p from of
 * the log, as "START..END" (UTC, as sent), one per line; lines read so far
 * into @p from. */
static char *
call_ranges(const struct world *w, int *from)
{
    char *log = test_read_file(w->log, NULL);
    GString *out = g_string_new(NULL);
    char **lines = g_strsplit(log != NULL ? log : "", "\n", -1);
    int i = 0;
    for (; lines[i] != NULL && lines[i][0] != '\0'; i++) {
        const char *q = lines[i];
        if (i < *from || strstr(q, "GET /v1/call-log ") != q || strstr(q, "page=1&") == NULL) {
            continue;
        }
        const char *s = strstr(q, "filters[start_date]=");
        const char *e = strstr(q, "filters[end_date]=");
        assert_non_null(s);
        assert_non_null(e);
        g_string_append_printf(out, "%.10s..%.10s\n", s + strlen("filters[start_date]="),
                               e + strlen("filters[end_date]="));
    }
    *from = i;
    g_strfreev(lines);
    free(log);
    return g_string_free(out, FALSE);
}

static void
assert_ranges(const struct world *w, int *from, const char *want)
{
    char *got = call_ranges(w, from);
    assert_string_equal(got, want);
    g_free(got);
}

/* The CSV of section @p section of template @p tpl (file NAME.json) over
 * @p period (store as configured or --store). */
static char *
csv_of(const struct world *w, const char *tpl, const char *section, const char *now,
       const char *period, const char *store)
{
    char out[1300], file[1600];
    snprintf(out, sizeof(out), "%s/out", w->dir);
    const char *args[] = {"run",   tpl,        "--period",
                          period,  "--format", "csv",
                          "--out", out,        store != NULL ? "--store" : NULL,
                          store,   NULL};
    expect_ok(run_at(w, now, args));
    char *base = g_path_get_basename(tpl);
    *strrchr(base, '.') = '\0';
    snprintf(file, sizeof(file), "%s/%s-%s.csv", out, base, section);
    g_free(base);
    char *csv = test_read_file(file, NULL);
    assert_non_null(csv);
    remove(file);
    return csv;
}

/* The days CSV of the test template over @p period (store as configured or --store). */
static char *
days_csv(const struct world *w, const char *now, const char *period, const char *store)
{
    return csv_of(w, w->tpl, "days", now, period, store);
}

#define WEEK3 "2026-11-02..2026-11-22"

/* Only the days not stored yet are requested, plus those fetched less than
 * refetch_days (3) after they ended; a run then reads from the store. */
static void
test_sync_requests_only_missing_days(void **state)
{
    char url[256];
    struct world w;
    int line = 0;
    world_open(&w, store_for(state, url, sizeof(url)));
    const char *sync3[] = {"sync", "salesfinity.call-log", "--period", WEEK3, NULL};
    expect_ok(run_at(&w, "2026-11-25T08:00:00+01:00", sync3));
    /* three weeks, one request range each (Berlin days in UTC) */
    assert_ranges(&w, &line,
                  "2026-11-01..2026-11-08\n2026-11-08..2026-11-15\n2026-11-15..2026-11-22\n");
    /* a day later only 2026-11-22 is due again: fetched 2.3 days after it ended */
    expect_ok(run_at(&w, "2026-11-26T08:00:00+01:00", sync3));
    assert_ranges(&w, &line, "2026-11-21..2026-11-22\n");
    /* now everything is settled: no request at all */
    expect_ok(run_at(&w, "2026-11-26T08:00:00+01:00", sync3));
    assert_ranges(&w, &line, "");
    /* the report reads the store, requests nothing, and counts what the API has */
    char *stored = days_csv(&w, "2026-11-26T08:00:00+01:00", "2026-11-16..2026-11-22", NULL);
    assert_ranges(&w, &line, "");
    char *live = days_csv(&w, "2026-11-26T08:00:00+01:00", "2026-11-16..2026-11-22", "none");
    assert_ranges(&w, &line, "2026-11-15..2026-11-22\n");
    assert_string_equal(stored, live);
    assert_int_equal(test_count_lines_with(stored, "2026-11-"), 7);
    free(stored);
    free(live);
    world_close(&w);
}

/* A record fetched again after it changed is stored once, in its newest
 * version; days already settled are not asked for and keep theirs. */
static void
test_refetch_keeps_newest_version(void **state)
{
    char url[256];
    struct world w;
    int line = 0;
    world_open(&w, store_for(state, url, sizeof(url)));
    const char *sync1[] = {"sync", "salesfinity.call-log", "--period", "2026-11-16..2026-11-22",
                           NULL};
    expect_ok(run_at(&w, "2026-11-23T08:00:00+01:00", sync1));
    char *old = days_csv(&w, "2026-11-23T08:00:00+01:00", "2026-11-16..2026-11-22", "none");
    mockapi_stop(&w.m);
    g_free(call_ranges(&w, &line));
    start_mock(&w, "1", NULL); /* every tenth call now has disposition 1 */
    expect_ok(run_at(&w, "2026-11-24T08:00:00+01:00", sync1));
    /* 2026-11-20 ended 2026-11-21 00:00; +3 days > 2026-11-23 08:00: due again, like 21, 22 */
    assert_ranges(&w, &line, "2026-11-19..2026-11-22\n");
    char *now = days_csv(&w, "2026-11-24T08:00:00+01:00", "2026-11-16..2026-11-22", NULL);
    char *fresh = days_csv(&w, "2026-11-24T08:00:00+01:00", "2026-11-16..2026-11-22", "none");
    /* days 16-19: the first version (settled, not asked again); 20-22: the second */
    char **a = g_strsplit(now, "\n", -1), **o = g_strsplit(old, "\n", -1),
         **f = g_strsplit(fresh, "\n", -1);
    for (int i = 1; i <= 7; i++) {
        assert_string_equal(a[i], i <= 4 ? o[i] : f[i]);
    }
    assert_string_not_equal(o[7], f[7]); /* the revision did change the day */
    g_strfreev(a);
    g_strfreev(o);
    g_strfreev(f);
    free(old);
    free(now);
    free(fresh);
    world_close(&w);
}

/* The e-mail template: every e-mail of the period as of its end, and the
 * opens and replies each sync saw coming in (the snapshots' differences). */
#define MAIL_TPL                                                                                   \
    "{\"title\": \"Mail\", \"sources\": {\"emails\": {\"source\": "                                \
    "\"saleshandy.consolidated-stats\"}},\n\"sections\": [{\"kind\": \"table\", \"id\": "          \
    "\"totals\", \"sql\": \"SELECT count(*) AS sent, sum(open_count) AS opens, sum(replied) AS "   \
    "replies FROM emails\"}, {\"kind\": \"table\", \"id\": \"history\", \"sql\": \"WITH d AS "     \
    "(SELECT as_of, open_count - coalesce(lag(open_count) OVER (PARTITION BY record ORDER BY "     \
    "as_of), 0) AS opens, replied - coalesce(lag(replied) OVER (PARTITION BY record ORDER BY "     \
    "as_of), 0) AS replies FROM emails_snapshots) SELECT as_of, sum(opens) AS opens, "             \
    "sum(replies) AS replies FROM d GROUP BY as_of ORDER BY as_of\"}]}\n"

/* sent, opens, replies of the e-mails of @p period as the mock has them now
 * (no store); the numbers into @p v. */
static void
live_mail(const struct world *w, const char *tpl, const char *period, long v[3])
{
    char *csv = csv_of(w, tpl, "totals", "2026-11-24T12:00:00+01:00", period, "none");
    const char *row = strchr(csv, '\n');
    assert_non_null(row);
    assert_int_equal(sscanf(row + 1, "%ld,%ld,%ld", &v[0], &v[1], &v[2]), 3);
    free(csv);
}

/* Saleshandy's opens and replies count up after an e-mail was sent: each
 * sync's reading is a dated snapshot (two on one day are one), a report
 * reads each e-mail as of its period's end, and the difference between
 * snapshots is what came in between them. */
static void
test_email_counters_dated_by_sync(void **state)
{
    char url[256], tpl[1300];
    struct world w;
    world_open(&w, store_for(state, url, sizeof(url)));
    snprintf(tpl, sizeof(tpl), "%s/mail.json", w.dir);
    write_file(tpl, MAIL_TPL);
    const char *week = "2026-11-16..2026-11-22";
    long all0[3], d20_0[3], d2122_0[3], d20_1[3], d2122_2[3];
    live_mail(&w, tpl, week, all0);
    live_mail(&w, tpl, "2026-11-20..2026-11-20", d20_0);
    live_mail(&w, tpl, "2026-11-21..2026-11-22", d2122_0);
    const char *sync1[] = {"sync", "saleshandy.consolidated-stats", "--period", week, NULL};
    expect_ok(run_at(&w, "2026-11-23T08:00:00+01:00", sync1)); /* snapshot of 11-23 */
    mockapi_stop(&w.m);
    start_mock(&w, "1", NULL); /* more opens and replies */
    live_mail(&w, tpl, "2026-11-20..2026-11-20", d20_1);
    /* 20-22 are not settled yet: fetched again, the snapshot of 11-24 */
    expect_ok(run_at(&w, "2026-11-24T08:00:00+01:00", sync1));
    mockapi_stop(&w.m);
    start_mock(&w, "2", NULL); /* more opens again */
    live_mail(&w, tpl, "2026-11-21..2026-11-22", d2122_2);
    /* 21-22 once more the same day (20 is settled now): replaces their 11-24
     * snapshot; the run at the same instant reads them again, also replacing */
    expect_ok(run_at(&w, "2026-11-24T12:00:00+01:00", sync1));
    char *totals = csv_of(&w, tpl, "totals", "2026-11-24T12:00:00+01:00", week, NULL);
    char *history = csv_of(&w, tpl, "history", "2026-11-24T12:00:00+01:00", week, NULL);
    /* as of the week's end: the snapshot of 11-23, not the newer readings */
    char want[512];
    snprintf(want, sizeof(want), "sent,opens,replies\r\n%ld,%ld,%ld\r\n", all0[0], all0[1],
             all0[2]);
    assert_string_equal(totals, want);
    long opens = d20_1[1] - d20_0[1] + d2122_2[1] - d2122_0[1];
    long replies = d20_1[2] - d20_0[2] + d2122_2[2] - d2122_0[2];
    assert_true(opens > 0 && replies > 0 && d2122_2[1] > d2122_0[1] + d2122_0[0] / 5);
    snprintf(want, sizeof(want),
             "as_of,opens,replies\r\n2026-11-23,%ld,%ld\r\n2026-11-24,%ld,%ld\r\n", all0[1],
             all0[2], opens, replies);
    assert_string_equal(history, want);
    free(totals);
    free(history);
    world_close(&w);
}

/* Two syncs at once: the second waits for the first and finds its days
 * stored; nothing is fetched or stored twice. */
static void
concurrent(const char *store_url)
{
    struct world w;
    int line = 0;
    world_open(&w, store_url);
    mockapi_stop(&w.m);
    start_mock(&w, "0", "--fault=latency:ms=150:path=/v1/call-log");
    char cmd[4096];
    snprintf(cmd, sizeof(cmd),
             "%s --config %s sync salesfinity.call-log --period " WEEK3 " >%s/a.out 2>&1 & "
             "%s --config %s sync salesfinity.call-log --period " WEEK3 " >%s/b.out 2>&1; "
             "s=$?; wait $! && exit $s || (cat %s/a.out %s/b.out >&2; exit 1)",
             proc_outreport(), w.conf, w.dir, proc_outreport(), w.conf, w.dir, w.dir, w.dir);
    const char *argv[] = {"/bin/sh", "-c", cmd, NULL};
    const char *env[] = {"OUTREPORT_NOW=2026-12-01T08:00:00+01:00",
                         "OUTREPORT_STORE=", "SALESFINITY_API_KEY=test-sf-key", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 120, &r), 0);
    if (r.status != 0) {
        fail_msg("exit %d: %s", r.status, r.err);
    }
    proc_result_free(&r);
    assert_ranges(&w, &line,
                  "2026-11-01..2026-11-08\n2026-11-08..2026-11-15\n2026-11-15..2026-11-22\n");
    char *stored = days_csv(&w, "2026-12-01T08:00:00+01:00", WEEK3, NULL);
    char *live = days_csv(&w, "2026-12-01T08:00:00+01:00", WEEK3, "none");
    assert_string_equal(stored, live);
    free(stored);
    free(live);
    world_close(&w);
}

static void
test_two_syncs_at_once_sqlite(void **state)
{
    (void)state;
    concurrent(NULL);
}

static void
test_two_syncs_at_once_postgresql(void **state)
{
    (void)state;
    char url[256];
    assert_true(pgtest_up);
    assert_int_equal(pgtest_createdb(&pgtest_server, "concurrent", url, sizeof(url)), 0);
    concurrent(url);
}

/* A second machine reports from the PostgreSQL store the first one filled,
 * with the vendor unreachable. */
static void
test_second_machine_reads_postgresql(void **state)
{
    (void)state;
    char url[256];
    assert_true(pgtest_up);
    assert_int_equal(pgtest_createdb(&pgtest_server, "shared", url, sizeof(url)), 0);
    struct world w;
    world_open(&w, url);
    const char *sync1[] = {"sync", "salesfinity.call-log", "--period", WEEK3, NULL};
    expect_ok(run_at(&w, "2026-12-01T08:00:00+01:00", sync1));
    char *live = days_csv(&w, "2026-12-01T08:00:00+01:00", "2026-11-09..2026-11-15", "none");
    mockapi_stop(&w.m); /* the vendor is gone; the config still points at it */
    char *stored = days_csv(&w, "2026-12-01T08:00:00+01:00", "2026-11-09..2026-11-15", url);
    assert_string_equal(stored, live);
    free(stored);
    free(live);
    world_close(&w);
}

/* A damaged store stops the run with a message naming it; it is kept. */
static void
test_damaged_store_is_an_error(void **state)
{
    (void)state;
    struct world w;
    world_open(&w, NULL);
    char path[1300];
    snprintf(path, sizeof(path), "%s/store.sqlite", w.dir);
    write_file(path, "not a database at all, and nobody may overwrite it............\n");
    const char *args[] = {"sync", "salesfinity.call-log", NULL};
    struct proc_result r = run_at(&w, "2026-12-01T08:00:00+01:00", args);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, path));
    assert_non_null(strstr(r.err, "damaged or not an SQLite database"));
    proc_result_free(&r);
    char *kept = test_read_file(path, NULL);
    assert_string_equal(kept, "not a database at all, and nobody may overwrite it............\n");
    free(kept);
    world_close(&w);
}

/* By default the store is $XDG_DATA_HOME/outreport/store.sqlite; a replayed
 * run uses a temporary one and leaves the user's alone. */
static void
test_default_store_location(void **state)
{
    (void)state;
    struct samples s;
    samples_open(&s);
    char xdg[1100], env_xdg[1200], path[1300];
    snprintf(xdg, sizeof(xdg), "%s/data", s.dir);
    snprintf(env_xdg, sizeof(env_xdg), "XDG_DATA_HOME=%s", xdg);
    snprintf(path, sizeof(path), "%s/outreport/store.sqlite", xdg);
    const char *env[] = {env_xdg, "OUTREPORT_STORE=", NULL};
    const char *args[] = {"run", "weekly-manager", "--format", "csv", "--out", s.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&s, args, env, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    assert_null(test_read_file(path, NULL)); /* --replay: not the user's store */

    struct world w;
    world_open(&w, NULL);
    write_file(w.conf, "[salesfinity]\nbase_url = http://127.0.0.1:1\n");
    char conf[1300];
    snprintf(conf, sizeof(conf), "%s", w.conf);
    const char *argv[] = {proc_outreport(), "--config", conf, "sync", "salesfinity.call-log", NULL};
    const char *env2[] = {env_xdg, "OUTREPORT_STORE=", "SALESFINITY_API_KEY=k", NULL};
    assert_int_equal(proc_run(argv, env2, 120, &r), 0);
    assert_int_equal(r.status, 3); /* nobody listens there */
    proc_result_free(&r);
    char *made = test_read_file(path, NULL);
    assert_non_null(made); /* but the default store was created */
    free(made);
    world_close(&w);
    samples_close(&s);
}

/* The sample recording holds a fortnight: the twelve-week trend of the
 * weekly report shows those two weeks with the same numbers as the week's
 * own figures, the ten others blank (never zero), and says so. */
static void
test_replayed_fortnight_gives_partial_trend(void **state)
{
    (void)state;
    struct samples s;
    samples_open(&s);
    const char *args[] = {"run", "weekly-manager", "--format", "csv,pdf", "--out", s.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&s, args, NULL, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char path[1200];
    snprintf(path, sizeof(path), "%s/weekly-manager-trend.csv", s.dir);
    char *trend = test_read_file(path, NULL);
    assert_non_null(trend);
    char **lines = g_strsplit(trend, "\r\n", -1);
    assert_string_equal(lines[0], "week,calls,connect_rate,meetings");
    assert_string_equal(lines[1], "2026-08-31,,,");
    assert_string_equal(lines[10], "2026-11-02,,,");
    assert_true(g_str_has_prefix(lines[11], "2026-11-09,1517,"));
    assert_true(g_str_has_prefix(lines[12], "2026-11-16,1483,"));
    assert_string_equal(lines[13], "");
    g_strfreev(lines);
    free(trend);
    /* the e-mails' weeks, in a table of their own (their scope follows the e-mails' split) */
    snprintf(path, sizeof(path), "%s/weekly-manager-trend-emails.csv", s.dir);
    trend = test_read_file(path, NULL);
    assert_non_null(trend);
    lines = g_strsplit(trend, "\r\n", -1);
    assert_string_equal(lines[0], "week,sent,replied,reply_rate");
    assert_string_equal(lines[1], "2026-08-31,,,");
    assert_true(g_str_has_prefix(lines[12], "2026-11-16,1251,"));
    assert_string_equal(lines[13], "");
    g_strfreev(lines);
    free(trend);
    /* the same week's calls as the report's own table */
    snprintf(path, sizeof(path), "%s/weekly-manager-reps.csv", s.dir);
    char *reps = test_read_file(path, NULL);
    int total = 0;
    char **rows = g_strsplit(reps, "\r\n", -1);
    for (int i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++) {
        char **f = g_strsplit(rows[i], ",", -1);
        total += (int)strtol(f[2], NULL, 10);
        g_strfreev(f);
    }
    assert_int_equal(total, 1483);
    g_strfreev(rows);
    free(reps);
    const char *pdf_argv[] = {"/usr/bin/pdftotext", "-layout", NULL, "-", NULL};
    snprintf(path, sizeof(path), "%s/weekly-manager.pdf", s.dir);
    pdf_argv[2] = path;
    assert_int_equal(proc_run(pdf_argv, NULL, 60, &r), 0);
    assert_non_null(strstr(r.out, "2 of 12 weeks of calls are complete in the store"));
    assert_non_null(strstr(r.out, "partial"));
    proc_result_free(&r);
    samples_close(&s);
}

/* The workbook's charts, as one text (python3's zipfile reads it). */
static char *
xlsx_charts(const char *path)
{
    const char *argv[] = {"/usr/bin/python3", "-c",
                          "import sys, zipfile\n"
                          "z = zipfile.ZipFile(sys.argv[1])\n"
                          "for n in sorted(z.namelist()):\n"
                          "    if n.startswith('xl/charts/'):\n"
                          "        print(n, z.read(n).decode())\n",
                          path, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    free(r.err);
    return r.out;
}

/* ABI 2.2 through the real renderers: the trend chart marks the report's
 * week, KPI tiles carry a sparkline of the last twelve weeks. */
static void
test_trend_chart_marks_current_week_and_kpis_have_sparklines(void **state)
{
    (void)state;
    struct samples s;
    samples_open(&s);
    const char *args[] = {"run", "weekly-manager", "--format", "xlsx", "--out", s.dir, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&s, args, NULL, 120, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    char path[1200];
    snprintf(path, sizeof(path), "%s/weekly-manager.xlsx", s.dir);
    char *charts = xlsx_charts(path);
    /* the twelfth week (index 11) is the marked point of the three trend charts' series */
    assert_int_equal(test_count_lines_with(charts, "<c:dPt><c:idx val=\"11\"/><c:marker>"), 3);
    /* sparklines of Calls, Connect rate and Meetings: their rows' twelve values */
    assert_non_null(strstr(charts, "Summary!$G$10:$R$10"));
    assert_non_null(strstr(charts, "Summary!$G$12:$R$12"));
    assert_non_null(strstr(charts, "Summary!$G$14:$R$14"));
    /* their values in the tiles' number formats (the host's formatter): the connect rate's a
     * percent, the others whole numbers; the trend charts read cells of those formats */
    assert_non_null(
        strstr(charts, "<c:numFmt formatCode=\"0.0&quot; &quot;%\" sourceLinked=\"0\"/>"));
    assert_int_equal(test_count_lines_with(charts, "formatCode=\"#,##0\" sourceLinked=\"0\""), 2);
    free(charts);
    /* a mark on a chart that is no trend is a template error */
    char tpl[1200];
    snprintf(tpl, sizeof(tpl), "%s/mark.json", s.dir);
    write_file(tpl, "{\"title\": \"M\", \"sources\": {\"calls\": {\"source\": "
                    "\"salesfinity.call-log\"}}, \"sections\": [{\"kind\": \"chart\", \"chart\": "
                    "\"line\", \"mark\": \"c\", \"sql\": \"SELECT 1 AS x, 2 AS y, 1 AS c\", "
                    "\"x\": \"x\", \"series\": [\"y\"]}]}");
    const char *argv[] = {proc_outreport(), "validate", tpl, NULL};
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "'mark' is for trend charts"));
    proc_result_free(&r);
    samples_close(&s);
}

/* --var fills {NAME} in source parameters and :NAME in SQL; an unknown one is refused. */
static void
test_vars_reach_sql_and_params(void **state)
{
    (void)state;
    struct world w;
    int line = 0;
    world_open(&w, NULL);
    char tpl[1300], out[1300], csv[1400];
    snprintf(tpl, sizeof(tpl), "%s/vars.json", w.dir);
    snprintf(out, sizeof(out), "%s/out", w.dir);
    snprintf(csv, sizeof(csv), "%s/vars-n.csv", out);
    write_file(tpl,
               "{\"title\": \"Vars\", \"vars\": {\"outcome\": \"answered\", \"min_s\": 0},"
               "\"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\", \"params\": "
               "{\"outcome\": \"{outcome}\"}}},\"sections\": [{\"kind\": \"table\", \"id\": "
               "\"n\", \"sql\": \"SELECT count(*) AS n, sum(outcome <> :outcome) AS other FROM "
               "calls WHERE duration_s >= :min_s\"}]}");
    const char *args[] = {"run",      tpl,       "--period", "2026-11-16..2026-11-22",
                          "--format", "csv",     "--out",    out,
                          "--store",  "none",    "--var",    "outcome=no-answer",
                          "--var",    "min_s=0", NULL};
    expect_ok(run_at(&w, "2026-12-01T08:00:00+01:00", args));
    char *log = test_read_file(w.log, NULL);
    assert_non_null(strstr(log, "filters[outcome]=no-answer"));
    free(log);
    char *n = test_read_file(csv, NULL);
    assert_non_null(n);
    assert_true(g_str_has_suffix(n, ",0\r\n")); /* only no-answer calls came, :outcome matched */
    assert_false(g_str_has_prefix(n, "n,other\r\n0,"));
    free(n);
    const char *bad[] = {"run", tpl, "--out", out, "--var", "outcom=x", NULL};
    struct proc_result r = run_at(&w, "2026-12-01T08:00:00+01:00", bad);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--var outcom=x: no such variable"));
    assert_non_null(strstr(r.err, "declares outcome, min_s"));
    proc_result_free(&r);
    g_free(call_ranges(&w, &line));
    world_close(&w);
}

/* quarterly-review over a replayed fortnight: the two recorded weeks per rep, the rest unknown.
 * The quarter before is not in the recording at all: that source fails (exit 3) and says
 * which periods the recording covers, instead of passing for a quarter without calls. */
static void
test_quarterly_review_week_by_week(void **state)
{
    (void)state;
    struct samples s;
    samples_open(&s);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          s.conf,
                          "run",
                          "quarterly-review",
                          "--replay",
                          s.rec,
                          "--period",
                          "2026-10-01..2026-12-31",
                          "--format",
                          "csv",
                          "--out",
                          s.dir,
                          NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 120, &r), 0);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "this run asked for 2026-07-01..2026-09-30"));
    proc_result_free(&r);
    char path[1200];
    snprintf(path, sizeof(path), "%s/manifest.json", s.dir);
    char *m = test_read_file(path, NULL);
    assert_non_null(m);
    assert_non_null(strstr(m,
                           "\"detail\": \"2026-07-01..2026-09-30: not in the recording (the "
                           "recording covers 2026-11-09..2026-11-15 and 2026-11-16..2026-11-22)"));
    assert_non_null(strstr(m, "\"status\": \"partial\"")); /* calls: two weeks of thirteen */
    free(m);
    snprintf(path, sizeof(path), "%s/quarterly-review-rep-weeks.csv", s.dir);
    char *t = test_read_file(path, NULL);
    assert_non_null(t);
    assert_int_equal(test_count_lines_with(t, ",2026-11-09,"), 12);
    assert_int_equal(test_count_lines_with(t, ",2026-11-16,"), 12);
    assert_int_equal(test_count_lines_with(t, ",2026-"), 24);
    free(t);
    samples_close(&s);
}

/* Rows a store held from an earlier sync are "as of" that sync: a run that
 * re-fetches only the days not settled says, for its counters, when its
 * oldest rows were read (fetched_at in --json, :fetched_at_ALIAS in SQL). */
static void
test_rows_from_an_earlier_sync_are_as_of_it(void **state)
{
    char url[256];
    struct world w;
    int line = 0;
    world_open(&w, store_for(state, url, sizeof(url)));
    const char *sync1[] = {"sync", "salesfinity.call-log", "--period", "2026-11-16..2026-11-22",
                           NULL};
    expect_ok(run_at(&w, "2026-11-23T08:00:00+01:00", sync1));
    g_free(call_ranges(&w, &line));
    char out[1300];
    snprintf(out, sizeof(out), "%s/asof", w.dir);
    const char *run[] = {"run",      w.tpl, "--period", "2026-11-16..2026-11-22",
                         "--format", "csv", "--out",    out,
                         "--json",   NULL};
    struct proc_result r = run_at(&w, "2026-11-24T08:00:00+01:00", run);
    assert_int_equal(r.status, 0);
    assert_ranges(&w, &line, "2026-11-19..2026-11-22\n"); /* 16-19 settled, kept */
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    json_t *src = json_array_get(
        json_object_get(
            json_object_get(json_array_get(json_object_get(root, "jobs"), 0), "manifest"),
            "sources"),
        0);
    assert_string_equal(json_string_value(json_object_get(src, "fetched_at")),
                        "2026-11-23T07:00:00+00:00");
    json_decref(root);
    proc_result_free(&r);
    world_close(&w);
}

/* `outreport plugins` with only test plugin @p name: it is refused with @p why. */
static void
expect_plugin_refused(const char *name, const char *why)
{
    char *dir = test_tmpdir();
    char so[1200], cmd[2600];
    snprintf(so, sizeof(so), "%s/tests/%s", getenv("OR_BUILD_ROOT"), name);
    snprintf(cmd, sizeof(cmd), "cp %s %s/", so, dir);
    assert_int_equal(system(cmd), 0);
    const char *argv[] = {proc_outreport(), "--plugin-dir", dir, "plugins", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_non_null(strstr(r.err, name));
    assert_non_null(strstr(r.err, why));
    assert_null(strstr(r.out, "badkeeping.calls"));
    proc_result_free(&r);
    test_rmtree(dir);
    free(dir);
}

/* Providers say how the store keeps their rows (ABI 2.2); a declaration
 * naming a day column that is not a time is refused when loading. */
static void
test_bad_keeping_declaration_refused(void **state)
{
    (void)state;
    expect_plugin_refused("bad_keeping.so",
                          "endpoint calls: keeping records needs record_day, a time column");
}

/* What is cumulative and how the store keeps it are one statement: records
 * that say they are all-time totals (snapshots) are refused when loading. */
static void
test_cumulative_disagreeing_with_keeping_refused(void **state)
{
    (void)state;
    expect_plugin_refused("bad_cumulative.so", "endpoint calls: all-time totals (cumulative) are "
                                               "kept as snapshots (OR_KEEP_SNAPSHOT), not as "
                                               "records");
}

/* The store's behaviour through the binary, on SQLite and on PostgreSQL. */
#define BOTH(f)                                                                                    \
    cmocka_unit_test_prestate(f, (void *)"sqlite"),                                                \
        cmocka_unit_test_prestate(f, (void *)"postgresql")

int
main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(test_sync_requests_only_missing_days),
        BOTH(test_refetch_keeps_newest_version),
        BOTH(test_email_counters_dated_by_sync),
        cmocka_unit_test(test_two_syncs_at_once_sqlite),
        cmocka_unit_test(test_two_syncs_at_once_postgresql),
        cmocka_unit_test(test_second_machine_reads_postgresql),
        cmocka_unit_test(test_damaged_store_is_an_error),
        cmocka_unit_test(test_default_store_location),
        cmocka_unit_test(test_replayed_fortnight_gives_partial_trend),
        cmocka_unit_test(test_vars_reach_sql_and_params),
        cmocka_unit_test(test_quarterly_review_week_by_week),
        cmocka_unit_test(test_bad_keeping_declaration_refused),
        cmocka_unit_test(test_cumulative_disagreeing_with_keeping_refused),
        BOTH(test_rows_from_an_earlier_sync_are_as_of_it),
        cmocka_unit_test(test_trend_chart_marks_current_week_and_kpis_have_sparklines),
    };
    return cmocka_run_group_tests(tests, pgtest_group_setup, pgtest_group_teardown);
}
