/* SPDX-License-Identifier: MIT */
/* Chart fills and strokes handed to the caller: see chart_shapes.h. */
#include "chart_shapes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const cairo_user_data_key_t shapes_key;

void
chart_shapes_free(struct chart_shapes *s)
{
    free(s->v);
    free(s->el);
    memset(s, 0, sizeof(*s));
}

int
chart_shapes_attach(cairo_t *cr, struct chart_shapes *s)
{
    return cairo_set_user_data(cr, &shapes_key, s, NULL) == CAIRO_STATUS_SUCCESS ? 0 : -1;
}

uint32_t
chart_source_rgb(cairo_t *cr)
{
    double r = 0.0;
    double g = 0.0;
    double b = 0.0;
    double a = 1.0;
    if (cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS) {
        return 0;
    }
    return ((uint32_t)lround(r * 255.0) << 16) | ((uint32_t)lround(g * 255.0) << 8) |
           (uint32_t)lround(b * 255.0);
}

/* Room for one more shape and @p nel more elements; -1 when out of memory. */
static int
reserve(struct chart_shapes *s, size_t nel)
{
    if (s->n == s->cap) {
        size_t cap = s->cap > 0 ? s->cap * 2 : 64;
        struct chart_shape *v = realloc(s->v, cap * sizeof(*v));
        if (v == NULL) {
            return -1;
        }
        s->v = v;
        s->cap = cap;
    }
    if (s->elcap - s->nel < nel) {
        size_t cap = s->elcap > 0 ? s->elcap : 256;
        while (cap - s->nel < nel) {
            if (cap > ((size_t)-1 / sizeof(struct chart_path_el)) / 2) {
                return -1;
            }
            cap *= 2;
        }
        struct chart_path_el *el = realloc(s->el, cap * sizeof(*el));
        if (el == NULL) {
            return -1;
        }
        s->el = el;
        s->elcap = cap;
    }
    return 0;
}

/* The elements of cairo's @p path, moved to device space (points). */
static size_t
copy_elements(cairo_t *cr, const cairo_path_t *path, struct chart_path_el *out)
{
    size_t n = 0;
    for (int i = 0; i < path->num_data; i += path->data[i].header.length) {
        const cairo_path_data_t *d = &path->data[i];
        struct chart_path_el *e = &out[n++];
        int points = 0;
        memset(e, 0, sizeof(*e));
        switch (d->header.type) {
        case CAIRO_PATH_MOVE_TO:
            e->op = CHART_PATH_MOVE;
            points = 1;
            break;
        case CAIRO_PATH_LINE_TO:
            e->op = CHART_PATH_LINE;
            points = 1;
            break;
        case CAIRO_PATH_CURVE_TO:
            e->op = CHART_PATH_CURVE;
            points = 3;
            break;
        default: e->op = CHART_PATH_CLOSE; break;
        }
        for (int p = 0; p < points; p++) {
            e->x[p] = d[p + 1].point.x;
            e->y[p] = d[p + 1].point.y;
            cairo_user_to_device(cr, &e->x[p], &e->y[p]);
        }
    }
    /* cairo starts a new subpath after a close: a lone move at the end paints nothing */
    if (n > 0 && out[n - 1].op == CHART_PATH_MOVE) {
        n--;
    }
    return n;
}

/* Record the current path as a fill or a stroke; 1 when @p cr collects shapes. */
static int
take(cairo_t *cr, int stroke)
{
    struct chart_shapes *s = cairo_get_user_data(cr, &shapes_key);
    if (s == NULL) {
        return 0;
    }
    cairo_path_t *path = cairo_copy_path(cr);
    if (path->status != CAIRO_STATUS_SUCCESS || reserve(s, (size_t)path->num_data) != 0) {
        s->nomem = 1;
        cairo_path_destroy(path);
        return 1;
    }
    double wx = cairo_get_line_width(cr);
    double wy = 0.0;
    cairo_user_to_device_distance(cr, &wx, &wy);
    struct chart_shape *sh = &s->v[s->n++];
    *sh = (struct chart_shape){
        .stroke = stroke,
        .rgb = chart_source_rgb(cr),
        .line_width = hypot(wx, wy),
        .join = (int)cairo_get_line_join(cr),
        .cap = (int)cairo_get_line_cap(cr),
        .first = s->nel,
    };
    sh->n = copy_elements(cr, path, s->el + s->nel);
    s->nel += sh->n;
    cairo_path_destroy(path);
    return 1;
}

void
chart_fill(cairo_t *cr)
{
    if (take(cr, 0)) {
        cairo_new_path(cr);
        return;
    }
    cairo_fill(cr);
}

void
chart_fill_preserve(cairo_t *cr)
{
    if (!take(cr, 0)) {
        cairo_fill_preserve(cr);
    }
}

void
chart_stroke(cairo_t *cr)
{
    if (take(cr, 1)) {
        cairo_new_path(cr);
        return;
    }
    cairo_stroke(cr);
}
