/* SPDX-License-Identifier: MIT */
#include "dataset/dataset.h"

#include <glib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "base/log.h"

struct or_dataset {
    sqlite3 *db;
};

struct or_table_writer {
    struct or_dataset *ds;
    char *table;
    struct or_schema *schema;
    size_t ncols_in_table; /* columns the table and the statement have */
    sqlite3_stmt *insert;
    int64_t count;
};

/* Rows read into memory once (or_cursor_buffer()), shared by the cursors
 * made from it; the last one to let go frees them. */
struct rowbuf {
    gint refs;
    size_t nrows;
    struct or_value *vals; /* nrows * ncols, text pointing into chunk */
    GStringChunk *chunk;
};

/* Rows a reader thread stepped ahead of the cursor's user. */
struct batch {
    struct batch *next;
    size_t nrows;
    struct or_value *vals; /* READ_AHEAD_ROWS * ncols, text pointing into chunk */
    GStringChunk *chunk;
};

/* A thread stepping a cursor's statement ahead of its user, batch by batch. */
struct reader {
    GThread *thread;
    pthread_mutex_t lock; /* pthreads, not GMutex: ThreadSanitizer sees these */
    pthread_cond_t cond;
    struct batch *head, *tail; /* stepped, not yet used; under lock */
    size_t queued;             /* batches between head and tail; under lock */
    int stop;                  /* the user wants no more rows; under lock */
    int finished;              /* the thread stepped its last row; under lock */
    int failed;                /* ... because a step failed: err says why */
    char err[OR_ERR_SIZE];
    enum or_type *types;   /* the thread's own copy (untyped columns change) */
    struct batch *current; /* the batch the user steps through */
    size_t pos;            /* its next row */
};

struct or_cursor {
    sqlite3_stmt *st; /* NULL for a copy over buffered rows */
    size_t ncols;
    enum or_type *types;
    unsigned char *untyped; /* expression columns: type follows each value */
    char **names;           /* copies: SQLite frees its own when it re-prepares */
    int done;
    struct rowbuf *buf;    /* non-NULL: rows are served from memory */
    size_t pos;            /* next buffered row */
    int read_ahead;        /* step on a thread of its own (or_cursor_read_ahead()) */
    struct reader *reader; /* that thread while it runs or has rows */
    int64_t used;          /* rows handed out since the statement started over */
};

static void reader_end(struct or_cursor *c);

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
    snprintf(err, errlen, "dataset: %s: %s", what, sqlite3_errmsg(ds->db));
    return OR_ERR_DATASET;
}

static or_status
exec(struct or_dataset *ds, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(ds->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "dataset: %s", msg != NULL ? msg : "error");
        sqlite3_free(msg);
        return OR_ERR_DATASET;
    }
    return OR_OK;
}

or_status
or_dataset_new(struct or_dataset **out, char *err, size_t errlen)
{
    struct or_dataset *ds = g_new0(struct or_dataset, 1);
    char *msg = NULL;
    /* A private temporary database: it lives in SQLite's page cache like a
     * ":memory:" one, but pages beyond the cache size spill to an unnamed
     * temporary file, so a million-row fetch does not need a gigabyte of RAM.
     * Nothing needs durability (no syncs), but a failed fetch rolls back:
     * the journal stays in memory.  Serialized: documents are rendered on
     * several threads, each stepping statements of its own. */
    if (sqlite3_open_v2("", &ds->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        NULL) != SQLITE_OK) {
        snprintf(err, errlen, "dataset: cannot open SQLite: %s",
                 ds->db ? sqlite3_errmsg(ds->db) : "out of memory");
        or_dataset_free(ds);
        return OR_ERR_DATASET;
    }
    if (sqlite3_exec(ds->db,
                     "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; "
                     "PRAGMA cache_size = -65536; PRAGMA temp_store = FILE;",
                     NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "dataset: cannot configure SQLite: %s", msg ? msg : "?");
        sqlite3_free(msg);
        or_dataset_free(ds);
        return OR_ERR_DATASET;
    }
    *out = ds;
    return OR_OK;
}

