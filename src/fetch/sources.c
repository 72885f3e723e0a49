/* SPDX-License-Identifier: MIT */
#include "fetch/sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "base/timeutil.h"
#include "dataset/rows.h"
#include "plugin/endpoint.h"

void
or_source_release(struct or_source *s)
{
    or_params_release(&s->params);
    g_free(s->table);
    g_free(s->detail);
    if (s->known != NULL) {
        g_hash_table_unref(s->known);
    }
    s->table = NULL;
    s->detail = NULL;
    s->known = NULL;
}

static int
by_name(const void *a, const void *b)
{
    const struct or_param_value *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c != 0 ? c : strcmp(x->value, y->value);
}

/* What makes two sources the same data. */
static char *
key_of(const struct or_source *s)
{
    GString *k = g_string_new(s->name);
    struct or_param_value *p = g_memdup2(s->params.items, s->params.n * sizeof(*p));
    if (s->params.n > 1) {
        qsort(p, s->params.n, sizeof(*p), by_name);
    }
    for (size_t i = 0; i < s->params.n; i++) {
        g_string_append_printf(k, "\n%s=%s", p[i].name, p[i].value);
    }
    g_free(p);
    if (s->has_period) {
        g_string_append_printf(k, "\n@%lld..%lld", (long long)s->period.start,
                               (long long)s->period.end);
    }
    g_string_append_printf(k, "\ntz=%s", s->tz_name != NULL ? s->tz_name : "");
    return g_string_free(k, FALSE);
}

GPtrArray *
or_sources_share(struct or_source *const *srcs, size_t n)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *fetch = g_ptr_array_new();
    for (size_t i = 0; i < n; i++) {
        char *key = key_of(srcs[i]);
        struct or_source *first = g_hash_table_lookup(seen, key);
        srcs[i]->origin = first;
        if (first == NULL) {
            g_hash_table_insert(seen, key, srcs[i]);
            g_ptr_array_add(fetch, srcs[i]);
        }
        else {
            g_free(key);
        }
    }
    g_hash_table_destroy(seen);
    return fetch;
}

or_status
or_source_create_empty(struct or_dataset *ds, const struct or_source *s, const char *table,
                       char *err, size_t errlen)
{
    struct or_schema *schema = or_schema_new(s->ep->columns, s->ep->ncolumns, 0);
    struct or_table_writer *w = NULL;
    or_status st = or_table_writer_open(ds, table, schema, &w, err, errlen);
    if (st == OR_OK) {
        st = or_table_writer_close(w, 1, err, errlen);
    }
    or_schema_free(schema);
    return st;
}

/* "CREATE TABLE t_snapshots (as_of TEXT, record TEXT, <t's columns>)" */
static char *
history_ddl(sqlite3 *db, const char *table, const char *name)
{
    char *sql = sqlite3_mprintf("SELECT name, type FROM pragma_table_info(%Q) ORDER BY cid", table);
    sqlite3_stmt *q = NULL;
    char *ddl = sqlite3_mprintf("CREATE TABLE \"%w\" (as_of TEXT, record TEXT", name);
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            char *more = sqlite3_mprintf("%s, \"%w\" %s", ddl, sqlite3_column_text(q, 0),
                                         sqlite3_column_text(q, 1));
            sqlite3_free(ddl);
            ddl = more;
        }
    }
    sqlite3_finalize(q);
    sqlite3_free(sql);
    char *done = sqlite3_mprintf("%s)", ddl);
    sqlite3_free(ddl);
    return done;
}

or_status
or_source_history_table(struct or_dataset *ds, const struct or_source *s, int with_rows, char *err,
                        size_t errlen)
{
    if (or_endpoint_cumulative(s->ep) != OR_CUMULATIVE_COUNTERS ||
        or_endpoint_keeping(s->ep) != OR_KEEP_RECORDS) {
        return OR_OK;
    }
    sqlite3 *db = or_dataset_db(ds);
    char *name = g_strdup_printf("%s_snapshots", s->table);
    char day[11] = "";
    if (s->stats.fetched_at > 0) {
        struct or_local_time lt;
        or_time_local(s->stats.fetched_at, s->tz, &lt);
        snprintf(day, sizeof(day), "%04d-%02d-%02d", lt.year, lt.month, lt.day);
    }
    GString *key = g_string_new(NULL);
    for (const char *const *k = s->ep->record_key; k != NULL && *k != NULL; k++) {
        char *part = sqlite3_mprintf("%scoalesce(CAST(\"%w\" AS TEXT), '')",
                                     key->len > 0 ? " || char(31) || " : "", *k);
        g_string_append(key, part);
        sqlite3_free(part);
    }
    char *ddl = history_ddl(db, s->table, name);
    char *fill = sqlite3_mprintf(
        "DROP TABLE IF EXISTS \"%w\"; %s; INSERT INTO \"%w\" SELECT %Q, "
        "%s, * FROM \"%w\" WHERE %d",
        name, ddl, name, day, key->len > 0 ? key->str : "CAST(rowid AS TEXT)", s->table, with_rows);
    or_status st = OR_OK;
    if (sqlite3_exec(db, fill, NULL, NULL, NULL) != SQLITE_OK) {
        or_set_err(err, errlen, "%s: %s", name, sqlite3_errmsg(db));
        st = OR_ERR_DATASET;
    }
    sqlite3_free(fill);
    sqlite3_free(ddl);
    g_string_free(key, TRUE);
    g_free(name);
    return st;
}

