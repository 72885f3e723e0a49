/* SPDX-License-Identifier: MIT */
/**
 * @file suggest.h
 * @brief "Did you mean ...?": the known name closest to a misspelt one.
 *
 * Core only.  The configuration checker (config_check.h) and the template
 * loader (report/template.h) name what the user probably meant when a key,
 * section, kind or format is unknown, with the same rule everywhere: the
 * known name at the smallest edit distance, if it is at most two edits
 * away (case-insensitive).
 */
#ifndef OR_SUGGEST_H
#define OR_SUGGEST_H

#include <stddef.h>

/** @brief Edit distance of two short strings (insert, delete, replace), case-insensitive; capped
 * at 9. */
int or_edit_distance(const char *a, const char *b);

/**
 * @brief The name of @p names (@p n entries, NULLs skipped) closest to @p s
 * within two edits, or NULL.  Borrowed from @p names.  An exact match is
 * returned as itself.
 */
const char *or_suggest(const char *s, const char *const *names, size_t n);

/**
 * @brief " (did you mean NAME?)" for @p s among @p names, or "" when none
 * is close, into @p buf (always NUL-terminated when @p len > 0).
 */
void or_suggest_hint(const char *s, const char *const *names, size_t n, char *buf, size_t len);

#endif
