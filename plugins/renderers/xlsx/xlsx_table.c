/* SPDX-License-Identifier: MIT */
/* Streaming a section's rows onto sheets: see xlsx_table.h. */
#include "xlsx_table.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_brand.h"
#include "xlsx_cell.h"
#include "xlsx_cond.h"
#include "xlsx_quiet.h"

#define WIDTH_MIN 6.0
#define WIDTH_MAX 60.0
/* Room for the autofilter button beside a header label. */
#define HEADER_PAD 3.0
#define CELL_PAD 1.5

struct writer {
    struct xlsx_ctx *x;
    const struct or_section *sec;
    size_t si;
    const size_t *map;
    size_t nmap;
    double *widths;          /* per written column, of the current sheet */
    struct xlsx_sheet sheet; /* cell-writer state of the current sheet */
    size_t first;            /* part index of the section's first sheet */
    size_t part;             /* part index of the current sheet */
};

static or_status
start_sheet(struct writer *w, int number, int64_t first_row)
{
    struct xlsx_ctx *x = w->x;
    const struct or_result *res = w->sec->result;
    char base[XLSX_SHEETNAME_SIZE];
    or_status st;

    if (number > 1) {
        snprintf(base, sizeof(base), "%s", x->parts[w->first].sheet);
    }
    else {
        /* Named by the section's id (docs/templates.md): stable for formulas and scripts. */
        snprintf(base, sizeof(base), "%s", xlsx_str(w->sec->id));
    }
    st = xlsx_ctx_add_part(x, w->si, &w->part);
    if (st != OR_OK) {
        return st;
    }
    if (number == 1) {
        w->first = w->part;
    }
    struct xlsx_part *p = &x->parts[w->part];
    p->number = number;
    p->first_row = first_row;
    /* " (2)" names the second sheet of a long table; a chart whose title a
     * table already has says what it is instead. */
    const char *clash = number == 1 && w->sec->kind == OR_SECTION_CHART ? " (chart)" : NULL;
    st = xlsx_names_add(&x->names, base, number == 1 ? w->sec->title : NULL, number, clash,
                        p->sheet);
    if (st != OR_OK) {
        snprintf(x->err, x->errlen, "%s: no free sheet name for section '%s'", x->path,
                 xlsx_section_id(w->sec));
        return st;
    }
    errno = 0;
    struct xlsx_quiet q;
    char said[256];
    xlsx_quiet_begin(&q);
    p->ws = workbook_add_worksheet(x->wb, p->sheet);
    xlsx_quiet_end(&q, said, sizeof(said)); /* our message below says it */
    if (p->ws == NULL) {
        /* In constant-memory mode each sheet opens a temporary file beside the output. */
        snprintf(x->err, x->errlen, "%s: cannot add sheet '%s' (temporary file beside it): %s",
                 x->path, p->sheet, errno != 0 ? strerror(errno) : "out of memory");
        return errno == ENOMEM || errno == 0 ? OR_ERR_NOMEM : OR_ERR_IO;
    }
    if (x->rtl) {
        worksheet_right_to_left(p->ws); /* column A at the right, as the reader's language runs */
    }
    xlsx_brand_sheet(x, p->ws);
    w->sheet = (struct xlsx_sheet){.ws = p->ws, .name = p->sheet};
    for (size_t j = 0; j < w->nmap; j++) {
        const struct or_result_column *c = res->cols[w->map[j]];
        const char *label = c->label != NULL && c->label[0] != '\0' ? c->label : xlsx_str(c->name);
        double width = 0.0;
        st = xlsx_cell_text(x, &w->sheet, 0, (lxw_col_t)j, label, strlen(label), 0, x->fmt.header,
                            &width);
        if (st != OR_OK) {
            return st;
        }
        w->widths[j] = width + HEADER_PAD;
    }
    return OR_OK;
}

static or_status
finish_sheet(struct writer *w)
{
    struct xlsx_ctx *x = w->x;
    struct xlsx_part *p = &x->parts[w->part];
    lxw_error e;

    p->ntruncated = w->sheet.ntruncated;
    if (w->nmap == 0) {
        return OR_OK;
    }
    e = worksheet_autofilter(p->ws, 0, 0, (lxw_row_t)p->nrows, (lxw_col_t)(w->nmap - 1));
    if (e != LXW_NO_ERROR) {
        return xlsx_ctx_lxw(x, e, "cannot set the autofilter");
    }
    worksheet_freeze_panes(p->ws, 1, 0);
    /* On paper too: the header repeats on every page, wide tables go landscape. */
    e = worksheet_repeat_rows(p->ws, 0, 0);
    if (e != LXW_NO_ERROR) {
        return xlsx_ctx_lxw(x, e, "cannot repeat the header row");
    }
    if (w->sec->landscape) {
        worksheet_set_landscape(p->ws);
    }
    for (size_t j = 0; j < w->nmap && p->nrows > 0; j++) {
        const struct or_cond *cond =
            OR_HOST_SINCE(x->h, 3) ? w->sec->result->cols[w->map[j]]->cond : NULL;
        or_status st = xlsx_cond_range(x, p->ws, cond, 1, (lxw_row_t)p->nrows, (lxw_col_t)j);
        if (st != OR_OK) {
            return st;
        }
    }
    for (size_t j = 0; j < w->nmap; j++) {
        double width = w->widths[j];
        width = width < WIDTH_MIN ? WIDTH_MIN : (width > WIDTH_MAX ? WIDTH_MAX : width);
        e = worksheet_set_column(p->ws, (lxw_col_t)j, (lxw_col_t)j, width, NULL);
        if (e != LXW_NO_ERROR) {
            return xlsx_ctx_lxw(x, e, "cannot set a column width");
        }
    }
    return OR_OK;
}

