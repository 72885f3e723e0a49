/* SPDX-License-Identifier: MIT */
/* The --json document of run and batch: see summary.h. */
#include "job/summary.h"

#include <glib.h>
#include <string.h>

#include "base/cleanup.h"
#include "base/json_text.h"
#include "or_config.h"

json_t *
or_summary_new(void)
{
    return json_pack("{s:s, s:s, s:i, s:i, s:i, s:[]}", "outreport", OR_VERSION, "status", "ok",
                     "exit_code", 0, "jobs_ok", 0, "jobs_failed", 0, "jobs");
}

void
or_summary_add(json_t *summary, const char *job, int exit_code, const char *out, json_t *manifest,
               const char *error)
{
    json_t *m = manifest != NULL ? json_incref(manifest)
                                 : json_pack("{s:s, s:s}", "status", "failed", "error",
                                             error != NULL && *error != '\0' ? error : "failed");
    json_t *o = json_pack("{s:s?, s:i, s:s?, s:o}", "job", job, "exit_code", exit_code, "out", out,
                          "manifest", m);
    json_array_append_new(json_object_get(summary, "jobs"), o);
    const char *key = exit_code == 0 ? "jobs_ok" : "jobs_failed";
    json_object_set_new(summary, key,
                        json_integer(json_integer_value(json_object_get(summary, key)) + 1));
}

void
or_summary_print(json_t *summary, int exit_code, FILE *to)
{
    json_object_set_new(summary, "status", json_string(exit_code == 0 ? "ok" : "failed"));
    json_object_set_new(summary, "exit_code", json_integer(exit_code));
    /* Whole or not at all, also when a signal stops the run meanwhile. */
    char *text =
        or_json_text(summary, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15), 1);
    if (text != NULL) {
        or_write_whole(to, text, strlen(text));
    }
    g_free(text);
}
