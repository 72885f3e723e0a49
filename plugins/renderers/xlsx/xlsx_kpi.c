/* SPDX-License-Identifier: MIT */
/* KPI tables on the Summary sheet: see xlsx_kpi.h. */
#include "xlsx_kpi.h"

#include <stdio.h>

#define NO_VALUE "\xE2\x80\x93" /* "–" */

/* One part of a tile in column @p col, as the host's formatter shows it in
 * every document: a number in the Excel format that reads the same. */
static or_status
write_part(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, const struct or_kpi *k,
           enum or_kpi_part part)
{
    struct or_display d = {.size = sizeof(d)};
    int direction = 0;
    int nomem = 0;
    if (x->h->format_kpi(x->h, k, part, 0, &d, &direction) != OR_OK) {
        snprintf(x->err, x->errlen, "%s: the host cannot format KPI '%s'", x->path,
                 xlsx_str(k->label));
        return OR_ERR_RENDER;
    }
    if (d.kind != OR_DISPLAY_NUMBER) {
        const char *text = d.kind == OR_DISPLAY_BLANK ? NO_VALUE : d.text;
        return xlsx_summary_text(x, sum, col, text, NULL, 1);
    }
    enum xlsx_tone tone = XLSX_TONE_PLAIN;
    if (part == OR_KPI_CHANGE && direction != 0) {
        int good = k->lower_is_better ? direction < 0 : direction > 0;
        tone = good ? XLSX_TONE_GOOD : XLSX_TONE_BAD;
    }
    lxw_format *f = xlsx_formats_code(&x->fmt, d.num_format, tone, &nomem);
    if (nomem) {
        return xlsx_ctx_nomem(x, "number format");
    }
    return xlsx_summary_shown(x, sum, col, d.number, f, d.text);
}

static or_status
write_kpi(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_kpi *k)
{
    or_status st = xlsx_summary_text(x, sum, 0, xlsx_str(k->label), NULL, 1);
    if (st == OR_OK) {
        st = write_part(x, sum, 1, k, OR_KPI_VALUE);
    }
    if (st == OR_OK && k->has_previous) {
        st = write_part(x, sum, 2, k, OR_KPI_PREVIOUS);
    }
    if (st == OR_OK && k->has_previous && k->has_value) {
        st = write_part(x, sum, 3, k, OR_KPI_CHANGE);
    }
    sum->row++;
    return st;
}

or_status
xlsx_kpi_block(struct xlsx_ctx *x, struct xlsx_summary *sum, const struct or_section *sec)
{
    static const char *const labels[] = {"KPI", "Value", "Previous", "Change"};
    or_status st = OR_OK;

    if (sec->title != NULL && sec->title[0] != '\0') {
        st = xlsx_summary_text(x, sum, 0, sec->title, x->fmt.heading, 0);
        sum->row++;
    }
    if (st == OR_OK && sec->description != NULL && sec->description[0] != '\0') {
        st = xlsx_summary_text(x, sum, 0, sec->description, x->fmt.note, 0);
        sum->row++;
    }
    if (st != OR_OK) {
        return st;
    }
    if (sec->unavailable != NULL) {
        char line[1024];
        snprintf(line, sizeof(line), "data unavailable: %s", sec->unavailable);
        st = xlsx_summary_text(x, sum, 0, line, x->fmt.error, 0);
        sum->row += 2;
        return st;
    }
    st = xlsx_summary_header(x, sum, labels, 4);
    for (size_t i = 0; st == OR_OK && i < sec->nkpis; i++) {
        st = write_kpi(x, sum, sec->kpis[i]);
    }
    sum->row++;
    return st;
}
