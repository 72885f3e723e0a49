/* SPDX-License-Identifier: MIT */
/*
 * Endpoint parameters: choice checks and the pieces of the JSON request
 * bodies built from them (lookup and range checks are orp_param.h).  No
 * state outlives a call.
 */
#include <stdio.h>
#include <string.h>

#include "saleshandy.h"

/* Is @p v one of the comma-separated @p choices (exactly, as the host checks)? */
static int
in_choices(const char *choices, const char *v)
{
    size_t n = strlen(v);
    const char *p = choices;
    while (p != NULL && *p != '\0') {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        if (len == n && memcmp(p, v, n) == 0) {
            return 1;
        }
        p = comma != NULL ? comma + 1 : NULL;
    }
    return 0;
}

or_status
sh_check_enums(const struct or_query *q, const char *endpoint, const struct or_param *const *params,
               size_t nparams, char *err, size_t errlen)
{
    for (size_t i = 0; i < nparams; i++) {
        if (params[i]->type != OR_PARAM_ENUM) {
            continue;
        }
        const char *s = orp_param(q, params[i]->name);
        if (s != NULL && !in_choices(params[i]->choices, s)) {
            snprintf(err, errlen, "%s: parameter %s must be one of %s, not \"%s\"", endpoint,
                     params[i]->name, params[i]->choices, s);
            return OR_ERR_INVALID;
        }
    }
    return OR_OK;
}

or_status
sh_body_list(json_t *body, const char *key, const struct or_query *q, const char *name, char *err,
             size_t errlen)
{
    const char *list = orp_param(q, name);
    if (list == NULL) {
        return OR_OK;
    }
    json_t *arr = json_array();
    if (arr == NULL) {
        goto nomem;
    }
    const char *item = list;
    while (item != NULL) {
        const char *comma = strchr(item, ',');
        const char *end = comma != NULL ? comma : item + strlen(item);
        while (item < end && orp_is_space(*item)) {
            item++;
        }
        while (end > item && orp_is_space(end[-1])) {
            end--;
        }
        if (end > item && json_array_append_new(arr, json_stringn(item, (size_t)(end - item)))) {
            json_decref(arr);
            snprintf(err, errlen, "parameter %s: an item is not valid UTF-8 or memory ran out",
                     name);
            return OR_ERR_INVALID;
        }
        item = comma != NULL ? comma + 1 : NULL;
    }
    /* Only separators: nothing to filter by. */
    if (json_array_size(arr) == 0) {
        json_decref(arr);
        return OR_OK;
    }
    if (json_object_set_new(body, key, arr) != 0) {
        goto nomem;
    }
    return OR_OK;
nomem:
    snprintf(err, errlen, "out of memory building the request body (%s)", key);
    return OR_ERR_NOMEM;
}

or_status
sh_body_string(json_t *body, const char *key, const char *value, char *err, size_t errlen)
{
    if (json_object_set_new(body, key, json_string(value)) != 0) {
        snprintf(err, errlen,
                 "could not put %s into the request body (not UTF-8, or out of "
                 "memory)",
                 key);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

or_status
sh_body_int(json_t *body, const char *key, long value, char *err, size_t errlen)
{
    if (json_object_set_new(body, key, json_integer(value)) != 0) {
        snprintf(err, errlen, "out of memory building the request body (%s)", key);
        return OR_ERR_NOMEM;
    }
    return OR_OK;
}