/* ok, retried, failed or skipped, from the fetch's status and counts. */
static void
judge(struct or_source *s)
{
    if (s->st == OR_OK) {
        s->status = s->stats.retries > 0 ? "retried" : "ok";
        return;
    }
    /* An optional source whose credentials are not set up is skipped:
     * the team does not have that vendor. */
    int not_configured = s->st == OR_ERR_AUTH && s->stats.requests == 0;
    s->status = !s->required && not_configured ? "skipped" : "failed";
}

void
or_source_copy_result(struct or_source *s)
{
    const struct or_source *o = s->origin;
    if (o == NULL) {
        return;
    }
    s->st = o->st;
    s->stats = o->stats;
    g_free(s->detail);
    s->detail = g_strdup(o->detail);
    if (s->known == NULL && o->known != NULL) {
        s->known = g_hash_table_ref(o->known);
    }
    judge(s);
    if (o->status != NULL && strcmp(o->status, "partial") == 0) {
        s->status = o->status;
    }
}

struct or_fetch_request
or_source_request(const struct or_source *s, const struct or_fetch_env *env, struct or_dataset *ds)
{
    return (struct or_fetch_request){
        .source = s->name,
        .plugin = s->plugin,
        .endpoint = s->ep,
        .cfg = env->cfg,
        .tz = s->tz,
        .tz_name = s->tz_name,
        .period = s->has_period ? &s->period : NULL,
        .params = &s->params,
        .http = env->http,
        .ds = ds,
        .table = s->table,
        .progress = env->progress,
        .replay = env->replay,
        .threads = env->threads,
    };
}

static void
fetch_one(struct or_source *s, const struct or_fetch_env *env, struct or_dataset *ds,
          struct or_lookup_cache *lookups)
{
    char ferr[OR_ERR_SIZE] = "";
    struct or_fetch_request fr = or_source_request(s, env, ds);
    fr.lookups = lookups;
    fr.quiet_repairs = 1; /* one warning for the run: or_fetch_warn_repairs */
    s->st = or_fetch_run(&fr, &s->stats, ferr, sizeof(ferr));
    judge(s);
    if (s->st == OR_OK) {
        char what[160], err[OR_ERR_SIZE];
        or_fetch_stats_describe(&s->stats, what, sizeof(what));
        or_log(OR_LOG_INFO, "source %s (%s): %s", s->alias, s->name, what);
        if (or_source_history_table(ds, s, 1, err, sizeof(err)) != OR_OK) {
            or_log(OR_LOG_ERROR, "%s", err);
        }
        return;
    }
    s->detail = g_strdup(ferr);
    if (strcmp(s->status, "failed") == 0) {
        or_log(OR_LOG_WARN, "source %s (%s) failed: %s", s->alias, s->name, ferr);
    }
    else {
        or_log(OR_LOG_INFO, "source %s (%s) skipped: %s", s->alias, s->name, ferr);
    }
    char err[OR_ERR_SIZE];
    if (or_source_create_empty(ds, s, s->table, err, sizeof(err)) != OR_OK ||
        or_source_history_table(ds, s, 0, err, sizeof(err)) != OR_OK) {
        or_log(OR_LOG_ERROR, "%s", err);
    }
}

/* One warning per kind of repair for the whole run, with each source's count
 * (the manifest and --json have them per source too). */
void
or_fetch_warn_repairs(struct or_source *const *srcs, size_t n)
{
    for (int k = 0; k < OR_REPAIR_COUNT; k++) {
        long total = 0;
        GString *each = g_string_new(NULL);
        for (size_t i = 0; i < n; i++) {
            const struct or_source *s = srcs[i];
            long c = s->st == OR_OK ? s->stats.repaired[k] : 0;
            if (c > 0) {
                total += c;
                g_string_append_printf(each, "%s%s (%s) %ld", each->len > 0 ? ", " : "", s->alias,
                                       s->name, c);
            }
        }
        if (total > 0) {
            or_log(OR_LOG_WARN, "%ld %s: %s; every row kept", total,
                   or_repair_phrase((enum or_repair)k), each->str);
        }
        g_string_free(each, TRUE);
    }
}

or_status
or_fetch_sources(struct or_source *const *srcs, size_t n, const struct or_fetch_env *env,
                 struct or_dataset *ds)
{
    or_status first = OR_OK;
    /* A lookup (a disposition list) is read once for all the sources of a run. */
    struct or_lookup_cache *lookups = or_lookup_cache_new();
    for (size_t i = 0; i < n; i++) {
        fetch_one(srcs[i], env, ds, lookups);
        if (first == OR_OK && strcmp(srcs[i]->status, "failed") == 0) {
            first = srcs[i]->st;
        }
    }
    or_lookup_cache_free(lookups);
    or_fetch_warn_repairs(srcs, n);
    return first;
}
