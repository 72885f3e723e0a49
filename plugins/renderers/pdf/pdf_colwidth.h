/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_colwidth.h
 * @brief Column widths of a table from its content.
 *
 * The first ::PDF_COLWIDTH_SAMPLE rows are formatted and measured; a
 * column's natural width is its widest sampled cell or the longest word of
 * its label, whichever is wider.  Columns are then fitted to the page:
 * spare width is shared in proportion to the natural widths; when the
 * natural widths do not fit, the narrow columns keep theirs and the wide
 * ones share what is left equally (their cells end in "…").
 */
#ifndef OR_PDF_COLWIDTH_H
#define OR_PDF_COLWIDTH_H

#include <stddef.h>

#include <hpdf.h>

#include "outreport/plugin.h"
#include "pdf_font.h"

/** Rows sampled for the widths. */
#define PDF_COLWIDTH_SAMPLE 200

/** Horizontal padding inside a cell, each side. */
#define PDF_CELL_PAD 4.5f

/** Widths and alignment of a table's columns.  Owned; pdf_colwidth_free(). */
struct pdf_columns {
    size_t n;      /**< number of columns */
    float *width;  /**< width of each column in points */
    int *align;    /**< 1 left, 2 right, 3 centre (after resolving "auto") */
    char **label;  /**< clean UTF-8 label of each column (owned) */
    float natural; /**< sum of the natural widths, before fitting */
};

/**
 * @brief Measure the sample and fit the widths into @p avail points.
 *
 * Rewinds the cursor before and after reading the sample.
 *
 * @return OR_OK; OR_ERR_RENDER when the cursor fails (message names the
 *         section); OR_ERR_NOMEM.  On failure @p out holds nothing.
 */
or_status pdf_colwidth_measure(const struct or_host *h, const struct or_section *sec,
                               const struct pdf_font *regular, const struct pdf_font *bold,
                               float size, float avail, struct pdf_columns *out, char *err,
                               size_t errlen);

/** @brief Release what pdf_colwidth_measure() allocated; safe on a zeroed struct. */
void pdf_colwidth_free(struct pdf_columns *c);

#endif /* OR_PDF_COLWIDTH_H */
