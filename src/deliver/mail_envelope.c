/* SPDX-License-Identifier: MIT */
/* Envelope and header lines of a message: see mail_envelope.h. */
#include "deliver/mail_envelope.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "base/status_str.h"
#include "base/version.h"

/* Decoded bytes per RFC 2047 encoded-word: 45 bytes are 60 base64
 * characters, 72 with "=?UTF-8?B?" and "?=", under the limit of 75. */
#define EW_CHUNK 45

static int
is_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
        if (*p >= 0x80) {
            return 0;
        }
    }
    return 1;
}

/* RFC 2047 B-encoding of UTF-8 text as encoded-words that never split a
 * character, folded onto continuation lines. */
static void
append_encoded_words(GString *out, const char *s)
{
    size_t len = strlen(s);
    size_t i = 0;
    int first = 1;
    while (i < len) {
        size_t n = len - i < EW_CHUNK ? len - i : EW_CHUNK;
        /* Back off to the start of a character (never below one byte). */
        while (n > 1 && i + n < len && ((unsigned char)s[i + n] & 0xC0) == 0x80) {
            n--;
        }
        char *b64 = g_base64_encode((const guchar *)s + i, n);
        g_string_append_printf(out, "%s=?UTF-8?B?%s?=", first ? "" : "\r\n ", b64);
        g_free(b64);
        first = 0;
        i += n;
    }
}

static void
append_text_header(GString *out, const char *s)
{
    /* "=?" in plain text would be read as the start of an encoded-word. */
    if (is_ascii(s) && strstr(s, "=?") == NULL) {
        g_string_append(out, s);
    }
    else {
        append_encoded_words(out, s);
    }
}

/* The bare address of "Name <user@host>" or "user@host"; owned. */
static char *
addr_spec(const char *a)
{
    const char *lt = strrchr(a, '<');
    if (lt != NULL) {
        const char *gt = strchr(lt, '>');
        if (gt == NULL) {
            return NULL;
        }
        char *spec = g_strndup(lt + 1, (gsize)(gt - lt - 1));
        return g_strstrip(spec);
    }
    char *spec = g_strdup(a);
    return g_strstrip(spec);
}

static int
needs_quoting(const char *phrase)
{
    return strpbrk(phrase, "()<>[]:;@\\,.\"") != NULL;
}

/* A mailbox for a header: display names that are not plain atoms are
 * quoted, non-ASCII ones RFC 2047-encoded. */
static void
append_mailbox(GString *out, const char *a)
{
    const char *lt = strrchr(a, '<');
    if (lt == NULL) {
        char *spec = addr_spec(a);
        g_string_append(out, spec);
        g_free(spec);
        return;
    }
    char *phrase = g_strstrip(g_strndup(a, (gsize)(lt - a)));
    char *spec = addr_spec(a);
    size_t pl = strlen(phrase);
    if (pl >= 2 && phrase[0] == '"' && phrase[pl - 1] == '"' && is_ascii(phrase)) {
        g_string_append_printf(out, "%s ", phrase);
    }
    else if (pl > 0 && !is_ascii(phrase)) {
        if (pl >= 2 && phrase[0] == '"' && phrase[pl - 1] == '"') {
            phrase[pl - 1] = '\0';
            memmove(phrase, phrase + 1, pl - 1);
        }
        append_encoded_words(out, phrase);
        g_string_append_c(out, ' ');
    }
    else if (pl > 0 && needs_quoting(phrase)) {
        g_string_append_c(out, '"');
        for (const char *p = phrase; *p != '\0'; p++) {
            if (*p == '"' || *p == '\\') {
                g_string_append_c(out, '\\');
            }
            g_string_append_c(out, *p);
        }
        g_string_append(out, "\" ");
    }
    else if (pl > 0) {
        g_string_append_printf(out, "%s ", phrase);
    }
    g_string_append_printf(out, "<%s>", spec != NULL ? spec : "");
    g_free(spec);
    g_free(phrase);
}

static char *
mailbox_list_header(const char *name, const char *const *list)
{
    GString *h = g_string_new(name);
    g_string_append(h, ": ");
    for (size_t i = 0; list[i] != NULL; i++) {
        if (i > 0) {
            g_string_append(h, ",\r\n ");
        }
        append_mailbox(h, list[i]);
    }
    return g_string_free(h, FALSE);
}

/* RFC 5322 date in the process's local zone, C-locale names. */
static void
rfc5322_date(char *buf, size_t n)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    GDateTime *now = g_date_time_new_now_local();
    long off_min = (long)(g_date_time_get_utc_offset(now) / G_TIME_SPAN_MINUTE);
    char sign = off_min < 0 ? '-' : '+';
    off_min = labs(off_min);
    snprintf(buf, n, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
             days[g_date_time_get_day_of_week(now) - 1], g_date_time_get_day_of_month(now),
             months[g_date_time_get_month(now) - 1], g_date_time_get_year(now),
             g_date_time_get_hour(now), g_date_time_get_minute(now), g_date_time_get_second(now),
             sign, off_min / 60, off_min % 60);
    g_date_time_unref(now);
}

