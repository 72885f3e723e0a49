/* SPDX-License-Identifier: MIT */
/* The keys of the heatmap, combo and stacked area charts: see tpl_impl.h. */
#include <glib.h>
#include <string.h>

#include "report/tpl_impl.h"

/* Key @p key is given although chart kind @p kind does not take it. */
static or_status
not_for(struct or_tpl_where *w, json_t *sec, const char *key, const char *owner, const char *kind)
{
    if (json_object_get(sec, key) == NULL) {
        return OR_OK;
    }
    return or_tpl_fail(w, "'%s' is for %s charts, not %s", key, owner, kind);
}

static or_status
load_heatmap(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    or_status st = or_tpl_get_string(w, sec, "y", 0, &s->y);
    if (st == OR_OK && s->y == NULL) {
        st = or_tpl_fail(w, "a heatmap needs 'y': the column of its rows (x: of its columns)");
    }
    if (st == OR_OK && g_strv_length(s->series) != 1) {
        st = or_tpl_fail(w, "a heatmap takes exactly one series: the value colouring each cell");
    }
    if (st == OR_OK && strcmp(s->x, s->y) == 0) {
        st = or_tpl_fail(w, "a heatmap's 'x' and 'y' are the same column '%s'", s->x);
    }
    return st;
}

static or_status
load_combo(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s)
{
    or_status st = or_tpl_get_strv(w, sec, "line", &s->line);
    if (st == OR_OK && s->line == NULL) {
        st = or_tpl_fail(w, "a combo chart needs 'line': the column(s) drawn as lines over the "
                            "bars of 'series'");
    }
    for (char **l = s->line; st == OR_OK && l != NULL && *l != NULL; l++) {
        if (g_strv_contains((const char *const *)s->series, *l)) {
            st = or_tpl_fail(w, "'%s' is in both 'series' (bars) and 'line'", *l);
        }
    }
    json_t *sv = json_object_get(sec, "secondary");
    s->secondary = -1;
    if (st == OR_OK && sv != NULL) {
        st = or_tpl_get_bool(w, sec, "secondary", 0, &s->secondary);
    }
    if (st == OR_OK) {
        st = or_tpl_get_string(w, sec, "y2_label", 0, &s->y2_label);
    }
    if (st == OR_OK && s->y2_label != NULL && s->secondary == 0) {
        st = or_tpl_fail(w, "'y2_label' titles the lines' own axis, which \"secondary\": false "
                            "leaves out");
    }
    return st;
}

or_status
or_tpl_load_chart_keys(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s,
                       const char *kind)
{
    or_status st = OR_OK;
    s->secondary = -1;
    if (s->chart == OR_CHART_HEATMAP) {
        st = load_heatmap(w, sec, s);
    }
    else {
        st = not_for(w, sec, "y", "heatmap", kind);
    }
    if (st == OR_OK && s->chart == OR_CHART_COMBO) {
        st = load_combo(w, sec, s);
    }
    else {
        static const char *const combo_keys[] = {"line", "secondary", "y2_label"};
        for (size_t i = 0; st == OR_OK && i < G_N_ELEMENTS(combo_keys); i++) {
            st = not_for(w, sec, combo_keys[i], "combo", kind);
        }
    }
    /* The kinds of 2.3 are drawn upright only. */
    if (st == OR_OK && s->horizontal && s->chart >= OR_CHART_HEATMAP) {
        st = or_tpl_fail(w, "'horizontal' is for bar charts, not %s", kind);
    }
    return st;
}
