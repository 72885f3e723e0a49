/* SPDX-License-Identifier: MIT */
/* The INI configuration: lookup, comments, and the refusal to hold secrets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/config_check.h"
#include "plugin/params.h"
#include "proc.h"

static char *
write_conf(const char *dir, const char *text)
{
    char *path = g_build_filename(dir, "outreport.conf", NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static void
values_are_read_with_semicolon_and_hash_comments(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path =
        write_conf(dir, "; a comment\n# another\n[report]\ntimezone = Europe/Berlin   ; zone\n"
                        "week_start = sunday # first day\n[salesfinity]\n"
                        "base_url = http://127.0.0.1:9/x;y\n");
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_string_equal(or_config_get(cfg, "report", "timezone"), "Europe/Berlin");
    assert_string_equal(or_config_get(cfg, "report", "week_start"), "sunday");
    /* a ';' inside a value, not after a space, stays */
    assert_string_equal(or_config_get(cfg, "salesfinity", "base_url"), "http://127.0.0.1:9/x;y");
    assert_null(or_config_get(cfg, "report", "missing"));
    assert_string_equal(or_config_path(cfg), path);
    or_config_free(cfg);
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

static void
secret_in_config_file_is_refused_naming_file_section_and_key(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "[saleshandy]\napi_key = sh-live-123456\n");
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_null(cfg);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "[saleshandy] api_key"));
    assert_non_null(strstr(err, "api_key_env"));
    assert_null(strstr(err, "sh-live-123456"));
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

/* Loads @p len bytes of @p text as a config; returns the status, @p err filled. */
static or_status
load_bytes(const char *text, size_t len, char *err, size_t errlen)
{
    char *dir = test_tmpdir();
    char *path = g_build_filename(dir, "outreport.conf", NULL);
    assert_true(g_file_set_contents(path, text, (gssize)len, NULL));
    struct or_config *cfg = NULL;
    or_status st = or_config_load(path, &cfg, err, errlen);
    if (st == OR_OK) {
        or_config_free(cfg);
    }
    else {
        assert_null(cfg);
        assert_non_null(strstr(err, path));
    }
    g_free(path);
    test_rmtree(dir);
    free(dir);
    return st;
}

static void
nul_byte_bom_and_oversize_are_refused_with_the_offset(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    static const char nul[] = "[report]\ntimezone = UTC\n\0[http]\nretries = 1\n";
    assert_int_equal(load_bytes(nul, sizeof(nul) - 1, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "byte offset 24: a NUL byte"));
    static const char bom[] = "\xef\xbb\xbf[report]\ntimezone = UTC\n";
    assert_int_equal(load_bytes(bom, sizeof(bom) - 1, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "byte offset 0: a UTF-8 byte order mark"));
    size_t big = 1024 * 1024 + 1;
    char *text = g_malloc(big);
    memset(text, '#', big);
    assert_int_equal(load_bytes(text, big, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "larger than 1024 KiB"));
    /* Exactly 1 MiB is still a config. */
    text[big - 2] = '\n';
    assert_int_equal(load_bytes(text, big - 1, err, sizeof(err)), OR_OK);
    g_free(text);
}

static void
url_with_a_password_is_refused_and_never_echoed(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    static const char *const refused[] = {
        "[salesfinity]\nbase_url = https://u:Pass-77@api.example.com/v1\n",
        "[smtp]\nurl = smtp://bot:Pass-77@mail.example.com:587\n",
        "[unpod]\nbase_url = http://:Pass-77@h\n",
    };
    for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
        assert_int_equal(load_bytes(refused[i], strlen(refused[i]), err, sizeof(err)),
                         OR_ERR_CONFIG);
        assert_non_null(strstr(err, "the URL holds a password"));
        assert_null(strstr(err, "Pass-77"));
    }
    /* A user name alone, an @ in the path or query, or no URL at all: fine. */
    static const char fine[] = "[salesfinity]\nbase_url = https://u@api.example.com/a:b@c?x=y:z@w\n"
                               "[smtp]\nfrom = Reports <r@example.com>\n";
    assert_int_equal(load_bytes(fine, strlen(fine), err, sizeof(err)), OR_OK);
}

