/* SPDX-License-Identifier: MIT */
/*
 * Space tokens go into a query string and into error messages, so only the
 * characters Unpod uses for them are accepted ([A-Za-z0-9_-]; the documented
 * example is F1O3QJM1Y7Q1AVVUYNV4VPRB).  A refused token is shown as a short,
 * printable excerpt: it may hold anything a user typed, newlines included.
 */
#include <stdio.h>

#include "unpod.h"

/* Bytes of a refused token shown in messages. */
#define EXCERPT_MAX 40

static int
token_char(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '-';
}

int
up_token_valid(const char *s, size_t len)
{
    if (s == NULL || len == 0 || len > UP_TOKEN_MAX) {
        return 0;
    }
    for (size_t i = 0; i < len; i++) {
        if (!token_char(s[i])) {
            return 0;
        }
    }
    return 1;
}

void
up_token_error(const char *s, size_t len, const char *where, char *err, size_t errlen)
{
    char shown[EXCERPT_MAX + 4];
    size_t o = 0;
    for (size_t i = 0; i < len && i < EXCERPT_MAX; i++) {
        unsigned char ch = (unsigned char)s[i];
        shown[o++] = (ch < 0x20 || ch >= 0x7f) ? '?' : (char)ch;
    }
    if (len > EXCERPT_MAX) {
        shown[o++] = '.';
        shown[o++] = '.';
        shown[o++] = '.';
    }
    shown[o] = '\0';
    if (len > UP_TOKEN_MAX && up_token_valid(s, UP_TOKEN_MAX)) {
        snprintf(err, errlen, UP_NAME " space token \"%s\" (from %s) is longer than %d characters",
                 shown, where, UP_TOKEN_MAX);
        return;
    }
    snprintf(err, errlen,
             UP_NAME " space token \"%s\" (from %s) is not valid: only letters, digits, '_' "
                     "and '-' are allowed",
             shown, where);
}
