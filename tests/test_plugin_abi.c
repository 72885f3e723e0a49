/* SPDX-License-Identifier: MIT */
/*
 * The plugin ABI's promises, through the real loader, host and binary:
 * plugins built against the ABI 2.0 and 2.1 headers (tests/plugins/
 * old_minor.c, old_minor_21.c) still load, list and fetch, and the host
 * reads none of their structs past their end; a renderer built against 2.1
 * (tests/plugins/old_renderer.c) still renders, and names the person of a
 * split document in its title; built against 2.1 or 2.2, it is handed no
 * chart kind its header lacks (drawn as an older kind, or refused before
 * anything is written); ABI 2.2 only appended to 2.1's structs and
 * enums (abi_layout.h); plugins' config keys are checked like the core's,
 * served with their defaults and listed by `outreport plugins`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dlfcn.h>
#include <glib.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/config.h"
#include "dataset/rows.h"
#include "plugin/endpoint.h"
#include "plugin/host.h"
#include "plugin/params.h"
#include "plugin/plugin_config.h"
#include "plugin/plugin_loader.h"
#include "abi_layout.h"
#include "proc.h"

#define OLD_KEY "k-old-abi"
#define SF_KEY "k-salesfinity"

static const char *
plugin_path(void)
{
    const char *p = getenv("OUTREPORT_PLUGIN_PATH");
    return p != NULL ? p : "build/plugins";
}

static char *
test_so(const char *name)
{
    const char *b = getenv("OR_BUILD_ROOT");
    return g_build_filename(b != NULL ? b : "build", "tests", name, NULL);
}

static void
copy_into(const char *from, const char *dir)
{
    char *base = g_path_get_basename(from);
    char *to = g_build_filename(dir, base, NULL);
    assert_int_equal(test_copy_file(from, to), 0);
    g_free(to);
    g_free(base);
}

static char *
write_conf(const char *dir, const char *text)
{
    char *path = g_build_filename(dir, "outreport.conf", NULL);
    assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

/* The member of JSON array @p array whose "name" is @p name, or NULL. */
static json_t *
named(json_t *array, const char *name)
{
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item)
    {
        if (strcmp(json_string_value(json_object_get(item, "name")), name) == 0) {
            return item;
        }
    }
    return NULL;
}

/* The plugin called @p name in `plugins --json` output @p root, or NULL. */
static json_t *
listed(json_t *root, const char *name)
{
    return named(json_object_get(root, "plugins"), name);
}

static json_t *
config_key(json_t *plugin, const char *name)
{
    return named(json_object_get(plugin, "config"), name);
}

/* ------------------------------------------------------------------------- */
/* A plugin of an older minor                                                 */
/* ------------------------------------------------------------------------- */

/* A mock server, and a folder removed after the test (even a failed one). */
struct world {
    struct mockapi mock;
    char *dir;
};

static int
world_up(void **state, const char *key)
{
    struct world *w = calloc(1, sizeof(*w));
    const char *args[] = {"--calls", "60", "--sf-key", key, NULL};
    if (w == NULL || mockapi_start(&w->mock, args) != 0) {
        free(w);
        return -1;
    }
    w->dir = test_tmpdir();
    *state = w;
    return 0;
}

static int
world_up_old(void **state)
{
    return world_up(state, OLD_KEY);
}

static int
world_up_sf(void **state)
{
    return world_up(state, SF_KEY);
}

static int
world_down(void **state)
{
    struct world *w = *state;
    mockapi_stop(&w->mock);
    test_rmtree(w->dir);
    free(w->dir);
    free(w);
    return 0;
}

/* outreport fetch SOURCE of an old-minor test plugin in @p plugins with @p env_key
 * set: three pages of 25, fetched concurrently, 60 rows of id,duration_s in @p out. */
static void
fetch_old_calls(const char *conf, const char *plugins, const char *source, const char *env_key,
                const char *out)
{
    const char *fetch[] = {proc_outreport(),
                           "--config",
                           conf,
                           "--plugin-dir",
                           plugins,
                           "fetch",
                           source,
                           "-o",
                           out,
                           NULL};
    const char *env[] = {env_key, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(fetch, env, 60, &r), 0);
    if (r.status != 0) {
        fail_msg("fetch %s: %s", source, r.err);
    }
    proc_result_free(&r);
    gchar *body = NULL;
    assert_true(g_file_get_contents(out, &body, NULL, NULL));
    assert_true(g_str_has_prefix(body, "id,duration_s\r\n"));
    assert_int_equal(test_count_lines_with(body, ","), 61);
    g_free(body);
}

