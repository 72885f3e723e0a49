/* SPDX-License-Identifier: MIT */
/* Values and KPI tiles as document cells: see cellfmt.h. */
#include "base/cellfmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/excel_serial.h"
#include "base/timeutil.h"
#include "base/valuefmt.h"

#define PLUS_MINUS "\xC2\xB1"

/* Number formats that show what valuefmt.c writes. */
#define CODE_INTEGER "#,##0"
#define CODE_DECIMAL "#,##0.00"
#define CODE_PERCENT "0.0\" \"%"
#define CODE_DURATION "[h]:mm:ss"
#define CODE_DATE "yyyy-mm-dd"
#define CODE_DATETIME "yyyy-mm-dd hh:mm"

/* The members of struct or_display a 2.2 plugin has: all of them. */
#define CELL_MIN_SIZE (offsetof(struct or_display, text) + OR_DISPLAY_SIZE)

/* @p n digits at @p s into *@p v; 0 when one is not a digit. */
static int
digits(const char *s, int n, int *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!g_ascii_isdigit(s[i])) {
            return 0;
        }
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

int
or_cellfmt_parse_date(const char *s, int with_time, int parts[6])
{
    memset(parts, 0, 6 * sizeof(int));
    if (s == NULL || strlen(s) < 10 || !digits(s, 4, &parts[0]) || s[4] != '-' ||
        !digits(s + 5, 2, &parts[1]) || s[7] != '-' || !digits(s + 8, 2, &parts[2]) ||
        parts[1] < 1 || parts[1] > 12 || parts[2] < 1 ||
        parts[2] > g_date_get_days_in_month((GDateMonth)parts[1], (GDateYear)parts[0])) {
        return 0;
    }
    if (s[10] == '\0') {
        return 1;
    }
    const char *t = s + 11;
    if (!with_time || (s[10] != ' ' && s[10] != 'T') || strlen(t) < 5 || !digits(t, 2, &parts[3]) ||
        t[2] != ':' || !digits(t + 3, 2, &parts[4]) || parts[3] > 23 || parts[4] > 59) {
        return 0;
    }
    if (t[5] == '\0') {
        return 1;
    }
    return t[5] == ':' && digits(t + 6, 2, &parts[5]) && parts[5] <= 59 && t[8] == '\0';
}

/* The spreadsheet code of a numeric format; currency with its symbol. */
static void
number_code(enum or_format fmt, const struct or_cellfmt *c, char *code, size_t n)
{
    const char *currency = c->currency;
    int decimals = 2;
    const char *symbol = NULL;
    switch (fmt) {
    case OR_FMT_INTEGER: snprintf(code, n, "%s", CODE_INTEGER); return;
    case OR_FMT_PERCENT: snprintf(code, n, "%s", CODE_PERCENT); return;
    case OR_FMT_DURATION: snprintf(code, n, "%s", CODE_DURATION); return;
    case OR_FMT_DATE: snprintf(code, n, "%s", CODE_DATE); return;
    case OR_FMT_DATETIME: snprintf(code, n, "%s", CODE_DATETIME); return;
    case OR_FMT_TEXT: code[0] = '\0'; return;
    case OR_FMT_CURRENCY:
        symbol = currency != NULL ? or_currency_symbol(currency, &decimals) : "";
        if (c->loc != NULL && c->loc->currency_after) {
            char sym[16];
            snprintf(sym, sizeof(sym), "%s", symbol);
            snprintf(code, n, "#,##0%s\" %s\"", decimals > 0 ? ".00" : "", g_strstrip(sym));
            return;
        }
        snprintf(code, n, "\"%s\"#,##0%s", symbol, decimals > 0 ? ".00" : "");
        return;
    default: snprintf(code, n, "%s", CODE_DECIMAL); return;
    }
}

/* A literal number format code into @p o. */
#define SET_CODE(o, code) memcpy((o)->num_format, code, sizeof(code))

/* A date or date-time from wall-clock parts, in @p c's locale when it has
 * one; its text only when asked for (a workbook's million timestamps need none). */
