/* SPDX-License-Identifier: MIT */
/*
 * Reading a page: the body (decoded by orp_page_load, which names the JSON
 * position of a malformed body), its paging fields and its `data` rows.
 * One loop serves both endpoints; each describes itself in a sf_table.
 */
#include <stdio.h>

#include "salesfinity.h"

or_status
sf_parse(const struct sf_table *t, const struct or_host *h, const struct or_query *q, long page,
         const char *body, size_t len, struct or_rows *rows, struct or_page_info *info, char *err,
         size_t errlen)
{
    orp_page_info_reset(info);
    json_t *root = NULL;
    or_status st = orp_page_load(h, t->endpoint, body, len, ORP_LOAD_OBJECT, &root, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    json_t *data = sf_page_array(root, "data", err, errlen);
    if (data == NULL) {
        json_decref(root);
        return OR_ERR_PARSE;
    }
    long limit = SF_PAGE_LIMIT;
    char unused[OR_ERR_SIZE];
    (void)orp_check_int(q, t->endpoint, "limit", 1, SF_PAGE_LIMIT, SF_PAGE_LIMIT, &limit, unused,
                        sizeof(unused));
    if (t->paging != NULL) {
        st = t->paging(root, page, json_array_size(data), limit, info, err, errlen);
    }
    if (st == OR_OK) {
        struct orp_cells cells;
        struct sf_kpi kpi;
        orp_cells_init(&cells, h, rows, t->fields, t->nfields, "%s page %ld", t->endpoint, page);
        cells.int_rules = ORP_INT_ROUND | ORP_INT_TEXT_REAL;
        if (t->kpi) {
            sf_kpi_init(h, q, &kpi);
            cells.user = &kpi;
        }
        st = orp_cells_write(&cells, data, t->row_bit, t->row, err, errlen);
    }
    json_decref(root);
    return st;
}

json_t *
sf_page_array(json_t *root, const char *key, char *err, size_t errlen)
{
    json_t *v = json_object_get(root, key);
    if (v == NULL) {
        snprintf(err, errlen, "response has no field \"%s\"", key);
        return NULL;
    }
    if (!json_is_array(v)) {
        snprintf(err, errlen, "field \"%s\" is not an array", key);
        return NULL;
    }
    return v;
}

or_status
sf_analytics_paging(const json_t *root, long page, size_t nrows, long limit,
                    struct or_page_info *info, char *err, size_t errlen)
{
    (void)nrows;
    (void)err;
    (void)errlen;
    long n = 0;
    if (orp_page_count(json_object_get(root, "page"), &n)) {
        info->page = n;
    }
    long per_page = limit;
    if (orp_page_count(json_object_get(root, "limit"), &n) && n > 0) {
        per_page = n;
    }
    if (orp_page_count(json_object_get(root, "totalCount"), &n)) {
        info->total_rows = n;
        info->total_pages = (n + per_page - 1) / per_page;
    }
    const json_t *next = json_object_get(root, "next");
    if (next == NULL || json_is_null(next) || json_is_false(next)) {
        return OR_OK;
    }
    info->has_more = 1;
    if (orp_page_count(next, &n)) {
        info->next_page = n;
    }
    else {
        info->next_page = (info->page >= 0 ? info->page : page) + 1;
    }
    return OR_OK;
}
