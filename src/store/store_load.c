/* SPDX-License-Identifier: MIT */
/* or_store_load(): the stored rows a source reads, into the job's dataset. */
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "store/store_impl.h"

/* The columns loaded: the endpoint's, then any the store table has besides
 * (discovered columns of dynamic endpoints), never the store's own. */
struct load_cols {
    GPtrArray *names; /* borrowed */
    GArray *types;
};

static void
plan_columns(const struct or_schema *schema, GPtrArray *have, GArray *have_types,
             struct load_cols *lc)
{
    for (size_t i = 0; i < schema->ncols; i++) {
        g_ptr_array_add(lc->names, (gpointer)schema->cols[i].name);
        g_array_append_val(lc->types, schema->cols[i].type);
    }
    for (guint i = 0; i < have->len; i++) {
        const char *name = g_ptr_array_index(have, i);
        if (g_str_has_prefix(name, "or_") || or_schema_find(schema, name) >= 0) {
            continue;
        }
        g_ptr_array_add(lc->names, (gpointer)name);
        g_array_append_val(lc->types, g_array_index(have_types, enum or_type, i));
    }
}

/* Inserts each stored row into the dataset table. */
struct sink {
    sqlite3_stmt *ins;
    sqlite3 *db;
    int64_t rows;
};

static or_status
insert_row(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    struct sink *k = ud;
    for (size_t i = 0; i < n; i++) {
        const struct or_value *v = &vals[i];
        int c = (int)i + 1;
        if (v->is_null) {
            sqlite3_bind_null(k->ins, c);
        }
        else if (v->type == OR_TYPE_TEXT) {
            sqlite3_bind_text(k->ins, c, v->s, (int)v->len, SQLITE_STATIC);
        }
        else if (v->type == OR_TYPE_REAL) {
            sqlite3_bind_double(k->ins, c, v->r);
        }
        else {
            sqlite3_bind_int64(k->ins, c, v->i);
        }
    }
    int rc = sqlite3_step(k->ins);
    sqlite3_reset(k->ins);
    if (rc != SQLITE_DONE) {
        or_set_err(err, errlen, "store: cannot load a row: %s", sqlite3_errmsg(k->db));
        return OR_ERR_DATASET;
    }
    k->rows++;
    return OR_OK;
}

/* The empty dataset table, and the statement filling it. */
static or_status
open_target(struct or_dataset *ds, const char *alias, const struct load_cols *lc, struct sink *k,
            char *err, size_t errlen)
{
    struct or_column *cols = g_new0(struct or_column, lc->names->len + 1);
    const struct or_column **ptrs = g_new0(const struct or_column *, lc->names->len + 1);
    for (guint i = 0; i < lc->names->len; i++) {
        cols[i] = (struct or_column){sizeof(struct or_column), g_ptr_array_index(lc->names, i),
                                     g_array_index(lc->types, enum or_type, i), NULL};
        ptrs[i] = &cols[i];
    }
    struct or_schema *schema = or_schema_new(ptrs, lc->names->len, 0);
    struct or_table_writer *w = NULL;
    or_status st = or_table_writer_open(ds, alias, schema, &w, err, errlen);
    if (st == OR_OK) {
        st = or_table_writer_close(w, 1, err, errlen);
    }
    or_schema_free(schema);
    g_free(ptrs);
    g_free(cols);
    k->db = or_dataset_db(ds);
    char *qa = or_store_quote(alias);
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, "INSERT INTO %s VALUES (", qa);
    for (guint i = 0; i < lc->names->len; i++) {
        g_string_append_printf(sql, "%s?", i ? ", " : "");
    }
    g_string_append(sql, ")");
    if (st == OR_OK && sqlite3_prepare_v2(k->db, sql->str, -1, &k->ins, NULL) != SQLITE_OK) {
        or_set_err(err, errlen, "store: cannot fill %s: %s", alias, sqlite3_errmsg(k->db));
        st = OR_ERR_DATASET;
    }
    g_string_free(sql, TRUE);
    g_free(qa);
    return st;
}

