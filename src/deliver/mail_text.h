/* SPDX-License-Identifier: MIT */
/**
 * @file mail_text.h
 * @brief The tables and charts of a report as plain text, for the mail's
 * text/plain part (mail_text.c; mail_body.c puts it together).
 *
 * Core only.  Cells read as the documents show them (base/cellfmt.h).
 */
#ifndef OR_MAIL_TEXT_H
#define OR_MAIL_TEXT_H

#include <glib.h>

#include "base/cellfmt.h"
#include "outreport/plugin.h"

/** Rows of a table the plain-text body shows at most. */
#define OR_MAIL_TEXT_ROWS 10

/**
 * @brief Append the tables of @p r and the numbers of its charts to
 * @p out: per section its title, a line of column labels and at most
 * @p max_rows rows ("a | b | c", cells as the documents show them in @p c's
 * zone, currency and locale), then "(rows 1-N of M: the attached documents hold every row)"
 * when there are more.  Sections without rows are left out.  All borrowed.
 */
void or_mail_text_tables(GString *out, const struct or_report *r, const struct or_cellfmt *c,
                         size_t max_rows);

#endif /* OR_MAIL_TEXT_H */
