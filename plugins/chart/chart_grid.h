/* SPDX-License-Identifier: MIT */
/**
 * @file chart_grid.h
 * @brief The cells of a heatmap: rows of (x, y, value) placed on a grid.
 *
 * The columns are the distinct x labels and the rows the distinct y labels,
 * each in the order they first appear in the rows, or by number when every
 * value of the column is a number (hours 8, 9, 10 in numeric order, however
 * the query sorts them).  A pair given twice keeps its first row.  Plain C
 * with no library but the renderers' colour mixing (orr_style.h): the PDF
 * and HTML charts (chart_data.c) and the workbook's conditional-format
 * table (renderer_xlsx) share it.
 */
#ifndef OR_CHART_GRID_H
#define OR_CHART_GRID_H

#include <stddef.h>
#include <stdint.h>

/** A cell without a value (PDF, HTML). */
#define CHART_HEAT_NONE 0xF3F4F6u

/**
 * The heatmap's colour scale, the same in every document: the smallest
 * value's colour, the colour half-way between the smallest and the largest,
 * and the largest value's, mixed linearly between them as the workbook's
 * native three-colour scale mixes them.
 */
struct chart_heat_scale {
    uint32_t low;  /**< the smallest value, 0xRRGGBB */
    uint32_t mid;  /**< half-way between the smallest and the largest */
    uint32_t high; /**< the largest value */
};

/**
 * @brief The scale of a document: ColorBrewer's "Blues" when @p palette is
 * NULL; with a brand's palette, a light tint of its accent (@p palette[0]),
 * a stronger tint and a dark shade, so the heatmap wears the brand's colour.
 */
struct chart_heat_scale chart_heat_scale(const uint32_t *palette);

/** @brief The colour of @p s at @p t in [0, 1] (clamped). */
uint32_t chart_heat_color(const struct chart_heat_scale *s, double t);

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
