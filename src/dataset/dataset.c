/* SPDX-License-Identifier: MIT */
#include "dataset/dataset.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "dataset/coerce.h"

struct or_dataset {
    sqlite3 *db;
    struct or_sql_clock *clock; /* the cursors' time limit */
};

struct or_table_writer {
    struct or_dataset *ds;
    char *table;
    struct or_schema *schema;
    size_t ncols_in_table; /* columns the table and the statement have */
    sqlite3_stmt *insert;
    int64_t count;
};

static const char *const sql_types[OR_TYPE_COUNT] = {
    [OR_TYPE_TEXT] = "TEXT", [OR_TYPE_INT] = "INTEGER", [OR_TYPE_REAL] = "REAL",
    [OR_TYPE_BOOL] = "BOOL", [OR_TYPE_TIME] = "TIME",
};
static const char *const type_names[OR_TYPE_COUNT] = {
    [OR_TYPE_TEXT] = "text", [OR_TYPE_INT] = "int",   [OR_TYPE_REAL] = "real",
    [OR_TYPE_BOOL] = "bool", [OR_TYPE_TIME] = "time",
};

const char *
or_type_sql(enum or_type t)
{
    return (unsigned)t < OR_TYPE_COUNT ? sql_types[t] : "TEXT";
}

const char *
or_type_name(enum or_type t)
{
    return (unsigned)t < OR_TYPE_COUNT ? type_names[t] : "text";
}

enum or_type
or_type_from_decl(const char *decl)
{
    if (decl == NULL) {
        return OR_TYPE_TEXT;
    }
    for (int t = 0; t < OR_TYPE_COUNT; t++) {
        if (g_ascii_strcasecmp(decl, sql_types[t]) == 0) {
            return (enum or_type)t;
        }
    }
    if (g_ascii_strcasecmp(decl, "INT") == 0) {
        return OR_TYPE_INT;
    }
    return OR_TYPE_TEXT;
}

static or_status
db_error(struct or_dataset *ds, const char *what, char *err, size_t errlen)
{
    or_set_err(err, errlen, "dataset: %s: %s", what, sqlite3_errmsg(ds->db));
    return OR_ERR_DATASET;
}