void
or_dataset_free(struct or_dataset *ds)
{
    if (ds == NULL) {
        return;
    }
    sqlite3_close_v2(ds->db);
    g_free(ds);
}

sqlite3 *
or_dataset_db(struct or_dataset *ds)
{
    return ds->db;
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
            const struct or_cell *cell = &rows->cells[c];
            int idx = (int)cell->col + 1;
            switch (cell->type) {
            case OR_TYPE_TEXT:
                sqlite3_bind_text(st, idx, rows->arena + cell->text_off, (int)cell->text_len,
                                  SQLITE_STATIC);
                break;
            case OR_TYPE_REAL: sqlite3_bind_double(st, idx, cell->r); break;
            default: sqlite3_bind_int64(st, idx, cell->i); break;
            }
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
or_cursor_new(struct or_dataset *ds, const char *sql, const enum or_type *types, size_t ntypes,
              struct or_cursor **out, char *err, size_t errlen)
{
    struct or_cursor *c = g_new0(struct or_cursor, 1);
    const char *tail = NULL;
    if (sqlite3_prepare_v2(ds->db, sql, -1, &c->st, &tail) != SQLITE_OK) {
        or_status st = db_error(ds, "query", err, errlen);
        g_free(c);
        return st;
    }
    while (tail != NULL && (g_ascii_isspace(*tail) || *tail == ';')) {
        tail++;
    }
    if (c->st == NULL || (tail != NULL && *tail != '\0')) {
        snprintf(err, errlen, "dataset: query: %s",
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
    *out = c;
    return OR_OK;
}

sqlite3_stmt *
or_cursor_stmt(struct or_cursor *c)
{
    return c->st;
}

size_t
or_cursor_ncols(const struct or_cursor *c)
{
    return c->ncols;
}

enum or_type
or_cursor_type(const struct or_cursor *c, size_t col)
{
    return c->types[col];
}

const char *
or_cursor_name(const struct or_cursor *c, size_t col)
{
    return c->names[col];
}

static void
rowbuf_unref(struct rowbuf *b)
{
    if (b == NULL || !g_atomic_int_dec_and_test(&b->refs)) {
        return;
    }
    g_free(b->vals);
    if (b->chunk != NULL) {
        g_string_chunk_free(b->chunk);
    }
    g_free(b);
}

void
or_cursor_free(struct or_cursor *c)
{
    if (c == NULL) {
        return;
    }
    reader_end(c);
    rowbuf_unref(c->buf);
    sqlite3_finalize(c->st);
    g_free(c->types);
    g_free(c->untyped);
    g_strfreev(c->names);
    g_free(c);
}

/* Copies a row's text into @p chunk (len bytes, NULs included, terminated),
 * so that the row outlives the statement step it came from. */
static void
keep_text(GStringChunk *chunk, struct or_value *row, size_t ncols)
{
    for (size_t i = 0; i < ncols; i++) {
        if (row[i].type == OR_TYPE_TEXT && !row[i].is_null && row[i].s != NULL) {
            row[i].s = g_string_chunk_insert_len(chunk, row[i].s, (gssize)row[i].len);
        }
    }
}

/* Hands out a row kept in memory (buffered or read ahead), typing untyped
 * columns by their values as stepping the statement would. */
static void
serve_kept(struct or_cursor *c, const struct or_value *v, struct or_value *row)
{
    if (c->ncols > 0) {
        memcpy(row, v, c->ncols * sizeof(*row));
    }
    for (size_t i = 0; i < c->ncols; i++) {
        if (c->untyped[i]) {
            c->types[i] = v[i].type;
        }
    }
}

static int
buffered_next(struct or_cursor *c, struct or_value *row)
{
    if (c->pos >= c->buf->nrows) {
        return 0;
    }
    if (c->ncols == 0) {
        c->pos++;
        return 1;
    }
    serve_kept(c, &c->buf->vals[c->pos * c->ncols], row);
    c->pos++;
    return 1;
}

/* One step: fills @p row, with @p types the column types (updated for
 * untyped columns).  1 a row, 0 no more, -1 an error (logged unless quiet). */
static int
step_row(struct or_cursor *c, enum or_type *types, struct or_value *row, int quiet)
{
    int rc = sqlite3_step(c->st);
    if (rc == SQLITE_DONE) {
        return 0;
    }
    if (rc != SQLITE_ROW) {
        if (!quiet) {
            or_log(OR_LOG_ERROR, "dataset: query step: %s",
                   sqlite3_errmsg(sqlite3_db_handle(c->st)));
        }
        return -1;
    }
    for (size_t i = 0; i < c->ncols; i++) {
        struct or_value *v = &row[i];
        int ct = sqlite3_column_type(c->st, (int)i);
        memset(v, 0, sizeof(*v));
        if (c->untyped[i]) {
            /* count(*), sums, expressions: no declared type, so the value's own. */
            types[i] = ct == SQLITE_INTEGER ? OR_TYPE_INT
                       : ct == SQLITE_FLOAT ? OR_TYPE_REAL
                                            : OR_TYPE_TEXT;
        }
        v->type = types[i];
        if (ct == SQLITE_NULL) {
            v->is_null = 1;
            continue;
        }
        switch (v->type) {
        case OR_TYPE_TEXT:
            v->s = (const char *)sqlite3_column_text(c->st, (int)i);
            v->len = (size_t)sqlite3_column_bytes(c->st, (int)i);
            break;
        case OR_TYPE_REAL: v->r = sqlite3_column_double(c->st, (int)i); break;
        default:
            v->i = sqlite3_column_int64(c->st, (int)i);
            v->r = (double)v->i;
            break;
        }
    }
    return 1;
}

/* ---- reading ahead on a thread -------------------------------------------- */

/* Rows per batch, and batches a reader may have stepped ahead of its user. */
#define READ_AHEAD_ROWS 256
#define READ_AHEAD_BATCHES 4

static void
batch_free(struct batch *b)
{
    if (b == NULL) {
        return;
    }
    g_free(b->vals);
    g_string_chunk_free(b->chunk);
    g_free(b);
}

/* Steps one batch; returns what the last step returned (1: more may follow). */
static int
fill_batch(struct or_cursor *c, struct reader *r, struct batch *b)
{
    sqlite3_mutex *m = sqlite3_db_mutex(sqlite3_db_handle(c->st));
    int more = 1;
    while (more == 1 && b->nrows < READ_AHEAD_ROWS) {
        struct or_value *row = &b->vals[b->nrows * c->ncols];
        /* Copied while the connection is held: the text belongs to the statement. */
        sqlite3_mutex_enter(m);
        more = step_row(c, r->types, row, 1);
        if (more == 1) {
            keep_text(b->chunk, row, c->ncols);
            b->nrows++;
        }
        else if (more < 0) {
            snprintf(r->err, sizeof(r->err), "%s", sqlite3_errmsg(sqlite3_db_handle(c->st)));
        }
        sqlite3_mutex_leave(m);
    }
    return more;
}

static gpointer
reader_main(gpointer data)
{
    struct or_cursor *c = data;
    struct reader *r = c->reader;
    int more = 1;
    while (more == 1) {
        struct batch *b = g_new0(struct batch, 1);
        b->vals = g_new0(struct or_value, READ_AHEAD_ROWS * (c->ncols > 0 ? c->ncols : 1));
        b->chunk = g_string_chunk_new(1 << 16);
        more = fill_batch(c, r, b);
        pthread_mutex_lock(&r->lock);
        if (b->nrows > 0 && !r->stop) {
            if (r->tail != NULL) {
                r->tail->next = b;
            }
            else {
                r->head = b;
            }
            r->tail = b;
            r->queued++;
            b = NULL;
        }
        r->failed = more < 0;
        r->finished = more != 1;
        pthread_cond_broadcast(&r->cond);
        while (more == 1 && !r->stop && r->queued >= READ_AHEAD_BATCHES) {
            pthread_cond_wait(&r->cond, &r->lock);
        }
        more = r->stop ? 0 : more;
        pthread_mutex_unlock(&r->lock);
        batch_free(b);
    }
    return NULL;
}

/* Stops and removes the reader, with every row it stepped. */
static void
reader_end(struct or_cursor *c)
{
    struct reader *r = c->reader;
    if (r == NULL) {
        return;
    }
    pthread_mutex_lock(&r->lock);
    r->stop = 1;
    pthread_cond_broadcast(&r->cond);
    pthread_mutex_unlock(&r->lock);
    g_thread_join(r->thread);
    while (r->head != NULL) {
        struct batch *b = r->head;
        r->head = b->next;
        batch_free(b);
    }
    batch_free(r->current);
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->cond);
    g_free(r->types);
    g_free(r);
    c->reader = NULL;
}

/* Starts a reader from the statement's current position; 0 if none could start. */
static int
reader_start(struct or_cursor *c)
{
    struct reader *r = g_new0(struct reader, 1);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->cond, NULL);
    r->types = g_memdup2(c->types, (c->ncols > 0 ? c->ncols : 1) * sizeof(*c->types));
    c->reader = r;
    r->thread = g_thread_try_new("or-read", reader_main, c, NULL);
    if (r->thread == NULL) {
        pthread_mutex_destroy(&r->lock);
        pthread_cond_destroy(&r->cond);
        g_free(r->types);
        g_free(r);
        c->reader = NULL;
        return 0;
    }
    return 1;
}

static int
reader_next(struct or_cursor *c, struct or_value *row)
{
    struct reader *r = c->reader;
    if (r->current == NULL || r->pos >= r->current->nrows) {
        /* The batch whose last row was handed out goes now: its text was
         * borrowed only until this step. */
        batch_free(r->current);
        r->current = NULL;
        pthread_mutex_lock(&r->lock);
        while (r->head == NULL && !r->finished) {
            pthread_cond_wait(&r->cond, &r->lock);
        }
        if (r->head != NULL) {
            r->current = r->head;
            r->head = r->current->next;
            r->tail = r->head != NULL ? r->tail : NULL;
            r->queued--;
            r->pos = 0;
            pthread_cond_broadcast(&r->cond);
        }
        int failed = r->failed;
        pthread_mutex_unlock(&r->lock);
        if (r->current == NULL) {
            if (failed) {
                or_log(OR_LOG_ERROR, "dataset: query step: %s", r->err);
                return -1;
            }
            c->done = 1;
            return 0;
        }
    }
    serve_kept(c, &r->current->vals[r->pos * c->ncols], row);
    r->pos++;
    return 1;
}

void
or_cursor_read_ahead(struct or_cursor *c)
{
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
        reader_start(c);
    }
}

