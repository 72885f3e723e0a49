/* SPDX-License-Identifier: MIT */
/*
 * Running unattended, through the real binary: a service user whose $HOME
 * is /nonexistent (no cache or store folder can be made) still gets its
 * report; --out and a job's `out =` name the folder after the period
 * reported; the system configuration file is read beneath the user's, and
 * `config --show` says where each value came from without a secret.
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
#include <unistd.h>

#include "proc.h"

static void
write_file(const char *path, const char *text)
{
    g_autofree char *dir = g_path_get_dirname(path);
    assert_int_equal(g_mkdir_with_parents(dir, 0700), 0);
    assert_true(g_file_set_contents(path, text, -1, NULL));
}

static int
exists(const char *dir, const char *name)
{
    g_autofree char *p = g_build_filename(dir, name, NULL);
    return g_file_test(p, G_FILE_TEST_EXISTS);
}

/* outreport ARGS with @p env; fails the test when it does not end. */
static struct proc_result
run(const char *const *args, const char *const *env)
{
    const char *argv[48] = {proc_outreport()};
    size_t n = 1;
    for (size_t i = 0; args[i] != NULL && n < 46; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 120, &r), 0);
    return r;
}

static void
expect_status(struct proc_result *r, int want)
{
    if (r->status != want) {
        fail_msg("exit %d (want %d): %s", r->status, want, r->err);
    }
}

/* A live run against the mock API server, as a service user whose cache
 * and data folders cannot be created (below a regular file: root may
 * create /nonexistent, nobody can create a folder inside a file). */
static void
unusable_cache_and_default_store_folders_are_warnings_not_failures(void **state)
{
    (void)state;
    struct mockapi m;
    const char *margs[] = {"--start", "2026-10-05", "--days",           "56", "--calls",
                           "400",     "--sf-key",   "sf-credential-77", NULL};
    assert_int_equal(mockapi_start(&m, margs), 0);
    g_autofree char *dir = test_tmpdir();
    g_autofree char *conf = g_build_filename(dir, "outreport.conf", NULL);
    g_autofree char *tpl = g_build_filename(dir, "days.json", NULL);
    g_autofree char *file = g_build_filename(dir, "home-is-a-file", NULL);
    g_autofree char *out = g_build_filename(dir, "out", NULL);
    g_autofree char *text = g_strdup_printf("[report]\ntimezone = Europe/Berlin\n[salesfinity]\n"
                                            "base_url = %s\napi_key_env = SALESFINITY_API_KEY\n",
                                            m.base);
    write_file(conf, text);
    write_file(file, "not a folder\n");
    write_file(tpl, "{\"title\": \"Days\", \"sources\": {\"calls\": {\"source\": "
                    "\"salesfinity.call-log\"}},\n\"sections\": [{\"kind\": \"table\", \"id\": "
                    "\"days\", \"sql\": \"SELECT local_date(started_at) AS day, count(*) AS calls "
                    "FROM calls GROUP BY 1 ORDER BY 1\"}]}\n");
    /* The API key as systemd's LoadCredential= hands it over: a file named
     * after the variable, with a line break, and no such variable set. */
    g_autofree char *creds = g_build_filename(dir, "credentials", NULL);
    g_autofree char *cred = g_build_filename(creds, "SALESFINITY_API_KEY", NULL);
    write_file(cred, "sf-credential-77\n");
    g_autofree char *creds_env = g_strdup_printf("CREDENTIALS_DIRECTORY=%s", creds);
    g_autofree char *cache_env = g_strdup_printf("XDG_CACHE_HOME=%s/cache", file);
    g_autofree char *data_env = g_strdup_printf("XDG_DATA_HOME=%s/data", file);
    const char *env[] = {cache_env,
                         data_env,
                         "OUTREPORT_STORE=",
                         "OUTREPORT_NO_CACHE=0",
                         creds_env,
                         "SALESFINITY_API_KEY=",
                         NULL};

    const char *args[] = {"--config", conf,  "run",   tpl, "--period", "2026-11-16..2026-11-22",
                          "--format", "csv", "--out", out, NULL};
    struct proc_result r = run(args, env);
    expect_status(&r, 0);
    assert_non_null(strstr(r.err, "this run goes without the HTTP cache"));
    assert_non_null(strstr(r.err, "this run keeps no history"));
    assert_true(exists(out, "days-days.csv"));
    assert_true(exists(out, "manifest.json"));
    assert_null(strstr(r.err, "sf-credential-77"));
    proc_result_free(&r);

    /* sync has nothing to do without a store: it says which one and why. */
    const char *sync[] = {"--config", conf, "sync", "salesfinity.call-log", NULL};
    r = run(sync, env);
    expect_status(&r, 2);
    assert_non_null(strstr(r.err, "the default one cannot be created"));
    proc_result_free(&r);

    /* A store the user named is never quietly dropped. */
    g_autofree char *named = g_strdup_printf("sqlite:%s/store/store.sqlite", file);
    const char *named_args[] = {
        "--config", conf, "run",     tpl,   "--period", "2026-11-16..2026-11-22", "--format", "csv",
        "--out",    out,  "--store", named, NULL};
    r = run(named_args, env);
    assert_int_not_equal(r.status, 0);
    assert_non_null(strstr(r.err, "cannot create its folder"));
    proc_result_free(&r);

    mockapi_stop(&m);
    test_rmtree(dir);
}

