/* SPDX-License-Identifier: MIT */
/**
 * @file orr_text.h
 * @brief The document renderers' built-in texts ("page 2 of 7", "rows 1–40
 *        of 312", source status) in the report's language: through the
 *        host's catalogue (::or_host.text, ABI 2.3), else the English text
 *        the renderer passes; and the direction the report's language is
 *        written in.  Compiled into each renderer (orr_dep).
 */
#ifndef ORR_TEXT_H
#define ORR_TEXT_H

#include <stddef.h>

#include "outreport/plugin.h"

/**
 * @brief Text @p id with placeholders {1}..{N} filled from @p args, into
 * @p buf (always NUL-terminated): the host's, or @p english (same
 * placeholders) with an older host or an id the host does not know.
 */
void orr_text(const struct or_host *h, const char *id, const char *english, const char *const *args,
              size_t nargs, char *buf, size_t n);

/**
 * @brief Nonzero when @p r's locale (ABI 2.3) is written right to left, as
 * ICU's uloc_isRightToLeft() says (he, ar, fa, ur...): the renderer lays
 * the document out mirrored.  Zero without a locale or with an older host.
 */
int orr_report_rtl(const struct or_host *h, const struct or_report *r);

#endif
