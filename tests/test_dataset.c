/* SPDX-License-Identifier: MIT */
/* The dataset: typed tables, NULL rules, dynamic columns, transactions, cursors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <string.h>

#include "dataset/dataset.h"
#include "proc.h"
#include "plugin/host.h"
#include "dataset/rows.h"

static const struct or_column *const cols[] = {
    OR_COLUMN("id", OR_TYPE_TEXT, "id"),      OR_COLUMN("n", OR_TYPE_INT, "count"),
    OR_COLUMN("r", OR_TYPE_REAL, "ratio"),    OR_COLUMN("ok", OR_TYPE_BOOL, "flag"),
    OR_COLUMN("at", OR_TYPE_TIME, "instant"),
};

struct fixture {
    struct or_dataset *ds;
    struct or_schema *schema;
    struct or_host host;
    struct or_host_ctx ctx;
    struct or_rows rows;
};

static int
setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char err[OR_ERR_SIZE];
    assert_int_equal(or_dataset_new(&f->ds, err, sizeof(err)), OR_OK);
    f->schema = or_schema_new(cols, 5, 1);
    f->ctx.plugin_name = "test";
    or_host_init(&f->host, &f->ctx);
    or_rows_init(&f->rows, f->schema);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    or_rows_release(&f->rows);
    or_schema_free(f->schema);
    or_dataset_free(f->ds);
    free(f);
    return 0;
}

static void
add_row(struct fixture *f, const char *id, int64_t n, double r, int ok, int64_t at)
{
    const struct or_host *h = &f->host;
    assert_int_equal(h->row_begin(&f->rows), OR_OK);
    h->set_text(&f->rows, 0, id, id ? strlen(id) : 0);
    h->set_int(&f->rows, 1, n);
    h->set_real(&f->rows, 2, r);
    h->set_int(&f->rows, 3, ok);
    h->set_time(&f->rows, 4, at);
    assert_int_equal(h->row_end(&f->rows), OR_OK);
}

static void
typed_values_round_trip_with_declared_types(void **state)
{
    struct fixture *f = *state;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    add_row(f, "a", 42, 0.25, 1, 1700000000);
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);

    struct or_cursor *c = NULL;
    assert_int_equal(or_cursor_new(f->ds, "SELECT * FROM t", NULL, 0, &c, err, sizeof(err)), OR_OK);
    assert_int_equal(or_cursor_type(c, 0), OR_TYPE_TEXT);
    assert_int_equal(or_cursor_type(c, 1), OR_TYPE_INT);
    assert_int_equal(or_cursor_type(c, 2), OR_TYPE_REAL);
    assert_int_equal(or_cursor_type(c, 3), OR_TYPE_BOOL);
    assert_int_equal(or_cursor_type(c, 4), OR_TYPE_TIME);
    struct or_value v[5];
    assert_int_equal(test_next_row(c, v), 1);
    assert_string_equal(v[0].s, "a");
    assert_int_equal(v[1].i, 42);
    assert_true(v[2].r == 0.25);
    assert_int_equal(v[3].i, 1);
    assert_int_equal(v[4].i, 1700000000);
    assert_int_equal(test_next_row(c, v), 0);
    or_cursor_free(c);
}

static void
empty_text_and_unset_columns_are_null(void **state)
{
    struct fixture *f = *state;
    const struct or_host *h = &f->host;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    h->row_begin(&f->rows);
    h->set_text(&f->rows, 0, "", 0);
    h->set_text(&f->rows, 0, NULL, 0);
    h->row_end(&f->rows);
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    struct or_cursor *c = NULL;
    assert_int_equal(or_cursor_new(f->ds,
                                   "SELECT count(*) FROM t WHERE id IS NULL AND n IS NULL "
                                   "AND r IS NULL AND ok IS NULL AND at IS NULL",
                                   NULL, 0, &c, err, sizeof(err)),
                     OR_OK);
    struct or_value v[1];
    assert_int_equal(test_next_row(c, v), 1);
    assert_int_equal(v[0].i, 1);
    or_cursor_free(c);
}

/* A value set as another type than its column's is stored as the column's
 * type (coerce.h), so SQL sees what a stream would hand out, not text that
 * SQLite's affinity left alone. */
