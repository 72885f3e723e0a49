/* SPDX-License-Identifier: MIT */
/* The loader through dlopen: good plugins load, each bad one costs one warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin/plugin_loader.h"
#include "proc.h"

static const char *
plugin_path(void)
{
    const char *p = getenv("OUTREPORT_PLUGIN_PATH");
    return p != NULL ? p : "build/plugins";
}

static void
copy_file(const char *from, const char *to)
{
    gchar *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(from, &data, &len, NULL));
    assert_true(g_file_set_contents(to, data, (gssize)len, NULL));
    g_free(data);
}

/* A plugin folder holding the real plugins plus one of each kind of bad file. */
static char *
make_mixed_dir(void)
{
    char *dir = test_tmpdir();
    char *src, *dst;
    const char *names[] = {"provider_salesfinity.so", "renderer_csv.so"};
    for (size_t i = 0; i < 2; i++) {
        src = g_build_filename(plugin_path(), names[i], NULL);
        dst = g_build_filename(dir, names[i], NULL);
        copy_file(src, dst);
        g_free(src);
        g_free(dst);
    }
    /* same name as the csv renderer, sorted after it */
    src = g_build_filename(plugin_path(), "renderer_csv.so", NULL);
    dst = g_build_filename(dir, "renderer_csv_copy.so", NULL);
    copy_file(src, dst);
    g_free(src);
    g_free(dst);
    const char *b = getenv("OR_BUILD_ROOT");
    src = g_build_filename(b ? b : "build", "tests", "wrong_abi.so", NULL);
    dst = g_build_filename(dir, "wrong_abi.so", NULL);
    copy_file(src, dst);
    g_free(src);
    g_free(dst);
    src = g_build_filename(b ? b : "build", "tests", "not_a_plugin.so", NULL);
    dst = g_build_filename(dir, "not_a_plugin.so", NULL);
    copy_file(src, dst);
    g_free(src);
    g_free(dst);
    dst = g_build_filename(dir, "corrupt.so", NULL);
    assert_true(g_file_set_contents(dst,
                                    "\x7f"
                                    "ELF garbage, not a shared object",
                                    -1, NULL));
    g_free(dst);
    dst = g_build_filename(dir, "README.txt", NULL);
    assert_true(g_file_set_contents(dst, "not a plugin, not even .so", -1, NULL));
    g_free(dst);
    return dir;
}

static void
real_plugins_load_from_their_so_files(void **state)
{
    (void)state;
    struct or_registry *reg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_registry_load(plugin_path(), &reg, err, sizeof(err)), OR_OK);
    const struct or_loaded_plugin *sf = or_registry_find(reg, OR_PLUGIN_PROVIDER, "salesfinity");
    assert_non_null(sf);
    assert_non_null(strstr(sf->path, "provider_salesfinity.so"));
    assert_non_null(or_registry_renderer(reg, "csv"));
    assert_non_null(or_registry_renderer(reg, "CSV"));
    const struct or_loaded_plugin *p = NULL;
    const struct or_endpoint *ep = NULL;
    assert_int_equal(or_registry_source(reg, "salesfinity.call-log", &p, &ep, err, sizeof(err)),
                     OR_OK);
    assert_string_equal(ep->table, "calls");
    assert_int_equal(reg->warnings, 0);
    or_registry_free(reg);
}

static void
unknown_source_lists_available_sources(void **state)
{
    (void)state;
    struct or_registry *reg = NULL;
    char err[OR_ERR_SIZE];
    const struct or_loaded_plugin *p = NULL;
    const struct or_endpoint *ep = NULL;
    or_registry_load(plugin_path(), &reg, err, sizeof(err));
    assert_int_equal(or_registry_source(reg, "salesfinity.calls", &p, &ep, err, sizeof(err)),
                     OR_ERR_NOT_FOUND);
    assert_non_null(strstr(err, "'salesfinity.calls'"));
    assert_non_null(strstr(err, "salesfinity.call-log"));
    or_registry_free(reg);
}

static void
each_bad_plugin_costs_one_warning_naming_the_file(void **state)
{
    (void)state;
    char *dir = make_mixed_dir();
    struct or_registry *reg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_registry_load(dir, &reg, err, sizeof(err)), OR_OK);
    /* corrupt, not_a_plugin, wrong_abi, duplicate */
    assert_int_equal(reg->warnings, 4);
    assert_int_equal(reg->nplugins, 2);
    or_registry_free(reg);

    const char *argv[] = {proc_outreport(), "--plugin-dir", dir, "plugins", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines_with(r.err, "warning"), 4);
    assert_int_equal(test_count_lines_with(r.err, "corrupt.so"), 1);
    assert_int_equal(test_count_lines_with(r.err, "not_a_plugin.so: no symbol outreport_plugin"),
                     1);
    assert_int_equal(
        test_count_lines_with(
            r.err, "wrong_abi.so: plugin ABI version 99, this outreport needs ABI version 1"),
        1);
    assert_int_equal(
        test_count_lines_with(r.err, "renderer_csv_copy.so: renderer 'csv' already loaded from"),
        1);
    /* the good ones are still listed */
    assert_non_null(strstr(r.out, "salesfinity.call-log"));
    assert_non_null(strstr(r.out, "format: .csv"));
    proc_result_free(&r);
    test_rmtree(dir);
    free(dir);
}

static void
plugins_json_lists_endpoints_params_and_schemas(void **state)
{
    (void)state;
    const char *argv[] = {proc_outreport(), "plugins", "--json", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "\"abi\": 1"));
    assert_non_null(strstr(r.out, "\"name\": \"call-log\""));
    assert_non_null(strstr(r.out, "\"table\": \"calls\""));
    assert_non_null(strstr(r.out, "\"name\": \"disposition_ids\""));
    assert_non_null(strstr(r.out, "\"type\": \"int list\""));
    assert_non_null(strstr(r.out, "\"name\": \"has_recording\""));
    assert_non_null(strstr(r.out, "\"format\": \"csv\""));
    assert_non_null(strstr(r.out, "provider_salesfinity.so"));
    proc_result_free(&r);
}

static void
descriptor_checks_refuse_incomplete_descriptors(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_plugin p = {.abi = OR_ABI_VERSION, .kind = OR_PLUGIN_RENDERER, .name = "x"};
    assert_int_equal(or_plugin_check(NULL, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "render"));
    struct or_provider pv = {0};
    p.kind = OR_PLUGIN_PROVIDER;
    p.provider = &pv;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "no endpoints"));
    p.name = "";
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(real_plugins_load_from_their_so_files),
        cmocka_unit_test(unknown_source_lists_available_sources),
        cmocka_unit_test(each_bad_plugin_costs_one_warning_naming_the_file),
        cmocka_unit_test(plugins_json_lists_endpoints_params_and_schemas),
        cmocka_unit_test(descriptor_checks_refuse_incomplete_descriptors),
    };
    return cmocka_run_group_tests_name("plugin_loader", tests, NULL, NULL);
}
