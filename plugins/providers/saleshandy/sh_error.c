/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an HTTP error body.  Saleshandy answers
 * errors as {"message": "..."} or NestJS-style {"statusCode": 400,
 * "message": ["...", "..."], "error": "Bad Request"}.
 */
#include <stdio.h>
#include <string.h>

#include "saleshandy.h"

/* Append @p s to buf (used bytes in *used), keeping it one line. */
static void append_line(char *buf, size_t n, size_t *used, const char *s)
{
    for (const char *p = s; *p != '\0' && *used + 1 < n; p++) {
        char ch = *p;
        if (ch == '\n' || ch == '\r' || ch == '\t') {
            ch = ' ';
        }
        buf[*used] = ch;
        *used += 1;
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

int sh_error_message(const char *body, size_t len, char *buf, size_t n)
{
    if (buf == NULL || n == 0) {
        return 0;
    }
    buf[0] = '\0';
    if (body == NULL || len == 0) {
        return 0;
    }
    json_error_t jerr;
    json_t *root = json_loadb(body, len, 0, &jerr);
    if (root == NULL) {
        return 0;
    }
    int found = find_message(root, buf, n);
    json_decref(root);
    return found;
}
