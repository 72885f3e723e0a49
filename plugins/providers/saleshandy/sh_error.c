/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an HTTP error body.  Saleshandy answers
 * errors in several envelopes: {"code": ..., "type": ..., "message": "..."},
 * NestJS-style {"statusCode": 400, "message": ["...", "..."]} (or
 * "messages"), and {"error": ..., "error_code": ..., "error_message": ...}.
 * A wrong API key is not a 401 but a 400 with "1001: Invalid token".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "saleshandy.h"

static const char *const keys[] = {"message", "messages", "error_message", "error", NULL};
static const char *const nested[] = {"message", "error_message", NULL};

or_status
sh_error_message(const char *body, size_t len, char *buf, size_t n)
{
    return orp_error_message(body, len, 0, keys, nested, buf, n) ? OR_OK : OR_ERR_NOT_FOUND;
}

/* 1 when the envelope says the token was refused: code or error_code 1001,
 * type "auth", or "Invalid token" in its message. */
static int
token_refused(const json_t *root, const char *message)
{
    static const char *const codes[] = {"code", "error_code", "statusCode"};
    for (size_t i = 0; i < SH_ARRAY_LEN(codes); i++) {
        const json_t *v = json_object_get(root, codes[i]);
        int64_t code = 0;
        if (orp_int_value(v, 0, &code) && code == 1001) {
            return 1;
        }
    }
    const json_t *type = json_object_get(root, "type");
    if (json_is_string(type) && strcasecmp(json_string_value(type), "auth") == 0) {
        return 1;
    }
    return strncmp(message, "1001", 4) == 0 || strstr(message, "Invalid token") != NULL ||
           strstr(message, "invalid token") != NULL;
}

or_status
sh_auth_failure(const struct or_host *h, long http_status, const char *body, size_t len, char *hint,
                size_t n)
{
    (void)h;
    if (n > 0) {
        hint[0] = '\0'; /* the host's auth_hint names the variable */
    }
    if (http_status == 401 || http_status == 403) {
        return OR_ERR_AUTH;
    }
    if (http_status != 400 || body == NULL || len == 0) {
        return OR_ERR_HTTP;
    }
    json_error_t jerr;
    json_t *root = json_loadb(body, len, 0, &jerr);
    char message[256];
    int found = orp_vendor_message(root, keys, nested, message, sizeof(message));
    int refused = json_is_object(root) && token_refused(root, found ? message : "");
    json_decref(root);
    return refused ? OR_ERR_AUTH : OR_ERR_HTTP;
}
