/* SPDX-License-Identifier: MIT */
/*
 * Delivery and automation through the real binary: batch runs share fetches
 * and survive a broken job, --split-by gives one correct document per rep,
 * the HTTP cache serves within its TTL and refetches after, --json tells a
 * script what happened, --dry-run sends nothing, and mail reaches a real SMTP
 * server on loopback with byte-identical attachments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "proc.h"
#include "report/split.h"
#include "smtp_sink.h"

static char *
src_path(const char *rel)
{
    const char *root = getenv("OR_SOURCE_ROOT");
    return g_build_filename(root ? root : ".", rel, NULL);
}

static void
run(const char *const *argv, const char *const *env, struct proc_result *r)
{
    assert_int_equal(proc_run(argv, env, 180, r), 0);
}

/* A mock server and a config pointing every vendor at it. */
struct live {
    struct mockapi mock;
    char *dir;
    char conf[600];
};

static void
live_start(struct live *L, const char *extra_conf)
{
    const char *args[] = {"--calls", "600", "--emails", "300", NULL};
    assert_int_equal(mockapi_start(&L->mock, args), 0);
    L->dir = test_tmpdir();
    snprintf(L->conf, sizeof(L->conf), "%s/outreport.conf", L->dir);
    FILE *f = fopen(L->conf, "w");
    fprintf(f,
            "[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n[saleshandy]\nbase_url = %s\n"
            "[unpod]\nbase_url = %s\norg_handle = acme.example\n"
            "space_tokens = SPACE1NORTHTEAM00000000A,SPACE2SOUTHTEAM00000000B\n"
            "[http]\nretries = 1\nbackoff_ms = 10\n%s",
            L->mock.base, L->mock.base, L->mock.base, extra_conf ? extra_conf : "");
    fclose(f);
}

static void
live_stop(struct live *L)
{
    mockapi_stop(&L->mock);
    test_rmtree(L->dir);
    free(L->dir);
}

static const char *const keys_env[] = {"SALESFINITY_API_KEY=test-sf-key",
                                       "SALESHANDY_API_KEY=test-sh-key",
                                       "UNPOD_TOKEN=test-unpod-token", NULL};

static int
file_exists(const char *dir, const char *name)
{
    char *p = g_build_filename(dir, name, NULL);
    struct stat sb;
    int ok = stat(p, &sb) == 0 && sb.st_size > 0;
    g_free(p);
    return ok;
}

/* A template over the call log whose only section names a column that does
 * not exist: it fails when its SQL is checked.  Returns its path (g_free). */
static char *
write_broken_template(const char *dir)
{
    char *path = g_build_filename(dir, "broken.json", NULL);
    assert_true(g_file_set_contents(
        path,
        "{\"title\": \"b\", \"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}},"
        " \"sections\": [{\"kind\": \"table\", \"sql\": \"SELECT nonexistent FROM calls\"}]}",
        -1, NULL));
    return path;
}

