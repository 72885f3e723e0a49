/* SPDX-License-Identifier: MIT */
/* The SQLite store backend: one database file in WAL mode, a lock file
 * beside it for writers (store_impl.h). */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "base/log.h"
#include "base/status_str.h"
#include "store/store_impl.h"

struct sqlite_store {
    sqlite3 *db;
    char *path;
    int lock_fd; /* -1: not open */
};

struct or_store_writer {
    struct or_store *s;
    sqlite3_stmt *stmt;
    size_t n;
    const enum or_type *types;
};

static sqlite3 *
db_of(struct or_store *s)
{
    return ((struct sqlite_store *)s->impl)->db;
}

static or_status
fail(struct or_store *s, const char *what, char *err, size_t errlen)
{
    sqlite3 *db = db_of(s);
    int code = sqlite3_errcode(db);
    if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT) {
        or_set_err(err, errlen,
                   "store %s is damaged or not an SQLite database (%s): restore it from a "
                   "backup or move it away; outreport never recreates a store",
                   s->name, sqlite3_errmsg(db));
    }
    else {
        or_set_err(err, errlen, "store %s: %s: %s", s->name, what, sqlite3_errmsg(db));
    }
    return OR_ERR_DATASET;
}

static void
sq_close(struct or_store *s)
{
    struct sqlite_store *q = s->impl;
    if (q == NULL) {
        return;
    }
    sqlite3_close(q->db);
    if (q->lock_fd >= 0) {
        close(q->lock_fd);
    }
    g_free(q->path);
    g_free(q);
    s->impl = NULL;
}

static or_status
sq_exec(struct or_store *s, const char *sql, char *err, size_t errlen)
{
    if (sqlite3_exec(db_of(s), sql, NULL, NULL, NULL) != SQLITE_OK) {
        return fail(s, sql, err, errlen);
    }
    return OR_OK;
}

static or_status
bind_text_params(struct or_store *s, sqlite3_stmt *st, const char *const *params, size_t n,
                 char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        char name[16];
        snprintf(name, sizeof(name), "$%zu", i + 1);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx == 0) {
            continue;
        }
        int rc = params[i] != NULL ? sqlite3_bind_text(st, idx, params[i], -1, SQLITE_TRANSIENT)
                                   : sqlite3_bind_null(st, idx);
        if (rc != SQLITE_OK) {
            return fail(s, "bind", err, errlen);
        }
    }
    return OR_OK;
}

static void
column_value(sqlite3_stmt *st, int i, enum or_type t, struct or_value *v)
{
    memset(v, 0, sizeof(*v));
    v->type = t;
    v->is_null = sqlite3_column_type(st, i) == SQLITE_NULL;
    if (v->is_null) {
        return;
    }
    switch (t) {
    case OR_TYPE_REAL: v->r = sqlite3_column_double(st, i); break;
    case OR_TYPE_TEXT:
        v->s = (const char *)sqlite3_column_text(st, i);
        v->len = (size_t)sqlite3_column_bytes(st, i);
        break;
    default: v->i = sqlite3_column_int64(st, i); break;
    }
}

static or_status
sq_query(struct or_store *s, const char *sql, const char *const *params, size_t nparams,
         const enum or_type *types, size_t ntypes, or_store_row_fn *fn, void *ud, char *err,
         size_t errlen)
{
    sqlite3_stmt *st = NULL;
    struct or_value *row = g_new0(struct or_value, ntypes + 1);
    or_status rs = OR_OK;
    if (sqlite3_prepare_v2(db_of(s), sql, -1, &st, NULL) != SQLITE_OK) {
        rs = fail(s, "prepare", err, errlen);
        goto done;
    }
    rs = bind_text_params(s, st, params, nparams, err, errlen);
    int rc = SQLITE_ROW;
    while (rs == OR_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (size_t i = 0; i < ntypes; i++) {
            column_value(st, (int)i, types[i], &row[i]);
        }
        rs = fn != NULL ? fn(ud, row, ntypes, err, errlen) : OR_OK;
    }
    if (rs == OR_OK && rc != SQLITE_DONE) {
        rs = fail(s, "query", err, errlen);
    }
done:
    sqlite3_finalize(st);
    g_free(row);
    return rs;
}

