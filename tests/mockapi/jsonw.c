/* SPDX-License-Identifier: MIT */
/* Streaming JSON writer: see jsonw.h. */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
grow(struct jsonw *w, size_t extra)
{
    if (w->failed) {
        return -1;
    }
    if (w->len + extra + 1 <= w->cap) {
        return 0;
    }
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->len + extra + 1) {
        cap *= 2;
    }
    char *p = realloc(w->buf, cap);
    if (p == NULL) {
        w->failed = 1;
        return -1;
    }
    w->buf = p;
    w->cap = cap;
    return 0;
}

static void
put(struct jsonw *w, const char *s, size_t n)
{
    if (grow(w, n) != 0) {
        return;
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
    w->buf[w->len] = '\0';
}

static void
put_escaped(struct jsonw *w, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = strlen(s);

    /* Worst case every byte becomes \u00XX. */
    if (grow(w, n * 6 + 2) != 0) {
        return;
    }
    char *o = w->buf + w->len;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        }
        else if (c == '\n') {
            *o++ = '\\';
            *o++ = 'n';
        }
        else if (c == '\r') {
            *o++ = '\\';
            *o++ = 'r';
        }
        else if (c == '\t') {
            *o++ = '\\';
            *o++ = 't';
        }
        else if (c < 0x20) {
            *o++ = '\\';
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
        else {
            *o++ = (char)c;
        }
    }
    *o++ = '"';
    w->len = (size_t)(o - w->buf);
    w->buf[w->len] = '\0';
}

/* Comma and key before any value. */
static void
prefix(struct jsonw *w, const char *key)
{
    if (w->depth > 0) {
        if (!w->first[w->depth - 1]) {
            put(w, ",", 1);
        }
        w->first[w->depth - 1] = 0;
    }
    if (key != NULL) {
        put_escaped(w, key);
        put(w, ":", 1);
    }
}

void
jsonw_init(struct jsonw *w, size_t reserve)
{
    memset(w, 0, sizeof *w);
    if (reserve > 0) {
        grow(w, reserve);
    }
}

void
jsonw_free(struct jsonw *w)
{
    free(w->buf);
    memset(w, 0, sizeof *w);
}

char *
jsonw_take(struct jsonw *w, size_t *len_out)
{
    char *out = NULL;

    if (!w->failed && w->buf != NULL) {
        out = w->buf;
        *len_out = w->len;
        w->buf = NULL;
    }
    jsonw_free(w);
    return out;
}

static void
open_container(struct jsonw *w, const char *key, const char *bracket)
{
    prefix(w, key);
    if (w->depth >= JSONW_MAX_DEPTH) {
        w->failed = 1;
        return;
    }
    put(w, bracket, 1);
    w->first[w->depth++] = 1;
}

static void
close_container(struct jsonw *w, const char *bracket)
{
    if (w->depth > 0) {
        w->depth--;
    }
    put(w, bracket, 1);
}

void
jsonw_begin_object(struct jsonw *w, const char *key)
{
    open_container(w, key, "{");
}

void
jsonw_end_object(struct jsonw *w)
{
    close_container(w, "}");
}

void
jsonw_begin_array(struct jsonw *w, const char *key)
{
    open_container(w, key, "[");
}

void
jsonw_end_array(struct jsonw *w)
{
    close_container(w, "]");
}

void
jsonw_string(struct jsonw *w, const char *key, const char *s)
{
    prefix(w, key);
    if (s == NULL) {
        put(w, "null", 4);
        return;
    }
    put_escaped(w, s);
}

void
jsonw_int(struct jsonw *w, const char *key, int64_t v)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);

    prefix(w, key);
    put(w, tmp, (size_t)n);
}

void
jsonw_real(struct jsonw *w, const char *key, double v, int decimals)
{
    char tmp[64];

    if (!isfinite(v)) {
        v = 0.0;
    }
    int n = snprintf(tmp, sizeof tmp, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        n = snprintf(tmp, sizeof tmp, "0");
    }
    prefix(w, key);
    put(w, tmp, (size_t)n);
}

void
jsonw_bool(struct jsonw *w, const char *key, int v)
{
    prefix(w, key);
    if (v) {
        put(w, "true", 4);
    }
    else {
        put(w, "false", 5);
    }
}

void
jsonw_null(struct jsonw *w, const char *key)
{
    prefix(w, key);
    put(w, "null", 4);
}
