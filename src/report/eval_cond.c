/* SPDX-License-Identifier: MIT */
/* Conditional formats of a section's columns: the template's rule, checked
 * against the column's type, with the column's range for scales and bars. */
#include <glib.h>
#include <string.h>

#include "dataset/cursor.h"
#include "report/eval_impl.h"

/* The smallest or largest value of column @p name over the section's rows. */
static or_status
column_extreme(struct or_eval *ev, const char *sql, const char *name, const char *fn,
               GPtrArray *tables, int *has, double *out)
{
    char *inner = g_strstrip(g_strdup(sql));
    size_t n = strlen(inner);
    while (n > 0 && (inner[n - 1] == ';' || g_ascii_isspace(inner[n - 1]))) {
        inner[--n] = '\0';
    }
    GString *q = g_string_new(NULL);
    g_string_append_printf(q, "SELECT %s(\"", fn);
    for (const char *p = name; *p != '\0'; p++) {
        if (*p == '"') {
            g_string_append_c(q, '"');
        }
        g_string_append_c(q, *p);
    }
    g_string_append_printf(q, "\") FROM (%s\n)", inner);
    char what[160];
    g_snprintf(what, sizeof(what), "column '%s' %s", name, fn);
    or_status st = or_eval_single_value(ev, q->str, what, tables, 0, has, out);
    g_string_free(q, TRUE);
    g_free(inner);
    return st;
}

or_status
or_eval_conds(struct or_eval *ev, const struct or_tpl_section *ts, struct section_state *ss,
              GPtrArray *tables)
{
    size_t n = ss->result.ncols;
    for (size_t i = 0; i < n; i++) {
        const struct or_tpl_column *tc = NULL;
        for (size_t k = 0; k < ts->ncolumns; k++) {
            if (strcmp(ts->columns[k].name, ss->cols[i].name) == 0) {
                tc = &ts->columns[k];
            }
        }
        if (tc == NULL || tc->cond.kind == OR_COND_NONE) {
            continue;
        }
        enum or_type t = ss->cols[i].type;
        /* A declared column's type is its own; an expression's comes from its values (all
         * NULL reads as text), so only a declared text or instant column is refused.  The
         * renderers colour numbers only. */
        if (!or_cursor_untyped(ss->cursor, i) && (t == OR_TYPE_TEXT || t == OR_TYPE_TIME)) {
            return or_eval_fail(ev,
                                "column '%s': conditional formatting (good, bad, scale, "
                                "bars) needs numbers, and the column is %s",
                                tc->name, t == OR_TYPE_TEXT ? "text" : "an instant");
        }
        if (ss->conds == NULL) {
            ss->conds = g_new0(struct or_cond, n);
        }
        ss->conds[i] = tc->cond;
        ss->cols[i].cond = &ss->conds[i];
        if (tc->cond.kind != OR_COND_SCALE && tc->cond.kind != OR_COND_BARS) {
            continue;
        }
        int has_min = 0, has_max = 0;
        or_status st =
            column_extreme(ev, ts->sql, tc->name, "min", tables, &has_min, &ss->conds[i].min);
        if (st == OR_OK) {
            st = column_extreme(ev, ts->sql, tc->name, "max", tables, &has_max, &ss->conds[i].max);
        }
        if (st != OR_OK) {
            return st;
        }
        ss->conds[i].has_range = has_min && has_max;
    }
    return OR_OK;
}
