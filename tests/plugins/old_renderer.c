/* SPDX-License-Identifier: MIT */
/*
 * A renderer built against the ABI 2.1 headers (tests/abi/2.1), as a third
 * party built it before 2.2 added split documents and cells: it knows no
 * or_report.split_label and no format_cell.  A newer host must run it, and
 * a split's document must still name the person (test_plugin_abi).
 *
 * Format "oldtxt": a text file with the title, then every KPI tile as
 * "label: value" through the 2.1 host's format_value.
 */
#include <stdio.h>

#include "outreport/plugin.h"

_Static_assert(OR_ABI_MAJOR == 2 && OR_ABI_MINOR == 1, "built against the ABI 2.1 headers");

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
    }
    return fclose(f) == 0 ? OR_OK : OR_ERR_IO;
}

static const struct or_renderer renderer = {
    .size = sizeof(struct or_renderer),
    .format = "oldtxt",
    .mime_type = "text/plain",
    .render = render,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "oldtxt", .version = "2.1.0",
                 .description = "a renderer built against plugin ABI 2.1", .renderer = &renderer);