static void
values_of_another_type_are_stored_as_their_columns_type(void **state)
{
    struct fixture *f = *state;
    const struct or_host *h = &f->host;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    h->row_begin(&f->rows);
    h->set_int(&f->rows, 0, 42);                /* id TEXT */
    h->set_text(&f->rows, 1, "12abc", 5);       /* n INT */
    h->set_text(&f->rows, 2, "hello", 5);       /* r REAL */
    h->set_real(&f->rows, 3, 1.0);              /* ok BOOL */
    h->set_text(&f->rows, 4, "1700000000", 10); /* at TIME */
    h->row_end(&f->rows);
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    struct or_cursor *c = NULL;
    assert_int_equal(
        or_cursor_new(f->ds,
                      "SELECT typeof(id) || ',' || typeof(n) || ',' || typeof(r) || ','"
                      " || typeof(ok) || ',' || typeof(at), id, n, r, ok, at FROM t",
                      NULL, 0, &c, err, sizeof(err)),
        OR_OK);
    struct or_value v[6];
    assert_int_equal(test_next_row(c, v), 1);
    assert_string_equal(v[0].s, "text,integer,real,integer,integer");
    assert_string_equal(v[1].s, "42");
    assert_int_equal(v[2].i, 12);
    assert_true(v[3].r == 0.0);
    assert_int_equal(v[4].i, 1);
    assert_int_equal(v[5].i, 1700000000);
    or_cursor_free(c);
}

static void
discovered_columns_are_added_to_the_table(void **state)
{
    struct fixture *f = *state;
    const struct or_host *h = &f->host;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    add_row(f, "a", 1, 1, 0, 0);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    or_rows_reset(&f->rows);
    h->row_begin(&f->rows);
    size_t col = 0;
    assert_int_equal(h->rows_column(&f->rows, "meeting_booked", OR_TYPE_INT, &col), OR_OK);
    assert_int_equal(col, 5);
    col = 0;
    assert_int_equal(h->rows_column(&f->rows, "meeting_booked", OR_TYPE_INT, &col), OR_OK);
    assert_int_equal(col, 5);
    h->set_int(&f->rows, col, 7);
    h->row_end(&f->rows);
    or_rows_settle(&f->rows, f->schema);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    struct or_cursor *c = NULL;
    assert_int_equal(or_cursor_new(f->ds, "SELECT sum(meeting_booked), count(*) FROM t", NULL, 0,
                                   &c, err, sizeof(err)),
                     OR_OK);
    struct or_value v[2];
    assert_int_equal(test_next_row(c, v), 1);
    assert_int_equal(v[0].i, 7);
    assert_int_equal(v[1].i, 2);
    or_cursor_free(c);
}

static void
rolled_back_table_has_no_rows(void **state)
{
    struct fixture *f = *state;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    add_row(f, "a", 1, 1, 0, 0);
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_count(w), 1);
    assert_int_equal(or_table_writer_close(w, 0, err, sizeof(err)), OR_OK);
    /* A table is complete or absent: rolled back, it is gone. */
    int64_t n = -1;
    assert_int_equal(or_dataset_count(f->ds, "t", &n, err, sizeof(err)), OR_ERR_DATASET);
    assert_non_null(strstr(err, "no such table"));
}

