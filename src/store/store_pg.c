/* SPDX-License-Identifier: MIT */
/* The PostgreSQL store backend (libpq): the same schema as SQLite with
 * PostgreSQL's types (timestamptz, boolean) for BI tools, an advisory lock
 * for writers on any host, and bulk writes by COPY into a staging table
 * that is then upserted (store_impl.h). */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/log.h"
#include "base/status_str.h"
#include "store/store_impl.h"

/* The advisory lock every outreport writer of a database takes. */
#define LOCK_KEY "hashtext('outreport store')"

struct or_store_writer {
    struct or_store *s;
    char *table;
    char *cols; /* quoted, comma-separated */
    char *upsert;
    size_t n;
    const enum or_type *types;
    GString *line;
};

static PGconn *
conn_of(struct or_store *s)
{
    return s->impl;
}

/* libpq's message, first line only. */
static or_status
fail(struct or_store *s, const char *what, const char *msg, char *err, size_t errlen)
{
    size_t n = strcspn(msg, "\n");
    or_set_err(err, errlen, "store %s: %s: %.*s", s->name, what, (int)n, msg);
    return OR_ERR_DATASET;
}

static or_status
result_ok(struct or_store *s, PGresult *r, const char *what, char *err, size_t errlen)
{
    ExecStatusType t = PQresultStatus(r);
    if (t == PGRES_COMMAND_OK || t == PGRES_TUPLES_OK || t == PGRES_COPY_IN) {
        return OR_OK;
    }
    return fail(s, what, PQresultErrorMessage(r), err, errlen);
}

static void
pg_close(struct or_store *s)
{
    PQfinish(conn_of(s));
    s->impl = NULL;
}

static or_status
pg_exec(struct or_store *s, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(conn_of(s), sql);
    or_status st = result_ok(s, r, "SQL", err, errlen);
    PQclear(r);
    return st;
}

static void
text_value(PGresult *r, int row, int col, enum or_type t, struct or_value *v)
{
    memset(v, 0, sizeof(*v));
    v->type = t;
    v->is_null = PQgetisnull(r, row, col);
    if (v->is_null) {
        return;
    }
    const char *s = PQgetvalue(r, row, col);
    switch (t) {
    case OR_TYPE_TEXT:
        v->s = s;
        v->len = (size_t)PQgetlength(r, row, col);
        break;
    case OR_TYPE_REAL: v->r = g_ascii_strtod(s, NULL); break;
    default: v->i = g_ascii_strtoll(s, NULL, 10); break;
    }
}

static or_status
pg_query(struct or_store *s, const char *sql, const char *const *params, size_t nparams,
         const enum or_type *types, size_t ntypes, or_store_row_fn *fn, void *ud, char *err,
         size_t errlen)
{
    PGresult *r = PQexecParams(conn_of(s), sql, (int)nparams, NULL, params, NULL, NULL, 0);
    or_status st = result_ok(s, r, "query", err, errlen);
    struct or_value *row = g_new0(struct or_value, ntypes + 1);
    int nrows = st == OR_OK ? PQntuples(r) : 0;
    for (int i = 0; st == OR_OK && fn != NULL && i < nrows; i++) {
        for (size_t c = 0; c < ntypes; c++) {
            text_value(r, i, (int)c, types[c], &row[c]);
        }
        st = fn(ud, row, ntypes, err, errlen);
    }
    g_free(row);
    PQclear(r);
    return st;
}

static or_status
pg_begin(struct or_store *s, char *err, size_t errlen)
{
    return pg_exec(s, "BEGIN", err, errlen);
}

static int
first_is_true(PGresult *r)
{
    return PQntuples(r) > 0 && strcmp(PQgetvalue(r, 0, 0), "t") == 0;
}

static or_status
pg_lock(struct or_store *s, char *err, size_t errlen)
{
    PGresult *r = PQexec(conn_of(s), "SELECT pg_try_advisory_lock(" LOCK_KEY ")");
    or_status st = result_ok(s, r, "lock", err, errlen);
    int got = st == OR_OK && first_is_true(r);
    PQclear(r);
    if (st == OR_OK && !got) {
        or_log(OR_LOG_INFO, "store %s: waiting for another outreport writing to it", s->name);
        st = pg_exec(s, "SELECT pg_advisory_lock(" LOCK_KEY ")", err, errlen);
    }
    return st;
}

