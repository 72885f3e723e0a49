/* SPDX-License-Identifier: MIT */
/*
 * Values jansson refuses or columns cannot hold: see orp_repair.h.  The
 * body is scanned only after jansson refused it, so a clean page costs
 * nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "orp_repair.h"

/* Whether the digits [p, p + n) (no sign, no leading zeros beyond one) name
 * a magnitude above the largest int64 (or its negative for @p neg). */
static int
beyond_int64(const char *p, size_t n, int neg)
{
    static const char max[] = "9223372036854775807";
    static const char min[] = "9223372036854775808";
    const char *limit = neg ? min : max;
    size_t ln = sizeof(max) - 1;
    while (n > 1 && *p == '0') {
        p++;
        n--;
    }
    return n > ln || (n == ln && memcmp(p, limit, ln) > 0);
}

/* Length of the number token at @p p (at most @p left bytes); sets *plain
 * when it is an integer (no fraction, no exponent) and *digits to where its
 * digits start. */
static size_t
number_token(const char *p, size_t left, int *plain, const char **digits)
{
    size_t i = 0;
    *plain = 1;
    if (i < left && p[i] == '-') {
        i++;
    }
    *digits = p + i;
    while (i < left &&
           ((p[i] >= '0' && p[i] <= '9') || p[i] == '.' || p[i] == 'e' || p[i] == 'E' ||
            ((p[i] == '+' || p[i] == '-') && i > 0 && (p[i - 1] == 'e' || p[i - 1] == 'E')))) {
        *plain = *plain && p[i] >= '0' && p[i] <= '9';
        i++;
    }
    return i;
}

char *
orp_repair_big_ints(const char *body, size_t len, size_t *out_len, long *count)
{
    /* A quoted integer has at least 19 digits and grows by 2 bytes. */
    char *out = malloc(len + len / 8 + 4);
    size_t o = 0;
    int in_string = 0;
    *count = 0;
    if (out == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < len;) {
        char c = body[i];
        if (in_string) {
            out[o++] = c;
            i++;
            if (c == '\\' && i < len) {
                out[o++] = body[i++];
            }
            else if (c == '"') {
                in_string = 0;
            }
            continue;
        }
        if (c == '"') {
            in_string = 1;
        }
        if (c != '-' && (c < '0' || c > '9')) {
            out[o++] = c;
            i++;
            continue;
        }
        int plain = 0;
        const char *digits = NULL;
        size_t n = number_token(body + i, len - i, &plain, &digits);
        size_t ndigits = n - (size_t)(digits - (body + i));
        int quote = plain && ndigits > 0 && beyond_int64(digits, ndigits, c == '-');
        if (quote) {
            out[o++] = '"';
            (*count)++;
        }
        memcpy(out + o, body + i, n);
        o += n;
        i += n;
        if (quote) {
            out[o++] = '"';
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The escape of control byte @p c: its length, written to @p out (>= 7 bytes). */
static size_t
escape_of(unsigned char c, char *out)
{
    static const char hex[] = "0123456789abcdef";
    const char *named = NULL;
    switch (c) {
    case '\b': named = "\\b"; break;
    case '\f': named = "\\f"; break;
    case '\n': named = "\\n"; break;
    case '\r': named = "\\r"; break;
    case '\t': named = "\\t"; break;
    case 0: named = "\\ufffd"; break;
    default: break;
    }
    if (named != NULL) {
        size_t n = strlen(named);
        memcpy(out, named, n);
        return n;
    }
    memcpy(out, "\\u00", 4);
    out[4] = hex[c >> 4];
    out[5] = hex[c & 0xf];
    return 6;
}

/* Walks @p body; with @p out NULL only counts.  Returns the output length. */
static size_t
walk(const char *body, size_t len, char *out, long *count)
{
    int in_string = 0;
    size_t o = 0;
    *count = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)body[i];
        if (in_string && c < 0x20) {
            char esc[8];
            size_t n = escape_of(c, esc);
            if (out != NULL) {
                memcpy(out + o, esc, n);
            }
            o += n;
            (*count)++;
            continue;
        }
        if (out != NULL) {
            out[o] = (char)c;
        }
        o++;
        if (c == '"') {
            in_string = !in_string;
        }
        else if (in_string && c == '\\' && i + 1 < len && (unsigned char)body[i + 1] >= 0x20) {
            /* The escaped character is copied with its backslash. */
            if (out != NULL) {
                out[o] = body[i + 1];
            }
            o++;
            i++;
        }
    }
    return o;
}

char *
orp_repair_controls(const char *body, size_t len, size_t *out_len, long *count)
{
    size_t n = walk(body, len, NULL, count);
    char *copy = malloc(n + 1);
    if (copy == NULL) {
        return NULL;
    }
    *out_len = walk(body, len, copy, count);
    copy[*out_len] = '\0';
    return copy;
}

/* U+FFFD in UTF-8. */
static const char replacement[] = "\xef\xbf\xbd";

static int
repair_string(json_t *s)
{
    const char *v = json_string_value(s);
    size_t n = json_string_length(s);
    if (memchr(v, '\0', n) == NULL) {
        return 0;
    }
    char *fixed = malloc(n * 3 + 1);
    if (fixed == NULL) {
        return 0;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '\0') {
            memcpy(fixed + o, replacement, 3);
            o += 3;
        }
        else {
            fixed[o++] = v[i];
        }
    }
    int done = json_string_setn_nocheck(s, fixed, o) == 0;
    free(fixed);
    return done;
}

long
orp_repair_nul(json_t *root)
{
    long changed = 0;
    size_t i;
    const char *key;
    json_t *v;
    /* jansson nests at most 2048 levels deep, so recursion is bounded. */
    switch (json_typeof(root)) {
    case JSON_STRING: return repair_string(root);
    case JSON_ARRAY:
        json_array_foreach(root, i, v)
        {
            changed += orp_repair_nul(v);
        }
        return changed;
    case JSON_OBJECT:
        json_object_foreach(root, key, v)
        {
            changed += orp_repair_nul(v);
        }
        return changed;
    default: return 0;
    }
}
