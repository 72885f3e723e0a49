/* SPDX-License-Identifier: MIT */
/* The INI configuration: see config.h. */
#include "base/config.h"

#include <string.h>

#include <glib.h>

#include "base/status_str.h"

struct or_config {
    char *path;
    GHashTable *values;  /* "section\x1fkey" -> value, both owned */
    GPtrArray *sections; /* section names in file order, owned */
};

static char *
make_key(const char *section, const char *key)
{
    return g_strconcat(section, "\x1f", key, NULL);
}

struct or_config *
or_config_new_empty(void)
{
    struct or_config *cfg = g_new0(struct or_config, 1);
    cfg->values = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    cfg->sections = g_ptr_array_new_with_free_func(g_free);
    return cfg;
}

void
or_config_free(struct or_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    g_hash_table_destroy(cfg->values);
    g_ptr_array_free(cfg->sections, TRUE);
    g_free(cfg->path);
    g_free(cfg);
}

const char *
or_config_get(const struct or_config *cfg, const char *section, const char *key)
{
    if (cfg == NULL) {
        return NULL;
    }
    char *k = make_key(section, key);
    const char *v = g_hash_table_lookup(cfg->values, k);
    g_free(k);
    return v;
}

void
or_config_set(struct or_config *cfg, const char *section, const char *key, const char *value)
{
    g_hash_table_replace(cfg->values, make_key(section, key), g_strdup(value));
}

const char *
or_config_path(const struct or_config *cfg)
{
    return cfg->path;
}

/* A key that looks like it holds a secret itself rather than naming the
 * environment variable that does. */
static int
is_secret_key(const char *key)
{
    static const char *const names[] = {"api_key",  "apikey", "key", "token",
                                        "password", "secret", "jwt", "pass"};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (g_ascii_strcasecmp(key, names[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

static char *
find_config(const char *explicit_path)
{
    if (explicit_path != NULL) {
        return g_strdup(explicit_path);
    }
    const char *env = g_getenv("OUTREPORT_CONFIG");
    if (env != NULL && *env != '\0') {
        return g_strdup(env);
    }
    if (g_file_test("outreport.conf", G_FILE_TEST_IS_REGULAR)) {
        return g_strdup("outreport.conf");
    }
    char *xdg = g_build_filename(g_get_user_config_dir(), "outreport", "outreport.conf", NULL);
    if (g_file_test(xdg, G_FILE_TEST_IS_REGULAR)) {
        return xdg;
    }
    g_free(xdg);
    return NULL;
}

/* GKeyFile knows only '#' comments at the start of a line; INI users write
 * ';' too, and comments after a value ("timezone = UTC   ; default").  Turn
 * both into something GKeyFile reads. */
static char *
normalise_comments(const char *text)
{
    GString *out = g_string_sized_new(strlen(text) + 1);
    char **lines = g_strsplit(text, "\n", -1);
    for (char **l = lines; *l != NULL; l++) {
        const char *p = *l;
        while (*p == ' ' || *p == '\t') {
            p++;
        }
        if (*p == ';' || *p == '#') {
            g_string_append_c(out, '#');
            g_string_append(out, p + 1);
        }
        else {
            size_t n = strlen(*l);
            for (size_t i = 1; i < n; i++) {
                if (((*l)[i] == ';' || (*l)[i] == '#') &&
                    ((*l)[i - 1] == ' ' || (*l)[i - 1] == '\t')) {
                    n = i;
                    break;
                }
            }
            g_string_append_len(out, *l, (gssize)n);
        }
        if (l[1] != NULL) {
            g_string_append_c(out, '\n');
        }
    }
    g_strfreev(lines);
    return g_string_free(out, FALSE);
}

static or_status
copy_values(struct or_config *cfg, GKeyFile *kf, char *err, size_t errlen)
{
    gsize ngroups = 0;
    char **groups = g_key_file_get_groups(kf, &ngroups);
    or_status st = OR_OK;

    for (gsize g = 0; g < ngroups && st == OR_OK; g++) {
        g_ptr_array_add(cfg->sections, g_strdup(groups[g]));
        gsize nkeys = 0;
        char **keys = g_key_file_get_keys(kf, groups[g], &nkeys, NULL);
        for (gsize k = 0; keys != NULL && k < nkeys; k++) {
            if (is_secret_key(keys[k])) {
                or_set_err(err, errlen,
                           "%s: [%s] %s: a config file must not hold secrets; name the "
                           "environment variable instead (e.g. %s_env = VARIABLE)",
                           cfg->path, groups[g], keys[k], keys[k]);
                st = OR_ERR_CONFIG;
                break;
            }
            char *v = g_key_file_get_value(kf, groups[g], keys[k], NULL);
            if (v != NULL) {
                g_strstrip(v);
                g_hash_table_replace(cfg->values, make_key(groups[g], keys[k]), v);
            }
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return st;
}

or_status
or_config_load(const char *explicit_path, struct or_config **out, char *err, size_t errlen)
{
    struct or_config *cfg = or_config_new_empty();
    GKeyFile *kf = NULL;
    GError *gerr = NULL;
    or_status st = OR_OK;

    *out = NULL;
    cfg->path = find_config(explicit_path);
    if (cfg->path == NULL) {
        *out = cfg;
        return OR_OK;
    }
    kf = g_key_file_new();
    char *text = NULL;
    if (!g_file_get_contents(cfg->path, &text, NULL, &gerr)) {
        or_set_err(err, errlen, "config %s: %s", cfg->path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_CONFIG;
        goto fail;
    }
    char *clean = normalise_comments(text);
    g_free(text);
    gboolean ok = g_key_file_load_from_data(kf, clean, (gsize)-1, G_KEY_FILE_NONE, &gerr);
    g_free(clean);
    if (!ok) {
        or_set_err(err, errlen, "config %s: %s", cfg->path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_CONFIG;
        goto fail;
    }
    st = copy_values(cfg, kf, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    g_key_file_free(kf);
    *out = cfg;
    return OR_OK;

fail:
    if (kf != NULL) {
        g_key_file_free(kf);
    }
    or_config_free(cfg);
    return st;
}

const char *const *
or_config_sections(const struct or_config *cfg, size_t *n)
{
    *n = cfg->sections->len;
    return (const char *const *)cfg->sections->pdata;
}

char **
or_config_keys(const struct or_config *cfg, const char *section)
{
    GPtrArray *out = g_ptr_array_new();
    GHashTableIter it;
    gpointer k, v;
    size_t plen = strlen(section);
    g_hash_table_iter_init(&it, cfg->values);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const char *key = k;
        if (strncmp(key, section, plen) == 0 && key[plen] == '\x1f') {
            g_ptr_array_add(out, g_strdup(key + plen + 1));
        }
    }
    g_ptr_array_add(out, NULL);
    return (char **)g_ptr_array_free(out, FALSE);
}
