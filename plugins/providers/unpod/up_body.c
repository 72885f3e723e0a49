/* SPDX-License-Identifier: MIT */
/*
 * Decoding a response body.  The host prefixes every message with the
 * source, instance and page, so messages here only say what is wrong and
 * where in the JSON.
 */
#include <stdio.h>

#include "unpod.h"

or_status up_body_load(const char *body, size_t len, json_t **out, char *err, size_t errlen)
{
    *out = NULL;
    if (body == NULL || len == 0) {
        snprintf(err, errlen, "empty response body");
        return OR_ERR_PARSE;
    }
    /*
     * Flags 0: duplicates allowed (last wins), \u0000 refused, trailing
     * garbage refused.  jansson validates UTF-8, so a body with invalid
     * bytes fails here rather than reaching the dataset.
     */
    json_error_t jerr;
    json_t *root = json_loadb(body, len, 0, &jerr);
    if (root == NULL && json_error_code(&jerr) == json_error_numeric_overflow) {
        /* One absurd counter should cost that cell, not the whole response. */
        root = json_loadb(body, len, JSON_DECODE_INT_AS_REAL, &jerr);
    }
    if (root == NULL) {
        snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line, jerr.column,
                 jerr.text);
        return OR_ERR_PARSE;
    }
    if (!json_is_object(root)) {
        snprintf(err, errlen, "response is not a JSON object");
        json_decref(root);
        return OR_ERR_PARSE;
    }
    *out = root;
    return OR_OK;
}
