/* SPDX-License-Identifier: MIT */
/*
 * The row sink under concurrency: pages of an endpoint with dynamic columns
 * are parsed on many threads at once while one thread settles finished pages
 * into the shared schema, as the fetch loop does.  Every discovered column
 * must end up in the schema exactly once, every value under its own column,
 * and the columns in the same order however the pages were parsed.
 *
 * It drives the row sink through the host table's entries (or_rows_bind_host),
 * and links nothing else of the core, so that tests/meson.build can also
 * build it with ThreadSanitizer (rows_tsan).  Threads and locks are pthread's,
 * which ThreadSanitizer understands.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dataset/rows.h"

#define THREADS 8
#define PAGES_PER_THREAD 24
#define ROWS_PER_PAGE 16
#define SHARED_NAMES 40

static const struct or_column *const declared[] = {
    OR_COLUMN("user_id", OR_TYPE_TEXT, "declared"),
    OR_COLUMN("total", OR_TYPE_INT, "declared"),
};

static struct or_host host;

/* Column name number @p k as a page discovers it: shared names, plus one per page. */
static void
name_of(int k, int page, char *buf, size_t n)
{
    if (k < SHARED_NAMES) {
        snprintf(buf, n, "metric_%02d", k);
    }
    else {
        snprintf(buf, n, "page_%03d_only", page);
    }
}

/* The number a cell of column name @p name holds, so a settled cell can be
 * checked against the name of the column it landed in. */
static int64_t
value_of(const char *name)
{
    int64_t v = 0;
    for (const char *p = name; *p != '\0'; p++) {
        v = (v * 31 + (unsigned char)*p) % 1000000007; /* a hash that stays in range */
    }
    return v;
}

/* Parses page @p page: every row asks for the shared names in an order that
 * depends on the page, and for one name of its own. */
static void
parse_page(struct or_rows *rows, int page)
{
    char name[64];
    for (int r = 0; r < ROWS_PER_PAGE; r++) {
        assert_int_equal(host.row_begin(rows), OR_OK);
        assert_int_equal(host.set_text(rows, 0, "u", 1), OR_OK);
        for (int i = 0; i <= SHARED_NAMES; i++) {
            int k = (i * 7 + page * 13 + r) % (SHARED_NAMES + 1);
            name_of(k, page, name, sizeof(name));
            size_t col = 0;
            assert_int_equal(host.rows_column(rows, name, OR_TYPE_INT, &col), OR_OK);
            assert_int_equal(host.set_int(rows, col, value_of(name)), OR_OK);
        }
        assert_int_equal(host.row_end(rows), OR_OK);
    }
}

/* Finished pages, handed from the parsing threads to the settling one. */
struct queue {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct or_rows *done[THREADS * PAGES_PER_THREAD];
    int ndone;
    int go; /* the parsers start together */
    struct or_schema *schema;
};

struct worker {
    struct queue *q;
    int first_page;
};

static void *
parse_thread(void *arg)
{
    struct worker *w = arg;
    struct queue *q = w->q;
    pthread_mutex_lock(&q->lock);
    while (!q->go) {
        pthread_cond_wait(&q->cond, &q->lock);
    }
    pthread_mutex_unlock(&q->lock);
    for (int p = 0; p < PAGES_PER_THREAD; p++) {
        struct or_rows *rows = malloc(sizeof(*rows));
        or_rows_init(rows, q->schema);
        parse_page(rows, w->first_page + p);
        pthread_mutex_lock(&q->lock);
        q->done[q->ndone++] = rows;
        pthread_cond_signal(&q->cond);
        pthread_mutex_unlock(&q->lock);
    }
    return NULL;
}

/* Every cell of @p rows (settled) sits in the column its value names. */
static void
expect_cells_in_their_columns(const struct or_rows *rows, const struct or_schema *s)
{
    for (size_t k = 0; k < rows->ncells; k++) {
        const struct or_cell *c = &rows->cells[k];
        assert_true(c->col < s->ncols);
        if (c->type == OR_TYPE_INT) {
            assert_int_equal(c->i, value_of(s->cols[c->col].name));
        }
    }
}