static void
pg_unlock(struct or_store *s)
{
    char ignored[OR_ERR_SIZE];
    pg_exec(s, "SELECT pg_advisory_unlock(" LOCK_KEY ")", ignored, sizeof(ignored));
}

static const char *
pg_type(enum or_type t)
{
    switch (t) {
    case OR_TYPE_INT: return "bigint";
    case OR_TYPE_REAL: return "double precision";
    case OR_TYPE_BOOL: return "boolean";
    case OR_TYPE_TIME: return "timestamptz";
    default: return "text";
    }
}

static char *
pg_read_expr(enum or_type t, const char *quoted)
{
    if (t == OR_TYPE_TIME) {
        return g_strdup_printf("floor(extract(epoch from %s))::bigint", quoted);
    }
    if (t == OR_TYPE_BOOL) {
        return g_strdup_printf("%s::int", quoted);
    }
    return g_strdup(quoted);
}

static enum or_type
type_of(const char *pg)
{
    if (pg == NULL) {
        return OR_TYPE_TEXT;
    }
    static const char *const names[] = {"text", "bigint", "double precision", "boolean",
                                        "timestamp with time zone"};
    static const enum or_type types[] = {OR_TYPE_TEXT, OR_TYPE_INT, OR_TYPE_REAL, OR_TYPE_BOOL,
                                         OR_TYPE_TIME};
    for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
        if (strcmp(pg, names[i]) == 0) {
            return types[i];
        }
    }
    return OR_TYPE_TEXT;
}

static or_status
pg_columns(struct or_store *s, const char *table, GPtrArray *names, GArray *types, char *err,
           size_t errlen)
{
    static const enum or_type text[] = {OR_TYPE_TEXT, OR_TYPE_TEXT};
    const char *p[] = {table};
    struct or_store_columns nt = {names, types, type_of};
    return pg_query(s,
                    "SELECT column_name, data_type FROM information_schema.columns WHERE "
                    "table_schema = current_schema() AND table_name = $1 ORDER BY "
                    "ordinal_position",
                    p, 1, text, 2, or_store_take_column, &nt, err, errlen);
}

static or_status
pg_writer_open(struct or_store *s, const char *table, const char *const *cols,
               const enum or_type *types, size_t n, struct or_store_writer **out, char *err,
               size_t errlen)
{
    struct or_store_writer *w = g_new0(struct or_store_writer, 1);
    GString *list = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        char *q = or_store_quote(cols[i]);
        g_string_append_printf(list, "%s%s", i ? ", " : "", q);
        g_free(q);
    }
    w->s = s;
    w->n = n;
    w->types = types;
    w->table = or_store_quote(table);
    w->cols = g_string_free(list, FALSE);
    w->upsert = or_store_upsert_clause(cols, n);
    w->line = g_string_new(NULL);
    char *sql = g_strdup_printf("CREATE TEMP TABLE or_stage (LIKE %s, or_seq BIGSERIAL); "
                                "COPY or_stage (%s) FROM STDIN",
                                w->table, w->cols);
    PGresult *r = PQexec(conn_of(s), sql);
    or_status st = result_ok(s, r, "start copying", err, errlen);
    PQclear(r);
    g_free(sql);
    *out = w;
    return st;
}

/* One value in COPY's text format. */
static void
copy_value(GString *line, const struct or_value *v)
{
    if (v->is_null) {
        g_string_append(line, "\\N");
        return;
    }
    switch (v->type) {
    case OR_TYPE_TEXT:
        for (size_t i = 0; i < v->len; i++) {
            char c = v->s[i];
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                g_string_append_c(line, '\\');
                c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : c;
            }
            g_string_append_c(line, c);
        }
        break;
    case OR_TYPE_REAL: {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append(line, g_ascii_dtostr(buf, sizeof(buf), v->r));
        break;
    }
    case OR_TYPE_BOOL: g_string_append(line, v->i ? "t" : "f"); break;
    case OR_TYPE_TIME: {
        GDateTime *dt = g_date_time_new_from_unix_utc(v->i);
        char *s = dt != NULL ? g_date_time_format(dt, "%Y-%m-%d %H:%M:%S+00") : NULL;
        g_string_append(line, s != NULL ? s : "\\N");
        g_free(s);
        if (dt != NULL) {
            g_date_time_unref(dt);
        }
        break;
    }
    default: g_string_append_printf(line, "%lld", (long long)v->i); break;
    }
}

