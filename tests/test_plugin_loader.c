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
    assert_int_equal(test_copy_file(from, to), 0);
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
    const char *test_sos[] = {"wrong_abi.so", "newer_minor.so", "not_a_plugin.so"};
    for (size_t i = 0; i < G_N_ELEMENTS(test_sos); i++) {
        src = g_build_filename(b ? b : "build", "tests", test_sos[i], NULL);
        dst = g_build_filename(dir, test_sos[i], NULL);
        copy_file(src, dst);
        g_free(src);
        g_free(dst);
    }
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
    /* corrupt, not_a_plugin, wrong_abi, newer_minor, duplicate */
    assert_int_equal(reg->warnings, 5);
    assert_int_equal(reg->nplugins, 2);
    or_registry_free(reg);

    const char *argv[] = {proc_outreport(), "--plugin-dir", dir, "plugins", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines_with(r.err, "warning"), 5);
    assert_int_equal(test_count_lines_with(r.err, "corrupt.so"), 1);
    assert_int_equal(test_count_lines_with(r.err, "not_a_plugin.so: no symbol outreport_plugin"),
                     1);
    char want[256];
    snprintf(want, sizeof(want),
             "wrong_abi.so: built for plugin ABI 3.%d, this outreport has plugin ABI %d.%d",
             OR_ABI_MINOR, OR_ABI_MAJOR, OR_ABI_MINOR);
    assert_int_equal(test_count_lines_with(r.err, want), 1);
    snprintf(want, sizeof(want),
             "newer_minor.so: built for plugin ABI %d.99, newer than this outreport's plugin "
             "ABI %d.%d (upgrade outreport)",
             OR_ABI_MAJOR, OR_ABI_MAJOR, OR_ABI_MINOR);
    assert_int_equal(test_count_lines_with(r.err, want), 1);
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
    char abi[64];
    snprintf(abi, sizeof(abi), "\"major\": %d,\n    \"minor\": %d", OR_ABI_MAJOR, OR_ABI_MINOR);
    assert_non_null(strstr(r.out, abi));
    assert_non_null(strstr(r.out, "\"name\": \"call-log\""));
    assert_non_null(strstr(r.out, "\"table\": \"calls\""));
    assert_non_null(strstr(r.out, "\"name\": \"disposition_ids\""));
    assert_non_null(strstr(r.out, "\"type\": \"int list\""));
    assert_non_null(strstr(r.out, "\"name\": \"has_recording\""));
    assert_non_null(strstr(r.out, "\"format\": \"csv\""));
    assert_non_null(strstr(r.out, "provider_salesfinity.so"));
    proc_result_free(&r);
}

static or_status
render_nothing(const struct or_host *h, const struct or_report *r, const char *path,
               const struct or_option *const *o, size_t n, char *err, size_t errlen)
{
    (void)h, (void)r, (void)path, (void)o, (void)n, (void)err, (void)errlen;
    return OR_OK;
}

static void
descriptor_checks_refuse_incomplete_descriptors(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_renderer rd = {.size = sizeof(rd), .format = "x"};
    struct or_plugin p = {.abi_major = OR_ABI_MAJOR,
                          .abi_minor = OR_ABI_MINOR,
                          .size = sizeof(p),
                          .kind = OR_PLUGIN_RENDERER,
                          .name = "x",
                          .renderer = &rd};
    assert_int_equal(or_plugin_check(NULL, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "render"));
    rd.render = render_nothing;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_OK);
    /* A struct smaller than ABI 2.0's is refused, not read past its end. */
    rd.size = (uint32_t)offsetof(struct or_renderer, streams);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "renderer part is missing or smaller than ABI 2.0's"));
    rd.size = sizeof(rd);
    p.size = (uint32_t)offsetof(struct or_plugin, renderer);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "smaller than ABI 2.0's"));
    p.size = sizeof(p);
    struct or_provider pv = {.size = sizeof(pv)};
    p.kind = OR_PLUGIN_PROVIDER;
    p.provider = &pv;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "no endpoints"));
    p.name = "";
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
}

static or_status
build_nothing(const struct or_host *h, const struct or_query *q, long page, struct or_request *req,
              char *err, size_t errlen)
{
    (void)h, (void)q, (void)page, (void)req, (void)err, (void)errlen;
    return OR_OK;
}

static or_status
parse_nothing(const struct or_host *h, const struct or_query *q, long page, const char *body,
              size_t len, struct or_rows *rows, struct or_page_info *info, char *err, size_t errlen)
{
    (void)h, (void)q, (void)page, (void)body, (void)len, (void)rows, (void)info, (void)err,
        (void)errlen;
    return OR_OK;
}

