/* SPDX-License-Identifier: MIT */
/* SMTP delivery: one MIME message built with curl_mime, sent with retries.
 * Everything that can be checked is checked before connecting, so a
 * message that cannot go out never half-reaches a server. */
#include "deliver/mail.h"

#include "http/http.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <curl/curl.h>
#include <glib.h>

#include "base/config.h"
#include "base/log.h"
#include "base/redact.h"
#include "base/status_str.h"

#if defined(__has_include)
#if __has_include("or_config.h")
#include "or_config.h"
#endif
#endif
#ifndef OR_VERSION
#define OR_VERSION "0.1"
#endif

#define SECTION "smtp"
#define DEFAULT_PASSWORD_ENV "SMTP_PASSWORD"
#define BYTES_PER_MB 1000000.0
#define BACKOFF_MAX_MS 60000L
#define CONNECT_TIMEOUT_MAX_MS 30000L
/* Decoded bytes per RFC 2047 encoded-word: 45 bytes are 60 base64
 * characters, 72 with "=?UTF-8?B?" and "?=", under the limit of 75. */
#define EW_CHUNK 45

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* or_set_err(), with any secret in the message masked. */
static void
set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_vset_err(err, errlen, fmt, ap);
    va_end(ap);
    or_redact_inplace(err, errlen);
}

/* ------------------------------------------------------------------------- */
/* Configuration                                                              */
/* ------------------------------------------------------------------------- */

static const char *
cfg_get(const struct or_config *cfg, const char *key)
{
    const char *v = cfg != NULL ? or_config_get(cfg, SECTION, key) : NULL;
    return v != NULL && *v != '\0' ? v : NULL;
}

static or_status
cfg_number(const struct or_config *cfg, const char *key, double def, double min, double max,
           double *out, char *err, size_t errlen)
{
    const char *v = cfg_get(cfg, key);
    *out = def;
    if (v == NULL) {
        return OR_OK;
    }
    char *end = NULL;
    double d = g_ascii_strtod(v, &end);
    if (end == v || *end != '\0' || !isfinite(d) || d < min || d > max) {
        set_err(err, errlen, "config [smtp] %s = %s: expected a number from %g to %g", key, v, min,
                max);
        return OR_ERR_CONFIG;
    }
    *out = d;
    return OR_OK;
}

static int
has_scheme(const char *url, const char *scheme)
{
    size_t n = strlen(scheme);
    return g_ascii_strncasecmp(url, scheme, n) == 0;
}

/* A URL such as smtp://user:secret@host would put a secret in the config
 * file; refuse it and keep the secret out of every message. */
static or_status
check_url(const char *url, char *err, size_t errlen)
{
    if (!has_scheme(url, "smtp://") && !has_scheme(url, "smtps://")) {
        set_err(err, errlen, "config [smtp] url = %s: must start with smtp:// or smtps://", url);
        return OR_ERR_CONFIG;
    }
    or_status st = OR_OK;
    CURLU *u = curl_url();
    if (u == NULL) {
        set_err(err, errlen, "out of memory reading [smtp] url");
        return OR_ERR_NOMEM;
    }
    char *pw = NULL;
    char *host = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        /* The text may hold a password curl could not isolate: do not echo it. */
        set_err(err, errlen, "config [smtp] url is not a valid URL (expected smtps://host:465)");
        st = OR_ERR_CONFIG;
        goto out;
    }
    if (curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK && pw != NULL) {
        or_redact_add(pw);
        set_err(err, errlen,
                "config [smtp] url holds a password: a config file must not hold secrets; set "
                "[smtp] username and put the password in the environment variable [smtp] "
                "password_env names (default %s)",
                DEFAULT_PASSWORD_ENV);
        st = OR_ERR_CONFIG;
    }

out:
    curl_free(host);
    curl_free(pw);
    curl_url_cleanup(u);
    return st;
}