static void
set_date(struct or_display *o, const int parts[6], int with_time, const struct or_cellfmt *c)
{
    double serial = 0.0;
    const struct or_locale *loc = c->loc;
    if (!or_excel_serial(parts, &serial)) {
        o->kind = OR_DISPLAY_STRING; /* Excel cannot show it: the text it is */
    }
    else {
        o->kind = OR_DISPLAY_NUMBER;
        o->number = with_time ? serial : floor(serial);
        if (loc != NULL) {
            snprintf(o->num_format, sizeof(o->num_format), "%s",
                     with_time ? loc->xl_datetime : loc->xl_date);
        }
        else if (with_time) {
            SET_CODE(o, CODE_DATETIME);
        }
        else {
            SET_CODE(o, CODE_DATE);
        }
        if (c->flags & OR_DISPLAY_NO_TEXT) {
            return;
        }
    }
    if (loc != NULL && !(c->flags & OR_DISPLAY_PLAIN)) {
        or_locale_date(loc, parts, with_time, o->text, sizeof(o->text));
    }
    else if (with_time) {
        snprintf(o->text, sizeof(o->text), "%04d-%02d-%02d %02d:%02d", parts[0], parts[1], parts[2],
                 parts[3], parts[4]);
    }
    else {
        snprintf(o->text, sizeof(o->text), "%04d-%02d-%02d", parts[0], parts[1], parts[2]);
    }
}

static void
set_instant(struct or_display *o, int64_t t, int with_time, const struct or_cellfmt *c)
{
    struct or_local_time lt;
    or_time_local(t, c->tz, &lt);
    int parts[6] = {lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.second};
    set_date(o, parts, with_time, c);
}

static void
set_number(struct or_display *o, double v, enum or_format fmt, const struct or_cellfmt *c)
{
    struct or_numstyle st = or_numstyle_of(c->loc, c->currency);
    if (c->flags & OR_DISPLAY_PLAIN) {
        st = or_numstyle_of(NULL, c->currency); /* data files: their own marks */
        st.group = "";
        st.point = (c->flags & OR_DISPLAY_DECIMAL_COMMA) ? "," : ".";
    }
    o->kind = OR_DISPLAY_NUMBER;
    o->number = fmt == OR_FMT_DURATION ? v / 86400.0 : v;
    number_code(fmt, c, o->num_format, sizeof(o->num_format));
    if (!isfinite(v)) {
        o->kind = OR_DISPLAY_STRING; /* a spreadsheet has no NaN or infinity */
    }
    if (!(c->flags & OR_DISPLAY_NO_TEXT) || o->kind == OR_DISPLAY_STRING) {
        or_number_text(v, fmt, -1, &st, o->text);
    }
}

static int
is_numeric_format(enum or_format fmt)
{
    return fmt == OR_FMT_INTEGER || fmt == OR_FMT_DECIMAL || fmt == OR_FMT_PERCENT ||
           fmt == OR_FMT_DURATION || fmt == OR_FMT_CURRENCY;
}

/* Text in a format that reads it: a date, or a number. */
static void
text_cell(struct or_display *o, const struct or_value *v, enum or_format fmt,
          const struct or_cellfmt *c)
{
    int parts[6];
    o->kind = OR_DISPLAY_TEXT;
    if (v->s == NULL) {
        return;
    }
    if ((fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) &&
        or_cellfmt_parse_date(v->s, fmt == OR_FMT_DATETIME, parts)) {
        set_date(o, parts, fmt == OR_FMT_DATETIME, c);
        return;
    }
    if (is_numeric_format(fmt) && v->s[0] != '\0' && !g_ascii_isspace(v->s[0])) {
        char *end = NULL;
        double d = g_ascii_strtod(v->s, &end);
        if (end != NULL && *end == '\0' && isfinite(d)) {
            set_number(o, d, fmt, c);
        }
    }
}

static void
fill(const struct or_value *v, enum or_format fmt, const struct or_cellfmt *c, struct or_display *o)
{
    int64_t t;
    if (v->is_null) {
        o->kind = OR_DISPLAY_BLANK;
        snprintf(o->text, sizeof(o->text), "%s", OR_VALUEFMT_NULL);
        return;
    }
    switch (v->type) {
    case OR_TYPE_TEXT: text_cell(o, v, fmt, c); return;
    case OR_TYPE_BOOL:
        if (is_numeric_format(fmt)) {
            set_number(o, v->i ? 1.0 : 0.0, fmt, c);
            return;
        }
        o->kind = OR_DISPLAY_BOOL;
        o->number = v->i ? 1.0 : 0.0;
        snprintf(o->text, sizeof(o->text), "%s", v->i ? "yes" : "no");
        return;
    case OR_TYPE_TIME: set_instant(o, v->i, fmt != OR_FMT_DATE, c); return;
    case OR_TYPE_INT:
        if (fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) {
            set_instant(o, v->i, fmt == OR_FMT_DATETIME, c);
            return;
        }
        set_number(o, (double)v->i, fmt == OR_FMT_AUTO ? OR_FMT_INTEGER : fmt, c);
        if (fmt == OR_FMT_TEXT) {
            snprintf(o->text, sizeof(o->text), "%lld", (long long)v->i);
        }
        return;
    default:
        if ((fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME) && isfinite(v->r) &&
            fabs(v->r) < 9.0e15) {
            t = (int64_t)llround(v->r);
            set_instant(o, t, fmt == OR_FMT_DATETIME, c);
            return;
        }
        set_number(o, v->r, fmt == OR_FMT_AUTO ? OR_FMT_DECIMAL : fmt, c);
        return;
    }
}