static void
batch_shares_fetches_and_a_broken_job_does_not_stop_the_others(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL);

    /* What one job costs alone. */
    char *solo = g_build_filename(L.dir, "solo", NULL);
    const char *argv1[] = {proc_outreport(),
                           "--config",
                           L.conf,
                           "run",
                           "weekly-manager",
                           "--period",
                           "2026-11-09..2026-11-15",
                           "--format",
                           "csv",
                           "--out",
                           solo,
                           NULL};
    run(argv1, keys_env, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    long one_job = mockapi_requests(&L.mock);
    assert_true(one_job > 0);

    /* Three jobs over the same sources and period, one broken. */
    char *bad_tpl = write_broken_template(L.dir);
    char *jobs = g_build_filename(L.dir, "jobs.ini", NULL);
    char *text = g_strdup_printf("[defaults]\nperiod = 2026-11-09..2026-11-15\nformats = csv\n\n"
                                 "[weekly]\ntemplate = weekly-manager\n\n"
                                 "[again]\ntemplate = weekly-manager\n\n"
                                 "[broken]\ntemplate = %s\n",
                                 bad_tpl);
    assert_true(g_file_set_contents(jobs, text, -1, NULL));
    char *out = g_build_filename(L.dir, "batch", NULL);
    const char *argv2[] = {proc_outreport(), "--config", L.conf,   "batch", jobs,
                           "--out",          out,        "--json", NULL};
    run(argv2, keys_env, &r);
    assert_int_equal(r.status, 3);
    /* fetched once, shared: no more requests than one job alone */
    assert_int_equal(mockapi_requests(&L.mock) - one_job, one_job);
    char *weekly = g_build_filename(out, "weekly", NULL);
    char *again = g_build_filename(out, "again", NULL);
    assert_true(file_exists(weekly, "weekly-manager-reps.csv"));
    assert_true(file_exists(again, "weekly-manager-reps.csv"));
    assert_non_null(strstr(r.out, "\"jobs_failed\": 1"));
    assert_non_null(strstr(r.out, "\"job\": \"broken\""));
    assert_non_null(strstr(r.err, "job broken"));
    assert_non_null(strstr(r.err, "no such column: nonexistent"));
    /* found while fetching, reported once: the job is not run again */
    assert_int_equal(test_count_lines_with(r.err, "no such column: nonexistent"), 1);
    /* identical inputs give identical files */
    char *a = g_build_filename(weekly, "weekly-manager-reps.csv", NULL);
    char *b = g_build_filename(again, "weekly-manager-reps.csv", NULL);
    size_t la, lb;
    char *ta = test_read_file(a, &la), *tb = test_read_file(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(ta, tb, la);
    free(ta);
    free(tb);
    g_free(a);
    g_free(b);
    proc_result_free(&r);
    g_free(weekly);
    g_free(again);
    g_free(out);
    g_free(jobs);
    g_free(text);
    g_free(bad_tpl);
    g_free(solo);
    live_stop(&L);
}

/* A source is fetched and parsed once however many jobs read it: two jobs of
 * the same week share both call-log fetches (this week, previous week), and a
 * job of the previous week reuses that one as its own week.  Each fetch says
 * so once on -v; jobs copy the data, they do not fetch or parse it again. */
static void
batch_fetches_each_distinct_source_once_and_shares_it_as_data(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, NULL);
    char *jobs = g_build_filename(L.dir, "jobs.ini", NULL);
    assert_true(g_file_set_contents(jobs,
                                    "[defaults]\nformats = csv\ntemplate = weekly-manager\n"
                                    "[weekly]\nperiod = 2026-11-09..2026-11-15\n"
                                    "[again]\nperiod = 2026-11-09..2026-11-15\n"
                                    "[before]\nperiod = 2026-11-02..2026-11-08\n",
                                    -1, NULL));
    char *out = g_build_filename(L.dir, "batch", NULL);
    const char *argv[] = {proc_outreport(), "--config", L.conf, "-v", "batch", jobs,
                          "--out",          out,        NULL};
    run(argv, keys_env, &r);
    assert_int_equal(r.status, 0);
    /* weeks 11-09 (weekly, again; before's previous) and 11-02 (before) and 10-26
     * (before's previous), and the twelve weeks up to 11-15 (weekly, again) and
     * up to 11-08 (before): five call-log fetches, not ten or more */
    assert_int_equal(test_count_lines_with(r.err, "(salesfinity.call-log): "), 5);
    assert_int_equal(test_count_lines_with(r.err, "(saleshandy.consolidated-stats): "), 4);
    /* the shared week has the same rows in every job that reads it */
    const char *const names[] = {"weekly", "again", "before"};
    for (size_t i = 0; i < 3; i++) {
        char *m = g_build_filename(out, names[i], "manifest.json", NULL);
        char *text = test_read_file(m, NULL);
        assert_non_null(text);
        assert_non_null(strstr(text, "\"status\": \"ok\""));
        free(text);
        g_free(m);
    }
    char *a = g_build_filename(out, "weekly", "weekly-manager-reps.csv", NULL);
    char *b = g_build_filename(out, "again", "weekly-manager-reps.csv", NULL);
    char *ta = test_read_file(a, NULL), *tb = test_read_file(b, NULL);
    assert_string_equal(ta, tb);
    free(ta);
    free(tb);
    g_free(a);
    g_free(b);
    proc_result_free(&r);
    g_free(out);
    g_free(jobs);
    live_stop(&L);
}

/* Each job's summary comes back from its process in memory: a job whose
 * manifest.json cannot be written (a folder is in the way) still reports what
 * it wrote, and fails by that error. */
