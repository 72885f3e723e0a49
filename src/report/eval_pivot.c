/* SPDX-License-Identifier: MIT */
/* Pivot sections: each becomes a table whose query the evaluation writes
 * from the template's (docs/templates.md, "Pivot tables").  The evaluation
 * works on a copy of the template in which a pivot section's "sql" is
 *
 *   SELECT r AS "<rows>", c1 AS "<value 1>", ..., t AS "Total" FROM (
 *     SELECT "<rows>" AS r, AGG(CASE WHEN "<columns>" = '<value 1>' THEN "<value>" END) AS c1,
 *            ..., AGG("<value>") AS t, 0 AS o FROM (<sql>) GROUP BY 1
 *     UNION ALL SELECT '<Total>', ..., 1 FROM (<sql>))
 *   ORDER BY o, r
 *
 * with one column per value the "columns" column takes (in "order"), each
 * value a quoted SQL literal made by SQLite (%Q), never the template's text. */
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "base/catalog.h"
#include "dataset/cursor.h"
#include "report/eval_impl.h"

/* Columns a pivot may have, so a column of ids cannot make a table of thousands. */
#define PIVOT_MAX_COLUMNS 100

/* What the evaluation owns for its copy of the template. */
struct or_eval_pivots {
    struct or_eval_input in;         /* the caller's input, with tpl = &tpl */
    struct or_template tpl;          /* the template, sections copied */
    struct or_tpl_section *sections; /* copies; a pivot's sql and columns replaced */
    GPtrArray *owned;                /* strings and column arrays of the copies */
};

static void
quote_ident(GString *q, const char *name)
{
    g_string_append_c(q, '"');
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(q, '"');
        }
        g_string_append_c(q, *p);
    }
    g_string_append_c(q, '"');
}

/* The text of value @p v (a column value), or NULL for NULL. */
static char *
value_text(const struct or_value *v)
{
    if (v->is_null) {
        return NULL;
    }
    switch (v->type) {
    case OR_TYPE_INT:
    case OR_TYPE_BOOL:
    case OR_TYPE_TIME: return g_strdup_printf("%" G_GINT64_FORMAT, v->i);
    case OR_TYPE_REAL: {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup(g_ascii_dtostr(buf, sizeof(buf), v->r));
    }
    default: return g_strdup(v->s != NULL ? v->s : "");
    }
}

/* Every column the pivot names is a column of its query (a double-quoted name
 * that is no column would read as a string in SQLite). */
static or_status
check_names(struct or_eval *ev, const struct or_tpl_pivot *pv, const char *inner)
{
    struct or_cursor *c = NULL;
    or_status st = or_eval_prepare(ev, inner, "sql", NULL, &c);
    const char *const want[][2] = {
        {"rows", pv->rows}, {"columns", pv->columns}, {"value", pv->value}, {"order", pv->order}};
    for (size_t k = 0; st == OR_OK && k < G_N_ELEMENTS(want); k++) {
        int found = want[k][1] == NULL;
        for (size_t i = 0; !found && i < or_cursor_ncols(c); i++) {
            found = strcmp(or_cursor_name(c, i), want[k][1]) == 0;
        }
        if (!found) {
            st = or_eval_fail(ev, "pivot: %s: '%s' is not a column of the query", want[k][0],
                              want[k][1]);
        }
    }
    or_cursor_free(c);
    return st;
}

/* The values of the "columns" column, in order, into @p values (NULL: none). */
static or_status
column_values(struct or_eval *ev, const struct or_tpl_section *ts, const char *inner,
              GPtrArray *values)
{
    const struct or_tpl_pivot *pv = ts->pivot;
    GString *q = g_string_new("SELECT ");
    quote_ident(q, pv->columns);
    g_string_append_printf(q, " FROM (%s\n) GROUP BY 1 ORDER BY ", inner);
    if (pv->order != NULL) {
        g_string_append(q, "min(");
        quote_ident(q, pv->order);
        g_string_append(q, "), ");
    }
    g_string_append(q, "1");
    struct or_cursor *c = NULL;
    or_status st = or_eval_prepare(ev, q->str, "pivot columns", NULL, &c);
    g_string_free(q, TRUE);
    struct or_value row;
    int has = 1;
    while (st == OR_OK) {
        st = or_cursor_next(c, &row, &has);
        if (st != OR_OK) {
            st = or_eval_fail(ev, "pivot: %s", or_cursor_error(c));
        }
        if (st != OR_OK || !has) {
            break;
        }
        if (values->len >= PIVOT_MAX_COLUMNS) {
            st = or_eval_fail(ev,
                              "pivot: column '%s' has more than %d values; a pivot has at "
                              "most %d columns",
                              pv->columns, PIVOT_MAX_COLUMNS, PIVOT_MAX_COLUMNS);
            break;
        }
        g_ptr_array_add(values, value_text(&row));
    }
    or_cursor_free(c);
    return st;
}

