/* SPDX-License-Identifier: MIT */
/* The stages of a report job after its plan, up to the dataset it evaluates. */
#include "job/pipeline.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "dataset/sqlfuncs.h"
#include "job/replay_hint.h"
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
    R->notifications = json_array();
    or_status st = or_dataset_new(&R->ds, err, errlen);
    if (st == OR_OK) {
        or_dataset_set_limits(R->ds, &plan->limits);
        st = or_sql_register(or_dataset_db(R->ds), plan->tz, err, errlen);
    }
    if (st == OR_OK) {
        st = or_sql_register_locale(or_dataset_db(R->ds), plan->tz, plan->loc, err, errlen);
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

/* A replay that asked for requests the recording lacks (a failed source, or
 * through the store a partial one): which periods it has, once per period
 * asked for in the log, and in each such source's reason (which the
 * documents and manifest.json show). */
static void
replay_hint(struct or_run *R)
{
    struct or_plan *p = R->plan;
    char *covers = NULL;
    GPtrArray *said = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; p->job->replay_dir != NULL && i < p->nsources; i++) {
        struct or_source *s = &p->sources[i];
        int partial = s->status != NULL && strcmp(s->status, "partial") == 0;
        if (s->st != OR_ERR_REPLAY && !partial) {
            continue;
        }
        if (covers == NULL) {
            covers = or_replay_coverage(p->job->replay_dir, p->tz);
            covers = covers != NULL ? covers : g_strdup("no dated request");
        }
        char *asked = or_replay_asked(s);
        const char *own = p->tpl != NULL ? p->tpl->sources[i].period : NULL;
        if (!g_ptr_array_find_with_equal_func(said, asked, g_str_equal, NULL)) {
            char *why =
                own != NULL ? g_strdup_printf("%s: %s", s->alias, own) : g_strdup("--period");
            or_replay_say(p->job->replay_dir, covers, asked, why);
            g_free(why);
            g_ptr_array_add(said, asked);
        }
        else {
            g_free(asked);
        }
        char *detail = g_strdup_printf("%s (the recording covers %s)",
                                       s->detail != NULL ? s->detail : s->status, covers);
        g_free(s->detail);
        s->detail = detail;
    }
    g_ptr_array_free(said, TRUE);
    g_free(covers);
}

/* Every source gets the table its fetch went to, under its own name.  From
 * the file @p path (a batch's), or within the job's dataset (NULL). */
/* Whether table @p name exists in @p ds (@p path NULL) or in the file @p path. */
static int
has_table(struct or_dataset *ds, const char *path, const char *name)
{
    sqlite3 *db = or_dataset_db(ds);
    if (path != NULL && sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return 0;
    }
    int rc = sqlite3_table_column_metadata(db, "main", name, NULL, NULL, NULL, NULL, NULL, NULL);
    if (path != NULL) {
        sqlite3_close(db);
    }
    return rc == SQLITE_OK;
}

/* A source's table of dated counter snapshots (docs/store.md), for each alias
 * that shares its fetch: ALIAS_snapshots. */
static or_status
copy_snapshots(struct or_run *R, const char *path, const char *from, const char *alias, char *err,
               size_t errlen)
{
    char *f = g_strdup_printf("%s_snapshots", from), *t = g_strdup_printf("%s_snapshots", alias);
    or_status st = OR_OK;
    if ((path != NULL || strcmp(f, t) != 0) && has_table(R->ds, path, f)) {
        st = or_dataset_copy_table(R->ds, path, f, t, err, errlen);
    }
    g_free(f);
    g_free(t);
    return st;
}

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
        if (st == OR_OK) {
            st = copy_snapshots(R, path, o->table, s->alias, err, errlen);
        }
        if (st != OR_OK) {
            return st;
        }
    }
    replay_hint(R);
    struct or_source **list = source_list(p);
    const char *ws = or_config_get(p->cfg, "report", "week_start");
    or_status st = or_sync_coverage_table(
        list, p->nsources, R->ds, or_week_start_parse(ws != NULL ? ws : "monday"), err, errlen);
    g_free(list);
    return st;
}

/* The plan's sources that make requests (one of each shared set), each writing the
 * table named by its alias. The array is the caller's (g_ptr_array_free(, TRUE)); its
 * sources stay the plan's. */
static GPtrArray *
fetched_sources(const struct or_run *R)
{
    struct or_source **list = source_list(R->plan);
    GPtrArray *fetch = or_sources_share(list, R->plan->nsources);
    g_free(list);
    for (guint i = 0; i < fetch->len; i++) {
        struct or_source *s = g_ptr_array_index(fetch, i);
        g_free(s->table);
        s->table = g_strdup(s->alias);
    }
    return fetch;
}

