/* SPDX-License-Identifier: MIT */
/* A split document: which sections are the split's and which the team's,
 * the views that filter the split's, and the team's rows kept apart from
 * them.  See evaluate.h (or_eval_input.split). */
#include <stdio.h>
#include <string.h>

#include "base/status_str.h"
#include "report/eval_impl.h"

/* Every table the statements of section @p ts read, into @p tables; sets
 * ev->uses_split_value when one binds :split_value. */
static or_status
read_tables(struct or_eval *ev, const struct or_tpl_section *ts, GPtrArray *tables)
{
    const char *sqls[3] = {ts->sql, NULL, NULL};
    or_status st = OR_OK;
    ev->uses_split_value = 0;
    for (size_t k = 0; st == OR_OK && k < ts->nkpis + 1; k++) {
        if (k > 0) {
            sqls[0] = ts->kpis[k - 1].value_sql;
            sqls[1] = ts->kpis[k - 1].previous_sql;
            sqls[2] = ts->kpis[k - 1].spark_sql;
        }
        for (size_t q = 0; st == OR_OK && q < 3; q++) {
            struct or_cursor *c = NULL;
            if (sqls[q] == NULL) {
                continue;
            }
            st = or_eval_prepare(ev, sqls[q], "sql", tables, &c);
            or_cursor_free(c);
        }
        sqls[0] = sqls[1] = sqls[2] = NULL;
    }
    return st;
}

/* Whether @p table is one of the template's sources: the other tables a
 * statement may read (`coverage`: which days each source holds) are the
 * same in every document, neither the split's nor the team's. */
static int
is_source(const struct or_eval *ev, const char *table)
{
    for (size_t i = 0; i < ev->in->tpl->nsources; i++) {
        if (strcmp(ev->in->tpl->sources[i].alias, table) == 0) {
            return 1;
        }
    }
    return 0;
}

/* "calls, prev_calls": the source tables of @p tables (each once, as the
 * sandbox records them) that are (not) split. */
static void
tables_text(struct or_eval *ev, GPtrArray *tables, int split, GString *out)
{
    sqlite3 *db = or_dataset_db(ev->in->ds);
    for (guint i = 0; i < tables->len; i++) {
        const char *t = g_ptr_array_index(tables, i);
        if (!is_source(ev, t)) {
            continue;
        }
        int is_split = or_split_column_of(db, t, ev->in->split->cols) != NULL;
        if (is_split == split) {
            g_string_append_printf(out, "%s%s", out->len ? ", " : "", t);
        }
    }
}

/* The scope a section without one gets: the split's when every source table
 * it reads has a split column (or its SQL filters by :split_value itself, or
 * it reads no source table), the team's when none has; a mix would show team
 * figures as the person's. */
static or_status
default_scope(struct or_eval *ev, const struct or_tpl_section *ts, GPtrArray *tables,
              enum or_tpl_scope *scope)
{
    GString *split = g_string_new(NULL), *team = g_string_new(NULL);
    tables_text(ev, tables, 1, split);
    tables_text(ev, tables, 0, team);
    or_status st = OR_OK;
    if (team->len == 0 || ev->uses_split_value) {
        *scope = OR_SCOPE_SPLIT;
    }
    else if (split->len == 0 && ts->scope != OR_SCOPE_SPLIT) {
        *scope = OR_SCOPE_TEAM;
    }
    else {
        char *cols = g_strjoinv(" or ", (char **)ev->in->split->cols);
        char *what = split->len > 0
                         ? g_strdup_printf("reads %s (split by %s) and", split->str, cols)
                         : g_strdup("has \"scope\": \"split\" but reads");
        st = or_eval_fail(ev,
                          "%s %s, which has no column %s: a split document would show the "
                          "team's figures as the person's; set \"scope\": \"team\" or "
                          "\"hide\", move %s to a section of its own, or filter it with "
                          ":split_value",
                          what, team->str, cols, team->str);
        g_free(what);
        g_free(cols);
    }
    g_string_free(split, TRUE);
    g_string_free(team, TRUE);
    return st;
}

or_status
or_eval_scopes(struct or_eval *ev)
{
    for (size_t i = 0; i < ev->n; i++) {
        const struct or_tpl_section *ts = &ev->in->tpl->sections[i];
        struct section_state *ss = &ev->state[i];
        ss->scope = ts->scope == OR_SCOPE_DEFAULT ? OR_SCOPE_SPLIT : ts->scope;
        if (ts->scope == OR_SCOPE_TEAM || ts->scope == OR_SCOPE_HIDE) {
            continue;
        }
        GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
        ev->cur = ts;
        or_status st = read_tables(ev, ts, tables);
        if (st == OR_OK) {
            st = default_scope(ev, ts, tables, &ss->scope);
        }
        g_ptr_array_free(tables, TRUE);
        if (st == OR_ERR_UNSUPPORTED) {
            continue; /* a lenient check skipped it: its columns arrive with the data */
        }
        if (st != OR_OK) {
            return st;
        }
    }
    ev->cur = NULL;
    return OR_OK;
}

