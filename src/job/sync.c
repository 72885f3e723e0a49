/* SPDX-License-Identifier: MIT */
/* Incremental sync of one source into the store, and reading it back (sync.h). */
#include "job/sync.h"

#include <stdio.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "base/timeutil.h"

/* A run of days to fetch, [first, last]. */
struct chunk {
    char first[11], last[11];
};

static int64_t
day_number(const char *text)
{
    int y = 1970, m = 1, d = 1;
    (void)or_date_parse(text, &y, &m, &d);
    return or_days_from_civil(y, m, d);
}

static void
day_text(int64_t day, char out[11])
{
    int y, m, d;
    or_civil_from_days(day, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

/* ISO weekday (1 = Monday) of a day number: 1970-01-01 was a Thursday. */
static int
weekday(int64_t day)
{
    return (int)(((day % 7) + 7 + 3) % 7) + 1;
}

/* The local midnight starting day number @p day. */
static int64_t
midnight(GTimeZone *tz, int64_t day)
{
    int y, m, d;
    int64_t t = day * 86400;
    or_civil_from_days(day, &y, &m, &d);
    (void)or_time_from_local(tz, y, m, d, 0, 0, 0, &t);
    return t;
}

/* The canonical text of a source's parameters: sorted "name=value" lines. */
static char *
params_text(const struct or_source *s)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < s->params.n; i++) {
        g_ptr_array_add(
            lines, g_strdup_printf("%s=%s", s->params.items[i].name, s->params.items[i].value));
    }
    g_ptr_array_sort(lines, (GCompareFunc)(void *)g_strcmp0);
    GString *t = g_string_new(NULL);
    for (guint i = 0; i < lines->len; i++) {
        g_string_append_printf(t, "%s%s", i ? "\n" : "", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
    return g_string_free(t, FALSE);
}

static or_status
stream_of(const struct or_source *s, const struct or_sync_env *env, int64_t *id, char *err,
          size_t errlen)
{
    char *params = params_text(s);
    or_status st =
        or_store_stream(env->store, s->name, params, s->tz_name, s->ep->table, id, err, errlen);
    g_free(params);
    return st;
}

/* Whether @p c, fetched at c->fetched_at, is final for days ending at @p end. */
static int
settled(const struct or_store_cover *c, int64_t end, const struct or_sync_env *env)
{
    return c->fetched_at >= end + (int64_t)env->refetch_days * 86400;
}

/* Records: the days of the period not settled, in runs cut at week starts. */
static void
plan_records(const struct or_source *s, const struct or_sync_env *env, GArray *cover,
             GArray *chunks)
{
    GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);
    for (guint i = 0; i < cover->len; i++) {
        struct or_store_cover *c = &g_array_index(cover, struct or_store_cover, i);
        int64_t d = day_number(c->first);
        if (strcmp(c->first, c->last) == 0 && settled(c, midnight(s->tz, d + 1), env)) {
            g_hash_table_add(done, c->first);
        }
    }
    int64_t first = day_number(s->period.first_day), last = day_number(s->period.last_day);
    struct chunk cur = {"", ""};
    for (int64_t d = first; d <= last; d++) {
        char text[11];
        day_text(d, text);
        int skip = g_hash_table_contains(done, text);
        if (cur.first[0] != '\0' && (skip || weekday(d) == env->week_start)) {
            g_array_append_val(chunks, cur);
            cur.first[0] = '\0';
        }
        if (!skip) {
            if (cur.first[0] == '\0') {
                memcpy(cur.first, text, sizeof(cur.first));
            }
            memcpy(cur.last, text, sizeof(cur.last));
        }
    }
    if (cur.first[0] != '\0') {
        g_array_append_val(chunks, cur);
    }
    g_hash_table_destroy(done);
}

/* What to fetch for @p s: chunks of days (records), the period (period
 * aggregates), today's snapshot (cumulative totals); none when stored. */
static or_status
plan(const struct or_source *s, const struct or_store_profile *prof, int64_t stream,
     const struct or_sync_env *env, GArray *chunks, char *err, size_t errlen)
{
    GArray *cover = g_array_new(FALSE, TRUE, sizeof(struct or_store_cover));
    int snap = prof->kind == OR_STORE_SNAPSHOT;
    or_status st = or_store_coverage(env->store, stream, snap ? "0000-01-01" : s->period.first_day,
                                     snap ? "9999-12-31" : s->period.last_day, cover, err, errlen);
    if (st == OR_OK && prof->kind == OR_STORE_RECORDS) {
        plan_records(s, env, cover, chunks);
    }
    else if (st == OR_OK) {
        int have = 0;
        for (guint i = 0; i < cover->len; i++) {
            struct or_store_cover *c = &g_array_index(cover, struct or_store_cover, i);
            have = have || (snap ? c->fetched_at >= s->period.end
                                 : strcmp(c->first, s->period.first_day) == 0 &&
                                       strcmp(c->last, s->period.last_day) == 0 &&
                                       settled(c, s->period.end, env));
        }
        struct chunk c;
        if (snap) {
            struct or_local_time lt;
            or_time_local(env->now, s->tz, &lt);
            snprintf(c.first, sizeof(c.first), "%04d-%02d-%02d", lt.year, lt.month, lt.day);
            memcpy(c.last, c.first, sizeof(c.last));
        }
        else {
            memcpy(c.first, s->period.first_day, sizeof(c.first));
            memcpy(c.last, s->period.last_day, sizeof(c.last));
        }
        if (!have) {
            g_array_append_val(chunks, c);
        }
    }
    g_array_free(cover, TRUE);
    return st;
}

/* What one source's sync did. */
struct outcome {
    GString *missing; /* days a replay did not have: "FIRST..LAST" of them all */
    int nmissing;     /* in so many runs of days */
    or_status st;     /* the first failure other than a replay miss */
    char detail[OR_ERR_SIZE];
};

static void
add_stats(struct or_fetch_stats *to, const struct or_fetch_stats *from)
{
    to->pages += from->pages;
    to->requests += from->requests;
    to->retries += from->retries;
    to->seconds += from->seconds;
    if (from->fetched_at > 0 && (to->fetched_at == 0 || from->fetched_at < to->fetched_at)) {
        to->fetched_at = from->fetched_at;
    }
    for (int k = 0; k < OR_REPAIR_COUNT; k++) {
        to->repaired[k] += from->repaired[k];
    }
}

/* Fetches one chunk into @p tmp and stores it. */
static or_status
sync_chunk(struct or_source *s, const struct or_store_profile *prof, int64_t stream,
           const struct chunk *c, const struct or_sync_env *env, struct or_dataset *tmp, char *err,
           size_t errlen)
{
    struct or_source one = *s;
    struct or_fetch_stats stats = {0};
    or_status st = OR_OK;
    if (prof->kind != OR_STORE_SNAPSHOT) {
        st = or_period_from_to(c->first, c->last, s->tz, env->now, &one.period, err, errlen);
    }
    static char chunk_table[] = "chunk";
    one.table = chunk_table;
    struct or_fetch_request fr = or_source_request(&one, env->fetch, tmp);
    fr.lookups = env->lookups;
    fr.quiet_repairs = 1; /* the caller warns once: or_fetch_warn_repairs */
    if (st == OR_OK) {
        st = or_fetch_run(&fr, &stats, err, errlen);
    }
    add_stats(&s->stats, &stats);
    int64_t rows = 0;
    if (st == OR_OK) {
        struct or_store_put put = {stream, prof,     s->ep->table, tmp,     "chunk",
                                   s->tz,  c->first, c->last,      env->now};
        st = or_store_put(env->store, &put, &rows, err, errlen);
    }
    if (st == OR_OK) {
        or_log(OR_LOG_DEBUG, "source %s (%s): stored %s..%s: %lld rows (%ld requests)", s->alias,
               s->name, c->first, c->last, (long long)rows, stats.requests);
    }
    return st;
}

static void
judge(struct or_source *s, const struct outcome *o)
{
    g_free(s->detail);
    s->detail = NULL;
    s->st = o->st;
    if (o->st == OR_OK && o->missing->len > 0) {
        s->status = "partial";
        s->detail = g_strdup_printf("%d run%s of days between %s are not in the recording: unknown",
                                    o->nmissing, o->nmissing == 1 ? "" : "s", o->missing->str);
    }
    else if (o->st == OR_OK) {
        s->status = s->stats.retries > 0 ? "retried" : "ok";
    }
    else {
        int unconfigured = o->st == OR_ERR_AUTH && s->stats.requests == 0;
        s->status = !s->required && unconfigured ? "skipped" : "failed";
        s->detail = g_strdup(o->detail);
    }
}

/* After a sync: the days of a records source's period the store holds. */
static void
remember_known(struct or_source *s, const struct or_store_profile *prof, int64_t stream,
               const struct or_sync_env *env)
{
    if (prof->kind != OR_STORE_RECORDS || strcmp(s->status, "failed") == 0) {
        return;
    }
    char err[OR_ERR_SIZE];
    GArray *cover = g_array_new(FALSE, TRUE, sizeof(struct or_store_cover));
    if (or_store_coverage(env->store, stream, s->period.first_day, s->period.last_day, cover, err,
                          sizeof(err)) == OR_OK) {
        s->known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        for (guint i = 0; i < cover->len; i++) {
            g_hash_table_add(s->known,
                             g_strdup(g_array_index(cover, struct or_store_cover, i).first));
        }
    }
    g_array_free(cover, TRUE);
}

/* Whether the store holds any of @p s's data for its period: the days of a
 * records source, the period of an aggregate, a snapshot. */
static int
holds_any(const struct or_source *s, const struct or_store_profile *prof, int64_t stream,
          const struct or_sync_env *env)
{
    if (prof->kind == OR_STORE_RECORDS) {
        return s->known != NULL && g_hash_table_size(s->known) > 0;
    }
    char err[OR_ERR_SIZE];
    int snap = prof->kind == OR_STORE_SNAPSHOT, have = 0;
    GArray *cover = g_array_new(FALSE, TRUE, sizeof(struct or_store_cover));
    if (or_store_coverage(env->store, stream, snap ? "0000-01-01" : s->period.first_day,
                          snap ? "9999-12-31" : s->period.last_day, cover, err,
                          sizeof(err)) == OR_OK) {
        for (guint i = 0; i < cover->len && !have; i++) {
            const struct or_store_cover *c = &g_array_index(cover, struct or_store_cover, i);
            have = snap || (strcmp(c->first, s->period.first_day) == 0 &&
                            strcmp(c->last, s->period.last_day) == 0);
        }
    }
    g_array_free(cover, TRUE);
    return have;
}

/* A replay that had none of a source's period, over a store holding none
 * of it either: the source has no data at all, which is a failure (exit 3,
 * its sections say so), not a partial source whose tables look empty. */
static void
judge_unknown(struct or_source *s, const struct or_store_profile *prof, int64_t stream,
              const struct or_sync_env *env)
{
    if (strcmp(s->status, "partial") != 0 || holds_any(s, prof, stream, env)) {
        return;
    }
    char *detail =
        g_strdup_printf("%s..%s: not in the recording", s->period.first_day, s->period.last_day);
    g_free(s->detail);
    s->detail = detail;
    s->st = OR_ERR_REPLAY;
    s->status = "failed";
    if (s->known != NULL) {
        g_hash_table_unref(s->known);
        s->known = NULL;
    }
}

static void sync_source(struct or_source *s, const struct or_sync_env *env);

void
or_sync_source(struct or_source *s, const struct or_sync_env *env)
{
    if (env->lookups != NULL) {
        sync_source(s, env);
        return;
    }
    /* One reading of a lookup for all the chunks of the source. */
    struct or_sync_env own = *env;
    own.lookups = or_lookup_cache_new();
    sync_source(s, &own);
    or_lookup_cache_free(own.lookups);
}

static void
sync_source(struct or_source *s, const struct or_sync_env *env)
{
    struct or_store_profile profile;
    or_store_profile_of(s->name, s->ep, &profile);
    const struct or_store_profile *prof = &profile;
    GArray *chunks = g_array_new(FALSE, TRUE, sizeof(struct chunk));
    struct outcome o = {g_string_new(NULL), 0, OR_OK, ""};
    struct or_dataset *tmp = NULL;
    int64_t stream = -1;
    memset(&s->stats, 0, sizeof(s->stats));
    o.st = stream_of(s, env, &stream, o.detail, sizeof(o.detail));
    if (o.st == OR_OK && prof->counters) { /* a store from before version 3 */
        o.st = or_store_counters_ready(env->store, stream, s->ep->table, s->tz, o.detail,
                                       sizeof(o.detail));
    }
    if (o.st == OR_OK) {
        o.st = plan(s, prof, stream, env, chunks, o.detail, sizeof(o.detail));
    }
    if (o.st == OR_OK && chunks->len == 0) {
        or_log(OR_LOG_INFO, "source %s (%s): %s..%s stored already, nothing to fetch", s->alias,
               s->name, s->period.first_day, s->period.last_day);
    }
    if (o.st == OR_OK && chunks->len > 0) {
        o.st = or_dataset_new(&tmp, o.detail, sizeof(o.detail));
    }
    for (guint i = 0; o.st == OR_OK && i < chunks->len; i++) {
        const struct chunk *c = &g_array_index(chunks, struct chunk, i);
        char err[OR_ERR_SIZE] = "";
        or_status st = sync_chunk(s, prof, stream, c, env, tmp, err, sizeof(err));
        if (st == OR_ERR_REPLAY) {
            if (o.nmissing++ == 0) {
                g_string_append_printf(o.missing, "%s..", c->first);
            }
            g_string_truncate(o.missing, strlen(c->first) + 2);
            g_string_append(o.missing, c->last);
        }
        else if (st != OR_OK) {
            o.st = st;
            snprintf(o.detail, sizeof(o.detail), "%s", err);
        }
    }
    judge(s, &o);
    remember_known(s, prof, stream, env);
    judge_unknown(s, prof, stream, env);
    if (strcmp(s->status, "failed") == 0) {
        or_log(OR_LOG_WARN, "source %s (%s) failed: %s", s->alias, s->name, s->detail);
    }
    else if (s->detail != NULL) {
        or_log(OR_LOG_INFO, "source %s (%s) %s: %s", s->alias, s->name, s->status, s->detail);
    }
    or_dataset_free(tmp);
    g_string_free(o.missing, TRUE);
    g_array_free(chunks, TRUE);
}

/* "As of" for the rows loaded: when they were fetched.  Rows this run
 * fetched are as of its fetch (the time documents show, which
 * SOURCE_DATE_EPOCH pins); older ones as of the run that stored them. */
static or_status
loaded_at(struct or_source *s, const struct or_sync_env *env, const struct or_store_get *g,
          const char *as_of, char *err, size_t errlen)
{
    int64_t at = 0;
    or_status st = or_store_fetched_at(env->store, g, as_of, &at, err, errlen);
    if (st == OR_OK && at > 0 && (at < env->now || s->stats.fetched_at == 0)) {
        s->stats.fetched_at = at;
    }
    return st;
}

/* Records with counters: table ALIAS_snapshots, every dated snapshot of
 * the records of the period (docs/store.md). */
static or_status
load_history(struct or_source *s, const struct or_sync_env *env, struct or_store_get g,
             const struct or_schema *schema, struct or_dataset *ds, char *err, size_t errlen)
{
    char *name = g_strdup_printf("%s_snapshots", s->table);
    int64_t rows = 0;
    char as_of[11];
    g.history = 1;
    or_status st = or_store_load(env->store, &g, schema, ds, name, &rows, as_of, err, errlen);
    g_free(name);
    return st;
}

or_status
or_sync_load(struct or_source *s, const struct or_sync_env *env, struct or_dataset *ds, char *err,
             size_t errlen)
{
    struct or_store_profile profile;
    or_store_profile_of(s->name, s->ep, &profile);
    const struct or_store_profile *prof = &profile;
    int64_t stream = -1, rows = 0;
    char as_of[11] = "";
    struct or_schema *schema = or_schema_new(s->ep->columns, s->ep->ncolumns, 0);
    struct or_store_get g = {
        -1, prof, s->ep->table, s->period.first_day, s->period.last_day, s->period.end, 0};
    or_status st = OR_OK;
    if (strcmp(s->status, "failed") == 0 || strcmp(s->status, "skipped") == 0) {
        st = or_source_create_empty(ds, s, s->table, err, errlen);
        if (st == OR_OK) {
            st = or_source_history_table(ds, s, 0, err, errlen);
        }
        or_schema_free(schema);
        return st;
    }
    st = stream_of(s, env, &stream, err, errlen);
    g.stream = stream;
    if (st == OR_OK) {
        st = or_store_load(env->store, &g, schema, ds, s->table, &rows, as_of, err, errlen);
    }
    if (st == OR_OK) {
        st = loaded_at(s, env, &g, as_of, err, errlen);
    }
    if (st == OR_OK && prof->counters) {
        st = load_history(s, env, g, schema, ds, err, errlen);
    }
    or_schema_free(schema);
    s->stats.rows = rows;
    if (st == OR_OK) {
        char what[160];
        or_fetch_stats_describe(&s->stats, what, sizeof(what));
        or_log(OR_LOG_INFO, "source %s (%s): %s; %s..%s read from the store%s%s", s->alias, s->name,
               what, s->period.first_day, s->period.last_day,
               as_of[0] != '\0' ? ", totals as of " : "", as_of);
    }
    return st;
}

static or_status
coverage_rows(sqlite3 *db, sqlite3_stmt *ins, const struct or_source *s, int week_start, char *err,
              size_t errlen)
{
    int ok =
        s->status != NULL && strcmp(s->status, "failed") != 0 && strcmp(s->status, "skipped") != 0;
    int64_t first = day_number(s->period.first_day), last = day_number(s->period.last_day);
    for (int64_t d = first; d <= last; d++) {
        char text[11], week[11];
        day_text(d, text);
        day_text(d - (weekday(d) - week_start + 7) % 7, week);
        sqlite3_bind_text(ins, 1, s->alias, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, text, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, week, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(ins, 4, ok && (s->known == NULL || g_hash_table_contains(s->known, text)));
        int rc = sqlite3_step(ins);
        sqlite3_reset(ins);
        if (rc != SQLITE_DONE) {
            or_set_err(err, errlen, "coverage table: %s", sqlite3_errmsg(db));
            return OR_ERR_DATASET;
        }
    }
    return OR_OK;
}

or_status
or_sync_coverage_table(struct or_source *const *srcs, size_t n, struct or_dataset *ds,
                       int week_start, char *err, size_t errlen)
{
    sqlite3 *db = or_dataset_db(ds);
    sqlite3_stmt *ins = NULL;
    or_status st = OR_OK;
    if (sqlite3_exec(db,
                     "DROP TABLE IF EXISTS coverage; CREATE TABLE coverage (source TEXT, day "
                     "TEXT, week TEXT, stored BOOL); BEGIN",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO coverage VALUES (?, ?, ?, ?)", -1, &ins, NULL) !=
            SQLITE_OK) {
        or_set_err(err, errlen, "coverage table: %s", sqlite3_errmsg(db));
        st = OR_ERR_DATASET;
    }
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        if (srcs[i]->has_period) {
            st = coverage_rows(db, ins, srcs[i], week_start, err, errlen);
        }
    }
    sqlite3_finalize(ins);
    sqlite3_exec(db, st == OR_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
    return st;
}

or_status
or_sync_sources(struct or_source *const *srcs, size_t n, const struct or_sync_env *env,
                struct or_dataset *ds, char *err, size_t errlen)
{
    struct or_sync_env run = *env;
    if (run.lookups == NULL) {
        run.lookups = or_lookup_cache_new(); /* a lookup is read once for the run */
    }
    or_status st = or_store_lock(env->store, err, errlen);
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        or_sync_source(srcs[i], &run);
    }
    or_store_unlock(env->store);
    if (run.lookups != env->lookups) {
        or_lookup_cache_free(run.lookups);
    }
    or_fetch_warn_repairs(srcs, n);
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        st = or_sync_load(srcs[i], env, ds, err, errlen);
    }
    return st;
}
