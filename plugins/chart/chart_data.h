/* SPDX-License-Identifier: MIT */
/**
 * @file chart_data.h
 * @brief The numbers behind a chart, read from a section's cursor.
 *
 * Categories are the formatted, cleaned text of the chart's x column; each
 * series is one value column (INT, REAL or BOOL; anything else, NULL and
 * non-finite reals are missing values; magnitudes are capped at 1e300 so
 * sums stay finite).  At most ::CHART_MAX_CATEGORIES rows are read;
 * `truncated` then tells the caller to say so under the chart.
 */
#ifndef OR_CHART_DATA_H
#define OR_CHART_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "outreport/plugin.h"

/** Colours of a chart palette (a brand's: orr_palette()). */
#define CHART_PALETTE_SIZE 8

/** Rows a chart reads at most. */
#define CHART_MAX_CATEGORIES 1000

/** A chart's data.  Owned; chart_data_free(). */
struct chart_data {
    const struct or_host *h; /**< borrowed: the host, whose formatter writes the labels */
    enum or_chart_kind kind; /**< what to draw */
    int horizontal;          /**< bars grow to the right */
    size_t ncat;             /**< number of categories (rows read) */
    size_t nseries;          /**< number of series */
    char **cat;              /**< ncat clean category labels (owned) */
    char **series;           /**< nseries clean series names (owned) */
    enum or_format *format;  /**< nseries value formats */
    double *value;           /**< nseries * ncat values, series-major */
    unsigned char *missing;  /**< nseries * ncat flags: 1 = no value */
    char *x_label;           /**< clean axis title or NULL (owned) */
    char *y_label;           /**< clean axis title or NULL (owned) */
    unsigned char *marked;   /**< ncat flags (trend): 1 = a current category (owned) */
    int truncated;           /**< nonzero: the result had more rows than were read */
    int64_t total_rows;      /**< rows of the result (from nrows) */
    const uint32_t *palette; /**< borrowed: ::CHART_PALETTE_SIZE series colours (a brand's,
                                  set by the renderer after chart_data_load()), or NULL:
                                  the Okabe–Ito palette */
    /* A heatmap's categories are its rows (y), its series its columns (x):
     * the value at column s of row c is chart_value(cd, s, c). */
    char *value_name; /**< HEATMAP: the value column's label, titling the colour scale (owned) */
    size_t nlines;    /**< COMBO: the last nlines series are lines over the bars */
    int secondary;    /**< COMBO: nonzero: the lines have their own axis, at the right */
    char *y2_label;   /**< COMBO: that axis' clean title or NULL (owned) */
};

/** @brief Value of series @p s at category @p c. */
static inline double
chart_value(const struct chart_data *cd, size_t s, size_t c)
{
    return cd->value[s * cd->ncat + c];
}

/** @brief Nonzero when series @p s has no value at category @p c. */
static inline int
chart_missing(const struct chart_data *cd, size_t s, size_t c)
{
    return cd->missing[s * cd->ncat + c];
}

/**
 * @brief Check the chart description against the result and read the data.
 * @param who the renderer ("pdf", "html"), which starts every message
 * @return OR_OK; OR_ERR_RENDER for a chart naming columns the result lacks,
 *         or a cursor that cannot be rewound or read (naming the section);
 *         OR_ERR_NOMEM.  On failure @p out holds nothing.
 */
or_status chart_data_load(const struct or_host *h, const char *who, const struct or_section *sec,
                          struct chart_data *out, char *err, size_t errlen);

/** @brief Release the data; safe on a zeroed struct. */
void chart_data_free(struct chart_data *cd);

#endif /* OR_CHART_DATA_H */
