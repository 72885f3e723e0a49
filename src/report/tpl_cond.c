/* SPDX-License-Identifier: MIT */
/* Conditional formatting of a column or KPI in a template: "good", "bad",
 * "scale", "bars" (docs/templates.md, "Conditional formatting"). */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "report/brand.h"
#include "report/tpl_impl.h"

#define SCALE_LOW 0xFCFCFFu
#define SCALE_HIGH 0x63BE7Bu
#define BAR_COLOR 0x638EC6u

/* ">= 0.5", "<0.3", "= 0", "!= 1": the comparison and a number. */
static int
parse_test(const char *s, struct or_cond_test *t)
{
    static const struct {
        const char *op;
        enum or_cond_op v;
    } ops[] = {{">=", OR_COND_GE}, {"<=", OR_COND_LE}, {"!=", OR_COND_NE}, {"==", OR_COND_EQ},
               {">", OR_COND_GT},  {"<", OR_COND_LT},  {"=", OR_COND_EQ}};
    while (g_ascii_isspace(*s)) {
        s++;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(ops); i++) {
        size_t n = strlen(ops[i].op);
        if (strncmp(s, ops[i].op, n) != 0) {
            continue;
        }
        const char *num = s + n;
        while (g_ascii_isspace(*num)) {
            num++;
        }
        char *end = NULL;
        double v = g_ascii_strtod(num, &end);
        if (end == num) {
            return 0;
        }
        while (g_ascii_isspace(*end)) {
            end++;
        }
        if (*end != '\0') {
            return 0;
        }
        *t = (struct or_cond_test){1, ops[i].v, v};
        return 1;
    }
    return 0;
}

static or_status
load_test(struct or_tpl_where *w, json_t *obj, const char *owner, const char *key,
          struct or_cond_test *t)
{
    json_t *v = json_object_get(obj, key);
    if (v == NULL) {
        return OR_OK;
    }
    if (!json_is_string(v) || !parse_test(json_string_value(v), t)) {
        return or_tpl_fail(w,
                           "%s: '%s' must be a comparison and a number such as \">= 0.5\" "
                           "(>=, >, <=, <, =, !=; percent as a ratio)",
                           owner, key);
    }
    return OR_OK;
}

static or_status
colour(struct or_tpl_where *w, const char *owner, const char *key, json_t *v, uint32_t *out)
{
    if (!json_is_string(v) || !or_color_parse(json_string_value(v), out)) {
        return or_tpl_fail(w, "%s: '%s' colours must be \"#rrggbb\"", owner, key);
    }
    return OR_OK;
}

/* "scale": true, or ["#low", "#high"]. */
static or_status
load_scale(struct or_tpl_where *w, json_t *v, const char *owner, struct or_cond *c)
{
    c->kind = OR_COND_SCALE;
    c->low_color = SCALE_LOW;
    c->high_color = SCALE_HIGH;
    if (json_is_true(v)) {
        return OR_OK;
    }
    if (!json_is_array(v) || json_array_size(v) != 2) {
        return or_tpl_fail(w, "%s: 'scale' must be true or [\"#low\", \"#high\"]", owner);
    }
    or_status st = colour(w, owner, "scale", json_array_get(v, 0), &c->low_color);
    return st == OR_OK ? colour(w, owner, "scale", json_array_get(v, 1), &c->high_color) : st;
}

or_status
or_tpl_load_cond(struct or_tpl_where *w, json_t *obj, const char *owner, int kpi, struct or_cond *c)
{
    memset(c, 0, sizeof(*c));
    json_t *scale = json_object_get(obj, "scale");
    json_t *bars = json_object_get(obj, "bars");
    int threshold = json_object_get(obj, "good") != NULL || json_object_get(obj, "bad") != NULL;
    if (kpi && (scale != NULL || bars != NULL)) {
        return or_tpl_fail(w,
                           "%s: a KPI takes \"good\" and \"bad\", not '%s' (a tile has one "
                           "value)",
                           owner, scale != NULL ? "scale" : "bars");
    }
    if (threshold + (scale != NULL) + (bars != NULL) > 1) {
        return or_tpl_fail(w, "%s: one of \"good\"/\"bad\", \"scale\" or \"bars\", not several",
                           owner);
    }
    if (threshold) {
        c->kind = OR_COND_THRESHOLD;
        or_status st = load_test(w, obj, owner, "good", &c->good);
        return st == OR_OK ? load_test(w, obj, owner, "bad", &c->bad) : st;
    }
    if (scale != NULL) {
        return load_scale(w, scale, owner, c);
    }
    if (bars != NULL) {
        c->kind = OR_COND_BARS;
        c->high_color = BAR_COLOR;
        if (json_is_true(bars)) {
            return OR_OK;
        }
        return colour(w, owner, "bars", bars, &c->high_color);
    }
    return OR_OK;
}