static void
batch_gets_each_jobs_summary_in_memory_not_from_its_manifest_file(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *jobs = g_build_filename(S.dir, "jobs.ini", NULL);
    assert_true(g_file_set_contents(jobs,
                                    "[defaults]\nperiod = 2026-11-16..2026-11-22\nformats = csv\n"
                                    "[lists]\ntemplate = list-performance\n",
                                    -1, NULL));
    char *blocked = g_build_filename(S.dir, "lists", "manifest.json", NULL);
    assert_int_equal(g_mkdir_with_parents(blocked, 0700), 0);
    const char *argv[] = {proc_outreport(), "--config", S.conf,   "batch", jobs, "--replay", S.rec,
                          "--out",          S.dir,      "--json", NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    assert_int_equal(r.status, 3);
    json_error_t jerr;
    json_t *root = json_loads(r.out, 0, &jerr);
    assert_non_null(root);
    json_t *job = json_array_get(json_object_get(root, "jobs"), 0);
    assert_int_equal(json_integer_value(json_object_get(job, "exit_code")), 1);
    json_t *manifest = json_object_get(job, "manifest");
    assert_true(json_is_object(manifest));
    assert_string_equal(json_string_value(json_object_get(manifest, "status")), "ok");
    json_t *file = json_array_get(json_object_get(manifest, "files"), 0);
    assert_non_null(
        strstr(json_string_value(json_object_get(file, "path")), "list-performance-lists.csv"));
    assert_int_equal(json_string_length(json_object_get(file, "sha256")), 64);
    assert_non_null(strstr(r.err, "manifest.json"));
    json_decref(root);
    proc_result_free(&r);
    g_free(blocked);
    g_free(jobs);
    samples_close(&S);
}

static void
batch_rejects_a_jobs_file_with_unknown_keys(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *jobs = g_build_filename(dir, "jobs.ini", NULL);
    assert_true(
        g_file_set_contents(jobs, "[weekly]\ntemplate = weekly-manager\nperiode = x\n", -1, NULL));
    const char *argv[] = {proc_outreport(), "batch", jobs, NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "[weekly] periode: unknown key"));
    proc_result_free(&r);
    g_free(jobs);
    test_rmtree(dir);
    free(dir);
}

/* The file of split @p value whose name ends in @p suffix, in manifest.json. */
static const char *
split_file(json_t *manifest, const char *value, const char *suffix)
{
    size_t i, k;
    json_t *sp, *f;
    json_array_foreach(json_object_get(manifest, "splits"), i, sp)
    {
        if (strcmp(json_string_value(json_object_get(sp, "value")), value) != 0) {
            continue;
        }
        json_array_foreach(json_object_get(sp, "files"), k, f)
        {
            if (g_str_has_suffix(json_string_value(f), suffix)) {
                return json_string_value(f);
            }
        }
    }
    return NULL;
}

static void
split_by_rep_gives_one_correct_document_per_rep_plus_rollup(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *args[] = {"run",        "weekly-manager",         "--format", "csv",
                          "--split-by", "rep_email,sender_email", "--out",    S.dir,
                          NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 180, &r), 0);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    /* The roll-up lists every rep; each rep's own file lists only that rep,
     * with the same numbers as the rep's row in the roll-up.  manifest.json
     * says which files are whose. */
    char *rollup = g_build_filename(S.dir, "weekly-manager-reps.csv", NULL);
    char *all = test_read_file(rollup, NULL);
    assert_non_null(all);
    char *mpath = g_build_filename(S.dir, "manifest.json", NULL);
    json_t *manifest = json_load_file(mpath, 0, NULL);
    assert_non_null(manifest);
    int reps = 0;
    char **lines = g_strsplit(all, "\r\n", -1);
    for (char **l = lines + 1; *l != NULL && **l != '\0'; l++) {
        char **f = g_strsplit(*l, ",", -1);
        const char *email = f[1];
        const char *path = split_file(manifest, email, "-reps.csv");
        const char *seq_path = split_file(manifest, email, "-sequences.csv");
        /* named after the person, as the cover is (ハルト 田中 by the address) */
        char *base = path != NULL ? g_path_get_basename(path) : NULL;
        assert_non_null(base);
        char *slug = or_split_slug(f[0]);
        if (strcmp(slug, "value") == 0) {
            g_free(slug);
            slug = or_split_slug(email);
        }
        char *want = g_strdup_printf("weekly-manager-%s-reps.csv", slug);
        assert_string_equal(base, want);
        char *mine = test_read_file(path, NULL);
        assert_non_null(mine);
        char **ml = g_strsplit(mine, "\r\n", -1);
        assert_string_equal(ml[1], *l);                 /* the same row, and ... */
        assert_true(ml[2] == NULL || ml[2][0] == '\0'); /* ... nothing else */
        /* e-mails were filtered by sender_email with the same value */
        assert_non_null(seq_path);
        char *seq = test_read_file(seq_path, NULL);
        assert_non_null(seq);
        free(seq);
        g_strfreev(ml);
        free(mine);
        g_free(want);
        g_free(slug);
        g_free(base);
        g_strfreev(f);
        reps++;
    }
    assert_int_equal(reps, 12);
    json_decref(manifest);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(strstr(m, "\"split_by\": \"rep_email,sender_email\""));
    assert_non_null(strstr(m, "\"value\": \"zoe.mueller@acme-sales.example\""));
    free(m);
    g_free(mpath);
    g_strfreev(lines);
    free(all);
    g_free(rollup);
    samples_close(&S);
}

