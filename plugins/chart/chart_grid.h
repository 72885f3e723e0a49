/* SPDX-License-Identifier: MIT */
/**
 * @file chart_grid.h
 * @brief The cells of a heatmap: rows of (x, y, value) placed on a grid.
 *
 * The columns are the distinct x labels and the rows the distinct y labels,
 * each in the order they first appear in the rows, or by number when every
 * value of the column is a number (hours 8, 9, 10 in numeric order, however
 * the query sorts them).  A pair given twice keeps its first row.  Plain C
 * with no library: the PDF and HTML charts (chart_data.c) and the
 * workbook's conditional-format table (renderer_xlsx) share it.
 */
#ifndef OR_CHART_GRID_H
#define OR_CHART_GRID_H

#include <stddef.h>

/*
 * The heatmap's colour scale, the same in every document: the smallest
 * value's colour, the colour half-way between the smallest and the largest,
 * the largest value's (ColorBrewer's "Blues"), mixed linearly between them
 * as the workbook's native three-colour scale mixes them.
 */
#define CHART_HEAT_LOW 0xDEEBF7u  /**< the smallest value */
#define CHART_HEAT_MID 0x6BAED6u  /**< half-way between the smallest and the largest */
#define CHART_HEAT_HIGH 0x08519Cu /**< the largest value */
#define CHART_HEAT_NONE 0xF3F4F6u /**< a cell without a value (PDF, HTML) */

/** The distinct labels of one axis.  Owned by its ::chart_grid. */
struct chart_keys {
    size_t n;     /**< distinct labels */
    size_t cap;   /**< allocated entries */
    char **label; /**< n owned copies */
    double *num;  /**< n numbers of the labels, where numeric */
    int text;     /**< nonzero once a label that is no number was added */
};

/** The grid.  Zero it before the first chart_grid_add(); chart_grid_free(). */
struct chart_grid {
    struct chart_keys x; /**< the columns */
    struct chart_keys y; /**< the rows */
    size_t ny;           /**< after chart_grid_finish(): y.n */
    size_t nx;           /**< after chart_grid_finish(): x.n */
    double *value;       /**< after chart_grid_finish(): ny * nx values, row-major */
    unsigned char *set;  /**< after chart_grid_finish(): ny * nx flags, 1 = the cell has a value */
    size_t nrows;        /**< rows added */
    size_t cap;          /**< allocated rows */
    size_t *xi;          /**< per row: its column */
    size_t *yi;          /**< per row: its row */
    double *v;           /**< per row: its value */
    unsigned char *has;  /**< per row: 1 = a value, 0 = NULL */
};

/**
 * @brief Add one row: the cell at labels @p xl, @p yl (each with its number
 * when @p xnum / @p ynum is nonzero) holds @p v when @p has is nonzero.
 * @return 0, or -1 when out of memory.
 */
int chart_grid_add(struct chart_grid *g, const char *xl, int xnum, double xv, const char *yl,
                   int ynum, double yv, int has, double v);

/**
 * @brief Order the axes and fill value and set.
 * @return 0, or -1 when out of memory.
 */
int chart_grid_finish(struct chart_grid *g);

/** @brief Value of the cell at row @p r, column @p c (after chart_grid_finish()). */
static inline double
chart_grid_value(const struct chart_grid *g, size_t r, size_t c)
{
    return g->value[r * g->nx + c];
}

/** @brief Nonzero when the cell at row @p r, column @p c has a value. */
static inline int
chart_grid_set(const struct chart_grid *g, size_t r, size_t c)
{
    return g->set[r * g->nx + c];
}

/** @brief Release everything; safe on a zeroed struct. */
void chart_grid_free(struct chart_grid *g);

#endif /* OR_CHART_GRID_H */
