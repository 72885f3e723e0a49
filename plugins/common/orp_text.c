/* SPDX-License-Identifier: MIT */
/*
 * Blank handling; see orp_text.h.
 */
#include "orp_text.h"

int
orp_is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

void
orp_trim(const char **s, size_t *n)
{
    while (*n > 0 && orp_is_space(**s)) {
        (*s)++;
        (*n)--;
    }
    while (*n > 0 && orp_is_space((*s)[*n - 1])) {
        (*n)--;
    }
}