static void
cache_serves_within_ttl_and_refetches_after(void **state)
{
    (void)state;
    struct live L;
    struct proc_result r;
    live_start(&L, "cache_ttl_s = 2\n");
    char *cache_env = g_strdup_printf("XDG_CACHE_HOME=%s/cache", L.dir);
    const char *env[] = {"SALESFINITY_API_KEY=test-sf-key", "OUTREPORT_NO_CACHE=", cache_env, NULL};
    char *out = g_build_filename(L.dir, "calls.csv", NULL);
    const char *argv[] = {
        proc_outreport(),         "--config", L.conf, "fetch", "salesfinity.call-log", "--period",
        "2026-11-09..2026-11-15", "-o",       out,    NULL};
    run(argv, env, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    long first = mockapi_requests(&L.mock);
    assert_true(first > 0);
    run(argv, env, &r); /* within the TTL: no request at all */
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    assert_int_equal(mockapi_requests(&L.mock), first);
    const char *nocache[] = {proc_outreport(),
                             "--config",
                             L.conf,
                             "fetch",
                             "salesfinity.call-log",
                             "--period",
                             "2026-11-09..2026-11-15",
                             "-o",
                             out,
                             "--no-cache",
                             NULL};
    run(nocache, env, &r); /* --no-cache goes to the server */
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    assert_int_equal(mockapi_requests(&L.mock), 2 * first);
    sleep(3); /* past the TTL: fetched again */
    run(argv, env, &r);
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    assert_int_equal(mockapi_requests(&L.mock), 3 * first);
    /* the cache folder is private */
    char *cdir = g_strdup_printf("%s/cache/outreport/http", L.dir);
    struct stat sb;
    assert_int_equal(stat(cdir, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0700);
    g_free(cdir);
    g_free(out);
    g_free(cache_env);
    live_stop(&L);
}

static void
json_summary_tells_scripts_files_sources_and_exit_code(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *args[] = {"run", "list-performance", "--format", "csv", "--out",
                          S.dir, "--json",           NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 180, &r), 0);
    assert_int_equal(r.status, 0);
    char *js = g_build_filename(S.dir, "summary.json", NULL);
    assert_true(g_file_set_contents(js, r.out, -1, NULL));
    char *script = g_strdup_printf(
        "import json,hashlib,sys\n"
        "s=json.load(open(sys.argv[1]))\n"
        "assert s['exit_code']==0 and s['status']=='ok', s\n"
        "job=s['jobs'][0]['manifest']\n"
        "assert job['sources'][0]['status']=='ok' and job['sources'][0]['rows']>0\n"
        "assert job['files'], job\n"
        "for f in job['files']:\n"
        "    d=open(f['path'],'rb').read()\n"
        "    assert len(d)==f['bytes'] and hashlib.sha256(d).hexdigest()==f['sha256'], f\n"
        "print('ok', len(job['files']))\n");
    const char *py[] = {"/usr/bin/python3", "-c", script, js, NULL};
    proc_result_free(&r);
    run(py, NULL, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
    }
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "ok 2")); /* the lists, and the lists from the call log */
    proc_result_free(&r);
    g_free(script);
    g_free(js);
    samples_close(&S);
}

