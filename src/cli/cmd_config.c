/* SPDX-License-Identifier: MIT */
/*
 * `outreport config --show`: the configuration in effect, key by key, with
 * the file each value came from (or "default").  A key naming an environment
 * variable (api_key_env, password_env) shows the variable's name and whether
 * it is set (in the environment or as a systemd credential), never its
 * value; no value from the environment is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config_check.h"
#include "base/secret.h"
#include "cli/cli.h"
#include "plugin/plugin_config.h"

#define VALUE_WIDTH 44

static int
by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One line: "key = value", then where it came from.  @p env_key: the value
 * names an environment variable; say whether it is set, not what it holds. */
static void
print_value(FILE *out, const char *key, const char *value, const char *origin, int env_key)
{
    char *line = g_strdup_printf("%s = %s", key, value);
    const char *from = NULL;
    if (env_key) {
        (void)or_secret_env(value, &from); /* only whether, never what */
    }
    fprintf(out, "%-*s ; %s%s%s%s%s\n", VALUE_WIDTH, line, origin, env_key ? "; $" : "",
            env_key ? value : "",
            !env_key       ? ""
            : from != NULL ? " is set: "
                           : " is not set",
            from != NULL ? from : "");
    g_free(line);
}

static int
is_env_key(const char *key)
{
    return g_str_has_suffix(key, "_env");
}

/* Prints the section header once, before its first value. */
static void
header(FILE *out, const char *section, int *started)
{
    if (!*started) {
        fprintf(out, "\n[%s]\n", section);
        *started = 1;
    }
}

/* The keys of @p section set in @p cfg and not in @p skip (NULL-terminated
 * or NULL), sorted. */
static void
print_set_keys(FILE *out, const struct or_config *cfg, const char *section, const char *const *skip,
               int *started)
{
    char **keys = or_config_keys(cfg, section);
    qsort(keys, g_strv_length(keys), sizeof(*keys), by_name);
    for (char **k = keys; *k != NULL; k++) {
        if (skip == NULL || !g_strv_contains(skip, *k)) {
            header(out, section, started);
            print_value(out, *k, or_config_get(cfg, section, *k),
                        or_config_origin(cfg, section, *k), is_env_key(*k));
        }
    }
    g_strfreev(keys);
}

/* A plugin's section: every key it declares, set or with its default. */
static void
print_plugin(FILE *out, const struct or_config *cfg, const struct or_plugin *p)
{
    int started = 0;
    struct or_plugin_key k;
    GPtrArray *names = g_ptr_array_new();
    for (size_t i = 0; or_plugin_key_at(p, i, &k); i++) {
        const char *v = or_config_get(cfg, p->name, k.key.name);
        g_ptr_array_add(names, (gpointer)k.key.name);
        if (v == NULL && k.key.default_value == NULL) {
            continue;
        }
        header(out, p->name, &started);
        print_value(out, k.key.name, v != NULL ? v : k.key.default_value,
                    v != NULL ? or_config_origin(cfg, p->name, k.key.name) : "default",
                    k.key.secret_env || is_env_key(k.key.name));
    }
    g_ptr_array_add(names, NULL);
    /* A plugin that declares no keys (ABI 2.0) reads whatever is set. */
    print_set_keys(out, cfg, p->name, (const char *const *)names->pdata, &started);
    g_ptr_array_free(names, TRUE);
}

static void
print_files(FILE *out, const struct or_config *cfg)
{
    size_t n = 0;
    const char *const *files = or_config_files(cfg, &n);
    fputs("; outreport: the configuration in effect\n", out);
    if (n == 0) {
        fputs("; no configuration file was found: every key has its default\n", out);
    }
    else {
        fputs("; files read, each overriding the one before key by key:\n", out);
    }
    for (size_t i = 0; i < n; i++) {
        fprintf(out, ";   %s\n", files[i]);
    }
    const char *store = getenv("OUTREPORT_STORE");
    if (store != NULL && *store != '\0') {
        fputs("; $OUTREPORT_STORE is set and replaces [store] url (its value is not shown)\n", out);
    }
}

int
or_cmd_config(struct or_app *app)
{
    FILE *out = stdout;
    GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
    size_t ncore = 0;
    const struct or_config_section *core = or_config_core_sections(&ncore);

    print_files(out, app->cfg);
    for (size_t i = 0; i < ncore; i++) {
        int started = 0;
        print_set_keys(out, app->cfg, core[i].name, NULL, &started);
        g_hash_table_add(done, (gpointer)core[i].name);
    }
    for (size_t i = 0; app->reg != NULL && i < app->reg->nplugins; i++) {
        const struct or_plugin *p = app->reg->plugins[i].desc;
        if (!g_hash_table_contains(done, p->name)) {
            print_plugin(out, app->cfg, p);
            g_hash_table_add(done, (gpointer)p->name);
        }
    }
    size_t nsec = 0;
    const char *const *sections = or_config_sections(app->cfg, &nsec);
    for (size_t i = 0; i < nsec; i++) {
        int started = 0;
        if (!g_hash_table_contains(done, sections[i])) {
            print_set_keys(out, app->cfg, sections[i], NULL, &started);
        }
    }
    fputs("\n; keys not listed take their defaults (outreport(1), FILES)\n", out);
    g_hash_table_destroy(done);
    return fflush(out) == 0 ? OR_EXIT_OK : OR_EXIT_FAILURE;
}
