/* SPDX-License-Identifier: MIT */
/* A report's locale from ICU: see locale.h. */
#include "base/locale.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "base/status_str.h"

#define UBUF 128

static void
to_utf8(const UChar *s, int32_t len, char *out, size_t n)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t got = 0;
    u_strToUTF8(out, (int32_t)n - 1, &got, s, len, &st);
    out[U_SUCCESS(st) && got < (int32_t)n ? got : 0] = '\0';
}

/* Whether ICU has data for the language of @p icu ("de" of "de_DE"). */
static int
language_known(const char *icu)
{
    char lang[16];
    UErrorCode st = U_ZERO_ERROR;
    uloc_getLanguage(icu, lang, sizeof(lang), &st);
    if (U_FAILURE(st) || lang[0] == '\0') {
        return 0;
    }
    for (int32_t i = 0; i < uloc_countAvailable(); i++) {
        char other[16];
        UErrorCode st2 = U_ZERO_ERROR;
        uloc_getLanguage(uloc_getAvailable(i), other, sizeof(other), &st2);
        if (U_SUCCESS(st2) && strcmp(lang, other) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The digits of @p nf's numbering system into loc->digits, unless they are ASCII. */
static void
digits(const UNumberFormat *nf, struct or_locale *loc)
{
    static const UNumberFormatSymbol sym[10] = {
        UNUM_ZERO_DIGIT_SYMBOL,  UNUM_ONE_DIGIT_SYMBOL,   UNUM_TWO_DIGIT_SYMBOL,
        UNUM_THREE_DIGIT_SYMBOL, UNUM_FOUR_DIGIT_SYMBOL,  UNUM_FIVE_DIGIT_SYMBOL,
        UNUM_SIX_DIGIT_SYMBOL,   UNUM_SEVEN_DIGIT_SYMBOL, UNUM_EIGHT_DIGIT_SYMBOL,
        UNUM_NINE_DIGIT_SYMBOL,
    };
    char d[10][8];
    int ascii = 1;
    for (int i = 0; i < 10; i++) {
        UChar buf[UBUF];
        UErrorCode st = U_ZERO_ERROR;
        int32_t n = unum_getSymbol(nf, sym[i], buf, UBUF, &st);
        d[i][0] = '\0';
        to_utf8(buf, U_SUCCESS(st) ? n : 0, d[i], sizeof(d[i]));
        if (d[i][0] == '\0') {
            return; /* a numbering system ICU cannot name digit by digit: keep ASCII */
        }
        ascii = ascii && d[i][0] == (char)('0' + i) && d[i][1] == '\0';
    }
    if (!ascii) {
        memcpy(loc->digits, d, sizeof(d));
    }
}

static void
symbols(struct or_locale *loc)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar buf[UBUF];
    UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, loc->icu, NULL, &st);
    if (U_SUCCESS(st)) {
        int32_t n = unum_getSymbol(nf, UNUM_GROUPING_SEPARATOR_SYMBOL, buf, UBUF, &st);
        to_utf8(buf, n, loc->group, sizeof(loc->group));
        n = unum_getSymbol(nf, UNUM_DECIMAL_SEPARATOR_SYMBOL, buf, UBUF, &st);
        to_utf8(buf, n, loc->point, sizeof(loc->point));
    }
    digits(nf, loc);
    unum_close(nf);
    st = U_ZERO_ERROR;
    UNumberFormat *cf = unum_open(UNUM_CURRENCY, NULL, 0, loc->icu, NULL, &st);
    if (U_SUCCESS(st)) {
        int32_t n = unum_toPattern(cf, FALSE, buf, UBUF, &st);
        /* "#,##0.00 ¤" writes the symbol after the amount */
        while (U_SUCCESS(st) && n > 0 && (buf[n - 1] == 0x00A0 || buf[n - 1] == ' ')) {
            n--;
        }
        loc->currency_after = U_SUCCESS(st) && n > 0 && buf[n - 1] == 0x00A4;
    }
    unum_close(cf);
    if (loc->point[0] == '\0') {
        snprintf(loc->point, sizeof(loc->point), ".");
    }
}

/* ICU's best pattern for @p skeleton ("yyyyMMdd", "HHmm"; "jmm": the locale's clock). */
static void
best_pattern(UDateTimePatternGenerator *g, const char *skeleton, char *out, size_t n)
{
    UChar sk[32];
    UChar buf[UBUF];
    UErrorCode st = U_ZERO_ERROR;
    u_uastrcpy(sk, skeleton);
    int32_t len = udatpg_getBestPattern(g, sk, -1, buf, UBUF, &st);
    if (U_SUCCESS(st)) {
        to_utf8(buf, len, out, n);
    }
}

/* Symbol @p index of kind @p kind ("UDAT_MONTHS") into @p out. */
static void
symbol(UDateFormat *df, UDateFormatSymbolType kind, int32_t index, char *out)
{
    UChar buf[UBUF];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = udat_getSymbols(df, kind, index, buf, UBUF, &st);
    to_utf8(buf, U_SUCCESS(st) ? n : 0, out, OR_LOCALE_NAME);
}

static void
names(struct or_locale *loc)
{
    UErrorCode st = U_ZERO_ERROR;
    UDateFormat *df = udat_open(UDAT_DEFAULT, UDAT_DEFAULT, loc->icu, NULL, 0, NULL, 0, &st);
    if (U_FAILURE(st)) {
        return;
    }
    for (int i = 0; i < 12; i++) {
        symbol(df, UDAT_MONTHS, i, loc->months[i]);
        symbol(df, UDAT_SHORT_MONTHS, i, loc->short_months[i]);
    }
    for (int i = 0; i < 7; i++) {
        int icu_day = i == 6 ? 1 : i + 2; /* ICU counts from Sunday = 1; ours from Monday */
        symbol(df, UDAT_WEEKDAYS, icu_day, loc->weekdays[i]);
        symbol(df, UDAT_SHORT_WEEKDAYS, icu_day, loc->short_weekdays[i]);
    }
    symbol(df, UDAT_AM_PMS, 0, loc->am);
    symbol(df, UDAT_AM_PMS, 1, loc->pm);
    udat_close(df);
}

/* The Excel number format of ICU pattern @p p: d, M -> m, y -> yyyy, H -> h,
 * h -> h with AM/PM, m, quoted and other literals as they are. */
static void
excel_code(const char *p, char *out, size_t n)
{
    GString *s = g_string_new(NULL);
    int ampm = 0;
    while (*p != '\0') {
        char c = *p;
        size_t run = 1;
        while (p[run] == c) {
            run++;
        }
        switch (c) {
        case 'd': g_string_append(s, run >= 2 ? "dd" : "d"); break;
        case 'M':
        case 'L': g_string_append(s, run >= 3 ? "mmm" : run == 2 ? "mm" : "m"); break;
        case 'y': g_string_append(s, run == 2 ? "yy" : "yyyy"); break;
        case 'H': g_string_append(s, run >= 2 ? "hh" : "h"); break;
        case 'h': g_string_append(s, run >= 2 ? "hh" : "h"); break;
        case 'm': g_string_append(s, "mm"); break;
        case 'a': ampm = 1; break;
        case '\'': break;
        default: g_string_append_len(s, p, (gssize)run); break;
        }
        p += run;
    }
    if (ampm) {
        g_string_append(s, " AM/PM");
    }
    snprintf(out, n, "%s", g_strstrip(s->str));
    g_string_free(s, TRUE);
}

or_status
or_locale_load(const char *tag, struct or_locale **out, char *err, size_t errlen)
{
    *out = NULL;
    struct or_locale *loc = g_new0(struct or_locale, 1);
    snprintf(loc->tag, sizeof(loc->tag), "%s", tag);
    UErrorCode st = U_ZERO_ERROR;
    char *dashed = g_strdelimit(g_strdup(tag), "_", '-');
    uloc_forLanguageTag(dashed, loc->icu, sizeof(loc->icu), NULL, &st);
    g_free(dashed);
    if (U_FAILURE(st) || strlen(tag) >= sizeof(loc->tag) || !language_known(loc->icu)) {
        or_set_err(err, errlen, "locale '%s': ICU has no such language (e.g. de-DE, en-US, fr-FR)",
                   tag);
        g_free(loc);
        return OR_ERR_CONFIG;
    }
    symbols(loc);
    st = U_ZERO_ERROR;
    UDateTimePatternGenerator *g = udatpg_open(loc->icu, &st);
    if (U_SUCCESS(st)) {
        best_pattern(g, "yyyyMMdd", loc->date, sizeof(loc->date));
        best_pattern(g, "jmm", loc->time, sizeof(loc->time));
    }
    udatpg_close(g);
    if (loc->date[0] == '\0') {
        snprintf(loc->date, sizeof(loc->date), "y-MM-dd");
    }
    if (loc->time[0] == '\0') {
        snprintf(loc->time, sizeof(loc->time), "HH:mm");
    }
    names(loc);
    char t[OR_LOCALE_NAME];
    excel_code(loc->date, loc->xl_date, sizeof(loc->xl_date));
    excel_code(loc->time, t, sizeof(t));
    snprintf(loc->xl_datetime, sizeof(loc->xl_datetime), "%s %s", loc->xl_date, t);
    *out = loc;
    return OR_OK;
}

void
or_locale_free(struct or_locale *loc)
{
    g_free(loc);
}

/* One pattern field of a run of @p run letters @p c. */
static void
field(const struct or_locale *loc, GString *s, char c, size_t run, const int parts[5])
{
    int h12 = parts[3] % 12 == 0 ? 12 : parts[3] % 12;
    switch (c) {
    case 'd': g_string_append_printf(s, run >= 2 ? "%02d" : "%d", parts[2]); break;
    case 'M':
    case 'L':
        if (run >= 4) {
            g_string_append(s, loc->months[parts[1] - 1]);
        }
        else if (run == 3) {
            g_string_append(s, loc->short_months[parts[1] - 1]);
        }
        else {
            g_string_append_printf(s, run == 2 ? "%02d" : "%d", parts[1]);
        }
        break;
    case 'y':
        g_string_append_printf(s, run == 2 ? "%02d" : "%04d", run == 2 ? parts[0] % 100 : parts[0]);
        break;
    case 'H': g_string_append_printf(s, run >= 2 ? "%02d" : "%d", parts[3]); break;
    case 'h': g_string_append_printf(s, run >= 2 ? "%02d" : "%d", h12); break;
    case 'm': g_string_append_printf(s, "%02d", parts[4]); break;
    case 'a': g_string_append(s, parts[3] < 12 ? loc->am : loc->pm); break;
    default: break;
    }
}

static void
apply(const struct or_locale *loc, const char *p, const int parts[5], GString *s)
{
    while (*p != '\0') {
        if (*p == '\'') {
            const char *end = strchr(p + 1, '\'');
            if (end == NULL) {
                break;
            }
            g_string_append_len(s, p + 1, end - p - 1);
            p = end + 1;
            continue;
        }
        if (!g_ascii_isalpha(*p)) {
            g_string_append_c(s, *p++);
            continue;
        }
        size_t run = 1;
        while (p[run] == *p) {
            run++;
        }
        field(loc, s, *p, run, parts);
        p += run;
    }
}

void
or_locale_date(const struct or_locale *loc, const int parts[5], int with_time, char *out, size_t n)
{
    GString *s = g_string_sized_new(32);
    apply(loc, loc->date, parts, s);
    if (with_time) {
        g_string_append_c(s, ' ');
        apply(loc, loc->time, parts, s);
    }
    snprintf(out, n, "%s", s->str);
    g_string_free(s, TRUE);
    or_locale_digits(loc, out, n);
}

void
or_locale_digits(const struct or_locale *loc, char *s, size_t n)
{
    if (loc == NULL || loc->digits[0][0] == '\0' || strpbrk(s, "0123456789") == NULL) {
        return;
    }
    GString *o = g_string_sized_new(2 * strlen(s) + 1);
    for (const char *p = s; *p != '\0'; p++) {
        if (*p >= '0' && *p <= '9') {
            g_string_append(o, loc->digits[*p - '0']);
        }
        else {
            g_string_append_c(o, *p);
        }
    }
    if (o->len < n) {
        memcpy(s, o->str, o->len + 1);
    }
    g_string_free(o, TRUE);
}

/* Noon UTC of "YYYY-MM-DD" in ICU's milliseconds: the day whatever the zone. */
static int
day_millis(const char *day, UDate *out)
{
    int y, m, d;
    if (day == NULL || sscanf(day, "%d-%d-%d", &y, &m, &d) != 3) {
        return 0;
    }
    GDateTime *dt = g_date_time_new_utc(y, m, d, 12, 0, 0);
    if (dt == NULL) {
        return 0;
    }
    *out = (UDate)g_date_time_to_unix(dt) * 1000.0;
    g_date_time_unref(dt);
    return 1;
}

void
or_locale_period_label(const struct or_locale *loc, const char *first, const char *last, int month,
                       int quarter, char *out, size_t n)
{
    UDate a, b;
    if (!day_millis(first, &a) || !day_millis(last, &b)) {
        return;
    }
    UChar sk[16];
    UChar utc[4];
    UChar buf[UBUF];
    u_uastrcpy(sk, quarter ? "yQQQ" : month ? "yMMMM" : "yMMMd");
    u_uastrcpy(utc, "UTC");
    UErrorCode st = U_ZERO_ERROR;
    UDateIntervalFormat *f = udtitvfmt_open(loc->icu, sk, -1, utc, 3, &st);
    int32_t len = U_SUCCESS(st) ? udtitvfmt_format(f, a, b, buf, UBUF, NULL, &st) : 0;
    if (U_SUCCESS(st) && len > 0 && len < UBUF) {
        to_utf8(buf, len, out, n);
    }
    if (f != NULL) {
        udtitvfmt_close(f);
    }
}
