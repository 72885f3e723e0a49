/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_ctx.h
 * @brief State of one XLSX render, shared by the renderer's modules.
 *
 * The Summary sheet is written last (it lists what the other sheets hold)
 * but added first, so it is the first tab.  Every sheet that holds rows of a
 * table or chart section is recorded as an ::xlsx_part for its Contents.
 */
#ifndef OR_XLSX_CTX_H
#define OR_XLSX_CTX_H

#include <stdint.h>

#include <xlsxwriter.h>

#include "outreport/plugin.h"
#include "xlsx_formats.h"
#include "xlsx_names.h"

/** One sheet holding rows of a section (a table may need several). */
struct xlsx_part {
    size_t section;                  /**< index into report->sections */
    int number;                      /**< 1 for a section's first sheet, 2 for the next, ... */
    lxw_worksheet *ws;               /**< borrowed from the workbook */
    char sheet[XLSX_SHEETNAME_SIZE]; /**< the sheet's name */
    int64_t first_row;               /**< section row (from 1) shown in the sheet's row 2 */
    int64_t nrows;                   /**< data rows on this sheet */
    int64_t left_out;                /**< chart rows beyond one sheet, not written */
    int64_t ntruncated;              /**< texts cut to Excel's cell limit */
    int chart;                       /**< nonzero: a chart is drawn on this sheet */
    int64_t marked;                  /**< a trend's current row (from 0), or -1 */
};

struct xlsx_combo;

/** Everything a render needs; lives on render()'s stack. */
struct xlsx_ctx {
    const struct or_host *h;        /**< borrowed host */
    const struct or_report *report; /**< borrowed report */
    const char *path;               /**< output path, for messages */
    lxw_workbook *wb;               /**< owned until workbook_close */
    struct xlsx_formats fmt;        /**< formats of @ref wb */
    struct xlsx_names names;        /**< sheet names given out */
    struct xlsx_part *parts;        /**< owned array, in sheet order */
    size_t nparts;                  /**< entries of @ref parts */
    size_t capparts;                /**< allocated entries */
    int64_t max_rows;               /**< data rows per sheet before continuing */
    lxw_color_t palette[8];         /**< chart colours from the brand's accent */
    int has_palette;                /**< nonzero: palette is set */
    int rtl;                        /**< nonzero: sheets read right to left (he, ar...) */
    lxw_format *cond_good;          /**< conditional "good" style (xlsx_cond.h) */
    lxw_format *cond_bad;           /**< conditional "bad" style */
    char *err;                      /**< message buffer of the render call */
    size_t errlen;                  /**< its size */
    struct xlsx_combo *combos;      /**< combo charts to finish in the written file (owned;
                                         xlsx_combo.h) */
    size_t ncombos;                 /**< entries of @ref combos */
};

/**
 * @brief Append a zeroed part for section @p section.
 * @param index  receives the new part's index (pointers move on append)
 * @return OR_OK or OR_ERR_NOMEM (with a message)
 */
or_status xlsx_ctx_add_part(struct xlsx_ctx *x, size_t section, size_t *index);

/**
 * @brief Turn a libxlsxwriter error into a status and a message
 *        "<path>: <what>: <lxw_strerror>".
 * @return OR_ERR_IO for file, temporary-file and zip errors, OR_ERR_NOMEM
 *         for allocation failures, else OR_ERR_RENDER
 */
or_status xlsx_ctx_lxw(struct xlsx_ctx *x, lxw_error e, const char *what);

/** @brief Report an out-of-memory error about @p what. */
or_status xlsx_ctx_nomem(struct xlsx_ctx *x, const char *what);

/** @brief @p s, or "" for NULL. */
const char *xlsx_str(const char *s);

/** @brief How messages name a section: its id, else its title, else "section N". */
const char *xlsx_section_id(const struct or_section *s);

#endif /* OR_XLSX_CTX_H */
