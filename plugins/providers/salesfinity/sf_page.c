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
    st = t->paging(root, page, json_array_size(data), limit, info, err, errlen);
    if (st == OR_OK) {
        struct orp_cells cells;
        orp_cells_init(&cells, h, rows, t->fields, t->nfields, "%s page %ld", t->endpoint, page);
        cells.int_rules = ORP_INT_ROUND | ORP_INT_TEXT_REAL;
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
