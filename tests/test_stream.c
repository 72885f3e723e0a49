/* SPDX-License-Identifier: MIT */
/*
 * The stream `outreport fetch` hands pages through to a renderer: values
 * typed exactly as the dataset would read them back, page order, bounded
 * queue, and each side stopping the other without a deadlock.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "dataset/dataset.h"
#include "proc.h"
#include "plugin/host.h"
#include "dataset/rows.h"
#include "fetch/stream.h"

static const struct or_column *const cols[] = {
    OR_COLUMN("t", OR_TYPE_TEXT, NULL),  OR_COLUMN("n", OR_TYPE_INT, NULL),
    OR_COLUMN("r", OR_TYPE_REAL, NULL),  OR_COLUMN("b", OR_TYPE_BOOL, NULL),
    OR_COLUMN("at", OR_TYPE_TIME, NULL),
};
#define NCOLS 5

struct fixture {
    struct or_schema *schema;
    struct or_host host;
    struct or_host_ctx ctx;
};

static int
setup(void **state)
{
    struct fixture *f = g_new0(struct fixture, 1);
    f->schema = or_schema_new(cols, NCOLS, 0);
    f->ctx.plugin_name = "test";
    or_host_init(&f->host, &f->ctx);
    *state = f;
    return 0;
}

static int
teardown(void **state)
{
    struct fixture *f = *state;
    or_schema_free(f->schema);
    g_free(f);
    return 0;
}

/* Every kind of value into every kind of column, as a provider might set it. */
static void
fill_mixed(const struct or_host *h, struct or_rows *rows)
{
    static const char *const texts[] = {"hello", "42", "-7", "3.75", "12abc", "x", "1e3"};
    static const double reals[] = {0.1, 2.0, -3.5, 1e20, 123456789.125, 0.0};
    static const int64_t ints[] = {0, 1, -1, 42, INT64_C(1700000000), INT64_C(-9007199254740993)};
    for (size_t c = 0; c < NCOLS; c++) {
        for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
            h->row_begin(rows);
            h->set_text(rows, c, texts[i], strlen(texts[i]));
            h->row_end(rows);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(reals); i++) {
            h->row_begin(rows);
            h->set_real(rows, c, reals[i]);
            h->row_end(rows);
        }
        for (size_t i = 0; i < G_N_ELEMENTS(ints); i++) {
            h->row_begin(rows);
            h->set_int(rows, c, ints[i]);
            h->row_end(rows);
            h->row_begin(rows);
            h->set_time(rows, c, ints[i]);
            h->row_end(rows);
        }
    }
    h->row_begin(rows); /* a row of NULLs */
    h->row_end(rows);
}

static void
assert_same_value(const struct or_value *a, const struct or_value *b, size_t row, size_t col)
{
    if (a->type != b->type || a->is_null != b->is_null) {
        fail_msg("row %zu col %zu: type %d/%d null %d/%d", row, col, a->type, b->type, a->is_null,
                 b->is_null);
    }
    if (a->is_null) {
        return;
    }
    switch (a->type) {
    case OR_TYPE_TEXT:
        if (a->len != b->len || memcmp(a->s, b->s, a->len) != 0) {
            fail_msg("row %zu col %zu: text '%s' (dataset) vs '%s' (stream)", row, col, a->s, b->s);
        }
        break;
    case OR_TYPE_REAL:
        if (a->r != b->r) {
            fail_msg("row %zu col %zu: real %.17g vs %.17g", row, col, a->r, b->r);
        }
        break;
    default:
        if (a->i != b->i) {
            fail_msg("row %zu col %zu: int %lld vs %lld", row, col, (long long)a->i,
                     (long long)b->i);
        }
        break;
    }
}