static or_status
sq_begin(struct or_store *s, char *err, size_t errlen)
{
    return sq_exec(s, "BEGIN IMMEDIATE", err, errlen);
}

/* A lock file beside the database: flock() is released by the kernel
 * when a process dies, so a killed sync never leaves the store locked. */
static or_status
sq_lock(struct or_store *s, char *err, size_t errlen)
{
    struct sqlite_store *q = s->impl;
    char *path = g_strdup_printf("%s.lock", q->path);
    q->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (q->lock_fd < 0) {
        or_set_err(err, errlen, "store %s: cannot open the lock file %s: %s", s->name, path,
                   g_strerror(errno));
        g_free(path);
        return OR_ERR_DATASET;
    }
    int rc = flock(q->lock_fd, LOCK_EX | LOCK_NB);
    if (rc != 0 && errno == EWOULDBLOCK) {
        or_log(OR_LOG_INFO, "store %s: waiting for another outreport writing to it", s->name);
        do {
            rc = flock(q->lock_fd, LOCK_EX);
        } while (rc != 0 && errno == EINTR);
    }
    if (rc != 0) {
        or_set_err(err, errlen, "store %s: cannot lock %s: %s", s->name, path, g_strerror(errno));
        close(q->lock_fd);
        q->lock_fd = -1;
    }
    g_free(path);
    return rc == 0 ? OR_OK : OR_ERR_DATASET;
}

static void
sq_unlock(struct or_store *s)
{
    struct sqlite_store *q = s->impl;
    if (q->lock_fd >= 0) {
        flock(q->lock_fd, LOCK_UN);
        close(q->lock_fd);
        q->lock_fd = -1;
    }
}

static const char *
sq_type(enum or_type t)
{
    return or_type_sql(t);
}

static char *
sq_read_expr(enum or_type t, const char *quoted)
{
    (void)t;
    return g_strdup(quoted);
}

static or_status
sq_columns(struct or_store *s, const char *table, GPtrArray *names, GArray *types, char *err,
           size_t errlen)
{
    static const enum or_type text[] = {OR_TYPE_TEXT, OR_TYPE_TEXT};
    const char *p[] = {table};
    struct or_store_columns nt = {names, types, or_type_from_decl};
    return sq_query(s, "SELECT name, type FROM pragma_table_info($1) ORDER BY cid", p, 1, text, 2,
                    or_store_take_column, &nt, err, errlen);
}

static or_status
sq_writer_open(struct or_store *s, const char *table, const char *const *cols,
               const enum or_type *types, size_t n, struct or_store_writer **out, char *err,
               size_t errlen)
{
    char *qt = or_store_quote(table);
    GString *sql = g_string_new(NULL);
    g_string_printf(sql, "INSERT INTO %s (", qt);
    for (size_t i = 0; i < n; i++) {
        char *q = or_store_quote(cols[i]);
        g_string_append_printf(sql, "%s%s", i ? ", " : "", q);
        g_free(q);
    }
    g_string_append(sql, ") VALUES (");
    for (size_t i = 0; i < n; i++) {
        g_string_append_printf(sql, "%s?%zu", i ? ", " : "", i + 1);
    }
    char *tail = or_store_upsert_clause(cols, n);
    g_string_append_printf(sql, ")%s", tail);
    g_free(tail);
    g_free(qt);
    struct or_store_writer *w = g_new0(struct or_store_writer, 1);
    w->s = s;
    w->n = n;
    w->types = types;
    or_status st = OR_OK;
    if (sqlite3_prepare_v2(db_of(s), sql->str, -1, &w->stmt, NULL) != SQLITE_OK) {
        st = fail(s, "prepare insert", err, errlen);
        sqlite3_finalize(w->stmt);
        g_free(w);
        w = NULL;
    }
    g_string_free(sql, TRUE);
    *out = w;
    return st;
}

static or_status
sq_writer_row(struct or_store_writer *w, const struct or_value *vals, char *err, size_t errlen)
{
    for (size_t i = 0; i < w->n; i++) {
        const struct or_value *v = &vals[i];
        int c = (int)i + 1;
        if (v->is_null) {
            sqlite3_bind_null(w->stmt, c);
        }
        else if (v->type == OR_TYPE_TEXT) {
            sqlite3_bind_text(w->stmt, c, v->s, (int)v->len, SQLITE_STATIC);
        }
        else if (v->type == OR_TYPE_REAL) {
            sqlite3_bind_double(w->stmt, c, v->r);
        }
        else {
            sqlite3_bind_int64(w->stmt, c, v->i);
        }
    }
    int rc = sqlite3_step(w->stmt);
    sqlite3_reset(w->stmt);
    return rc == SQLITE_DONE ? OR_OK : fail(w->s, "insert", err, errlen);
}

