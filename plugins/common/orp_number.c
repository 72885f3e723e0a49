/* SPDX-License-Identifier: MIT */
/*
 * Numbers from JSON values and decimal text, without libm (plugins link
 * only libc and jansson); see orp_number.h.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orp_number.h"
#include "orp_text.h"

/* 2^63 is exactly representable; anything at or beyond it overflows int64. */
#define INT64_LIMIT 9223372036854775808.0

/*
 * 2^53: every integer of smaller magnitude is exactly a double.  The bound
 * is exclusive because a larger integer decoded as a real may have been
 * rounded onto 2^53 itself.
 */
#define EXACT_DOUBLE_INT 9007199254740992.0

static int
is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

/* Length of the decimal number at @p s ([-+]d+[.d*][e[+-]d+] or [-+].d+[...]), or 0. */
static size_t
decimal_length(const char *s)
{
    size_t i = 0;
    size_t digits = 0;
    if (s[i] == '-' || s[i] == '+') {
        i++;
    }
    while (is_digit(s[i])) {
        i++;
        digits++;
    }
    if (s[i] == '.') {
        i++;
        while (is_digit(s[i])) {
            i++;
            digits++;
        }
    }
    if (digits == 0) {
        return 0;
    }
    if (s[i] == 'e' || s[i] == 'E') {
        size_t e = i + 1;
        if (s[e] == '-' || s[e] == '+') {
            e++;
        }
        if (!is_digit(s[e])) {
            return 0;
        }
        while (is_digit(s[e])) {
            e++;
        }
        i = e;
    }
    return i;
}

int
orp_number_text(const char *s, int64_t *i, double *r, int *is_int)
{
    while (orp_is_space(*s)) {
        s++;
    }
    size_t n = decimal_length(s);
    if (n == 0) {
        return 0;
    }
    const char *rest = s + n;
    while (orp_is_space(*rest)) {
        rest++;
    }
    if (*rest != '\0') {
        return 0;
    }
    char *end = NULL;
    *is_int = 0;
    if (strcspn(s, ".eE") >= n) {
        errno = 0;
        long long ll = strtoll(s, &end, 10);
        if (errno == 0 && end == s + n) {
            *i = ll;
            *r = (double)ll;
            *is_int = 1;
            return 1;
        }
    }
    errno = 0;
    double d = strtod(s, &end);
    if (end != s + n || errno != 0 || !isfinite(d)) {
        return 0;
    }
    *r = d;
    return 1;
}

/* Round half away from zero without libm; exact for |r| < 2^53. */
static int64_t
round_real(double r)
{
    int64_t t = (int64_t)r;
    double frac = r - (double)t;
    if (frac >= 0.5) {
        t++;
    }
    else if (frac <= -0.5) {
        t--;
    }
    return t;
}

int
orp_int_value(const json_t *v, unsigned rules, int64_t *out)
{
    double r = 0.0;
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return 1;
    }
    if (json_is_real(v)) {
        r = json_real_value(v);
    }
    else if (json_is_string(v)) {
        int64_t i = 0;
        int is_int = 0;
        if (!orp_number_text(json_string_value(v), &i, &r, &is_int)) {
            return 0;
        }
        if (is_int) {
            *out = i;
            return 1;
        }
        if ((rules & ORP_INT_TEXT_REAL) == 0) {
            return 0;
        }
    }
    else {
        return 0;
    }
    double limit = (rules & ORP_INT_SAFE53) != 0 ? EXACT_DOUBLE_INT : INT64_LIMIT;
    /* The range test comes first: converting a double out of range is undefined. */
    if (!(r > -limit && r < limit)) {
        return 0;
    }
    if ((rules & ORP_INT_ROUND) != 0) {
        *out = round_real(r);
        return 1;
    }
    if ((double)(int64_t)r != r) {
        return 0;
    }
    *out = (int64_t)r;
    return 1;
}
