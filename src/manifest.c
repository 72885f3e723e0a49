/* SPDX-License-Identifier: MIT */
#include "manifest.h"

#include <stdio.h>
#include <string.h>

#include "timeutil.h"

json_t *
or_manifest_period(const struct or_period *p, GTimeZone *tz)
{
    char start[40], end[40];
    or_time_format_iso(p->start, tz, start, sizeof(start));
    or_time_format_iso(p->end, tz, end, sizeof(end));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "name", p->name, "label", p->label,
                     "first_day", p->first_day, "last_day", p->last_day, "start", start, "end",
                     end, "partial", p->partial != 0);
}

json_t *
or_manifest_source(const char *alias, const char *source, char *const *params, int previous,
                   const char *status, const char *detail, const struct or_fetch_stats *st)
{
    json_t *pa = json_array();
    for (size_t i = 0; params != NULL && params[i] != NULL; i++) {
        json_array_append_new(pa, json_string(params[i]));
    }
    json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:I, s:I, s:I, s:I, s:f}", "alias", alias,
                          "source", source, "params", pa, "period",
                          previous ? "previous" : "current", "status", status, "pages",
                          (json_int_t)st->pages, "rows", (json_int_t)st->rows, "requests",
                          (json_int_t)st->requests, "retries", (json_int_t)st->retries,
                          "seconds", st->seconds);
    json_object_set_new(o, "detail", detail != NULL ? json_string(detail) : json_null());
    return o;
}

json_t *
or_manifest_file(const char *path, const char *format)
{
    gchar *data = NULL;
    gsize len = 0;
    json_t *o = json_pack("{s:s, s:s}", "path", path, "format", format);
    if (g_file_get_contents(path, &data, &len, NULL)) {
        char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
        json_object_set_new(o, "bytes", json_integer((json_int_t)len));
        json_object_set_new(o, "sha256", json_string(sum));
        g_free(sum);
        g_free(data);
    }
    return o;
}

or_status
or_manifest_write(json_t *root, const char *path, char *err, size_t errlen)
{
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    GError *gerr = NULL;
    or_status st = OR_OK;
    if (text == NULL) {
        snprintf(err, errlen, "%s: cannot serialise the manifest", path);
        return OR_ERR_NOMEM;
    }
    GString *s = g_string_new(text);
    g_string_append_c(s, '\n');
    /* g_file_set_contents writes a temporary file and renames it. */
    if (!g_file_set_contents(path, s->str, (gssize)s->len, &gerr)) {
        snprintf(err, errlen, "%s: %s", path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_IO;
    }
    g_string_free(s, TRUE);
    free(text);
    return st;
}
