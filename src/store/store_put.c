/* SPDX-License-Identifier: MIT */
/* or_store_put(): a fetched dataset table into the store, in one transaction. */
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "base/timeutil.h"
#include "store/store_impl.h"

/* The store's own columns, before the endpoint's. */
#define OWN_COLS 5
static const char *const own_names[OWN_COLS] = {"or_stream", "or_key", "or_day", "or_day_last",
                                                "or_fetched_at"};
static const enum or_type own_types[OWN_COLS] = {OR_TYPE_INT, OR_TYPE_TEXT, OR_TYPE_TEXT,
                                                 OR_TYPE_TEXT, OR_TYPE_TIME};

/* The local day of an instant, remembered for the rest of that day (rows
 * come grouped by time, so most lookups hit). */
struct day_cache {
    GTimeZone *tz;
    int64_t start, end;
    char day[11];
};

static const char *
local_day(struct day_cache *c, int64_t t)
{
    if (c->end > c->start && t >= c->start && t < c->end) {
        return c->day;
    }
    struct or_local_time lt;
    or_time_local(t, c->tz, &lt);
    snprintf(c->day, sizeof(c->day), "%04d-%02d-%02d", lt.year, lt.month, lt.day);
    int64_t days = or_days_from_civil(lt.year, lt.month, lt.day);
    int y, m, d;
    or_civil_from_days(days + 1, &y, &m, &d);
    if (or_time_from_local(c->tz, lt.year, lt.month, lt.day, 0, 0, 0, &c->start) != OR_OK ||
        or_time_from_local(c->tz, y, m, d, 0, 0, 0, &c->end) != OR_OK) {
        c->start = c->end = 0;
    }
    return c->day;
}

/* The dataset table's columns and their types. */
struct source_cols {
    GPtrArray *names; /* owned strings */
    GArray *types;    /* enum or_type */
};