/* The sample recording through `run` and `batch`: each run writes to the
 * folder of the week it reports on. */
static void
out_placeholders_name_the_folder_after_the_period_reported(void **state)
{
    (void)state;
    struct samples s;
    samples_open(&s);
    g_autofree char *pattern = g_strdup_printf("%s/{template}/{iso_week}", s.dir);
    const char *args[] = {"run", "weekly-manager", "--format", "csv", "--out", pattern, NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&s, args, NULL, 120, &r), 0);
    expect_status(&r, 0);
    proc_result_free(&r);
    g_autofree char *week = g_build_filename(s.dir, "weekly-manager", "2026-W47", NULL);
    assert_true(exists(week, "manifest.json"));
    assert_false(exists(s.dir, "{template}"));

    g_autofree char *range = g_strdup_printf("%s/r/{period_start}..{period_end}", s.dir);
    const char *args2[] = {"run", "weekly-manager", "--format", "csv", "--out", range, NULL};
    assert_int_equal(samples_run(&s, args2, NULL, 120, &r), 0);
    expect_status(&r, 0);
    proc_result_free(&r);
    g_autofree char *days = g_build_filename(s.dir, "r", "2026-11-16..2026-11-22", NULL);
    assert_true(exists(days, "manifest.json"));

    /* An unknown placeholder is a usage error, before anything is written. */
    g_autofree char *typo = g_strdup_printf("%s/typo/{week}", s.dir);
    const char *args3[] = {"run", "weekly-manager", "--format", "csv", "--out", typo, NULL};
    assert_int_equal(samples_run(&s, args3, NULL, 120, &r), 0);
    expect_status(&r, 2);
    assert_non_null(strstr(r.err, "unknown placeholder {week}"));
    assert_false(exists(s.dir, "typo"));
    proc_result_free(&r);
    const char *args4[] = {"run", "weekly-manager", "--out", "x/{iso_week", NULL};
    assert_int_equal(samples_run(&s, args4, NULL, 120, &r), 0);
    expect_status(&r, 2);
    assert_non_null(strstr(r.err, "left open"));
    proc_result_free(&r);

    /* A jobs file's out = and a batch's --out take them too. */
    g_autofree char *jobs = g_build_filename(s.dir, "jobs.ini", NULL);
    g_autofree char *ini =
        g_strdup_printf("[defaults]\nformats = csv\n[team]\ntemplate = weekly-manager\n"
                        "out = %s/jobs/{template}-{period_end}\n[lists]\n"
                        "template = list-performance\n",
                        s.dir);
    write_file(jobs, ini);
    g_autofree char *root = g_strdup_printf("%s/batch/{iso_week}", s.dir);
    const char *bargs[] = {"batch", jobs, "--out", root, NULL};
    assert_int_equal(samples_run(&s, bargs, NULL, 180, &r), 0);
    expect_status(&r, 0);
    proc_result_free(&r);
    g_autofree char *team = g_build_filename(s.dir, "jobs", "weekly-manager-2026-11-22", NULL);
    g_autofree char *lists = g_build_filename(s.dir, "batch", "2026-W47", "lists", NULL);
    assert_true(exists(team, "manifest.json"));
    assert_true(exists(lists, "manifest.json"));
    samples_close(&s);
}

