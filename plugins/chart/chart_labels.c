/* SPDX-License-Identifier: MIT */
/* Chart text handed to the caller: see chart_labels.h. */
#include "chart_labels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_shapes.h"

struct collector {
    struct chart_labels *labels;
    double scale;
};

static const cairo_user_data_key_t labels_key;

void
chart_labels_free(struct chart_labels *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].text);
    }
    free(l->v);
    memset(l, 0, sizeof(*l));
}

int
chart_labels_attach(cairo_t *cr, struct chart_labels *l, double scale)
{
    struct collector *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        return -1;
    }
    c->labels = l;
    c->scale = scale;
    if (cairo_set_user_data(cr, &labels_key, c, free) != CAIRO_STATUS_SUCCESS) {
        free(c);
        return -1;
    }
    return 0;
}

static int
grow(struct chart_labels *l)
{
    if (l->n < l->cap) {
        return 0;
    }
    size_t cap = l->cap > 0 ? l->cap * 2 : 32;
    struct chart_label *v = realloc(l->v, cap * sizeof(*v));
    if (v == NULL) {
        return -1;
    }
    l->v = v;
    l->cap = cap;
    return 0;
}

int
chart_labels_take(cairo_t *cr, double x, double y, enum chart_align align, const char *s)
{
    struct collector *c = cairo_get_user_data(cr, &labels_key);
    if (c == NULL) {
        return 0;
    }
    struct chart_labels *l = c->labels;
    size_t len = strlen(s);
    char *text = malloc(len + 1);
    if (text == NULL || grow(l) != 0) {
        free(text);
        l->nomem = 1;
        return 1;
    }
    memcpy(text, s, len + 1);
    cairo_matrix_t m;
    cairo_matrix_t fm;
    cairo_get_matrix(cr, &m);
    cairo_get_font_matrix(cr, &fm);
    cairo_user_to_device(cr, &x, &y);
    cairo_font_weight_t weight = cairo_toy_font_face_get_weight(cairo_get_font_face(cr));
    /* The device's y grows downwards, the page's upwards: the angle turns sign. */
    l->v[l->n++] = (struct chart_label){
        .text = text,
        .x = x / c->scale,
        .y = y / c->scale,
        .size = hypot(fm.xx, fm.yx),
        .bold = weight == CAIRO_FONT_WEIGHT_BOLD,
        .rgb = chart_source_rgb(cr),
        .align = align,
        .angle = -atan2(m.yx, m.xx),
    };
    return 1;
}
