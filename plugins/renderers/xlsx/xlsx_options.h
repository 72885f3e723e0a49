/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_options.h
 * @brief Options of the XLSX renderer (`--option KEY=VALUE`).
 *
 * `max_rows`: data rows per sheet before a table continues on the next
 * sheet, 1 to 1,048,575 (Excel's limit below the header, the default).
 * Meant for tests, which can then split a table without a million rows.
 */
#ifndef OR_XLSX_OPTIONS_H
#define OR_XLSX_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Name of the rows-per-sheet option. */
#define XLSX_OPTION_MAX_ROWS "max_rows"

/** Excel's rows per sheet, less the header row. */
#define XLSX_MAX_ROWS_DEFAULT 1048575

/** Options after validation. */
struct xlsx_options {
    int64_t max_rows; /**< data rows per sheet */
};

/**
 * @brief Validate @p options into @p out (defaults for what is not given).
 * @return OR_OK; OR_ERR_INVALID naming every unknown option, or a
 *         max_rows that is not a whole number from 1 to 1,048,575
 */
or_status xlsx_options_parse(const struct or_option *const *options, size_t noptions,
                             struct xlsx_options *out, char *err, size_t errlen);

#endif /* OR_XLSX_OPTIONS_H */
