/* SPDX-License-Identifier: MIT */
/* Dated snapshots of records' cumulative counters (docs/store.md, "Cumulative
 * counters of records"): TABLE_snapshots mirrors TABLE's columns, plus the
 * snapshot's day or_snap, keyed by (or_stream, or_key, or_snap). */
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "base/timeutil.h"
#include "store/store_impl.h"

void
or_store_local_day(GTimeZone *tz, int64_t t, char out[11])
{
    struct or_local_time lt;
    or_time_local(t, tz, &lt);
    snprintf(out, 11, "%04d-%02d-%02d", lt.year, lt.month, lt.day);
}

static or_status
take_text(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    char **out = ud;
    if (*out == NULL && n > 0 && !vals[0].is_null) {
        *out = g_strdup(vals[0].s);
    }
    return OR_OK;
}

or_status
or_store_snapshot_table(struct or_store *s, int64_t stream, char **out, char *err, size_t errlen)
{
    static const enum or_type text = OR_TYPE_TEXT;
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", (long long)stream);
    const char *p[] = {sid};
    *out = NULL;
    return s->ops->query(s, "SELECT snapshots FROM or_streams WHERE id = $1", p, 1, &text, 1,
                         take_text, out, err, errlen);
}

/* The columns of @p table (names and types); none when it does not exist. */
struct cols {
    GPtrArray *names;
    GArray *types;
};

static or_status
cols_of(struct or_store *s, const char *table, struct cols *c, char *err, size_t errlen)
{
    c->names = g_ptr_array_new_with_free_func(g_free);
    c->types = g_array_new(FALSE, FALSE, sizeof(enum or_type));
    return s->ops->columns(s, table, c->names, c->types, err, errlen);
}

static void
cols_free(struct cols *c)
{
    g_ptr_array_free(c->names, TRUE);
    g_array_free(c->types, TRUE);
}

/* Creates @p snap with @p main's columns and or_snap, or adds those it lacks. */
static or_status
mirror(struct or_store *s, const struct cols *main, const char *snap, char *err, size_t errlen)
{
    struct cols have;
    or_status st = cols_of(s, snap, &have, err, errlen);
    char *qs = or_store_quote(snap);
    GString *sql = g_string_new(NULL);
    if (st == OR_OK && have.names->len == 0) {
        g_string_printf(sql, "CREATE TABLE %s (", qs);
        for (guint i = 0; i < main->names->len; i++) {
            char *q = or_store_quote(g_ptr_array_index(main->names, i));
            g_string_append_printf(sql, "%s %s, ", q,
                                   s->ops->type_sql(g_array_index(main->types, enum or_type, i)));
            g_free(q);
        }
        char *idx = g_strdup_printf("%s_or_day", snap);
        char *qi = or_store_quote(idx);
        g_string_append_printf(sql,
                               "or_snap TEXT NOT NULL, PRIMARY KEY (or_stream, or_key, or_snap)); "
                               "CREATE INDEX %s ON %s (or_stream, or_day)",
                               qi, qs);
        g_free(qi);
        g_free(idx);
    }
    if (st == OR_OK) {
        or_store_add_columns(s, qs, main->names, main->types, have.names, sql);
    }
    if (st == OR_OK && sql->len > 0) {
        st = s->ops->exec(s, sql->str, err, errlen);
    }
    g_string_free(sql, TRUE);
    g_free(qs);
    cols_free(&have);
    return st;
}

/* "INSERT INTO snap (cols, or_snap) SELECT cols, $2 FROM main WHERE
 * or_stream = $1 AND @p where ON CONFLICT ..." (g_free): the stored rows
 * that @p where selects become the snapshot of day $2.  @p replace: a
 * snapshot of that day already taken is replaced, else kept. */
static char *
copy_sql(const struct cols *main, const char *table, const char *snap, const char *where,
         int replace)
{
    GString *list = g_string_new(NULL);
    for (guint i = 0; i < main->names->len; i++) {
        char *q = or_store_quote(g_ptr_array_index(main->names, i));
        g_string_append_printf(list, "%s%s", i ? ", " : "", q);
        g_free(q);
    }
    char *qt = or_store_quote(table);
    char *qs = or_store_quote(snap);
    GString *sql = g_string_new(NULL);
    g_string_printf(
        sql,
        "INSERT INTO %s (%s, or_snap) SELECT %s, CAST($2 AS TEXT) FROM %s WHERE or_stream = $1 AND "
        "%s ON CONFLICT (or_stream, or_key, or_snap) DO ",
        qs, list->str, list->str, qt, where);
    if (!replace) {
        g_string_append(sql, "NOTHING");
    }
    for (guint i = 2; replace && i < main->names->len; i++) {
        char *q = or_store_quote(g_ptr_array_index(main->names, i));
        g_string_append_printf(sql, "%s%s = excluded.%s", i > 2 ? ", " : "UPDATE SET ", q, q);
        g_free(q);
    }
    g_free(qs);
    g_free(qt);
    g_string_free(list, TRUE);
    return g_string_free(sql, FALSE);
}

static or_status
take_instant(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    if (n > 0 && !vals[0].is_null) {
        g_array_append_val((GArray *)ud, vals[0].i);
    }
    return OR_OK;
}

/* The rows stored before the stream kept snapshots: each becomes the
 * snapshot of the day it was fetched (one statement per fetch). */
