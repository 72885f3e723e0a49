/* SPDX-License-Identifier: MIT */
/*
 * The vendor's own words from an HTTP error body.  Saleshandy answers
 * errors as {"message": "..."} or NestJS-style {"statusCode": 400,
 * "message": ["...", "..."], "error": "Bad Request"}.
 */
#include "saleshandy.h"

or_status
sh_error_message(const char *body, size_t len, char *buf, size_t n)
{
    static const char *const keys[] = {"message", "error", NULL};
    static const char *const nested[] = {"message", NULL};
    return orp_error_message(body, len, 0, keys, nested, buf, n) ? OR_OK : OR_ERR_NOT_FOUND;
}