static void
syntax_error_names_the_file(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "[report\ntimezone\n");
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, path));
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

static void
explicit_missing_file_is_an_error_but_no_file_at_all_is_fine(void **state)
{
    (void)state;
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_config_load("/nonexistent/outreport.conf", &cfg, err, sizeof(err)),
                     OR_ERR_CONFIG);
    assert_non_null(strstr(err, "/nonexistent/outreport.conf"));
    /* meson points XDG_CONFIG_HOME at an empty place and runs in the build dir */
    g_unsetenv("OUTREPORT_CONFIG");
    assert_int_equal(or_config_load(NULL, &cfg, err, sizeof(err)), OR_OK);
    assert_null(or_config_path(cfg));
    assert_null(or_config_get(cfg, "report", "timezone"));
    or_config_free(cfg);
}

static void
environment_variable_names_the_config(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "[report]\ntimezone = Asia/Kolkata\n");
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    g_setenv("OUTREPORT_CONFIG", path, TRUE);
    assert_int_equal(or_config_load(NULL, &cfg, err, sizeof(err)), OR_OK);
    g_unsetenv("OUTREPORT_CONFIG");
    assert_string_equal(or_config_get(cfg, "report", "timezone"), "Asia/Kolkata");
    or_config_free(cfg);
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

/* Without --config: the system file, then the user's over it key by key;
 * each value knows its file.  --config (or $OUTREPORT_CONFIG) is the one
 * file read.  The system file's place comes from $OUTREPORT_SYSCONFDIR
 * here, never the machine's /etc. */
static void
system_file_then_user_file_override_key_by_key(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *sysdir = g_build_filename(dir, "etc", "outreport", NULL);
    assert_int_equal(g_mkdir_with_parents(sysdir, 0700), 0);
    char *sys = write_conf(sysdir, "[report]\ntimezone = Europe/Berlin\nauthor = Ops\n"
                                   "[smtp]\nurl = smtp://mail.example:587\n");
    char *user = write_conf(dir, "[report]\ntimezone = UTC\n[store]\nurl = none\n");
    char *etc = g_build_filename(dir, "etc", NULL);
    char *cwd = g_get_current_dir();
    g_setenv("OUTREPORT_SYSCONFDIR", etc, TRUE);
    assert_int_equal(chdir(dir), 0); /* the user's file: ./outreport.conf */

    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_config_load(NULL, &cfg, err, sizeof(err)), OR_OK);
    assert_string_equal(or_config_get(cfg, "report", "timezone"), "UTC");
    assert_string_equal(or_config_origin(cfg, "report", "timezone"), "outreport.conf");
    assert_string_equal(or_config_get(cfg, "report", "author"), "Ops");
    assert_string_equal(or_config_origin(cfg, "report", "author"), sys);
    assert_string_equal(or_config_get(cfg, "smtp", "url"), "smtp://mail.example:587");
    assert_string_equal(or_config_origin(cfg, "smtp", NULL), sys);
    assert_string_equal(or_config_origin(cfg, "store", "url"), "outreport.conf");
    assert_null(or_config_origin(cfg, "report", "week_start"));
    size_t n = 0;
    const char *const *files = or_config_files(cfg, &n);
    assert_int_equal(n, 2);
    assert_string_equal(files[0], sys);
    assert_string_equal(files[1], "outreport.conf");
    size_t nsec = 0;
    or_config_sections(cfg, &nsec);
    assert_int_equal(nsec, 3); /* report, smtp, store: each once */
    or_config_set(cfg, "http", "deadline_s", "60");
    assert_string_equal(or_config_origin(cfg, "http", "deadline_s"), "command line");
    or_config_free(cfg);

    /* An explicit file is the only one read. */
    assert_int_equal(or_config_load(user, &cfg, err, sizeof(err)), OR_OK);
    assert_null(or_config_get(cfg, "report", "author"));
    assert_string_equal(or_config_get(cfg, "report", "timezone"), "UTC");
    or_config_free(cfg);

    /* A typo in the system file is named as the system file's. */
    g_free(write_conf(sysdir, "[report]\ntimezon = Europe/Berlin\n"));
    assert_int_equal(or_config_load(NULL, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, NULL, 0, err, sizeof(err)), OR_ERR_CONFIG);
    char *want = g_strdup_printf("%s: [report] timezon: unknown key", sys);
    assert_non_null(strstr(err, want));
    or_config_free(cfg);
    /* and a secret in it stops the load, naming it */
    g_free(write_conf(sysdir, "[smtp]\npassword = hunter2\n"));
    assert_int_equal(or_config_load(NULL, &cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, sys));

    assert_int_equal(chdir(cwd), 0);
    g_setenv("OUTREPORT_SYSCONFDIR", "/nonexistent-sysconfdir", TRUE);
    g_free(want);
    g_free(cwd);
    g_free(etc);
    g_free(user);
    g_free(sys);
    g_free(sysdir);
    test_rmtree(dir);
    free(dir);
}

