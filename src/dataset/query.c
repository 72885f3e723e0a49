/* SPDX-License-Identifier: MIT */
/* The dataset cursor: an SQLite statement stepped row by row. */
#include <glib.h>
#include <string.h>

#include "base/status_str.h"
#include "dataset/dataset.h"
#include "dataset/query_impl.h"

struct or_query_cursor *
or_query_of(struct or_cursor *c)
{
    g_assert(c->ops == &or_query_statement_ops || c->ops == &or_query_buffered_ops);
    return (struct or_query_cursor *)(void *)c;
}

static const struct or_query_cursor *
const_of(const struct or_cursor *c)
{
    return or_query_of((struct or_cursor *)(void *)c);
}

or_status
or_cursor_new(struct or_dataset *ds, const char *sql, const enum or_type *types, size_t ntypes,
              struct or_cursor **out, char *err, size_t errlen)
{
    struct or_query_cursor *c = g_new0(struct or_query_cursor, 1);
    sqlite3 *db = or_dataset_db(ds);
    const char *tail = NULL;
    c->base.ops = &or_query_statement_ops;
    c->clock = or_dataset_clock(ds);
    if (sqlite3_prepare_v2(db, sql, -1, &c->st, &tail) != SQLITE_OK) {
        or_set_err(err, errlen, "dataset: query: %s", sqlite3_errmsg(db));
        g_free(c);
        return OR_ERR_DATASET;
    }
    while (tail != NULL && (g_ascii_isspace(*tail) || *tail == ';')) {
        tail++;
    }
    if (c->st == NULL || (tail != NULL && *tail != '\0')) {
        or_set_err(err, errlen, "dataset: query: %s",
                   c->st == NULL ? "no SQL statement" : "one SQL statement only");
        sqlite3_finalize(c->st);
        g_free(c);
        return OR_ERR_DATASET;
    }
    c->ncols = (size_t)sqlite3_column_count(c->st);
    c->types = g_new0(enum or_type, c->ncols > 0 ? c->ncols : 1);
    c->untyped = g_new0(unsigned char, c->ncols > 0 ? c->ncols : 1);
    c->names = g_new0(char *, c->ncols + 1);
    for (size_t i = 0; i < c->ncols; i++) {
        c->names[i] = g_strdup(sqlite3_column_name(c->st, (int)i));
        const char *decl = sqlite3_column_decltype(c->st, (int)i);
        if (types != NULL && i < ntypes) {
            c->types[i] = types[i];
        }
        else if (decl != NULL) {
            c->types[i] = or_type_from_decl(decl);
        }
        else {
            c->untyped[i] = 1;
        }
    }
    *out = &c->base;
    return OR_OK;
}

sqlite3_stmt *
or_cursor_stmt(struct or_cursor *c)
{
    return or_query_of(c)->st;
}

size_t
or_cursor_ncols(const struct or_cursor *c)
{
    return const_of(c)->ncols;
}

enum or_type
or_cursor_type(const struct or_cursor *c, size_t col)
{
    return const_of(c)->types[col];
}

const char *
or_cursor_name(const struct or_cursor *c, size_t col)
{
    return const_of(c)->names[col];
}

int
or_cursor_untyped(const struct or_cursor *c, size_t col)
{
    return const_of(c)->untyped[col];
}

static void
query_free(struct or_cursor *base)
{
    struct or_query_cursor *c = or_query_of(base);
    or_reader_end(c);
    or_rowbuf_unref(c->buf);
    sqlite3_finalize(c->st);
    g_free(c->types);
    g_free(c->untyped);
    g_strfreev(c->names);
    g_free(c);
}

/* One value of the current row, typed by its column. */
static void
column_value(sqlite3_stmt *st, int i, enum or_type type, struct or_value *v)
{
    memset(v, 0, sizeof(*v));
    v->type = type;
    if (sqlite3_column_type(st, i) == SQLITE_NULL) {
        v->is_null = 1;
        return;
    }
    switch (type) {
    case OR_TYPE_TEXT:
        v->s = (const char *)sqlite3_column_text(st, i);
        v->len = (size_t)sqlite3_column_bytes(st, i);
        break;
    case OR_TYPE_REAL: v->r = sqlite3_column_double(st, i); break;
    default:
        v->i = sqlite3_column_int64(st, i);
        v->r = (double)v->i;
        break;
    }
}