or_status
or_eval_split_on(struct or_eval *ev)
{
    const struct or_eval_input *in = ev->in;
    sqlite3 *db = or_dataset_db(in->ds);
    or_sql_sandbox_off(db); /* the host's own views */
    or_status st =
        or_split_apply(in->ds, in->tpl, in->split->cols, in->split->value, ev->err, ev->errlen);
    or_sql_sandbox_on(db, &ev->sandbox);
    ev->views = st == OR_OK;
    /* The data-sources box counts the split's own rows. */
    ev->sources = g_new0(struct or_source_status, in->nsources > 0 ? in->nsources : 1);
    for (size_t k = 0; st == OR_OK && k < in->nsources; k++) {
        ev->sources[k] = in->sources[k];
        int64_t n = 0;
        char cerr[OR_ERR_SIZE];
        if (or_split_column_of(db, in->sources[k].name, in->split->cols) == NULL) {
            if (ev->sources[k].detail == NULL) {
                ev->sources[k].detail = "whole team: not split"; /* its rows are everyone's */
            }
        }
        else if (or_dataset_count(in->ds, in->sources[k].name, &n, cerr, sizeof(cerr)) == OR_OK) {
            ev->sources[k].rows = n;
        }
    }
    return st;
}

void
or_eval_split_off(struct or_eval *ev)
{
    sqlite3 *db = or_dataset_db(ev->in->ds);
    or_sql_sandbox_off(db);
    if (ev->views) {
        or_split_clear(ev->in->ds, ev->in->tpl);
        ev->views = 0;
    }
    for (size_t i = 0; i < ev->n; i++) {
        struct section_state *ss = &ev->state[i];
        if (ss->team_table != NULL) {
            char *sql = sqlite3_mprintf("DROP TABLE IF EXISTS temp.\"%w\"", ss->team_table);
            sqlite3_exec(db, sql, NULL, NULL, NULL);
            sqlite3_free(sql);
        }
    }
    g_free(ev->sources);
    ev->sources = NULL;
}

/* "SELECT * FROM temp.x ORDER BY rowid": a copied section's rows, in order. */
static char *
copy_select(const char *table)
{
    char *q = sqlite3_mprintf("SELECT * FROM temp.\"%w\" ORDER BY rowid", table);
    char *s = g_strdup(q);
    sqlite3_free(q);
    return s;
}

or_status
or_eval_reprepare(struct or_eval *ev, size_t i, struct or_cursor **out)
{
    struct section_state *ss = &ev->state[i];
    if (ss->team_table == NULL) {
        return or_eval_prepare(ev, ev->in->tpl->sections[i].sql, "sql", NULL, out);
    }
    char cerr[OR_ERR_SIZE];
    char *sql = copy_select(ss->team_table);
    or_status st =
        or_cursor_new(ev->in->ds, sql, ss->types, ss->result.ncols, out, cerr, sizeof(cerr));
    g_free(sql);
    return st == OR_OK ? OR_OK : or_eval_fail(ev, "sql: %s", cerr);
}

/* CREATE TEMP TABLE name AS <the section's SQL>, with its parameters. */
static or_status
copy_rows(struct or_eval *ev, const struct or_tpl_section *ts, const char *name)
{
    sqlite3 *db = or_dataset_db(ev->in->ds);
    char *inner = or_eval_trimmed_sql(ts->sql);
    char *head = sqlite3_mprintf("CREATE TEMP TABLE \"%w\" AS ", name);
    char *sql = g_strconcat(head, inner, "\n", NULL);
    sqlite3_stmt *stmt = NULL;
    or_status st = OR_OK;
    or_sql_sandbox_off(db); /* the host's own copy of a read the sandbox allowed */
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK ||
        or_eval_bind(ev, stmt, "sql") != OR_OK || sqlite3_step(stmt) != SQLITE_DONE) {
        st = ev->err[0] != '\0'
                 ? OR_ERR_INVALID
                 : or_eval_fail(ev, "sql: copying the team's rows: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    or_sql_sandbox_on(db, &ev->sandbox);
    sqlite3_free(head);
    g_free(sql);
    g_free(inner);
    return st;
}

or_status
or_eval_materialize(struct or_eval *ev, size_t i)
{
    struct section_state *ss = &ev->state[i];
    const struct or_tpl_section *ts = &ev->in->tpl->sections[i];
    ev->err[0] = '\0';
    ss->team_table = g_strdup_printf("or_team_%zu", i);
    ss->types = g_new0(enum or_type, ss->result.ncols > 0 ? ss->result.ncols : 1);
    for (size_t c = 0; c < ss->result.ncols; c++) {
        ss->types[c] = ss->cols[c].type;
    }
    or_status st = copy_rows(ev, ts, ss->team_table);
    struct or_cursor *copy = NULL;
    if (st == OR_OK) {
        st = or_eval_reprepare(ev, i, &copy);
    }
    if (st != OR_OK) {
        return st;
    }
    /* The copy's columns have the same names; the old cursor's go with it. */
    for (size_t c = 0; c < ss->result.ncols; c++) {
        ss->cols[c].name = or_cursor_name(copy, c);
    }
    or_cursor_free(ss->cursor);
    ss->cursor = copy;
    ss->result.cursor = copy;
    return OR_OK;
}
