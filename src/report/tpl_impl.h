/* SPDX-License-Identifier: MIT */
/**
 * @file tpl_impl.h
 * @brief Inside template loading (template.c, tpl_json.c, tpl_section.c only).
 */
#ifndef OR_TPL_IMPL_H
#define OR_TPL_IMPL_H

#include <glib.h>
#include <jansson.h>

#include "report/template.h"

/* Everything a check needs to say where it is. */
struct or_tpl_where {
    const char *path;
    char section[96];
    char *err;
    size_t errlen;
};

/** @brief "PATH: SECTION: message" into w->err; returns OR_ERR_INVALID. */
or_status or_tpl_fail(struct or_tpl_where *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/** @brief Whether @p s is one of the @p n @p names (NULLs skipped); *@p index says which. */
gboolean or_tpl_lookup(const char *const *names, int n, const char *s, int *index);

/** @brief "a, b, c": the non-NULL @p names, into @p buf. */
void or_tpl_join_names(const char *const *names, int n, char *buf, size_t len);

/** @brief Refuses keys outside @p allowed (NULL-terminated): a typo must not silently do nothing.
 */
or_status or_tpl_check_keys(struct or_tpl_where *w, json_t *obj, const char *what,
                            const char *const *allowed);

/** @brief A string member into *@p out (owned, g_free(); NULL when absent and optional). */
or_status or_tpl_get_string(struct or_tpl_where *w, json_t *obj, const char *key, int required,
                            char **out);

/** @brief A boolean member, @p dflt when absent. */
or_status or_tpl_get_bool(struct or_tpl_where *w, json_t *obj, const char *key, int dflt, int *out);

/** @brief A string or an array of strings into a NULL-terminated vector (g_strfreev()). */
or_status or_tpl_get_strv(struct or_tpl_where *w, json_t *obj, const char *key, char ***out);

/**
 * @brief The keys of the heatmap, combo and stacked area charts ("y",
 * "line", "secondary", "y2_label"), refused on any other kind (tpl_chart.c);
 * @p kind names the chart's kind in messages.
 */
or_status or_tpl_load_chart_keys(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s,
                                 const char *kind);

/** @brief Load section @p index of the "sections" array into @p s (freed with its template). */
/**
 * @brief The conditional format of column or KPI object @p obj ("good",
 * "bad", "scale", "bars"; @p kpi: thresholds only) into *@p c (kind NONE
 * when it has none); @p owner names it in messages ("column 'rate'").
 */
or_status or_tpl_load_cond(struct or_tpl_where *w, json_t *obj, const char *owner, int kpi,
                           struct or_cond *c);

/** @brief The "pivot" object of a pivot section into s->pivot (tpl_pivot.c). */
or_status or_tpl_load_pivot(struct or_tpl_where *w, json_t *sec, struct or_tpl_section *s);

/** @brief Free; NULL is a no-op. */
void or_tpl_pivot_free(struct or_tpl_pivot *pv);

or_status or_tpl_load_section(struct or_tpl_where *w, json_t *sec, size_t index,
                              struct or_tpl_section *s);

#endif
