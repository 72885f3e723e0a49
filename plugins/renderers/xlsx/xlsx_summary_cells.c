/* SPDX-License-Identifier: MIT */
/* Cells of the Summary sheet: see xlsx_summary_cells.h. */
#include "xlsx_summary_cells.h"

#include <stdlib.h>
#include <string.h>

#include "xlsx_text.h"

or_status
xlsx_summary_text(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, const char *text,
                  lxw_format *format, int table)
{
    double width = 0.0;
    or_status st =
        xlsx_cell_text(x, &sum->sheet, sum->row, col, text, strlen(text), 0, format, &width);
    if (table && col < XLSX_SUMMARY_COLS && width + 2.0 > sum->widths[col]) {
        sum->widths[col] = width + 2.0;
    }
    return st;
}

or_status
xlsx_summary_number(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, double v,
                    lxw_format *format)
{
    double width = 0.0;
    or_status st = xlsx_cell_number(x, &sum->sheet, sum->row, col, v, format, &width);
    if (col < XLSX_SUMMARY_COLS && width + 2.0 > sum->widths[col]) {
        sum->widths[col] = width + 2.0;
    }
    return st;
}

or_status
xlsx_summary_shown(struct xlsx_ctx *x, struct xlsx_summary *sum, lxw_col_t col, double v,
                   lxw_format *format, const char *text)
{
    or_status st = xlsx_cell_number(x, &sum->sheet, sum->row, col, v, format, NULL);
    double width = xlsx_text_width(text, strlen(text));
    if (col < XLSX_SUMMARY_COLS && width + 2.0 > sum->widths[col]) {
        sum->widths[col] = width + 2.0;
    }
    return st;
}

or_status
xlsx_summary_header(struct xlsx_ctx *x, struct xlsx_summary *sum, const char *const *labels,
                    size_t n)
{
    or_status st = OR_OK;
    for (size_t i = 0; st == OR_OK && i < n; i++) {
        st = xlsx_summary_text(x, sum, (lxw_col_t)i, labels[i], x->fmt.header, 1);
    }
    sum->row++;
    return st;
}

or_status
xlsx_summary_line(struct xlsx_ctx *x, struct xlsx_summary *sum, const char *text,
                  lxw_format *format)
{
    or_status st = xlsx_summary_text(x, sum, 0, text, format, 0);
    sum->row++;
    return st;
}