/* Snapshots: the day whose snapshot stands for the end of the period: the
 * first taken after it ended, else (a period not over yet) the newest. */
struct pick {
    int64_t end;
    char before[11]; /* newest day fetched before end */
    char after[11];  /* first day fetched at or after it */
};

static or_status
pick_day(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)n;
    (void)err;
    (void)errlen;
    struct pick *p = ud;
    if (vals[1].i < p->end) {
        snprintf(p->before, sizeof(p->before), "%s", vals[0].s);
    }
    else if (p->after[0] == '\0') {
        snprintf(p->after, sizeof(p->after), "%s", vals[0].s);
    }
    return OR_OK;
}

static or_status
snapshot_day(struct or_store *s, const struct or_store_get *g, const char *sid, char day[11],
             char *err, size_t errlen)
{
    static const enum or_type types[] = {OR_TYPE_TEXT, OR_TYPE_INT};
    struct pick p = {.end = g->end};
    char *qt = or_store_quote(g->table);
    char *at = s->ops->read_expr(OR_TYPE_TIME, "or_fetched_at");
    char *full = g_strdup_printf("SELECT or_day, max(%s) FROM %s WHERE or_stream = $1 GROUP BY "
                                 "or_day ORDER BY or_day",
                                 at, qt);
    const char *params[] = {sid};
    or_status st = s->ops->query(s, full, params, 1, types, 2, pick_day, &p, err, errlen);
    snprintf(day, 11, "%s", p.after[0] != '\0' ? p.after : p.before);
    g_free(full);
    g_free(at);
    g_free(qt);
    return st;
}

/* The rows of a source: records of its days, else the aggregate or snapshot
 * of exactly its days ($2, $3). */
static const char *
day_filter(const struct or_store_get *g)
{
    return g->profile->kind == OR_STORE_RECORDS ? "or_day >= $2 AND or_day <= $3"
                                                : "or_day = $2 AND or_day_last = $3";
}

/* What a load reads: the endpoint's table, or its dated counter snapshots. */
struct reading {
    char *table; /* the store table read (owned) */
    int snaps;   /* TABLE_snapshots: each record as of the period's end */
};

/* " FROM table s WHERE ..." selecting the rows @p g reads (g_free).  Of
 * counter snapshots, each record's first taken on a day after the period
 * ($3), else its newest; in history mode, all of them. */
static char *
from_where(const struct or_store_get *g, const struct reading *rd)
{
    char *qt = or_store_quote(rd->table);
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, " FROM %s s WHERE or_stream = $1 AND %s", qt, day_filter(g));
    if (rd->snaps && !g->history) {
        g_string_append_printf(
            sql,
            " AND or_snap = coalesce((SELECT min(x.or_snap) FROM %s x WHERE x.or_stream = "
            "s.or_stream AND x.or_key = s.or_key AND x.or_snap > $3), (SELECT max(x.or_snap) "
            "FROM %s x WHERE x.or_stream = s.or_stream AND x.or_key = s.or_key))",
            qt, qt);
    }
    g_free(qt);
    return g_string_free(sql, FALSE);
}

static char *
select_sql(struct or_store *s, const struct or_store_get *g, const struct load_cols *lc,
           const struct reading *rd)
{
    GString *sql = g_string_new("SELECT ");
    guint from = 0;
    if (g->history) {
        g_string_append(sql, "or_snap, or_key");
        from = 2; /* as_of and record */
    }
    for (guint i = from; i < lc->names->len; i++) {
        char *q = or_store_quote(g_ptr_array_index(lc->names, i));
        char *e = s->ops->read_expr(g_array_index(lc->types, enum or_type, i), q);
        g_string_append_printf(sql, "%s%s", i ? ", " : "", e);
        g_free(e);
        g_free(q);
    }
    char *fw = from_where(g, rd);
    g_string_append_printf(sql, "%s ORDER BY %s", fw,
                           g->history                             ? "or_key, or_snap"
                           : g->profile->kind == OR_STORE_RECORDS ? "or_day, or_key"
                                                                  : "or_key");
    g_free(fw);
    return g_string_free(sql, FALSE);
}

