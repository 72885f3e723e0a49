/* SPDX-License-Identifier: MIT */
/* Heatmap sections: see xlsx_heatmap.h. */
#include "xlsx_heatmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_grid.h"
#include "xlsx_cell.h"
#include "xlsx_table.h"

#define LABEL_CAP 256
#define WIDTH_MIN 6.0
#define WIDTH_MAX 40.0

/* The text a label cell shows: text as it is, anything else as the host writes it. */
static void
label_of(struct xlsx_ctx *x, const struct or_result_column *c, const struct or_value *v, char *buf,
         size_t n)
{
    struct or_display d = {.size = sizeof(d)};
    if (v->is_null) {
        snprintf(buf, n, "%s", "\xE2\x80\x93"); /* the PDF's en dash */
    }
    else if (v->type == OR_TYPE_TEXT || x->h->format_cell(x->h, v, c->format, 0, &d) != OR_OK ||
             d.kind == OR_DISPLAY_TEXT) {
        snprintf(buf, n, "%.*s", v->s != NULL ? (int)v->len : 0, v->s != NULL ? v->s : "");
    }
    else {
        snprintf(buf, n, "%s", d.text);
    }
}

static int
number_of(const struct or_value *v, double *out)
{
    *out = v->type == OR_TYPE_REAL ? v->r : (double)v->i;
    return !v->is_null &&
           (v->type == OR_TYPE_INT || v->type == OR_TYPE_BOOL || v->type == OR_TYPE_REAL);
}

/* The section's rows as a grid (at most the sheet's row limit). */
static or_status
read_grid(struct xlsx_ctx *x, const struct or_section *sec, struct chart_grid *g)
{
    const struct or_result *res = sec->result;
    const struct or_chart *ch = sec->chart;
    struct or_value *row = calloc(res->ncols > 0 ? res->ncols : 1, sizeof(*row));
    char xl[LABEL_CAP];
    char yl[LABEL_CAP];
    char cerr[OR_ERR_SIZE] = "";
    or_status st = OR_OK;
    int more = row != NULL;
    if (row == NULL) {
        return xlsx_ctx_nomem(x, "heatmap row");
    }
    if (x->h->cursor_rewind(x->h, res->cursor, cerr, sizeof(cerr)) != OR_OK) {
        more = -1;
    }
    for (int64_t r = 0; more > 0 && r < x->max_rows; r++) {
        if (x->h->cursor_next(x->h, res->cursor, row, &more, cerr, sizeof(cerr)) != OR_OK) {
            more = -1;
        }
        if (more <= 0) {
            break;
        }
        double xv = 0.0;
        double yv = 0.0;
        double v = 0.0;
        int xn = number_of(&row[ch->x_col], &xv);
        int yn = number_of(&row[ch->y_col], &yv);
        label_of(x, res->cols[ch->x_col], &row[ch->x_col], xl, sizeof(xl));
        label_of(x, res->cols[ch->y_col], &row[ch->y_col], yl, sizeof(yl));
        int has = number_of(&row[ch->series_cols[0]], &v);
        if (chart_grid_add(g, xl, xn, xv, yl, yn, yv, has, v) != 0) {
            st = xlsx_ctx_nomem(x, "heatmap cells");
            break;
        }
    }
    free(row);
    if (st == OR_OK && more < 0) {
        snprintf(x->err, x->errlen, "%s: cannot read the rows of section '%s': %s", x->path,
                 xlsx_section_id(sec), cerr);
        st = OR_ERR_RENDER;
    }
    if (st == OR_OK && chart_grid_finish(g) != 0) {
        st = xlsx_ctx_nomem(x, "heatmap cells");
    }
    return st;
}

static const char *
label_or_name(const struct or_result_column *c)
{
    return c->label != NULL && c->label[0] != '\0' ? c->label : xlsx_str(c->name);
}

/* The header row: the rows' column label, then each x label. */
static or_status
write_header(struct xlsx_ctx *x, struct xlsx_sheet *s, const struct or_section *sec,
             const struct chart_grid *g, double *widths)
{
    const struct or_result *res = sec->result;
    const char *corner = label_or_name(res->cols[sec->chart->y_col]);
    or_status st = xlsx_cell_text(x, s, 0, 0, corner, strlen(corner), 0, x->fmt.header, &widths[0]);
    for (size_t c = 0; st == OR_OK && c < g->nx; c++) {
        const char *l = g->x.label[c];
        st = xlsx_cell_text(x, s, 0, (lxw_col_t)(c + 1), l, strlen(l), 0, x->fmt.header,
                            &widths[c + 1]);
    }
    return st;
}

