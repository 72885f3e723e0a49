/* SPDX-License-Identifier: MIT */
/* One section of the HTML document: see html_section.h. */
#include "html_section.h"

#include <string.h>
#include <strings.h>

#include "html_chart.h"
#include "html_kpi.h"
#include "html_table.h"
#include "orr_text.h"

static void
unavailable(struct html_doc *d, const char *reason)
{
    static const char prefix[] = "data unavailable";
    char none[256];
    char line[1024];
    orr_text(d->h, "no_reason", "no reason given", NULL, 0, none, sizeof(none));
    const char *const args[] = {reason[0] != '\0' ? reason : none};
    html_raw(&d->out, "<p class=\"alert warn\" role=\"note\">");
    if (strncasecmp(reason, prefix, sizeof(prefix) - 1) != 0) {
        orr_text(d->h, "unavailable", "data unavailable: {1}", args, 1, line, sizeof(line));
        html_text(&d->out, line);
    }
    else {
        html_text(&d->out, reason);
    }
    html_raw(&d->out, "</p>\n");
}

/* Paragraphs, one per line of the text. */
static void
paragraphs(struct html_doc *d, const char *text)
{
    const char *p = text != NULL ? text : "";
    while (*p != '\0') {
        const char *nl = strchr(p, '\n');
        size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
        if (n > 0) {
            html_raw(&d->out, "<p>");
            html_textn(&d->out, p, n);
            html_raw(&d->out, "</p>\n");
        }
        p += n + (nl != NULL ? 1 : 0);
    }
}

or_status
html_section(struct html_doc *d, const struct or_section *sec, size_t index, char *err,
             size_t errlen)
{
    or_status st = OR_OK;
    if (sec->kind == OR_SECTION_PAGE_BREAK) {
        html_raw(&d->out, "<div class=\"break\"></div>\n");
        return OR_OK;
    }
    html_rawf(&d->out, "<section aria-labelledby=\"s%zu\">\n<h2 id=\"s%zu\">", index, index);
    html_text(&d->out, sec->title != NULL && sec->title[0] != '\0' ? sec->title : sec->id);
    html_raw(&d->out, "</h2>\n");
    html_para(&d->out, "desc", sec->description);
    if (sec->unavailable != NULL) {
        unavailable(d, sec->unavailable);
    }
    else {
        switch (sec->kind) {
        case OR_SECTION_TABLE: st = html_table(d, sec, err, errlen); break;
        case OR_SECTION_KPIS: html_kpis(d, sec); break;
        case OR_SECTION_CHART: st = html_chart(d, sec, err, errlen); break;
        case OR_SECTION_TEXT: paragraphs(d, sec->text); break;
        default: break;
        }
    }
    html_raw(&d->out, "</section>\n");
    return st;
}