or_status
or_mail_server_from_config(const struct or_config *cfg, struct or_mail_server *out, char *err,
                           size_t errlen)
{
    if (out == NULL) {
        set_err(err, errlen, "or_mail_server_from_config: no place for the settings");
        return OR_ERR_INVALID;
    }
    memset(out, 0, sizeof(*out));
    if ((CURLcode)or_curl_global_init() != CURLE_OK) {
        set_err(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }

    const char *url = cfg_get(cfg, "url");
    if (url == NULL) {
        set_err(err, errlen,
                "config [smtp] url is not set (e.g. url = smtps://mail.example.com:465)");
        return OR_ERR_CONFIG;
    }
    or_status st = check_url(url, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const char *from = cfg_get(cfg, "from");
    if (from == NULL) {
        set_err(err, errlen,
                "config [smtp] from is not set (the sender, e.g. from = Reports "
                "<reports@example.com>)");
        return OR_ERR_CONFIG;
    }
    if (strpbrk(from, "\r\n") != NULL || strchr(from, '@') == NULL) {
        set_err(err, errlen, "config [smtp] from = %s: not an e-mail address", from);
        return OR_ERR_CONFIG;
    }

    const char *starttls = cfg_get(cfg, "starttls");
    int require_tls = 0;
    if (starttls != NULL) {
        if (g_ascii_strcasecmp(starttls, "required") == 0) {
            require_tls = 1;
        }
        else if (g_ascii_strcasecmp(starttls, "try") != 0) {
            set_err(err, errlen, "config [smtp] starttls = %s: expected try or required", starttls);
            return OR_ERR_CONFIG;
        }
    }

    double max_mb = 0;
    double retries = 0;
    double timeout_s = 0;
    st = cfg_number(cfg, "max_size_mb", 20, 0.001, 100000, &max_mb, err, errlen);
    if (st == OR_OK) {
        st = cfg_number(cfg, "retries", 3, 0, 100, &retries, err, errlen);
    }
    if (st == OR_OK && floor(retries) != retries) {
        set_err(err, errlen, "config [smtp] retries = %s: expected a whole number",
                cfg_get(cfg, "retries"));
        st = OR_ERR_CONFIG;
    }
    if (st == OR_OK) {
        st = cfg_number(cfg, "timeout_s", 60, 0.001, 86400, &timeout_s, err, errlen);
    }
    if (st != OR_OK) {
        return st;
    }

    const char *ca_file = cfg_get(cfg, "ca_file");
    if (ca_file != NULL && !g_file_test(ca_file, G_FILE_TEST_IS_REGULAR)) {
        set_err(err, errlen, "config [smtp] ca_file = %s: no such file", ca_file);
        return OR_ERR_CONFIG;
    }

    const char *password_env = cfg_get(cfg, "password_env");
    if (password_env == NULL) {
        password_env = DEFAULT_PASSWORD_ENV;
    }
    const char *username = cfg_get(cfg, "username");
    const char *password = NULL;
    if (username != NULL) {
        password = getenv(password_env);
        if (password == NULL || *password == '\0') {
            set_err(err, errlen,
                    "config [smtp] username is set but the environment variable %s is not set "
                    "(it holds the SMTP password; [smtp] password_env names it)",
                    password_env);
            return OR_ERR_CONFIG;
        }
        or_redact_add(password);
    }

    out->url = g_strdup(url);
    out->from = g_strdup(from);
    out->username = g_strdup(username);
    out->password = password;
    out->password_env = g_strdup(password_env);
    out->ca_file = g_strdup(ca_file);
    out->require_tls = require_tls;
    out->max_bytes = (size_t)llround(max_mb * BYTES_PER_MB);
    out->retries = (int)retries;
    out->timeout_ms = (long)llround(timeout_s * 1000.0);
    out->backoff_ms = 1000;
    return OR_OK;
}

void
or_mail_server_release(struct or_mail_server *s)
{
    if (s == NULL) {
        return;
    }
    g_free(s->url);
    g_free(s->username);
    g_free(s->from);
    g_free(s->ca_file);
    g_free(s->password_env);
    memset(s, 0, sizeof(*s));
}

/* ------------------------------------------------------------------------- */
/* Headers                                                                    */
/* ------------------------------------------------------------------------- */

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

/* MIME text is CRLF-delimited; quoted-printable then makes proper lines. */
static char *
to_crlf(const char *s)
{
    GString *out = g_string_sized_new(s != NULL ? strlen(s) + 64 : 1);
    for (const char *p = s; p != NULL && *p != '\0'; p++) {
        if (*p == '\r') {
            g_string_append(out, "\r\n");
            if (p[1] == '\n') {
                p++;
            }
        }
        else if (*p == '\n') {
            g_string_append(out, "\r\n");
        }
        else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

/* Quoted-printable size, a little generous: 3 bytes per byte that needs
 * escaping, plus a soft line break per 73 characters. */
static double
qp_size(const char *s)
{
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
        n += (*p >= 0x20 && *p < 0x7F && *p != '=') || *p == '\r' || *p == '\n' ? 1 : 3;
    }
    return n + n / 73.0 * 3.0;
}

static double
base64_size(double bytes)
{
    double chars = 4.0 * ceil(bytes / 3.0);
    return chars + 2.0 * ceil(chars / 76.0);
}

static void
human_size(double bytes, char *buf, size_t n)
{
    if (bytes >= 0.1 * BYTES_PER_MB) {
        snprintf(buf, n, "%.1f MB", bytes / BYTES_PER_MB);
    }
    else {
        snprintf(buf, n, "%.1f kB", bytes / 1000.0);
    }
}

static void
limit_text(size_t bytes, char *buf, size_t n)
{
    if (bytes % (size_t)BYTES_PER_MB == 0) {
        snprintf(buf, n, "%zu MB", bytes / (size_t)BYTES_PER_MB);
    }
    else {
        snprintf(buf, n, "%g MB", (double)bytes / BYTES_PER_MB);
    }
}

/* ------------------------------------------------------------------------- */
/* Sending                                                                    */
/* ------------------------------------------------------------------------- */

/* What every try shares; built once before the first. */
struct prepared {
    const struct or_mail_server *srv;
    const struct or_mail_message *msg;
    char *hostport;          /* "host:port" for messages */
    char *mail_from;         /* "<user@host>" */
    struct curl_slist *rcpt; /* "<user@host>" per To and Cc */
    struct curl_slist *headers;
    struct curl_slist *inline_disposition;
    char *text; /* CRLF */
    char *html; /* CRLF, or NULL */
};

/* What one try learnt. */
struct attempt {
    CURLcode rc;
    long code;       /* last SMTP reply code, 0 if none */
    char reply[256]; /* last 4xx/5xx reply line from the server */
    char errbuf[CURL_ERROR_SIZE];
};

enum outcome {
    OUTCOME_SENT,
    OUTCOME_TRANSIENT,
    OUTCOME_FINAL,
    OUTCOME_AUTH,
};

static void
prepared_free(struct prepared *p)
{
    g_free(p->hostport);
    g_free(p->mail_from);
    curl_slist_free_all(p->rcpt);
    curl_slist_free_all(p->headers);
    curl_slist_free_all(p->inline_disposition);
    g_free(p->text);
    g_free(p->html);
}

/* curl_slist_append() copies; a NULL return means out of memory and the
 * old list is still ours. */
static int
slist_add(struct curl_slist **list, const char *s)
{
    struct curl_slist *l = curl_slist_append(*list, s);
    if (l == NULL) {
        return -1;
    }
    *list = l;
    return 0;
}

static or_status
add_recipients(struct prepared *p, const char *const *list, const char *what, char *err,
               size_t errlen)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        if (strpbrk(list[i], "\r\n") != NULL) {
            set_err(err, errlen, "%s address %zu contains a line break", what, i + 1);
            return OR_ERR_INVALID;
        }
        char *spec = addr_spec(list[i]);
        if (spec == NULL || strchr(spec, '@') == NULL || strpbrk(spec, " <>") != NULL) {
            g_free(spec);
            set_err(err, errlen, "%s address '%s' is not an e-mail address", what, list[i]);
            return OR_ERR_INVALID;
        }
        char *bracketed = g_strdup_printf("<%s>", spec);
        int rc = slist_add(&p->rcpt, bracketed);
        g_free(bracketed);
        g_free(spec);
        if (rc != 0) {
            set_err(err, errlen, "out of memory listing recipients");
            return OR_ERR_NOMEM;
        }
    }
    return OR_OK;
}

static or_status
host_port(const char *url, char **out, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *host = NULL;
    char *port = NULL;
    or_status st = OR_OK;
    if (u == NULL) {
        set_err(err, errlen, "out of memory reading [smtp] url");
        return OR_ERR_NOMEM;
    }
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        set_err(err, errlen, "config [smtp] url is not a valid URL (expected smtps://host:465)");
        st = OR_ERR_CONFIG;
        goto out;
    }
    *out = g_strdup_printf("%s:%s", host, port);

out:
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return st;
}