static int
cursor_next(struct or_cursor *c, struct or_value *row)
{
    if (c->buf != NULL) {
        return buffered_next(c, row);
    }
    if (c->done) {
        return 0;
    }
    if (c->read_ahead && c->reader == NULL && !reader_start(c)) {
        c->read_ahead = 0; /* no thread to be had: step here */
    }
    if (c->reader != NULL) {
        int r = reader_next(c, row);
        c->used += r == 1;
        return r;
    }
    /* Each sqlite3_step() and sqlite3_column_*() call takes the connection's
     * mutex; holding it (it is recursive) for the whole row takes it once per
     * row, not some 60 times, which matters when threads render at once. */
    sqlite3_mutex *m = sqlite3_db_mutex(sqlite3_db_handle(c->st));
    sqlite3_mutex_enter(m);
    int r = step_row(c, c->types, row, 0);
    sqlite3_mutex_leave(m);
    c->used += r == 1;
    c->done = r == 0;
    return r;
}

static or_status
cursor_rewind(struct or_cursor *c)
{
    if (c->buf != NULL) {
        c->pos = 0;
        return OR_OK;
    }
    if (c->reader != NULL && c->used == 0) {
        return OR_OK; /* the reader is at the first row still */
    }
    reader_end(c);
    c->used = 0;
    c->done = 0;
    return sqlite3_reset(c->st) == SQLITE_OK ? OR_OK : OR_ERR_DATASET;
}

