/* SPDX-License-Identifier: MIT */
/**
 * @file http_plain.h
 * @brief No credential in clear text: a request that carries a secret
 * header over plain http:// is refused unless its host is this machine or
 * `[http] allow_insecure = true` says otherwise (src/http only).
 */
#ifndef OR_HTTP_PLAIN_H
#define OR_HTTP_PLAIN_H

#include <stddef.h>

#include "http/http_types.h"

/**
 * @brief Whether @p host names this machine: localhost (any letter case,
 * with or without a final dot), an address in 127.0.0.0/8, or ::1 (with or
 * without brackets).
 */
int or_http_host_is_loopback(const char *host);

/**
 * @brief Check that @p req may be sent: over https://, without a secret
 * header, to a loopback host, or with @p allow_insecure.
 * @return OR_OK; OR_ERR_CONFIG with @p msg naming the request's label (the
 *         source), the URL's host and the settings to change.
 */
or_status or_http_plain_check(const struct or_http_request *req, int allow_insecure, char *msg,
                              size_t msglen);

#endif /* OR_HTTP_PLAIN_H */
