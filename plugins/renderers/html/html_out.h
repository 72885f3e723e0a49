/* SPDX-License-Identifier: MIT */
/**
 * @file html_out.h
 * @brief Writing the HTML document: raw markup, and report text cleaned and
 *        escaped so no value can open a tag or break an attribute.
 *
 * Every text from the report (titles, labels, cells, reasons) goes through
 * html_text(): invalid UTF-8 becomes U+FFFD, control characters spaces
 * (chart_utf8.h), and `& < > " '` character references, so the output is
 * well-formed in text and in quoted attributes alike.  A write error is
 * sticky: html_out_close() reports it.
 */
#ifndef OR_HTML_OUT_H
#define OR_HTML_OUT_H

#include <stdio.h>

#include "outreport/status.h"

/** The document being written.  Owned by html_render(). */
struct html_out {
    FILE *f;    /**< owned; closed by html_out_close() */
    int failed; /**< nonzero once a write failed */
};

/** @brief Write markup @p s as it is. */
void html_raw(struct html_out *o, const char *s);

/** @brief Write markup from a printf format; arguments are not escaped. */
void html_rawf(struct html_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** @brief Write report text @p s (NULL: nothing) cleaned and escaped. */
void html_text(struct html_out *o, const char *s);

/** @brief Write @p len bytes of report text @p s cleaned and escaped. */
void html_textn(struct html_out *o, const char *s, size_t len);

/**
 * @brief Write `<p class="CLS">TEXT</p>` for report text @p text, or
 * nothing when it is NULL or empty.
 */
void html_para(struct html_out *o, const char *cls, const char *text);

/**
 * @brief Close the file.
 * @return OR_OK; OR_ERR_IO (with @p err naming @p path) when a write or the
 *         close failed.
 */
or_status html_out_close(struct html_out *o, const char *path, char *err, size_t errlen);

#endif /* OR_HTML_OUT_H */
