/* SPDX-License-Identifier: MIT */
/* A pivot section in a template: "pivot": {rows, columns, value, aggregate,
 * order, format, good/bad/scale/bars} (docs/templates.md, "Pivot tables"). */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "report/tpl_impl.h"

static const char *const aggregates[OR_PIVOT_AGG_COUNT] = {
    [OR_PIVOT_SUM] = "sum", [OR_PIVOT_COUNT] = "count", [OR_PIVOT_AVG] = "avg",
    [OR_PIVOT_MIN] = "min", [OR_PIVOT_MAX] = "max",
};

const char *
or_pivot_agg_name(enum or_pivot_agg a)
{
    return (unsigned)a < OR_PIVOT_AGG_COUNT ? aggregates[a] : "sum";
}

static or_status
load_agg(struct or_tpl_where *w, json_t *p, struct or_tpl_pivot *pv)
{
    char *agg = NULL;
    or_status st = or_tpl_get_string(w, p, "aggregate", 0, &agg);
    int k = OR_PIVOT_SUM;
    if (st == OR_OK && agg != NULL && !or_tpl_lookup(aggregates, OR_PIVOT_AGG_COUNT, agg, &k)) {
        char list[128];
        or_tpl_join_names(aggregates, OR_PIVOT_AGG_COUNT, list, sizeof(list));
        st = or_tpl_fail(w, "pivot: unknown aggregate '%s' (expected %s)", agg, list);
    }
    pv->agg = (enum or_pivot_agg)k;
    g_free(agg);
    return st;
}

or_status
or_tpl_load_pivot(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    static const char *const keys[] = {"rows",  "columns", "value", "aggregate", "order", "format",
                                       "total", "good",    "bad",   "scale",     "bars",  NULL};
    json_t *p = json_object_get(sec, "pivot");
    if (!json_is_object(p)) {
        return or_tpl_fail(w, "a pivot section needs 'pivot': {rows, columns, value, aggregate}");
    }
    struct or_tpl_pivot *pv = g_new0(struct or_tpl_pivot, 1);
    s->pivot = pv;
    char *fmt = NULL;
    or_status st = or_tpl_check_keys(w, p, "a pivot", keys);
    if (st == OR_OK) {
        st = or_tpl_get_string(w, p, "rows", 1, &pv->rows);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, p, "columns", 1, &pv->columns);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, p, "value", 1, &pv->value);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, p, "order", 0, &pv->order);
    }
    if (st == OR_OK) {
        st = load_agg(w, p, pv);
    }
    if (st == OR_OK) {
        st = or_tpl_get_bool(w, p, "total", 1, &pv->total);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, p, "format", 0, &fmt);
    }
    if (st == OR_OK && fmt != NULL && !or_format_parse(fmt, &pv->format)) {
        st = or_tpl_fail(w, "pivot: unknown format '%s'", fmt);
    }
    g_free(fmt);
    if (st == OR_OK) {
        st = or_tpl_load_cond(w, p, "pivot", 0, &pv->cond);
    }
    if (st == OR_OK && (pv->cond.kind == OR_COND_SCALE || pv->cond.kind == OR_COND_BARS)) {
        pv->total = 0; /* a total row would set the end of every column's scale */
    }
    return st;
}

void
or_tpl_pivot_free(struct or_tpl_pivot *pv)
{
    if (pv == NULL) {
        return;
    }
    g_free(pv->rows);
    g_free(pv->columns);
    g_free(pv->value);
    g_free(pv->order);
    g_free(pv);
}