or_status
or_run_fetch(struct or_run *R, const struct or_fetch_env *env, char *err, size_t errlen)
{
    GPtrArray *fetch = fetched_sources(R);
    or_fetch_sources((struct or_source *const *)fetch->pdata, fetch->len, env, R->ds);
    or_status st = materialize(R, NULL, err, errlen);
    g_ptr_array_free(fetch, TRUE);
    return st;
}

or_status
or_run_sync(struct or_run *R, const struct or_sync_env *env, char *err, size_t errlen)
{
    GPtrArray *fetch = fetched_sources(R);
    or_status st = or_sync_sources((struct or_source *const *)fetch->pdata, fetch->len, env, R->ds,
                                   err, errlen);
    if (st == OR_OK) {
        st = materialize(R, NULL, err, errlen);
    }
    g_ptr_array_free(fetch, TRUE);
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

/* "outreport_sources": what each table of a kept dataset is. */
static or_status
describe_sources(sqlite3 *db, const struct or_plan *p, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_exec(db,
                          "CREATE TABLE outreport_sources (alias TEXT, source TEXT, params TEXT, "
                          "period TEXT, first_day TEXT, last_day TEXT, zone TEXT, status TEXT, "
                          "detail TEXT, rows INTEGER)",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_prepare_v2(db, "INSERT INTO outreport_sources VALUES (?,?,?,?,?,?,?,?,?,?)",
                                -1, &st, NULL);
    }
    for (size_t i = 0; rc == SQLITE_OK && i < p->nsources; i++) {
        const struct or_source *s = &p->sources[i];
        char *params =
            s->param_text != NULL ? g_strjoinv(" ", (char **)s->param_text) : g_strdup("");
        /* A source's own period ("last-12-weeks") is what it holds. */
        const char *own = p->tpl != NULL ? p->tpl->sources[i].period : NULL;
        const char *which = own != NULL ? own : s->previous ? "previous" : "current";
        sqlite3_bind_text(st, 1, s->alias, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, s->name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, params, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 4, which, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 5, s->has_period ? s->period.first_day : NULL, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, s->has_period ? s->period.last_day : NULL, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, p->tz_name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 8, s->status, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 9, s->detail, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 10, s->stats.rows);
        rc = sqlite3_step(st) == SQLITE_DONE ? sqlite3_reset(st) : SQLITE_ERROR;
        g_free(params);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK) {
        or_set_err(err, errlen, "%s", sqlite3_errmsg(db));
        return OR_ERR_IO;
    }
    return OR_OK;
}

or_status
or_run_keep(struct or_run *R, const char *path, char *err, size_t errlen)
{
    char *tmp = g_strdup_printf("%s.tmp", path);
    char inner[OR_ERR_SIZE] = "";
    sqlite3 *dst = NULL;
    or_status st = OR_ERR_IO;
    (void)g_remove(tmp);
    if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK) {
        /* SQLite's online backup: every source table with its declared types. */
        sqlite3_backup *b = sqlite3_backup_init(dst, "main", or_dataset_db(R->ds), "main");
        if (b != NULL && sqlite3_backup_step(b, -1) == SQLITE_DONE &&
            sqlite3_backup_finish(b) == SQLITE_OK) {
            st = describe_sources(dst, R->plan, inner, sizeof(inner));
        }
        else {
            sqlite3_backup_finish(b);
            snprintf(inner, sizeof(inner), "%s", sqlite3_errmsg(dst));
        }
    }
    else if (dst != NULL) {
        snprintf(inner, sizeof(inner), "%s", sqlite3_errmsg(dst));
    }
    if (sqlite3_close(dst) != SQLITE_OK && st == OR_OK) {
        st = OR_ERR_IO;
    }
    if (st == OR_OK && g_rename(tmp, path) != 0) {
        snprintf(inner, sizeof(inner), "%s", g_strerror(errno));
        st = OR_ERR_IO;
    }
    if (st != OR_OK) {
        (void)g_remove(tmp);
        or_set_err(err, errlen, "--keep-dataset %s: %s", path, inner[0] ? inner : "cannot write");
    }
    else {
        or_log(OR_LOG_INFO, "kept the dataset in %s", path);
    }
    g_free(tmp);
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
    json_decref(R->notifications);
    json_decref(R->sections);
    json_decref(R->manifest);
    or_dataset_free(R->ds);
    memset(R, 0, sizeof(*R));
}