static void
many_threads_discover_columns_while_pages_are_settled(void **state)
{
    (void)state;
    struct queue q = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    q.schema = or_schema_new(declared, 2, 1);
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    for (int t = 0; t < THREADS; t++) {
        workers[t] = (struct worker){&q, t * PAGES_PER_THREAD};
        assert_int_equal(pthread_create(&threads[t], NULL, parse_thread, &workers[t]), 0);
    }
    pthread_mutex_lock(&q.lock);
    q.go = 1;
    pthread_cond_broadcast(&q.cond);
    /* Settle each page as it comes, while the others are still parsing. */
    for (int settled = 0; settled < THREADS * PAGES_PER_THREAD; settled++) {
        while (q.ndone <= settled) {
            pthread_cond_wait(&q.cond, &q.lock);
        }
        struct or_rows *rows = q.done[settled];
        pthread_mutex_unlock(&q.lock);
        or_rows_settle(rows, q.schema);
        expect_cells_in_their_columns(rows, q.schema);
        pthread_mutex_lock(&q.lock);
    }
    pthread_mutex_unlock(&q.lock);
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
    }

    /* The declared columns, each shared name once, each page's own name once. */
    const struct or_schema *s = q.schema;
    assert_int_equal(s->ncols, 2 + SHARED_NAMES + THREADS * PAGES_PER_THREAD);
    assert_string_equal(s->cols[0].name, "user_id");
    assert_string_equal(s->cols[1].name, "total");
    for (size_t i = 0; i < s->ncols; i++) {
        for (size_t j = i + 1; j < s->ncols; j++) {
            if (strcmp(s->cols[i].name, s->cols[j].name) == 0) {
                fail_msg("column %s twice (%zu and %zu)", s->cols[i].name, i, j);
            }
        }
    }
    for (int i = 0; i < THREADS * PAGES_PER_THREAD; i++) {
        or_rows_release(q.done[i]);
        free(q.done[i]);
    }
    or_schema_free(q.schema);
}

/* The columns' order follows the pages' order, not the order they were parsed in. */
static void
columns_follow_page_order_whatever_the_parse_order(void **state)
{
    (void)state;
    enum { N = 6 };
    struct or_schema *in_order = or_schema_new(declared, 2, 1);
    struct or_schema *reversed = or_schema_new(declared, 2, 1);
    struct or_rows a[N], b[N];
    for (int p = 0; p < N; p++) {
        or_rows_init(&a[p], in_order);
        parse_page(&a[p], p);
    }
    for (int p = N - 1; p >= 0; p--) {
        or_rows_init(&b[p], reversed);
        parse_page(&b[p], p);
    }
    for (int p = 0; p < N; p++) {
        or_rows_settle(&a[p], in_order);
        or_rows_settle(&b[p], reversed);
    }
    assert_int_equal(in_order->ncols, reversed->ncols);
    for (size_t i = 0; i < in_order->ncols; i++) {
        assert_string_equal(in_order->cols[i].name, reversed->cols[i].name);
    }
    /* Page 0 asked for metric_00 first in its first row. */
    assert_string_equal(in_order->cols[2].name, "metric_00");
    for (int p = 0; p < N; p++) {
        or_rows_release(&a[p]);
        or_rows_release(&b[p]);
    }
    or_schema_free(in_order);
    or_schema_free(reversed);
}

/* A page may not use a column it did not ask for, and a fixed schema takes no new one. */
static void
column_indexes_belong_to_their_page(void **state)
{
    (void)state;
    struct or_schema *dynamic = or_schema_new(declared, 2, 1);
    struct or_schema *fixed = or_schema_new(declared, 2, 0);
    struct or_rows one, other, plain;
    or_rows_init(&one, dynamic);
    or_rows_init(&other, dynamic);
    or_rows_init(&plain, fixed);
    size_t col = 0;
    assert_int_equal(host.rows_column(&one, "found_here", OR_TYPE_INT, &col), OR_OK);
    assert_int_equal(col, 2);
    assert_int_equal(host.rows_column(&one, "total", OR_TYPE_TEXT, &col), OR_OK);
    assert_int_equal(col, 1); /* a declared column keeps its index and type */
    assert_int_equal(host.row_begin(&other), OR_OK);
    assert_int_equal(host.set_int(&other, 2, 1), OR_ERR_INVALID); /* not found on this page */
    assert_int_equal(host.row_end(&other), OR_ERR_INVALID);       /* sticky */
    assert_int_equal(host.rows_column(&plain, "extra", OR_TYPE_INT, &col), OR_ERR_INVALID);
    assert_int_equal(host.rows_column(&one, "", OR_TYPE_INT, &col), OR_ERR_INVALID);
    or_rows_release(&one);
    or_rows_release(&other);
    or_rows_release(&plain);
    or_schema_free(dynamic);
    or_schema_free(fixed);
}

