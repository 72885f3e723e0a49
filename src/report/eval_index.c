/* SPDX-License-Identifier: MIT */
/* Indexes for rendering: large tables listed sorted are walked through an
 * index instead of being sorted once per document. */
#include <string.h>

#include "base/log.h"
#include "dataset/sqlfuncs.h"
#include "report/eval_impl.h"

/* An index made for rendering: what it covers. */
struct sort_index {
    char *name;
    char *table;
    char **cols;
    int *desc;
};

static void
sort_index_free(gpointer p)
{
    struct sort_index *x = p;
    g_free(x->name);
    g_free(x->table);
    g_strfreev(x->cols);
    g_free(x->desc);
    g_free(x);
}

/* The tables @p sql reads (the sandbox records them while it prepares), and
 * whether its plan uses index @p index (NULL: not asked). */
static GPtrArray *
plan_of(struct or_eval *ev, const char *sql, const char *index, int *uses)
{
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    char *inner = or_eval_trimmed_sql(sql);
    char *eqp = g_strdup_printf("EXPLAIN QUERY PLAN %s", inner);
    sqlite3_stmt *st = NULL;
    *uses = 0;
    ev->sandbox.tables = tables;
    if (sqlite3_prepare_v2(or_dataset_db(ev->in->ds), eqp, -1, &st, NULL) != SQLITE_OK) {
        g_ptr_array_set_size(tables, 0);
    }
    ev->sandbox.tables = NULL;
    while (index != NULL && st != NULL && sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        *uses = *uses || (detail != NULL && strstr(detail, index) != NULL);
    }
    sqlite3_finalize(st);
    g_free(eqp);
    g_free(inner);
    return tables;
}

/* Whether section @p i is read from the dataset while documents are rendered. */
static int
read_while_rendering(const struct or_eval *ev, size_t i)
{
    const struct section_state *ss = &ev->state[i];
    return ss->cursor != NULL && !ss->buffered && ss->team_table == NULL &&
           ev->sections[i].result != NULL && or_eval_shown_anywhere(ev, &ev->in->tpl->sections[i]);
}

/* Whether @p sql reads only the index's table and sorts exactly like it:
 * then it walks the index forwards, and equal keys keep their order. */
static int
sorts_like(struct or_eval *ev, const char *sql, const struct sort_index *x)
{
    int uses = 0;
    GPtrArray *tables = plan_of(ev, sql, NULL, &uses);
    int same = tables->len == 1 && strcmp(g_ptr_array_index(tables, 0), x->table) == 0;
    g_ptr_array_free(tables, TRUE);
    char *inner = or_eval_trimmed_sql(sql);
    int *d = NULL;
    char **c = same ? or_sql_order_by_columns(inner, &d) : NULL;
    same = c != NULL;
    for (size_t i = 0; same && (c[i] != NULL || x->cols[i] != NULL); i++) {
        same = c[i] != NULL && x->cols[i] != NULL && strcmp(c[i], x->cols[i]) == 0 &&
               d[i] == x->desc[i];
    }
    g_strfreev(c);
    g_free(d);
    g_free(inner);
    return same;
}

static or_status
drop_index(struct or_eval *ev, const struct sort_index *x)
{
    char ierr[OR_ERR_SIZE];
    sqlite3 *db = or_dataset_db(ev->in->ds);
    or_sql_sandbox_off(db); /* the host's own write */
    or_status st = or_dataset_drop_index(ev->in->ds, x->name, ierr, sizeof(ierr));
    if (st != OR_OK) {
        /* A statement left half-read holds the table: or_eval_free() retries. */
        or_log(OR_LOG_DEBUG, "%s", ierr);
    }
    or_sql_sandbox_on(db, &ev->sandbox);
    return st;
}

/* Indexes the one table section @p i lists sorted by plain columns, if so. */
static void
index_section(struct or_eval *ev, size_t i)
{
    sqlite3 *db = or_dataset_db(ev->in->ds);
    const struct or_tpl_section *ts = &ev->in->tpl->sections[i];
    char *inner = or_eval_trimmed_sql(ts->sql);
    struct sort_index *x = g_new0(struct sort_index, 1);
    x->cols = or_sql_order_by_columns(inner, &x->desc);
    int uses = 0;
    GPtrArray *tables = x->cols != NULL ? plan_of(ev, inner, NULL, &uses) : NULL;
    if (tables != NULL && tables->len == 1 &&
        or_eval_columns_of(db, g_ptr_array_index(tables, 0), x->cols)) {
        char ierr[OR_ERR_SIZE];
        gint64 t0 = g_get_monotonic_time();
        x->table = g_strdup(g_ptr_array_index(tables, 0));
        or_sql_sandbox_off(db); /* the host's own write */
        or_status st = or_dataset_index(ev->in->ds, x->table, (const char *const *)x->cols, x->desc,
                                        &x->name, ierr, sizeof(ierr));
        or_sql_sandbox_on(db, &ev->sandbox);
        if (st == OR_OK) {
            or_log(OR_LOG_DEBUG, "section '%s': %s indexed for its ORDER BY in %.2f s", ts->id,
                   x->table, (double)(g_get_monotonic_time() - t0) / 1e6);
            g_ptr_array_add(ev->indexes, x);
            x = NULL;
        }
        else {
            or_log(OR_LOG_DEBUG, "section '%s': %s", ts->id, ierr);
        }
    }
    if (tables != NULL) {
        g_ptr_array_free(tables, TRUE);
    }
    if (x != NULL) {
        sort_index_free(x);
    }
    g_free(inner);
}

/* Whether no statement run while rendering would read rows through @p x
 * other than in the order it sorts them. */
static int
index_is_safe(struct or_eval *ev, const struct sort_index *x)
{
    int safe = 1;
    for (size_t i = 0; safe && i < ev->n; i++) {
        int uses = 0;
        if (!read_while_rendering(ev, i)) {
            continue;
        }
        const char *sql = ev->in->tpl->sections[i].sql;
        g_ptr_array_free(plan_of(ev, sql, x->name, &uses), TRUE);
        safe = !uses || sorts_like(ev, sql, x);
    }
    return safe;
}

void
or_eval_index_sorts(struct or_eval *ev)
{
    if (ev->indexes == NULL) {
        ev->indexes = g_ptr_array_new_with_free_func(sort_index_free);
    }
    for (size_t i = 0; i < ev->n; i++) {
        if (read_while_rendering(ev, i)) {
            index_section(ev, i);
        }
    }
    /* Keep only indexes no other statement run while rendering would use.
     * Dropping one can move a plan onto another: check again until none goes. */
    int dropped = 1;
    while (dropped) {
        dropped = 0;
        for (guint k = 0; !dropped && k < ev->indexes->len; k++) {
            const struct sort_index *x = g_ptr_array_index(ev->indexes, k);
            /* Nothing is being read yet, so nothing holds the table. */
            if (!index_is_safe(ev, x) && drop_index(ev, x) == OR_OK) {
                or_log(OR_LOG_DEBUG,
                       "index %s: another section would read rows through it, "
                       "dropped",
                       x->name);
                g_ptr_array_remove_index(ev->indexes, k);
                dropped = 1;
            }
        }
    }
}

void
or_eval_drop_indexes(struct or_eval *ev)
{
    for (guint k = ev->indexes != NULL ? ev->indexes->len : 0; k-- > 0;) {
        if (drop_index(ev, g_ptr_array_index(ev->indexes, k)) == OR_OK) {
            g_ptr_array_remove_index(ev->indexes, k);
        }
    }
}
