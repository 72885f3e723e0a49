/* SPDX-License-Identifier: MIT */
#include "plugin/plugin_loader.h"

#include <dirent.h>
#include <dlfcn.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/log.h"
#include "base/selfpath.h"
#include "or_config.h"
#include "plugin/endpoint.h"

static const char *
kind_name(enum or_plugin_kind k)
{
    return k == OR_PLUGIN_PROVIDER ? "provider" : "renderer";
}

/* Each struct a plugin declares must hold at least the members of ABI 2.0;
 * members added later are read only where OR_HAS_MEMBER says they exist. */
#define HAS_2_0(p, type, last) ((p) != NULL && OR_HAS_MEMBER(p, type, last))

static or_status
check_params(const struct or_param *const *params, size_t n, const char *owner, char *err,
             size_t errlen)
{
    if (n > 0 && params == NULL) {
        snprintf(err, errlen, "%s: %zu parameters declared but no list", owner, n);
        return OR_ERR_PLUGIN;
    }
    for (size_t i = 0; i < n; i++) {
        if (!HAS_2_0(params[i], struct or_param, choices) || params[i]->name == NULL) {
            snprintf(err, errlen,
                     "%s: parameter %zu is missing, unnamed or smaller than ABI 2.0's or_param",
                     owner, i);
            return OR_ERR_PLUGIN;
        }
    }
    return OR_OK;
}

static or_status
check_columns(const struct or_endpoint *e, char *err, size_t errlen)
{
    for (size_t c = 0; c < e->ncolumns; c++) {
        const struct or_column *col = e->columns[c];
        if (!HAS_2_0(col, struct or_column, description) || col->name == NULL ||
            (unsigned)col->type >= OR_TYPE_COUNT) {
            snprintf(err, errlen,
                     "endpoint %s: column %zu is missing, unnamed, of no known type or smaller "
                     "than ABI 2.0's or_column",
                     e->name, c);
            return OR_ERR_PLUGIN;
        }
    }
    return OR_OK;
}

/* The type of column @p name of @p e; OR_TYPE_COUNT when it has none. */
static enum or_type
column_type(const struct or_endpoint *e, const char *name)
{
    for (size_t c = 0; name != NULL && c < e->ncolumns; c++) {
        if (strcmp(e->columns[c]->name, name) == 0) {
            return e->columns[c]->type;
        }
    }
    return OR_TYPE_COUNT;
}

/* Since 2.2: how the store keeps the rows names columns the endpoint has. */
static or_status
check_keeping(const struct or_endpoint *e, char *err, size_t errlen)
{
    if (!OR_HAS_MEMBER(e, struct or_endpoint, record_day) || e->keeping == OR_KEEP_UNSAID) {
        return OR_OK;
    }
    if ((unsigned)e->keeping >= OR_KEEP_COUNT) {
        snprintf(err, errlen, "endpoint %s: keeping %d is no known kind", e->name, e->keeping);
        return OR_ERR_PLUGIN;
    }
    for (const char *const *k = e->record_key; k != NULL && *k != NULL; k++) {
        if (column_type(e, *k) == OR_TYPE_COUNT && !e->dynamic_columns) {
            snprintf(err, errlen, "endpoint %s: record_key names no column '%s'", e->name, *k);
            return OR_ERR_PLUGIN;
        }
    }
    if (e->keeping == OR_KEEP_RECORDS && column_type(e, e->record_day) != OR_TYPE_TIME) {
        snprintf(err, errlen, "endpoint %s: keeping records needs record_day, a time column",
                 e->name);
        return OR_ERR_PLUGIN;
    }
    return OR_OK;
}