/* Copies what the caller's struct has room for. */
static or_status
deliver(const struct or_display *full, struct or_display *out)
{
    uint32_t size = out->size;
    size_t n = size < sizeof(*full) ? size : sizeof(*full);
    memcpy((char *)out + sizeof(out->size), (const char *)full + sizeof(full->size),
           n - sizeof(out->size));
    out->size = size;
    return OR_OK;
}

or_status
or_value_cell(const struct or_value *v, enum or_format fmt, const struct or_cellfmt *c,
              struct or_display *out)
{
    if (v == NULL || c == NULL || out == NULL || out->size < CELL_MIN_SIZE) {
        return OR_ERR_INVALID;
    }
    struct or_display full = {.size = sizeof(full)};
    fill(v, fmt, c, &full);
    if (c->flags & OR_DISPLAY_NO_TEXT && full.kind != OR_DISPLAY_STRING) {
        full.text[0] = '\0';
    }
    return deliver(&full, out);
}

/* The code of a change: signed, "±" when it rounds to nothing. */
static void
change_code(const struct or_kpi *k, int kind, const struct or_cellfmt *c, char *code, size_t n)
{
    char base[OR_DISPLAY_SIZE];
    if (kind == 0) {
        snprintf(code, n, "+0.0\" \"%%;-0.0\" \"%%;\"" PLUS_MINUS "\"0.0\" \"%%");
        return;
    }
    if (kind == 1) {
        snprintf(code, n, "+0.0\" pp\";-0.0\" pp\";\"" PLUS_MINUS "\"0.0\" pp\"");
        return;
    }
    enum or_format fmt = k->format;
    if (fmt == OR_FMT_AUTO || fmt == OR_FMT_DATE || fmt == OR_FMT_DATETIME || fmt == OR_FMT_TEXT) {
        double d = k->value - k->previous;
        fmt = fabs(d - nearbyint(d)) < 1e-9 ? OR_FMT_INTEGER : OR_FMT_DECIMAL;
    }
    number_code(fmt, c, base, sizeof(base));
    snprintf(code, n, "+%s;-%s;\"" PLUS_MINUS "\"%s", base, base, base);
}

static void
kpi_change(const struct or_kpi *k, const struct or_cellfmt *c, struct or_display *o, int *direction)
{
    struct or_numstyle st = or_numstyle_of(c->loc, c->currency);
    int kind = 0;
    double number = 0.0;
    if (!or_kpi_change_in(k, &st, o->text, sizeof(o->text), direction, &number, &kind)) {
        o->kind = OR_DISPLAY_BLANK;
        return;
    }
    o->kind = OR_DISPLAY_NUMBER;
    o->number = kind == 2 && k->format == OR_FMT_DURATION ? number / 86400.0 : number;
    change_code(k, kind, c, o->num_format, sizeof(o->num_format));
}

or_status
or_kpi_cell(const struct or_kpi *k, enum or_kpi_part part, const struct or_cellfmt *c,
            struct or_display *out, int *direction)
{
    int dir = 0;
    if (k == NULL || c == NULL || out == NULL || out->size < CELL_MIN_SIZE) {
        return OR_ERR_INVALID;
    }
    struct or_display full = {.size = sizeof(full)};
    if (part == OR_KPI_CHANGE) {
        kpi_change(k, c, &full, &dir);
    }
    else {
        int has = part == OR_KPI_VALUE ? k->has_value : k->has_previous;
        double v = part == OR_KPI_VALUE ? k->value : k->previous;
        enum or_format fmt = k->format;
        struct or_value val = {.type = OR_TYPE_REAL, .r = v, .is_null = !has};
        if (fmt == OR_FMT_AUTO || fmt == OR_FMT_TEXT) {
            /* A standalone number drops ".00" when it is whole. */
            fmt = isfinite(v) && fabs(v - nearbyint(v)) < 1e-9 ? OR_FMT_INTEGER : OR_FMT_DECIMAL;
        }
        fill(&val, fmt, c, &full);
    }
    if (direction != NULL) {
        *direction = dir;
    }
    return deliver(&full, out);
}
