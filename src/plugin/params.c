/* SPDX-License-Identifier: MIT */
#include "plugin/params.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[OR_PARAM_COUNT] = {
    [OR_PARAM_STRING] = "string",
    [OR_PARAM_INT] = "int",
    [OR_PARAM_NUMBER] = "number",
    [OR_PARAM_BOOL] = "bool",
    [OR_PARAM_DATE] = "date",
    [OR_PARAM_ENUM] = "enum",
    [OR_PARAM_STRING_LIST] = "string list",
    [OR_PARAM_INT_LIST] = "int list",
};

const char *
or_param_type_name(enum or_param_type t)
{
    return (unsigned)t < OR_PARAM_COUNT ? type_names[t] : "string";
}

static int
is_int(const char *s)
{
    char *end = NULL;
    errno = 0;
    (void)strtoll(s, &end, 10);
    return *s != '\0' && errno == 0 && end != NULL && *end == '\0';
}

static int
is_number(const char *s)
{
    char *end = NULL;
    errno = 0;
    (void)g_ascii_strtod(s, &end);
    return *s != '\0' && errno == 0 && end != NULL && *end == '\0';
}

static int
is_bool(const char *s)
{
    return strcmp(s, "true") == 0 || strcmp(s, "false") == 0;
}

/* YYYY-MM-DD, optionally followed by a time part (checked by the server). */
static int
is_date(const char *s)
{
    int y, m, d;
    char tail = 0;
    if (strlen(s) < 10) {
        return 0;
    }
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3) {
        return 0;
    }
    if (tail != 0 && tail != 'T' && tail != ' ') {
        return 0;
    }
    return g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
}

static int
in_choices(const char *choices, const char *v)
{
    char **parts = g_strsplit(choices != NULL ? choices : "", ",", -1);
    int found = 0;
    for (char **p = parts; *p != NULL; p++) {
        if (strcmp(*p, v) == 0) {
            found = 1;
        }
    }
    g_strfreev(parts);
    return found;
}

int
or_param_value_valid(enum or_param_type type, const char *choices, const char *v)
{
    switch (type) {
    case OR_PARAM_INT: return is_int(v);
    case OR_PARAM_NUMBER: return is_number(v);
    case OR_PARAM_BOOL: return is_bool(v);
    case OR_PARAM_DATE: return is_date(v);
    case OR_PARAM_ENUM: return in_choices(choices, v);
    case OR_PARAM_INT_LIST: {
        char **parts = g_strsplit(v, ",", -1);
        int ok = parts[0] != NULL;
        for (char **p = parts; *p != NULL; p++) {
            g_strstrip(*p);
            ok = ok && is_int(*p);
        }
        g_strfreev(parts);
        return ok;
    }
    default: return 1;
    }
}

static void
accepted_list(const struct or_endpoint *ep, GString *s)
{
    for (size_t i = 0; i < ep->nparams; i++) {
        g_string_append_printf(s, "%s%s", i ? ", " : "", ep->params[i]->name);
    }
    if (ep->nparams == 0) {
        g_string_append(s, "none");
    }
}

const char *
or_param_expected(enum or_param_type type, const char *choices, char *buf, size_t n)
{
    switch (type) {
    case OR_PARAM_BOOL: return "true or false";
    case OR_PARAM_DATE: return "a date YYYY-MM-DD";
    case OR_PARAM_ENUM: snprintf(buf, n, "one of %s", choices); return buf;
    case OR_PARAM_INT_LIST: return "comma-separated integers";
    default:
        snprintf(buf, n, "a%s %s", type == OR_PARAM_INT ? "n" : "", or_param_type_name(type));
        return buf;
    }
}

or_status
or_params_parse(const char *source, const struct or_endpoint *ep, const char *const *kv, size_t nkv,
                struct or_params *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof(*out));
    out->items = g_new0(struct or_param_value, nkv > 0 ? nkv : 1);
    out->ptrs = g_new0(const struct or_param_value *, nkv > 0 ? nkv : 1);
    for (size_t i = 0; i < nkv; i++) {
        const char *eq = strchr(kv[i], '=');
        if (eq == NULL || eq == kv[i]) {
            snprintf(err, errlen, "--param '%s': expected KEY=VALUE", kv[i]);
            goto fail;
        }
        char *name = g_strndup(kv[i], (gsize)(eq - kv[i]));
        const struct or_param *decl = NULL;
        for (size_t d = 0; d < ep->nparams; d++) {
            if (strcmp(ep->params[d]->name, name) == 0) {
                decl = ep->params[d];
            }
        }
        if (decl == NULL) {
            GString *s = g_string_new(NULL);
            accepted_list(ep, s);
            snprintf(err, errlen, "%s: unknown parameter '%s' (accepted: %s)", source, name,
                     s->str);
            g_string_free(s, TRUE);
            g_free(name);
            goto fail;
        }
        if (!or_param_value_valid(decl->type, decl->choices, eq + 1)) {
            char buf[256];
            snprintf(err, errlen, "%s: parameter %s: invalid value '%s' (expected %s)", source,
                     name, eq + 1, or_param_expected(decl->type, decl->choices, buf, sizeof(buf)));
            g_free(name);
            goto fail;
        }
        /* A repeated key replaces the earlier value: the last one wins. */
        size_t slot = out->n;
        for (size_t j = 0; j < out->n; j++) {
            if (strcmp(out->items[j].name, name) == 0) {
                slot = j;
            }
        }
        if (slot < out->n) {
            g_free((char *)out->items[slot].name);
            g_free((char *)out->items[slot].value);
        }
        else {
            out->n++;
        }
        out->items[slot].name = name;
        out->items[slot].value = g_strdup(eq + 1);
        out->ptrs[slot] = &out->items[slot];
    }
    for (size_t d = 0; d < ep->nparams; d++) {
        if (ep->params[d]->required && or_params_get(out, ep->params[d]->name) == NULL) {
            snprintf(err, errlen, "%s: missing required parameter %s (--param %s=...)", source,
                     ep->params[d]->name, ep->params[d]->name);
            goto fail;
        }
    }
    return OR_OK;

fail:
    or_params_release(out);
    return OR_ERR_INVALID;
}

void
or_params_release(struct or_params *p)
{
    for (size_t i = 0; i < p->n; i++) {
        g_free((char *)p->items[i].name);
        g_free((char *)p->items[i].value);
    }
    g_free(p->items);
    g_free(p->ptrs);
    memset(p, 0, sizeof(*p));
}

const char *
or_params_get(const struct or_params *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++) {
        if (strcmp(p->items[i].name, name) == 0) {
            return p->items[i].value;
        }
    }
    return NULL;
}