static or_status
exec(struct or_dataset *ds, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(ds->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        or_set_err(err, errlen, "dataset: %s", msg != NULL ? msg : "error");
        sqlite3_free(msg);
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

or_status
or_dataset_open(const char *path, struct or_dataset **out, char *err, size_t errlen)
{
    struct or_dataset *ds = g_new0(struct or_dataset, 1);
    char *msg = NULL;
    /* A private temporary database: it lives in SQLite's page cache like a
     * ":memory:" one, but pages beyond the cache size spill to an unnamed
     * temporary file, so a million-row fetch does not need a gigabyte of RAM.
     * Nothing needs durability (no syncs), but a failed fetch rolls back:
     * the journal stays in memory.  Serialized: documents are rendered on
     * several threads, each stepping statements of its own.  URIs: a batch's
     * jobs attach the file its fetches went to read-only. */
    *out = NULL;
    if (sqlite3_open_v2(path != NULL ? path : "", &ds->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX |
                            SQLITE_OPEN_URI,
                        NULL) != SQLITE_OK) {
        or_set_err(err, errlen, "dataset: cannot open %s: %s", path != NULL ? path : "SQLite",
                   ds->db ? sqlite3_errmsg(ds->db) : "out of memory");
        or_dataset_free(ds);
        return OR_ERR_DATASET;
    }
    if (sqlite3_exec(ds->db,
                     "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
                     "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        or_set_err(err, errlen, "dataset: cannot configure SQLite: %s", msg ? msg : "?");
        sqlite3_free(msg);
        or_dataset_free(ds);
        return OR_ERR_DATASET;
    }
    ds->clock = or_sql_clock_new(ds->db);
    *out = ds;
    return OR_OK;
}

or_status
or_dataset_new(struct or_dataset **out, char *err, size_t errlen)
{
    return or_dataset_open(NULL, out, err, errlen);
}

void
or_dataset_free(struct or_dataset *ds)
{
    if (ds == NULL) {
        return;
    }
    or_sql_clock_free(ds->clock);
    sqlite3_close_v2(ds->db);
    g_free(ds);
}

sqlite3 *
or_dataset_db(struct or_dataset *ds)
{
    return ds->db;
}

void
or_dataset_set_limits(struct or_dataset *ds, const struct or_sql_limits *lim)
{
    or_sql_clock_set(ds->clock, lim);
}

const struct or_sql_limits *
or_dataset_limits(const struct or_dataset *ds)
{
    return or_sql_clock_limits(ds->clock);
}

struct or_sql_clock *
or_dataset_clock(struct or_dataset *ds)
{
    return ds->clock;
}

/* Identifiers come from plugins and data (dynamic columns): always quoted. */
static void
append_ident(GString *s, const char *name)
{
    g_string_append_c(s, '"');
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(s, '"');
        }
        g_string_append_c(s, *p);
    }
    g_string_append_c(s, '"');
}

static or_status
prepare_insert(struct or_table_writer *w, char *err, size_t errlen)
{
    GString *sql = g_string_new("INSERT INTO ");
    append_ident(sql, w->table);
    g_string_append(sql, " VALUES (");
    for (size_t i = 0; i < w->ncols_in_table; i++) {
        g_string_append(sql, i ? ",?" : "?");
    }
    g_string_append(sql, ")");
    sqlite3_finalize(w->insert);
    w->insert = NULL;
    int rc =
        sqlite3_prepare_v3(w->ds->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT, &w->insert, NULL);
    g_string_free(sql, TRUE);
    if (rc != SQLITE_OK) {
        return db_error(w->ds, "prepare insert", err, errlen);
    }
    return OR_OK;
}

/* Adds the columns a dynamic schema gained since the last page. */
static or_status
add_new_columns(struct or_table_writer *w, char *err, size_t errlen)
{
    while (w->ncols_in_table < w->schema->ncols) {
        const struct or_column *c = &w->schema->cols[w->ncols_in_table];
        GString *sql = g_string_new("ALTER TABLE ");
        append_ident(sql, w->table);
        g_string_append(sql, " ADD COLUMN ");
        append_ident(sql, c->name);
        g_string_append_printf(sql, " %s", or_type_sql(c->type));
        or_status st = exec(w->ds, sql->str, err, errlen);
        g_string_free(sql, TRUE);
        if (st != OR_OK) {
            return st;
        }
        w->ncols_in_table++;
    }
    return prepare_insert(w, err, errlen);
}

or_status
or_table_writer_open(struct or_dataset *ds, const char *table, struct or_schema *schema,
                     struct or_table_writer **out, char *err, size_t errlen)
{
    struct or_table_writer *w = g_new0(struct or_table_writer, 1);
    GString *sql = g_string_new("DROP TABLE IF EXISTS ");
    or_status st;

    w->ds = ds;
    w->table = g_strdup(table);
    w->schema = schema;
    append_ident(sql, table);
    g_string_append(sql, "; CREATE TABLE ");
    append_ident(sql, table);
    g_string_append(sql, " (");
    for (size_t i = 0; i < schema->ncols; i++) {
        if (i > 0) {
            g_string_append(sql, ", ");
        }
        append_ident(sql, schema->cols[i].name);
        g_string_append_printf(sql, " %s", or_type_sql(schema->cols[i].type));
    }
    g_string_append(sql, ")");
    st = exec(ds, "BEGIN", err, errlen);
    if (st == OR_OK) {
        st = exec(ds, sql->str, err, errlen);
    }
    g_string_free(sql, TRUE);
    if (st != OR_OK) {
        goto fail;
    }
    w->ncols_in_table = schema->ncols;
    st = prepare_insert(w, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    *out = w;
    return OR_OK;

fail:
    or_table_writer_close(w, 0, NULL, 0);
    return st;
}

/* Binds one cell as its column's type (coerce.h): what is stored is what a
 * stream would hand out. */
static void
bind_cell(const struct or_table_writer *w, sqlite3_stmt *st, const struct or_rows *rows,
          const struct or_cell *cell)
{
    char num[OR_COERCE_TEXT];
    struct or_value v;
    const char *text = cell->type == OR_TYPE_TEXT ? rows->arena + cell->text_off : "";
    int idx = (int)cell->col + 1;
    or_coerce_cell(cell, text, w->schema->cols[cell->col].type, num, &v);
    switch (v.type) {
    case OR_TYPE_TEXT:
        /* The arena outlives the step; a number's text is copied. */
        sqlite3_bind_text(st, idx, v.s, (int)v.len, v.s == num ? SQLITE_TRANSIENT : SQLITE_STATIC);
        break;
    case OR_TYPE_REAL: sqlite3_bind_double(st, idx, v.r); break;
    default: sqlite3_bind_int64(st, idx, v.i); break;
    }
}

or_status
or_table_writer_write(struct or_table_writer *w, const struct or_rows *rows, char *err,
                      size_t errlen)
{
    if (w->ncols_in_table < w->schema->ncols) {
        or_status st = add_new_columns(w, err, errlen);
        if (st != OR_OK) {
            return st;
        }
    }
    sqlite3_stmt *st = w->insert;
    for (size_t r = 0; r < rows->nrows; r++) {
        sqlite3_clear_bindings(st);
        for (size_t c = rows->row_start[r]; c < rows->row_start[r + 1]; c++) {
            bind_cell(w, st, rows, &rows->cells[c]);
        }
        if (sqlite3_step(st) != SQLITE_DONE) {
            or_status res = db_error(w->ds, "insert", err, errlen);
            sqlite3_reset(st);
            return res;
        }
        sqlite3_reset(st);
        w->count++;
    }
    return OR_OK;
}

int64_t
or_table_writer_count(const struct or_table_writer *w)
{
    return w->count;
}

or_status
or_table_writer_close(struct or_table_writer *w, int commit, char *err, size_t errlen)
{
    or_status st = OR_OK;
    char ignored[OR_ERR_SIZE];

    if (w == NULL) {
        return OR_OK;
    }
    sqlite3_finalize(w->insert);
    if (err == NULL) {
        err = ignored;
        errlen = sizeof(ignored);
    }
    if (sqlite3_get_autocommit(w->ds->db) == 0) {
        st = exec(w->ds, commit ? "COMMIT" : "ROLLBACK", err, errlen);
    }
    g_free(w->table);
    g_free(w);
    return st;
}

or_status
or_dataset_index(struct or_dataset *ds, const char *table, const char *const *cols, const int *desc,
                 char **name, char *err, size_t errlen)
{
    *name = NULL;
    for (size_t i = 0; cols[i] != NULL; i++) {
        /* Checked first: SQLite would take an unknown "name" for a string. */
        if (sqlite3_table_column_metadata(ds->db, "main", table, cols[i], NULL, NULL, NULL, NULL,
                                          NULL) != SQLITE_OK) {
            or_set_err(err, errlen, "dataset: index on %s: no column %s", table, cols[i]);
            return OR_ERR_DATASET;
        }
    }
    /* The name says what it covers, so the same request finds it again. */
    GString *nm = g_string_new("or_sort:");
    GString *list = g_string_new(NULL);
    for (size_t i = 0; cols[i] != NULL; i++) {
        g_string_append_printf(nm, "%s%s%s", i > 0 ? "," : "", cols[i], desc[i] ? "-" : "");
        if (i > 0) {
            g_string_append(list, ", ");
        }
        append_ident(list, cols[i]);
        g_string_append(list, desc[i] ? " DESC" : "");
    }
    g_string_append_printf(nm, "@%s", table);
    GString *sql = g_string_new("CREATE INDEX IF NOT EXISTS main.");
    append_ident(sql, nm->str);
    g_string_append(sql, " ON ");
    append_ident(sql, table);
    g_string_append_printf(sql, " (%s)", list->str);
    or_status st = exec(ds, sql->str, err, errlen);
    g_string_free(sql, TRUE);
    g_string_free(list, TRUE);
    *name = g_string_free(nm, st != OR_OK);
    return st;
}

or_status
or_dataset_drop_index(struct or_dataset *ds, const char *name, char *err, size_t errlen)
{
    GString *sql = g_string_new("DROP INDEX IF EXISTS main.");
    append_ident(sql, name);
    or_status st = exec(ds, sql->str, err, errlen);
    g_string_free(sql, TRUE);
    return st;
}

or_status
or_dataset_count(struct or_dataset *ds, const char *table, int64_t *n, char *err, size_t errlen)
{
    GString *sql = g_string_new("SELECT count(*) FROM ");
    append_ident(sql, table);
    sqlite3_stmt *st = NULL;
    or_status res = OR_OK;
    *n = 0;
    if (sqlite3_prepare_v2(ds->db, sql->str, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        *n = sqlite3_column_int64(st, 0);
    }
    else {
        res = db_error(ds, "count", err, errlen);
    }
    sqlite3_finalize(st);
    g_string_free(sql, TRUE);
    return res;
}

/* "CREATE TABLE main.<to> (<from's columns and declared types>)". */
static or_status
copy_schema_sql(struct or_dataset *ds, const char *schema, const char *from, const char *to,
                GString *sql, char *err, size_t errlen)
{
    sqlite3_stmt *st = NULL;
    int ncols = 0;
    if (sqlite3_prepare_v2(ds->db, "SELECT name, type FROM pragma_table_info(?1, ?2)", -1, &st,
                           NULL) != SQLITE_OK) {
        return db_error(ds, "copy", err, errlen);
    }
    sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, schema, -1, SQLITE_STATIC);
    g_string_assign(sql, "CREATE TABLE main.");
    append_ident(sql, to);
    g_string_append(sql, " (");
    while (sqlite3_step(st) == SQLITE_ROW) {
        g_string_append(sql, ncols++ > 0 ? ", " : "");
        append_ident(sql, (const char *)sqlite3_column_text(st, 0));
        g_string_append_printf(sql, " %s", (const char *)sqlite3_column_text(st, 1));
    }
    g_string_append(sql, ")");
    sqlite3_finalize(st);
    if (ncols == 0) {
        or_set_err(err, errlen, "dataset: copy: no table %s", from);
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

/* Attaches the dataset file @p path read-only as "fetched"; it does not
 * change while it is attached (immutable: no locks, no journal). */
static or_status
attach(struct or_dataset *ds, const char *path, char *err, size_t errlen)
{
    char *esc = g_uri_escape_string(path, "/", FALSE);
    char *uri = g_strdup_printf("file:%s?mode=ro&immutable=1", esc);
    char *sql = sqlite3_mprintf("ATTACH %Q AS fetched", uri);
    or_status st = exec(ds, sql, err, errlen);
    sqlite3_free(sql);
    g_free(uri);
    g_free(esc);
    return st;
}

or_status
or_dataset_copy_table(struct or_dataset *ds, const char *path, const char *from, const char *to,
                      char *err, size_t errlen)
{
    const char *schema = path != NULL ? "fetched" : "main";
    GString *sql = g_string_new(NULL);
    or_status st = path != NULL ? attach(ds, path, err, errlen) : OR_OK;
    if (st == OR_OK) {
        st = copy_schema_sql(ds, schema, from, to, sql, err, errlen);
    }
    if (st == OR_OK) {
        GString *all = g_string_new("BEGIN; DROP TABLE IF EXISTS main.");
        append_ident(all, to);
        g_string_append_printf(all, "; %s; INSERT INTO main.", sql->str);
        append_ident(all, to);
        g_string_append_printf(all, " SELECT * FROM %s.", schema);
        append_ident(all, from);
        g_string_append(all, "; COMMIT");
        st = exec(ds, all->str, err, errlen);
        if (st != OR_OK && sqlite3_get_autocommit(ds->db) == 0) {
            sqlite3_exec(ds->db, "ROLLBACK", NULL, NULL, NULL);
        }
        g_string_free(all, TRUE);
    }
    if (path != NULL) {
        sqlite3_exec(ds->db, "DETACH fetched", NULL, NULL, NULL);
    }
    g_string_free(sql, TRUE);
    return st;
}
