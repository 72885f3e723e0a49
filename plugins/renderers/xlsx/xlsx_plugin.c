/* SPDX-License-Identifier: MIT */
/*
 * The XLSX renderer plugin: one workbook per report with a Summary sheet,
 * a sheet per table and chart section, typed cells and native charts,
 * streamed with libxlsxwriter.  This file holds only the descriptor and the
 * one exported symbol; everything else is hidden.
 */
#include "outreport/plugin.h"

#include "xlsx_options.h"
#include "xlsx_render.h"

static const struct or_param *const xlsx_options[] = {
    OR_PARAM(.name = XLSX_OPTION_MAX_ROWS, .type = OR_PARAM_INT, .required = 0,
             .description = "data rows per sheet before a table continues on the next sheet, "
                            "1 to 1048575 (default 1048575, Excel's limit; smaller values are "
                            "for tests)",
             .choices = NULL, ),
};

static const struct or_renderer xlsx_renderer = {
    .size = sizeof(struct or_renderer),
    .format = "xlsx",
    .mime_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    .options = xlsx_options,
    .noptions = sizeof(xlsx_options) / sizeof(xlsx_options[0]),
    .render = xlsx_render,
    .streams = 1, /* one pass over each table; sources read last */
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "xlsx", .version = "0.1.0",
                 .description =
                     "Excel workbooks (libxlsxwriter): Summary sheet, a sheet per section, "
                     "typed cells, native charts",
                 .renderer = &xlsx_renderer);