static or_status
check_endpoint(const struct or_endpoint *e, size_t i, char *err, size_t errlen)
{
    if (!HAS_2_0(e, struct or_endpoint, instances)) {
        snprintf(err, errlen, "endpoint %zu is missing or smaller than ABI 2.0's or_endpoint", i);
        return OR_ERR_PLUGIN;
    }
    if (e->name == NULL || e->table == NULL || e->columns == NULL || e->ncolumns == 0) {
        snprintf(err, errlen, "endpoint %zu lacks a name, table or columns", i);
        return OR_ERR_PLUGIN;
    }
    if (e->build_request == NULL || e->parse_page == NULL) {
        snprintf(err, errlen, "endpoint %s lacks build_request or parse_page", e->name);
        return OR_ERR_PLUGIN;
    }
    or_status st = check_columns(e, err, errlen);
    if (st == OR_OK) {
        st = check_keeping(e, err, errlen);
    }
    return st != OR_OK ? st : check_params(e->params, e->nparams, e->name, err, errlen);
}

static or_status
check_provider(const struct or_provider *pv, char *err, size_t errlen)
{
    if (!HAS_2_0(pv, struct or_provider, default_base_url)) {
        snprintf(err, errlen, "provider part is missing or smaller than ABI 2.0's");
        return OR_ERR_PLUGIN;
    }
    if (pv->endpoints == NULL || pv->nendpoints == 0) {
        snprintf(err, errlen, "provider declares no endpoints");
        return OR_ERR_PLUGIN;
    }
    for (size_t i = 0; i < pv->nendpoints; i++) {
        or_status st = check_endpoint(pv->endpoints[i], i, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    return or_endpoint_check_lookups(pv, err, errlen);
}

static or_status
check_renderer(const struct or_renderer *r, char *err, size_t errlen)
{
    if (!HAS_2_0(r, struct or_renderer, streams)) {
        snprintf(err, errlen, "renderer part is missing or smaller than ABI 2.0's");
        return OR_ERR_PLUGIN;
    }
    if (r->format == NULL || r->render == NULL) {
        snprintf(err, errlen, "renderer lacks a format or render function");
        return OR_ERR_PLUGIN;
    }
    return check_params(r->options, r->noptions, "renderer options", err, errlen);
}

/* The version check: the only part that reads a descriptor of any ABI. */
static or_status
check_version(const struct or_plugin *p, char *err, size_t errlen)
{
    if (p->abi_major != OR_ABI_MAJOR) {
        /* ABI 1 had one version number where abi_major is now. */
        char theirs[32];
        if (p->abi_major < 2) {
            snprintf(theirs, sizeof(theirs), "%u", (unsigned)p->abi_major);
        }
        else {
            snprintf(theirs, sizeof(theirs), "%u.%u", (unsigned)p->abi_major,
                     (unsigned)p->abi_minor);
        }
        snprintf(err, errlen,
                 "built for plugin ABI %s, this outreport has plugin ABI %d.%d (rebuild the "
                 "plugin against this outreport's outreport/plugin.h)",
                 theirs, OR_ABI_MAJOR, OR_ABI_MINOR);
        return OR_ERR_PLUGIN;
    }
    if (p->abi_minor > OR_ABI_MINOR) {
        snprintf(err, errlen,
                 "built for plugin ABI %u.%u, newer than this outreport's plugin ABI %d.%d "
                 "(upgrade outreport)",
                 (unsigned)p->abi_major, (unsigned)p->abi_minor, OR_ABI_MAJOR, OR_ABI_MINOR);
        return OR_ERR_PLUGIN;
    }
    if (!OR_HAS_MEMBER(p, struct or_plugin, renderer)) {
        snprintf(err, errlen, "descriptor of %u bytes is smaller than ABI 2.0's",
                 (unsigned)p->size);
        return OR_ERR_PLUGIN;
    }
    return OR_OK;
}

/* Keys declared since ABI 2.1: only when the descriptor has the member. */
static or_status
check_config_keys(const struct or_plugin *p, char *err, size_t errlen)
{
    if (!OR_HAS_MEMBER(p, struct or_plugin, nconfig_keys)) {
        return OR_OK;
    }
    if (p->nconfig_keys > 0 && p->config_keys == NULL) {
        snprintf(err, errlen, "%zu config keys declared but no list", p->nconfig_keys);
        return OR_ERR_PLUGIN;
    }
    for (size_t i = 0; i < p->nconfig_keys; i++) {
        const struct or_config_key *k = p->config_keys[i];
        if (k == NULL || !OR_HAS_MEMBER(k, struct or_config_key, secret_env) || k->name == NULL ||
            k->name[0] == '\0' || (unsigned)k->type >= OR_PARAM_COUNT) {
            snprintf(err, errlen,
                     "config key %zu is missing, unnamed, of no known type or smaller than ABI "
                     "2.1's or_config_key",
                     i);
            return OR_ERR_PLUGIN;
        }
    }
    return OR_OK;
}

or_status
or_plugin_check(const struct or_plugin *p, char *err, size_t errlen)
{
    if (p == NULL) {
        snprintf(err, errlen, "entry returned no descriptor");
        return OR_ERR_PLUGIN;
    }
    or_status st = check_version(p, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (p->name == NULL || p->name[0] == '\0') {
        snprintf(err, errlen, "descriptor has no name");
        return OR_ERR_PLUGIN;
    }
    st = check_config_keys(p, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    if (p->kind == OR_PLUGIN_PROVIDER) {
        return check_provider(p->provider, err, errlen);
    }
    if (p->kind == OR_PLUGIN_RENDERER) {
        return check_renderer(p->renderer, err, errlen);
    }
    snprintf(err, errlen, "unknown plugin kind %d", (int)p->kind);
    return OR_ERR_PLUGIN;
}

static const struct or_loaded_plugin *
find_by_name(const struct or_registry *reg, enum or_plugin_kind kind, const char *name)
{
    for (size_t i = 0; i < reg->nplugins; i++) {
        const struct or_plugin *d = reg->plugins[i].desc;
        if (d->kind == kind && strcmp(d->name, name) == 0) {
            return &reg->plugins[i];
        }
    }
    return NULL;
}

/* Loads one file; on any problem warns once, naming the file, and returns 0. */
static int
load_one(struct or_registry *reg, const char *path)
{
    char err[OR_ERR_SIZE];
    /* NODELETE: a plugin's libraries (cairo, fontconfig, libharu) keep
     * process-wide state; unmapping them on dlclose would turn that state
     * into leaks and leave leak reports without symbols. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (h == NULL) {
        const char *why = dlerror();
        /* dlerror() repeats the path first; say it once. */
        size_t plen = strlen(path);
        if (why != NULL && strncmp(why, path, plen) == 0 && strncmp(why + plen, ": ", 2) == 0) {
            why += plen + 2;
        }
        or_log(OR_LOG_WARN, "skipping plugin %s: cannot load: %s", path,
               why != NULL ? why : "unknown error");
        return 0;
    }
    /* dlsym returns void *; converting to a function pointer is what POSIX requires. */
    or_plugin_entry_fn *entry = NULL;
    *(void **)(&entry) = dlsym(h, OR_PLUGIN_ENTRY_NAME);
    if (entry == NULL) {
        or_log(OR_LOG_WARN, "skipping plugin %s: no symbol %s (not an outreport plugin)", path,
               OR_PLUGIN_ENTRY_NAME);
        dlclose(h);
        return 0;
    }
    const struct or_plugin *d = entry();
    if (or_plugin_check(d, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_WARN, "skipping plugin %s: %s", path, err);
        dlclose(h);
        return 0;
    }
    const struct or_loaded_plugin *dup = find_by_name(reg, d->kind, d->name);
    if (dup != NULL) {
        or_log(OR_LOG_WARN, "skipping plugin %s: %s '%s' already loaded from %s", path,
               kind_name(d->kind), d->name, dup->path);
        dlclose(h);
        return 0;
    }
    reg->plugins = g_renew(struct or_loaded_plugin, reg->plugins, reg->nplugins + 1);
    reg->plugins[reg->nplugins].path = g_strdup(path);
    reg->plugins[reg->nplugins].handle = h;
    reg->plugins[reg->nplugins].desc = d;
    reg->nplugins++;
    return 1;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
load_dir(struct or_registry *reg, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        return;
    }
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (g_str_has_suffix(ent->d_name, ".so")) {
            g_ptr_array_add(names, g_build_filename(dir, ent->d_name, NULL));
        }
    }
    closedir(d);
    /* Sorted so that load order, and so duplicate resolution, is stable. */
    qsort(names->pdata, names->len, sizeof(char *), compare_names);
    for (guint i = 0; i < names->len; i++) {
        const char *path = g_ptr_array_index(names, i);
        struct stat sb;
        if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
            continue;
        }
        if (!load_one(reg, path)) {
            reg->warnings++;
        }
    }
    g_ptr_array_free(names, TRUE);
}

or_status
or_registry_load(const char *dirs, struct or_registry **out, char *err, size_t errlen)
{
    struct or_registry *reg = g_new0(struct or_registry, 1);
    char **parts = g_strsplit(dirs != NULL ? dirs : "", ":", -1);
    for (char **p = parts; *p != NULL; p++) {
        if (**p != '\0') {
            load_dir(reg, *p);
        }
    }
    g_strfreev(parts);
    (void)err;
    (void)errlen;
    *out = reg;
    return OR_OK;
}

void
or_registry_free(struct or_registry *reg)
{
    if (reg == NULL) {
        return;
    }
    for (size_t i = 0; i < reg->nplugins; i++) {
        dlclose(reg->plugins[i].handle);
        g_free(reg->plugins[i].path);
    }
    g_free(reg->plugins);
    g_free(reg);
}

const struct or_loaded_plugin *
or_registry_find(const struct or_registry *reg, enum or_plugin_kind kind, const char *name)
{
    return find_by_name(reg, kind, name);
}

const struct or_loaded_plugin *
or_registry_renderer(const struct or_registry *reg, const char *format)
{
    for (size_t i = 0; i < reg->nplugins; i++) {
        const struct or_plugin *d = reg->plugins[i].desc;
        if (d->kind == OR_PLUGIN_RENDERER && g_ascii_strcasecmp(d->renderer->format, format) == 0) {
            return &reg->plugins[i];
        }
    }
    return NULL;
}

static void
list_sources(const struct or_registry *reg, GString *s)
{
    int first = 1;
    for (size_t i = 0; i < reg->nplugins; i++) {
        const struct or_plugin *d = reg->plugins[i].desc;
        if (d->kind != OR_PLUGIN_PROVIDER) {
            continue;
        }
        for (size_t e = 0; e < d->provider->nendpoints; e++) {
            g_string_append_printf(s, "%s%s.%s", first ? "" : ", ", d->name,
                                   d->provider->endpoints[e]->name);
            first = 0;
        }
    }
    if (first) {
        g_string_append(s, "none: no provider plugin loaded; check --plugin-dir");
    }
}

or_status
or_registry_source(const struct or_registry *reg, const char *source,
                   const struct or_loaded_plugin **plugin, const struct or_endpoint **endpoint,
                   char *err, size_t errlen)
{
    const char *dot = strchr(source, '.');
    if (dot != NULL && dot != source) {
        char *pname = g_strndup(source, (gsize)(dot - source));
        const struct or_loaded_plugin *lp = find_by_name(reg, OR_PLUGIN_PROVIDER, pname);
        g_free(pname);
        if (lp != NULL) {
            const struct or_provider *pv = lp->desc->provider;
            for (size_t e = 0; e < pv->nendpoints; e++) {
                if (strcmp(pv->endpoints[e]->name, dot + 1) == 0) {
                    *plugin = lp;
                    *endpoint = pv->endpoints[e];
                    return OR_OK;
                }
            }
        }
    }
    GString *s = g_string_new(NULL);
    list_sources(reg, s);
    snprintf(err, errlen, "unknown source '%s' (available: %s)", source, s->str);
    g_string_free(s, TRUE);
    return OR_ERR_NOT_FOUND;
}

char *
or_plugin_dirs(const char *explicit_dir)
{
    if (explicit_dir != NULL && *explicit_dir != '\0') {
        return g_strdup(explicit_dir);
    }
    const char *env = g_getenv("OUTREPORT_PLUGIN_PATH");
    if (env != NULL && *env != '\0') {
        return g_strdup(env);
    }
    /* A build tree: <build>/src/outreport with plugins in <build>/plugins. */
    if (or_self_in_build_tree()) {
        return g_build_filename(OR_BUILD_DIR, "plugins", NULL);
    }
    return g_strdup(OR_PLUGIN_DIR);
}
