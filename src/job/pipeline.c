/* SPDX-License-Identifier: MIT */
/* The stages of a report job after its plan, up to the dataset it evaluates. */
#include "job/pipeline.h"

#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "dataset/sqlfuncs.h"
#include "job/sync.h"
#include "report/render.h"

or_status
or_run_open(struct or_run *R, struct or_plan *plan, char *err, size_t errlen)
{
    memset(R, 0, sizeof(*R));
    R->plan = plan;
    R->docs = or_rendered_docs_new();
    R->files = json_array();
    R->splits = json_array();
    R->mails = json_array();
    or_status st = or_dataset_new(&R->ds, err, errlen);
    if (st == OR_OK) {
        or_dataset_set_limits(R->ds, &plan->limits);
        st = or_sql_register(or_dataset_db(R->ds), plan->tz, err, errlen);
    }
    return st;
}

/* The plan's sources, as the fetch stage takes them. */
static struct or_source **
source_list(struct or_plan *p)
{
    struct or_source **list = g_new0(struct or_source *, p->nsources + 1);
    for (size_t i = 0; i < p->nsources; i++) {
        list[i] = &p->sources[i];
    }
    return list;
}

/* Every source gets the table its fetch went to, under its own name.  From
 * the file @p path (a batch's), or within the job's dataset (NULL). */
static or_status
materialize(struct or_run *R, const char *path, char *err, size_t errlen)
{
    struct or_plan *p = R->plan;
    for (size_t i = 0; i < p->nsources; i++) {
        struct or_source *s = &p->sources[i];
        const struct or_source *o = s->origin != NULL ? s->origin : s;
        or_source_copy_result(s);
        R->any_failed = R->any_failed || strcmp(s->status, "failed") == 0;
        if (path == NULL && strcmp(o->table, s->alias) == 0) {
            continue; /* fetched right there */
        }
        or_status st = or_dataset_copy_table(R->ds, path, o->table, s->alias, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    struct or_source **list = source_list(p);
    const char *ws = or_config_get(p->cfg, "report", "week_start");
    or_status st = or_sync_coverage_table(
        list, p->nsources, R->ds, or_week_start_parse(ws != NULL ? ws : "monday"), err, errlen);
    g_free(list);
    return st;
}

or_status
or_run_fetch(struct or_run *R, const struct or_fetch_env *env, char *err, size_t errlen)
{
    struct or_source **list = source_list(R->plan);
    GPtrArray *fetch = or_sources_share(list, R->plan->nsources);
    for (guint i = 0; i < fetch->len; i++) {
        struct or_source *s = g_ptr_array_index(fetch, i);
        g_free(s->table);
        s->table = g_strdup(s->alias);
    }
    or_fetch_sources((struct or_source *const *)fetch->pdata, fetch->len, env, R->ds);
    or_status st = materialize(R, NULL, err, errlen);
    g_ptr_array_free(fetch, TRUE);
    g_free(list);
    return st;
}

or_status
or_run_sync(struct or_run *R, const struct or_sync_env *env, char *err, size_t errlen)
{
    struct or_source **list = source_list(R->plan);
    GPtrArray *fetch = or_sources_share(list, R->plan->nsources);
    for (guint i = 0; i < fetch->len; i++) {
        struct or_source *s = g_ptr_array_index(fetch, i);
        g_free(s->table);
        s->table = g_strdup(s->alias);
    }
    or_status st = or_sync_sources((struct or_source *const *)fetch->pdata, fetch->len, env, R->ds,
                                   err, errlen);
    if (st == OR_OK) {
        st = materialize(R, NULL, err, errlen);
    }
    g_ptr_array_free(fetch, TRUE);
    g_free(list);
    return st;
}

or_status
or_run_take(struct or_run *R, const char *path, char *err, size_t errlen)
{
    gint64 t0 = g_get_monotonic_time();
    or_status st = materialize(R, path, err, errlen);
    or_log(OR_LOG_DEBUG, "copied %zu table(s) from the batch's fetched data in %.2f s",
           R->plan->nsources, (double)(g_get_monotonic_time() - t0) / 1e6);
    return st;
}

json_t *
or_run_summary(const struct or_run *R, const char *err)
{
    if (R != NULL && R->manifest != NULL) {
        return json_incref(R->manifest);
    }
    return json_pack("{s:s, s:s}", "status", "failed", "error", err);
}

void
or_run_release(struct or_run *R)
{
    if (R->docs != NULL) {
        g_array_free(R->docs, TRUE);
    }
    json_decref(R->files);
    json_decref(R->splits);
    json_decref(R->mails);
    json_decref(R->sections);
    json_decref(R->manifest);
    or_dataset_free(R->ds);
    memset(R, 0, sizeof(*R));
}