/* Message-ID right-hand side: the sender's domain when it is a plain
 * hostname, so receiving filters see a consistent origin. */
static char *
message_id(const char *from_spec)
{
    const char *at = strrchr(from_spec, '@');
    const char *domain = "outreport";
    if (at != NULL && at[1] != '\0') {
        int plain = 1;
        for (const char *p = at + 1; *p != '\0'; p++) {
            if (!g_ascii_isalnum(*p) && *p != '.' && *p != '-') {
                plain = 0;
            }
        }
        if (plain) {
            domain = at + 1;
        }
    }
    char *uuid = g_uuid_string_random();
    char *id = g_strdup_printf("Message-ID: <%s.outreport@%s>", uuid, domain);
    g_free(uuid);
    return id;
}

/* curl_slist_append() copies; NULL means out of memory and the old list is
 * still ours.  Nonzero on success. */
static int
slist_add(struct curl_slist **list, const char *s)
{
    struct curl_slist *l = curl_slist_append(*list, s);
    if (l == NULL) {
        return 0;
    }
    *list = l;
    return 1;
}

static or_status
add_recipients(struct or_mail_envelope *env, const char *const *list, const char *what, char *err,
               size_t errlen)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        if (strpbrk(list[i], "\r\n") != NULL) {
            or_set_err(err, errlen, "%s address %zu contains a line break", what, i + 1);
            return OR_ERR_INVALID;
        }
        char *spec = addr_spec(list[i]);
        if (spec == NULL || strchr(spec, '@') == NULL || strpbrk(spec, " <>") != NULL) {
            g_free(spec);
            or_set_err(err, errlen, "%s address '%s' is not an e-mail address", what, list[i]);
            return OR_ERR_INVALID;
        }
        char *bracketed = g_strdup_printf("<%s>", spec);
        int ok = slist_add(&env->rcpt, bracketed);
        g_free(bracketed);
        g_free(spec);
        if (!ok) {
            or_set_err(err, errlen, "out of memory listing recipients");
            return OR_ERR_NOMEM;
        }
    }
    return OR_OK;
}

/* Adds @p line (owned, freed here) to the headers; nonzero on success. */
static int
add_header(struct or_mail_envelope *env, char *line)
{
    int ok = slist_add(&env->headers, line);
    g_free(line);
    return ok;
}

static or_status
add_headers(struct or_mail_envelope *env, const char *from, const char *from_spec,
            const struct or_mail_message *msg)
{
    GString *h = g_string_new("From: ");
    append_mailbox(h, from);
    int ok = add_header(env, g_string_free(h, FALSE));
    ok &= add_header(env, mailbox_list_header("To", msg->to));
    if (msg->cc != NULL && msg->cc[0] != NULL) {
        ok &= add_header(env, mailbox_list_header("Cc", msg->cc));
    }
    h = g_string_new("Subject: ");
    append_text_header(h, msg->subject != NULL ? msg->subject : "");
    ok &= add_header(env, g_string_free(h, FALSE));

    char date[64];
    rfc5322_date(date, sizeof(date));
    ok &= add_header(env, g_strconcat("Date: ", date, NULL));
    ok &= add_header(env, message_id(from_spec));
    ok &= slist_add(&env->headers, "MIME-Version: 1.0");
    ok &= slist_add(&env->headers, "X-Mailer: outreport/" OR_VERSION);
    return ok ? OR_OK : OR_ERR_NOMEM;
}

or_status
or_mail_envelope_build(struct or_mail_envelope *env, const char *from,
                       const struct or_mail_message *msg, char *err, size_t errlen)
{
    if (msg->to == NULL || msg->to[0] == NULL) {
        or_set_err(err, errlen, "the message has no recipient");
        return OR_ERR_INVALID;
    }
    if (strpbrk(from, "\r\n") != NULL ||
        (msg->subject != NULL && strpbrk(msg->subject, "\r\n") != NULL)) {
        or_set_err(err, errlen, "the sender or subject contains a line break");
        return OR_ERR_INVALID;
    }
    char *from_spec = addr_spec(from);
    if (from_spec == NULL || strchr(from_spec, '@') == NULL) {
        g_free(from_spec);
        or_set_err(err, errlen, "sender '%s' is not an e-mail address", from);
        return OR_ERR_INVALID;
    }
    env->mail_from = g_strdup_printf("<%s>", from_spec);
    or_status st = add_recipients(env, msg->to, "To", err, errlen);
    if (st == OR_OK) {
        st = add_recipients(env, msg->cc, "Cc", err, errlen);
    }
    if (st == OR_OK && add_headers(env, from, from_spec, msg) != OR_OK) {
        or_set_err(err, errlen, "out of memory building the message headers");
        st = OR_ERR_NOMEM;
    }
    g_free(from_spec);
    return st;
}

void
or_mail_envelope_release(struct or_mail_envelope *env)
{
    g_free(env->mail_from);
    curl_slist_free_all(env->rcpt);
    curl_slist_free_all(env->headers);
    memset(env, 0, sizeof(*env));
}