/* Attachments exist and are readable, and the whole fits the limit. */
static or_status
check_size(const struct prepared *p, char *err, size_t errlen)
{
    const struct or_mail_message *msg = p->msg;
    double total = 2048.0 + qp_size(p->text) + qp_size(p->html);
    for (size_t i = 0; i < msg->nattachments; i++) {
        const struct or_mail_attachment *a = &msg->attachments[i];
        if (a->path == NULL) {
            set_err(err, errlen, "attachment %zu has no path", i + 1);
            return OR_ERR_INVALID;
        }
        const char *name = a->filename != NULL ? a->filename : a->path;
        if (strpbrk(name, "\r\n\"") != NULL ||
            (a->mime_type != NULL && strpbrk(a->mime_type, "\r\n") != NULL)) {
            set_err(err, errlen, "attachment %s: name or type contains a line break or quote",
                    a->path);
            return OR_ERR_INVALID;
        }
        struct stat sb;
        FILE *f = fopen(a->path, "rb");
        if (f == NULL) {
            set_err(err, errlen, "attachment %s: cannot read %s: %s", name, a->path,
                    g_strerror(errno));
            return OR_ERR_IO;
        }
        int ok = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
        fclose(f);
        if (!ok) {
            set_err(err, errlen, "attachment %s: %s is not a regular file", name, a->path);
            return OR_ERR_IO;
        }
        total += 512.0 + base64_size((double)sb.st_size);
    }
    if (p->srv->max_bytes > 0 && total > (double)p->srv->max_bytes) {
        char size[32];
        char limit[32];
        human_size(total, size, sizeof(size));
        limit_text(p->srv->max_bytes, limit, sizeof(limit));
        set_err(err, errlen,
                "message would be %s, over the limit of %s ([smtp] max_size_mb): not sent", size,
                limit);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

static or_status
prepare(struct prepared *p, char *err, size_t errlen)
{
    const struct or_mail_message *msg = p->msg;
    const char *from = msg->from != NULL ? msg->from : p->srv->from;
    if (p->srv->url == NULL || *p->srv->url == '\0') {
        set_err(err, errlen,
                "config [smtp] url is not set (e.g. url = smtps://mail.example.com:465)");
        return OR_ERR_CONFIG;
    }
    if (from == NULL || *from == '\0') {
        set_err(err, errlen, "config [smtp] from is not set (the sender address)");
        return OR_ERR_CONFIG;
    }
    if (msg->to == NULL || msg->to[0] == NULL) {
        set_err(err, errlen, "the message has no recipient");
        return OR_ERR_INVALID;
    }
    if (strpbrk(from, "\r\n") != NULL ||
        (msg->subject != NULL && strpbrk(msg->subject, "\r\n") != NULL)) {
        set_err(err, errlen, "the sender or subject contains a line break");
        return OR_ERR_INVALID;
    }
    char *from_spec = addr_spec(from);
    if (from_spec == NULL || strchr(from_spec, '@') == NULL) {
        g_free(from_spec);
        set_err(err, errlen, "sender '%s' is not an e-mail address", from);
        return OR_ERR_INVALID;
    }
    p->mail_from = g_strdup_printf("<%s>", from_spec);

    or_status st = add_recipients(p, msg->to, "To", err, errlen);
    if (st == OR_OK) {
        st = add_recipients(p, msg->cc, "Cc", err, errlen);
    }
    if (st == OR_OK) {
        st = host_port(p->srv->url, &p->hostport, err, errlen);
    }
    if (st != OR_OK) {
        g_free(from_spec);
        return st;
    }
    p->text = to_crlf(msg->text != NULL ? msg->text : "");
    p->html = msg->html != NULL ? to_crlf(msg->html) : NULL;

    GString *h = g_string_new("From: ");
    append_mailbox(h, from);
    int bad = slist_add(&p->headers, h->str);
    g_string_free(h, TRUE);

    char *line = mailbox_list_header("To", msg->to);
    bad |= slist_add(&p->headers, line);
    g_free(line);
    if (msg->cc != NULL && msg->cc[0] != NULL) {
        line = mailbox_list_header("Cc", msg->cc);
        bad |= slist_add(&p->headers, line);
        g_free(line);
    }
    h = g_string_new("Subject: ");
    append_text_header(h, msg->subject != NULL ? msg->subject : "");
    bad |= slist_add(&p->headers, h->str);
    g_string_free(h, TRUE);

    char date[64];
    char datehdr[80];
    rfc5322_date(date, sizeof(date));
    snprintf(datehdr, sizeof(datehdr), "Date: %s", date);
    bad |= slist_add(&p->headers, datehdr);
    line = message_id(from_spec);
    bad |= slist_add(&p->headers, line);
    g_free(line);
    g_free(from_spec);
    bad |= slist_add(&p->headers, "MIME-Version: 1.0");
    bad |= slist_add(&p->headers, "X-Mailer: outreport/" OR_VERSION);
    bad |= slist_add(&p->inline_disposition, "Content-Disposition: inline");
    if (bad) {
        set_err(err, errlen, "out of memory building the message headers");
        return OR_ERR_NOMEM;
    }
    return check_size(p, err, errlen);
}

/* Keeps the server's last error reply so messages can quote it.  Only
 * what the server sent is looked at: the client's lines carry the login. */
static int
on_debug(CURL *easy, curl_infotype type, char *data, size_t size, void *ud)
{
    (void)easy;
    struct attempt *a = ud;
    if (type != CURLINFO_HEADER_IN || size < 4 || (data[0] != '4' && data[0] != '5')) {
        return 0;
    }
    size_t n = size;
    while (n > 0 && (data[n - 1] == '\r' || data[n - 1] == '\n')) {
        n--;
    }
    if (n >= sizeof(a->reply)) {
        n = sizeof(a->reply) - 1;
    }
    memcpy(a->reply, data, n);
    a->reply[n] = '\0';
    /* Multi-line replies ("451-...") continue with the same code. */
    if (n > 3 && a->reply[3] == '-') {
        a->reply[3] = ' ';
    }
    return 0;
}

static int
add_text_part(curl_mime *mime, const char *text, const char *type, struct curl_slist *inline_hdr)
{
    curl_mimepart *part = curl_mime_addpart(mime);
    if (part == NULL || curl_mime_data(part, text, CURL_ZERO_TERMINATED) != CURLE_OK ||
        curl_mime_type(part, type) != CURLE_OK ||
        curl_mime_encoder(part, "quoted-printable") != CURLE_OK) {
        return -1;
    }
    if (inline_hdr != NULL && curl_mime_headers(part, inline_hdr, 0) != CURLE_OK) {
        return -1;
    }
    return 0;
}

static curl_mime *
build_mime(CURL *easy, const struct prepared *p)
{
    const struct or_mail_message *msg = p->msg;
    curl_mime *mime = curl_mime_init(easy);
    curl_mime *alt = NULL;
    if (mime == NULL) {
        return NULL;
    }
    if (p->html != NULL) {
        alt = curl_mime_init(easy);
        curl_mimepart *part = curl_mime_addpart(mime);
        if (alt == NULL || part == NULL) {
            goto fail;
        }
        /* Plain text first: clients show the last alternative they can. */
        if (add_text_part(alt, p->text, "text/plain; charset=utf-8", NULL) != 0 ||
            add_text_part(alt, p->html, "text/html; charset=utf-8", NULL) != 0) {
            goto fail;
        }
        if (curl_mime_subparts(part, alt) != CURLE_OK) {
            goto fail;
        }
        alt = NULL; /* owned by part now */
        if (curl_mime_type(part, "multipart/alternative") != CURLE_OK ||
            curl_mime_headers(part, p->inline_disposition, 0) != CURLE_OK) {
            goto fail;
        }
    }
    else if (add_text_part(mime, p->text, "text/plain; charset=utf-8", p->inline_disposition) !=
             0) {
        goto fail;
    }
    for (size_t i = 0; i < msg->nattachments; i++) {
        const struct or_mail_attachment *a = &msg->attachments[i];
        curl_mimepart *part = curl_mime_addpart(mime);
        if (part == NULL || curl_mime_filedata(part, a->path) != CURLE_OK ||
            (a->filename != NULL && curl_mime_filename(part, a->filename) != CURLE_OK) ||
            curl_mime_type(part, a->mime_type != NULL ? a->mime_type
                                                      : "application/octet-stream") != CURLE_OK ||
            curl_mime_encoder(part, "base64") != CURLE_OK) {
            goto fail;
        }
    }
    return mime;

fail:
    curl_mime_free(alt);
    curl_mime_free(mime);
    return NULL;
}

static int
setup_easy(CURL *easy, const struct prepared *p, curl_mime *mime, struct attempt *a)
{
    const struct or_mail_server *srv = p->srv;
    long use_ssl = CURLUSESSL_TRY;
    if (srv->require_tls || has_scheme(srv->url, "smtps://")) {
        use_ssl = CURLUSESSL_ALL;
    }
    long timeout = srv->timeout_ms > 0 ? srv->timeout_ms : 60000;
    long connect_timeout = timeout < CONNECT_TIMEOUT_MAX_MS ? timeout : CONNECT_TIMEOUT_MAX_MS;
    int bad = 0;
    bad |= curl_easy_setopt(easy, CURLOPT_URL, srv->url) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_MAIL_FROM, p->mail_from) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, p->rcpt) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_HTTPHEADER, p->headers) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_MIMEPOST, mime) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_USE_SSL, use_ssl) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeout) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, connect_timeout) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, a->errbuf) != CURLE_OK;
    /* Verbose only to hear the server's replies through on_debug; curl
     * prints nothing itself once a debug function is set. */
    bad |= curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, on_debug) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_DEBUGDATA, a) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L) != CURLE_OK;
    if (srv->username != NULL) {
        bad |= curl_easy_setopt(easy, CURLOPT_USERNAME, srv->username) != CURLE_OK;
        bad |= curl_easy_setopt(easy, CURLOPT_PASSWORD,
                                srv->password != NULL ? srv->password : "") != CURLE_OK;
    }
    if (srv->ca_file != NULL) {
        bad |= curl_easy_setopt(easy, CURLOPT_CAINFO, srv->ca_file) != CURLE_OK;
    }
    return bad ? -1 : 0;
}