/* Whether a line of @p text starts with @p start and contains @p has. */
static int
has_line(const char *text, const char *start, const char *has)
{
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        if (g_str_has_prefix(*l, start) && strstr(*l, has) != NULL) {
            return 1;
        }
    }
    return 0;
}

/* `config --show`: the system file beneath the user's, key by key, each
 * value with its file; credentials only as "set", never their values. */
static void
config_show_names_each_values_file_and_never_a_secret(void **state)
{
    (void)state;
    g_autofree char *dir = test_tmpdir();
    g_autofree char *sys = g_build_filename(dir, "etc", "outreport", "outreport.conf", NULL);
    g_autofree char *user = g_build_filename(dir, "home", "outreport", "outreport.conf", NULL);
    write_file(sys, "[report]\ntimezone = Europe/Berlin\nauthor = Sales Ops\n"
                    "[salesfinity]\napi_key_env = SF_KEY\n[smtp]\npassword_env = SMTP_PW\n");
    write_file(user, "[report]\ntimezone = UTC\n");
    g_autofree char *sysenv = g_strdup_printf("OUTREPORT_SYSCONFDIR=%s/etc", dir);
    g_autofree char *xdg = g_strdup_printf("XDG_CONFIG_HOME=%s/home", dir);
    g_autofree char *cred = g_build_filename(dir, "creds", "SMTP_PW", NULL);
    write_file(cred, "pw_NEVERSHOWN3\n");
    g_autofree char *creds = g_strdup_printf("CREDENTIALS_DIRECTORY=%s/creds", dir);
    const char *env[] = {
        sysenv,     xdg,   "SF_KEY=sk_live_NEVERSHOWN1",
        "SMTP_PW=", creds, "OUTREPORT_STORE=postgresql://u:pw_NEVERSHOWN2@db.example/sales",
        NULL};
    const char *args[] = {"config", "--show", NULL};
    struct proc_result r = run(args, env);
    expect_status(&r, 0);
    assert_true(has_line(r.out, "timezone = UTC ", user));
    assert_true(has_line(r.out, "author = Sales Ops ", sys));
    assert_true(has_line(r.out, "api_key_env = SF_KEY ", "$SF_KEY is set"));
    assert_true(has_line(r.out, "api_key_env = SF_KEY ", "is set: environment"));
    assert_true(has_line(r.out, "password_env = SMTP_PW ", "$SMTP_PW is set: credential"));
    assert_true(has_line(r.out, "api_key_env = UNPOD_TOKEN ", "$UNPOD_TOKEN is not set"));
    assert_true(has_line(r.out, "api_key_env = SALESHANDY_API_KEY ", "; default"));
    assert_true(has_line(r.out, ";   ", sys));
    assert_true(has_line(r.out, "; $OUTREPORT_STORE is set", "not shown"));
    assert_null(strstr(r.out, "NEVERSHOWN"));
    assert_null(strstr(r.err, "NEVERSHOWN"));
    proc_result_free(&r);

    /* --config names the one file: the system file is not read. */
    const char *only[] = {"--config", user, "config", NULL};
    r = run(only, env);
    expect_status(&r, 0);
    assert_null(strstr(r.out, "Sales Ops"));
    assert_true(has_line(r.out, "timezone = UTC ", user));
    proc_result_free(&r);

    /* A typo in the system file stops every command, naming that file. */
    write_file(sys, "[report]\ntimezon = Europe/Berlin\n");
    r = run(args, env);
    expect_status(&r, 2);
    g_autofree char *want = g_strdup_printf("%s: [report] timezon: unknown key", sys);
    assert_non_null(strstr(r.err, want));
    proc_result_free(&r);
    test_rmtree(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unusable_cache_and_default_store_folders_are_warnings_not_failures),
        cmocka_unit_test(out_placeholders_name_the_folder_after_the_period_reported),
        cmocka_unit_test(config_show_names_each_values_file_and_never_a_secret),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
