/* SPDX-License-Identifier: MIT */
/* The keys of a plugin's config section: see plugin_config.h. */
#include "plugin/plugin_config.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/config_check.h"
#include "plugin/params.h"

int
or_plugin_declares_keys(const struct or_plugin *p)
{
    return OR_HAS_MEMBER(p, struct or_plugin, nconfig_keys);
}

/* The instances_key of endpoint @p e, unless an earlier endpoint or the
 * plugin's declaration names the same key (then NULL). */
static const char *
own_instances_key(const struct or_plugin *p, size_t e)
{
    const char *k = p->provider->endpoints[e]->instances_key;
    if (k == NULL || strcmp(k, "base_url") == 0) {
        return NULL;
    }
    for (size_t i = 0; i < e; i++) {
        const char *earlier = p->provider->endpoints[i]->instances_key;
        if (earlier != NULL && strcmp(earlier, k) == 0) {
            return NULL;
        }
    }
    for (size_t i = 0; or_plugin_declares_keys(p) && i < p->nconfig_keys; i++) {
        if (strcmp(p->config_keys[i]->name, k) == 0) {
            return NULL;
        }
    }
    return k;
}

/* Host key @p i of a provider's section: base_url, then instances keys. */
static int
host_key_at(const struct or_plugin *p, size_t i, struct or_config_key *out, size_t *nhost)
{
    *nhost = 0;
    if (p->kind != OR_PLUGIN_PROVIDER) {
        return 0;
    }
    memset(out, 0, sizeof(*out));
    out->size = sizeof(*out);
    out->type = OR_PARAM_STRING;
    if (i == 0) {
        out->name = "base_url";
        out->default_value = p->provider->default_base_url;
        out->help = "address of the API; every request of this provider goes there";
        return 1;
    }
    size_t n = 1;
    for (size_t e = 0; e < p->provider->nendpoints; e++) {
        const char *k = own_instances_key(p, e);
        if (k != NULL && n++ == i) {
            out->name = k;
            out->type = OR_PARAM_STRING_LIST;
            out->help = "instances to fetch one by one when no parameter names them";
            return 1;
        }
    }
    *nhost = n;
    return 0;
}

int
or_plugin_key_at(const struct or_plugin *p, size_t i, struct or_plugin_key *out)
{
    size_t nhost = 0;
    if (host_key_at(p, i, &out->key, &nhost)) {
        out->host = 1;
        return 1;
    }
    size_t d = i - nhost;
    if (!or_plugin_declares_keys(p) || d >= p->nconfig_keys) {
        return 0;
    }
    /* A copy of the members this host knows, however large the plugin's struct. */
    memset(&out->key, 0, sizeof(out->key));
    const struct or_config_key *k = p->config_keys[d];
    size_t n = k->size < sizeof(out->key) ? k->size : sizeof(out->key);
    memcpy(&out->key, k, n);
    out->key.size = (uint32_t)n;
    out->host = 0;
    return 1;
}

int
or_plugin_key_find(const struct or_plugin *p, const char *name, struct or_plugin_key *out)
{
    for (size_t i = 0; or_plugin_key_at(p, i, out); i++) {
        if (strcmp(out->key.name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The values of @p p's typed keys in @p cfg. */
static or_status
check_values(const struct or_plugin *p, const struct or_config *cfg, char *err, size_t errlen)
{
    struct or_plugin_key k;
    for (size_t i = 0; or_plugin_key_at(p, i, &k); i++) {
        const char *v = or_config_get(cfg, p->name, k.key.name);
        if (v == NULL || *v == '\0' || or_param_value_valid(k.key.type, k.key.choices, v)) {
            continue;
        }
        char expected[256];
        snprintf(err, errlen, "%s: [%s] %s: invalid value '%s' (expected %s)",
                 or_config_origin(cfg, p->name, k.key.name), p->name, k.key.name, v,
                 or_param_expected(k.key.type, k.key.choices, expected, sizeof(expected)));
        return OR_ERR_CONFIG;
    }
    return OR_OK;
}

or_status
or_registry_check_config(const struct or_registry *reg, const struct or_config *cfg, char *err,
                         size_t errlen)
{
    size_t n = reg != NULL ? reg->nplugins : 0;
    struct or_config_section *secs = g_new0(struct or_config_section, n > 0 ? n : 1);
    GPtrArray *lists = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < n; i++) {
        const struct or_plugin *p = reg->plugins[i].desc;
        secs[i].name = p->name;
        if (!or_plugin_declares_keys(p)) {
            continue; /* ABI 2.0: any key */
        }
        GPtrArray *keys = g_ptr_array_new();
        struct or_plugin_key k;
        for (size_t j = 0; or_plugin_key_at(p, j, &k); j++) {
            g_ptr_array_add(keys, (gpointer)k.key.name);
        }
        g_ptr_array_add(keys, NULL);
        secs[i].keys = (const char *const *)(void *)keys->pdata;
        g_ptr_array_add(lists, g_ptr_array_free(keys, FALSE));
    }
    or_status st = or_config_check(cfg, secs, n, err, errlen);
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        st = check_values(reg->plugins[i].desc, cfg, err, errlen);
    }
    g_ptr_array_free(lists, TRUE);
    g_free(secs);
    return st;
}