or_status
or_cursor_buffer(struct or_cursor *c, size_t max_rows, size_t max_bytes, int64_t *nrows, char *err,
                 size_t errlen)
{
    *nrows = -1;
    if (c->buf != NULL) {
        *nrows = (int64_t)c->buf->nrows;
        c->pos = 0;
        return OR_OK;
    }
    reader_end(c); /* the statement is stepped here */
    c->used = 1;   /* so that rewinding starts it over */
    if (cursor_rewind(c) != OR_OK) {
        snprintf(err, errlen, "dataset: query: %s", sqlite3_errmsg(sqlite3_db_handle(c->st)));
        return OR_ERR_DATASET;
    }
    struct rowbuf *b = g_new0(struct rowbuf, 1);
    GArray *vals = g_array_new(FALSE, FALSE, sizeof(struct or_value));
    struct or_value *row = g_new0(struct or_value, c->ncols > 0 ? c->ncols : 1);
    size_t bytes = 0;
    or_status st = OR_OK;
    int complete = 0;

    b->refs = 1;
    b->chunk = g_string_chunk_new(4096);
    while (st == OR_OK) {
        int r = cursor_next(c, row);
        if (r < 0) {
            snprintf(err, errlen, "dataset: query step: %s",
                     sqlite3_errmsg(sqlite3_db_handle(c->st)));
            st = OR_ERR_DATASET;
            break;
        }
        if (r == 0) {
            complete = 1;
            break;
        }
        bytes += c->ncols * sizeof(*row);
        for (size_t i = 0; i < c->ncols; i++) {
            bytes += row[i].type == OR_TYPE_TEXT && row[i].s != NULL ? row[i].len + 1 : 0;
        }
        if (b->nrows == max_rows || bytes > max_bytes) {
            break;
        }
        keep_text(b->chunk, row, c->ncols);
        g_array_append_vals(vals, row, (guint)c->ncols);
        b->nrows++;
    }
    g_free(row);
    b->vals = (struct or_value *)(void *)g_array_free(vals, FALSE);
    /* Either way the statement starts over: it releases its sorter and
     * locks now, or is stepped afresh later. */
    sqlite3_reset(c->st);
    c->done = 0;
    if (st != OR_OK || !complete) {
        rowbuf_unref(b);
        return st;
    }
    c->buf = b;
    c->pos = 0;
    *nrows = (int64_t)b->nrows;
    return OR_OK;
}

