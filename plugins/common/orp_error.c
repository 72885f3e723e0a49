/* SPDX-License-Identifier: MIT */
/*
 * The vendor's message from an error body; see orp_error.h.
 */
#include <stdio.h>
#include <string.h>

#include "orp_error.h"

/* Bytes of the UTF-8 sequence starting with lead byte @p b (1 for stray bytes). */
static size_t
utf8_length(unsigned char b)
{
    if (b >= 0xf0) {
        return 4;
    }
    if (b >= 0xe0) {
        return 3;
    }
    if (b >= 0xc0) {
        return 2;
    }
    return 1;
}

/* Append @p s to buf (used bytes in *used), keeping it one line. */
static void
append_line(char *buf, size_t n, size_t *used, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t k = utf8_length(*p);
        if (*used + k + 1 > n) {
            break;
        }
        for (size_t j = 0; j < k; j++) {
            unsigned char ch = p[j];
            if (ch == '\0') {
                /* A short sequence at the end: jansson never yields one. */
                buf[*used] = '\0';
                return;
            }
            buf[*used + j] = (char)((ch < 0x20 || ch == 0x7f) ? ' ' : ch);
        }
        *used += k;
        p += k;
    }
    buf[*used] = '\0';
}

/* A non-empty string, or the non-empty strings of an array joined by "; ". */
static int
copy_message(const json_t *v, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    if (json_is_string(v)) {
        append_line(buf, n, &used, json_string_value(v));
        return used > 0;
    }
    if (!json_is_array(v)) {
        return 0;
    }
    size_t i = 0;
    const json_t *item = NULL;
    json_array_foreach(v, i, item)
    {
        if (!json_is_string(item) || json_string_length(item) == 0) {
            continue;
        }
        if (used > 0) {
            append_line(buf, n, &used, "; ");
        }
        append_line(buf, n, &used, json_string_value(item));
    }
    return used > 0;
}

int
orp_vendor_message(const json_t *root, const char *const *keys, const char *const *nested,
                   char *buf, size_t n)
{
    if (buf == NULL || n == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (json_is_string(root)) {
        return copy_message(root, buf, n);
    }
    if (!json_is_object(root)) {
        return 0;
    }
    for (size_t i = 0; keys[i] != NULL; i++) {
        const json_t *v = json_object_get(root, keys[i]);
        if (copy_message(v, buf, n)) {
            return 1;
        }
        if (!json_is_object(v)) {
            continue;
        }
        for (size_t j = 0; nested[j] != NULL; j++) {
            if (copy_message(json_object_get(v, nested[j]), buf, n)) {
                return 1;
            }
        }
    }
    return 0;
}

int
orp_error_message(const char *body, size_t len, size_t flags, const char *const *keys,
                  const char *const *nested, char *buf, size_t n)
{
    if (buf == NULL || n == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (body == NULL || len == 0) {
        return 0;
    }
    json_error_t jerr;
    json_t *root = json_loadb(body, len, flags, &jerr);
    if (root == NULL) {
        return 0;
    }
    int found = orp_vendor_message(root, keys, nested, buf, n);
    json_decref(root);
    return found;
}
