/* SPDX-License-Identifier: MIT */
/*
 * Opening a response of any endpoint: decode it (raw control characters
 * escaped and counted) and read the status_code the API wraps its answers
 * in, which may say 401 inside an HTTP 200.
 */
#include <stdio.h>

#include "unpod.h"

or_status
up_page_open(const struct or_host *h, const char *what, const char *body, size_t len, unsigned opts,
             json_t **root, char *err, size_t errlen)
{
    or_status st = orp_page_load(h, what, body, len, opts, root, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const json_t *v = json_object_get(*root, "status_code");
    int64_t code = 200;
    if (orp_is_empty(v)) {
        return OR_OK;
    }
    if (!orp_int_value(v, ORP_INT_TEXT_REAL | ORP_INT_SAFE53, &code)) {
        /* Of unexpected type: ignored, and `data` decides. */
        h->log(h, OR_LOG_WARN, "a status_code of unexpected JSON type was ignored");
        return OR_OK;
    }
    if (code == 200) {
        return OR_OK;
    }
    char message[256];
    if (!up_vendor_message(*root, message, sizeof(message))) {
        snprintf(message, sizeof(message), "(no message)");
    }
    char hint[400] = "";
    if (code == 401 || code == 403) {
        up_auth_hint(h, hint, sizeof(hint));
    }
    snprintf(err, errlen, "the response says status_code %lld: %s%s%s%s", (long long)code, message,
             hint[0] != '\0' ? " (" : "", hint, hint[0] != '\0' ? ")" : "");
    return OR_ERR_HTTP;
}