static or_status
pg_writer_row(struct or_store_writer *w, const struct or_value *vals, char *err, size_t errlen)
{
    g_string_truncate(w->line, 0);
    for (size_t i = 0; i < w->n; i++) {
        if (i > 0) {
            g_string_append_c(w->line, '\t');
        }
        copy_value(w->line, &vals[i]);
    }
    g_string_append_c(w->line, '\n');
    if (PQputCopyData(conn_of(w->s), w->line->str, (int)w->line->len) != 1) {
        return fail(w->s, "copy", PQerrorMessage(conn_of(w->s)), err, errlen);
    }
    return OR_OK;
}

/* Ends the COPY; @p ok 0 aborts it. */
static or_status
end_copy(struct or_store_writer *w, int ok, char *err, size_t errlen)
{
    PGconn *c = conn_of(w->s);
    or_status st = OR_OK;
    if (PQputCopyEnd(c, ok ? NULL : "aborted") != 1) {
        st = fail(w->s, "copy", PQerrorMessage(c), err, errlen);
    }
    PGresult *r;
    while ((r = PQgetResult(c)) != NULL) {
        if (st == OR_OK && ok) {
            st = result_ok(w->s, r, "copy", err, errlen);
        }
        PQclear(r);
    }
    return st;
}

static or_status
pg_writer_close(struct or_store_writer *w, int ok, char *err, size_t errlen)
{
    if (w == NULL) {
        return OR_OK;
    }
    or_status st = end_copy(w, ok, err, errlen);
    if (st == OR_OK && ok) {
        /* A record listed twice: the later listing wins. */
        char *sql = g_strdup_printf("INSERT INTO %s (%s) SELECT DISTINCT ON (or_stream, or_key) "
                                    "%s FROM or_stage ORDER BY or_stream, or_key, or_seq DESC%s",
                                    w->table, w->cols, w->cols, w->upsert);
        st = pg_exec(w->s, sql, err, errlen);
        g_free(sql);
    }
    if (ok) {
        char ignored[OR_ERR_SIZE];
        pg_exec(w->s, "DROP TABLE IF EXISTS or_stage", st == OR_OK ? err : ignored,
                st == OR_OK ? errlen : sizeof(ignored));
    }
    g_string_free(w->line, TRUE);
    g_free(w->table);
    g_free(w->cols);
    g_free(w->upsert);
    g_free(w);
    return st;
}

static const char *
pg_file(struct or_store *s)
{
    (void)s;
    return NULL;
}

static const struct or_store_ops pg_ops = {
    .kind = "postgresql",
    .close = pg_close,
    .exec = pg_exec,
    .query = pg_query,
    .begin = pg_begin,
    .lock = pg_lock,
    .unlock = pg_unlock,
    .serial_pk = "BIGSERIAL PRIMARY KEY",
    .type_sql = pg_type,
    .read_expr = pg_read_expr,
    .columns = pg_columns,
    .writer_open = pg_writer_open,
    .writer_row = pg_writer_row,
    .writer_close = pg_writer_close,
    .file = pg_file,
};

static void
quiet_notices(void *arg, const char *message)
{
    (void)arg;
    or_log(OR_LOG_DEBUG, "postgresql: %.*s", (int)strcspn(message, "\n"), message);
}

or_status
or_store_pg_open(struct or_store *s, const char *uri, char *err, size_t errlen)
{
    PGconn *c = PQconnectdb(uri);
    s->impl = c;
    s->ops = &pg_ops;
    if (c == NULL) {
        or_set_err(err, errlen, "store %s: out of memory connecting", s->name);
        return OR_ERR_NOMEM;
    }
    if (PQstatus(c) != CONNECTION_OK) {
        return fail(s, "cannot connect", PQerrorMessage(c), err, errlen);
    }
    PQsetNoticeProcessor(c, quiet_notices, NULL);
    return pg_exec(s, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", err, errlen);
}