/* Which table @p g reads; rd->table NULL: nothing to read (history of a
 * stream without snapshots). */
static or_status
reading_of(struct or_store *s, const struct or_store_get *g, struct reading *rd, char *err,
           size_t errlen)
{
    rd->table = NULL;
    rd->snaps = 0;
    if (!g->profile->counters && !g->history) {
        rd->table = g_strdup(g->table);
        return OR_OK;
    }
    or_status st = or_store_snapshot_table(s, g->stream, &rd->table, err, errlen);
    rd->snaps = rd->table != NULL;
    if (st == OR_OK && rd->table == NULL && !g->history) {
        rd->table = g_strdup(g->table); /* not seeded yet: the rows as stored */
    }
    return st;
}

/* An SQLite store: the dataset attaches its file and copies the rows in one
 * statement, without a callback per row. */
static or_status
load_attached(struct or_store *s, const char *file, const char *select, const char *const *params,
              struct sink *k, const char *alias, char *err, size_t errlen)
{
    char *esc = g_uri_escape_string(file, "/", FALSE);
    char *uri = g_strdup_printf("file:%s", esc);
    char *att = sqlite3_mprintf("ATTACH %Q AS store", uri);
    g_free(uri);
    g_free(esc);
    char *qa = or_store_quote(alias);
    /* the SELECT names the store's tables unqualified: point them at the attached ones */
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, "INSERT INTO main.%s %s", qa, select);
    g_string_replace(sql, " FROM \"", " FROM store.\"", 0);
    or_status st = sqlite3_exec(k->db, att, NULL, NULL, NULL) == SQLITE_OK ? OR_OK : OR_ERR_DATASET;
    sqlite3_stmt *ins = NULL;
    if (st == OR_OK && sqlite3_prepare_v2(k->db, sql->str, -1, &ins, NULL) != SQLITE_OK) {
        st = OR_ERR_DATASET;
    }
    for (int i = 0; st == OR_OK && i < 3; i++) {
        char name[8];
        snprintf(name, sizeof(name), "$%d", i + 1);
        sqlite3_bind_text(ins, sqlite3_bind_parameter_index(ins, name), params[i], -1,
                          SQLITE_STATIC);
    }
    if (st == OR_OK && sqlite3_step(ins) != SQLITE_DONE) {
        st = OR_ERR_DATASET;
    }
    if (st == OR_OK) {
        k->rows = sqlite3_changes(k->db);
    }
    else {
        or_set_err(err, errlen, "store %s: cannot read %s: %s", s->name, alias,
                   sqlite3_errmsg(k->db));
    }
    sqlite3_finalize(ins);
    sqlite3_exec(k->db, "DETACH store", NULL, NULL, NULL);
    sqlite3_free(att);
    g_string_free(sql, TRUE);
    g_free(qa);
    return st;
}