static void
old_minor_plugin_is_listed_and_fetched_by_a_newer_host(void **state)
{
    struct world *w = *state;
    struct mockapi m = w->mock;
    const char *dir = w->dir;
    char *plugins = g_build_filename(dir, "plugins", NULL);
    assert_int_equal(g_mkdir_with_parents(plugins, 0700), 0);
    char *csv = g_build_filename(plugin_path(), "renderer_csv.so", NULL);
    char *old = test_so("old_minor.so");
    copy_into(csv, plugins);
    copy_into(old, plugins);
    /* A 2.0 plugin declares no keys: its section takes any key. */
    char *text = g_strdup_printf("[report]\ntimezone = UTC\n[oldabi]\nbase_url = %s\n"
                                 "anything_goes = 1\n",
                                 m.base);
    char *conf = write_conf(dir, text);
    char *out = g_build_filename(dir, "calls.csv", NULL);

    const char *list[] = {proc_outreport(), "--config", conf,     "--plugin-dir",
                          plugins,          "plugins",  "--json", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(list, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    json_t *p = listed(root, "oldabi");
    assert_non_null(p);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "abi"), "major")), 2);
    assert_int_equal(json_integer_value(json_object_get(json_object_get(p, "abi"), "minor")), 0);
    assert_true(json_is_false(json_object_get(p, "config_checked")));
    /* Only the host's key: nothing was read where 2.1 keeps declared keys. */
    assert_int_equal(json_array_size(json_object_get(p, "config")), 1);
    assert_non_null(config_key(p, "base_url"));
    json_t *ep = json_array_get(json_object_get(p, "endpoints"), 0);
    assert_string_equal(json_string_value(json_object_get(ep, "name")), "calls");
    assert_string_equal(json_string_value(json_object_get(ep, "table")), "old_calls");
    json_t *cols = json_object_get(ep, "columns");
    assert_int_equal(json_array_size(cols), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(cols, 1), "name")),
                        "duration_s");
    json_decref(root);
    proc_result_free(&r);

    /* Three pages of 25, fetched concurrently; the key comes from default_env. */
    fetch_old_calls(conf, plugins, "oldabi.calls", "OLDABI_TEST_KEY=" OLD_KEY, out);

    g_free(out);
    g_free(conf);
    g_free(text);
    g_free(old);
    g_free(csv);
    g_free(plugins);
}

/* A folder "plugins" in @p dir with the shipped providers and CSV renderer
 * and the test plugins @p test_sos (NULL-terminated); g_free() it. */
static char *
plugins_with(const char *dir, const char *const *test_sos)
{
    char *plugins = g_build_filename(dir, "plugins", NULL);
    assert_int_equal(g_mkdir_with_parents(plugins, 0700), 0);
    const char *own[] = {"provider_salesfinity.so", "provider_saleshandy.so", "provider_unpod.so",
                         "renderer_csv.so"};
    for (size_t i = 0; i < G_N_ELEMENTS(own); i++) {
        char *so = g_build_filename(plugin_path(), own[i], NULL);
        copy_into(so, plugins);
        g_free(so);
    }
    for (const char *const *t = test_sos; *t != NULL; t++) {
        char *so = test_so(*t);
        copy_into(so, plugins);
        g_free(so);
    }
    return plugins;
}

/* The shipped template @p name as DIR/NAME.json without its sections of
 * chart kind @p chart (a kind a renderer under test predates); g_free() it. */
static char *
template_without(const char *dir, const char *name, const char *chart)
{
    const char *root = getenv("OR_SOURCE_ROOT");
    char *file = g_strdup_printf("%s.json", name);
    char *from = g_build_filename(root != NULL ? root : ".", "templates", file, NULL);
    json_t *t = json_load_file(from, 0, NULL);
    assert_non_null(t);
    json_t *sections = json_object_get(t, "sections");
    size_t before = json_array_size(sections);
    for (size_t i = json_array_size(sections); i > 0; i--) {
        const char *kind =
            json_string_value(json_object_get(json_array_get(sections, i - 1), "chart"));
        if (kind != NULL && strcmp(kind, chart) == 0) {
            json_array_remove(sections, i - 1);
        }
    }
    assert_true(json_array_size(sections) < before);
    char *to = g_build_filename(dir, file, NULL);
    assert_int_equal(json_dump_file(t, to, JSON_INDENT(1)), 0);
    json_decref(t);
    g_free(from);
    g_free(file);
    return to;
}

/* A renderer of ABI 2.1 knows no split_label: a split's document still names
 * the person, in the title it does know.  (Its combo chart, which a 2.1
 * renderer is refused, is taken out.) */
static void
old_renderer_names_the_person_of_a_split_in_its_title(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *sos[] = {"old_renderer.so", NULL};
    char *plugins = plugins_with(S.dir, sos);
    char *out = g_build_filename(S.dir, "out", NULL);
    char *tpl = template_without(S.dir, "rep-scorecard", "combo");
    const char *args[] = {"--plugin-dir",
                          plugins,
                          "run",
                          tpl,
                          "--format",
                          "oldtxt",
                          "--out",
                          out,
                          "--split-by",
                          "rep_email,sender_email",
                          NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
    if (r.status != 0) {
        fail_msg("run: %s", r.err);
    }
    proc_result_free(&r);
    char *rollup = g_build_filename(out, "rep-scorecard.oldtxt", NULL);
    char *zoe = g_build_filename(out, "rep-scorecard-zoe-muller.oldtxt", NULL);
    char *text = test_read_file(rollup, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "title: Rep scorecard\n"));
    assert_non_null(strstr(text, "Calls: 1,483\n"));
    free(text);
    text = test_read_file(zoe, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "title: Rep scorecard \xE2\x80\x94 Zo\xC3\xAB M\xC3\xBCller\n"));
    assert_non_null(strstr(text, "Calls: 167\n"));
    free(text);
    g_free(zoe);
    g_free(rollup);
    g_free(tpl);
    g_free(out);
    g_free(plugins);
    samples_close(&S);
}