or_status
or_query_step(struct or_query_cursor *c, enum or_type *types, struct or_value *row, int *has_row,
              char *err, size_t errlen)
{
    gint64 t0 = or_sql_clock_start(c->clock, c->spent_us);
    int rc = sqlite3_step(c->st);
    int over = or_sql_clock_stop(c->clock, t0, &c->spent_us);
    *has_row = rc == SQLITE_ROW;
    if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
        for (size_t i = 0; *has_row && i < c->ncols; i++) {
            if (c->untyped[i]) {
                /* count(*), sums, expressions: no declared type, so the value's own. */
                int ct = sqlite3_column_type(c->st, (int)i);
                types[i] = ct == SQLITE_INTEGER ? OR_TYPE_INT
                           : ct == SQLITE_FLOAT ? OR_TYPE_REAL
                                                : OR_TYPE_TEXT;
            }
            column_value(c->st, (int)i, types[i], &row[i]);
        }
        return OR_OK;
    }
    if (rc == SQLITE_INTERRUPT && over) {
        or_sql_clock_message(c->clock, err, errlen);
    }
    else {
        or_set_err(err, errlen, "%s", sqlite3_errmsg(sqlite3_db_handle(c->st)));
    }
    return OR_ERR_DATASET;
}

void
or_query_restart(struct or_query_cursor *c)
{
    c->spent_us = 0;
}

const char *
or_query_error(const struct or_cursor *c)
{
    return const_of(c)->err;
}

static or_status
query_next(struct or_cursor *base, struct or_value *row, int *has_row)
{
    struct or_query_cursor *c = or_query_of(base);
    *has_row = 0;
    if (c->done) {
        return OR_OK;
    }
    if (c->read_ahead && c->reader == NULL && !or_reader_start(c)) {
        c->read_ahead = 0; /* no thread to be had: step here */
    }
    if (c->reader != NULL) {
        or_status st = or_reader_next(c, row, has_row);
        c->used += *has_row;
        return st;
    }
    /* Each sqlite3_step() and sqlite3_column_*() call takes the connection's
     * mutex; holding it (it is recursive) for the whole row takes it once per
     * row, not some 60 times, which matters when threads render at once. */
    sqlite3_mutex *m = sqlite3_db_mutex(sqlite3_db_handle(c->st));
    sqlite3_mutex_enter(m);
    or_status st = or_query_step(c, c->types, row, has_row, c->err, sizeof(c->err));
    sqlite3_mutex_leave(m);
    c->used += *has_row;
    c->done = st == OR_OK && !*has_row;
    return st;
}

static or_status
query_rewind(struct or_cursor *base)
{
    struct or_query_cursor *c = or_query_of(base);
    if (c->reader != NULL && c->used == 0) {
        return OR_OK; /* the reader is at the first row still */
    }
    or_reader_end(c);
    c->used = 0;
    c->done = 0;
    or_query_restart(c);
    /* Its result is the last step's failure, if any, already reported:
     * the statement is reset either way. */
    sqlite3_reset(c->st);
    return OR_OK;
}

const struct or_cursor_ops or_query_statement_ops = {
    .next = query_next,
    .rewind = query_rewind,
    .free = query_free,
    .error = or_query_error,
};

void
or_cursor_read_ahead(struct or_cursor *base)
{
    struct or_query_cursor *c = or_query_of(base);
    /* Another thread steps the statement while this one may step others:
     * only over a serialized connection. */
    if (c->buf != NULL || c->st == NULL || c->read_ahead ||
        sqlite3_db_mutex(sqlite3_db_handle(c->st)) == NULL) {
        return;
    }
    c->read_ahead = 1;
    /* Started now, it gets on with the first rows (a sort, say) while the
     * user does other work; rewinding before the first row keeps them. */
    if (!c->done && c->used == 0) {
        or_reader_start(c);
    }
}
