/* SPDX-License-Identifier: MIT */
/* The CSV renderer's render(): see csv_render.h. */
#include "csv_render.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_field.h"
#include "csv_out.h"
#include "csv_profile.h"

static const char utf8_bom[] = "\xEF\xBB\xBF";

static const char *
or_str(const char *s)
{
    return s != NULL ? s : "";
}

/* The first table section with data or a reason why it has none. */
static const struct or_section *
first_table(const struct or_report *report)
{
    for (size_t i = 0; i < report->nsections; i++) {
        const struct or_section *s = report->sections[i];
        if (s->kind == OR_SECTION_TABLE && (s->result != NULL || s->unavailable != NULL)) {
            return s;
        }
    }
    return NULL;
}

static void
write_header(struct csv_out *o, const struct csv_dialect *d, const struct or_result *res)
{
    for (size_t c = 0; c < res->ncols; c++) {
        if (c > 0) {
            csv_out_putc(o, d->sep);
        }
        const char *name = or_str(res->cols[c]->name);
        csv_field_text(o, d->sep, name, strlen(name));
    }
    csv_out_write(o, "\r\n", 2);
}

/* Stream every row; row numbers in messages count data lines from 1. */
static or_status
write_rows(const struct or_host *h, struct csv_out *o, const struct csv_dialect *d,
           const struct or_section *sec, struct or_value *row, char *err, size_t errlen)
{
    const struct or_result *res = sec->result;
    /* Written only on a failure, which ends the loop: cleared once, not per row. */
    char cerr[OR_ERR_SIZE];
    cerr[0] = '\0';
    for (int64_t n = 1;; n++) {
        int more = 0;
        if (h->cursor_next(h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            snprintf(err, errlen, "%s: cannot read row %" PRId64 " of section '%s': %s", o->path, n,
                     or_str(sec->id), cerr);
            return OR_ERR_RENDER;
        }
        if (!more) {
            return OR_OK;
        }
        for (size_t c = 0; c < res->ncols; c++) {
            if (c > 0) {
                csv_out_putc(o, d->sep);
            }
            if (csv_field_value(o, d, h, res->cols[c]->format, &row[c]) != OR_OK) {
                snprintf(err, errlen,
                         "%s: cannot format value of column '%s' in row %" PRId64
                         " of section '%s'",
                         o->path, or_str(res->cols[c]->name), n, or_str(sec->id));
                return OR_ERR_RENDER;
            }
        }
        csv_out_write(o, "\r\n", 2);
        if (o->error != 0) {
            return csv_out_status(o, err, errlen);
        }
    }
}

or_status
csv_render(const struct or_host *h, const struct or_report *report, const char *path,
           const struct or_option *const *options, size_t noptions, char *err, size_t errlen)
{
    char scratch[1];
    struct csv_out out = CSV_OUT_INIT;
    struct or_value *row = NULL;
    struct csv_dialect d;
    or_status st;

    if (err == NULL) {
        err = scratch;
        errlen = sizeof(scratch);
    }
    if (h == NULL || report == NULL || path == NULL) {
        snprintf(err, errlen, "csv: render called without host, report or path");
        return OR_ERR_INVALID;
    }
    st = csv_profile_parse(options, noptions, &d, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const struct or_section *sec = first_table(report);
    if (sec == NULL) {
        snprintf(err, errlen, "%s: report has no table section", path);
        return OR_ERR_RENDER;
    }
    if (sec->unavailable != NULL) {
        snprintf(err, errlen, "%s: section '%s': %s", path, or_str(sec->id), sec->unavailable);
        return OR_ERR_RENDER;
    }
    const struct or_result *res = sec->result;
    /* Another renderer may have stepped this cursor already. */
    char cerr[OR_ERR_SIZE] = "";
    if (h->cursor_rewind(h, res->cursor, cerr, sizeof(cerr)) != OR_OK) {
        snprintf(err, errlen, "%s: cannot rewind the rows of section '%s': %s", path,
                 or_str(sec->id), cerr);
        return OR_ERR_RENDER;
    }
    row = calloc(res->ncols > 0 ? res->ncols : 1, sizeof(*row));
    if (row == NULL) {
        snprintf(err, errlen, "%s: out of memory", path);
        return OR_ERR_NOMEM;
    }

    st = csv_out_open(&out, path, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    if (d.bom) {
        csv_out_write(&out, utf8_bom, sizeof(utf8_bom) - 1);
    }
    write_header(&out, &d, res);
    st = write_rows(h, &out, &d, sec, row, err, errlen);
    if (st != OR_OK) {
        goto fail;
    }
    st = csv_out_close(&out, err, errlen);
    free(row);
    return st;

fail:
    csv_out_discard(&out);
    free(row);
    return st;
}
