/* SPDX-License-Identifier: MIT */
/**
 * @file catalog.h
 * @brief outreport's built-in texts ("page 2 of 7", "rows 1–40 of 312",
 * source status) in a locale's language: one checked-in catalogue per
 * language, i18n/LANG.ini (docs/locales.md).
 *
 * Core only; plugins reach it through ::or_host.text.  A catalogue is a
 * GKeyFile whose [texts] group maps an id to its text with placeholders
 * {1}, {2}, ...  For locale "de-AT" the files de-AT.ini, then de.ini, then
 * en.ini give the text, searched in $OUTREPORT_I18N_PATH (colon-separated),
 * then the installed i18n folder, or the source tree's i18n/ for a binary
 * that runs from its build tree (selfpath.h).
 * Catalogues are read once per process and kept; thread-safe.
 */
#ifndef OR_CATALOG_H
#define OR_CATALOG_H

#include <stddef.h>

#include "outreport/status.h"

/**
 * @brief Text @p id in the language of @p locale (NULL: English) with
 * {1}..{N} replaced by @p args (a placeholder beyond @p nargs stays as it
 * is), into @p buf (always NUL-terminated when @p n > 0).
 * @return OR_OK; OR_ERR_NOT_FOUND when no catalogue has @p id (@p buf then
 *         holds @p id); OR_ERR_INVALID for NULL arguments, @p n of 0 or a
 *         text cut to fit (at a character boundary).
 */
or_status or_catalog_text(const char *locale, const char *id, const char *const *args, size_t nargs,
                          char *buf, size_t n);

/**
 * @brief or_catalog_text(), or @p english (with the same placeholders) when
 * no catalogue has @p id, so a missing catalogue never shows a bare id.
 */
void or_catalog_text_or(const char *locale, const char *id, const char *english,
                        const char *const *args, size_t nargs, char *buf, size_t n);

/**
 * @brief Whether a catalogue of @p locale's own language exists (English
 * always does).  Used to warn when a locale's texts will be English.
 */
int or_catalog_has_language(const char *locale);

#endif
