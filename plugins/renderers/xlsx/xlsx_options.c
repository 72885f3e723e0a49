/* SPDX-License-Identifier: MIT */
/* Renderer options: see xlsx_options.h. */
#include "xlsx_options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static or_status
parse_max_rows(const char *value, int64_t *out, char *err, size_t errlen)
{
    char *end = NULL;
    errno = 0;
    long long v = value != NULL ? strtoll(value, &end, 10) : 0;
    if (value == NULL || end == value || *end != '\0' || errno != 0 || v < 1 ||
        v > XLSX_MAX_ROWS_DEFAULT) {
        snprintf(err, errlen,
                 "xlsx: option " XLSX_OPTION_MAX_ROWS "='%s' is not a whole number from 1 "
                 "to %d",
                 value != NULL ? value : "", XLSX_MAX_ROWS_DEFAULT);
        return OR_ERR_INVALID;
    }
    *out = (int64_t)v;
    return OR_OK;
}

or_status
xlsx_options_parse(const struct or_option *const *options, size_t noptions,
                   struct xlsx_options *out, char *err, size_t errlen)
{
    char unknown[256];
    size_t nunknown = 0;
    size_t len = 0;

    out->max_rows = XLSX_MAX_ROWS_DEFAULT;
    unknown[0] = '\0';
    for (size_t i = 0; i < noptions; i++) {
        const char *name = options[i]->name != NULL ? options[i]->name : "";
        if (strcmp(name, XLSX_OPTION_MAX_ROWS) == 0) {
            or_status st = parse_max_rows(options[i]->value, &out->max_rows, err, errlen);
            if (st != OR_OK) {
                return st;
            }
            continue;
        }
        if (len < sizeof(unknown)) {
            len += (size_t)snprintf(unknown + len, sizeof(unknown) - len, "%s'%s'",
                                    nunknown > 0 ? ", " : "", name);
        }
        nunknown++;
    }
    if (nunknown > 0) {
        snprintf(err, errlen, "xlsx: unknown option%s %s (accepted: " XLSX_OPTION_MAX_ROWS ")",
                 nunknown > 1 ? "s" : "", unknown);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}