static or_status
write_row(struct writer *w, const struct or_value *row, lxw_row_t r, int measure)
{
    const struct or_result *res = w->sec->result;
    for (size_t j = 0; j < w->nmap; j++) {
        double width = 0.0;
        or_status st = xlsx_cell_value(w->x, &w->sheet, r, (lxw_col_t)j, res->cols[w->map[j]],
                                       &row[w->map[j]], measure ? &width : NULL);
        if (st != OR_OK) {
            return st;
        }
        if (measure && width + CELL_PAD > w->widths[j]) {
            w->widths[j] = width + CELL_PAD;
        }
    }
    return OR_OK;
}

/* Step through the whole cursor, writing what fits; see xlsx_table_write(). */
static or_status
stream(struct writer *w, struct or_value *row, int one_sheet)
{
    struct xlsx_ctx *x = w->x;
    const struct or_result *res = w->sec->result;
    int64_t on_sheet = 0;
    or_status st = start_sheet(w, 1, 1);

    /* Written only on a failure, which ends the loop: cleared once, not per row. */
    char cerr[OR_ERR_SIZE];
    cerr[0] = '\0';
    for (int64_t n = 1; st == OR_OK; n++) {
        int more = 0;
        if (x->h->cursor_next(x->h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            more = -1;
        }
        if (more == 0) {
            break;
        }
        if (more < 0) {
            snprintf(x->err, x->errlen, "%s: cannot read row %" PRId64 " of section '%s': %s",
                     x->path, n, xlsx_section_id(w->sec), cerr);
            return OR_ERR_RENDER;
        }
        if (on_sheet == x->max_rows) {
            if (one_sheet) {
                x->parts[w->part].left_out++;
                continue;
            }
            st = finish_sheet(w);
            if (st == OR_OK) {
                st = start_sheet(w, x->parts[w->part].number + 1, n);
            }
            on_sheet = 0;
            if (st != OR_OK) {
                break;
            }
        }
        st = write_row(w, row, (lxw_row_t)(on_sheet + 1), on_sheet < XLSX_WIDTH_ROWS);
        on_sheet++;
        x->parts[w->part].nrows = on_sheet;
    }
    if (st == OR_OK) {
        st = finish_sheet(w);
    }
    return st;
}

or_status
xlsx_table_write(struct xlsx_ctx *x, size_t si, const size_t *map, size_t nmap, int one_sheet,
                 size_t *first)
{
    const struct or_section *sec = x->report->sections[si];
    const struct or_result *res = sec->result;
    struct writer w = {.x = x, .sec = sec, .si = si, .map = map, .nmap = nmap};
    struct or_value *row = NULL;
    or_status st;

    if (nmap > LXW_COL_MAX) {
        snprintf(x->err, x->errlen, "%s: section '%s' has %zu columns; a sheet holds %d", x->path,
                 xlsx_section_id(sec), nmap, LXW_COL_MAX);
        return OR_ERR_RENDER;
    }
    /* Another renderer may have stepped this cursor already. */
    char rerr[OR_ERR_SIZE] = "";
    if (x->h->cursor_rewind(x->h, res->cursor, rerr, sizeof(rerr)) != OR_OK) {
        snprintf(x->err, x->errlen, "%s: cannot rewind the rows of section '%s': %s", x->path,
                 xlsx_section_id(sec), rerr);
        return OR_ERR_RENDER;
    }
    row = calloc(res->ncols > 0 ? res->ncols : 1, sizeof(*row));
    w.widths = calloc(nmap > 0 ? nmap : 1, sizeof(*w.widths));
    if (row == NULL || w.widths == NULL) {
        st = xlsx_ctx_nomem(x, "row buffer");
        goto done;
    }
    st = stream(&w, row, one_sheet);
    *first = w.first;

done:
    free(w.widths);
    free(row);
    return st;
}

or_status
xlsx_table_section(struct xlsx_ctx *x, size_t si)
{
    const struct or_result *res = x->report->sections[si]->result;
    size_t *map = calloc(res->ncols > 0 ? res->ncols : 1, sizeof(*map));
    size_t first;

    if (map == NULL) {
        return xlsx_ctx_nomem(x, "column map");
    }
    for (size_t j = 0; j < res->ncols; j++) {
        map[j] = j;
    }
    or_status st = xlsx_table_write(x, si, map, res->ncols, 0, &first);
    free(map);
    return st;
}
