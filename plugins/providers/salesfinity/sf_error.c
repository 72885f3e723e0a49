/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an HTTP error body.  Salesfinity answers
 * errors NestJS-style, {"statusCode":400,"message":"...","error":"Bad
 * Request"}, where `message` may also be a list of validation messages.
 */
#include "salesfinity.h"

or_status
sf_error_message(const char *body, size_t len, char *buf, size_t n)
{
    static const char *const keys[] = {"message", "error", NULL};
    static const char *const nested[] = {"message", NULL};
    return orp_error_message(body, len, JSON_DECODE_ANY, keys, nested, buf, n) ? OR_OK
                                                                               : OR_ERR_NOT_FOUND;
}