static or_status
read_columns(const struct or_store_put *p, struct source_cols *sc, char *err, size_t errlen)
{
    sqlite3 *db = or_dataset_db(p->ds);
    char *qt = or_store_quote(p->ds_table);
    char *sql =
        g_strdup_printf("SELECT name, type FROM pragma_table_info('%s') ORDER BY cid", p->ds_table);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    while (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        g_ptr_array_add(sc->names, g_strdup((const char *)sqlite3_column_text(st, 0)));
        enum or_type t = or_type_from_decl((const char *)sqlite3_column_text(st, 1));
        g_array_append_val(sc->types, t);
    }
    sqlite3_finalize(st);
    g_free(sql);
    g_free(qt);
    if (rc != SQLITE_OK || sc->names->len == 0) {
        or_set_err(err, errlen, "store: no fetched table %s to store", p->ds_table);
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

/* Creates the store table, or adds the columns it lacks. */
static or_status
ensure_table(struct or_store *s, const struct or_store_put *p, const struct source_cols *sc,
             char *err, size_t errlen)
{
    GPtrArray *have = g_ptr_array_new_with_free_func(g_free);
    or_status st = s->ops->columns(s, p->table, have, NULL, err, errlen);
    char *qt = or_store_quote(p->table);
    GString *sql = g_string_new(NULL);
    if (st == OR_OK && have->len == 0) {
        g_string_printf(sql,
                        "CREATE TABLE %s (or_stream BIGINT NOT NULL, or_key TEXT NOT NULL, "
                        "or_day TEXT NOT NULL, or_day_last TEXT NOT NULL, or_fetched_at %s",
                        qt, s->ops->type_sql(OR_TYPE_TIME));
        for (guint i = 0; i < sc->names->len; i++) {
            char *q = or_store_quote(g_ptr_array_index(sc->names, i));
            g_string_append_printf(sql, ", %s %s", q,
                                   s->ops->type_sql(g_array_index(sc->types, enum or_type, i)));
            g_free(q);
        }
        char *idx = g_strdup_printf("%s_or_day", p->table);
        char *qi = or_store_quote(idx);
        g_string_append_printf(sql,
                               ", PRIMARY KEY (or_stream, or_key)); CREATE INDEX %s ON %s "
                               "(or_stream, or_day)",
                               qi, qt);
        g_free(qi);
        g_free(idx);
    }
    if (st == OR_OK) {
        or_store_add_columns(s, qt, sc->names, sc->types, have, sql);
    }
    if (st == OR_OK && sql->len > 0) {
        st = s->ops->exec(s, sql->str, err, errlen);
    }
    g_string_free(sql, TRUE);
    g_free(qt);
    g_ptr_array_free(have, TRUE);
    return st;
}

/* The rows of the stream that the fetched ones replace. */
static or_status
delete_old(struct or_store *s, const struct or_store_put *p, char *err, size_t errlen)
{
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", (long long)p->stream);
    char *qt = or_store_quote(p->table);
    const char *params[] = {sid, p->first, p->last};
    char *sql = g_strdup_printf(p->profile->kind == OR_STORE_RECORDS
                                    ? "DELETE FROM %s WHERE or_stream = $1 AND or_day >= $2 AND "
                                      "or_day <= $3"
                                    : "DELETE FROM %s WHERE or_stream = $1 AND or_day = $2 AND "
                                      "or_day_last = $3",
                                qt);
    or_status st = s->ops->query(s, sql, params, 3, NULL, 0, NULL, NULL, err, errlen);
    g_free(sql);
    g_free(qt);
    return st;
}

/* The text of one value, for record keys. */
static void
key_part(GString *k, const struct or_value *v)
{
    if (v->is_null) {
        return;
    }
    if (v->type == OR_TYPE_TEXT) {
        g_string_append_len(k, v->s, (gssize)v->len);
    }
    else if (v->type == OR_TYPE_REAL) {
        g_string_append_printf(k, "%.17g", v->r);
    }
    else {
        g_string_append_printf(k, "%lld", (long long)v->i);
    }
}

/* What one row needs besides its values: key columns and day column. */
struct row_plan {
    GArray *key_cols; /* guint indexes into the source columns */
    long day_col;     /* -1: none */
};

static void
plan_row(const struct or_store_put *p, const struct source_cols *sc, struct row_plan *rp)
{
    rp->key_cols = g_array_new(FALSE, FALSE, sizeof(guint));
    rp->day_col = -1;
    for (guint i = 0; i < sc->names->len; i++) {
        const char *name = g_ptr_array_index(sc->names, i);
        gboolean in_key = p->profile->key == NULL;
        for (const char *const *k = p->profile->key; k != NULL && *k != NULL; k++) {
            in_key = in_key || strcmp(*k, name) == 0;
        }
        if (in_key) {
            g_array_append_val(rp->key_cols, i);
        }
        if (p->profile->day != NULL && strcmp(p->profile->day, name) == 0) {
            rp->day_col = (long)i;
        }
    }
}

/* Reads every fetched row into the writer; counts rows per day. */
static or_status
copy_rows(struct or_store *s, const struct or_store_put *p, const struct source_cols *sc,
          struct or_store_writer *w, GHashTable *per_day, int64_t *rows, char *err, size_t errlen)
{
    size_t n = sc->names->len;
    struct or_value *vals = g_new0(struct or_value, OWN_COLS + n);
    struct row_plan rp;
    struct day_cache dc = {.tz = p->tz};
    GString *key = g_string_new(NULL);
    char *qt = or_store_quote(p->ds_table);
    char *sql = g_strdup_printf("SELECT * FROM %s", qt);
    sqlite3_stmt *st = NULL;
    or_status rs = OR_OK;
    plan_row(p, sc, &rp);
    if (sqlite3_prepare_v2(or_dataset_db(p->ds), sql, -1, &st, NULL) != SQLITE_OK) {
        or_set_err(err, errlen, "store: cannot read %s: %s", p->ds_table,
                   sqlite3_errmsg(or_dataset_db(p->ds)));
        rs = OR_ERR_DATASET;
    }
    vals[0] = (struct or_value){.type = OR_TYPE_INT, .i = p->stream};
    vals[4] = (struct or_value){.type = OR_TYPE_TIME, .i = p->fetched_at};
    while (rs == OR_OK && sqlite3_step(st) == SQLITE_ROW) {
        struct or_value *v = vals + OWN_COLS;
        for (size_t i = 0; i < n; i++) {
            enum or_type t = g_array_index(sc->types, enum or_type, i);
            v[i] = (struct or_value){.type = t,
                                     .is_null = sqlite3_column_type(st, (int)i) == SQLITE_NULL};
            if (t == OR_TYPE_TEXT) {
                v[i].s = (const char *)sqlite3_column_text(st, (int)i);
                v[i].len = (size_t)sqlite3_column_bytes(st, (int)i);
            }
            else if (t == OR_TYPE_REAL) {
                v[i].r = sqlite3_column_double(st, (int)i);
            }
            else {
                v[i].i = sqlite3_column_int64(st, (int)i);
            }
        }
        const char *day = p->first;
        if (rp.day_col >= 0 && !v[rp.day_col].is_null) {
            day = local_day(&dc, v[rp.day_col].i);
        }
        g_string_truncate(key, 0);
        for (guint k = 0; k < rp.key_cols->len; k++) {
            if (k > 0) {
                g_string_append_c(key, '\x1f');
            }
            key_part(key, &v[g_array_index(rp.key_cols, guint, k)]);
        }
        if (p->profile->kind != OR_STORE_RECORDS) {
            g_string_append_printf(key, "\x1f%s..%s", p->first, p->last);
        }
        vals[1] = (struct or_value){.type = OR_TYPE_TEXT, .s = key->str, .len = key->len};
        const char *last = p->profile->kind == OR_STORE_RECORDS ? day : p->last;
        vals[2] = (struct or_value){.type = OR_TYPE_TEXT, .s = day, .len = strlen(day)};
        vals[3] = (struct or_value){.type = OR_TYPE_TEXT, .s = last, .len = strlen(last)};
        rs = s->ops->writer_row(w, vals, err, errlen);
        int64_t *count = g_hash_table_lookup(per_day, day);
        if (count == NULL) {
            count = g_new0(int64_t, 1);
            g_hash_table_insert(per_day, g_strdup(day), count);
        }
        (*count)++;
        (*rows)++;
    }
    sqlite3_finalize(st);
    g_free(sql);
    g_free(qt);
    g_string_free(key, TRUE);
    g_array_free(rp.key_cols, TRUE);
    g_free(vals);
    return rs;
}

/* The coverage entries of the put: one per day for records (with the rows
 * of that day), else one for the whole range. */
static or_status
cover(struct or_store *s, const struct or_store_put *p, GHashTable *per_day, int64_t rows,
      char *err, size_t errlen)
{
    const char *sql = "INSERT INTO or_coverage (stream, day_first, day_last, fetched_at, "
                      "row_count) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (stream, day_first, "
                      "day_last) DO UPDATE SET fetched_at = excluded.fetched_at, "
                      "row_count = excluded.row_count";
    char sid[24], at[24], n[24];
    snprintf(sid, sizeof(sid), "%lld", (long long)p->stream);
    snprintf(at, sizeof(at), "%lld", (long long)p->fetched_at);
    if (p->profile->kind != OR_STORE_RECORDS) {
        snprintf(n, sizeof(n), "%lld", (long long)rows);
        const char *params[] = {sid, p->first, p->last, at, n};
        return s->ops->query(s, sql, params, 5, NULL, 0, NULL, NULL, err, errlen);
    }
    int y, m, d;
    or_status st = or_date_parse(p->first, &y, &m, &d);
    int64_t day = or_days_from_civil(y, m, d);
    for (char text[16] = ""; st == OR_OK && strcmp(text, p->last) != 0; day++) {
        or_civil_from_days(day, &y, &m, &d);
        snprintf(text, sizeof(text), "%04d-%02d-%02d", y, m, d);
        const int64_t *count = g_hash_table_lookup(per_day, text);
        snprintf(n, sizeof(n), "%lld", (long long)(count != NULL ? *count : 0));
        const char *params[] = {sid, text, text, at, n};
        st = s->ops->query(s, sql, params, 5, NULL, 0, NULL, NULL, err, errlen);
    }
    return st;
}

or_status
or_store_put(struct or_store *s, const struct or_store_put *p, int64_t *rows, char *err,
             size_t errlen)
{
    struct source_cols sc = {g_ptr_array_new_with_free_func(g_free),
                             g_array_new(FALSE, FALSE, sizeof(enum or_type))};
    GHashTable *per_day = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    struct or_store_writer *w = NULL;
    *rows = 0;
    or_status st = read_columns(p, &sc, err, errlen);
    if (st == OR_OK) {
        st = s->ops->begin(s, err, errlen);
    }
    int in_tx = st == OR_OK;
    if (st == OR_OK) {
        st = ensure_table(s, p, &sc, err, errlen);
    }
    if (st == OR_OK && p->profile->counters) { /* before the old readings go */
        st = or_store_counters_prepare(s, p->stream, p->table, p->tz, err, errlen);
    }
    if (st == OR_OK) {
        st = delete_old(s, p, err, errlen);
    }
    GPtrArray *names = g_ptr_array_new();
    GArray *types = g_array_new(FALSE, FALSE, sizeof(enum or_type));
    for (size_t i = 0; i < OWN_COLS; i++) {
        g_ptr_array_add(names, (gpointer)own_names[i]);
        g_array_append_val(types, own_types[i]);
    }
    for (guint i = 0; i < sc.names->len; i++) {
        g_ptr_array_add(names, g_ptr_array_index(sc.names, i));
        g_array_append_val(types, g_array_index(sc.types, enum or_type, i));
    }
    if (st == OR_OK) {
        st = s->ops->writer_open(s, p->table, (const char *const *)names->pdata,
                                 (const enum or_type *)(void *)types->data, names->len, &w, err,
                                 errlen);
    }
    if (st == OR_OK) {
        st = copy_rows(s, p, &sc, w, per_day, rows, err, errlen);
    }
    if (w != NULL) {
        char cerr[OR_ERR_SIZE];
        or_status cst = s->ops->writer_close(w, st == OR_OK, cerr, sizeof(cerr));
        if (st == OR_OK && cst != OR_OK) {
            or_set_err(err, errlen, "%s", cerr);
            st = cst;
        }
    }
    if (st == OR_OK && p->profile->counters) {
        st = or_store_counters_take(s, p, err, errlen);
    }
    if (st == OR_OK) {
        st = cover(s, p, per_day, *rows, err, errlen);
    }
    if (st == OR_OK && in_tx) {
        st = s->ops->exec(s, "COMMIT", err, errlen);
    }
    else if (in_tx) {
        char ignored[OR_ERR_SIZE];
        s->ops->exec(s, "ROLLBACK", ignored, sizeof(ignored));
    }
    g_ptr_array_free(names, TRUE);
    g_array_free(types, TRUE);
    g_hash_table_destroy(per_day);
    g_ptr_array_free(sc.names, TRUE);
    g_array_free(sc.types, TRUE);
    return st;
}
