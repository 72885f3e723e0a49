/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_formats.h
 * @brief The workbook's cell formats, made once per render.
 *
 * Number formats come from the host's formatter (::or_host.format_cell and
 * format_kpi give each value's Excel code, chosen to show the same text as
 * the PDF and the e-mails: "#,##0", `0.0" "%`, "[h]:mm:ss", "yyyy-mm-dd
 * hh:mm", `"€"#,##0.00`, signed codes for KPI changes); a format is made
 * the first time a code (in a tone) is asked for and kept for the render.
 * Besides them: the styles of the Summary sheet, and "#,##0" for its counts.
 */
#ifndef OR_XLSX_FORMATS_H
#define OR_XLSX_FORMATS_H

#include <xlsxwriter.h>

#include "outreport/plugin.h"

/** Colour of a KPI change: neutral, good news, bad news. */
enum xlsx_tone { XLSX_TONE_PLAIN = 0, XLSX_TONE_GOOD, XLSX_TONE_BAD, XLSX_TONE_COUNT };

/** A number format made for a code and a tone. */
struct xlsx_coded {
    char code[OR_DISPLAY_SIZE];
    enum xlsx_tone tone;
    lxw_format *format; /**< owned by the workbook */
};

/** Formats owned by the workbook (freed by workbook_close / lxw_workbook_free). */
struct xlsx_formats {
    lxw_workbook *wb;         /**< the workbook they belong to (borrowed) */
    lxw_format *title;        /**< Summary title: large, bold */
    lxw_format *heading;      /**< Summary block heading: bold, larger */
    lxw_format *bold;         /**< bold text */
    lxw_format *error;        /**< red text: failures and unavailable data */
    lxw_format *note;         /**< grey italic remarks */
    lxw_format *header;       /**< table header: bold, filled, bottom border */
    lxw_format *integer;      /**< "#,##0": the Summary's counts */
    struct xlsx_coded *coded; /**< formats made for codes so far (malloc'd) */
    size_t ncoded, capcoded;  /**< entries of @ref coded, and room */
};

/**
 * @brief Create the fixed formats in @p wb.
 * @return OR_OK or OR_ERR_NOMEM
 */
or_status xlsx_formats_init(struct xlsx_formats *f, lxw_workbook *wb);

/** @brief Free what @p f allocated itself (not the workbook's formats). */
void xlsx_formats_free(struct xlsx_formats *f);

/**
 * @brief The format showing Excel number format @p code ("" is General) in
 * @p tone (its font colour), made on first use.
 * @return the format, NULL for General in the plain tone, or NULL with
 *         *@p nomem set when it cannot be made.
 */
lxw_format *xlsx_formats_code(struct xlsx_formats *f, const char *code, enum xlsx_tone tone,
                              int *nomem);

#endif /* OR_XLSX_FORMATS_H */
