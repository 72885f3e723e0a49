/* SPDX-License-Identifier: MIT */
/* The limits of the [http] section: see http_config.h. */
#include "http/http_config.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "base/status_str.h"

int
or_config_bool(const char *v, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; v != NULL && i < G_N_ELEMENTS(yes); i++) {
        if (g_ascii_strcasecmp(v, yes[i]) == 0 || g_ascii_strcasecmp(v, no[i]) == 0) {
            *out = g_ascii_strcasecmp(v, yes[i]) == 0;
            return 1;
        }
    }
    return 0;
}

/* A whole number in [min, max] from [http] @p key; *set is 1 when given. */
static or_status
whole(const struct or_config *cfg, const char *key, long min, long max, long *out, int *set,
      char *err, size_t errlen)
{
    or_status st = or_config_long(cfg, "http", key, min, max, out, set, err, errlen);
    size_t used = err != NULL ? strlen(err) : 0;
    if (st != OR_OK && strcmp(key, "deadline_s") == 0 && used + 1 < errlen) {
        snprintf(err + used, errlen - used, " (--deadline sets it too)");
    }
    return st;
}

or_status
or_http_limits_from_config(const struct or_config *cfg, struct or_http_options *ho, char *err,
                           size_t errlen)
{
    long v = 0;
    int set = 0;
    or_status st = whole(cfg, "max_response_mb", 1, 100000, &v, &set, err, errlen);
    if (st == OR_OK && set) {
        ho->max_response_mb = v;
    }
    if (st == OR_OK) {
        st = whole(cfg, "deadline_s", 0, 30 * 86400, &v, &set, err, errlen);
        if (set) {
            /* 0 in the file means "none"; in the options it means the default. */
            ho->deadline_ms = v == 0 ? -1 : v * 1000;
        }
    }
    if (st == OR_OK) {
        st = whole(cfg, "low_speed_bytes", 1, 1000000000, &v, &set, err, errlen);
        ho->low_speed_bytes = set ? v : ho->low_speed_bytes;
    }
    if (st == OR_OK) {
        st = whole(cfg, "low_speed_s", 0, 86400, &v, &set, err, errlen);
        if (set) {
            ho->low_speed_s = v == 0 ? -1 : v;
        }
    }
    const char *insecure = or_config_get(cfg, "http", "allow_insecure");
    if (st == OR_OK && insecure != NULL && !or_config_bool(insecure, &ho->allow_insecure)) {
        or_set_err(err, errlen, "config [http] allow_insecure: '%s' is not true or false",
                   insecure);
        st = OR_ERR_CONFIG;
    }
    return st;
}
