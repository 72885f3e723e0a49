/* SPDX-License-Identifier: MIT */
#include "dataset/coerce.h"

#include <glib.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* A real truncated toward zero, saturating at the ends of the range. */
static int64_t
real_to_int(double r)
{
    if (isnan(r)) {
        return 0;
    }
    if (r <= (double)INT64_MIN) {
        return INT64_MIN;
    }
    if (r >= (double)INT64_MAX) {
        return INT64_MAX;
    }
    return (int64_t)r;
}

static int64_t
text_to_int(const char *t)
{
    char *end = NULL;
    gint64 v = g_ascii_strtoll(t, &end, 10);
    if (end != NULL && (*end == '.' || *end == 'e' || *end == 'E')) {
        return real_to_int(g_ascii_strtod(t, NULL));
    }
    return v;
}

/* 15 significant digits, and a ".0" on whole numbers (before any exponent). */
static void
real_to_text(double r, char *buf)
{
    char tmp[OR_COERCE_TEXT];
    g_ascii_formatd(tmp, sizeof(tmp), "%.15g", r);
    if (strpbrk(tmp, ".ein") == NULL) {
        snprintf(buf, OR_COERCE_TEXT, "%s.0", tmp);
        return;
    }
    char *e = strchr(tmp, 'e');
    if (e == NULL || memchr(tmp, '.', (size_t)(e - tmp)) != NULL) {
        g_strlcpy(buf, tmp, OR_COERCE_TEXT);
        return;
    }
    snprintf(buf, OR_COERCE_TEXT, "%.*s.0%s", (int)(e - tmp), tmp, e);
}

void
or_coerce_cell(const struct or_cell *cell, const char *text, enum or_type type,
               char num[OR_COERCE_TEXT], struct or_value *v)
{
    enum or_type from = (enum or_type)cell->type;
    /* Only the members the type uses are set: this runs for every cell. */
    v->type = type;
    v->is_null = 0;
    if (type == OR_TYPE_TEXT) {
        if (from == OR_TYPE_TEXT) {
            v->s = text;
            v->len = cell->text_len;
            return;
        }
        if (from == OR_TYPE_REAL) {
            real_to_text(cell->r, num);
        }
        else {
            snprintf(num, OR_COERCE_TEXT, "%" PRId64, cell->i);
        }
        v->s = num;
        v->len = strlen(num);
        return;
    }
    if (type == OR_TYPE_REAL) {
        v->r = from == OR_TYPE_REAL   ? cell->r
               : from == OR_TYPE_TEXT ? g_ascii_strtod(text, NULL)
                                      : (double)cell->i;
        return;
    }
    /* INT, BOOL, TIME: integers. */
    v->i = from == OR_TYPE_REAL   ? real_to_int(cell->r)
           : from == OR_TYPE_TEXT ? text_to_int(text)
                                  : cell->i;
    v->r = (double)v->i;
}