static or_status
sq_writer_close(struct or_store_writer *w, int ok, char *err, size_t errlen)
{
    (void)ok;
    (void)err;
    (void)errlen;
    if (w != NULL) {
        sqlite3_finalize(w->stmt);
        g_free(w);
    }
    return OR_OK;
}

static const char *
sq_file(struct or_store *s)
{
    return ((struct sqlite_store *)s->impl)->path;
}

static const struct or_store_ops sqlite_ops = {
    .kind = "sqlite",
    .close = sq_close,
    .exec = sq_exec,
    .query = sq_query,
    .begin = sq_begin,
    .lock = sq_lock,
    .unlock = sq_unlock,
    .serial_pk = "INTEGER PRIMARY KEY",
    .type_sql = sq_type,
    .read_expr = sq_read_expr,
    .columns = sq_columns,
    .writer_open = sq_writer_open,
    .writer_row = sq_writer_row,
    .writer_close = sq_writer_close,
    .file = sq_file,
};

static int
count_first(void *ud, int n, char **vals, char **names)
{
    (void)n;
    (void)names;
    *(long *)ud = vals[0] != NULL ? strtol(vals[0], NULL, 10) : 0;
    return 0;
}

/* A database with tables of its own but no or_meta is someone else's. */
static or_status
check_ours(struct or_store *s, char *err, size_t errlen)
{
    long tables = 0, meta = 0;
    sqlite3 *db = db_of(s);
    if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", count_first, &tables, NULL) !=
            SQLITE_OK ||
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master WHERE name = 'or_meta'", count_first,
                     &meta, NULL) != SQLITE_OK) {
        return fail(s, "read the schema", err, errlen);
    }
    if (tables > 0 && meta == 0) {
        or_set_err(err, errlen,
                   "store %s is an SQLite database but not an outreport store (no or_meta "
                   "table): choose another [store] url",
                   s->name);
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

or_status
or_store_sqlite_open(struct or_store *s, const char *path, char *err, size_t errlen)
{
    struct sqlite_store *q = g_new0(struct sqlite_store, 1);
    q->lock_fd = -1;
    q->path = g_strdup(path);
    s->impl = q;
    s->ops = &sqlite_ops;
    char *dir = g_path_get_dirname(path);
    int made = g_mkdir_with_parents(dir, 0700);
    g_free(dir);
    if (*path == '\0' || made != 0) {
        or_set_err(err, errlen, "store %s: cannot create its folder: %s", s->name,
                   *path == '\0' ? "no path" : g_strerror(errno));
        return OR_ERR_DATASET;
    }
    int rc = sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        return fail(s, "open", err, errlen);
    }
    sqlite3_busy_timeout(q->db, 60000);
    /* Turning WAL on needs the database to itself, and SQLite gives up at
     * once rather than wait when another connection opens it meanwhile:
     * a new store is set up under the writer lock. */
    char mode[16] = "";
    sqlite3_stmt *jm = NULL;
    if (sqlite3_prepare_v2(q->db, "PRAGMA journal_mode", -1, &jm, NULL) == SQLITE_OK &&
        sqlite3_step(jm) == SQLITE_ROW) {
        snprintf(mode, sizeof(mode), "%s", (const char *)sqlite3_column_text(jm, 0));
    }
    sqlite3_finalize(jm);
    int wal = strcmp(mode, "wal") == 0;
    or_status st = wal ? OR_OK : sq_lock(s, err, errlen);
    if (st == OR_OK) {
        st = check_ours(s, err, errlen);
    }
    if (st == OR_OK && !wal) {
        st = sq_exec(s, "PRAGMA journal_mode = WAL", err, errlen);
    }
    if (st == OR_OK) {
        st = sq_exec(s, "PRAGMA synchronous = NORMAL", err, errlen);
    }
    if (!wal) {
        sq_unlock(s);
    }
    return st;
}
