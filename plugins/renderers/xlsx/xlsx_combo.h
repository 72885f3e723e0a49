/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_combo.h
 * @brief Combo charts (bars with lines over them, the lines on an axis of
 *        their own at the right when ::or_chart.secondary says so).
 *
 * Debian's libxlsxwriter (1.1.4) cannot combine two chart types in one
 * chart (chart_combine() came later), so a combo is written as a column
 * chart of all its series, the lines' series styled as lines, and noted
 * here; once the workbook is closed, xlsx_combo_finish() rewrites the
 * chart's part of the file: the lines' series move from the `c:barChart`
 * into a `c:lineChart` of the same plot (with markers), and for a second
 * axis that line chart gets its own category axis (hidden) and value axis
 * (at the right, crossing at the maximum, numbers formatted as their
 * cells), as Excel writes a combo chart itself.  Every other part is copied
 * unchanged, compressed as it was.
 */
#ifndef OR_XLSX_COMBO_H
#define OR_XLSX_COMBO_H

#include <stddef.h>

#include "xlsx_ctx.h"

/** A combo chart to finish. */
struct xlsx_combo {
    char *mark;           /**< owned: the first series' name reference as its chart part
                               spells it (`<c:f>'Sheet'!$B$1</c:f>`), unique to its chart */
    size_t nlines;        /**< the last nlines series become lines */
    size_t nseries;       /**< series in all */
    int secondary;        /**< the lines get their own axis */
    const char *y2_label; /**< its title or NULL (borrowed from the report) */
    int done;             /**< set once its chart part is rewritten */
};

/**
 * @brief Note the combo chart of section @p sec, drawn on sheet @p sheet
 * (series in columns B onwards), for xlsx_combo_finish().
 * @return OR_OK or OR_ERR_NOMEM (with a message)
 */
or_status xlsx_combo_note(struct xlsx_ctx *x, const struct or_section *sec, const char *sheet);

/**
 * @brief Rewrite the closed workbook x->path with the noted combo charts
 * finished (into the host's temporary file beside it, ::or_host.tmp_create,
 * which a signal stopping the process removes, then renamed over it);
 * nothing to do without combos.  Frees the notes.
 * @return OR_OK; OR_ERR_IO when the file cannot be read or written (or the
 *         host, older than ABI 2.4, makes no temporary files);
 *         OR_ERR_RENDER when a noted chart is not in it as written.
 */
or_status xlsx_combo_finish(struct xlsx_ctx *x);

/** @brief Free the notes (xlsx_combo_finish() does); safe to call twice. */
void xlsx_combo_free(struct xlsx_ctx *x);

#endif /* OR_XLSX_COMBO_H */