/* With one source there is no UNION to drop repeated values: still one
 * document set per rep, not one per call. */
static void
split_of_a_single_source_template_gives_one_set_per_value_not_per_row(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *tpl = g_build_filename(S.dir, "calls-only.json", NULL);
    char *out = g_build_filename(S.dir, "out", NULL);
    assert_true(g_file_set_contents(
        tpl,
        "{\"title\": \"Calls\", \"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}},\n"
        " \"sections\": [{\"kind\": \"table\", \"id\": \"reps\", \"title\": \"Reps\",\n"
        "   \"sql\": \"SELECT rep_email, count(*) AS calls FROM calls GROUP BY 1\"}]}\n",
        -1, NULL));
    const char *args[] = {"run",        tpl,         "--format",  "csv",         "--out",     out,
                          "--split-by", "rep_email", "--mail-to", "{rep_email}", "--dry-run", NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 180, &r), 0);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines_with(r.err, "would mail"), 12);
    assert_int_equal(test_count_lines_with(r.err, "would mail zoe.mueller@acme-sales.example"), 1);
    proc_result_free(&r);
    g_free(tpl);
    g_free(out);
    samples_close(&S);
}

static void
dry_run_writes_files_prints_recipients_and_sends_nothing(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *args[] = {
        "run",       "weekly-manager", "--format",  "csv",       "--out",
        S.dir,       "--split-by",     "rep_email", "--mail-to", "boss@acme.example",
        "--mail-to", "{rep_email}",    "--dry-run", NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 180, &r), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "would mail boss@acme.example"));
    assert_non_null(strstr(r.err, "would mail zoe.mueller@acme-sales.example"));
    assert_int_equal(test_count_lines_with(r.err, "would mail"), 13);
    assert_true(file_exists(S.dir, "weekly-manager-reps.csv"));
    char *mpath = g_build_filename(S.dir, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(strstr(m, "\"status\": \"dry-run\""));
    assert_null(strstr(m, "\"status\": \"sent\""));
    free(m);
    g_free(mpath);
    proc_result_free(&r);
    samples_close(&S);
}

static void
batch_mails_command_line_recipients_every_job_besides_its_own(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *jobs = g_build_filename(S.dir, "jobs.ini", NULL);
    assert_true(g_file_set_contents(jobs,
                                    "[defaults]\nperiod = 2026-11-16..2026-11-22\nformats = csv\n"
                                    "[weekly]\ntemplate = weekly-manager\n"
                                    "mail_to = sales.lead@acme.example\n"
                                    "[lists]\ntemplate = list-performance\n",
                                    -1, NULL));
    const char *argv[] = {proc_outreport(),
                          "--config",
                          S.conf,
                          "batch",
                          jobs,
                          "--replay",
                          S.rec,
                          "--out",
                          S.dir,
                          "--mail-to",
                          "revops@acme.example",
                          "--dry-run",
                          NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    assert_int_equal(r.status, 0);
    /* both jobs reach the command line's recipient, only one its own */
    assert_int_equal(test_count_lines_with(r.err, "would mail"), 2);
    assert_int_equal(test_count_lines_with(r.err, "revops@acme.example"), 2);
    assert_int_equal(test_count_lines_with(r.err, "sales.lead@acme.example"), 1);
    assert_string_equal(r.out, ""); /* stdout is for --json alone */
    proc_result_free(&r);
    g_free(jobs);
    samples_close(&S);
}

static void
batch_jobs_share_the_cores_instead_of_each_taking_all(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *jobs = g_build_filename(S.dir, "jobs.ini", NULL);
    assert_true(g_file_set_contents(jobs,
                                    "[defaults]\nperiod = 2026-11-16..2026-11-22\nformats = csv\n"
                                    "[weekly]\ntemplate = weekly-manager\n"
                                    "[scorecard]\ntemplate = rep-scorecard\n",
                                    -1, NULL));
    const char *argv[] = {proc_outreport(), "--config", S.conf,  "-vv", "batch", jobs,
                          "--replay",       S.rec,      "--out", S.dir, NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    assert_int_equal(r.status, 0);
    /* Two processes at once on a 2-core machine: one thread each, not two each. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    long per_job = cores / (cores < 2 ? cores : 2);
    if (per_job > 4) {
        per_job = 4; /* documents never render on more threads than that */
    }
    per_job = per_job < 1 ? 1 : per_job;
    assert_int_equal(test_count_lines_with(r.err, "debug: rendering "), 2);
    for (const char *p = strstr(r.err, "debug: rendering "); p != NULL;
         p = strstr(p + 1, "debug: rendering ")) {
        long docs = 0, threads = 0;
        assert_int_equal(
            sscanf(p, "debug: rendering %ld document(s) on %ld thread(s)", &docs, &threads), 2);
        assert_int_equal(threads, docs < per_job ? docs : per_job);
    }
    proc_result_free(&r);
    g_free(jobs);
    samples_close(&S);
}

/* The summary line of a job stopped by its template says nothing was written,
 * rather than pointing at an empty folder. */
static void
batch_job_with_a_template_error_says_nothing_was_written(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    char *tpl = write_broken_template(S.dir);
    char *jobs = g_build_filename(S.dir, "jobs.ini", NULL);
    char *text = g_strdup_printf("[defaults]\nperiod = 2026-11-16..2026-11-22\nformats = csv\n"
                                 "[lists]\ntemplate = list-performance\n"
                                 "[broken]\ntemplate = %s\n",
                                 tpl);
    assert_true(g_file_set_contents(jobs, text, -1, NULL));
    const char *argv[] = {proc_outreport(), "--config", S.conf,  "batch", jobs,
                          "--replay",       S.rec,      "--out", S.dir,   NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "job broken: FAILED (exit 2), nothing written\n"));
    assert_non_null(strstr(r.err, "job lists: ok (exit 0), documents in "));
    proc_result_free(&r);
    g_free(text);
    g_free(jobs);
    g_free(tpl);
    samples_close(&S);
}

