/* SPDX-License-Identifier: MIT */
/* The one formatter of values: see valuefmt.h. */
#include "base/valuefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/timeutil.h"

/* Beyond this magnitude a double has no exact units digit left to group. */
#define GROUP_LIMIT 9.0e15
#define NUM_SIZE OR_VALUEFMT_SIZE

#define PLUS_MINUS "\xC2\xB1"

static const double pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000};

/* Currencies written with a symbol; any other code is written "CODE ". */
static const struct {
    const char *code;
    const char *symbol;
    int decimals;
} currencies[] = {
    {"EUR", "\xE2\x82\xAC", 2}, {"USD", "$", 2},
    {"GBP", "\xC2\xA3", 2},     {"JPY", "\xC2\xA5", 0},
    {"INR", "\xE2\x82\xB9", 2}, {"KRW", "\xE2\x82\xA9", 0},
    {"CAD", "CA$", 2},          {"AUD", "A$", 2},
    {"BRL", "R$", 2},
};

/* Copies @p s into @p buf, cut at a character boundary when it does not fit. */
static or_status
put(char *buf, size_t n, const char *s)
{
    size_t len = strlen(s);
    if (len < n) {
        memcpy(buf, s, len + 1);
        return OR_OK;
    }
    size_t cut = n - 1;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) {
        cut--; /* not inside a UTF-8 sequence */
    }
    memcpy(buf, s, cut);
    buf[cut] = '\0';
    return OR_ERR_INVALID;
}

int
or_currency_valid(const char *code)
{
    return code != NULL && strlen(code) == 3 && g_ascii_isupper(code[0]) &&
           g_ascii_isupper(code[1]) && g_ascii_isupper(code[2]);
}

const char *
or_currency_symbol(const char *code, int *decimals)
{
    static const char *const spaced[] = {"CHF ", "SEK ", "NOK ", "DKK ", "PLN ", "CZK "};
    *decimals = 2;
    for (size_t i = 0; code != NULL && i < G_N_ELEMENTS(currencies); i++) {
        if (strcmp(code, currencies[i].code) == 0) {
            *decimals = currencies[i].decimals;
            return currencies[i].symbol;
        }
    }
    for (size_t i = 0; code != NULL && i < G_N_ELEMENTS(spaced); i++) {
        if (strncmp(code, spaced[i], 3) == 0) {
            return spaced[i];
        }
    }
    return code != NULL ? code : "";
}

/* @p v rounded to @p decimals (0 to 6) with the style's separators. */
static void
grouped(char *out, double v, int decimals, const struct or_numstyle *st)
{
    if (!isfinite(v)) {
        snprintf(out, NUM_SIZE, "%s", isnan(v) ? "n/a" : (v < 0 ? "-inf" : "inf"));
        return;
    }
    decimals = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals;
    double scale = pow10_table[decimals];
    double a = fabs(v) * scale;
    if (a >= GROUP_LIMIT) {
        snprintf(out, NUM_SIZE, "%.3e", v);
        return;
    }
    /* Integer arithmetic from here: no locale, no binary-to-decimal surprises. */
    uint64_t u = (uint64_t)llround(a);
    uint64_t ip = u / (uint64_t)scale;
    uint64_t fp = u % (uint64_t)scale;
    char digits[24];
    size_t nd = 0;
    size_t o = 0;
    if (v < 0 && u != 0) {
        out[o++] = '-';
    }
    do {
        digits[nd++] = (char)('0' + (int)(ip % 10));
        ip /= 10;
    } while (ip != 0);
    size_t glen = st->group != NULL ? strlen(st->group) : 0;
    size_t plen = strlen(st->point);
    while (nd > 0) {
        out[o++] = digits[--nd];
        if (nd > 0 && nd % 3 == 0 && glen > 0) {
            memcpy(out + o, st->group, glen);
            o += glen;
        }
    }
    if (decimals > 0) {
        memcpy(out + o, st->point, plen);
        o += plen;
        for (int d = decimals - 1; d >= 0; d--) {
            out[o + (size_t)d] = (char)('0' + (int)(fp % 10));
            fp /= 10;
        }
        o += (size_t)decimals;
    }
    out[o] = '\0';
}

static void
duration(char *out, double seconds)
{
    if (!isfinite(seconds) || fabs(seconds) >= GROUP_LIMIT) {
        snprintf(out, NUM_SIZE, "n/a");
        return;
    }
    long long s = llround(fabs(seconds));
    const char *sign = seconds < 0 && s != 0 ? "-" : "";
    snprintf(out, NUM_SIZE, "%s%lld:%02lld:%02lld", sign, s / 3600, (s / 60) % 60, s % 60);
}

