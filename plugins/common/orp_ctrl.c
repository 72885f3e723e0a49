/* SPDX-License-Identifier: MIT */
/*
 * Raw control characters inside JSON strings; see orp_ctrl.h.  The body is
 * scanned only after jansson refused it, so a clean page costs nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orp_ctrl.h"
#include "orp_page.h"

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
orp_escape_controls(const char *body, size_t len, size_t *out_len, long *count)
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

or_status
orp_page_decode(const struct or_host *h, const char *body, size_t len, unsigned opts, json_t **out,
                char *err, size_t errlen)
{
    or_status st = orp_page_load(body, len, opts, out, err, errlen);
    /* jansson says "control character 0x.." for each but the newline, which
     * it calls an "unexpected newline" (only ever inside a string). */
    if (st != OR_ERR_PARSE ||
        (strstr(err, "control character") == NULL && strstr(err, "unexpected newline") == NULL)) {
        return st;
    }
    size_t fixed_len = 0;
    long count = 0;
    char *fixed = orp_escape_controls(body, len, &fixed_len, &count);
    if (fixed == NULL) {
        snprintf(err, errlen, "out of memory escaping control characters");
        return OR_ERR_NOMEM;
    }
    st = orp_page_load(fixed, fixed_len, opts, out, err, errlen);
    free(fixed);
    if (st == OR_OK && count > 0 && h != NULL && OR_HOST_SINCE(h, 2) && h->count_repaired != NULL) {
        (void)h->count_repaired(h, OR_REPAIR_CONTROL_CHARS, count);
    }
    return st;
}