/* A template of a line, a stacked area and a trend chart over the samples' calls. */
static const char charts_template[] =
    "{\"title\": \"Charts for old renderers\",\n"
    " \"sources\": {\"calls\": {\"source\": \"salesfinity.call-log\"}},\n"
    " \"sections\": [\n"
    "  {\"kind\": \"chart\", \"id\": \"per-day\", \"title\": \"Calls\", \"chart\": \"line\",\n"
    "   \"sql\": \"SELECT local_date(started_at) AS day, count(*) AS calls FROM calls GROUP BY 1 "
    "ORDER BY 1\", \"x\": \"day\", \"series\": \"calls\"},\n"
    "  {\"kind\": \"chart\", \"id\": \"outcomes\", \"title\": \"Outcomes\", "
    "\"chart\": \"stacked_area\",\n"
    "   \"sql\": \"SELECT local_date(started_at) AS day, sum(is_connected) AS connected, "
    "sum(NOT is_connected) AS missed FROM calls GROUP BY 1 ORDER BY 1\",\n"
    "   \"x\": \"day\", \"series\": [\"connected\", \"missed\"]},\n"
    "  {\"kind\": \"chart\", \"id\": \"days\", \"title\": \"Trend\", \"chart\": \"trend\",\n"
    "   \"sql\": \"SELECT local_date(started_at) AS day, count(*) AS calls, "
    "local_date(started_at) = local_date(:period_start) AS is_current FROM calls GROUP BY 1 "
    "ORDER BY 1\",\n"
    "   \"x\": \"day\", \"series\": \"calls\", \"mark\": \"is_current\"}\n"
    " ]}\n";

/* A chart kind newer than a renderer's ABI reaches it as the older kind
 * that draws the same series on the same axis (a stacked area as stacked
 * bars, a trend as lines), with one warning each; the kinds it knows
 * reach it as they are. */
static void
charts_a_renderer_predates_reach_it_as_the_faithful_older_kind(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *sos[] = {"old_renderer.so", "old_renderer_22.so", NULL};
    char *plugins = plugins_with(S.dir, sos);
    char *tpl = g_build_filename(S.dir, "old-charts.json", NULL);
    assert_true(g_file_set_contents(tpl, charts_template, -1, NULL));
    char *out = g_build_filename(S.dir, "out", NULL);
    const char *args[] = {"--plugin-dir",    plugins, "run", tpl, "--format",
                          "oldtxt,oldtxt22", "--out", out,   NULL};
    struct proc_result r;
    assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
    if (r.status != 0) {
        fail_msg("run: %s", r.err);
    }
    char *t21 = g_build_filename(out, "old-charts.oldtxt", NULL);
    char *t22 = g_build_filename(out, "old-charts.oldtxt22", NULL);
    char *text = test_read_file(t21, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "chart per-day: kind 3\n"));  /* OR_CHART_LINE */
    assert_non_null(strstr(text, "chart outcomes: kind 2\n")); /* OR_CHART_STACKED_BAR */
    assert_non_null(strstr(text, "chart days: kind 3\n"));     /* a 2.2 trend as a line */
    free(text);
    text = test_read_file(t22, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "chart per-day: kind 3\n"));
    assert_non_null(strstr(text, "chart outcomes: kind 2\n"));
    assert_non_null(strstr(text, "chart days: kind 6\n")); /* 2.2 knows OR_CHART_TREND */
    free(text);
    assert_int_equal(test_count_lines_with(r.err, "old-charts.json: section 'outcomes': renderer "
                                                  "'oldtxt' (plugin ABI 2.1) predates stacked_area "
                                                  "charts: drawn as stacked_bar"),
                     1);
    assert_int_equal(test_count_lines_with(r.err, "section 'outcomes': renderer 'oldtxt22' (plugin "
                                                  "ABI 2.2) predates stacked_area charts: drawn as "
                                                  "stacked_bar"),
                     1);
    assert_int_equal(test_count_lines_with(r.err, "section 'days': renderer 'oldtxt' (plugin ABI "
                                                  "2.1) predates trend charts: drawn as line"),
                     1);
    assert_int_equal(test_count_lines_with(r.err, "predates"), 3);
    proc_result_free(&r);
    g_free(t22);
    g_free(t21);
    g_free(out);
    g_free(tpl);
    g_free(plugins);
    samples_close(&S);
}

/* No entry of folder @p dir (or no folder). */
static void
assert_nothing_in(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d != NULL) {
        const char *name = g_dir_read_name(d);
        if (name != NULL) {
            fail_msg("%s holds %s", dir, name);
        }
        g_dir_close(d);
    }
}

/* A heatmap or combo chart has no faithful older kind: a renderer of ABI
 * 2.2 is refused it in one line naming the section, the kind, the renderer
 * and both ABIs, before anything is fetched or written, even the formats
 * it did not concern (csv). */
static void
chart_a_2_2_renderer_predates_is_refused_before_anything_is_written(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *sos[] = {"old_renderer_22.so", NULL};
    char *plugins = plugins_with(S.dir, sos);
    char *out = g_build_filename(S.dir, "out", NULL);
    const char *tpls[] = {"weekly-manager", "rep-scorecard"};
    const char *want[] = {"section 'when-calls-connect': a heatmap chart needs a renderer of "
                          "plugin ABI 2.3 or newer, but renderer 'oldtxt22' (format oldtxt22, ",
                          "section 'calls-and-connect-rate': a combo chart needs a renderer of "
                          "plugin ABI 2.3 or newer, but renderer 'oldtxt22' (format oldtxt22, "};
    for (size_t i = 0; i < G_N_ELEMENTS(tpls); i++) {
        const char *args[] = {"--plugin-dir", plugins, "run", tpls[i], "--format",
                              "csv,oldtxt22", "--out", out,   NULL};
        struct proc_result r;
        assert_int_equal(samples_run(&S, args, NULL, 120, &r), 0);
        assert_int_equal(r.status, 2);
        assert_int_equal(test_count_lines_with(r.err, want[i]), 1);
        assert_int_equal(test_count_lines_with(r.err, "/old_renderer_22.so) was built for ABI "
                                                      "2.2: rebuild it against this outreport's "
                                                      "plugin.h, or leave format oldtxt22 out"),
                         1);
        assert_null(strstr(r.err, "fetch")); /* nothing was fetched */
        assert_nothing_in(out);
        proc_result_free(&r);
    }
    g_free(out);
    g_free(plugins);
    samples_close(&S);
}

