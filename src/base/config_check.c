/* SPDX-License-Identifier: MIT */
/* Typos in the configuration: see config_check.h. */
#include "base/config_check.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/suggest.h"

static const char *const report_keys[] = {
    "timezone", "week_start", "author", "sql_timeout_s", "max_section_rows", "locale", NULL};
static const char *const http_keys[] = {
    "retries",    "backoff_ms",      "backoff_max_ms", "timeout_s",      "connect_timeout_s",
    "parallel",   "ca_file",         "cache",          "cache_ttl_s",    "max_response_mb",
    "deadline_s", "low_speed_bytes", "low_speed_s",    "allow_insecure", NULL};
static const char *const smtp_keys[] = {"url",          "starttls",       "from",    "username",
                                        "password_env", "max_size_mb",    "retries", "timeout_s",
                                        "ca_file",      "allow_insecure", NULL};

static const char *const store_keys[] = {"url", "refetch_days", NULL};
static const char *const notify_keys[] = {"slack_webhook_env",
                                          "teams_webhook_env",
                                          "slack_split_prefix",
                                          "teams_split_prefix",
                                          "retries",
                                          "timeout_s",
                                          NULL};
static const char *const brand_keys[] = {"logo", "accent", "company", "footer", "cover", NULL};

static const struct or_config_section core[] = {
    {"report", report_keys}, {"store", store_keys},   {"http", http_keys},
    {"smtp", smtp_keys},     {"notify", notify_keys}, {"brand", brand_keys},
};

const struct or_config_section *
or_config_core_sections(size_t *n)
{
    *n = G_N_ELEMENTS(core);
    return core;
}

static or_status
check_keys(const struct or_config *cfg, const struct or_config_section *cs, char *err,
           size_t errlen)
{
    if (cs->keys == NULL) {
        return OR_OK; /* a plugin that does not declare its keys */
    }
    size_t nknown = 0;
    while (cs->keys[nknown] != NULL) {
        nknown++;
    }
    char **keys = or_config_keys(cfg, cs->name);
    or_status st = OR_OK;
    for (char **k = keys; k != NULL && *k != NULL && st == OR_OK; k++) {
        const char *meant = or_suggest(*k, cs->keys, nknown);
        if (meant != NULL && strcmp(meant, *k) == 0) {
            continue;
        }
        char *list = nknown > 0 ? g_strjoinv(", ", (char **)cs->keys) : g_strdup("none");
        if (meant != NULL) {
            snprintf(err, errlen, "%s: [%s] %s: unknown key; did you mean %s? (known: %s)",
                     or_config_origin(cfg, cs->name, *k), cs->name, *k, meant, list);
        }
        else {
            snprintf(err, errlen, "%s: [%s] %s: unknown key (known: %s)",
                     or_config_origin(cfg, cs->name, *k), cs->name, *k, list);
        }
        g_free(list);
        st = OR_ERR_CONFIG;
    }
    g_strfreev(keys);
    return st;
}

/* The section called @p name in @p list, or NULL. */
static const struct or_config_section *
find_section(const struct or_config_section *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(list[i].name, name) == 0) {
            return &list[i];
        }
    }
    return NULL;
}

or_status
or_config_check(const struct or_config *cfg, const struct or_config_section *plugins,
                size_t nplugins, char *err, size_t errlen)
{
    size_t nsec = 0;
    const char *const *sections = or_config_sections(cfg, &nsec);
    GPtrArray *known = g_ptr_array_new();
    for (size_t i = 0; i < G_N_ELEMENTS(core); i++) {
        g_ptr_array_add(known, (gpointer)core[i].name);
    }
    for (size_t i = 0; i < nplugins; i++) {
        g_ptr_array_add(known, (gpointer)plugins[i].name);
    }
    or_status st = OR_OK;
    for (size_t s = 0; s < nsec && st == OR_OK; s++) {
        const char *name = sections[s];
        const struct or_config_section *cs = find_section(core, G_N_ELEMENTS(core), name);
        if (cs == NULL) {
            cs = find_section(plugins, nplugins, name);
        }
        if (cs != NULL) {
            st = check_keys(cfg, cs, err, errlen);
            continue;
        }
        const char *meant = or_suggest(name, (const char *const *)known->pdata, known->len);
        if (meant != NULL) {
            snprintf(err, errlen, "%s: [%s]: unknown section; did you mean [%s]?",
                     or_config_origin(cfg, name, NULL), name, meant);
            st = OR_ERR_CONFIG;
        }
        else {
            or_log(OR_LOG_WARN, "%s: [%s]: no loaded plugin reads this section",
                   or_config_origin(cfg, name, NULL), name);
        }
    }
    g_ptr_array_free(known, TRUE);
    return st;
}
