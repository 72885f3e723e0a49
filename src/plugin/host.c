/* SPDX-License-Identifier: MIT */
#include "plugin/host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset/cursor.h"
#include "base/catalog.h"
#include "base/log.h"
#include "base/redact.h"
#include "base/secret.h"
#include "base/status_str.h"
#include "dataset/rows.h"
#include "base/timeutil.h"
#include "base/cellfmt.h"
#include "base/valuefmt.h"
#include "plugin/host_tmp.h"
#include "plugin/plugin_config.h"

static const struct or_host_ctx *
ctx_of(const struct or_host *h)
{
    return h->host_data;
}

static void
host_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_logv(level, ctx_of(h)->plugin_name, fmt, ap);
    va_end(ap);
}

/* Value of @p key in the plugin's section, else its declared default.  A
 * plugin that declares its keys (ABI 2.1) reads no other key. */
static or_status
host_config_get(const struct or_host *h, const char *key, const char **value)
{
    const struct or_host_ctx *ctx = ctx_of(h);
    if (key == NULL || value == NULL) {
        return OR_ERR_INVALID;
    }
    *value = or_config_get(ctx->cfg, ctx->plugin_name, key);
    if (ctx->plugin == NULL) {
        return OR_OK;
    }
    struct or_plugin_key k;
    if (!or_plugin_key_find(ctx->plugin, key, &k)) {
        if (!or_plugin_declares_keys(ctx->plugin)) {
            return OR_OK;
        }
        *value = NULL;
        or_log(OR_LOG_ERROR, "plugin %s reads config key %s, which it does not declare",
               ctx->plugin_name, key);
        return OR_ERR_INVALID;
    }
    if (*value == NULL || **value == '\0') {
        *value = k.key.default_value; /* unset or empty: the default */
    }
    return OR_OK;
}

static or_status
host_secret_get(const struct or_host *h, const char *env_key, const char *default_env,
                const char **value, char *err, size_t errlen)
{
    const char *section = ctx_of(h)->plugin_name;
    const char *var = NULL;
    if (host_config_get(h, env_key, &var) != OR_OK) {
        or_set_err(err, errlen, "%s: the plugin reads config key %s, which it does not declare",
                   section, env_key != NULL ? env_key : "(null)");
        return OR_ERR_INVALID;
    }
    if (var == NULL || *var == '\0') {
        var = default_env;
    }
    if (var == NULL || *var == '\0') {
        or_set_err(err, errlen,
                   "%s: config key [%s] %s is not set (it names the environment "
                   "variable that holds the credential)",
                   section, section, env_key);
        return OR_ERR_CONFIG;
    }
    const char *v = or_secret_env(var, NULL);
    if ((v == NULL || *v == '\0') && ctx_of(h)->replay) {
        /* A recording holds no credentials and needs none. */
        *value = "replay-without-credentials";
        return OR_OK;
    }
    if (v == NULL || *v == '\0') {
        or_set_err(err, errlen,
                   "%s: environment variable %s is not set (it holds the credential; "
                   "config key [%s] %s names it; or a systemd credential of that name)",
                   section, var, section, env_key);
        return OR_ERR_CONFIG;
    }
    or_redact_add(v);
    *value = v;
    return OR_OK;
}

static or_status
req_set(struct or_request *r, const char *method, const char *path)
{
    if (method == NULL || strlen(method) >= sizeof(r->method) || path == NULL) {
        return OR_ERR_INVALID;
    }
    snprintf(r->method, sizeof(r->method), "%s", method);
    g_string_assign(r->path, path);
    return OR_OK;
}

static or_status
req_query(struct or_request *r, const char *key, const char *value)
{
    if (key == NULL || value == NULL) {
        return OR_ERR_INVALID;
    }
    /* Brackets stay readable: servers decode them either way, and the
     * recording keys stay legible. */
    char *k = g_uri_escape_string(key, "[]", FALSE);
    char *v = g_uri_escape_string(value, NULL, FALSE);
    if (r->query->len > 0) {
        g_string_append_c(r->query, '&');
    }
    g_string_append_printf(r->query, "%s=%s", k, v);
    g_free(k);
    g_free(v);
    return OR_OK;
}

static or_status
req_header(struct or_request *r, const char *name, const char *value, int secret)
{
    if (name == NULL || value == NULL || strpbrk(name, "\r\n:") != NULL ||
        strpbrk(value, "\r\n") != NULL) {
        return OR_ERR_INVALID;
    }
    struct or_http_header hd = {g_strdup(name), g_strdup(value), secret};
    if (secret) {
        or_redact_add(value);
    }
    g_array_append_val(r->headers, hd);
    return OR_OK;
}

static or_status
req_body(struct or_request *r, const char *body, size_t len, const char *content_type)
{
    if (body == NULL && len > 0) {
        return OR_ERR_INVALID;
    }
    g_free(r->body);
    g_free(r->content_type);
    r->body = g_malloc(len + 1);
    if (len > 0) {
        memcpy(r->body, body, len);
    }
    r->body[len] = '\0';
    r->body_len = len;
    r->content_type = content_type ? g_strdup(content_type) : NULL;
    return OR_OK;
}

static or_status
host_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
{
    return or_time_parse_iso8601(s, ctx_of(h)->tz, out);
}

static or_status
host_format_time(const struct or_host *h, int64_t t, char *buf, size_t n)
{
    return or_time_format_iso(t, ctx_of(h)->tz, buf, n) > 0 ? OR_OK : OR_ERR_INVALID;
}

