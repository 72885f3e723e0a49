/* SPDX-License-Identifier: MIT */
/**
 * @file csv_profile.h
 * @brief CSV profiles (DESIGN.md §8 point 6): the dialect a renderer option selects.
 *
 * `rfc4180` (default) is for scripts: `,` and no BOM.  `excel` adds a UTF-8
 * BOM so Excel reads UTF-8.  `excel-eu` is for Excel in locales whose decimal
 * separator is a comma: BOM, `;` between fields and `72,08` in REAL values.
 * Every profile ends lines with CRLF.
 */
#ifndef OR_CSV_PROFILE_H
#define OR_CSV_PROFILE_H

#include <stddef.h>

#include "outreport/plugin.h"

/** Name of the one renderer option. */
#define CSV_OPTION_PROFILE "profile"

/** Accepted values of ::CSV_OPTION_PROFILE, as an ::or_param `choices` list. */
#define CSV_PROFILE_CHOICES "rfc4180,excel,excel-eu"

/** How fields are separated and numbers written. */
struct csv_dialect {
    char sep;           /**< field separator: ',' or ';' */
    char decimal_point; /**< decimal separator of REAL values: '.' or ',' */
    int bom;            /**< nonzero: the file starts with a UTF-8 BOM */
};

/**
 * @brief Turn renderer options into a dialect.
 * @param options  the options the host passed to render(); borrowed
 * @param noptions number of @p options
 * @param out      receives the dialect (rfc4180 when no profile is given)
 * @param err      filled on failure with one line naming the option
 * @param errlen   size of @p err
 * @return OR_OK, or OR_ERR_INVALID for an unknown option name or profile.
 */
or_status csv_profile_parse(const struct or_option *const *options, size_t noptions,
                            struct csv_dialect *out, char *err, size_t errlen);

#endif /* OR_CSV_PROFILE_H */
