/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_names.h
 * @brief Valid, unique worksheet names.
 *
 * Excel refuses a sheet name that is empty, longer than 31 characters,
 * contains any of []:*?/\, starts or ends with an apostrophe, equals
 * "History", or equals another sheet's name ignoring case.  The registry
 * turns any wanted name (a section title) into one Excel accepts.
 */
#ifndef OR_XLSX_NAMES_H
#define OR_XLSX_NAMES_H

#include <stddef.h>

#include "outreport/status.h"

/** Longest sheet name in UTF-16 units. */
#define XLSX_SHEETNAME_UNITS 31

/** Bytes that hold any sheet name: 31 characters of up to 4 bytes, and NUL. */
#define XLSX_SHEETNAME_SIZE 128

/** The names given out so far.  Zero-initialise; release with xlsx_names_free(). */
struct xlsx_names {
    char (*v)[XLSX_SHEETNAME_SIZE]; /**< owned array of names */
    size_t n;                       /**< names in use */
    size_t cap;                     /**< allocated entries */
};

/**
 * @brief Reserve a sheet name made from @p wanted.
 *
 * Forbidden characters and control characters become spaces, runs of
 * spaces collapse, leading and trailing spaces and apostrophes go, the name
 * is cut to 31 characters.  If nothing is left, @p fallback is used the same
 * way, then "Sheet".  Number @p k = 1 asks for the name as is; when it is
 * taken (ignoring case), @p clash is appended instead if that name is free.
 * Otherwise k > 1 gets " (k)" appended, the name cut so the whole stays
 * within 31 characters, k counting up until unique.
 *
 * @param wanted    desired name, UTF-8, or NULL
 * @param fallback  used when @p wanted yields nothing, or NULL
 * @param k         first number to try (1 = no suffix)
 * @param clash     suffix tried before numbers when the name is taken (" (chart)"), or NULL
 * @param out       receives the reserved name
 * @return OR_OK, OR_ERR_NOMEM, or OR_ERR_RENDER when no number up to
 *         100000 gives a free name
 */
or_status xlsx_names_add(struct xlsx_names *ns, const char *wanted, const char *fallback, int k,
                         const char *clash, char out[XLSX_SHEETNAME_SIZE]);

/** @brief Release the registry (NULL-safe on an empty one). */
void xlsx_names_free(struct xlsx_names *ns);

#endif /* OR_XLSX_NAMES_H */