static void
values_match_what_the_dataset_reads_back_for_every_type_pairing(void **state)
{
    struct fixture *f = *state;
    char err[OR_ERR_SIZE];
    struct or_rows rows;
    or_rows_init(&rows, f->schema);
    fill_mixed(&f->host, &rows);
    size_t nrows = rows.nrows;

    struct or_dataset *ds = NULL;
    struct or_table_writer *w = NULL;
    struct or_cursor *dc = NULL;
    assert_int_equal(or_dataset_new(&ds, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_open(ds, "t", f->schema, &w, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_write(w, &rows, err, sizeof(err)), OR_OK);
    assert_int_equal(or_table_writer_close(w, 1, err, sizeof(err)), OR_OK);
    assert_int_equal(
        or_cursor_new(ds, "SELECT * FROM t ORDER BY rowid", NULL, 0, &dc, err, sizeof(err)), OR_OK);

    struct or_stream *s = or_stream_new(f->schema, 4);
    assert_int_equal(or_stream_put(s, &rows, err, sizeof(err)), OR_OK);
    assert_int_equal(rows.nrows, 0); /* taken over */
    or_stream_finish(s, OR_OK);
    struct or_cursor *sc = or_stream_cursor(s);
    assert_int_equal(or_cursor_rewind(sc), OR_OK);

    struct or_value a[NCOLS], b[NCOLS];
    for (size_t r = 0; r < nrows; r++) {
        assert_int_equal(test_next_row(dc, a), 1);
        assert_int_equal(test_next_row(sc, b), 1);
        for (size_t c = 0; c < NCOLS; c++) {
            assert_same_value(&a[c], &b[c], r, c);
        }
    }
    assert_int_equal(test_next_row(dc, a), 0);
    assert_int_equal(test_next_row(sc, b), 0);
    assert_int_equal(or_stream_rows_read(s), (int64_t)nrows);
    /* Rows once read are gone: a second pass is refused, not silently empty. */
    assert_int_not_equal(or_cursor_rewind(sc), OR_OK);
    /* The stream's cursor is the stream's: freeing it leaves the stream alone. */
    or_cursor_free(sc);

    or_stream_free(s);
    or_cursor_free(dc);
    or_dataset_free(ds);
    or_rows_release(&rows);
}

/* ---- a producer thread against the consumer ---------------------------- */

struct producer {
    struct or_stream *s;
    const struct or_host *h;
    struct or_schema *schema;
    int pages;
    int fail_after;   /* finish with an error after this many pages; -1 never */
    or_status put_st; /* first failed put */
    int pages_put;
};

static gpointer
produce(gpointer data)
{
    struct producer *p = data;
    struct or_rows rows;
    char err[OR_ERR_SIZE];
    or_rows_init(&rows, p->schema);
    p->put_st = OR_OK;
    for (int page = 0; page < p->pages; page++) {
        if (page == p->fail_after) {
            or_stream_finish(p->s, OR_ERR_HTTP);
            or_rows_release(&rows);
            return NULL;
        }
        for (int i = 0; i < 10; i++) {
            p->h->row_begin(&rows);
            p->h->set_int(&rows, 1, page * 10 + i);
            p->h->row_end(&rows);
        }
        or_status st = or_stream_put(p->s, &rows, err, sizeof(err));
        if (st != OR_OK) {
            p->put_st = st;
            break;
        }
        p->pages_put++;
    }
    or_stream_finish(p->s, p->put_st);
    or_rows_release(&rows);
    return NULL;
}

static void
rows_arrive_in_page_order_through_a_bounded_queue(void **state)
{
    struct fixture *f = *state;
    struct producer p = {or_stream_new(f->schema, 2), &f->host, f->schema, 200, -1, OR_OK, 0};
    GThread *t = g_thread_new("producer", produce, &p);
    struct or_value v[NCOLS];
    int64_t n = 0;
    while (test_next_row(or_stream_cursor(p.s), v) == 1) {
        assert_false(v[1].is_null);
        assert_int_equal(v[1].i, n);
        assert_true(v[0].is_null);
        n++;
    }
    assert_int_equal(n, 2000);
    or_stream_close(p.s);
    g_thread_join(t);
    assert_false(or_stream_closed_early(p.s));
    assert_false(or_stream_refused(p.s));
    assert_int_equal(p.put_st, OR_OK);
    or_stream_free(p.s);
}

static void
a_failed_fetch_makes_the_next_step_fail_not_end(void **state)
{
    struct fixture *f = *state;
    struct producer p = {or_stream_new(f->schema, 2), &f->host, f->schema, 50, 7, OR_OK, 0};
    GThread *t = g_thread_new("producer", produce, &p);
    struct or_value v[NCOLS];
    int has_row = 1;
    or_status st = OR_OK;
    int64_t n = 0;
    while (st == OR_OK && has_row) {
        st = or_cursor_next(or_stream_cursor(p.s), v, &has_row);
        n += st == OR_OK && has_row;
    }
    /* The fetch's error, never the end: a renderer must not take a short
     * table for a complete one. */
    assert_int_equal(st, OR_ERR_HTTP);
    assert_true(n <= 70);
    or_stream_close(p.s);
    g_thread_join(t);
    or_stream_free(p.s);
}

static void
a_closed_stream_refuses_the_blocked_producer_instead_of_deadlocking(void **state)
{
    struct fixture *f = *state;
    struct producer p = {or_stream_new(f->schema, 2), &f->host, f->schema, 100000, -1, OR_OK, 0};
    GThread *t = g_thread_new("producer", produce, &p);
    struct or_value v[NCOLS];
    for (int i = 0; i < 25; i++) {
        assert_int_equal(test_next_row(or_stream_cursor(p.s), v), 1);
    }
    or_stream_close(p.s); /* the renderer failed, e.g. the disk is full */
    g_thread_join(t);
    assert_int_equal(p.put_st, OR_ERR_RENDER);
    assert_true(or_stream_refused(p.s));
    assert_true(or_stream_closed_early(p.s));
    assert_true(p.pages_put < 10);
    or_stream_free(p.s);
}

static int end_calls;

static void
count_end(void *ud)
{
    (void)ud;
    end_calls++;
}

static void
the_end_hook_runs_once_before_the_last_step_returns(void **state)
{
    struct fixture *f = *state;
    struct or_stream *s = or_stream_new(f->schema, 4);
    struct or_value v[NCOLS];
    end_calls = 0;
    or_stream_on_end(s, count_end, NULL);
    or_stream_finish(s, OR_OK);
    assert_int_equal(test_next_row(or_stream_cursor(s), v), 0);
    assert_int_equal(end_calls, 1);
    assert_int_equal(test_next_row(or_stream_cursor(s), v), 0);
    assert_int_equal(end_calls, 1);
    or_stream_free(s);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            values_match_what_the_dataset_reads_back_for_every_type_pairing, setup, teardown),
        cmocka_unit_test_setup_teardown(rows_arrive_in_page_order_through_a_bounded_queue, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(a_failed_fetch_makes_the_next_step_fail_not_end, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            a_closed_stream_refuses_the_blocked_producer_instead_of_deadlocking, setup, teardown),
        cmocka_unit_test_setup_teardown(the_end_hook_runs_once_before_the_last_step_returns, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
