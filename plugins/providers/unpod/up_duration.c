/* SPDX-License-Identifier: MIT */
/*
 * Call durations: the call-logs reference documents an integer of seconds
 * (207), its example shows "0:05:25".  Both are read; anything else is no
 * duration (NULL and a warning).
 */
#include <string.h>

#include "unpod.h"

/* "H:MM:SS" or "M:SS": minutes and seconds below 60, hours any. */
static int
clock_text(const char *s, int64_t *out)
{
    int64_t parts[3] = {0, 0, 0};
    int n = 0;
    const char *p = s;
    while (orp_is_space(*p)) {
        p++;
    }
    for (;;) {
        if (*p < '0' || *p > '9' || n == 3) {
            return 0;
        }
        int64_t v = 0;
        int digits = 0;
        while (*p >= '0' && *p <= '9' && digits < 12) {
            v = v * 10 + (*p - '0');
            p++;
            digits++;
        }
        parts[n++] = v;
        if (*p != ':') {
            break;
        }
        p++;
    }
    while (orp_is_space(*p)) {
        p++;
    }
    if (*p != '\0' || n < 2) {
        return 0;
    }
    int64_t h = n == 3 ? parts[0] : 0;
    int64_t m = parts[n - 2];
    int64_t sec = parts[n - 1];
    if (m >= 60 || sec >= 60 || (n == 2 && m >= 60)) {
        return 0;
    }
    *out = h * 3600 + m * 60 + sec;
    return 1;
}

int
up_duration(const json_t *v, int64_t *out)
{
    if (json_is_string(v) && strchr(json_string_value(v), ':') != NULL) {
        return clock_text(json_string_value(v), out);
    }
    return orp_int_value(v, ORP_INT_ROUND | ORP_INT_TEXT_REAL | ORP_INT_SAFE53, out) && *out >= 0;
}
