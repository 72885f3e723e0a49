/* SPDX-License-Identifier: MIT */
/**
 * @file http_config.h
 * @brief The limits of the [http] section: response size, deadline, low
 * speed, and whether credentials may travel in clear text (core only).
 *
 * | key             | meaning                                            | default |
 * |-----------------|----------------------------------------------------|---------|
 * | max_response_mb | largest response body, decoded, in MB (10^6 bytes) | 256     |
 * | deadline_s      | time allowed for one source; 0: none               | 3600    |
 * | low_speed_bytes | a try slower than this many bytes/s ...            | 100     |
 * | low_speed_s     | ... for this many seconds is dropped; 0: never     | 60      |
 * | allow_insecure  | credentials may go over plain http:// to any host  | false   |
 *
 * `--deadline SECONDS` on the command line sets deadline_s.
 */
#ifndef OR_HTTP_CONFIG_H
#define OR_HTTP_CONFIG_H

#include <stddef.h>

#include "base/config.h"
#include "http/http_types.h"

/**
 * @brief Fill the limits of @p ho from the [http] keys above; keys that
 * are not set leave the defaults.
 * @return OR_OK; OR_ERR_CONFIG with @p err naming the key, its value and
 *         what is expected.
 */
or_status or_http_limits_from_config(const struct or_config *cfg, struct or_http_options *ho,
                                     char *err, size_t errlen);

/**
 * @brief Read a yes/no value: true, yes, on, 1 / false, no, off, 0 (any
 * letter case).
 * @return 1 and sets @p out, or 0 when @p v is none of them.
 */
int or_config_bool(const char *v, int *out);

#endif /* OR_HTTP_CONFIG_H */
