/* SPDX-License-Identifier: MIT */
/* UTF-8 helpers for cell text: see xlsx_text.h. */
#include "xlsx_text.h"

#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD"

long
xlsx_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    unsigned char c = p[0];
    size_t need;
    long cp;
    long min;

    if (c < 0x80) {
        *i += 1;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
        min = 0x80;
    }
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        min = 0x800;
    }
    else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        min = 0x10000;
    }
    else {
        *i += 1;
        return -1;
    }
    if (left <= need) {
        *i += 1;
        return -1;
    }
    for (size_t k = 1; k <= need; k++) {
        if ((p[k] & 0xC0) != 0x80) {
            *i += 1;
            return -1;
        }
        cp = (cp << 6) | (p[k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i += 1;
        return -1;
    }
    *i += need + 1;
    return cp;
}

size_t
xlsx_utf16_units(long cp)
{
    return cp >= 0x10000 ? 2 : 1;
}

/* East Asian wide and full-width ranges (a practical subset of UAX #11). */
static int
is_wide(long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int
is_combining(long cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0xFE00 && cp <= 0xFE0F);
}

double
xlsx_text_width(const char *s, size_t len)
{
    double best = 0.0;
    double line = 0.0;
    size_t i = 0;

    while (i < len) {
        long cp = xlsx_utf8_next(s, len, &i);
        if (cp == '\n') {
            best = line > best ? line : best;
            line = 0.0;
        }
        else if (is_wide(cp)) {
            line += 2.0;
        }
        else if (!is_combining(cp)) {
            line += 1.0;
        }
    }
    return line > best ? line : best;
}

static int
has_prefix_nocase(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    if (len < n) {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != prefix[i]) {
            return 0;
        }
    }
    return 1;
}

int
xlsx_text_is_url(const char *s, size_t len)
{
    size_t start;

    if (has_prefix_nocase(s, len, "https://")) {
        start = 8;
    }
    else if (has_prefix_nocase(s, len, "http://")) {
        start = 7;
    }
    else {
        return 0;
    }
    if (len == start || s[start] == '/' || s[start] == '?' || s[start] == '#') {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c == 0x7F) {
            return 0;
        }
    }
    return 1;
}

/* Nonzero when the code point must be replaced in cell text. */
static int
is_bad(long cp)
{
    return cp < 0 || cp == 0xFFFE || cp == 0xFFFF;
}

or_status
xlsx_text_fit(const char *s, size_t len, size_t max_units, char **out, int *truncated)
{
    size_t units = 0;
    int clean = 1;
    size_t i = 0;

    *out = NULL;
    *truncated = 0;
    while (i < len) {
        long cp = xlsx_utf8_next(s, len, &i);
        if (is_bad(cp) || cp == 0) {
            clean = 0;
        }
        units += xlsx_utf16_units(cp < 0 ? 0xFFFD : cp);
    }
    if (clean && units <= max_units) {
        return OR_OK;
    }

    /* Each input byte yields at most 3 output bytes (a U+FFFD), plus the mark. */
    char *copy = malloc(len * 3 + sizeof(XLSX_ELLIPSIS));
    if (copy == NULL) {
        return OR_ERR_NOMEM;
    }
    size_t n = 0;
    size_t budget = units <= max_units ? units : max_units - 1;
    units = 0;
    i = 0;
    while (i < len) {
        size_t at = i;
        long cp = xlsx_utf8_next(s, len, &i);
        if (cp == 0) {
            continue;
        }
        long shown = is_bad(cp) ? 0xFFFD : cp;
        size_t u = xlsx_utf16_units(shown);
        if (units + u > budget) {
            *truncated = 1;
            break;
        }
        units += u;
        if (shown != cp) {
            memcpy(copy + n, REPLACEMENT, sizeof(REPLACEMENT) - 1);
            n += sizeof(REPLACEMENT) - 1;
        }
        else {
            memcpy(copy + n, s + at, i - at);
            n += i - at;
        }
    }
    if (*truncated) {
        memcpy(copy + n, XLSX_ELLIPSIS, sizeof(XLSX_ELLIPSIS) - 1);
        n += sizeof(XLSX_ELLIPSIS) - 1;
    }
    copy[n] = '\0';
    *out = copy;
    return OR_OK;
}
