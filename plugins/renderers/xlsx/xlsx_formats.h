/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_formats.h
 * @brief The workbook's cell formats, made once per render.
 *
 * Number formats per presentation format (DESIGN.md §8 point 5): integer
 * "#,##0", decimal "#,##0.00", percent "0.0%", duration "[h]:mm:ss" (of a
 * day fraction), date "yyyy-mm-dd", date-time "yyyy-mm-dd hh:mm:ss", plus the
 * styles of the Summary sheet and of KPI changes.
 */
#ifndef OR_XLSX_FORMATS_H
#define OR_XLSX_FORMATS_H

#include <xlsxwriter.h>

#include "outreport/plugin.h"

/** Colour of a KPI change: neutral, good news, bad news. */
enum xlsx_tone { XLSX_TONE_PLAIN = 0, XLSX_TONE_GOOD, XLSX_TONE_BAD, XLSX_TONE_COUNT };

/** How a KPI change is shown. */
enum xlsx_change {
    XLSX_CHANGE_RELATIVE = 0, /**< signed percentage of the previous value */
    XLSX_CHANGE_POINTS,       /**< signed percentage points (percent KPIs) */
    XLSX_CHANGE_INTEGER,      /**< signed absolute difference, whole */
    XLSX_CHANGE_DECIMAL,      /**< signed absolute difference, two decimals */
    XLSX_CHANGE_DURATION,     /**< signed absolute difference of a duration */
    XLSX_CHANGE_COUNT
};

/** Formats owned by the workbook (freed by workbook_close / lxw_workbook_free). */
struct xlsx_formats {
    lxw_format *title;    /**< Summary title: large, bold */
    lxw_format *heading;  /**< Summary block heading: bold, larger */
    lxw_format *bold;     /**< bold text */
    lxw_format *error;    /**< red text: failures and unavailable data */
    lxw_format *note;     /**< grey italic remarks */
    lxw_format *header;   /**< table header: bold, filled, bottom border */
    lxw_format *integer;  /**< "#,##0" */
    lxw_format *decimal;  /**< "#,##0.00" */
    lxw_format *percent;  /**< "0.0%" */
    lxw_format *duration; /**< "[h]:mm:ss" */
    lxw_format *date;     /**< "yyyy-mm-dd" */
    lxw_format *datetime; /**< "yyyy-mm-dd hh:mm:ss" */
    lxw_format *change[XLSX_CHANGE_COUNT][XLSX_TONE_COUNT]; /**< KPI changes */
};

/**
 * @brief Create every format in @p wb.
 * @return OR_OK or OR_ERR_NOMEM
 */
or_status xlsx_formats_init(struct xlsx_formats *f, lxw_workbook *wb);

/**
 * @brief The format of a number cell of a column with type @p type and
 *        presentation @p fmt; NULL means General.
 *
 * INT and REAL: integer, decimal, percent, duration as named; anything else
 * General.  TIME: date for OR_FMT_DATE, else date-time.
 */
lxw_format *xlsx_formats_number(const struct xlsx_formats *f, enum or_type type,
                                enum or_format fmt);

#endif /* OR_XLSX_FORMATS_H */