/* A row per y label: the label, then its cells typed in the value's format. */
static or_status
write_cells(struct xlsx_ctx *x, struct xlsx_sheet *s, const struct or_section *sec,
            const struct chart_grid *g, double *widths)
{
    const struct or_result_column *vc = sec->result->cols[sec->chart->series_cols[0]];
    or_status st = OR_OK;
    for (size_t r = 0; st == OR_OK && r < g->ny; r++) {
        double w = 0.0;
        const char *l = g->y.label[r];
        st = xlsx_cell_text(x, s, (lxw_row_t)(r + 1), 0, l, strlen(l), 0, x->fmt.bold, &w);
        widths[0] = w > widths[0] ? w : widths[0];
        for (size_t c = 0; st == OR_OK && c < g->nx; c++) {
            if (!chart_grid_set(g, r, c)) {
                continue;
            }
            struct or_value v = {.type = OR_TYPE_REAL, .r = chart_grid_value(g, r, c)};
            st = xlsx_cell_value(x, s, (lxw_row_t)(r + 1), (lxw_col_t)(c + 1), vc, &v, &w);
            widths[c + 1] = w > widths[c + 1] ? w : widths[c + 1];
        }
    }
    return st;
}

/* The three-colour scale over the cells, its colours those of the PDF's heatmap. */
static or_status
colour_scale(struct xlsx_ctx *x, lxw_worksheet *ws, const struct chart_grid *g)
{
    struct chart_heat_scale scale = chart_heat_scale(x->has_palette ? x->palette : NULL);
    lxw_conditional_format cf = {
        .type = LXW_CONDITIONAL_3_COLOR_SCALE,
        .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_MINIMUM,
        .min_color = scale.low,
        .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_PERCENT,
        .mid_value = 50,
        .mid_color = scale.mid,
        .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_MAXIMUM,
        .max_color = scale.high,
    };
    lxw_error e =
        worksheet_conditional_format_range(ws, 1, 1, (lxw_row_t)g->ny, (lxw_col_t)g->nx, &cf);
    return e == LXW_NO_ERROR ? OR_OK : xlsx_ctx_lxw(x, e, "cannot set the heatmap's colour scale");
}

static or_status
write_grid(struct xlsx_ctx *x, const struct or_section *sec, struct xlsx_part *p,
           const struct chart_grid *g)
{
    double *widths = calloc(g->nx + 1, sizeof(*widths));
    struct xlsx_sheet s = {.ws = p->ws, .name = p->sheet};
    if (widths == NULL) {
        return xlsx_ctx_nomem(x, "column widths");
    }
    or_status st = write_header(x, &s, sec, g, widths);
    if (st == OR_OK) {
        st = write_cells(x, &s, sec, g, widths);
    }
    if (st == OR_OK && g->nx > 0 && g->ny > 0) {
        st = colour_scale(x, p->ws, g);
    }
    for (size_t c = 0; st == OR_OK && c <= g->nx; c++) {
        double w = widths[c] + 2.0;
        w = w < WIDTH_MIN ? WIDTH_MIN : (w > WIDTH_MAX ? WIDTH_MAX : w);
        lxw_error e = worksheet_set_column(p->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        st = e == LXW_NO_ERROR ? OR_OK : xlsx_ctx_lxw(x, e, "cannot set a column width");
    }
    if (st == OR_OK) {
        worksheet_freeze_panes(p->ws, 1, 1);
        p->ntruncated = s.ntruncated;
        p->nrows = (int64_t)g->ny;
    }
    free(widths);
    return st;
}

or_status
xlsx_heatmap_section(struct xlsx_ctx *x, size_t si)
{
    const struct or_section *sec = x->report->sections[si];
    const struct or_chart *c = sec->chart;
    const struct or_result *res = sec->result;
    size_t first = 0;
    struct chart_grid g;
    memset(&g, 0, sizeof(g));
    if (c->x_col >= res->ncols || c->y_col >= res->ncols || c->nseries != 1 ||
        c->series_cols[0] >= res->ncols) {
        snprintf(x->err, x->errlen, "%s: heatmap of section '%s' names columns it lacks", x->path,
                 xlsx_section_id(sec));
        return OR_ERR_RENDER;
    }
    /* No column mapped: the section's sheet, named as every section's is, and
     * still empty (constant memory writes rows in order), for the grid. */
    or_status st = xlsx_table_write(x, si, NULL, 0, 1, &first);
    if (st == OR_OK) {
        st = read_grid(x, sec, &g);
    }
    if (st == OR_OK) {
        st = write_grid(x, sec, &x->parts[first], &g);
    }
    chart_grid_free(&g);
    return st;
}