/* Copies of a plugin's structs, each at the very end of a readable page with
 * an inaccessible page after it: a read past any of them faults. */
struct guard {
    void *maps[64];
    size_t n;
    size_t page;
};

static void *
guarded(struct guard *g, const void *src, size_t n)
{
    if (src == NULL) { /* an empty list, e.g. an endpoint without parameters */
        assert_int_equal(n, 0);
        return NULL;
    }
    assert_true(n <= g->page && g->n < G_N_ELEMENTS(g->maps));
    char *m = mmap(NULL, 2 * g->page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(m != MAP_FAILED);
    assert_int_equal(mprotect(m + g->page, g->page, PROT_NONE), 0);
    g->maps[g->n++] = m;
    char *at = m + g->page - n;
    memcpy(at, src, n);
    return at;
}

/* @p d with its provider, endpoints, columns and parameters (and the lists
 * of them) copied into guarded memory, each exactly as large as compiled. */
static const struct or_plugin *
guarded_plugin(struct guard *g, const struct or_plugin *d)
{
    struct or_provider *pv = guarded(g, d->provider, d->provider->size);
    const struct or_endpoint **eps =
        guarded(g, pv->endpoints, pv->nendpoints * sizeof(*pv->endpoints));
    for (size_t e = 0; e < pv->nendpoints; e++) {
        struct or_endpoint *ep = guarded(g, eps[e], eps[e]->size);
        const struct or_column **cols =
            guarded(g, ep->columns, ep->ncolumns * sizeof(*ep->columns));
        for (size_t c = 0; c < ep->ncolumns; c++) {
            cols[c] = guarded(g, cols[c], cols[c]->size);
        }
        const struct or_param **params = guarded(g, ep->params, ep->nparams * sizeof(*ep->params));
        for (size_t i = 0; i < ep->nparams; i++) {
            params[i] = guarded(g, params[i], params[i]->size);
        }
        ep->columns = cols;
        ep->params = params;
        eps[e] = ep;
    }
    pv->endpoints = eps;
    struct or_plugin *copy = guarded(g, d, d->size);
    copy->provider = pv;
    return copy;
}

static void
host_reads_a_2_0_plugin_only_within_its_structs(void **state)
{
    (void)state;
    char *so = test_so("old_minor.so");
    void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    assert_non_null(h);
    or_plugin_entry_fn *entry = NULL;
    *(void **)(&entry) = dlsym(h, OR_PLUGIN_ENTRY_NAME);
    assert_non_null(entry);
    const struct or_plugin *d = entry();
    /* Built with the smaller 2.0 descriptor: it ends where 2.1's keys begin. */
    assert_int_equal(d->abi_major, 2);
    assert_int_equal(d->abi_minor, 0);
    assert_int_equal(d->size, offsetof(struct or_plugin, config_keys));

    struct guard g = {.page = (size_t)sysconf(_SC_PAGESIZE)};
    const struct or_plugin *p = guarded_plugin(&g, d);
    char err[OR_ERR_SIZE];
    assert_int_equal(or_plugin_check(p, err, sizeof(err)), OR_OK);
    assert_false(or_plugin_declares_keys(p));
    struct or_plugin_key k;
    assert_true(or_plugin_key_at(p, 0, &k));
    assert_string_equal(k.key.name, "base_url");
    assert_string_equal(k.key.default_value, "http://127.0.0.1:9");
    assert_false(or_plugin_key_at(p, 1, &k));
    assert_false(or_plugin_key_find(p, "anything", &k));

    /* The registry, the config check, the source and parameter lookups and
     * the schema all read the guarded copies. */
    struct or_loaded_plugin lp = {.path = so, .handle = h, .desc = p};
    struct or_registry reg = {.plugins = &lp, .nplugins = 1};
    char *dir = test_tmpdir();
    char *conf = write_conf(dir, "[oldabi]\nwhatever = 1\n");
    struct or_config *cfg = NULL;
    assert_int_equal(or_config_load(conf, &cfg, err, sizeof(err)), OR_OK);
    assert_int_equal(or_registry_check_config(&reg, cfg, err, sizeof(err)), OR_OK);
    const struct or_loaded_plugin *found = NULL;
    const struct or_endpoint *ep = NULL;
    assert_int_equal(or_registry_source(&reg, "oldabi.calls", &found, &ep, err, sizeof(err)),
                     OR_OK);
    const char *kv[] = {"unused=x"};
    struct or_params params;
    assert_int_equal(or_params_parse("oldabi.calls", ep, kv, 1, &params, err, sizeof(err)), OR_OK);
    or_params_release(&params);
    struct or_schema *schema = or_schema_new(ep->columns, ep->ncolumns, ep->dynamic_columns);
    assert_string_equal(schema->cols[1].name, "duration_s");
    or_schema_free(schema);

    /* A 2.0 plugin may read any key of its section. */
    struct or_host host;
    struct or_host_ctx ctx = {.plugin_name = "oldabi", .plugin = p, .cfg = cfg};
    or_host_init(&host, &ctx);
    const char *v = NULL;
    assert_int_equal(host.config_get(&host, "whatever", &v), OR_OK);
    assert_string_equal(v, "1");

    or_config_free(cfg);
    g_free(conf);
    test_rmtree(dir);
    free(dir);
    for (size_t i = 0; i < g.n; i++) {
        munmap(g.maps[i], 2 * g.page);
    }
    dlclose(h);
    g_free(so);
}

static const struct or_plugin *
load_entry(const char *so, void **handle)
{
    void *h = dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    assert_non_null(h);
    or_plugin_entry_fn *entry = NULL;
    *(void **)(&entry) = dlsym(h, OR_PLUGIN_ENTRY_NAME);
    assert_non_null(entry);
    *handle = h;
    return entry();
}

static void
host_reads_a_2_1_plugin_only_within_its_structs(void **state)
{
    (void)state;
    char *so = test_so("old_minor_21.so");
    void *h = NULL;
    const struct or_plugin *d = load_entry(so, &h);
    assert_int_equal(d->abi_minor, 1);
    /* Built with 2.1's endpoint: it ends where 2.2's members begin. */
    const struct or_endpoint *real = d->provider->endpoints[0];
    assert_int_equal(real->size, offsetof(struct or_endpoint, keeping));

    struct guard g = {.page = (size_t)sysconf(_SC_PAGESIZE)};
    const struct or_plugin *p = guarded_plugin(&g, d);
    char err[OR_ERR_SIZE];
    assert_int_equal(or_plugin_check(p, err, sizeof(err)), OR_OK);
    assert_true(or_plugin_declares_keys(p));
    /* Every 2.2 member reads as unset, and nothing past the struct is touched. */
    const struct or_endpoint *ep = p->provider->endpoints[0];
    assert_null(or_endpoint_lookup(ep));
    assert_null(or_endpoint_lookup_needed(ep));
    assert_null(or_endpoint_lookup_fallback(ep));
    assert_null(or_endpoint_auth_failure(ep));
    assert_int_equal(or_endpoint_cumulative(ep), OR_CUMULATIVE_NONE);
    assert_null(or_endpoint_cumulative_note(ep));
    for (size_t i = 0; i < g.n; i++) {
        munmap(g.maps[i], 2 * g.page);
    }
    g_free(so);
}

static void
plugin_of_2_1_is_fetched_by_a_2_2_host(void **state)
{
    struct world *w = *state;
    char *plugins = g_build_filename(w->dir, "plugins", NULL);
    assert_int_equal(g_mkdir_with_parents(plugins, 0700), 0);
    char *csv = g_build_filename(plugin_path(), "renderer_csv.so", NULL);
    char *old = test_so("old_minor_21.so");
    copy_into(csv, plugins);
    copy_into(old, plugins);
    char *text =
        g_strdup_printf("[report]\ntimezone = UTC\n[abi21]\nbase_url = %s\n", w->mock.base);
    char *conf = write_conf(w->dir, text);
    char *out = g_build_filename(w->dir, "calls.csv", NULL);
    fetch_old_calls(conf, plugins, "abi21.calls", "ABI21_KEY=" OLD_KEY, out);
    g_free(out);
    g_free(conf);
    g_free(text);
    g_free(old);
    g_free(csv);
    g_free(plugins);
}

/* In the child before exec: SIGINT as a terminal would deliver it. */
static void
default_sigint(void *ud)
{
    (void)ud;
    signal(SIGINT, SIG_DFL);
}

/* Ctrl-C while the XLSX renderer rewrites its workbook for a combo chart
 * (tests/plugins/combo_stop.c stops the real renderer right after the
 * host's tmp_create, ABI 2.4, made the rewrite's file and it was written
 * into): the signal removes that file with the document's own temporary,
 * so nothing is left in the output folder, and the run dies by SIGINT. */
static void
ctrl_c_during_a_combo_rewrite_leaves_no_temporary_file(void **state)
{
    (void)state;
    struct samples S;
    samples_open(&S);
    const char *sos[] = {"combo_stop.so", NULL};
    char *plugins = plugins_with(S.dir, sos);
    char *xlsx = g_build_filename(plugin_path(), "renderer_xlsx.so", NULL);
    char *wrapped = g_strdup_printf("OR_TEST_WRAPPED_RENDERER=%s", xlsx);
    const char *env[] = {wrapped, NULL};
    char *out = g_build_filename(S.dir, "out", NULL);
    const char *args[] = {"--plugin-dir", plugins, "run", "rep-scorecard", "--format", "xlsxstop",
                          "--out",        out,     NULL};
    struct proc_result r;
    assert_int_equal(samples_run_setup(&S, args, env, 120, default_sigint, NULL, &r), 0);
    if (r.status != 128 + SIGINT) {
        fail_msg("status %d: %s", r.status, r.err);
    }
    assert_int_equal(
        test_count_lines_with(r.err, "outreport: stopped by SIGINT; unfinished files removed"), 1);
    assert_true(g_file_test(out, G_FILE_TEST_IS_DIR));
    assert_nothing_in(out);
    proc_result_free(&r);
    g_free(out);
    g_free(wrapped);
    g_free(xlsx);
    g_free(plugins);
    samples_close(&S);
}

/* tmp_create makes a private file beside the given path, named as the
 * host's own; tmp_done removes only what tmp_create made, once. */
static void
host_temporary_files_are_private_and_removed_only_by_their_maker(void **state)
{
    (void)state;
    char *dir = test_tmpdir();
    char *doc = g_build_filename(dir, "report.xlsx", NULL);
    assert_true(g_file_set_contents(doc, "a document", -1, NULL));
    struct or_host h;
    struct or_host_ctx ctx = {.plugin_name = "xlsx"};
    or_host_init(&h, &ctx);
    assert_true(OR_HOST_SINCE(&h, 4));
    char tmp[4096];
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(h.tmp_create(&h, doc, tmp, sizeof(tmp), err, sizeof(err)), OR_OK);
    char *prefix = g_build_filename(dir, ".report.xlsx.tmp-", NULL);
    assert_true(g_str_has_prefix(tmp, prefix));
    assert_int_equal(strlen(tmp), strlen(prefix) + 6);
    struct stat sb;
    assert_int_equal(stat(tmp, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    /* Too small a buffer: nothing is made. */
    char small[8];
    assert_int_equal(h.tmp_create(&h, doc, small, sizeof(small), err, sizeof(err)), OR_ERR_INVALID);
    /* A folder that is not there: the error names it. */
    char *nowhere = g_build_filename(dir, "no-such-folder", "x.xlsx", NULL);
    assert_int_equal(h.tmp_create(&h, nowhere, tmp + 0, 0, err, sizeof(err)), OR_ERR_INVALID);
    char other[4096];
    assert_int_equal(h.tmp_create(&h, nowhere, other, sizeof(other), err, sizeof(err)), OR_ERR_IO);
    assert_non_null(strstr(err, "cannot create a temporary file in "));
    assert_non_null(strstr(err, "no-such-folder: No such file or directory"));
    /* Only what tmp_create made, and only once. */
    assert_int_equal(h.tmp_done(&h, doc), OR_ERR_INVALID);
    assert_true(g_file_test(doc, G_FILE_TEST_EXISTS));
    assert_int_equal(h.tmp_done(&h, tmp), OR_OK);
    assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
    assert_int_equal(h.tmp_done(&h, tmp), OR_ERR_INVALID);
    assert_int_equal(h.tmp_done(&h, NULL), OR_ERR_INVALID);
    g_free(nowhere);
    g_free(prefix);
    g_free(doc);
    test_rmtree(dir);
    free(dir);
}

/* ------------------------------------------------------------------------- */
/* Config keys                                                                */
/* ------------------------------------------------------------------------- */

static void
misspelt_plugin_key_is_refused_before_any_fetch(void **state)
{
    struct world *w = *state;
    struct mockapi m = w->mock;
    const char *dir = w->dir;
    char *text = g_strdup_printf("[report]\ntimezone = UTC\n[salesfinity]\nbase_url = %s\n"
                                 "api_key_evn = SF_TEST_KEY\n",
                                 m.base);
    char *conf = write_conf(dir, text);
    char *out = g_build_filename(dir, "calls.csv", NULL);
    const char *argv[] = {proc_outreport(),       "--config", conf, "fetch",
                          "salesfinity.call-log", "-o",       out,  NULL};
    const char *env[] = {"SF_TEST_KEY=" SF_KEY, NULL};
    struct proc_result r;
    assert_int_equal(proc_run(argv, env, 60, &r), 0);
    assert_int_equal(r.status, 2);
    char *want =
        g_strdup_printf("%s: [salesfinity] api_key_evn: unknown key; did you mean "
                        "api_key_env? (known: base_url, api_key_env, meeting_dispositions)",
                        conf);
    assert_int_equal(test_count_lines_with(r.err, want), 1);
    assert_null(strchr(r.err, '\n') != NULL ? strchr(strchr(r.err, '\n') + 1, '\n') : NULL);
    assert_int_equal(mockapi_requests(&m), 0);
    assert_false(g_file_test(out, G_FILE_TEST_EXISTS));
    proc_result_free(&r);
    g_free(want);

    /* A typed key's value is checked too. */
    g_free(text);
    g_free(conf);
    text = g_strdup_printf("[saleshandy]\nauth = beare\n");
    conf = write_conf(dir, text);
    const char *argv2[] = {proc_outreport(), "--config", conf, "plugins", NULL};
    assert_int_equal(proc_run(argv2, NULL, 60, &r), 0);
    assert_int_equal(r.status, 2);
    assert_int_equal(test_count_lines_with(r.err, "[saleshandy] auth: invalid value 'beare' "
                                                  "(expected one of x-api-key,bearer)"),
                     1);
    proc_result_free(&r);

    g_free(out);
    g_free(conf);
    g_free(text);
}

static void
plugins_lists_each_plugins_config_keys(void **state)
{
    (void)state;
    const char *text[] = {proc_outreport(), "plugins", NULL};
    struct proc_result r;
    assert_int_equal(proc_run(text, NULL, 60, &r), 0);
    assert_int_equal(r.status, 0);
    assert_int_equal(
        test_count_lines_with(r.out, "[salesfinity] api_key_env (string, default "
                                     "SALESFINITY_API_KEY, names the variable holding the secret)"),
        1);
    assert_int_equal(test_count_lines_with(r.out, "[saleshandy] auth (enum: x-api-key,bearer, "
                                                  "default x-api-key): how the key is sent"),
                     1);
    assert_int_equal(test_count_lines_with(r.out, "[unpod] org_handle (string): the "
                                                  "organisation's domain handle"),
                     1);
    assert_int_equal(test_count_lines_with(r.out,
                                           "[unpod] base_url (string, default https://unpod.dev): "
                                           "address of the API"),
                     1);
    proc_result_free(&r);

    const char *json[] = {proc_outreport(), "plugins", "--json", NULL};
    assert_int_equal(proc_run(json, NULL, 60, &r), 0);
    json_t *root = json_loads(r.out, 0, NULL);
    assert_non_null(root);
    json_t *unpod = listed(root, "unpod");
    assert_true(json_is_true(json_object_get(unpod, "config_checked")));
    json_t *k = config_key(unpod, "product_id");
    assert_string_equal(json_string_value(json_object_get(k, "default")), "unpod.dev");
    k = config_key(unpod, "api_key_env");
    assert_true(json_is_true(json_object_get(k, "secret_env")));
    assert_string_equal(json_string_value(json_object_get(k, "default")), "UNPOD_TOKEN");
    k = config_key(unpod, "base_url");
    assert_true(json_is_true(json_object_get(k, "read_by_host")));
    assert_string_equal(json_string_value(json_object_get(k, "default")), "https://unpod.dev");
    k = config_key(listed(root, "saleshandy"), "auth");
    assert_string_equal(json_string_value(json_object_get(k, "type")), "enum");
    assert_string_equal(json_string_value(json_object_get(k, "choices")), "x-api-key,bearer");
    json_decref(root);
    proc_result_free(&r);
}

/* The host serves declared defaults and refuses keys a 2.1 plugin did not declare. */
static void
host_serves_declared_keys_and_refuses_others(void **state)
{
    (void)state;
    struct or_registry *reg = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_registry_load(plugin_path(), &reg, err, sizeof(err)), OR_OK);
    const struct or_loaded_plugin *sf = or_registry_find(reg, OR_PLUGIN_PROVIDER, "salesfinity");
    assert_non_null(sf);
    char *dir = test_tmpdir();
    char *conf = write_conf(dir, "[salesfinity]\napi_key_env = ABI_TEST_SF_KEY\n");
    struct or_config *cfg = NULL;
    assert_int_equal(or_config_load(conf, &cfg, err, sizeof(err)), OR_OK);
    struct or_host h;
    struct or_host_ctx ctx = {.plugin_name = "salesfinity", .plugin = sf->desc, .cfg = cfg};
    or_host_init(&h, &ctx);
    const char *v = NULL;

    assert_int_equal(h.config_get(&h, "api_key_env", &v), OR_OK);
    assert_string_equal(v, "ABI_TEST_SF_KEY");
    assert_int_equal(h.config_get(&h, "base_url", &v), OR_OK);
    assert_string_equal(v, "https://client-api.salesfinity.co"); /* the host key's default */
    v = "untouched";
    assert_int_equal(h.config_get(&h, "org_handle", &v), OR_ERR_INVALID);
    assert_null(v);
    g_setenv("ABI_TEST_SF_KEY", "secret-from-config", TRUE);
    assert_int_equal(h.secret_get(&h, "api_key_env", NULL, &v, err, sizeof(err)), OR_OK);
    assert_string_equal(v, "secret-from-config");
    assert_int_equal(h.secret_get(&h, "token_env", NULL, &v, err, sizeof(err)), OR_ERR_INVALID);
    or_config_free(cfg);

    /* Unset (or empty): the declared default names the variable. */
    g_free(conf);
    conf = write_conf(dir, "[salesfinity]\napi_key_env =\n");
    assert_int_equal(or_config_load(conf, &cfg, err, sizeof(err)), OR_OK);
    ctx.cfg = cfg;
    assert_int_equal(h.config_get(&h, "api_key_env", &v), OR_OK);
    assert_string_equal(v, "SALESFINITY_API_KEY");
    g_unsetenv("SALESFINITY_API_KEY");
    assert_int_equal(h.secret_get(&h, "api_key_env", NULL, &v, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "environment variable SALESFINITY_API_KEY is not set"));

    or_config_free(cfg);
    g_free(conf);
    test_rmtree(dir);
    free(dir);
    or_registry_free(reg);
}

/* Every member of ABI 2.1 keeps its offset and every enumerator its value,
 * and no struct shrank: what 2.2 added (the store's keeping, trends,
 * sparklines, the formatter's cells, split labels, currency) came after. */
/* Whether entry @p name may have grown in a later minor: a struct's size
 * (not or_value's, which is frozen), an enum's _COUNT (or OR_DISPLAY_SIZE)
 * and OR_ABI_MINOR. */
static int
may_grow(const char *name)
{
    size_t len = strlen(name);
    if (strncmp(name, "sizeof ", 7) == 0) {
        return strcmp(name, "sizeof or_value") != 0;
    }
    return (len > 6 && strcmp(name + len - 6, "_COUNT") == 0) ||
           strcmp(name, "OR_DISPLAY_SIZE") == 0 || strcmp(name, "OR_ABI_MINOR") == 0;
}

/* Every entry of @p old (the layout of minor 2.@p minor) is in include/'s
 * layout at the same place with the same value, or a larger one where it
 * may grow; returns how many entries @p old has. */
static size_t
only_appends(const struct or_abi_entry *old, int minor)
{
    size_t n = 0;
    for (; old->name != NULL; old++, n++) {
        const struct or_abi_entry *now = &or_abi_layout_now[n];
        assert_non_null(now->name);
        assert_string_equal(now->name, old->name);
        if (may_grow(old->name) ? now->value < old->value : now->value != old->value) {
            fail_msg("%s: %zu under 2.%d, %zu now", old->name, old->value, minor, now->value);
        }
    }
    return n;
}

static void
abi_2_2_only_appends_to_2_1(void **state)
{
    (void)state;
    assert_true(only_appends(or_abi_layout_2_1, 1) > 200);
    /* And the structs that grew did grow, by 2.2's members. */
    assert_true(sizeof(struct or_host) >
                offsetof(struct or_host, format_change) + sizeof(void *) + sizeof(void *));
    assert_true(offsetof(struct or_endpoint, keeping) > offsetof(struct or_endpoint, instances));
    assert_true(offsetof(struct or_kpi, spark) > offsetof(struct or_kpi, lower_is_better));
    assert_true(offsetof(struct or_chart, mark_col) > offsetof(struct or_chart, horizontal));
    assert_true(offsetof(struct or_report, currency) > offsetof(struct or_report, author));
    assert_true(offsetof(struct or_host, format_kpi) > offsetof(struct or_host, format_cell));
    assert_int_equal(OR_FMT_CURRENCY, OR_FMT_TEXT + 1);
    assert_int_equal(OR_CHART_TREND, OR_CHART_FUNNEL + 1);
    /* The vendors' members of 2.2 came after the store's, in the same minor. */
    assert_true(offsetof(struct or_endpoint, cumulative) >
                offsetof(struct or_endpoint, record_day));
    assert_true(offsetof(struct or_host, count_repaired) > offsetof(struct or_host, format_kpi));
    assert_true(offsetof(struct or_query, lookup) > offsetof(struct or_query, instance));
    assert_true(offsetof(struct or_source_status, fetched_at) >
                offsetof(struct or_source_status, rows));
}

/* ABI 2.2 is released (tests/abi/2.2 holds its headers as shipped): 2.3
 * keeps every member, size and enumerator of 2.1 and 2.2 where it was, so a
 * plugin built against them runs unchanged, and appends after them the
 * brand, conditional formats, the locale, the catalogue's texts and the
 * heatmap, combo and stacked area charts. */
static void
abi_2_3_only_appends_to_2_2(void **state)
{
    (void)state;
    size_t n = only_appends(or_abi_layout_2_2, 2);
    assert_int_equal(OR_CHART_HEATMAP, OR_CHART_TREND + 1);
    assert_true(offsetof(struct or_chart, y_col) > offsetof(struct or_chart, mark_col));
    assert_int_equal(or_abi_layout_2_2[n - 1].value, 2); /* OR_ABI_MINOR, the last entry */
    assert_non_null(or_abi_layout_now[n].name);          /* 2.3's entries follow */
    assert_true(OR_ABI_MINOR >= 3);
    assert_true(offsetof(struct or_result_column, cond) > offsetof(struct or_result_column, align));
    assert_true(offsetof(struct or_kpi, cond) > offsetof(struct or_kpi, spark));
    assert_true(offsetof(struct or_report, brand) > offsetof(struct or_report, currency));
    assert_true(offsetof(struct or_report, locale) > offsetof(struct or_report, brand));
    assert_true(offsetof(struct or_host, text) > offsetof(struct or_host, count_repaired));
}

/* ABI 2.3 is released (tests/abi/2.3): 2.4 keeps every entry of 2.1 to 2.3
 * where it was and appends the host's temporary files after ::or_host.text,
 * so a plugin of 2.3 or older runs unchanged; one of 2.4 reads them only
 * when OR_HOST_SINCE(h, 4). */
static void
abi_2_4_only_appends_to_2_3(void **state)
{
    (void)state;
    size_t n = only_appends(or_abi_layout_2_3, 3);
    assert_true(n > only_appends(or_abi_layout_2_2, 2));
    assert_int_equal(or_abi_layout_2_3[n - 1].value, 3); /* OR_ABI_MINOR, the last entry */
    assert_non_null(or_abi_layout_now[n].name);          /* 2.4's entries follow */
    assert_int_equal(OR_ABI_MINOR, 4);
    assert_true(offsetof(struct or_host, tmp_create) > offsetof(struct or_host, text));
    assert_true(offsetof(struct or_host, tmp_done) > offsetof(struct or_host, tmp_create));
    assert_int_equal(sizeof(struct or_host), offsetof(struct or_host, tmp_done) + sizeof(void *));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(abi_2_2_only_appends_to_2_1),
        cmocka_unit_test(abi_2_3_only_appends_to_2_2),
        cmocka_unit_test(abi_2_4_only_appends_to_2_3),
        cmocka_unit_test(old_renderer_names_the_person_of_a_split_in_its_title),
        cmocka_unit_test(charts_a_renderer_predates_reach_it_as_the_faithful_older_kind),
        cmocka_unit_test(chart_a_2_2_renderer_predates_is_refused_before_anything_is_written),
        cmocka_unit_test(ctrl_c_during_a_combo_rewrite_leaves_no_temporary_file),
        cmocka_unit_test(host_temporary_files_are_private_and_removed_only_by_their_maker),
        cmocka_unit_test_setup_teardown(old_minor_plugin_is_listed_and_fetched_by_a_newer_host,
                                        world_up_old, world_down),
        cmocka_unit_test(host_reads_a_2_0_plugin_only_within_its_structs),
        cmocka_unit_test(host_reads_a_2_1_plugin_only_within_its_structs),
        cmocka_unit_test_setup_teardown(plugin_of_2_1_is_fetched_by_a_2_2_host, world_up_old,
                                        world_down),
        cmocka_unit_test_setup_teardown(misspelt_plugin_key_is_refused_before_any_fetch,
                                        world_up_sf, world_down),
        cmocka_unit_test(plugins_lists_each_plugins_config_keys),
        cmocka_unit_test(host_serves_declared_keys_and_refuses_others),
    };
    return cmocka_run_group_tests_name("plugin_abi", tests, NULL, NULL);
}
