/* SPDX-License-Identifier: MIT */
/* Reading a template's JSON: typed keys, strict about unknown ones, every
 * message naming the file and section. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "base/suggest.h"
#include "report/tpl_impl.h"

or_status
or_tpl_fail(struct or_tpl_where *w, const char *fmt, ...)
{
    char msg[OR_ERR_SIZE];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (w->section[0] != '\0') {
        or_set_err(w->err, w->errlen, "%s: %s: %s", w->path, w->section, msg);
    }
    else {
        or_set_err(w->err, w->errlen, "%s: %s", w->path, msg);
    }
    return OR_ERR_INVALID;
}

gboolean
or_tpl_lookup(const char *const *names, int n, const char *s, int *index)
{
    for (int i = 0; i < n; i++) {
        if (names[i] != NULL && strcmp(names[i], s) == 0) {
            *index = i;
            return TRUE;
        }
    }
    return FALSE;
}

void
or_tpl_join_names(const char *const *names, int n, char *buf, size_t len)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && o < len; i++) {
        if (names[i] != NULL) {
            int w = snprintf(buf + o, len - o, "%s%s", o ? ", " : "", names[i]);
            if (w < 0) {
                break;
            }
            o += (size_t)w;
        }
    }
}

/* Refuses keys outside @p allowed: a typo must not silently do nothing. */
or_status
or_tpl_check_keys(struct or_tpl_where *w, json_t *obj, const char *what, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        int ok = 0;
        for (const char *const *a = allowed; *a != NULL; a++) {
            if (strcmp(*a, key) == 0) {
                ok = 1;
            }
        }
        if (!ok) {
            GString *s = g_string_new(NULL);
            size_t n = 0;
            for (const char *const *a = allowed; *a != NULL; a++, n++) {
                g_string_append_printf(s, "%s%s", s->len ? ", " : "", *a);
            }
            char hint[96];
            or_suggest_hint(key, allowed, n, hint, sizeof(hint));
            or_status st =
                or_tpl_fail(w, "unknown key '%s' in %s%s (allowed: %s)", key, what, hint, s->str);
            g_string_free(s, TRUE);
            return st;
        }
    }
    return OR_OK;
}

or_status
or_tpl_get_string(struct or_tpl_where *w, json_t *obj, const char *key, int required, char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        return required ? or_tpl_fail(w, "missing '%s'", key) : OR_OK;
    }
    if (!json_is_string(v)) {
        return or_tpl_fail(w, "'%s' must be a string", key);
    }
    if (required && json_string_length(v) == 0) {
        return or_tpl_fail(w, "'%s' is empty", key);
    }
    *out = g_strdup(json_string_value(v));
    return OR_OK;
}

or_status
or_tpl_get_bool(struct or_tpl_where *w, json_t *obj, const char *key, int dflt, int *out)
{
    json_t *v = json_object_get(obj, key);
    *out = dflt;
    if (v == NULL) {
        return OR_OK;
    }
    if (!json_is_boolean(v)) {
        return or_tpl_fail(w, "'%s' must be true or false", key);
    }
    *out = json_is_true(v);
    return OR_OK;
}

/* A string or an array of strings into a NULL-terminated vector. */
or_status
or_tpl_get_strv(struct or_tpl_where *w, json_t *obj, const char *key, char ***out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL) {
        return OR_OK;
    }
    if (json_is_string(v)) {
        *out = g_new0(char *, 2);
        (*out)[0] = g_strdup(json_string_value(v));
        return OR_OK;
    }
    if (!json_is_array(v) || json_array_size(v) == 0) {
        return or_tpl_fail(w, "'%s' must be a string or a non-empty array of strings", key);
    }
    *out = g_new0(char *, json_array_size(v) + 1);
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e)
    {
        if (!json_is_string(e)) {
            return or_tpl_fail(w, "'%s' must hold strings only", key);
        }
        (*out)[i] = g_strdup(json_string_value(e));
    }
    return OR_OK;
}