static void
host_local_time(const struct or_host *h, int64_t t, int parts[6], int32_t *utc_offset)
{
    struct or_local_time lt;
    or_time_local(t, ctx_of(h)->tz, &lt);
    parts[0] = lt.year;
    parts[1] = lt.month;
    parts[2] = lt.day;
    parts[3] = lt.hour;
    parts[4] = lt.minute;
    parts[5] = lt.second;
    if (utc_offset != NULL) {
        *utc_offset = lt.utc_offset;
    }
}

/* Renderers step the core's cursors (cursor.h), whatever their kind: the
 * dataset's, buffered rows or a fetch's stream. */
static or_status
host_cursor_next(const struct or_host *h, struct or_cursor *c, struct or_value *row, int *has_row,
                 char *err, size_t errlen)
{
    (void)h;
    or_status st = or_cursor_next(c, row, has_row);
    if (st != OR_OK) {
        /* A stream's fetch reports its own failure. */
        const char *why = or_cursor_error(c);
        or_set_err(err, errlen, "%s",
                   why != NULL ? why : "reading the result failed (the log says why)");
    }
    return st;
}

static or_status
host_cursor_rewind(const struct or_host *h, struct or_cursor *c, char *err, size_t errlen)
{
    (void)h;
    or_status st = or_cursor_rewind(c);
    if (st != OR_OK) {
        or_set_err(err, errlen, "%s",
                   st == OR_ERR_UNSUPPORTED ? "a streamed result cannot be read twice"
                                            : "rewinding the result failed");
    }
    return st;
}

static or_status
host_format_value(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                  int decimals, char *buf, size_t n)
{
    return or_value_text_loc(v, fmt, decimals, ctx_of(h)->tz, ctx_of(h)->currency, ctx_of(h)->loc,
                             buf, n);
}

static or_status
host_format_change(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n,
                   int *direction)
{
    if (k == NULL || buf == NULL || n == 0 || direction == NULL) {
        return OR_ERR_INVALID;
    }
    or_kpi_change_loc(k, ctx_of(h)->loc, buf, n, direction);
    return OR_OK;
}

static or_status
host_format_cell(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                 unsigned flags, struct or_display *out)
{
    struct or_cellfmt c = {ctx_of(h)->tz, ctx_of(h)->currency, flags, ctx_of(h)->loc};
    return or_value_cell(v, fmt, &c, out);
}

static or_status
host_format_kpi(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part,
                unsigned flags, struct or_display *out, int *direction)
{
    struct or_cellfmt c = {ctx_of(h)->tz, ctx_of(h)->currency, flags, ctx_of(h)->loc};
    return or_kpi_cell(k, part, &c, out, direction);
}

static or_status
host_count_repaired(const struct or_host *h, enum or_repair what, long n)
{
    if ((unsigned)what >= OR_REPAIR_COUNT || n < 0) {
        return OR_ERR_INVALID;
    }
    struct or_repair_counts *c = ctx_of(h)->repairs;
    if (c != NULL) {
        atomic_fetch_add(&c->n[what], n);
    }
    return OR_OK;
}

static or_status
host_text(const struct or_host *h, const char *id, const char *const *args, size_t nargs, char *buf,
          size_t n)
{
    return or_catalog_text(ctx_of(h)->locale, id, args, nargs, buf, n);
}

void
or_host_init(struct or_host *h, struct or_host_ctx *ctx)
{
    memset(h, 0, sizeof(*h));
    h->abi_major = OR_ABI_MAJOR;
    h->abi_minor = OR_ABI_MINOR;
    h->size = sizeof(*h);
    h->log = host_log;
    h->config_get = host_config_get;
    h->secret_get = host_secret_get;
    h->req_set = req_set;
    h->req_query = req_query;
    h->req_header = req_header;
    h->req_body = req_body;
    h->parse_iso8601 = host_parse_iso8601;
    h->format_time = host_format_time;
    h->local_time = host_local_time;
    or_rows_bind_host(h);
    h->cursor_next = host_cursor_next;
    h->cursor_rewind = host_cursor_rewind;
    h->format_value = host_format_value;
    h->format_change = host_format_change;
    h->format_cell = host_format_cell;
    h->format_kpi = host_format_kpi;
    h->count_repaired = host_count_repaired;
    h->text = host_text;
    or_host_bind_tmp(h);
    h->host_data = ctx;
}

struct or_request *
or_request_new(void)
{
    struct or_request *r = g_new0(struct or_request, 1);
    snprintf(r->method, sizeof(r->method), "GET");
    r->path = g_string_new("/");
    r->query = g_string_new(NULL);
    r->headers = g_array_new(FALSE, TRUE, sizeof(struct or_http_header));
    return r;
}

void
or_request_free(struct or_request *r)
{
    if (r == NULL) {
        return;
    }
    for (guint i = 0; i < r->headers->len; i++) {
        struct or_http_header *hd = &g_array_index(r->headers, struct or_http_header, i);
        g_free((char *)hd->name);
        g_free((char *)hd->value);
    }
    g_array_free(r->headers, TRUE);
    g_string_free(r->path, TRUE);
    g_string_free(r->query, TRUE);
    g_free(r->body);
    g_free(r->content_type);
    g_free(r);
}

void
or_request_to_http(const struct or_request *r, const char *base_url, const char *label,
                   GString *path_query_buf, struct or_http_request *out)
{
    g_string_assign(path_query_buf, r->path->str);
    if (r->query->len > 0) {
        g_string_append_c(path_query_buf, '?');
        g_string_append(path_query_buf, r->query->str);
    }
    memset(out, 0, sizeof(*out));
    out->method = r->method;
    out->base_url = base_url;
    out->path_query = path_query_buf->str;
    out->headers = (const struct or_http_header *)(void *)r->headers->data;
    out->nheaders = r->headers->len;
    out->body = r->body;
    out->body_len = r->body_len;
    out->content_type = r->content_type;
    out->label = label;
}
