/* SPDX-License-Identifier: MIT */
/* The cells of a heatmap: see chart_grid.h. */
#include "chart_grid.h"

#include <stdlib.h>
#include <string.h>

#include "orr_style.h"

static int
grow(void **p, size_t n, size_t size)
{
    void *q = realloc(*p, n * size);
    if (q == NULL) {
        return -1;
    }
    *p = q;
    return 0;
}

/* Index of @p label among @p k's labels, added when new; (size_t)-1 when out of memory. */
static size_t
key_index(struct chart_keys *k, const char *label, int isnum, double num)
{
    for (size_t i = 0; i < k->n; i++) {
        if (strcmp(k->label[i], label) == 0) {
            return i;
        }
    }
    if (k->n == k->cap) {
        size_t cap = k->cap > 0 ? 2 * k->cap : 16;
        if (grow((void **)&k->label, cap, sizeof(*k->label)) != 0 ||
            grow((void **)&k->num, cap, sizeof(*k->num)) != 0) {
            return (size_t)-1;
        }
        k->cap = cap;
    }
    size_t len = strlen(label) + 1;
    k->label[k->n] = malloc(len);
    if (k->label[k->n] == NULL) {
        return (size_t)-1;
    }
    memcpy(k->label[k->n], label, len);
    k->num[k->n] = num;
    k->text = k->text || !isnum;
    return k->n++;
}

int
chart_grid_add(struct chart_grid *g, const char *xl, int xnum, double xv, const char *yl, int ynum,
               double yv, int has, double v)
{
    if (g->nrows == g->cap) {
        size_t cap = g->cap > 0 ? 2 * g->cap : 64;
        if (grow((void **)&g->xi, cap, sizeof(*g->xi)) != 0 ||
            grow((void **)&g->yi, cap, sizeof(*g->yi)) != 0 ||
            grow((void **)&g->v, cap, sizeof(*g->v)) != 0 ||
            grow((void **)&g->has, cap, sizeof(*g->has)) != 0) {
            return -1;
        }
        g->cap = cap;
    }
    size_t x = key_index(&g->x, xl, xnum, xv);
    size_t y = x == (size_t)-1 ? x : key_index(&g->y, yl, ynum, yv);
    if (y == (size_t)-1) {
        return -1;
    }
    g->xi[g->nrows] = x;
    g->yi[g->nrows] = y;
    g->v[g->nrows] = v;
    g->has[g->nrows] = (unsigned char)(has != 0);
    g->nrows++;
    return 0;
}

struct order {
    double num;
    size_t old;
};

static int
by_number(const void *a, const void *b)
{
    const struct order *p = a;
    const struct order *q = b;
    if (p->num != q->num) {
        return p->num < q->num ? -1 : 1;
    }
    return p->old < q->old ? -1 : p->old > q->old;
}

/* Sort a numeric axis; *@p remap (owned, n entries) maps old to new indices. */
static int
sort_keys(struct chart_keys *k, size_t **remap)
{
    *remap = calloc(k->n > 0 ? k->n : 1, sizeof(**remap));
    struct order *o = calloc(k->n > 0 ? k->n : 1, sizeof(*o));
    char **labels = calloc(k->n > 0 ? k->n : 1, sizeof(*labels));
    if (*remap == NULL || o == NULL || labels == NULL) {
        free(o);
        free(labels);
        return -1;
    }
    for (size_t i = 0; i < k->n; i++) {
        o[i] = (struct order){k->num[i], i};
    }
    if (!k->text) {
        qsort(o, k->n, sizeof(*o), by_number);
    }
    for (size_t i = 0; i < k->n; i++) {
        (*remap)[o[i].old] = i;
        labels[i] = k->label[o[i].old];
        k->num[i] = o[i].num;
    }
    free(k->label);
    k->label = labels;
    free(o);
    return 0;
}

int
chart_grid_finish(struct chart_grid *g)
{
    size_t *rx = NULL;
    size_t *ry = NULL;
    int rc = -1;
    if (sort_keys(&g->x, &rx) != 0 || sort_keys(&g->y, &ry) != 0) {
        goto done;
    }
    g->nx = g->x.n;
    g->ny = g->y.n;
    size_t cells = g->nx * g->ny > 0 ? g->nx * g->ny : 1;
    g->value = calloc(cells, sizeof(*g->value));
    g->set = calloc(cells, 1);
    if (g->value == NULL || g->set == NULL) {
        goto done;
    }
    /* Rows of cells already filled are the pair's second: the first stays. */
    unsigned char *seen = calloc(cells, 1);
    if (seen == NULL) {
        goto done;
    }
    for (size_t i = 0; i < g->nrows; i++) {
        size_t at = ry[g->yi[i]] * g->nx + rx[g->xi[i]];
        if (!seen[at]) {
            seen[at] = 1;
            g->set[at] = g->has[i];
            g->value[at] = g->v[i];
        }
    }
    free(seen);
    rc = 0;

done:
    free(rx);
    free(ry);
    return rc;
}

static void
keys_free(struct chart_keys *k)
{
    for (size_t i = 0; i < k->n; i++) {
        free(k->label[i]);
    }
    free(k->label);
    free(k->num);
}

void
chart_grid_free(struct chart_grid *g)
{
    keys_free(&g->x);
    keys_free(&g->y);
    free(g->value);
    free(g->set);
    free(g->xi);
    free(g->yi);
    free(g->v);
    free(g->has);
    memset(g, 0, sizeof(*g));
}

struct chart_heat_scale
chart_heat_scale(const uint32_t *palette)
{
    if (palette == NULL) {
        return (struct chart_heat_scale){0xDEEBF7u, 0x6BAED6u, 0x08519Cu};
    }
    uint32_t accent = palette[0] & 0xFFFFFFu;
    return (struct chart_heat_scale){
        .low = orr_mix(0xFFFFFFu, accent, 0.14),
        .mid = orr_mix(0xFFFFFFu, accent, 0.62),
        .high = orr_mix(0x000000u, accent, 0.70),
    };
}

uint32_t
chart_heat_color(const struct chart_heat_scale *s, double t)
{
    return t < 0.5 ? orr_mix(s->low, s->mid, t * 2.0) : orr_mix(s->mid, s->high, (t - 0.5) * 2.0);
}