/* "€1,234.50", "-€5.00", "CHF 12.00"; a decimal when there is no code. */
static void
money(char *out, double v, int decimals, const struct or_numstyle *st)
{
    int own = 2;
    const char *symbol = st->currency != NULL ? or_currency_symbol(st->currency, &own) : "";
    char tmp[NUM_SIZE];
    grouped(tmp, fabs(v), decimals >= 0 ? decimals : own, st);
    if (!isfinite(v)) {
        snprintf(out, NUM_SIZE, "%s", isnan(v) ? "n/a" : (v < 0 ? "-inf" : "inf"));
        return;
    }
    int negative = v < 0 && strspn(tmp, "0.,") != strlen(tmp);
    if (st->currency_after && symbol[0] != '\0') {
        /* "1.234,50 €", "12,00 CHF" */
        char sym[16];
        snprintf(sym, sizeof(sym), "%s", symbol);
        g_strstrip(sym);
        snprintf(out, NUM_SIZE, "%s%s\xC2\xA0%s", negative ? "-" : "", tmp, sym);
        return;
    }
    snprintf(out, NUM_SIZE, "%s%s%s", negative ? "-" : "", symbol, tmp);
}

static void
ascii_number_text(double v, enum or_format fmt, int decimals, const struct or_numstyle *st,
                  char *out)
{
    char tmp[NUM_SIZE];
    switch (fmt) {
    case OR_FMT_INTEGER: grouped(out, v, decimals >= 0 ? decimals : 0, st); return;
    case OR_FMT_PERCENT:
        grouped(tmp, v * 100.0, decimals >= 0 ? decimals : 1, st);
        snprintf(out, NUM_SIZE, "%s %%", tmp);
        return;
    case OR_FMT_DURATION: duration(out, v); return;
    case OR_FMT_CURRENCY: money(out, v, decimals, st); return;
    case OR_FMT_TEXT:
        /* as it is, no separators: whole numbers in full (IDs, years), others to 15 digits */
        if (fabs(v) < 9.0e15 && v == nearbyint(v)) {
            snprintf(out, NUM_SIZE, "%.0f", v == 0.0 ? 0.0 : v);
        }
        else {
            snprintf(out, NUM_SIZE, "%.15g", v);
        }
        if (strcmp(st->point, ".") != 0) {
            char *dot = strchr(out, '.');
            if (dot != NULL) {
                char rest[NUM_SIZE];
                snprintf(rest, sizeof(rest), "%s", dot + 1);
                snprintf(dot, NUM_SIZE - (size_t)(dot - out), "%s%s", st->point, rest);
            }
        }
        return;
    default: grouped(out, v, decimals >= 0 ? decimals : 2, st); return;
    }
}

void
or_number_text(double v, enum or_format fmt, int decimals, const struct or_numstyle *st, char *out)
{
    ascii_number_text(v, fmt, decimals, st, out);
    or_locale_digits(st->digits, out, NUM_SIZE);
}

struct or_numstyle
or_numstyle_of(const struct or_locale *loc, const char *currency)
{
    struct or_numstyle st = OR_NUMSTYLE_DOCUMENT;
    st.currency = currency;
    if (loc != NULL) {
        st.group = loc->group;
        st.point = loc->point;
        st.currency_after = loc->currency_after;
        st.digits = loc;
    }
    return st;
}

void
or_instant_text_loc(int64_t t, int with_time, GTimeZone *tz, const struct or_locale *loc, char *out)
{
    if (loc == NULL) {
        or_instant_text(t, with_time, tz, out);
        return;
    }
    struct or_local_time lt;
    or_time_local(t, tz, &lt);
    int parts[5] = {lt.year, lt.month, lt.day, lt.hour, lt.minute};
    or_locale_date(loc, parts, with_time, out, NUM_SIZE);
}

void
or_instant_text(int64_t t, int with_time, GTimeZone *tz, char *out)
{
    struct or_local_time lt;
    or_time_local(t, tz, &lt);
    if (with_time) {
        snprintf(out, NUM_SIZE, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                 lt.minute);
    }
    else {
        snprintf(out, NUM_SIZE, "%04d-%02d-%02d", lt.year, lt.month, lt.day);
    }
}

/* An instant held in a REAL: whole seconds, when they fit. */
static int
real_instant(double r, int64_t *t)
{
    if (!isfinite(r) || fabs(r) > 9.0e15) {
        return 0;
    }
    *t = (int64_t)llround(r);
    return 1;
}

