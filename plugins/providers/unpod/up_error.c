/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an error body.  Unpod answers
 * {"status_code": 401, "message": "..."}; its Django REST framework layer
 * may answer {"detail": "..."} instead, and proxies {"error": "..."}.
 */
#include "unpod.h"

static const char *const keys[] = {"message", "detail", "error", NULL};
static const char *const nested[] = {"message", "detail", NULL};

int
up_vendor_message(const json_t *root, char *buf, size_t n)
{
    return orp_vendor_message(root, keys, nested, buf, n);
}

or_status
up_error_message(const char *body, size_t len, char *buf, size_t n)
{
    return orp_error_message(body, len, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, keys, nested,
                             buf, n)
               ? OR_OK
               : OR_ERR_NOT_FOUND;
}
