/* SPDX-License-Identifier: MIT */
/* Worksheet names: see xlsx_names.h. */
#include "xlsx_names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_text.h"

static int
is_forbidden(long cp)
{
    return cp < 0x20 || cp == 0x7F || cp == '[' || cp == ']' || cp == ':' || cp == '*' ||
           cp == '?' || cp == '/' || cp == '\\' || cp < 0;
}

/* Trim spaces and apostrophes at both ends, in place. */
static void
trim(char *s)
{
    size_t n = strlen(s);
    size_t a = 0;
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\'')) {
        n--;
    }
    while (a < n && (s[a] == ' ' || s[a] == '\'')) {
        a++;
    }
    memmove(s, s + a, n - a);
    s[n - a] = '\0';
}

/* Cut @p s to at most @p units UTF-16 units at a character boundary, then trim. */
static void
cut(char *s, size_t units)
{
    size_t len = strlen(s);
    size_t used = 0;
    size_t i = 0;
    while (i < len) {
        size_t at = i;
        long cp = xlsx_utf8_next(s, len, &i);
        used += xlsx_utf16_units(cp);
        if (used > units) {
            s[at] = '\0';
            break;
        }
    }
    trim(s);
}

/* The cleaned form of @p in (at most 31 units), possibly empty. */
static void
clean(const char *in, char out[XLSX_SHEETNAME_SIZE])
{
    size_t len = in != NULL ? strlen(in) : 0;
    size_t n = 0;
    size_t units = 0;
    size_t i = 0;

    out[0] = '\0';
    while (i < len && units < XLSX_SHEETNAME_UNITS + 2) {
        size_t at = i;
        long cp = xlsx_utf8_next(in, len, &i);
        if (is_forbidden(cp) || cp == 0xFFFE || cp == 0xFFFF) {
            if (n > 0 && out[n - 1] != ' ') {
                out[n++] = ' ';
                units++;
            }
            continue;
        }
        if (cp == ' ' && n > 0 && out[n - 1] == ' ') {
            continue;
        }
        if (n + (i - at) + 1 >= XLSX_SHEETNAME_SIZE) {
            break;
        }
        memcpy(out + n, in + at, i - at);
        n += i - at;
        units += xlsx_utf16_units(cp);
    }
    out[n] = '\0';
    trim(out);
    cut(out, XLSX_SHEETNAME_UNITS);
}

/* Simple case folding: ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic. */
static long
fold(long c)
{
    if (c >= 'A' && c <= 'Z') {
        return c + 32;
    }
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) {
        return c + 32;
    }
    if (c >= 0x100 && c <= 0x17F) {
        if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) {
            return c;
        }
        if (c == 0x178) {
            return 0xFF;
        }
        if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {
            return (c & 1) ? c + 1 : c;
        }
        return (c & 1) ? c : c + 1;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) {
        return c + 32;
    }
    if (c >= 0x410 && c <= 0x42F) {
        return c + 32;
    }
    if (c >= 0x400 && c <= 0x40F) {
        return c + 80;
    }
    return c;
}

static int
same_name(const char *a, const char *b)
{
    size_t la = strlen(a);
    size_t lb = strlen(b);
    size_t i = 0;
    size_t j = 0;
    while (i < la && j < lb) {
        if (fold(xlsx_utf8_next(a, la, &i)) != fold(xlsx_utf8_next(b, lb, &j))) {
            return 0;
        }
    }
    return i == la && j == lb;
}

static int
taken(const struct xlsx_names *ns, const char *name)
{
    if (same_name(name, "History")) {
        return 1;
    }
    for (size_t i = 0; i < ns->n; i++) {
        if (same_name(name, ns->v[i])) {
            return 1;
        }
    }
    return 0;
}

/* @p base cut so that @p suffix fits within 31 characters, then @p suffix. */
static void
suffixed(char *cand, size_t cap, const char *base, const char *suffix)
{
    char head[XLSX_SHEETNAME_SIZE];
    snprintf(head, sizeof(head), "%s", base);
    cut(head, XLSX_SHEETNAME_UNITS - strlen(suffix));
    snprintf(cand, cap, "%s%s", head, suffix);
}

or_status
xlsx_names_add(struct xlsx_names *ns, const char *wanted, const char *fallback, int k,
               const char *clash, char out[XLSX_SHEETNAME_SIZE])
{
    char base[XLSX_SHEETNAME_SIZE];
    char cand[XLSX_SHEETNAME_SIZE + 16];

    clean(wanted, base);
    if (base[0] == '\0') {
        clean(fallback, base);
    }
    if (base[0] == '\0') {
        snprintf(base, sizeof(base), "Sheet");
    }
    if (ns->n == ns->cap) {
        size_t cap = ns->cap > 0 ? ns->cap * 2 : 16;
        char(*v)[XLSX_SHEETNAME_SIZE] = realloc(ns->v, cap * sizeof(*v));
        if (v == NULL) {
            return OR_ERR_NOMEM;
        }
        ns->v = v;
        ns->cap = cap;
    }
    for (int i = k < 1 ? 1 : k; i <= 100000; i++) {
        if (i == 1) {
            snprintf(cand, sizeof(cand), "%s", base);
            if (taken(ns, cand) && clash != NULL && clash[0] != '\0' &&
                strlen(clash) < XLSX_SHEETNAME_UNITS) {
                suffixed(cand, sizeof(cand), base, clash);
            }
        }
        else {
            char suffix[16];
            snprintf(suffix, sizeof(suffix), " (%d)", i);
            suffixed(cand, sizeof(cand), base, suffix);
        }
        size_t len = strlen(cand);
        if (len < XLSX_SHEETNAME_SIZE && !taken(ns, cand)) {
            memcpy(ns->v[ns->n++], cand, len + 1);
            memcpy(out, cand, len + 1);
            return OR_OK;
        }
    }
    return OR_ERR_RENDER;
}

void
xlsx_names_free(struct xlsx_names *ns)
{
    free(ns->v);
    ns->v = NULL;
    ns->n = 0;
    ns->cap = 0;
}