static void
identifiers_with_quotes_are_safe(void **state)
{
    struct fixture *f = *state;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    const struct or_column *const odd[] = {OR_COLUMN("we\"ird; DROP TABLE x", OR_TYPE_TEXT, NULL)};
    struct or_schema *s = or_schema_new(odd, 1, 0);
    assert_int_equal(or_table_writer_open(f->ds, "t\"2", s, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    int64_t n = -1;
    assert_int_equal(or_dataset_count(f->ds, "t\"2", &n, err, sizeof(err)), OR_OK);
    assert_int_equal(n, 0);
    or_schema_free(s);
}

/* Five rows of t: ids r0..r4 (r2's text NULL), n = 0..4 with one NULL. */
static void
fill_five(struct fixture *f)
{
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    static const char *const ids[] = {"r0", "r1", NULL, "r3", "r4"};
    for (int i = 0; i < 5; i++) {
        add_row(f, ids[i], i, i / 4.0, i % 2, 1700000000 + i);
    }
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
}

/* Every row of @p c as text, "id|n|type-of-e;" per row. */
static char *
rows_of(struct or_cursor *c)
{
    GString *out = g_string_new(NULL);
    struct or_value v[3];
    while (test_next_row(c, v)) {
        g_string_append_printf(out, "%s|%s|%d;", v[0].is_null ? "NULL" : v[0].s,
                               v[1].is_null ? "NULL" : "n", (int)v[2].type);
        assert_int_equal(or_cursor_type(c, 2), v[2].type);
    }
    return g_string_free(out, FALSE);
}

static const char *const mixed_sql =
    "SELECT id, n, CASE WHEN n % 2 = 0 THEN n ELSE 'odd' END AS e FROM t ORDER BY n DESC";

static void
buffered_rows_equal_stepped_rows(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *plain = NULL, *c = NULL;
    int64_t nrows = 0;
    fill_five(f);
    assert_int_equal(or_cursor_new(f->ds, mixed_sql, NULL, 0, &plain, err, sizeof(err)), OR_OK);
    assert_int_equal(or_cursor_new(f->ds, mixed_sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    assert_false(or_cursor_untyped(c, 0));
    assert_true(or_cursor_untyped(c, 2));
    char *want = rows_of(plain);
    assert_int_equal(or_cursor_buffer(c, 5, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    assert_int_equal(nrows, 5);
    char *got = rows_of(c);
    assert_string_equal(got, want);
    g_free(got);
    /* Rewinding serves them again; buffering twice is a no-op. */
    assert_int_equal(or_cursor_rewind(c), OR_OK);
    got = rows_of(c);
    assert_string_equal(got, want);
    g_free(got);
    assert_int_equal(or_cursor_buffer(c, 5, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    assert_int_equal(nrows, 5);
    g_free(want);
    or_cursor_free(plain);
    or_cursor_free(c);
}

static void
shared_cursors_step_on_their_own(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    struct or_value v[3];
    int64_t nrows = 0;
    fill_five(f);
    assert_int_equal(or_cursor_new(f->ds, mixed_sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    assert_null(or_cursor_share(c)); /* not buffered yet */
    assert_int_equal(or_cursor_buffer(c, 10, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    struct or_cursor *d = or_cursor_share(c);
    assert_non_null(d);
    assert_null(or_cursor_stmt(d));
    assert_int_equal(or_cursor_ncols(d), 3);
    assert_string_equal(or_cursor_name(d, 2), "e");
    assert_int_equal(test_next_row(c, v), 1);
    assert_int_equal(test_next_row(c, v), 1);
    char *want = NULL;
    assert_int_equal(or_cursor_rewind(c), OR_OK);
    want = rows_of(c);
    /* The copy starts at the first row whatever the original did, and
     * outlives it. */
    or_cursor_free(c);
    char *got = rows_of(d);
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);
    or_cursor_free(d);
}

static void
too_many_rows_are_not_buffered(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    int64_t nrows = 0;
    fill_five(f);
    assert_int_equal(or_cursor_new(f->ds, mixed_sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    assert_int_equal(or_cursor_buffer(c, 4, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    assert_int_equal(nrows, -1);
    assert_null(or_cursor_share(c));
    /* Too many bytes: five rows of three values do not fit in 100. */
    assert_int_equal(or_cursor_buffer(c, 100, 100, &nrows, err, sizeof(err)), OR_OK);
    assert_int_equal(nrows, -1);
    /* The cursor still steps every row from the first. */
    char *got = rows_of(c);
    char *want = g_strdup_printf("r4|n|%d;r3|n|%d;NULL|n|%d;r1|n|%d;r0|n|%d;", OR_TYPE_INT,
                                 OR_TYPE_TEXT, OR_TYPE_INT, OR_TYPE_TEXT, OR_TYPE_INT);
    assert_string_equal(got, want);
    g_free(want);
    g_free(got);
    or_cursor_free(c);
}

static void
empty_results_are_buffered(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    struct or_value v[3];
    int64_t nrows = 5;
    fill_five(f);
    assert_int_equal(
        or_cursor_new(f->ds, "SELECT id, n, r FROM t WHERE n > 99", NULL, 0, &c, err, sizeof(err)),
        OR_OK);
    assert_int_equal(or_cursor_buffer(c, 10, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    assert_int_equal(nrows, 0);
    assert_int_equal(test_next_row(c, v), 0);
    assert_int_equal(or_cursor_rewind(c), OR_OK);
    assert_int_equal(test_next_row(c, v), 0);
    or_cursor_free(c);
}

static void
a_failing_step_is_an_error(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE] = "";
    struct or_cursor *c = NULL;
    int64_t nrows = 0;
    fill_five(f);
    /* abs() of the smallest integer overflows when the row is stepped. */
    assert_int_equal(or_cursor_new(f->ds, "SELECT abs(-9223372036854775807 - 1 + n * 0) FROM t",
                                   NULL, 0, &c, err, sizeof(err)),
                     OR_OK);
    assert_int_equal(or_cursor_buffer(c, 10, 1 << 20, &nrows, err, sizeof(err)), OR_ERR_DATASET);
    assert_int_equal(nrows, -1);
    assert_non_null(strstr(err, "integer overflow"));
    or_cursor_free(c);
}

/* @p n rows: ids "r0".."r<n-1>", n descending, so ORDER BY n sorts them. */
static void
fill_many(struct fixture *f, int n)
{
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    for (int i = 0; i < n; i++) {
        char id[16];
        g_snprintf(id, sizeof(id), "r%d", i);
        add_row(f, id, n - i, i / 8.0, i % 2, 1700000000 + i);
    }
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
}

static void
read_ahead_rows_equal_stepped_rows(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *plain = NULL, *c = NULL;
    const char *sql = "SELECT id, n, CASE WHEN n % 3 = 0 THEN n ELSE 'x' END FROM t ORDER BY n";
    fill_many(f, 1000); /* several batches */
    assert_int_equal(or_cursor_new(f->ds, sql, NULL, 0, &plain, err, sizeof(err)), OR_OK);
    assert_int_equal(or_cursor_new(f->ds, sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    char *want = rows_of(plain);
    or_cursor_read_ahead(c);
    /* Rewinding before the first row keeps what the thread stepped. */
    assert_int_equal(or_cursor_rewind(c), OR_OK);
    char *got = rows_of(c);
    assert_string_equal(got, want);
    g_free(got);
    /* Done stays done; rewinding starts over. */
    struct or_value v[3];
    assert_int_equal(test_next_row(c, v), 0);
    assert_int_equal(or_cursor_rewind(c), OR_OK);
    got = rows_of(c);
    assert_string_equal(got, want);
    g_free(got);
    /* Rewound in the middle of a batch, and again in a later one. */
    for (int stop = 1; stop <= 700; stop += 699) {
        assert_int_equal(or_cursor_rewind(c), OR_OK);
        for (int i = 0; i < stop; i++) {
            assert_int_equal(test_next_row(c, v), 1);
        }
        assert_int_equal(or_cursor_rewind(c), OR_OK);
        got = rows_of(c);
        assert_string_equal(got, want);
        g_free(got);
    }
    g_free(want);
    or_cursor_free(plain);
    or_cursor_free(c);
}

static void
read_ahead_text_lives_until_the_next_step(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    struct or_value v[1];
    fill_many(f, 600);
    assert_int_equal(or_cursor_new(f->ds, "SELECT id FROM t", NULL, 0, &c, err, sizeof(err)),
                     OR_OK);
    or_cursor_read_ahead(c);
    for (int i = 0; i < 600; i++) {
        char want[16];
        g_snprintf(want, sizeof(want), "r%d", i);
        assert_int_equal(test_next_row(c, v), 1);
        assert_string_equal(v[0].s, want);
        assert_int_equal(v[0].len, strlen(want));
    }
    assert_int_equal(test_next_row(c, v), 0);
    or_cursor_free(c);
}

static void
read_ahead_stops_when_freed_early(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL, *d = NULL;
    struct or_value v[5];
    fill_many(f, 3000);
    /* Freed unread, and freed after a few rows: the thread is stopped and
     * every batch it stepped is freed. */
    assert_int_equal(or_cursor_new(f->ds, "SELECT * FROM t", NULL, 0, &c, err, sizeof(err)), OR_OK);
    or_cursor_read_ahead(c);
    or_cursor_free(c);
    assert_int_equal(or_cursor_new(f->ds, "SELECT * FROM t", NULL, 0, &d, err, sizeof(err)), OR_OK);
    or_cursor_read_ahead(d);
    or_cursor_read_ahead(d); /* twice is once */
    assert_int_equal(test_next_row(d, v), 1);
    assert_int_equal(test_next_row(d, v), 1);
    or_cursor_free(d);
}

static void
read_ahead_reports_a_failing_step(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    struct or_value v[1];
    fill_many(f, 400);
    /* The 301st row overflows. */
    assert_int_equal(or_cursor_new(f->ds,
                                   "SELECT CASE WHEN n > 100 THEN n "
                                   "ELSE abs(-9223372036854775807 - 1 + n * 0) END FROM t",
                                   NULL, 0, &c, err, sizeof(err)),
                     OR_OK);
    or_cursor_read_ahead(c);
    int rows = 0, has_row = 1;
    or_status st = OR_OK;
    while (st == OR_OK && has_row) {
        st = or_cursor_next(c, v, &has_row);
        rows += st == OR_OK && has_row;
    }
    assert_int_equal(st, OR_ERR_DATASET);
    assert_int_equal(rows, 300);
    or_cursor_free(c);
}

static void
buffered_cursors_do_not_read_ahead(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    int64_t nrows = 0;
    fill_five(f);
    assert_int_equal(or_cursor_new(f->ds, mixed_sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    assert_int_equal(or_cursor_buffer(c, 10, 1 << 20, &nrows, err, sizeof(err)), OR_OK);
    or_cursor_read_ahead(c);
    char *got = rows_of(c);
    char *want = g_strdup_printf("r4|n|%d;r3|n|%d;NULL|n|%d;r1|n|%d;r0|n|%d;", OR_TYPE_INT,
                                 OR_TYPE_TEXT, OR_TYPE_INT, OR_TYPE_TEXT, OR_TYPE_INT);
    assert_string_equal(got, want);
    g_free(got);
    g_free(want);
    or_cursor_free(c);
}

static char *
ids_in_order(struct fixture *f, const char *sql)
{
    char err[OR_ERR_SIZE];
    struct or_cursor *c = NULL;
    struct or_value v[1];
    GString *out = g_string_new(NULL);
    assert_int_equal(or_cursor_new(f->ds, sql, NULL, 0, &c, err, sizeof(err)), OR_OK);
    while (test_next_row(c, v)) {
        g_string_append_printf(out, "%s,", v[0].s);
    }
    or_cursor_free(c);
    return g_string_free(out, FALSE);
}

static void
an_index_keeps_the_order_of_equal_keys(void **state)
{
    struct fixture *f = *state;
    struct or_table_writer *w = NULL;
    char err[OR_ERR_SIZE];
    /* n has ties; ids say which row came first. */
    static const int64_t ns[] = {2, 1, 2, 3, 1, 2};
    for (int i = 0; i < 6; i++) {
        char id[8];
        g_snprintf(id, sizeof(id), "r%d", i);
        add_row(f, id, ns[i], 0, 0, 1700000000 - i);
    }
    assert_int_equal(or_table_writer_open(f->ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &f->rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    const char *const sql[] = {"SELECT id FROM t ORDER BY n DESC", "SELECT id FROM t ORDER BY n",
                               "SELECT id FROM t ORDER BY n DESC, at"};
    char *sorted[3];
    for (int i = 0; i < 3; i++) {
        sorted[i] = ids_in_order(f, sql[i]);
    }
    const char *const cols1[] = {"n", NULL}, *const cols2[] = {"n", "at", NULL};
    const int desc1[] = {1}, desc2[] = {1, 0};
    char *name1 = NULL, *name2 = NULL, *again = NULL;
    assert_int_equal(or_dataset_index(f->ds, "t", cols1, desc1, &name1, err, sizeof(err)), OR_OK);
    assert_int_equal(or_dataset_index(f->ds, "t", cols1, desc1, &again, err, sizeof(err)), OR_OK);
    assert_string_equal(again, name1);
    g_free(again);
    assert_int_equal(or_dataset_index(f->ds, "t", cols2, desc2, &name2, err, sizeof(err)), OR_OK);
    /* Walked in its own directions an index gives equal keys in insertion
     * order, as the sort does (walked backwards, for ORDER BY n, it would not). */
    for (int i = 0; i < 3; i += 2) {
        char *indexed = ids_in_order(f, sql[i]);
        assert_string_equal(indexed, sorted[i]);
        g_free(indexed);
    }
    const char *count_sql = "SELECT CAST(count(*) AS TEXT) FROM sqlite_master WHERE type = 'index'";
    char *n = ids_in_order(f, count_sql);
    assert_string_equal(n, "2,");
    g_free(n);
    assert_int_equal(or_dataset_drop_index(f->ds, name1, err, sizeof(err)), OR_OK);
    assert_int_equal(or_dataset_drop_index(f->ds, name2, err, sizeof(err)), OR_OK);
    assert_int_equal(or_dataset_drop_index(f->ds, name2, err, sizeof(err)), OR_OK);
    n = ids_in_order(f, count_sql);
    assert_string_equal(n, "0,");
    g_free(n);
    for (int i = 0; i < 3; i++) {
        char *plain = ids_in_order(f, sql[i]);
        assert_string_equal(plain, sorted[i]);
        g_free(plain);
        g_free(sorted[i]);
    }
    g_free(name1);
    g_free(name2);
    const char *const missing[] = {"no_such_column", NULL};
    assert_int_equal(or_dataset_index(f->ds, "t", missing, desc1, &name1, err, sizeof(err)),
                     OR_ERR_DATASET);
    assert_null(name1);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(typed_values_round_trip_with_declared_types, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(empty_text_and_unset_columns_are_null, setup, teardown),
        cmocka_unit_test_setup_teardown(values_of_another_type_are_stored_as_their_columns_type,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(discovered_columns_are_added_to_the_table, setup, teardown),
        cmocka_unit_test_setup_teardown(rolled_back_table_has_no_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(identifiers_with_quotes_are_safe, setup, teardown),
        cmocka_unit_test_setup_teardown(buffered_rows_equal_stepped_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(shared_cursors_step_on_their_own, setup, teardown),
        cmocka_unit_test_setup_teardown(too_many_rows_are_not_buffered, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_results_are_buffered, setup, teardown),
        cmocka_unit_test_setup_teardown(a_failing_step_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(read_ahead_rows_equal_stepped_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(read_ahead_text_lives_until_the_next_step, setup, teardown),
        cmocka_unit_test_setup_teardown(read_ahead_stops_when_freed_early, setup, teardown),
        cmocka_unit_test_setup_teardown(read_ahead_reports_a_failing_step, setup, teardown),
        cmocka_unit_test_setup_teardown(buffered_cursors_do_not_read_ahead, setup, teardown),
        cmocka_unit_test_setup_teardown(an_index_keeps_the_order_of_equal_keys, setup, teardown),
    };
    return cmocka_run_group_tests_name("dataset", tests, NULL, NULL);
}
