/* SPDX-License-Identifier: MIT */
/**
 * @file html_table.h
 * @brief A TABLE section's rows in the HTML document (html_table.c).
 *
 * A header row of `<th scope="col">`, a row header `<th scope="row">` in
 * the first column; rows are streamed from the section's cursor, cut after
 * the `max_rows` option with a note saying so.  The section's heading is
 * html_section()'s.
 */
#ifndef OR_HTML_TABLE_H
#define OR_HTML_TABLE_H

#include "html_doc.h"

/**
 * @brief Write the table of @p sec (borrowed) into @p d.
 * @return OR_OK; OR_ERR_RENDER naming the section when its rows cannot be
 *         read; OR_ERR_NOMEM.
 */
or_status html_table(struct html_doc *d, const struct or_section *sec, char *err, size_t errlen);

#endif /* OR_HTML_TABLE_H */