struct or_cursor *
or_cursor_share(struct or_cursor *c)
{
    if (c->buf == NULL) {
        return NULL;
    }
    struct or_cursor *d = g_new0(struct or_cursor, 1);
    size_t n = c->ncols > 0 ? c->ncols : 1;
    d->ncols = c->ncols;
    d->types = g_memdup2(c->types, n * sizeof(*c->types));
    d->untyped = g_memdup2(c->untyped, n * sizeof(*c->untyped));
    d->names = g_strdupv(c->names);
    g_atomic_int_inc(&c->buf->refs);
    d->buf = c->buf;
    return d;
}

int
or_cursor_untyped(const struct or_cursor *c, size_t col)
{
    return c->untyped[col];
}

int
or_cursor_next(struct or_cursor *c, struct or_value *row)
{
    return cursor_next(c, row);
}

or_status
or_cursor_rewind(struct or_cursor *c)
{
    return cursor_rewind(c);
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
            snprintf(err, errlen, "dataset: index on %s: no column %s", table, cols[i]);
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

int64_t
or_dataset_count(struct or_dataset *ds, const char *table)
{
    GString *sql = g_string_new("SELECT count(*) FROM ");
    append_ident(sql, table);
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(ds->db, sql->str, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    g_string_free(sql, TRUE);
    return n;
}
