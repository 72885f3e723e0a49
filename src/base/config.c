/* SPDX-License-Identifier: MIT */
/* The INI configuration: see config.h. */
#include "base/config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "base/readfile.h"
#include "base/status_str.h"
#include "or_config.h"

/* A configuration or jobs file is a few kilobytes; anything near this is
 * not one (a log, a database, /dev/zero) and is refused unread. */
#define CONFIG_MAX_BYTES (1024 * 1024)

struct or_config {
    char *path;          /* the file read last (the user's), or NULL */
    GHashTable *values;  /* "section\x1fkey" -> value, both owned */
    GHashTable *origins; /* "section\x1fkey" and "section" -> where from (borrowed from files) */
    GPtrArray *sections; /* section names in file order, owned */
    GPtrArray *files;    /* the files read, lowest precedence first, owned */
};

/* Where a value set by or_config_set() comes from. */
static const char command_line[] = "command line";

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
    cfg->origins = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    cfg->sections = g_ptr_array_new_with_free_func(g_free);
    cfg->files = g_ptr_array_new_with_free_func(g_free);
    return cfg;
}

void
or_config_free(struct or_config *cfg)
{
    if (cfg == NULL) {
        return;
    }
    g_hash_table_destroy(cfg->values);
    g_hash_table_destroy(cfg->origins);
    g_ptr_array_free(cfg->sections, TRUE);
    g_ptr_array_free(cfg->files, TRUE);
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

or_status
or_config_long(const struct or_config *cfg, const char *section, const char *key, long min,
               long max, long *out, int *set, char *err, size_t errlen)
{
    const char *v = or_config_get(cfg, section, key);
    *set = 0;
    if (v == NULL) {
        return OR_OK;
    }
    char *end = NULL;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
        or_set_err(err, errlen, "config [%s] %s: '%s' is not a number from %ld to %ld", section,
                   key, v, min, max);
        return OR_ERR_CONFIG;
    }
    *out = n;
    *set = 1;
    return OR_OK;
}

/* Records that @p section exists, first seen in @p origin. */
static void
add_section(struct or_config *cfg, const char *section, const char *origin)
{
    if (!g_hash_table_contains(cfg->origins, section)) {
        g_ptr_array_add(cfg->sections, g_strdup(section));
        g_hash_table_insert(cfg->origins, g_strdup(section), (gpointer)origin);
    }
}

static void
put(struct or_config *cfg, const char *section, const char *key, char *value, const char *origin)
{
    add_section(cfg, section, origin);
    g_hash_table_replace(cfg->values, make_key(section, key), value);
    g_hash_table_replace(cfg->origins, make_key(section, key), (gpointer)origin);
}

void
or_config_set(struct or_config *cfg, const char *section, const char *key, const char *value)
{
    put(cfg, section, key, g_strdup(value), command_line);
}

const char *
or_config_path(const struct or_config *cfg)
{
    return cfg->path;
}

const char *
or_config_origin(const struct or_config *cfg, const char *section, const char *key)
{
    if (cfg == NULL) {
        return NULL;
    }
    if (key == NULL) {
        return g_hash_table_lookup(cfg->origins, section);
    }
    char *k = make_key(section, key);
    const char *v = g_hash_table_lookup(cfg->origins, k);
    g_free(k);
    return v;
}

