/* SPDX-License-Identifier: MIT */
/*
 * JavaScript Date.toString() text, the way Saleshandy sends its times:
 *
 *     Thu Dec 18 2024 10:59:29 GMT+5:30 (Asia/Kolkata)
 *     Thu Dec 18 2024 10:59:29 GMT+0530 (India Standard Time)
 *
 * The offset is taken exactly as written (+0530, +5:30, +05:30, +5, -0500,
 * -3:30, +0000) and the wall-clock time converted to UTC with integer
 * arithmetic; the weekday and the zone name in parentheses are ignored,
 * because the offset alone fixes the instant.  The scanner is bounded by
 * the given length and never reads past it.
 */
#include <stddef.h>

#include "saleshandy.h"

/* Offsets beyond ±14:00 do not exist on Earth. */
#define MAX_OFFSET_HOURS 14

struct scan {
    const char *p;
    const char *end;
};

static int
is_alpha(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static char
lower(char ch)
{
    return (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
}

static int
at_end(const struct scan *s)
{
    return s->p >= s->end;
}

static char
peek(const struct scan *s)
{
    return at_end(s) ? '\0' : *s->p;
}

/* Skips blanks; returns how many. */
static size_t
spaces(struct scan *s)
{
    size_t n = 0;
    while (!at_end(s) && (*s->p == ' ' || *s->p == '\t')) {
        s->p++;
        n++;
    }
    return n;
}

/* A run of letters; returns its length (0 if none). */
static size_t
word(struct scan *s, const char **start)
{
    *start = s->p;
    while (!at_end(s) && is_alpha(*s->p)) {
        s->p++;
    }
    return (size_t)(s->p - *start);
}

/* 1..maxn digits; returns how many were read (0 if none). */
static int
number(struct scan *s, int maxn, int *out)
{
    int n = 0;
    int v = 0;
    while (n < maxn && !at_end(s) && is_digit(*s->p)) {
        v = v * 10 + (*s->p - '0');
        s->p++;
        n++;
    }
    *out = v;
    return n;
}

/* Does the word [w, w+n) name entry i of @p names, abbreviated (3 letters) or in full? */
static int
name_index(const char *w, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++) {
        const char *full = names[i];
        size_t len = 0;
        while (full[len] != '\0') {
            len++;
        }
        if (n != 3 && n != len) {
            continue;
        }
        size_t k = 0;
        while (k < n && lower(w[k]) == full[k]) {
            k++;
        }
        if (k == n) {
            return i;
        }
    }
    return -1;
}

static const char *const months[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

static const char *const weekdays[7] = {
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
};

/* "GMT" then an optional signed offset; seconds east of UTC in *off. */
static int
offset(struct scan *s, int *off)
{
    const char *w = NULL;
    if (word(s, &w) != 3 || lower(w[0]) != 'g' || lower(w[1]) != 'm' || lower(w[2]) != 't') {
        return 0;
    }
    *off = 0;
    char sign = peek(s);
    if (sign != '+' && sign != '-') {
        return 1; /* bare "GMT" */
    }
    s->p++;
    int hh = 0;
    int mm = 0;
    int v = 0;
    int n = number(s, 4, &v);
    if (n == 4) {
        hh = v / 100;
        mm = v % 100;
    }
    else if (n == 1 || n == 2) {
        hh = v;
        if (peek(s) == ':') {
            s->p++;
            if (number(s, 2, &mm) != 2) {
                return 0;
            }
        }
    }
    else {
        return 0;
    }
    if (is_digit(peek(s)) || hh > MAX_OFFSET_HOURS || mm > 59) {
        return 0;
    }
    *off = (sign == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
    return 1;
}

/* An optional "(zone name)" and trailing blanks, then the end. */
static int
zone_name_and_end(struct scan *s)
{
    spaces(s);
    if (peek(s) == '(') {
        while (!at_end(s) && *s->p != ')') {
            s->p++;
        }
        if (at_end(s)) {
            return 0;
        }
        s->p++;
        spaces(s);
    }
    return at_end(s);
}

int
sh_parse_js_date(const char *text, size_t len, int64_t *out)
{
    struct scan s = {text, text + len};
    const char *w = NULL;
    int month = -1;
    int day = 0;
    int year = 0;
    int hh = 0;
    int mi = 0;
    int ss = 0;
    int off = 0;

    if (text == NULL) {
        return 0;
    }
    spaces(&s);
    size_t n = word(&s, &w);
    if (n == 0) {
        return 0;
    }
    if (name_index(w, n, weekdays, 7) >= 0) {
        if (spaces(&s) == 0) {
            return 0;
        }
        n = word(&s, &w);
    }
    month = name_index(w, n, months, 12);
    if (month < 0 || spaces(&s) == 0) {
        return 0;
    }
    if (number(&s, 2, &day) == 0 || spaces(&s) == 0) {
        return 0;
    }
    if (number(&s, 4, &year) != 4 || spaces(&s) == 0) {
        return 0;
    }
    if (number(&s, 2, &hh) != 2 || peek(&s) != ':') {
        return 0;
    }
    s.p++;
    if (number(&s, 2, &mi) != 2 || peek(&s) != ':') {
        return 0;
    }
    s.p++;
    if (number(&s, 2, &ss) != 2 || spaces(&s) == 0) {
        return 0;
    }
    if (!offset(&s, &off) || !zone_name_and_end(&s)) {
        return 0;
    }
    if (year < 1 || day < 1 || day > sh_days_in_month(year, month + 1) || hh > 23 || mi > 59 ||
        ss > 59) {
        return 0;
    }
    *out = orp_days_from_civil(year, month + 1, day) * 86400 + hh * 3600 + mi * 60 + ss - off;
    return 1;
}
