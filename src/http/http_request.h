/* SPDX-License-Identifier: MIT */
/**
 * @file http_request.h
 * @brief What a request is called: its label in messages and its key in a
 * recording (src/http only; tests use the key to find recorded files).
 */
#ifndef OR_HTTP_REQUEST_H
#define OR_HTTP_REQUEST_H

#include "http/http_types.h"

/**
 * @brief The request's name in messages: its label, else its path and
 * query, else "request".  Borrowed from @p req (or static).
 */
const char *or_http_request_label(const struct or_http_request *req);

/**
 * @brief Compute the record/replay key of a request: "METHOD path_query\n"
 * + body, hashed with SHA-256 into 64 hex characters plus NUL in @p hex.
 */
void or_http_request_key(const struct or_http_request *req, char hex[65]);

#endif /* OR_HTTP_REQUEST_H */
