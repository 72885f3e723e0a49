/* SPDX-License-Identifier: MIT */
/* manifest.json: see manifest.h. */
#include "deliver/manifest.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/json_text.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "plugin/endpoint.h"

json_t *
or_manifest_period(const struct or_period *p, GTimeZone *tz)
{
    char start[40], end[40];
    or_time_format_iso(p->start, tz, start, sizeof(start));
    or_time_format_iso(p->end, tz, end, sizeof(end));
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "name", p->name, "label", p->label,
                     "first_day", p->first_day, "last_day", p->last_day, "start", start, "end", end,
                     "partial", p->partial != 0);
}

json_t *
or_manifest_source(const char *alias, const char *source, char *const *params, const char *period,
                   const struct or_period *days, const char *status, const char *detail,
                   const struct or_fetch_stats *st)
{
    json_t *pa = json_array();
    for (size_t i = 0; params != NULL && params[i] != NULL; i++) {
        json_array_append_new(pa, json_string(params[i]));
    }
    json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s?, s:s?, s:s, s:I, s:I, s:I, s:I, s:f}", "alias",
                          alias, "source", source, "params", pa, "period", period, "first_day",
                          days ? days->first_day : NULL, "last_day", days ? days->last_day : NULL,
                          "status", status, "pages", (json_int_t)st->pages, "rows",
                          (json_int_t)st->rows, "requests", (json_int_t)st->requests, "retries",
                          (json_int_t)st->retries, "seconds", round(st->seconds * 1000.0) / 1000.0);
    json_object_set_new(o, "detail", detail != NULL ? json_string(detail) : json_null());
    char when[40] = "";
    if (st->fetched_at > 0) {
        or_time_format_iso(st->fetched_at, NULL, when, sizeof(when));
    }
    json_object_set_new(o, "fetched_at", when[0] != '\0' ? json_string(when) : json_null());
    json_t *rep = json_object();
    for (int k = 0; k < OR_REPAIR_COUNT; k++) {
        json_object_set_new(rep, or_repair_name((enum or_repair)k),
                            json_integer((json_int_t)st->repaired[k]));
    }
    json_object_set_new(o, "repaired", rep);
    return o;
}

or_status
or_manifest_hash_file(const char *path, struct or_file_hash *out)
{
    memset(out, 0, sizeof(*out));
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return OR_ERR_IO;
    }
    /* In chunks: a million-row export must not be read into memory to be hashed. */
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    unsigned char buf[1 << 16];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
        g_checksum_update(ck, buf, (gssize)n);
        total += n;
    }
    or_status st = ferror(f) ? OR_ERR_IO : OR_OK;
    if (st == OR_OK) {
        out->bytes = (int64_t)total;
        snprintf(out->sha256, sizeof(out->sha256), "%s", g_checksum_get_string(ck));
        out->ok = 1;
    }
    g_checksum_free(ck);
    fclose(f);
    return st;
}

json_t *
or_manifest_file_hashed(const char *path, const char *format, const struct or_file_hash *h)
{
    json_t *o = json_pack("{s:s, s:s}", "path", path, "format", format);
    if (h != NULL && h->ok) {
        json_object_set_new(o, "bytes", json_integer((json_int_t)h->bytes));
        json_object_set_new(o, "sha256", json_string(h->sha256));
    }
    return o;
}

json_t *
or_manifest_file(const char *path, const char *format)
{
    struct or_file_hash h;
    or_manifest_hash_file(path, &h);
    return or_manifest_file_hashed(path, format, &h);
}

json_t *
or_manifest_sections(const struct or_section *secs, size_t n)
{
    static const char *const kinds[] = {"table", "kpis", "chart", "text", "page_break"};
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct or_section *s = &secs[i];
        json_t *o = json_pack("{s:s, s:s, s:s}", "id", s->id, "kind",
                              (unsigned)s->kind < 5 ? kinds[s->kind] : "?", "status",
                              s->unavailable != NULL ? "unavailable" : "ok");
        json_object_set_new(o, "reason",
                            s->unavailable != NULL ? json_string(s->unavailable) : json_null());
        if (s->result != NULL) {
            json_object_set_new(o, "rows", json_integer((json_int_t)s->result->nrows));
        }
        if (s->kind == OR_SECTION_KPIS) {
            json_t *kpis = json_array();
            for (size_t k = 0; k < s->nkpis; k++) {
                const struct or_kpi *kp = s->kpis[k];
                json_array_append_new(
                    kpis, json_pack("{s:s, s:o, s:o}", "label", kp->label, "value",
                                    kp->has_value ? json_real(kp->value) : json_null(), "previous",
                                    kp->has_previous ? json_real(kp->previous) : json_null()));
            }
            json_object_set_new(o, "kpis", kpis);
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

or_status
or_manifest_write(json_t *root, const char *path, char *err, size_t errlen)
{
    char *text =
        or_json_text(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), 1);
    if (text == NULL) {
        or_set_err(err, errlen, "%s: cannot serialise the manifest", path);
        return OR_ERR_NOMEM;
    }
    GError *gerr = NULL;
    or_status st = OR_OK;
    /* g_file_set_contents writes a temporary file and renames it. */
    if (!g_file_set_contents(path, text, -1, &gerr)) {
        or_set_err(err, errlen, "%s: %s", path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_IO;
    }
    g_free(text);
    return st;
}