static int
is_transient_curl(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING: return 1;
    default: return 0;
    }
}

static enum outcome
classify(const struct attempt *a)
{
    if (a->rc == CURLE_OK) {
        return OUTCOME_SENT;
    }
    if (a->rc == CURLE_LOGIN_DENIED || a->code == 530 || a->code == 534 || a->code == 535) {
        return OUTCOME_AUTH;
    }
    if (a->code >= 400 && a->code <= 499) {
        return OUTCOME_TRANSIENT;
    }
    if (a->code >= 500) {
        return OUTCOME_FINAL;
    }
    return is_transient_curl(a->rc) ? OUTCOME_TRANSIENT : OUTCOME_FINAL;
}

static or_status
try_once(const struct prepared *p, struct attempt *a)
{
    memset(a, 0, sizeof(*a));
    CURL *easy = curl_easy_init();
    curl_mime *mime = NULL;
    if (easy == NULL) {
        return OR_ERR_NOMEM;
    }
    mime = build_mime(easy, p);
    if (mime == NULL || setup_easy(easy, p, mime, a) != 0) {
        curl_easy_cleanup(easy);
        curl_mime_free(mime);
        return OR_ERR_NOMEM;
    }
    a->rc = curl_easy_perform(easy);
    if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &a->code) != CURLE_OK) {
        a->code = 0;
    }
    curl_easy_cleanup(easy);
    curl_mime_free(mime);
    return OR_OK;
}