/* One line of cells: AGG(CASE WHEN col = 'v' THEN value END) AS cN, ..., AGG(value) AS t. */
static void
cells(GString *q, const struct or_tpl_pivot *pv, GPtrArray *values)
{
    const char *agg = or_pivot_agg_name(pv->agg);
    for (guint i = 0; i < values->len; i++) {
        const char *v = g_ptr_array_index(values, i);
        char *lit = v != NULL ? sqlite3_mprintf("= %Q", v) : sqlite3_mprintf("IS NULL");
        g_string_append_printf(q, "%s(CASE WHEN ", agg);
        quote_ident(q, pv->columns);
        g_string_append_printf(q, " %s THEN ", lit);
        quote_ident(q, pv->value);
        g_string_append_printf(q, " END) AS c%u, ", i);
        sqlite3_free(lit);
    }
    g_string_append_printf(q, "%s(", agg);
    quote_ident(q, pv->value);
    g_string_append(q, ") AS t");
}

/* The table's query and its value columns' names (in @p names). */
static char *
pivot_sql(const struct or_tpl_pivot *pv, const char *inner, GPtrArray *values, const char *total,
          GPtrArray *names)
{
    GString *q = g_string_new("SELECT r AS ");
    quote_ident(q, pv->rows);
    for (guint i = 0; i < values->len; i++) {
        const char *v = g_ptr_array_index(values, i);
        char *name = g_strdup(v != NULL ? (v[0] != '\0' ? v : "(empty)") : "(none)");
        g_string_append_printf(q, ", c%u AS ", i);
        quote_ident(q, name);
        g_ptr_array_add(names, name);
    }
    g_string_append(q, ", t AS ");
    quote_ident(q, total);
    g_ptr_array_add(names, g_strdup(total));
    g_string_append(q, " FROM (SELECT ");
    quote_ident(q, pv->rows);
    g_string_append(q, " AS r, ");
    cells(q, pv, values);
    g_string_append_printf(q, ", 0 AS o FROM (%s\n) GROUP BY 1", inner);
    if (pv->total) {
        char *lit = sqlite3_mprintf("%Q", total);
        g_string_append_printf(q, " UNION ALL SELECT %s, ", lit);
        sqlite3_free(lit);
        cells(q, pv, values);
        g_string_append_printf(q, ", 1 FROM (%s\n)", inner);
    }
    g_string_append(q, ") ORDER BY o, r");
    return g_string_free(q, FALSE);
}

/* The copy of section @p ts with the pivot's query and columns. */
static or_status
expand(struct or_eval *ev, struct or_eval_pivots *pp, const struct or_tpl_section *ts,
       struct or_tpl_section *out)
{
    const struct or_tpl_pivot *pv = ts->pivot;
    char total[64];
    or_catalog_text(ev->in->locale, "total", NULL, 0, total, sizeof(total));
    char *inner = or_eval_trimmed_sql(ts->sql);
    GPtrArray *values = g_ptr_array_new_with_free_func(g_free);
    ev->cur = ts;
    or_status st = check_names(ev, pv, inner);
    if (st == OR_OK) {
        st = column_values(ev, ts, inner, values);
    }
    if (st == OR_OK) {
        GPtrArray *names = g_ptr_array_new();
        out->sql = pivot_sql(pv, inner, values, total, names);
        g_ptr_array_add(pp->owned, out->sql);
        /* the template's own presentations (the rows column), then the cells' */
        out->ncolumns = ts->ncolumns + names->len;
        out->columns = g_new0(struct or_tpl_column, out->ncolumns);
        g_ptr_array_add(pp->owned, out->columns);
        if (ts->ncolumns > 0) {
            memcpy(out->columns, ts->columns, ts->ncolumns * sizeof(*ts->columns));
        }
        for (guint i = 0; i < names->len; i++) {
            struct or_tpl_column *c = &out->columns[ts->ncolumns + i];
            c->name = g_ptr_array_index(names, i);
            g_ptr_array_add(pp->owned, c->name);
            c->format = pv->format;
            c->cond = i + 1 < names->len ? pv->cond : (struct or_cond){0}; /* not the Total */
        }
        g_ptr_array_free(names, TRUE);
    }
    g_ptr_array_free(values, TRUE);
    g_free(inner);
    ev->cur = NULL;
    return st;
}

static void
pivots_free(struct or_eval_pivots *pp)
{
    g_ptr_array_free(pp->owned, TRUE);
    g_free(pp->sections);
    g_free(pp);
}

or_status
or_eval_pivots(struct or_eval *ev)
{
    const struct or_template *tpl = ev->in->tpl;
    int any = 0;
    for (size_t i = 0; i < tpl->nsections; i++) {
        any |= tpl->sections[i].pivot != NULL;
    }
    if (!any) {
        return OR_OK;
    }
    struct or_eval_pivots *pp = g_new0(struct or_eval_pivots, 1);
    pp->owned = g_ptr_array_new_with_free_func(g_free);
    pp->in = *ev->in;
    pp->tpl = *tpl;
    pp->sections = g_memdup2(tpl->sections, tpl->nsections * sizeof(*tpl->sections));
    pp->tpl.sections = pp->sections;
    pp->in.tpl = &pp->tpl;
    or_status st = OR_OK;
    for (size_t i = 0; i < tpl->nsections && st == OR_OK; i++) {
        if (tpl->sections[i].pivot != NULL) {
            st = expand(ev, pp, &tpl->sections[i], &pp->sections[i]);
        }
    }
    if (st != OR_OK) {
        pivots_free(pp);
        return st;
    }
    ev->pivots = pp;
    ev->in = &pp->in;
    return OR_OK;
}

void
or_eval_pivots_free(struct or_eval_pivots *pp)
{
    if (pp != NULL) {
        pivots_free(pp);
    }
}
