/* SPDX-License-Identifier: MIT */
#include "dataset/rows.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

struct or_schema *
or_schema_new(const struct or_column *const *cols, size_t ncols, int dynamic)
{
    struct or_schema *s = g_new0(struct or_schema, 1);
    s->cols = g_new0(struct or_column, ncols > 0 ? ncols : 1);
    for (size_t i = 0; i < ncols; i++) {
        s->cols[i].size = sizeof(struct or_column);
        s->cols[i].name = g_strdup(cols[i]->name);
        s->cols[i].type = cols[i]->type;
        s->cols[i].description = cols[i]->description ? g_strdup(cols[i]->description) : NULL;
    }
    s->ncols = ncols;
    s->fixed = ncols;
    s->dynamic = dynamic;
    char **declared = g_new0(char *, ncols + 1);
    for (size_t i = 0; i < ncols; i++) {
        declared[i] = g_strdup(cols[i]->name);
    }
    s->declared = (const char *const *)declared;
    return s;
}

void
or_schema_free(struct or_schema *s)
{
    if (s == NULL) {
        return;
    }
    for (size_t i = 0; i < s->ncols; i++) {
        g_free((char *)s->cols[i].name);
        g_free((char *)s->cols[i].description);
    }
    g_free(s->cols);
    g_strfreev((char **)s->declared);
    if (s->dropped != NULL) {
        g_hash_table_destroy(s->dropped);
        g_ptr_array_free(s->dropped_first, TRUE);
    }
    g_free(s);
}

/* Column @p name does not fit: remember it once. */
static void
schema_drop(struct or_schema *s, const char *name)
{
    if (s->dropped == NULL) {
        s->dropped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        s->dropped_first = g_ptr_array_new();
    }
    if (g_hash_table_contains(s->dropped, name)) {
        return;
    }
    char *copy = g_strdup(name);
    g_hash_table_add(s->dropped, copy);
    if (s->dropped_first->len < OR_SCHEMA_DROPPED_LISTED) {
        g_ptr_array_add(s->dropped_first, copy);
    }
}

char *
or_schema_dropped_text(const struct or_schema *s)
{
    if (s->dropped == NULL) {
        return NULL;
    }
    guint n = g_hash_table_size(s->dropped);
    GString *t = g_string_new(NULL);
    g_string_printf(t, "%u column%s past the limit of %d dropped: ", n, n == 1 ? "" : "s",
                    OR_SCHEMA_MAX_COLUMNS);
    for (guint i = 0; i < s->dropped_first->len; i++) {
        g_string_append_printf(t, "%s%s", i > 0 ? ", " : "",
                               (const char *)g_ptr_array_index(s->dropped_first, i));
    }
    if (n > s->dropped_first->len) {
        g_string_append_printf(t, " (and %u more)", n - s->dropped_first->len);
    }
    return g_string_free(t, FALSE);
}

