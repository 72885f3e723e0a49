/* SPDX-License-Identifier: MIT */
/*
 * A renderer built against the headers of an older ABI, as a third party
 * built it then: against tests/abi/2.1 (format "oldtxt"), before 2.2 added
 * split documents, cells and trend charts, and against tests/abi/2.2
 * (format "oldtxt22"), before 2.3 added the heatmap, combo and stacked area
 * charts.  A newer host must run it, name the person of a split in the
 * title it knows, and hand it no chart kind its enum does not have
 * (test_plugin_abi).
 *
 * A text file: the title, every KPI tile as "label: value" through the
 * host's format_value, and every chart as "chart ID: kind N" (with
 * " (unknown)" for a kind past this header's OR_CHART_KIND_COUNT).
 */
#include <stdio.h>

#include "outreport/plugin.h"

#if OR_ABI_MINOR == 1
#define FORMAT "oldtxt"
#define VERSION "2.1.0"
#else
#define FORMAT "oldtxt22"
#define VERSION "2.2.0"
#endif
_Static_assert(OR_ABI_MAJOR == 2 && (OR_ABI_MINOR == 1 || OR_ABI_MINOR == 2),
               "built against the ABI 2.1 or 2.2 headers");

static or_status
render(const struct or_host *h, const struct or_report *report, const char *path,
       const struct or_option *const *options, size_t noptions, char *err, size_t errlen)
{
    (void)options, (void)noptions;
    FILE *f = fopen(path, "w");
    if (f == NULL) {
        snprintf(err, errlen, "%s: cannot write", path);
        return OR_ERR_IO;
    }
    fprintf(f, "title: %s\n", report->title);
    for (size_t s = 0; s < report->nsections; s++) {
        const struct or_section *sec = report->sections[s];
        for (size_t k = 0; k < sec->nkpis; k++) {
            const struct or_kpi *kpi = sec->kpis[k];
            struct or_value v = {.type = OR_TYPE_REAL, .r = kpi->value, .is_null = !kpi->has_value};
            char text[64];
            h->format_value(h, &v, kpi->format, -1, text, sizeof(text));
            fprintf(f, "%s: %s\n", kpi->label, text);
        }
        if (sec->kind == OR_SECTION_CHART) {
            int kind = (int)sec->chart->kind;
            fprintf(f, "chart %s: kind %d%s\n", sec->id, kind,
                    kind >= OR_CHART_KIND_COUNT ? " (unknown)" : "");
        }
    }
    return fclose(f) == 0 ? OR_OK : OR_ERR_IO;
}

static const struct or_renderer renderer = {
    .size = sizeof(struct or_renderer),
    .format = FORMAT,
    .mime_type = "text/plain",
    .render = render,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = FORMAT, .version = VERSION,
                 .description = "a renderer built against an older plugin ABI",
                 .renderer = &renderer);