static or_status
seed(struct or_store *s, const struct cols *main, const char *table, const char *snap,
     const char *sid, GTimeZone *tz, char *err, size_t errlen)
{
    static const enum or_type int_type = OR_TYPE_INT;
    char *at = s->ops->read_expr(OR_TYPE_TIME, "or_fetched_at");
    char *qt = or_store_quote(table);
    char *list = g_strdup_printf("SELECT DISTINCT %s FROM %s WHERE or_stream = $1", at, qt);
    char *where = g_strdup_printf("%s = $3", at);
    char *sql = copy_sql(main, table, snap, where, 0);
    GArray *times = g_array_new(FALSE, FALSE, sizeof(int64_t));
    const char *p1[] = {sid};
    or_status st = s->ops->query(s, list, p1, 1, &int_type, 1, take_instant, times, err, errlen);
    for (guint i = 0; st == OR_OK && i < times->len; i++) {
        char day[11], t[24];
        int64_t when = g_array_index(times, int64_t, i);
        or_store_local_day(tz, when, day);
        snprintf(t, sizeof(t), "%lld", (long long)when);
        const char *p[] = {sid, day, t};
        st = s->ops->query(s, sql, p, 3, NULL, 0, NULL, NULL, err, errlen);
    }
    g_array_free(times, TRUE);
    g_free(sql);
    g_free(where);
    g_free(list);
    g_free(qt);
    g_free(at);
    return st;
}

/* A stream's table and its snapshot table, the latter made to mirror it. */
struct pair {
    char *snap; /* TABLE_snapshots */
    char sid[24];
    struct cols main; /* none: TABLE does not exist yet */
};

static or_status
pair_open(struct or_store *s, int64_t stream, const char *table, struct pair *c, char *err,
          size_t errlen)
{
    c->snap = g_strdup_printf("%s_snapshots", table);
    snprintf(c->sid, sizeof(c->sid), "%lld", (long long)stream);
    or_status st = cols_of(s, table, &c->main, err, errlen);
    if (st == OR_OK && c->main.names->len > 0) {
        st = mirror(s, &c->main, c->snap, err, errlen);
    }
    return st;
}

static void
pair_close(struct pair *c)
{
    cols_free(&c->main);
    g_free(c->snap);
}

or_status
or_store_counters_prepare(struct or_store *s, int64_t stream, const char *table, GTimeZone *tz,
                          char *err, size_t errlen)
{
    char *have = NULL;
    struct pair c;
    or_status st = pair_open(s, stream, table, &c, err, errlen);
    if (st == OR_OK && c.main.names->len > 0) {
        st = or_store_snapshot_table(s, stream, &have, err, errlen);
    }
    if (st == OR_OK && c.main.names->len > 0 && have == NULL) {
        st = seed(s, &c.main, table, c.snap, c.sid, tz, err, errlen);
        const char *p[] = {c.snap, c.sid};
        if (st == OR_OK) {
            st = s->ops->query(s, "UPDATE or_streams SET snapshots = $1 WHERE id = $2", p, 2, NULL,
                               0, NULL, NULL, err, errlen);
        }
    }
    pair_close(&c);
    g_free(have);
    return st;
}

or_status
or_store_counters_ready(struct or_store *s, int64_t stream, const char *table, GTimeZone *tz,
                        char *err, size_t errlen)
{
    char *have = NULL;
    or_status st = or_store_snapshot_table(s, stream, &have, err, errlen);
    if (st != OR_OK || have != NULL) {
        g_free(have);
        return st;
    }
    st = s->ops->begin(s, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    st = or_store_counters_prepare(s, stream, table, tz, err, errlen);
    if (st == OR_OK) {
        st = s->ops->exec(s, "COMMIT", err, errlen);
    }
    if (st != OR_OK) {
        char ignored[OR_ERR_SIZE];
        s->ops->exec(s, "ROLLBACK", ignored, sizeof(ignored));
    }
    return st;
}

or_status
or_store_counters_take(struct or_store *s, const struct or_store_put *p, char *err, size_t errlen)
{
    char day[11];
    or_store_local_day(p->tz, p->fetched_at, day);
    struct pair c;
    or_status st = pair_open(s, p->stream, p->table, &c, err, errlen);
    if (st == OR_OK) { /* the rows this fetch stored, also those of a neighbouring day */
        char *at = s->ops->read_expr(OR_TYPE_TIME, "or_fetched_at");
        char *where = g_strdup_printf("%s = $3", at);
        char *sql = copy_sql(&c.main, p->table, c.snap, where, 1);
        char t[24];
        snprintf(t, sizeof(t), "%lld", (long long)p->fetched_at);
        const char *params[] = {c.sid, day, t};
        st = s->ops->query(s, sql, params, 3, NULL, 0, NULL, NULL, err, errlen);
        g_free(sql);
        g_free(where);
        g_free(at);
    }
    if (st == OR_OK) { /* records the vendor no longer lists for those days */
        char *qs = or_store_quote(c.snap);
        char *qt = or_store_quote(p->table);
        char *sql = g_strdup_printf(
            "DELETE FROM %s WHERE or_stream = $1 AND or_day >= $2 AND or_day <= $3 AND NOT EXISTS "
            "(SELECT 1 FROM %s m WHERE m.or_stream = %s.or_stream AND m.or_key = %s.or_key)",
            qs, qt, qs, qs);
        const char *params[] = {c.sid, p->first, p->last};
        st = s->ops->query(s, sql, params, 3, NULL, 0, NULL, NULL, err, errlen);
        g_free(sql);
        g_free(qt);
        g_free(qs);
    }
    pair_close(&c);
    return st;
}