static void
every_declared_struct_is_checked_for_its_size(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    struct or_column col = {.size = sizeof(col), .name = "c", .type = OR_TYPE_TEXT};
    const struct or_column *cols[] = {&col};
    struct or_param par = {.size = sizeof(par), .name = "p"};
    const struct or_param *pars[] = {&par};
    struct or_endpoint ep = {.size = sizeof(ep),
                             .name = "e",
                             .table = "t",
                             .columns = cols,
                             .ncolumns = 1,
                             .params = pars,
                             .nparams = 1,
                             .build_request = build_nothing,
                             .parse_page = parse_nothing};
    const struct or_endpoint *eps[] = {&ep};
    struct or_provider pv = {.size = sizeof(pv), .endpoints = eps, .nendpoints = 1};
    struct or_plugin p = {.abi_major = OR_ABI_MAJOR,
                          .abi_minor = OR_ABI_MINOR,
                          .size = sizeof(p),
                          .kind = OR_PLUGIN_PROVIDER,
                          .name = "x",
                          .provider = &pv};
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_OK);
    col.size = (uint32_t)offsetof(struct or_column, description);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "endpoint e: column 0 is missing"));
    col.size = sizeof(col);
    par.size = 0;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "e: parameter 0 is missing"));
    par.size = sizeof(par);
    ep.size = (uint32_t)offsetof(struct or_endpoint, instances);
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "endpoint 0 is missing or smaller than ABI 2.0's"));
    ep.size = sizeof(ep);
    eps[0] = NULL;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    eps[0] = &ep;
    pv.size = 4;
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    assert_non_null(strstr(err, "provider part is missing or smaller"));
}

static void
abi_1_descriptor_is_named_as_abi_1(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE];
    /* ABI 1 began {uint32_t abi = 1; enum kind}: where abi_major and abi_minor are now. */
    struct or_plugin p = {.abi_major = 1, .abi_minor = OR_PLUGIN_RENDERER};
    assert_int_equal(or_plugin_check(&p, err, sizeof(err)), OR_ERR_PLUGIN);
    char want[128];
    snprintf(want, sizeof(want), "built for plugin ABI 1, this outreport has plugin ABI %d.%d",
             OR_ABI_MAJOR, OR_ABI_MINOR);
    assert_non_null(strstr(err, want));
}

/* Defined dynamic symbols of @p so, one per line, as nm prints them. */
static char *
exported(const char *so)
{
    char *nm = g_find_program_in_path("nm");
    assert_non_null(nm);
    const char *argv[] = {nm, "-D", "--defined-only", "--format=posix", so, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, NULL, 30, &r), 0);
    g_free(nm);
    assert_int_equal(r.status, 0);
    GString *names = g_string_new(NULL);
    char **lines = g_strsplit(r.out, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        char **f = g_strsplit(*l, " ", 3);
        /* Linker-made markers (_init, _fini, __bss_start, _end...) are not ours. */
        if (f[0] != NULL && f[1] != NULL && f[0][0] != '_') {
            g_string_append_printf(names, "%s\n", f[0]);
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    proc_result_free(&r);
    return g_string_free(names, FALSE);
}

static void
every_plugin_exports_exactly_the_entry_symbol(void **state)
{
    (void)state;
    const char *names[] = {"provider_salesfinity.so", "provider_saleshandy.so", "provider_unpod.so",
                           "renderer_csv.so",         "renderer_xlsx.so",       "renderer_pdf.so"};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        char *so = g_build_filename(plugin_path(), names[i], NULL);
        char *syms = exported(so);
        if (strcmp(syms, OR_PLUGIN_ENTRY_NAME "\n") != 0) {
            fail_msg("%s exports:\n%s", so, syms);
        }
        g_free(syms);
        g_free(so);
    }
    const char *b = getenv("OR_BUILD_ROOT");
    const char *test_sos[] = {"wrong_abi.so", "newer_minor.so"};
    for (size_t i = 0; i < G_N_ELEMENTS(test_sos); i++) {
        char *so = g_build_filename(b ? b : "build", "tests", test_sos[i], NULL);
        char *syms = exported(so);
        assert_string_equal(syms, OR_PLUGIN_ENTRY_NAME "\n");
        g_free(syms);
        g_free(so);
    }
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
        cmocka_unit_test(every_declared_struct_is_checked_for_its_size),
        cmocka_unit_test(abi_1_descriptor_is_named_as_abi_1),
        cmocka_unit_test(every_plugin_exports_exactly_the_entry_symbol),
    };
    return cmocka_run_group_tests_name("plugin_loader", tests, NULL, NULL);
}
