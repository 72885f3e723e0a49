/* SPDX-License-Identifier: MIT */
/* The tables and charts of the plain-text mail body: see mail_text.h. */
#include "deliver/mail_text.h"

#include <stdio.h>
#include <string.h>

#include "base/catalog.h"
#include "base/cellfmt.h"
#include "base/valuefmt.h"
#include "dataset/cursor.h"

/* The text of one cell, as the documents show it. */
static void
cell(GString *out, const struct or_value *v, enum or_format fmt, const struct or_cellfmt *c)
{
    struct or_display d = {.size = sizeof(d)};
    if (v->is_null) {
        g_string_append(out, "\xE2\x80\x93");
        return;
    }
    if (or_value_cell(v, fmt, c, &d) != OR_OK || d.kind == OR_DISPLAY_TEXT) {
        for (const char *p = v->s != NULL ? v->s : ""; *p != '\0'; p++) {
            g_string_append_c(out, (unsigned char)*p < 0x20 ? ' ' : *p);
        }
        return;
    }
    g_string_append(out, d.text);
}

/* "  label | label" then up to @p max_rows rows, then how many there are. */
static void
rows_text(GString *out, const struct or_report *r, const struct or_section *sec,
          const struct or_cellfmt *c, size_t max_rows)
{
    const struct or_result *res = sec->result;
    struct or_value *row = g_new0(struct or_value, res->ncols);
    g_string_append_printf(out, "\n%s\n ", sec->title != NULL ? sec->title : sec->id);
    for (size_t i = 0; i < res->ncols; i++) {
        const struct or_result_column *col = res->cols[i];
        g_string_append_printf(out, "%s %s", i > 0 ? " |" : "",
                               col->label != NULL ? col->label : col->name);
    }
    g_string_append_c(out, '\n');
    size_t n = 0;
    int has = 0;
    if (or_cursor_rewind(res->cursor) == OR_OK) {
        while (n < max_rows && or_cursor_next(res->cursor, row, &has) == OR_OK && has) {
            g_string_append_c(out, ' ');
            for (size_t i = 0; i < res->ncols; i++) {
                g_string_append(out, i > 0 ? " | " : " ");
                cell(out, &row[i], res->cols[i]->format, c);
            }
            g_string_append_c(out, '\n');
            n++;
        }
    }
    if (res->nrows > (int64_t)n) {
        char a[32];
        char b[64];
        char line[256];
        snprintf(a, sizeof(a), "%zu", n);
        struct or_value total = {.type = OR_TYPE_INT, .i = res->nrows};
        if (or_value_text_loc(&total, OR_FMT_INTEGER, -1, NULL, NULL, c->loc, b, sizeof(b)) !=
            OR_OK) {
            snprintf(b, sizeof(b), "%lld", (long long)res->nrows);
        }
        const char *const args[] = {a, b};
        or_catalog_text_or(r->locale, "mail.more_rows",
                           "(rows 1-{1} of {2}: the attached documents hold every row)", args, 2,
                           line, sizeof(line));
        g_string_append_printf(out, "  %s\n", line);
    }
    g_free(row);
}

void
or_mail_text_tables(GString *out, const struct or_report *r, const struct or_cellfmt *c,
                    size_t max_rows)
{
    for (size_t i = 0; i < r->nsections; i++) {
        const struct or_section *sec = r->sections[i];
        if ((sec->kind != OR_SECTION_TABLE && sec->kind != OR_SECTION_CHART) ||
            sec->unavailable != NULL || sec->result == NULL || sec->result->cursor == NULL ||
            sec->result->ncols == 0) {
            continue;
        }
        rows_text(out, r, sec, c, max_rows);
    }
}