long
or_schema_find(const struct or_schema *s, const char *name)
{
    for (size_t i = 0; i < s->ncols; i++) {
        if (strcmp(s->cols[i].name, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

void
or_rows_init(struct or_rows *rows, const struct or_schema *schema)
{
    memset(rows, 0, sizeof(*rows));
    rows->schema = schema;
    rows->nfixed = schema->fixed;
    rows->ncols = schema->fixed;
}

static void
forget_found(struct or_rows *rows)
{
    for (size_t i = 0; i < rows->nfound; i++) {
        g_free(rows->found[i]);
    }
    rows->nfound = 0;
    rows->ncols = rows->nfixed; /* the schema itself may be gone (a stream's page) */
}

void
or_rows_release(struct or_rows *rows)
{
    forget_found(rows);
    free(rows->cells);
    free(rows->row_start);
    free(rows->arena);
    g_free(rows->found);
    g_free(rows->found_types);
    memset(rows, 0, sizeof(*rows));
}

void
or_rows_reset(struct or_rows *rows)
{
    forget_found(rows);
    rows->ncells = 0;
    rows->nrows = 0;
    rows->arena_len = 0;
    rows->in_row = 0;
    rows->failed = OR_OK;
}

/* Removes the cells of dropped columns (@p to says SIZE_MAX) from the page. */
static void
drop_cells(struct or_rows *rows, const size_t *to, size_t fixed)
{
    size_t kept = 0, k = 0;
    for (size_t r = 0; r < rows->nrows; r++) {
        size_t end = rows->row_start[r + 1];
        rows->row_start[r] = kept;
        for (; k < end; k++) {
            const struct or_cell *c = &rows->cells[k];
            if (c->col < fixed || to[c->col - fixed] != SIZE_MAX) {
                rows->cells[kept++] = *c;
            }
        }
    }
    if (rows->nrows > 0) {
        rows->row_start[rows->nrows] = kept;
    }
    rows->ncells = kept;
}

void
or_rows_settle(struct or_rows *rows, struct or_schema *schema)
{
    if (rows->nfound == 0) {
        return;
    }
    size_t *to = g_new(size_t, rows->nfound);
    int dropped = 0;
    for (size_t j = 0; j < rows->nfound; j++) {
        long idx = or_schema_find(schema, rows->found[j]);
        if (idx < 0 && schema->ncols >= OR_SCHEMA_MAX_COLUMNS) {
            schema_drop(schema, rows->found[j]);
            to[j] = SIZE_MAX;
            dropped = 1;
            continue;
        }
        if (idx < 0) {
            schema->cols = g_renew(struct or_column, schema->cols, schema->ncols + 1);
            schema->cols[schema->ncols] = (struct or_column){
                .size = sizeof(struct or_column),
                .name = g_strdup(rows->found[j]),
                .type = rows->found_types[j],
            };
            idx = (long)schema->ncols++;
        }
        to[j] = (size_t)idx;
    }
    if (dropped) {
        drop_cells(rows, to, schema->fixed);
    }
    for (size_t k = 0; k < rows->ncells; k++) {
        if (rows->cells[k].col >= schema->fixed) {
            rows->cells[k].col = (uint32_t)to[rows->cells[k].col - schema->fixed];
        }
    }
    g_free(to);
    forget_found(rows);
    rows->ncols = schema->ncols;
}

static int
grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap) {
        return 1;
    }
    size_t n = *cap ? *cap : 64;
    while (n < need) {
        n *= 2;
    }
    void *q = realloc(*p, n * elem);
    if (q == NULL) {
        return 0;
    }
    *p = q;
    *cap = n;
    return 1;
}

/* A setter's failure is sticky (plugin.h): row_end() of the row reports it. */
static or_status
fail(struct or_rows *rows, or_status st)
{
    if (rows->failed == OR_OK) {
        rows->failed = st;
    }
    return st;
}

static or_status
row_begin(struct or_rows *rows)
{
    if (rows->failed != OR_OK) {
        return rows->failed;
    }
    if (rows->in_row) {
        return fail(rows, OR_ERR_INVALID);
    }
    /* +2: row_start also holds the end sentinel of the last row. */
    if (!grow((void **)&rows->row_start, &rows->cap_rows, rows->nrows + 2, sizeof(size_t))) {
        return fail(rows, OR_ERR_NOMEM);
    }
    rows->row_start[rows->nrows] = rows->ncells;
    rows->in_row = 1;
    return OR_OK;
}

/* The next cell, or NULL with the (sticky) reason in rows->failed.  The hot
 * path: one test for the common case, no status passed through memory. */
static struct or_cell *
new_cell(struct or_rows *rows, size_t col, enum or_type type)
{
    if (rows->failed != OR_OK || !rows->in_row || col >= rows->ncols) {
        fail(rows, OR_ERR_INVALID); /* keeps an earlier failure */
        return NULL;
    }
    if (rows->ncells == rows->cap_cells &&
        !grow((void **)&rows->cells, &rows->cap_cells, rows->ncells + 1, sizeof(struct or_cell))) {
        fail(rows, OR_ERR_NOMEM);
        return NULL;
    }
    struct or_cell *c = &rows->cells[rows->ncells++];
    c->col = (uint32_t)col;
    c->type = (uint8_t)type;
    c->i = 0;
    c->r = 0;
    c->text_off = 0;
    c->text_len = 0;
    return c;
}

static or_status
set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    if (s == NULL || len == 0) {
        /* NULL and "" are NULL (DESIGN.md §6): leave the column unset. */
        return rows->failed;
    }
    if (!grow((void **)&rows->arena, &rows->arena_cap, rows->arena_len + len + 1, 1)) {
        return fail(rows, OR_ERR_NOMEM);
    }
    struct or_cell *c = new_cell(rows, col, OR_TYPE_TEXT);
    if (c == NULL) {
        return rows->failed;
    }
    memcpy(rows->arena + rows->arena_len, s, len);
    rows->arena[rows->arena_len + len] = '\0';
    c->text_off = rows->arena_len;
    c->text_len = len;
    rows->arena_len += len + 1;
    return OR_OK;
}

static or_status
set_int(struct or_rows *rows, size_t col, int64_t v)
{
    struct or_cell *c = new_cell(rows, col, OR_TYPE_INT);
    if (c == NULL) {
        return rows->failed;
    }
    c->i = v;
    return OR_OK;
}

static or_status
set_real(struct or_rows *rows, size_t col, double v)
{
    struct or_cell *c = new_cell(rows, col, OR_TYPE_REAL);
    if (c == NULL) {
        return rows->failed;
    }
    c->r = v;
    return OR_OK;
}

static or_status
set_time(struct or_rows *rows, size_t col, int64_t t)
{
    struct or_cell *c = new_cell(rows, col, OR_TYPE_TIME);
    if (c == NULL) {
        return rows->failed;
    }
    c->i = t;
    return OR_OK;
}

static or_status
row_end(struct or_rows *rows)
{
    if (rows->failed != OR_OK) {
        return rows->failed;
    }
    if (!rows->in_row) {
        return fail(rows, OR_ERR_INVALID);
    }
    rows->nrows++;
    rows->row_start[rows->nrows] = rows->ncells;
    rows->in_row = 0;
    return OR_OK;
}

/* Columns discovered from the data (team_stats), on the parsing thread:
 * only the schema's declared part is read, a new column goes into this
 * page (rows.h, Threads). */
static or_status
rows_column(struct or_rows *rows, const char *name, enum or_type type, size_t *col)
{
    const struct or_schema *s = rows->schema;
    if (name == NULL || col == NULL) {
        return OR_ERR_INVALID;
    }
    for (size_t i = 0; i < s->fixed; i++) {
        if (strcmp(s->declared[i], name) == 0) {
            *col = i;
            return OR_OK;
        }
    }
    for (size_t j = 0; j < rows->nfound; j++) {
        if (strcmp(rows->found[j], name) == 0) {
            *col = s->fixed + j;
            return OR_OK;
        }
    }
    if (!s->dynamic || name[0] == '\0' || (unsigned)type >= OR_TYPE_COUNT) {
        return OR_ERR_INVALID;
    }
    if (rows->nfound == rows->cap_found) {
        rows->cap_found = rows->cap_found > 0 ? rows->cap_found * 2 : 16;
        rows->found = g_renew(char *, rows->found, rows->cap_found);
        rows->found_types = g_renew(enum or_type, rows->found_types, rows->cap_found);
    }
    rows->found[rows->nfound] = g_strdup(name);
    rows->found_types[rows->nfound] = type;
    *col = s->fixed + rows->nfound++;
    rows->ncols = *col + 1;
    return OR_OK;
}

void
or_rows_bind_host(struct or_host *h)
{
    h->row_begin = row_begin;
    h->set_text = set_text;
    h->set_int = set_int;
    h->set_real = set_real;
    h->set_time = set_time;
    h->row_end = row_end;
    h->rows_column = rows_column;
}