static const struct or_param *const params[] = {
    OR_PARAM("outcome", OR_PARAM_ENUM, 0, "outcome", "answered,no-answer"),
    OR_PARAM("ids", OR_PARAM_INT_LIST, 0, "ids", NULL),
    OR_PARAM("flag", OR_PARAM_BOOL, 0, "flag", NULL),
    OR_PARAM("day", OR_PARAM_DATE, 0, "day", NULL),
    OR_PARAM("org", OR_PARAM_STRING, 1, "org", NULL),
};
static const struct or_column *const one_col[] = {OR_COLUMN("x", OR_TYPE_TEXT, NULL)};
static const struct or_endpoint ep = {.size = sizeof(struct or_endpoint),
                                      .name = "e",
                                      .table = "t",
                                      .columns = one_col,
                                      .ncolumns = 1,
                                      .params = params,
                                      .nparams = 5};

static or_status
parse(const char *const *kv, size_t n, char *err)
{
    struct or_params p;
    or_status st = or_params_parse("p.e", &ep, kv, n, &p, err, OR_ERR_SIZE);
    if (st == OR_OK) {
        or_params_release(&p);
    }
    return st;
}

static void
params_are_checked_against_their_declared_types(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    const char *ok[] = {"org=x", "outcome=answered", "ids=1, 4,7", "flag=false", "day=2024-02-29"};
    assert_int_equal(parse(ok, 5, err), OR_OK);
    const char *bad_enum[] = {"org=x", "outcome=maybe"};
    assert_int_equal(parse(bad_enum, 2, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "one of answered,no-answer"));
    const char *bad_list[] = {"org=x", "ids=1,x"};
    assert_int_equal(parse(bad_list, 2, err), OR_ERR_INVALID);
    const char *bad_bool[] = {"org=x", "flag=yes"};
    assert_int_equal(parse(bad_bool, 2, err), OR_ERR_INVALID);
    const char *bad_date[] = {"org=x", "day=2023-02-29"};
    assert_int_equal(parse(bad_date, 2, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "day"));
    const char *missing[] = {"outcome=answered"};
    assert_int_equal(parse(missing, 1, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "missing required parameter org"));
    const char *no_eq[] = {"org"};
    assert_int_equal(parse(no_eq, 1, err), OR_ERR_INVALID);
    assert_non_null(strstr(err, "KEY=VALUE"));
}

/* A misspelt key is silently a default: the core's own sections refuse it,
 * naming file, section and key and the key probably meant. */