static void
options_a_command_does_not_take_are_refused_not_ignored(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *out = g_build_filename(dir, "week.pdf", NULL);
    struct proc_result r;
    /* run writes to --out DIR; -o would have been dropped with exit 0 */
    const char *run_o[] = {proc_outreport(), "run", "weekly-manager", "-o", out, NULL};
    run(run_o, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "run does not take -o/--output; documents go to --out DIR"));
    proc_result_free(&r);
    const char *fetch_fmt[] = {
        proc_outreport(), "fetch", "salesfinity.call-log", "-o", out, "--format", "pdf", NULL};
    run(fetch_fmt, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "fetch does not take --format"));
    proc_result_free(&r);
    const char *run_param[] = {proc_outreport(), "batch", "jobs.ini", "--param", "a=b", NULL};
    run(run_param, NULL, &r);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "batch does not take --param"));
    proc_result_free(&r);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    g_free(out);
    test_rmtree(dir);
    free(dir);
}

/* SHA-256 of a file, hex. */
static char *
file_sha256(const char *path)
{
    gchar *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(path, &data, &len, NULL));
    char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    g_free(data);
    return sum;
}

static void
mail_reaches_a_real_smtp_server_with_identical_attachments(void **state)
{
    (void)state;
    struct sink sk;
    sink_start(&sk, NULL);
    char *dir = test_tmpdir();
    char *samples = src_path("samples/outreport.conf");
    char *rec = src_path("samples/recording");
    gchar *base = NULL;
    assert_true(g_file_get_contents(samples, &base, NULL, NULL));
    char *conf_text =
        g_strdup_printf("%s\n[smtp]\nurl = %s\nfrom = Reports <reports@acme.example>\n"
                        "retries = 1\n",
                        base, sk.url);
    char *conf = g_build_filename(dir, "outreport.conf", NULL);
    assert_true(g_file_set_contents(conf, conf_text, -1, NULL));
    char *out = g_build_filename(dir, "out", NULL);
    const char *argv[] = {proc_outreport(),
                          "--config",
                          conf,
                          "run",
                          "list-performance",
                          "--replay",
                          rec,
                          "--period",
                          "2026-11-16..2026-11-22",
                          "--format",
                          "pdf,xlsx",
                          "--out",
                          out,
                          "--mail-to",
                          "boss@acme.example",
                          "--mail-cc",
                          "ops@acme.example",
                          "--mail-subject",
                          "Lists: {title}, {period}",
                          NULL};
    struct proc_result r;
    run(argv, NULL, &r);
    if (r.status != 0) {
        fprintf(stderr, "%s", r.err);
    }
    assert_int_equal(r.status, 0);
    proc_result_free(&r);
    assert_int_equal(sink_stat(&sk, "delivered"), 1);

    json_t *env = sink_envelope(&sk, 1);
    char *env_text = json_dumps(env, 0);
    assert_non_null(strstr(env_text, "boss@acme.example"));
    assert_non_null(strstr(env_text, "ops@acme.example"));
    free(env_text);
    json_decref(env);

    json_t *msg = sink_parsed(&sk, 1);
    assert_string_equal(json_string_value(json_object_get(msg, "subject")),
                        "Lists: Contact list performance, 16–22 Nov 2026");
    const char *want[] = {"list-performance.pdf", "list-performance.xlsx"};
    const char *types[] = {"application/pdf",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
    for (size_t w = 0; w < 2; w++) {
        char *path = g_build_filename(out, want[w], NULL);
        char *sum = file_sha256(path);
        int found = 0;
        size_t i;
        json_t *part;
        json_array_foreach(json_object_get(msg, "parts"), i, part)
        {
            const char *fn = json_string_value(json_object_get(part, "filename"));
            if (fn != NULL && strcmp(fn, want[w]) == 0) {
                found = 1;
                assert_string_equal(json_string_value(json_object_get(part, "sha256")), sum);
                assert_string_equal(json_string_value(json_object_get(part, "content_type")),
                                    types[w]);
            }
        }
        assert_true(found);
        g_free(sum);
        g_free(path);
    }
    /* the body summarises the KPIs */
    char *dump = json_dumps(msg, 0);
    assert_non_null(strstr(dump, "Meetings set"));
    assert_non_null(strstr(dump, "text/html"));
    free(dump);
    json_decref(msg);
    char *mpath = g_build_filename(out, "manifest.json", NULL);
    char *m = test_read_file(mpath, NULL);
    assert_non_null(strstr(m, "\"status\": \"sent\""));
    free(m);
    g_free(mpath);
    sink_stop(&sk);
    g_free(out);
    g_free(conf);
    g_free(conf_text);
    g_free(base);
    g_free(samples);
    g_free(rec);
    test_rmtree(dir);
    free(dir);
}

static void
mail_config_errors_are_found_before_fetching(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *args[] = {"run",       "list-performance",
                          "--format",  "csv",
                          "--out",     "/tmp/outreport-never-written",
                          "--mail-to", "boss@acme.example",
                          NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 180, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "[smtp] url"));
    struct stat sb;
    assert_int_not_equal(stat("/tmp/outreport-never-written", &sb), 0);
    proc_result_free(&r);
    samples_close(&S);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(batch_shares_fetches_and_a_broken_job_does_not_stop_the_others),
        cmocka_unit_test(batch_fetches_each_distinct_source_once_and_shares_it_as_data),
        cmocka_unit_test(batch_gets_each_jobs_summary_in_memory_not_from_its_manifest_file),
        cmocka_unit_test(batch_rejects_a_jobs_file_with_unknown_keys),
        cmocka_unit_test(split_by_rep_gives_one_correct_document_per_rep_plus_rollup),
        cmocka_unit_test(split_of_a_single_source_template_gives_one_set_per_value_not_per_row),
        cmocka_unit_test(cache_serves_within_ttl_and_refetches_after),
        cmocka_unit_test(json_summary_tells_scripts_files_sources_and_exit_code),
        cmocka_unit_test(dry_run_writes_files_prints_recipients_and_sends_nothing),
        cmocka_unit_test(batch_mails_command_line_recipients_every_job_besides_its_own),
        cmocka_unit_test(batch_jobs_share_the_cores_instead_of_each_taking_all),
        cmocka_unit_test(batch_job_with_a_template_error_says_nothing_was_written),
        cmocka_unit_test(options_a_command_does_not_take_are_refused_not_ignored),
        cmocka_unit_test_teardown(mail_reaches_a_real_smtp_server_with_identical_attachments,
                                  stop_sinks),
        cmocka_unit_test(mail_config_errors_are_found_before_fetching),
    };
    return cmocka_run_group_tests_name("delivery", tests, NULL, NULL);
}