/* "<curl's reason> (SMTP 451 4.3.0 try later)" */
static void
describe(const struct attempt *a, char *buf, size_t n)
{
    const char *reason = a->errbuf[0] != '\0' ? a->errbuf : curl_easy_strerror(a->rc);
    if (a->reply[0] != '\0') {
        snprintf(buf, n, "%s (SMTP %s)", reason, a->reply);
    }
    else if (a->code > 0) {
        snprintf(buf, n, "%s (SMTP %ld)", reason, a->code);
    }
    else {
        snprintf(buf, n, "%s", reason);
    }
}

static const char *
final_hint(const struct prepared *p, const struct attempt *a)
{
    switch (a->rc) {
    case CURLE_USE_SSL_FAILED:
        return p->srv->require_tls ? ": the server offers no STARTTLS and [smtp] starttls = "
                                     "required"
                                   : "";
    case CURLE_PEER_FAILED_VERIFICATION:
        return ": the server's certificate is not trusted (set [smtp] ca_file?)";
    case CURLE_COULDNT_RESOLVE_HOST: return ": check the host name in [smtp] url";
    default: return a->code >= 500 ? ": refused permanently, not retried" : "";
    }
}

or_status
or_mail_send(const struct or_mail_server *srv, const struct or_mail_message *msg, char *err,
             size_t errlen)
{
    if (err != NULL && errlen > 0) {
        err[0] = '\0';
    }
    if (srv == NULL || msg == NULL) {
        set_err(err, errlen, "or_mail_send: no server or message");
        return OR_ERR_INVALID;
    }
    if ((CURLcode)or_curl_global_init() != CURLE_OK) {
        set_err(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }
    struct prepared p = {.srv = srv, .msg = msg};
    or_status st = prepare(&p, err, errlen);
    if (st != OR_OK) {
        goto out;
    }

    int tries = 1 + (srv->retries > 0 ? srv->retries : 0);
    long wait_ms = srv->backoff_ms > 0 ? srv->backoff_ms : 0;
    struct attempt a;
    char why[CURL_ERROR_SIZE + 512];
    for (int i = 1;; i++) {
        st = try_once(&p, &a);
        if (st != OR_OK) {
            set_err(err, errlen, "out of memory building the message");
            goto out;
        }
        enum outcome oc = classify(&a);
        describe(&a, why, sizeof(why));
        if (oc == OUTCOME_SENT) {
            or_log(OR_LOG_INFO, "smtp %s: message accepted%s", p.hostport,
                   i > 1 ? " after retrying" : "");
            st = OR_OK;
            goto out;
        }
        if (oc == OUTCOME_AUTH) {
            if (srv->username == NULL) {
                set_err(err, errlen,
                        "smtp %s: the server requires a login: %s; set [smtp] username and the "
                        "password in the environment variable [smtp] password_env names",
                        p.hostport, why);
            }
            else {
                set_err(err, errlen,
                        "smtp %s: the server refused the login of user '%s': %s; check [smtp] "
                        "username and the password in $%s ([smtp] password_env)",
                        p.hostport, srv->username, why,
                        srv->password_env != NULL ? srv->password_env : DEFAULT_PASSWORD_ENV);
            }
            st = OR_ERR_AUTH;
            goto out;
        }
        if (oc == OUTCOME_FINAL) {
            set_err(err, errlen, "smtp %s: %s%s", p.hostport, why, final_hint(&p, &a));
            st = OR_ERR_NETWORK;
            goto out;
        }
        if (i >= tries) {
            set_err(err, errlen, "smtp %s: %s after %d %s", p.hostport, why, i,
                    i == 1 ? "try" : "tries");
            st = OR_ERR_NETWORK;
            goto out;
        }
        or_log(OR_LOG_WARN, "smtp %s: %s; retrying in %ld ms (try %d of %d)", p.hostport, why,
               wait_ms, i + 1, tries);
        if (wait_ms > 0) {
            g_usleep((gulong)wait_ms * 1000UL);
        }
        wait_ms = wait_ms * 2 < BACKOFF_MAX_MS ? wait_ms * 2 : BACKOFF_MAX_MS;
    }

out:
    prepared_free(&p);
    return st;
}