or_status
or_store_load(struct or_store *s, const struct or_store_get *g, const struct or_schema *schema,
              struct or_dataset *ds, const char *alias, int64_t *rows, char as_of[11], char *err,
              size_t errlen)
{
    GPtrArray *have = g_ptr_array_new_with_free_func(g_free);
    GArray *have_types = g_array_new(FALSE, FALSE, sizeof(enum or_type));
    struct load_cols lc = {g_ptr_array_new(), g_array_new(FALSE, FALSE, sizeof(enum or_type))};
    struct sink k = {0};
    struct reading rd = {NULL, 0};
    char sid[24], day[11] = "";
    snprintf(sid, sizeof(sid), "%lld", (long long)g->stream);
    *rows = 0;
    as_of[0] = '\0';
    if (g->history) {
        static const enum or_type text = OR_TYPE_TEXT;
        g_ptr_array_add(lc.names, (gpointer) "as_of");
        g_ptr_array_add(lc.names, (gpointer) "record");
        g_array_append_val(lc.types, text);
        g_array_append_val(lc.types, text);
    }
    or_status st = s->ops->columns(s, g->table, have, have_types, err, errlen);
    if (st == OR_OK) {
        plan_columns(schema, have, have_types, &lc);
        st = open_target(ds, alias, &lc, &k, err, errlen);
    }
    if (st == OR_OK && have->len > 0) {
        st = reading_of(s, g, &rd, err, errlen);
    }
    if (st == OR_OK && rd.table != NULL && g->profile->kind == OR_STORE_SNAPSHOT) {
        st = snapshot_day(s, g, sid, day, err, errlen);
        snprintf(as_of, 11, "%s", day);
    }
    int any = rd.table != NULL && (g->profile->kind != OR_STORE_SNAPSHOT || day[0] != '\0');
    if (st == OR_OK && any) {
        char *sql = select_sql(s, g, &lc, &rd);
        const char *first = day[0] != '\0' ? day : g->first;
        const char *last = day[0] != '\0' ? day : g->last;
        const char *params[] = {sid, first, last};
        const char *file = s->ops->file(s);
        if (file != NULL) {
            st = load_attached(s, file, sql, params, &k, alias, err, errlen);
        }
        else {
            sqlite3_exec(k.db, "BEGIN", NULL, NULL, NULL);
            st = s->ops->query(s, sql, params, 3, (const enum or_type *)(void *)lc.types->data,
                               lc.names->len, insert_row, &k, err, errlen);
            sqlite3_exec(k.db, st == OR_OK ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
        }
        g_free(sql);
    }
    *rows = k.rows;
    sqlite3_finalize(k.ins);
    g_free(rd.table);
    g_ptr_array_free(lc.names, TRUE);
    g_array_free(lc.types, TRUE);
    g_ptr_array_free(have, TRUE);
    g_array_free(have_types, TRUE);
    return st;
}

static or_status
earliest(void *ud, const struct or_value *vals, size_t n, char *err, size_t errlen)
{
    (void)err;
    (void)errlen;
    if (n > 0 && !vals[0].is_null) {
        *(int64_t *)ud = vals[0].i;
    }
    return OR_OK;
}

or_status
or_store_fetched_at(struct or_store *s, const struct or_store_get *g, const char *as_of,
                    int64_t *at, char *err, size_t errlen)
{
    static const enum or_type types[] = {OR_TYPE_TIME};
    char sid[24];
    snprintf(sid, sizeof(sid), "%lld", (long long)g->stream);
    *at = 0;
    if (g->profile->kind == OR_STORE_SNAPSHOT && (as_of == NULL || as_of[0] == '\0')) {
        return OR_OK;
    }
    GPtrArray *have = g_ptr_array_new_with_free_func(g_free);
    GArray *have_types = g_array_new(FALSE, FALSE, sizeof(enum or_type));
    struct reading rd = {NULL, 0};
    or_status st = s->ops->columns(s, g->table, have, have_types, err, errlen);
    if (st == OR_OK && have->len > 0) {
        st = reading_of(s, g, &rd, err, errlen);
    }
    if (st == OR_OK && rd.table != NULL) {
        const char *first = g->profile->kind == OR_STORE_SNAPSHOT ? as_of : g->first;
        const char *last = g->profile->kind == OR_STORE_SNAPSHOT ? as_of : g->last;
        const char *params[] = {sid, first, last};
        char *min = s->ops->read_expr(OR_TYPE_TIME, "min(or_fetched_at)");
        char *fw = from_where(g, &rd);
        char *sql = g_strdup_printf("SELECT %s%s", min, fw);
        st = s->ops->query(s, sql, params, 3, types, 1, earliest, at, err, errlen);
        g_free(sql);
        g_free(fw);
        g_free(min);
    }
    g_free(rd.table);
    g_ptr_array_free(have, TRUE);
    g_array_free(have_types, TRUE);
    return st;
}
