/* SPDX-License-Identifier: MIT */
/* Chart kinds a renderer predates: see chart_gate.h. */
#include "report/chart_gate.h"

#include <glib.h>

#include "base/log.h"
#include "base/status_str.h"

/* The minor that added each chart kind, and the older kind drawn in its
 * place for a renderer built before it (the kind itself: none is faithful). */
struct kind_rule {
    unsigned since;
    enum or_chart_kind older;
};

static struct kind_rule
rule_of(enum or_chart_kind k)
{
    switch (k) {
    case OR_CHART_TREND: return (struct kind_rule){2, OR_CHART_LINE};
    case OR_CHART_STACKED_AREA: return (struct kind_rule){3, OR_CHART_STACKED_BAR};
    case OR_CHART_HEATMAP:
    case OR_CHART_COMBO: return (struct kind_rule){3, k};
    default: return (struct kind_rule){0, k};
    }
}

or_status
or_chart_gate(const struct or_loaded_plugin *rp, const char *id, enum or_chart_kind kind,
              enum or_chart_kind *drawn, char *err, size_t errlen)
{
    struct kind_rule r = rule_of(kind);
    unsigned minor = rp->desc->abi_minor;
    *drawn = kind;
    if (minor >= r.since) {
        return OR_OK;
    }
    if (r.older != kind) {
        *drawn = r.older;
        return OR_OK;
    }
    or_set_err(err, errlen,
               "section '%s': a %s chart needs a renderer of plugin ABI %d.%u or newer, but "
               "renderer '%s' (format %s, %s) was built for ABI %u.%u: rebuild it against this "
               "outreport's plugin.h, or leave format %s out",
               id, or_chart_kind_name(kind), OR_ABI_MAJOR, r.since, rp->desc->name,
               rp->desc->renderer->format, rp->path, (unsigned)rp->desc->abi_major, minor,
               rp->desc->renderer->format);
    return OR_ERR_CONFIG;
}

or_status
or_chart_gate_template(const struct or_template *t, const struct or_registry *reg,
                       char *const *formats, char *err, size_t errlen)
{
    for (char *const *f = formats; *f != NULL; f++) {
        const struct or_loaded_plugin *rp = or_registry_renderer(reg, *f);
        for (size_t i = 0; rp != NULL && i < t->nsections; i++) {
            const struct or_tpl_section *s = &t->sections[i];
            if (s->kind != OR_SECTION_CHART || !or_tpl_section_shows_in(s, *f)) {
                continue;
            }
            char inner[OR_ERR_SIZE];
            enum or_chart_kind drawn;
            if (or_chart_gate(rp, s->id, s->chart, &drawn, inner, sizeof(inner)) != OR_OK) {
                or_set_err(err, errlen, "%s: %s", t->path, inner);
                return OR_ERR_CONFIG;
            }
            if (drawn != s->chart) {
                or_log(OR_LOG_WARN,
                       "%s: section '%s': renderer '%s' (plugin ABI %u.%u) predates %s charts: "
                       "drawn as %s",
                       t->path, s->id, rp->desc->name, (unsigned)rp->desc->abi_major,
                       (unsigned)rp->desc->abi_minor, or_chart_kind_name(s->chart),
                       or_chart_kind_name(drawn));
            }
        }
    }
    return OR_OK;
}

/* One entry per section of the report: its own pointer, or one to its copy
 * in copies (with its chart in charts) when its chart is drawn as an older
 * kind. */
struct or_chart_gated {
    const struct or_section **sections;
    struct or_section *copies;
    struct or_chart *charts;
};

void
or_chart_gated_free(struct or_chart_gated *g)
{
    if (g != NULL) {
        g_free(g->sections);
        g_free(g->copies);
        g_free(g->charts);
        g_free(g);
    }
}

const struct or_section *const *
or_chart_gated_sections(const struct or_chart_gated *g)
{
    return g->sections;
}

/* Section @p i of @p g drawn as @p kind. */
static void
degrade(struct or_chart_gated *g, size_t i, enum or_chart_kind kind)
{
    g->copies[i] = *g->sections[i];
    g->charts[i] = *g->sections[i]->chart;
    g->charts[i].kind = kind;
    g->copies[i].chart = &g->charts[i];
    g->sections[i] = &g->copies[i];
}

or_status
or_chart_gate_report(const struct or_loaded_plugin *rp, const struct or_report *rep,
                     struct or_chart_gated **out, char *err, size_t errlen)
{
    struct or_chart_gated *g = NULL;
    *out = NULL;
    for (size_t i = 0; i < rep->nsections; i++) {
        const struct or_section *s = rep->sections[i];
        enum or_chart_kind drawn;
        if (s->kind != OR_SECTION_CHART || s->chart == NULL) {
            continue;
        }
        if (or_chart_gate(rp, s->id, s->chart->kind, &drawn, err, errlen) != OR_OK) {
            or_chart_gated_free(g);
            return OR_ERR_CONFIG;
        }
        if (drawn == s->chart->kind) {
            continue;
        }
        if (g == NULL) {
            g = g_new0(struct or_chart_gated, 1);
            g->sections = g_memdup2(rep->sections, rep->nsections * sizeof(*rep->sections));
            g->copies = g_new0(struct or_section, rep->nsections);
            g->charts = g_new0(struct or_chart, rep->nsections);
        }
        degrade(g, i, drawn);
    }
    *out = g;
    return OR_OK;
}
