/* SPDX-License-Identifier: MIT */
/**
 * @file orp_text.h
 * @brief Blank handling shared by number, name and parameter parsing.
 */
#ifndef ORP_TEXT_H
#define ORP_TEXT_H

#include <stddef.h>

#pragma GCC visibility push(hidden)

/** @brief Nonzero for the blanks trimmed around values: space, tab, CR, LF. */
int orp_is_space(char ch);

/**
 * @brief Trim blanks from both ends of the @p *n bytes at @p *s, moving
 * @p *s forward and shrinking @p *n.
 */
void orp_trim(const char **s, size_t *n);

#pragma GCC visibility pop

#endif /* ORP_TEXT_H */
