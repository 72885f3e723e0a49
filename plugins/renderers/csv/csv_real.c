/* SPDX-License-Identifier: MIT */
/* Round-trip REAL and INT text: see csv_real.h. */
#include "csv_real.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Doubles below this magnitude that are integral print exactly as integers. */
#define EXACT_INT_LIMIT 9007199254740992.0 /* 2^53 */

size_t
csv_int_format(int64_t v, char *buf)
{
    char tmp[24];
    size_t n = 0;
    /* Negate in unsigned arithmetic so LLONG_MIN does not overflow. */
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0);
    size_t len = 0;
    if (v < 0) {
        buf[len++] = '-';
    }
    while (n > 0) {
        buf[len++] = tmp[--n];
    }
    return len;
}

/*
 * Significant digits and decimal exponent of the shortest "%.*e" text of x
 * (15 to 17 digits) that strtod reads back exactly.  snprintf and strtod
 * share the thread's locale, so the check holds whatever the decimal point
 * is; the digits are then picked out without caring what it was.
 */
static size_t
shortest_digits(double x, char digits[20], int *exp10)
{
    char tmp[40];
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, x);
        if (prec == 17 || strtod(tmp, NULL) == x) {
            break;
        }
    }
    const char *p = tmp;
    if (*p == '-') {
        p++;
    }
    size_t nd = 0;
    while (*p != '\0' && *p != 'e' && *p != 'E') {
        if (*p >= '0' && *p <= '9' && nd < 20) {
            digits[nd++] = *p;
        }
        p++;
    }
    *exp10 = (*p != '\0') ? (int)strtol(p + 1, NULL, 10) : 0;
    while (nd > 1 && digits[nd - 1] == '0') {
        nd--;
    }
    return nd;
}

static size_t
put_zeros(char *buf, size_t len, int count)
{
    for (int i = 0; i < count; i++) {
        buf[len++] = '0';
    }
    return len;
}

size_t
csv_real_format(double x, char decimal_point, char *buf, size_t n)
{
    if (isnan(x)) {
        return (size_t)snprintf(buf, n, "nan");
    }
    if (isinf(x)) {
        return (size_t)snprintf(buf, n, x < 0 ? "-inf" : "inf");
    }
    if (x > -EXACT_INT_LIMIT && x < EXACT_INT_LIMIT && (double)(int64_t)x == x) {
        size_t len = csv_int_format((int64_t)x, buf);
        buf[len] = '\0';
        return len;
    }

    char digits[20];
    int e = 0;
    size_t nd = shortest_digits(x, digits, &e);
    size_t len = 0;
    if (x < 0) {
        buf[len++] = '-';
    }
    if (e >= 21 || e < -7) {
        buf[len++] = digits[0];
        if (nd > 1) {
            buf[len++] = decimal_point;
            memcpy(buf + len, digits + 1, nd - 1);
            len += nd - 1;
        }
        len += (size_t)snprintf(buf + len, n - len, "e%c%02d", e < 0 ? '-' : '+', abs(e));
        return len;
    }
    if (e < 0) {
        buf[len++] = '0';
        buf[len++] = decimal_point;
        len = put_zeros(buf, len, -e - 1);
        memcpy(buf + len, digits, nd);
        len += nd;
    }
    else if ((size_t)e + 1 >= nd) {
        memcpy(buf + len, digits, nd);
        len += nd;
        len = put_zeros(buf, len, e + 1 - (int)nd);
    }
    else {
        memcpy(buf + len, digits, (size_t)e + 1);
        len += (size_t)e + 1;
        buf[len++] = decimal_point;
        memcpy(buf + len, digits + e + 1, nd - (size_t)e - 1);
        len += nd - (size_t)e - 1;
    }
    buf[len] = '\0';
    return len;
}
