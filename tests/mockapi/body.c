/* SPDX-License-Identifier: MIT */
/* JSON request bodies of the Saleshandy POST endpoints (jansson). */
#include "mockapi.h"

#include <math.h>

json_t *
body_parse(const struct mock_request *req)
{
    json_error_t err;
    json_t *root = json_loadb(req->body, req->body_len, 0, &err);

    if (root != NULL && !json_is_object(root)) {
        json_decref(root);
        return NULL;
    }
    return root;
}

int
body_long(const json_t *obj, const char *key, long dflt, long *out)
{
    const json_t *v = json_object_get(obj, key);

    if (v == NULL || json_is_null(v)) {
        *out = dflt;
        return 0;
    }
    if (json_is_integer(v)) {
        json_int_t i = json_integer_value(v);
        if (i < -1000000000000LL || i > 1000000000000LL) {
            return -1;
        }
        *out = (long)i;
        return 0;
    }
    if (json_is_real(v)) {
        double r = json_real_value(v);
        if (r != floor(r) || fabs(r) > 1e12) {
            return -1;
        }
        *out = (long)r;
        return 0;
    }
    if (json_is_string(v)) {
        return query_parse_long(json_string_value(v), -1000000000000L, 1000000000000L, out);
    }
    return -1;
}

int
body_string(const json_t *obj, const char *key, const char **out)
{
    const json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        return 0;
    }
    if (!json_is_string(v)) {
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

int
body_list(const json_t *obj, const char *key, query_item_fn *fn, void *arg)
{
    const json_t *arr = json_object_get(obj, key);
    const json_t *v;
    size_t k;

    if (arr == NULL || json_is_null(arr)) {
        return 0;
    }
    if (!json_is_array(arr)) {
        return -1;
    }
    json_array_foreach(arr, k, v)
    {
        if (!json_is_string(v)) {
            return -1;
        }
    }
    json_array_foreach(arr, k, v)
    {
        if (fn(arg, json_string_value(v)) != 0) {
            return -1;
        }
    }
    return (int)json_array_size(arr);
}

long
body_page(const char *body, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(body, len, 0, &err);
    long page = 1;

    if (root == NULL) {
        return 0;
    }
    if (!json_is_object(root) || (body_long(root, "pageNum", 1, &page) != 0) ||
        (json_object_get(root, "pageNum") == NULL && body_long(root, "page", 1, &page) != 0)) {
        page = 0;
    }
    json_decref(root);
    return page;
}