/* Row @p r of a page: "u<r>" in user_id and @p k0..@p k1 - 1 of columns c_<k>, each
 * holding r * 10000 + k. */
static void
wide_row(struct or_rows *rows, int r, int k0, int k1)
{
    char name[32], id[16];
    size_t col = 0;
    assert_int_equal(host.row_begin(rows), OR_OK);
    snprintf(id, sizeof(id), "u%d", r);
    assert_int_equal(host.set_text(rows, 0, id, strlen(id)), OR_OK);
    for (int k = k0; k < k1; k++) {
        snprintf(name, sizeof(name), "c_%d", k);
        assert_int_equal(host.rows_column(rows, name, OR_TYPE_INT, &col), OR_OK);
        assert_int_equal(host.set_int(rows, col, (int64_t)r * 10000 + k), OR_OK);
    }
    assert_int_equal(host.row_end(rows), OR_OK);
}

/* Past OR_SCHEMA_MAX_COLUMNS a discovered column is dropped with its cells;
 * every other cell stays in its row under its own column. */
static void
columns_past_the_cap_are_dropped_and_rows_stay_whole(void **state)
{
    (void)state;
    struct or_schema *schema = or_schema_new(declared, 2, 1);
    struct or_rows page;
    or_rows_init(&page, schema);
    wide_row(&page, 0, 0, 1200);
    wide_row(&page, 1, 1190, 1200);
    wide_row(&page, 2, 0, 5);
    or_rows_settle(&page, schema);
    assert_int_equal(schema->ncols, OR_SCHEMA_MAX_COLUMNS);
    assert_int_equal(page.nrows, 3);
    for (size_t r = 0; r < page.nrows; r++) {
        const struct or_cell *first = &page.cells[page.row_start[r]];
        assert_int_equal(first->col, 0);
        assert_int_equal(page.arena[first->text_off + 1], (char)('0' + r));
        for (size_t k = page.row_start[r] + 1; k < page.row_start[r + 1]; k++) {
            const struct or_cell *c = &page.cells[k];
            assert_true(c->col >= 2 && c->col < OR_SCHEMA_MAX_COLUMNS);
            long n = strtol(schema->cols[c->col].name + 2, NULL, 10); /* "c_<k>" */
            assert_int_equal(c->i, (int64_t)r * 10000 + n);
        }
    }
    /* Row 0 kept c_0..c_997, row 1 nothing past the cap, row 2 all five. */
    assert_int_equal(page.row_start[1] - page.row_start[0], 1 + 998);
    assert_int_equal(page.row_start[2] - page.row_start[1], 1);
    assert_int_equal(page.row_start[3] - page.row_start[2], 1 + 5);
    /* A later page finding a dropped column again: dropped, counted once. */
    or_rows_reset(&page);
    wide_row(&page, 3, 1100, 1101);
    or_rows_settle(&page, schema);
    assert_int_equal(page.row_start[1] - page.row_start[0], 1);
    char *text = or_schema_dropped_text(schema);
    assert_string_equal(text, "202 columns past the limit of 1000 dropped: c_998, c_999, c_1000, "
                              "c_1001, c_1002, c_1003, c_1004, c_1005, c_1006, c_1007, c_1008, "
                              "c_1009, c_1010, c_1011, c_1012, c_1013, c_1014, c_1015, c_1016, "
                              "c_1017 (and 182 more)");
    g_free(text);
    or_rows_release(&page);
    or_schema_free(schema);
}

int
main(void)
{
    or_rows_bind_host(&host);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(many_threads_discover_columns_while_pages_are_settled),
        cmocka_unit_test(columns_follow_page_order_whatever_the_parse_order),
        cmocka_unit_test(column_indexes_belong_to_their_page),
        cmocka_unit_test(columns_past_the_cap_are_dropped_and_rows_stay_whole),
    };
    return cmocka_run_group_tests_name("rows", tests, NULL, NULL);
}
