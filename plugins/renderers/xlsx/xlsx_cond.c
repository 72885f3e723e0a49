/* SPDX-License-Identifier: MIT */
/* Native conditional formats: see xlsx_cond.h. */
#include "xlsx_cond.h"

#include <string.h>

#include "orr_style.h"

static const uint8_t criteria[OR_COND_OP_COUNT] = {
    [OR_COND_GE] = LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
    [OR_COND_GT] = LXW_CONDITIONAL_CRITERIA_GREATER_THAN,
    [OR_COND_LE] = LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO,
    [OR_COND_LT] = LXW_CONDITIONAL_CRITERIA_LESS_THAN,
    [OR_COND_EQ] = LXW_CONDITIONAL_CRITERIA_EQUAL_TO,
    [OR_COND_NE] = LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO,
};

or_status
xlsx_cond_formats(struct xlsx_ctx *x)
{
    x->cond_good = workbook_add_format(x->wb);
    x->cond_bad = workbook_add_format(x->wb);
    if (x->cond_good == NULL || x->cond_bad == NULL) {
        return xlsx_ctx_nomem(x, "conditional formats");
    }
    format_set_bg_color(x->cond_good, ORR_GOOD_FILL);
    format_set_font_color(x->cond_good, ORR_GOOD_TEXT);
    format_set_bg_color(x->cond_bad, ORR_BAD_FILL);
    format_set_font_color(x->cond_bad, ORR_BAD_TEXT);
    return OR_OK;
}

static lxw_error
add_test(lxw_worksheet *ws, const struct or_cond_test *t, lxw_format *f, lxw_row_t first,
         lxw_row_t last, lxw_col_t col)
{
    if (!t->set || (unsigned)t->op >= OR_COND_OP_COUNT) {
        return LXW_NO_ERROR;
    }
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof(cf));
    cf.type = LXW_CONDITIONAL_TYPE_CELL;
    cf.criteria = criteria[t->op];
    cf.value = t->operand;
    cf.format = f;
    cf.stop_if_true = LXW_TRUE;
    return worksheet_conditional_format_range(ws, first, col, last, col, &cf);
}

or_status
xlsx_cond_range(struct xlsx_ctx *x, lxw_worksheet *ws, const struct or_cond *c, lxw_row_t first,
                lxw_row_t last, lxw_col_t col)
{
    if (c == NULL || !OR_HOST_SINCE(x->h, 3) || last < first) {
        return OR_OK;
    }
    lxw_error e = LXW_NO_ERROR;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof(cf));
    switch (c->kind) {
    case OR_COND_THRESHOLD:
        e = add_test(ws, &c->good, x->cond_good, first, last, col);
        if (e == LXW_NO_ERROR) {
            e = add_test(ws, &c->bad, x->cond_bad, first, last, col);
        }
        break;
    case OR_COND_SCALE:
        cf.type = LXW_CONDITIONAL_2_COLOR_SCALE;
        cf.min_color = c->low_color;
        cf.max_color = c->high_color;
        e = worksheet_conditional_format_range(ws, first, col, last, col, &cf);
        break;
    case OR_COND_BARS:
        cf.type = LXW_CONDITIONAL_DATA_BAR;
        cf.bar_color = c->high_color;
        e = worksheet_conditional_format_range(ws, first, col, last, col, &cf);
        break;
    default: break;
    }
    return e == LXW_NO_ERROR ? OR_OK : xlsx_ctx_lxw(x, e, "cannot add a conditional format");
}