static void
misspelt_config_key_or_section_is_an_error_naming_what_was_meant(void **state)
{
    (void)state;
    /* unpod declares its keys; the others' sections take any key here. */
    static const char *const unpod_keys[] = {"base_url", "org_handle", "space_tokens", NULL};
    static const struct or_config_section plugins[] = {
        {"salesfinity", NULL}, {"saleshandy", NULL}, {"unpod", unpod_keys}, {"csv", NULL}};
    char *dir = test_tmpdir();
    struct or_config *cfg = NULL;
    char err[OR_ERR_SIZE];

    char *path = write_conf(dir, "[report]\ntimezone = Europe/Berlin\nweek_strat = sunday\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "[report] week_strat: unknown key; did you mean week_start?"));
    or_config_free(cfg);
    g_free(path);

    path = write_conf(dir, "[http]\nretires = 3\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[http] retires: unknown key; did you mean retries?"));
    or_config_free(cfg);
    g_free(path);

    path = write_conf(dir, "[smtp]\nserver = smtp://x\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] server: unknown key (known: url, "));
    or_config_free(cfg);
    g_free(path);

    path = write_conf(dir, "[salesfinty]\nbase_url = http://127.0.0.1:9\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[salesfinty]: unknown section; did you mean [salesfinity]?"));
    or_config_free(cfg);
    g_free(path);

    path = write_conf(dir, "[unpod]\norg_handel = acme\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[unpod] org_handel: unknown key; did you mean org_handle? "
                                "(known: base_url, org_handle, space_tokens)"));
    or_config_free(cfg);
    g_free(path);

    /* Every documented key, plugin sections with keys of their own, and a
     * section of a plugin that is not installed pass. */
    path = write_conf(dir, "[report]\ntimezone = UTC\nweek_start = monday\nauthor = A\n"
                           "[http]\nretries = 1\nbackoff_ms = 1\nbackoff_max_ms = 2\n"
                           "timeout_s = 3\nconnect_timeout_s = 4\nparallel = 2\n"
                           "ca_file = /x.pem\ncache = off\ncache_ttl_s = 5\n"
                           "[smtp]\nurl = smtp://x\nstarttls = try\nfrom = a@b\n"
                           "username = u\npassword_env = P\nmax_size_mb = 1\nretries = 1\n"
                           "timeout_s = 1\nca_file = /y.pem\n"
                           "[unpod]\norg_handle = acme\nspace_tokens = A,B\n"
                           "[hubspot]\nbase_url = http://127.0.0.1:9\n");
    assert_int_equal(or_config_load(path, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_config_check(cfg, plugins, 4, err, sizeof(err)), OR_OK);
    or_config_free(cfg);
    g_free(path);

    assert_int_equal(or_edit_distance("week_strat", "week_start"), 2);
    assert_int_equal(or_edit_distance("Timezone", "timezone"), 0);
    assert_int_equal(or_edit_distance("", "abc"), 3);
    test_rmtree(dir);
    free(dir);
}

/* Wired into the binary: the run stops before fetching anything. */
static void
binary_refuses_a_misspelt_config_key_before_fetching(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *path = write_conf(dir, "[report]\ntimezon = Europe/Berlin\n");
    const char *argv[] = {proc_outreport(), "--config", path, "run",
                          "weekly-manager", "--out",    dir,  NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 60, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "[report] timezon: unknown key; did you mean timezone?"));
    proc_result_free(&r);
    g_free(path);
    test_rmtree(dir);
    free(dir);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(values_are_read_with_semicolon_and_hash_comments),
        cmocka_unit_test(secret_in_config_file_is_refused_naming_file_section_and_key),
        cmocka_unit_test(syntax_error_names_the_file),
        cmocka_unit_test(nul_byte_bom_and_oversize_are_refused_with_the_offset),
        cmocka_unit_test(url_with_a_password_is_refused_and_never_echoed),
        cmocka_unit_test(explicit_missing_file_is_an_error_but_no_file_at_all_is_fine),
        cmocka_unit_test(environment_variable_names_the_config),
        cmocka_unit_test(system_file_then_user_file_override_key_by_key),
        cmocka_unit_test(params_are_checked_against_their_declared_types),
        cmocka_unit_test(misspelt_config_key_or_section_is_an_error_naming_what_was_meant),
        cmocka_unit_test(binary_refuses_a_misspelt_config_key_before_fetching),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
