/* SPDX-License-Identifier: MIT */
/* KPI tiles: see html_kpi.h.  The texts are the host's, as in every
 * document (chart_fmt_kpi); a change is shown by arrow, sign and colour,
 * never by colour alone. */
#include "html_kpi.h"

#include <stdio.h>

#include "chart_fmt.h"
#include "html_cond.h"
#include "orr_text.h"

static void
tile(struct html_doc *d, const struct or_kpi *k)
{
    char value[CHART_FMT_BUFSIZE];
    char prev[CHART_FMT_BUFSIZE];
    char change[CHART_FMT_BUFSIZE];
    int direction = 0;
    chart_fmt_kpi(d->h, k, OR_KPI_VALUE, value, sizeof(value), NULL);
    html_raw(&d->out, "<div class=\"tile\"><p class=\"label\">");
    html_text(&d->out, k->label);
    /* A KPI's "good" and "bad" thresholds colour its value. */
    html_raw(&d->out, "</p><p class=\"value\"><span");
    if (k->has_value && OR_HOST_SINCE(d->h, 3)) {
        html_cond_style(d, k->cond, k->value);
    }
    html_raw(&d->out, ">");
    html_text(&d->out, value);
    html_raw(&d->out, "</span></p><p class=\"change\">");
    if (!k->has_previous) {
        char none[256];
        orr_text(d->h, "no_previous", "no previous period", NULL, 0, none, sizeof(none));
        html_raw(&d->out, "<span class=\"prev\">");
        html_text(&d->out, none);
        html_raw(&d->out, "</span>");
    }
    else {
        chart_fmt_kpi(d->h, k, OR_KPI_PREVIOUS, prev, sizeof(prev), NULL);
        if (chart_fmt_kpi(d->h, k, OR_KPI_CHANGE, change, sizeof(change), &direction) > 0) {
            int good = k->lower_is_better ? direction < 0 : direction > 0;
            const char *cls = direction == 0 ? "flat" : good ? "good" : "bad";
            const char *arrow = direction > 0   ? "\xE2\x96\xB2 "
                                : direction < 0 ? "\xE2\x96\xBC "
                                                : "";
            html_rawf(&d->out, "<span class=\"%s\">%s", cls, arrow);
            html_text(&d->out, change);
            html_raw(&d->out, "</span> ");
        }
        char line[CHART_FMT_BUFSIZE * 2];
        const char *const args[] = {prev};
        orr_text(d->h, "previous", "prev {1}", args, 1, line, sizeof(line));
        html_raw(&d->out, "<span class=\"prev\">");
        html_text(&d->out, line);
        html_raw(&d->out, "</span>");
    }
    html_raw(&d->out, "</p></div>\n");
}

void
html_kpis(struct html_doc *d, const struct or_section *sec)
{
    html_raw(&d->out, "<div class=\"tiles\">\n");
    for (size_t i = 0; i < sec->nkpis; i++) {
        tile(d, sec->kpis[i]);
    }
    html_raw(&d->out, "</div>\n");
}
