/* SPDX-License-Identifier: MIT */
/* One CSV field: see csv_field.h. */
#include "csv_field.h"

#include <string.h>

#include "csv_real.h"

/* Longest ISO 8601 text a host may reasonably produce, e.g. with fractions. */
#define TIME_BUFSIZE 64

static int
needs_quotes(const char *s, size_t len, char sep)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == sep || c == '"' || c == '\r' || c == '\n') {
            return 1;
        }
    }
    return 0;
}

/* A number or phone number after a leading + or -: digits, spaces and ()./-
 * only, with at least one digit.  A spreadsheet reads it as a number or as
 * text, never as a formula that calls anything. */
static int
plain_number(const char *s, size_t len)
{
    int digits = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            digits++;
        }
        else if (c != ' ' && c != '(' && c != ')' && c != '.' && c != '/' && c != '-') {
            return 0;
        }
    }
    return digits > 0;
}

/* Whether a spreadsheet would run the text as a formula (OWASP "CSV
 * injection"): it starts with =, @, TAB or CR, or with + or - followed by
 * anything but a plain number or phone number ("+1 (388) 684-0279", "-42"). */
static int
needs_guard(const char *s, size_t len)
{
    switch (s[0]) {
    case '=':
    case '@':
    case '\t':
    case '\r': return 1;
    case '+':
    case '-': return !plain_number(s + 1, len - 1);
    default: return 0;
    }
}

/* Body of a quoted field: runs between quotes in one write each. */
static void
write_doubling_quotes(struct csv_out *o, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') {
            csv_out_write(o, s + start, i + 1 - start);
            csv_out_putc(o, '"');
            start = i + 1;
        }
    }
    csv_out_write(o, s + start, len - start);
}

static void
write_field(struct csv_out *o, char sep, const char *s, size_t len, int guard)
{
    if (needs_quotes(s, len, sep)) {
        csv_out_putc(o, '"');
        if (guard) {
            csv_out_putc(o, '\'');
        }
        write_doubling_quotes(o, s, len);
        csv_out_putc(o, '"');
        return;
    }
    if (guard) {
        csv_out_putc(o, '\'');
    }
    csv_out_write(o, s, len);
}

void
csv_field_text(struct csv_out *o, char sep, const char *s, size_t len)
{
    if (s == NULL || len == 0) {
        return;
    }
    write_field(o, sep, s, len, needs_guard(s, len));
}

/* A value in the format its column names, as the host's formatter writes
 * it for data files: no thousands separators, the dialect's decimal mark. */
static or_status
formatted(struct csv_out *o, const struct csv_dialect *d, const struct or_host *h,
          enum or_format fmt, const struct or_value *v)
{
    struct or_display c = {.size = sizeof(c)};
    unsigned flags = OR_DISPLAY_PLAIN | (d->decimal_point == ',' ? OR_DISPLAY_DECIMAL_COMMA : 0u);
    if (h->format_cell(h, v, fmt, flags, &c) != OR_OK) {
        return OR_ERR_RENDER;
    }
    switch (c.kind) {
    case OR_DISPLAY_BLANK: return OR_OK;
    case OR_DISPLAY_TEXT: csv_field_text(o, d->sep, v->s, v->s != NULL ? v->len : 0); return OR_OK;
    case OR_DISPLAY_BOOL: csv_out_write(o, v->i ? "true" : "false", v->i ? 4 : 5); return OR_OK;
    default:
        /* The formatter's own text is never a formula; a decimal comma in it
         * still must not split the field. */
        write_field(o, d->sep, c.text, strlen(c.text), 0);
        return OR_OK;
    }
}

or_status
csv_field_value(struct csv_out *o, const struct csv_dialect *d, const struct or_host *h,
                enum or_format fmt, const struct or_value *v)
{
    char buf[TIME_BUFSIZE > CSV_REAL_BUFSIZE ? TIME_BUFSIZE : CSV_REAL_BUFSIZE];
    size_t len;

    if (v->is_null) {
        return OR_OK;
    }
    if (fmt != OR_FMT_AUTO && OR_HOST_SINCE(h, 2)) {
        return formatted(o, d, h, fmt, v);
    }
    switch (v->type) {
    case OR_TYPE_TEXT: csv_field_text(o, d->sep, v->s, v->len); return OR_OK;
    case OR_TYPE_INT: len = csv_int_format(v->i, buf); break;
    case OR_TYPE_BOOL: csv_out_write(o, v->i ? "true" : "false", v->i ? 4 : 5); return OR_OK;
    case OR_TYPE_REAL: len = csv_real_format(v->r, d->decimal_point, buf, sizeof(buf)); break;
    case OR_TYPE_TIME:
        if (h->format_time(h, v->i, buf, sizeof(buf)) != OR_OK) {
            return OR_ERR_RENDER;
        }
        len = strlen(buf);
        break;
    default: return OR_ERR_RENDER;
    }
    /* Numbers and times are never guarded, but a separator in them (a host's
     * odd time text) must still not split the field. */
    write_field(o, d->sep, buf, len, 0);
    return OR_OK;
}
