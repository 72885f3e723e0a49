/* SPDX-License-Identifier: MIT */
/* Filling a struct mock_response: literal bodies, messages, writer output. */
#include "mockapi.h"

#include <stdlib.h>
#include <string.h>

int
response_literal(struct mock_response *r, int status, const char *json)
{
    r->body = strdup(json);
    if (r->body == NULL) {
        return -1;
    }
    r->len = strlen(json);
    r->status = status;
    return 0;
}

int
response_message(struct mock_response *r, int status, const char *text)
{
    struct jsonw w;

    jsonw_init(&w, 128);
    jsonw_begin_object(&w, NULL);
    jsonw_string(&w, "message", text);
    jsonw_end_object(&w);
    return response_take(r, status, &w);
}

int
response_take(struct mock_response *r, int status, struct jsonw *w)
{
    size_t len = 0;

    r->body = jsonw_take(w, &len);
    if (r->body == NULL) {
        return -1;
    }
    r->len = len;
    r->status = status;
    return 0;
}