or_status
or_value_text_loc(const struct or_value *v, enum or_format fmt, int decimals, GTimeZone *tz,
                  const char *currency, const struct or_locale *loc, char *buf, size_t n)
{
    char out[NUM_SIZE];
    struct or_numstyle st = or_numstyle_of(loc, currency);
    int64_t t = 0;
    if (buf == NULL || n == 0 || v == NULL) {
        return OR_ERR_INVALID;
    }
    if (v->is_null) {
        return put(buf, n, OR_VALUEFMT_NULL);
    }
    switch (v->type) {
    case OR_TYPE_TEXT: return put(buf, n, v->s != NULL ? v->s : "");
    case OR_TYPE_BOOL: return put(buf, n, v->i ? "yes" : "no");
    case OR_TYPE_TIME: or_instant_text_loc(v->i, fmt != OR_FMT_DATE, tz, loc, out); break;
    case OR_TYPE_INT:
        if (fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) {
            or_instant_text_loc(v->i, fmt == OR_FMT_DATETIME, tz, loc, out);
        }
        else if (fmt == OR_FMT_TEXT) {
            snprintf(out, sizeof(out), "%lld", (long long)v->i);
            or_locale_digits(loc, out, sizeof(out));
        }
        else {
            or_number_text((double)v->i, fmt == OR_FMT_AUTO ? OR_FMT_INTEGER : fmt, decimals, &st,
                           out);
        }
        break;
    default:
        if ((fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) && real_instant(v->r, &t)) {
            or_instant_text_loc(t, fmt == OR_FMT_DATETIME, tz, loc, out);
        }
        else {
            or_number_text(v->r, fmt, decimals, &st, out);
        }
        break;
    }
    return put(buf, n, out);
}

or_status
or_value_text_in(const struct or_value *v, enum or_format fmt, int decimals, GTimeZone *tz,
                 const char *currency, char *buf, size_t n)
{
    return or_value_text_loc(v, fmt, decimals, tz, currency, NULL, buf, n);
}

or_status
or_value_text(const struct or_value *v, enum or_format fmt, int decimals, GTimeZone *tz, char *buf,
              size_t n)
{
    return or_value_text_in(v, fmt, decimals, tz, NULL, buf, n);
}

void
or_value_format(const struct or_value *v, enum or_format fmt, GTimeZone *tz, char *buf, size_t n)
{
    (void)or_value_text(v, fmt, -1, tz, buf, n);
}

/* Rounds @p v as @p text shows it with one decimal. */
static double
shown_tenths(double v)
{
    double r = round(v * 10.0) / 10.0;
    return r == 0.0 ? 0.0 : r;
}

int
or_kpi_change_in(const struct or_kpi *k, const struct or_numstyle *st, char *buf, size_t n,
                 int *direction, double *number, int *kind)
{
    char tmp[NUM_SIZE];
    double d;

    *direction = 0;
    *number = 0.0;
    *kind = 2;
    if (n > 0) {
        buf[0] = '\0';
    }
    if (!k->has_value || !k->has_previous || !isfinite(k->value) || !isfinite(k->previous)) {
        return 0;
    }
    const char *unit = "";
    if (k->format == OR_FMT_PERCENT || k->previous != 0.0) {
        int points = k->format == OR_FMT_PERCENT;
        d = points ? (k->value - k->previous) * 100.0
                   : (k->value - k->previous) / fabs(k->previous) * 100.0;
        grouped(tmp, fabs(d), 1, st);
        *number = points ? shown_tenths(d) : shown_tenths(d) / 100.0;
        *direction = *number == 0.0 ? 0 : (d > 0 ? 1 : -1);
        *kind = points ? 1 : 0;
        unit = points ? " pp" : " %";
    }
    else {
        /* No relative change from zero: the difference itself. */
        d = k->value - k->previous;
        enum or_format fmt = k->format;
        if (fmt == OR_FMT_AUTO || fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME ||
            fmt == OR_FMT_TEXT) {
            fmt = fabs(d - nearbyint(d)) < 1e-9 ? OR_FMT_INTEGER : OR_FMT_DECIMAL;
        }
        ascii_number_text(fabs(d), fmt, -1, st, tmp); /* digits below, with the sign */
        *number = d;
        *direction = d > 0 ? 1 : (d < 0 ? -1 : 0);
    }
    snprintf(buf, n, "%s%s%s", *direction == 0 ? PLUS_MINUS : (d > 0 ? "+" : "-"), tmp, unit);
    or_locale_digits(st->digits, buf, n);
    return 1;
}

int
or_kpi_change_loc(const struct or_kpi *k, const struct or_locale *loc, char *buf, size_t n,
                  int *direction)
{
    struct or_numstyle st = or_numstyle_of(loc, NULL);
    double number;
    int kind;
    return or_kpi_change_in(k, &st, buf, n, direction, &number, &kind);
}

int
or_kpi_change(const struct or_kpi *k, char *buf, size_t n, int *direction)
{
    struct or_numstyle st = OR_NUMSTYLE_DOCUMENT;
    double number;
    int kind;
    return or_kpi_change_in(k, &st, buf, n, direction, &number, &kind);
}
