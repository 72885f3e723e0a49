/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an HTTP error body.  Salesfinity answers
 * errors NestJS-style, {"statusCode":400,"message":"...","error":"Bad
 * Request"}, where `message` may also be a list of validation messages.
 */
#include <stdio.h>
#include <string.h>

#include "salesfinity.h"

/* Append @p s to buf (used bytes in *used), keeping it one line. */
/* Bytes in the UTF-8 sequence that starts with @p c (jansson strings are valid UTF-8). */
static size_t utf8_length(unsigned char c)
{
    return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
}

/* Appends @p s on one line, never splitting a character when the buffer fills. */
static void append_line(char *buf, size_t n, size_t *used, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p != '\0') {
        size_t k = utf8_length(*p);
        if (*used + k + 1 > n) {
            break;
        }
        for (size_t j = 0; j < k; j++) {
            if (p[j] == '\0') {
                buf[*used] = '\0';
                return;
            }
            buf[*used + j] = (char)((p[j] < 0x20 || p[j] == 0x7f) ? ' ' : p[j]);
        }
        *used += k;
        p += k;
    }
    buf[*used] = '\0';
}

/* A string, or the strings of an array joined by "; ". */
static int copy_message(const json_t *v, char *buf, size_t n)
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
    json_array_foreach(v, i, item) {
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

static int find_message(const json_t *root, char *buf, size_t n)
{
    if (json_is_string(root)) {
        return copy_message(root, buf, n);
    }
    if (!json_is_object(root)) {
        return 0;
    }
    if (copy_message(json_object_get(root, "message"), buf, n)) {
        return 1;
    }
    const json_t *error = json_object_get(root, "error");
    if (json_is_object(error)) {
        return copy_message(json_object_get(error, "message"), buf, n);
    }
    return copy_message(error, buf, n);
}

int sf_error_message(const char *body, size_t len, char *buf, size_t n)
{
    if (body == NULL || len == 0 || buf == NULL || n == 0) {
        return 0;
    }
    buf[0] = '\0';
    json_error_t jerr;
    json_t *root = json_loadb(body, len, JSON_DECODE_ANY, &jerr);
    if (root == NULL) {
        return 0;
    }
    int found = find_message(root, buf, n);
    json_decref(root);
    return found;
}