const char *const *
or_config_files(const struct or_config *cfg, size_t *n)
{
    *n = cfg->files->len;
    return (const char *const *)cfg->files->pdata;
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

/* A value such as https://user:secret@host puts a secret in the file just
 * as api_key = ... would: a password in the authority part of a URL. */
static int
holds_url_password(const char *value)
{
    const char *scheme_end = strstr(value, "://");
    if (scheme_end == NULL) {
        return 0;
    }
    const char *authority = scheme_end + 3;
    size_t len = strcspn(authority, "/?#");
    const char *at = NULL;
    for (size_t i = 0; i < len; i++) {
        at = authority[i] == '@' ? authority + i : at;
    }
    return at != NULL && memchr(authority, ':', (size_t)(at - authority)) != NULL;
}

/* The system-wide file: $OUTREPORT_SYSCONFDIR (tests, containers), else the
 * build's sysconfdir (/etc for a package), then outreport/outreport.conf. */
static char *
system_config(void)
{
    const char *dir = g_getenv("OUTREPORT_SYSCONFDIR");
    if (dir == NULL || *dir == '\0') {
        dir = OR_SYSCONF_DIR;
    }
    return g_build_filename(dir, "outreport", "outreport.conf", NULL);
}

/* The user's file: ./outreport.conf, else $XDG_CONFIG_HOME/outreport/outreport.conf. */
static char *
user_config(void)
{
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

/* The files to read, lowest precedence first (config.h). */
static GPtrArray *
find_configs(const char *explicit_path)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    const char *env = g_getenv("OUTREPORT_CONFIG");
    if (explicit_path != NULL) {
        g_ptr_array_add(files, g_strdup(explicit_path));
    }
    else if (env != NULL && *env != '\0') {
        g_ptr_array_add(files, g_strdup(env));
    }
    else {
        char *sys = system_config();
        char *user = user_config();
        if (g_file_test(sys, G_FILE_TEST_IS_REGULAR)) {
            g_ptr_array_add(files, sys);
        }
        else {
            g_free(sys);
        }
        if (user != NULL) {
            g_ptr_array_add(files, user);
        }
    }
    return files;
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
            /* A value may begin with '#' ("accent = #0A5FA8"): only a marker
             * after the value's first character starts a comment. */
            const char *eq = strchr(*l, '=');
            size_t value_at = n;
            if (eq != NULL) {
                value_at = (size_t)(eq - *l) + 1;
                while (value_at < n && ((*l)[value_at] == ' ' || (*l)[value_at] == '\t')) {
                    value_at++;
                }
            }
            for (size_t i = 1; i < n; i++) {
                if (i != value_at && ((*l)[i] == ';' || (*l)[i] == '#') &&
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

/* The file's text: at most CONFIG_MAX_BYTES, no NUL byte (GKeyFile would
 * silently drop everything after it), no byte order mark. */
static or_status
read_text(const char *path, char **text, char *err, size_t errlen)
{
    size_t len = 0;
    char why[OR_ERR_SIZE / 2] = "";
    or_status st = or_read_file_max(path, CONFIG_MAX_BYTES, text, &len, why, sizeof(why));
    if (st == OR_ERR_NOT_FOUND) {
        or_set_err(err, errlen, "config %s: no such file", path);
        return OR_ERR_CONFIG;
    }
    if (st == OR_ERR_INVALID) {
        or_set_err(err, errlen, "config %s: larger than %d KiB; not a configuration file", path,
                   CONFIG_MAX_BYTES / 1024);
        return OR_ERR_CONFIG;
    }
    if (st != OR_OK) {
        or_set_err(err, errlen, "config %s", why);
        return OR_ERR_CONFIG;
    }
    const char *nul = memchr(*text, '\0', len);
    if (len >= 3 && memcmp(*text, "\xef\xbb\xbf", 3) == 0) {
        or_set_err(err, errlen,
                   "config %s: byte offset 0: a UTF-8 byte order mark; save the file as UTF-8 "
                   "without BOM",
                   path);
        st = OR_ERR_CONFIG;
    }
    else if (nul != NULL) {
        or_set_err(err, errlen,
                   "config %s: byte offset %zu: a NUL byte; a configuration is plain text", path,
                   (size_t)(nul - *text));
        st = OR_ERR_CONFIG;
    }
    if (st != OR_OK) {
        g_free(*text);
        *text = NULL;
    }
    return st;
}

/* The values of @p kf, read from @p path (owned by cfg->files), over those
 * read before. */
static or_status
copy_values(struct or_config *cfg, GKeyFile *kf, const char *path, char *err, size_t errlen)
{
    gsize ngroups = 0;
    char **groups = g_key_file_get_groups(kf, &ngroups);
    or_status st = OR_OK;

    for (gsize g = 0; g < ngroups && st == OR_OK; g++) {
        add_section(cfg, groups[g], path);
        gsize nkeys = 0;
        char **keys = g_key_file_get_keys(kf, groups[g], &nkeys, NULL);
        for (gsize k = 0; keys != NULL && k < nkeys; k++) {
            if (is_secret_key(keys[k])) {
                or_set_err(err, errlen,
                           "%s: [%s] %s: a config file must not hold secrets; name the "
                           "environment variable instead (e.g. %s_env = VARIABLE)",
                           path, groups[g], keys[k], keys[k]);
                st = OR_ERR_CONFIG;
                break;
            }
            char *v = g_key_file_get_value(kf, groups[g], keys[k], NULL);
            if (v != NULL && holds_url_password(v)) {
                /* Never echo the value: it holds the password. */
                or_set_err(err, errlen,
                           "%s: [%s] %s: the URL holds a password: a config file must not hold "
                           "secrets; remove user:password@ and put the credential in the "
                           "environment variable a *_env key names",
                           path, groups[g], keys[k]);
                g_free(v);
                st = OR_ERR_CONFIG;
                break;
            }
            if (v != NULL) {
                g_strstrip(v);
                put(cfg, groups[g], keys[k], v, path);
            }
        }
        g_strfreev(keys);
    }
    g_strfreev(groups);
    return st;
}

/* Reads @p path over what @p cfg holds; @p path is owned by cfg->files. */
static or_status
load_file(struct or_config *cfg, const char *path, char *err, size_t errlen)
{
    GError *gerr = NULL;
    char *text = NULL;
    or_status st = read_text(path, &text, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    char *clean = normalise_comments(text);
    g_free(text);
    GKeyFile *kf = g_key_file_new();
    gboolean ok = g_key_file_load_from_data(kf, clean, (gsize)-1, G_KEY_FILE_NONE, &gerr);
    g_free(clean);
    if (!ok) {
        or_set_err(err, errlen, "config %s: %s", path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_CONFIG;
    }
    else {
        st = copy_values(cfg, kf, path, err, errlen);
    }
    g_key_file_free(kf);
    return st;
}

or_status
or_config_load(const char *explicit_path, struct or_config **out, char *err, size_t errlen)
{
    struct or_config *cfg = or_config_new_empty();
    GPtrArray *files = find_configs(explicit_path);
    or_status st = OR_OK;

    *out = NULL;
    for (guint i = 0; i < files->len && st == OR_OK; i++) {
        const char *path = g_ptr_array_index(files, i);
        g_ptr_array_add(cfg->files, g_strdup(path));
        st = load_file(cfg, g_ptr_array_index(cfg->files, cfg->files->len - 1), err, errlen);
    }
    g_ptr_array_free(files, TRUE);
    if (st != OR_OK) {
        or_config_free(cfg);
        return st;
    }
    if (cfg->files->len > 0) {
        cfg->path = g_strdup(g_ptr_array_index(cfg->files, cfg->files->len - 1));
    }
    *out = cfg;
    return OR_OK;
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
