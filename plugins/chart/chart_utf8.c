/* SPDX-License-Identifier: MIT */
/* UTF-8 decoding and clean-up: see chart_utf8.h. */
#include "chart_utf8.h"

#include <stdlib.h>
#include <string.h>

#define REPLACEMENT 0xFFFDu

static int
is_cont(unsigned char c)
{
    return (c & 0xC0u) == 0x80u;
}

uint32_t
chart_utf8_next(const char *s, size_t len, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = len - *i;
    uint32_t cp;
    size_t need;
    uint32_t min;

    if (p[0] < 0x80u) {
        *i += 1;
        return p[0];
    }
    if ((p[0] & 0xE0u) == 0xC0u) {
        cp = p[0] & 0x1Fu;
        need = 1;
        min = 0x80u;
    }
    else if ((p[0] & 0xF0u) == 0xE0u) {
        cp = p[0] & 0x0Fu;
        need = 2;
        min = 0x800u;
    }
    else if ((p[0] & 0xF8u) == 0xF0u) {
        cp = p[0] & 0x07u;
        need = 3;
        min = 0x10000u;
    }
    else {
        *i += 1;
        return REPLACEMENT;
    }
    if (left < need + 1) {
        /* Truncated: consume the lead and the continuation bytes present. */
        size_t k = 1;
        while (k < left && is_cont(p[k])) {
            k++;
        }
        *i += k;
        return REPLACEMENT;
    }
    for (size_t k = 1; k <= need; k++) {
        if (!is_cont(p[k])) {
            *i += k;
            return REPLACEMENT;
        }
        cp = (cp << 6) | (p[k] & 0x3Fu);
    }
    *i += need + 1;
    if (cp < min || cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu)) {
        return REPLACEMENT;
    }
    return cp;
}

/* Encode a BMP code point; returns the number of bytes (1 to 3). */
static size_t
encode(uint32_t cp, char out[3])
{
    if (cp < 0x80u) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800u) {
        out[0] = (char)(0xC0u | (cp >> 6));
        out[1] = (char)(0x80u | (cp & 0x3Fu));
        return 2;
    }
    out[0] = (char)(0xE0u | (cp >> 12));
    out[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
    out[2] = (char)(0x80u | (cp & 0x3Fu));
    return 3;
}

size_t
chart_utf8_clean(char *dst, size_t cap, const char *s, size_t len, int *truncated)
{
    size_t o = 0;
    size_t i = 0;

    if (truncated != NULL) {
        *truncated = 0;
    }
    while (i < len) {
        uint32_t cp = chart_utf8_next(s, len, &i);
        char enc[3];
        if (cp < 0x20u || cp == 0x7Fu) {
            cp = ' ';
        }
        else if (cp > 0xFFFFu) {
            cp = REPLACEMENT;
        }
        size_t n = encode(cp, enc);
        if (o + n + 1 > cap) {
            if (truncated != NULL) {
                *truncated = 1;
            }
            break;
        }
        memcpy(dst + o, enc, n);
        o += n;
    }
    dst[o] = '\0';
    return o;
}

char *
chart_utf8_dup(const char *s)
{
    size_t len = s != NULL ? strlen(s) : 0;
    /* Every input byte turns into at most three output bytes. */
    size_t cap = len * 3 + 1;
    char *out = malloc(cap);
    if (out == NULL) {
        return NULL;
    }
    chart_utf8_clean(out, cap, s, len, NULL);
    return out;
}

size_t
chart_utf8_floor(const char *s, size_t n)
{
    while (n > 0 && is_cont((unsigned char)s[n])) {
        n--;
    }
    return n;
}

int
chart_utf8_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80u) {
            return 0;
        }
    }
    return 1;
}
