/* SPDX-License-Identifier: MIT */
/*
 * The CSV renderer plugin: one table per file, RFC 4180 quoting, CRLF lines,
 * profiles for scripts (rfc4180), Excel (excel) and European Excel
 * (excel-eu).  This file holds only the descriptor and the one exported
 * symbol; everything else is hidden.
 */
#include "outreport/plugin.h"

#include "csv_profile.h"
#include "csv_render.h"

static const struct or_param *const csv_options[] = {
    OR_PARAM(.name = CSV_OPTION_PROFILE, .type = OR_PARAM_ENUM, .required = 0,
             .description = "rfc4180 (default: ',' and no BOM), excel (UTF-8 BOM), "
                            "excel-eu (BOM, ';' and decimal comma)",
             .choices = CSV_PROFILE_CHOICES, ),
};

static const struct or_renderer csv_renderer = {
    .size = sizeof(struct or_renderer),
    .format = "csv",
    .mime_type = "text/csv",
    .options = csv_options,
    .noptions = sizeof(csv_options) / sizeof(csv_options[0]),
    .render = csv_render,
    .streams = 1, /* one pass over each table; sources read last */
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "csv", .version = "0.1.0",
                 .description = "CSV files (RFC 4180) with rfc4180, excel and excel-eu profiles",
                 .renderer = &csv_renderer);
