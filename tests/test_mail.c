/* SPDX-License-Identifier: MIT */
/* E-mail delivery against a real SMTP server (tests/smtp_sink.py, aiosmtpd
 * on loopback), and the summary bodies built from a report model.  Received
 * messages are parsed back with Python's email package, so what is checked
 * is what a mail client would see. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <jansson.h>

#include "base/config.h"
#include "deliver/mail.h"
#include "deliver/mail_body.h"
#include "proc.h"
#include "smtp_sink.h"
#include "base/redact.h"

#define PYTHON "/usr/bin/python3"
#define SENDER "Reports <reports@example.com>"

/* ------------------------------------------------------------------------- */
/* The SMTP sink                                                              */
/* ------------------------------------------------------------------------- */

static const char *
jstr(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* ------------------------------------------------------------------------- */
/* Helpers                                                                    */
/* ------------------------------------------------------------------------- */

/* [smtp] settings for a sink, through the real config path. */
static void
server_for(const char *url, struct or_mail_server *srv, const char *const *kv)
{
    struct or_config *cfg = or_config_new_empty();
    char err[OR_ERR_SIZE] = "";
    or_config_set(cfg, "smtp", "url", url);
    or_config_set(cfg, "smtp", "from", SENDER);
    or_config_set(cfg, "smtp", "timeout_s", "10");
    for (size_t i = 0; kv != NULL && kv[i] != NULL; i += 2) {
        or_config_set(cfg, "smtp", kv[i], kv[i + 1]);
    }
    or_status st = or_mail_server_from_config(cfg, srv, err, sizeof(err));
    if (st != OR_OK) {
        fprintf(stderr, "config: %s\n", err);
    }
    assert_int_equal(st, OR_OK);
    srv->backoff_ms = 20;
    or_config_free(cfg);
}

static const char *const default_to[] = {"Anna Example <anna@example.com>", NULL};

static struct or_mail_message
simple_message(const char *subject)
{
    struct or_mail_message m = {
        .to = default_to,
        .subject = subject,
        .text = "Hello.\n",
        .html = "<p>Hello.</p>\n",
    };
    return m;
}

static char *
write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    GError *gerr = NULL;
    gboolean ok = g_file_set_contents(path, data, (gssize)len, &gerr);
    if (!ok) {
        fprintf(stderr, "%s\n", gerr->message);
        g_error_free(gerr);
    }
    assert_true(ok);
    return path;
}

static char *
sha256_hex(const void *data, size_t len)
{
    return g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
}

static char *
normalise_newlines(const char *s)
{
    GString *out = g_string_new(NULL);
    for (const char *p = s; *p != '\0'; p++) {
        if (p[0] == '\r' && p[1] == '\n') {
            continue;
        }
        g_string_append_c(out, *p);
    }
    return g_string_free(out, FALSE);
}

/* Collects what the code under test writes to stderr during a call. */
struct stderr_capture {
    int saved;
    char path[64];
};

static void
capture_begin(struct stderr_capture *c)
{
    snprintf(c->path, sizeof(c->path), "/tmp/outreport-mail-stderr-XXXXXX");
    int fd = mkstemp(c->path);
    assert_true(fd >= 0);
    fflush(stderr);
    c->saved = dup(2);
    dup2(fd, 2);
    close(fd);
}

static char *
capture_end(struct stderr_capture *c)
{
    fflush(stderr);
    dup2(c->saved, 2);
    close(c->saved);
    char *text = test_read_file(c->path, NULL);
    unlink(c->path);
    assert_non_null(text);
    return text;
}

/* A loopback port nobody listens on, kept bound so nobody can. */
static int
closed_port(int *fd_out)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(fd >= 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof(a));
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
    socklen_t len = sizeof(a);
    assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
    *fd_out = fd;
    return ntohs(a.sin_port);
}

/* ------------------------------------------------------------------------- */
/* Delivery                                                                   */
/* ------------------------------------------------------------------------- */

static void
message_arrives_with_subject_recipients_and_cc(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);

    static const char *const to[] = {"Anna Example <anna@example.com>",
                                     "Doe, Jane <jane@example.com>", NULL};
    static const char *const cc[] = {"bob@example.com", NULL};
    struct or_mail_message m = simple_message("Weekly report");
    m.to = to;
    m.cc = cc;
    char err[OR_ERR_SIZE] = "";
    or_status st = or_mail_send(&srv, &m, err, sizeof(err));
    if (st != OR_OK) {
        fprintf(stderr, "send: %s\n", err);
    }
    assert_int_equal(st, OR_OK);
    assert_int_equal(sink_stat(&s, "delivered"), 1);

    json_t *env = sink_envelope(&s, 1);
    assert_string_equal(jstr(env, "mail_from"), "reports@example.com");
    json_t *rcpt = json_object_get(env, "rcpt_tos");
    assert_int_equal(json_array_size(rcpt), 3);
    assert_string_equal(json_string_value(json_array_get(rcpt, 0)), "anna@example.com");
    assert_string_equal(json_string_value(json_array_get(rcpt, 1)), "jane@example.com");
    assert_string_equal(json_string_value(json_array_get(rcpt, 2)), "bob@example.com");
    json_decref(env);

    json_t *msg = sink_parsed(&s, 1);
    assert_string_equal(jstr(msg, "subject"), "Weekly report");
    json_t *from = json_object_get(msg, "from_addresses");
    assert_int_equal(json_array_size(from), 1);
    assert_string_equal(json_string_value(json_array_get(from, 0)), "reports@example.com");
    assert_non_null(strstr(jstr(msg, "from"), "Reports"));
    /* The comma in "Doe, Jane" must be quoted, or it splits the address. */
    json_t *tos = json_object_get(msg, "to_addresses");
    assert_int_equal(json_array_size(tos), 2);
    assert_string_equal(json_string_value(json_array_get(tos, 0)), "anna@example.com");
    assert_string_equal(json_string_value(json_array_get(tos, 1)), "jane@example.com");
    assert_non_null(strstr(jstr(msg, "to"), "Anna Example"));
    json_t *ccs = json_object_get(msg, "cc_addresses");
    assert_int_equal(json_array_size(ccs), 1);
    assert_string_equal(json_string_value(json_array_get(ccs, 0)), "bob@example.com");
    assert_true(json_is_true(json_object_get(msg, "date_ok")));
    assert_string_equal(jstr(msg, "mime_version"), "1.0");
    assert_int_equal(json_integer_value(json_object_get(msg, "mime_version_count")), 1);
    const char *mid = jstr(msg, "message_id");
    assert_non_null(mid);
    assert_true(mid[0] == '<' && g_str_has_suffix(mid, "@example.com>"));
    json_decref(msg);

    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
attachments_are_byte_identical_with_right_names_and_types(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);
    char *dir = test_tmpdir();

    /* Every byte value, many times, so any 8-bit or line-ending damage shows. */
    size_t binlen = 256 * 97;
    unsigned char *bin = g_malloc(binlen);
    for (size_t i = 0; i < binlen; i++) {
        bin[i] = (unsigned char)(i % 256);
    }
    const char *csv = "name,city,amount\r\nJürgen Groß,Köln,\"1,5\"\r\nZoë,Zürich,€ 3\r\n";
    char *bin_path = write_file(dir, "payload.tmp", bin, binlen);
    char *csv_path = write_file(dir, "weekly.csv", csv, strlen(csv));
    char *bin_sha = sha256_hex(bin, binlen);
    char *csv_sha = sha256_hex(csv, strlen(csv));

    struct or_mail_attachment att[] = {
        {.path = bin_path, .filename = "weekly-manager.pdf", .mime_type = "application/pdf"},
        {.path = csv_path, .filename = "calls.csv", .mime_type = "text/csv; charset=utf-8"},
    };
    struct or_mail_message m = simple_message("With attachments");
    m.attachments = att;
    m.nattachments = 2;
    char err[OR_ERR_SIZE] = "";
    or_status st = or_mail_send(&srv, &m, err, sizeof(err));
    if (st != OR_OK) {
        fprintf(stderr, "send: %s\n", err);
    }
    assert_int_equal(st, OR_OK);

    json_t *msg = sink_parsed(&s, 1);
    json_t *parts = json_object_get(msg, "parts");
    json_t *pdf = NULL;
    json_t *csvp = NULL;
    for (size_t i = 0; i < json_array_size(parts); i++) {
        json_t *p = json_array_get(parts, i);
        const char *fn = jstr(p, "filename");
        if (fn != NULL && strcmp(fn, "weekly-manager.pdf") == 0) {
            pdf = p;
        }
        else if (fn != NULL && strcmp(fn, "calls.csv") == 0) {
            csvp = p;
        }
    }
    assert_non_null(pdf);
    assert_non_null(csvp);
    assert_string_equal(jstr(pdf, "content_type"), "application/pdf");
    assert_string_equal(jstr(pdf, "disposition"), "attachment");
    assert_string_equal(jstr(pdf, "transfer_encoding"), "base64");
    assert_int_equal(json_integer_value(json_object_get(pdf, "size")), binlen);
    assert_string_equal(jstr(pdf, "sha256"), bin_sha);
    assert_string_equal(jstr(csvp, "content_type"), "text/csv");
    assert_string_equal(jstr(csvp, "charset"), "utf-8");
    assert_string_equal(jstr(csvp, "transfer_encoding"), "base64");
    assert_string_equal(jstr(csvp, "sha256"), csv_sha);
    json_decref(msg);

    g_free(bin_sha);
    g_free(csv_sha);
    g_free(bin_path);
    g_free(csv_path);
    g_free(bin);
    test_rmtree(dir);
    free(dir);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
text_and_html_alternatives_are_present(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);

    /* A line starting with "." (SMTP dot-stuffing), a long line, UTF-8. */
    GString *text = g_string_new("Größe ✓ über alles\n.hidden dot line\n");
    for (int i = 0; i < 30; i++) {
        g_string_append(text, "long line of words ");
    }
    g_string_append(text, "end\nlast = line\n");
    const char *html = "<!DOCTYPE html><html><body><p style=\"color:#1a7f37\">Größe ▲ +2.1 pp"
                       "</p>\n<p>.dot</p></body></html>\n";
    struct or_mail_message m = simple_message("Alternatives");
    m.text = text->str;
    m.html = html;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);

    /* On the wire every line ends in CRLF: no bare LF (SMTP smuggling
     * filters reject those). */
    char *path = sink_message_path(&s, 1);
    size_t rawlen = 0;
    char *raw = test_read_file(path, &rawlen);
    assert_non_null(raw);
    for (size_t i = 0; i < rawlen; i++) {
        if (raw[i] == '\n') {
            assert_true(i > 0 && raw[i - 1] == '\r');
        }
    }
    free(raw);
    g_free(path);

    json_t *msg = sink_parsed(&s, 1);
    json_t *parts = json_object_get(msg, "parts");
    assert_int_equal(json_array_size(parts), 4);
    assert_string_equal(jstr(json_array_get(parts, 0), "content_type"), "multipart/mixed");
    assert_string_equal(jstr(json_array_get(parts, 1), "content_type"), "multipart/alternative");
    json_t *plain = json_array_get(parts, 2);
    json_t *rich = json_array_get(parts, 3);
    assert_string_equal(jstr(plain, "content_type"), "text/plain");
    assert_string_equal(jstr(plain, "charset"), "utf-8");
    assert_string_equal(jstr(rich, "content_type"), "text/html");
    assert_string_equal(jstr(rich, "charset"), "utf-8");
    assert_null(jstr(plain, "disposition"));
    char *got_text = normalise_newlines(jstr(plain, "text"));
    char *got_html = normalise_newlines(jstr(rich, "text"));
    assert_string_equal(got_text, text->str);
    assert_string_equal(got_html, html);
    g_free(got_text);
    g_free(got_html);
    json_decref(msg);

    /* Without HTML the text is the only body part. */
    m.html = NULL;
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    msg = sink_parsed(&s, 2);
    parts = json_object_get(msg, "parts");
    assert_int_equal(json_array_size(parts), 2);
    assert_string_equal(jstr(json_array_get(parts, 1), "content_type"), "text/plain");
    json_decref(msg);

    g_string_free(text, TRUE);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
non_ascii_subject_is_encoded_and_decodes_back(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);

    const char *subject = "Wöchentlicher Bericht — 16–22 Nov";
    static const char *const to[] = {"Jürgen Groß <juergen@example.com>", NULL};
    struct or_mail_message m = simple_message(subject);
    m.to = to;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    json_t *msg = sink_parsed(&s, 1);
    assert_string_equal(jstr(msg, "subject"), subject);
    assert_true(g_str_has_prefix(jstr(msg, "subject_raw"), "=?UTF-8?B?"));
    assert_true(json_is_true(json_object_get(msg, "headers_ascii")));
    assert_non_null(strstr(jstr(msg, "to"), "Jürgen Groß"));
    json_decref(msg);

    /* Long enough for several encoded-words, each split on a character. */
    GString *longer = g_string_new(NULL);
    for (int i = 0; i < 6; i++) {
        g_string_append(longer, "Wöchentlicher Bericht — Größenordnung ✓ ");
    }
    g_string_append(longer, "Ende");
    m.subject = longer->str;
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    msg = sink_parsed(&s, 2);
    assert_string_equal(jstr(msg, "subject"), longer->str);
    assert_true(json_is_true(json_object_get(msg, "headers_ascii")));
    json_decref(msg);

    /* Plain ASCII stays readable as is. */
    m.subject = "Weekly report 16-22 Nov";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    msg = sink_parsed(&s, 3);
    assert_string_equal(jstr(msg, "subject_raw"), "Weekly report 16-22 Nov");
    json_decref(msg);

    g_string_free(longer, TRUE);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

#define GOOD_PASSWORD "Sup3r-Secret-Pa55!"
#define PASSWORD_VAR "OR_TEST_SMTP_PASSWORD"

static void
auth_plain_login_succeeds_and_password_never_in_messages(void **state)
{
    (void)state;
    static const char *const mechanisms[] = {"PLAIN", "LOGIN"};
    setenv(PASSWORD_VAR, GOOD_PASSWORD, 1);
    for (size_t i = 0; i < 2; i++) {
        const char *args[] = {"--auth-user", "report-bot",       "--auth-password",
                              GOOD_PASSWORD, "--auth-mechanism", mechanisms[i],
                              NULL};
        struct sink s;
        sink_start(&s, args);
        struct or_mail_server srv;
        /* The sink is plain text on loopback: a clear-text login must be allowed. */
        const char *kv[] = {
            "username", "report-bot", "password_env", PASSWORD_VAR, "allow_insecure", "true", NULL};
        server_for(s.url, &srv, kv);
        assert_string_equal(srv.password, GOOD_PASSWORD);

        struct or_mail_message m = simple_message("Authenticated");
        char err[OR_ERR_SIZE] = "";
        struct stderr_capture cap;
        capture_begin(&cap);
        or_status st = or_mail_send(&srv, &m, err, sizeof(err));
        char *logged = capture_end(&cap);
        if (st != OR_OK) {
            fprintf(stderr, "%s: %s\n", mechanisms[i], err);
        }
        assert_int_equal(st, OR_OK);
        assert_int_equal(sink_stat(&s, "auth_ok"), 1);
        assert_int_equal(sink_stat(&s, "auth_failed"), 0);
        assert_int_equal(sink_stat(&s, "delivered"), 1);
        assert_null(strstr(logged, GOOD_PASSWORD));
        free(logged);
        char *path = sink_message_path(&s, 1);
        char *raw = test_read_file(path, NULL);
        assert_non_null(raw);
        assert_null(strstr(raw, GOOD_PASSWORD));
        free(raw);
        g_free(path);

        /* A failure after login: neither the message nor the log show it. */
        sink_stop(&s);
        srv.retries = 1;
        capture_begin(&cap);
        st = or_mail_send(&srv, &m, err, sizeof(err));
        logged = capture_end(&cap);
        assert_int_equal(st, OR_ERR_NETWORK);
        assert_null(strstr(err, GOOD_PASSWORD));
        assert_null(strstr(logged, GOOD_PASSWORD));
        assert_non_null(strstr(logged, "retrying"));
        free(logged);
        or_mail_server_release(&srv);
    }
    /* It was registered, so every log line and message is masked. */
    char line[128];
    snprintf(line, sizeof(line), "pw=%s.", GOOD_PASSWORD);
    or_redact_inplace(line, sizeof(line));
    assert_string_equal(line, "pw=***.");
    unsetenv(PASSWORD_VAR);
}

static void
wrong_password_is_auth_error_naming_config_not_password(void **state)
{
    (void)state;
    const char *args[] = {"--auth-user", "report-bot", "--auth-password", GOOD_PASSWORD, NULL};
    struct sink s;
    sink_start(&s, args);
    setenv(PASSWORD_VAR, "Wrong-Passw0rd-42", 1);
    struct or_mail_server srv;
    const char *kv[] = {"username", "report-bot",     "password_env", PASSWORD_VAR, "retries",
                        "3",        "allow_insecure", "yes",          NULL};
    server_for(s.url, &srv, kv);

    struct or_mail_message m = simple_message("Wrong password");
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_AUTH);
    assert_non_null(strstr(err, "[smtp] username"));
    assert_non_null(strstr(err, "password_env"));
    assert_non_null(strstr(err, PASSWORD_VAR));
    assert_non_null(strstr(err, "535"));
    assert_null(strstr(err, "Wrong-Passw0rd-42"));
    assert_null(strstr(err, GOOD_PASSWORD));
    /* A refused login is final: tried once although retries = 3. */
    assert_int_equal(sink_stat(&s, "auth_failed"), 1);
    assert_int_equal(sink_stat(&s, "delivered"), 0);
    or_mail_server_release(&srv);

    /* No login configured for a server that wants one. */
    server_for(s.url, &srv, NULL);
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_AUTH);
    assert_non_null(strstr(err, "[smtp] username"));
    assert_int_equal(sink_stat(&s, "delivered"), 0);
    or_mail_server_release(&srv);

    unsetenv(PASSWORD_VAR);
    sink_stop(&s);
}

static void
transient_451_is_retried_then_delivered(void **state)
{
    (void)state;
    const char *args[] = {"--fail-first", "2", NULL};
    struct sink s;
    sink_start(&s, args);
    struct or_mail_server srv;
    const char *kv[] = {"retries", "3", NULL};
    server_for(s.url, &srv, kv);

    struct or_mail_message m = simple_message("Try again");
    char err[OR_ERR_SIZE] = "";
    gint64 t0 = g_get_monotonic_time();
    or_status st = or_mail_send(&srv, &m, err, sizeof(err));
    gint64 waited_ms = (g_get_monotonic_time() - t0) / 1000;
    if (st != OR_OK) {
        fprintf(stderr, "send: %s\n", err);
    }
    assert_int_equal(st, OR_OK);
    assert_int_equal(sink_stat(&s, "data"), 3);
    assert_int_equal(sink_stat(&s, "delivered"), 1);
    assert_true(waited_ms >= 20 + 40); /* exponential back-off between tries */
    json_t *msg = sink_parsed(&s, 1);
    assert_string_equal(jstr(msg, "subject"), "Try again");
    json_decref(msg);
    or_mail_server_release(&srv);
    sink_stop(&s);

    /* More 451s than retries: a network error naming the reply and tries. */
    const char *args2[] = {"--fail-first", "10", NULL};
    sink_start(&s, args2);
    const char *kv2[] = {"retries", "1", NULL};
    server_for(s.url, &srv, kv2);
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_NETWORK);
    assert_non_null(strstr(err, "SMTP 451"));
    assert_non_null(strstr(err, "after 2 tries"));
    char hostport[64];
    snprintf(hostport, sizeof(hostport), "smtp 127.0.0.1:%d:", s.port);
    assert_true(g_str_has_prefix(err, hostport));
    assert_int_equal(sink_stat(&s, "data"), 2);
    assert_int_equal(sink_stat(&s, "delivered"), 0);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
permanent_550_fails_without_retry(void **state)
{
    (void)state;
    const char *args[] = {"--reject-all", NULL};
    struct sink s;
    sink_start(&s, args);
    struct or_mail_server srv;
    const char *kv[] = {"retries", "3", NULL};
    server_for(s.url, &srv, kv);

    struct or_mail_message m = simple_message("Rejected");
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_NETWORK);
    assert_non_null(strstr(err, "550"));
    assert_non_null(strstr(err, "rejected by the test sink"));
    assert_non_null(strstr(err, "not retried"));
    assert_int_equal(sink_stat(&s, "data"), 1);
    assert_int_equal(sink_stat(&s, "connections"), 1);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
over_size_limit_is_refused_before_connecting(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    const char *kv[] = {"max_size_mb", "1", NULL};
    server_for(s.url, &srv, kv);
    assert_int_equal(srv.max_bytes, 1000000);

    char *dir = test_tmpdir();
    size_t len = 1400000;
    char *big = g_malloc0(len);
    char *path = write_file(dir, "big.xlsx", big, len);
    struct or_mail_attachment att = {
        .path = path, .filename = "big.xlsx", .mime_type = "application/octet-stream"};
    struct or_mail_message m = simple_message("Too big");
    m.attachments = &att;
    m.nattachments = 1;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_INVALID);
    assert_string_equal(err, "message would be 1.9 MB, over the limit of 1 MB "
                             "([smtp] max_size_mb): not sent");
    assert_int_equal(sink_stat(&s, "connections"), 0);

    /* The same message without the file goes through the same sink. */
    m.nattachments = 0;
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    assert_int_equal(sink_stat(&s, "connections"), 1);
    assert_int_equal(sink_stat(&s, "delivered"), 1);

    g_free(path);
    g_free(big);
    test_rmtree(dir);
    free(dir);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
missing_attachment_is_named(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);
    char *dir = test_tmpdir();
    char *there = write_file(dir, "there.csv", "a\n", 2);
    char *missing = g_build_filename(dir, "not-rendered.pdf", NULL);
    struct or_mail_attachment att[] = {
        {.path = there, .filename = "there.csv", .mime_type = "text/csv"},
        {.path = missing, .filename = "weekly.pdf", .mime_type = "application/pdf"},
    };
    struct or_mail_message m = simple_message("Missing");
    m.attachments = att;
    m.nattachments = 2;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_IO);
    assert_non_null(strstr(err, "weekly.pdf"));
    assert_non_null(strstr(err, missing));
    assert_non_null(strstr(err, "No such file"));
    assert_int_equal(sink_stat(&s, "connections"), 0);

    g_free(there);
    g_free(missing);
    test_rmtree(dir);
    free(dir);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

static void
unreachable_server_is_network_error_after_retries(void **state)
{
    (void)state;
    int fd = -1;
    int port = closed_port(&fd);
    char url[64];
    snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
    struct or_mail_server srv;
    const char *kv[] = {"retries", "2", NULL};
    server_for(url, &srv, kv);
    srv.backoff_ms = 30;

    struct or_mail_message m = simple_message("Nobody home");
    char err[OR_ERR_SIZE] = "";
    struct stderr_capture cap;
    capture_begin(&cap);
    gint64 t0 = g_get_monotonic_time();
    or_status st = or_mail_send(&srv, &m, err, sizeof(err));
    gint64 waited_ms = (g_get_monotonic_time() - t0) / 1000;
    char *logged = capture_end(&cap);
    assert_int_equal(st, OR_ERR_NETWORK);
    char expect[64];
    snprintf(expect, sizeof(expect), "smtp 127.0.0.1:%d:", port);
    assert_true(g_str_has_prefix(err, expect));
    assert_non_null(strstr(err, "after 3 tries"));
    assert_true(waited_ms >= 30 + 60);
    assert_int_equal(test_count_lines_with(logged, "retrying"), 2);
    free(logged);
    close(fd);
    or_mail_server_release(&srv);
}

static void
starttls_required_refuses_a_server_without_it(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    const char *kv[] = {"starttls", "required", NULL};
    server_for(s.url, &srv, kv);
    assert_int_equal(srv.require_tls, 1);
    struct or_mail_message m = simple_message("Plain text only");
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_NETWORK);
    assert_non_null(strstr(err, "STARTTLS"));
    assert_int_equal(sink_stat(&s, "data"), 0);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

/* ------------------------------------------------------------------------- */
/* Configuration                                                              */
/* ------------------------------------------------------------------------- */

static or_status
try_config(struct or_config *cfg, char *err, size_t errlen)
{
    struct or_mail_server srv;
    or_status st = or_mail_server_from_config(cfg, &srv, err, errlen);
    or_mail_server_release(&srv);
    return st;
}

static void
config_missing_url_or_from_is_clear(void **state)
{
    (void)state;
    char err[OR_ERR_SIZE] = "";
    struct or_config *cfg = or_config_new_empty();
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_true(g_str_has_prefix(err, "config [smtp] url is not set"));
    assert_int_equal(try_config(NULL, err, sizeof(err)), OR_ERR_CONFIG);

    or_config_set(cfg, "smtp", "url", "smtp://mail.example.com:587");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_true(g_str_has_prefix(err, "config [smtp] from is not set"));

    /* Defaults once both are there. */
    or_config_set(cfg, "smtp", "from", SENDER);
    struct or_mail_server srv;
    assert_int_equal(or_mail_server_from_config(cfg, &srv, err, sizeof(err)), OR_OK);
    assert_string_equal(srv.url, "smtp://mail.example.com:587");
    assert_string_equal(srv.from, SENDER);
    assert_null(srv.username);
    assert_null(srv.password);
    assert_int_equal(srv.retries, 3);
    assert_int_equal(srv.timeout_ms, 60000);
    assert_int_equal(srv.max_bytes, 20000000);
    assert_int_equal(srv.require_tls, 0);
    or_mail_server_release(&srv);
    assert_null(srv.url);

    /* A login needs its password variable, named in the message. */
    unsetenv("OR_TEST_SMTP_UNSET_PW");
    or_config_set(cfg, "smtp", "username", "bot");
    or_config_set(cfg, "smtp", "password_env", "OR_TEST_SMTP_UNSET_PW");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "OR_TEST_SMTP_UNSET_PW"));
    assert_non_null(strstr(err, "[smtp] username"));
    or_config_set(cfg, "smtp", "password_env", "");
    unsetenv("SMTP_PASSWORD");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "SMTP_PASSWORD"));
    setenv("SMTP_PASSWORD", "from-the-env-1234", 1);
    /* starttls = try would send it in clear text to a server without STARTTLS. */
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "without TLS"));
    assert_non_null(strstr(err, "[smtp] allow_insecure = true"));
    assert_null(strstr(err, "from-the-env-1234"));
    or_config_set(cfg, "smtp", "allow_insecure", "maybe");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] allow_insecure = maybe"));
    or_config_set(cfg, "smtp", "allow_insecure", "false");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    /* TLS required, implicit TLS, or clear text allowed: all fine. */
    or_config_set(cfg, "smtp", "starttls", "required");
    assert_int_equal(or_mail_server_from_config(cfg, &srv, err, sizeof(err)), OR_OK);
    assert_string_equal(srv.password, "from-the-env-1234");
    or_mail_server_release(&srv);
    or_config_set(cfg, "smtp", "starttls", "try");
    or_config_set(cfg, "smtp", "url", "smtps://mail.example.com:465");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_OK);
    or_config_set(cfg, "smtp", "url", "smtp://mail.example.com:587");
    or_config_set(cfg, "smtp", "allow_insecure", "true");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_OK);
    or_config_set(cfg, "smtp", "allow_insecure", "");
    or_config_set(cfg, "smtp", "starttls", "");
    unsetenv("SMTP_PASSWORD");
    or_config_set(cfg, "smtp", "username", "");

    /* Malformed values name their key. */
    or_config_set(cfg, "smtp", "starttls", "sometimes");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] starttls"));
    or_config_set(cfg, "smtp", "starttls", "required");
    or_config_set(cfg, "smtp", "retries", "three");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] retries"));
    or_config_set(cfg, "smtp", "retries", "0");
    or_config_set(cfg, "smtp", "max_size_mb", "-5");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] max_size_mb"));
    or_config_set(cfg, "smtp", "max_size_mb", "2.5");
    or_config_set(cfg, "smtp", "timeout_s", "7");
    assert_int_equal(or_mail_server_from_config(cfg, &srv, err, sizeof(err)), OR_OK);
    assert_int_equal(srv.require_tls, 1);
    assert_int_equal(srv.retries, 0);
    assert_int_equal(srv.max_bytes, 2500000);
    assert_int_equal(srv.timeout_ms, 7000);
    or_mail_server_release(&srv);

    /* Wrong scheme; a password in the URL is refused and never echoed. */
    or_config_set(cfg, "smtp", "url", "https://mail.example.com");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "smtp://"));
    or_config_set(cfg, "smtp", "url", "smtps://bot:Url-Secret-99@mail.example.com:465");
    assert_int_equal(try_config(cfg, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "password"));
    assert_null(strstr(err, "Url-Secret-99"));

    /* A send without url or sender says which is missing. */
    struct or_mail_server bare;
    memset(&bare, 0, sizeof(bare));
    struct or_mail_message m = simple_message("x");
    assert_int_equal(or_mail_send(&bare, &m, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] url"));
    bare.url = g_strdup("smtp://127.0.0.1:1");
    assert_int_equal(or_mail_send(&bare, &m, err, sizeof(err)), OR_ERR_CONFIG);
    assert_non_null(strstr(err, "[smtp] from"));
    or_mail_server_release(&bare);
    or_config_free(cfg);
}

/* ------------------------------------------------------------------------- */
/* Bodies and subject                                                         */
/* ------------------------------------------------------------------------- */

static const struct or_kpi sample_kpis[] = {
    {.label = "Calls",
     .format = OR_FMT_INTEGER,
     .has_value = 1,
     .value = 1234,
     .has_previous = 1,
     .previous = 1100},
    {.label = "Connect rate",
     .format = OR_FMT_PERCENT,
     .has_value = 1,
     .value = 0.25,
     .has_previous = 1,
     .previous = 0.229},
    {.label = "Bounce rate",
     .format = OR_FMT_PERCENT,
     .has_value = 1,
     .value = 0.05,
     .has_previous = 1,
     .previous = 0.03,
     .lower_is_better = 1},
    {.label = "Meetings",
     .format = OR_FMT_INTEGER,
     .has_value = 1,
     .value = 9,
     .has_previous = 1,
     .previous = 12},
    {.label = "Talk time", .format = OR_FMT_DURATION, .has_value = 1, .value = 3723},
    {.label = "Replies", .format = OR_FMT_INTEGER, .has_value = 0},
};

static const struct or_source_status sample_sources[] = {
    {.name = "salesfinity.call-log", .status = "ok", .rows = 1234},
    {.name = "saleshandy.consolidated-stats",
     .status = "failed",
     .detail = "HTTP 503 after 5 tries"},
    {.name = "unpod.analytics", .status = "retried", .detail = "1 retry", .rows = 3},
};

/* The ABI's lists of pointers to the sample arrays, and to the one section. */
static const struct or_kpi *sample_kpi_list[sizeof(sample_kpis) / sizeof(sample_kpis[0])];
static const struct or_source_status
    *sample_source_list[sizeof(sample_sources) / sizeof(sample_sources[0])];
static const struct or_section *sample_section_list[1];

static struct or_report
sample_report(struct or_section *sec)
{
    for (size_t i = 0; i < sizeof(sample_kpis) / sizeof(sample_kpis[0]); i++) {
        sample_kpi_list[i] = &sample_kpis[i];
    }
    for (size_t i = 0; i < sizeof(sample_sources) / sizeof(sample_sources[0]); i++) {
        sample_source_list[i] = &sample_sources[i];
    }
    sample_section_list[0] = sec;
    memset(sec, 0, sizeof(*sec));
    sec->kind = OR_SECTION_KPIS;
    sec->id = "headline";
    sec->title = "Headline";
    sec->nkpis = sizeof(sample_kpis) / sizeof(sample_kpis[0]);
    sec->kpis = sample_kpi_list;
    struct or_report r = {
        .title = "Weekly manager report",
        .tz = "Europe/Berlin",
        .period_label = "16–22 Nov 2026",
        .partial = 1,
        .generated_at = 1795000000,
        .nsections = 1,
        .sections = sample_section_list,
        .nsources = sizeof(sample_sources) / sizeof(sample_sources[0]),
        .sources = sample_source_list,
    };
    return r;
}

/* The HTML table row of a KPI, from its label to the end of the row. */
static char *
html_row(const char *html, const char *label)
{
    char *needle = g_strdup_printf(">%s</td>", label);
    const char *start = strstr(html, needle);
    g_free(needle);
    assert_non_null(start);
    const char *end = strstr(start, "</tr>");
    assert_non_null(end);
    return g_strndup(start, (gsize)(end - start));
}

static void
summary_body_lists_kpis_change_and_failed_sources(void **state)
{
    (void)state;
    struct or_section sec;
    struct or_report r = sample_report(&sec);
    GTimeZone *tz = g_time_zone_new_identifier("Europe/Berlin");
    assert_non_null(tz);
    static const char *const names[] = {"weekly-manager.pdf", "weekly-manager.xlsx", NULL};
    char *text = NULL;
    char *html = NULL;
    or_mail_body(&r, tz, NULL, names, &text, &html);

    assert_true(g_str_has_prefix(text, "Weekly manager report\n"));
    assert_non_null(strstr(text, "Period: 16–22 Nov 2026 (partial: the period is not over yet)"));
    assert_non_null(strstr(text, "Time zone: Europe/Berlin"));
    assert_non_null(strstr(text, "  Calls: 1,234 (previous 1,100, ▲ +12.2 %)\n"));
    assert_non_null(strstr(text, "  Connect rate: 25.0 % (previous 22.9 %, ▲ +2.1 pp)\n"));
    assert_non_null(strstr(text, "  Bounce rate: 5.0 % (previous 3.0 %, ▲ +2.0 pp)\n"));
    assert_non_null(strstr(text, "  Meetings: 9 (previous 12, ▼ -25.0 %)\n"));
    assert_non_null(strstr(text, "  Talk time: 1:02:03\n"));
    assert_non_null(strstr(text, "  Replies: –\n"));
    /* The failed source is called out before the figures. */
    const char *warning = strstr(text, "WARNING: 1 of 3 sources failed");
    assert_non_null(warning);
    assert_true(warning < strstr(text, "Calls:"));
    assert_non_null(strstr(text, "saleshandy.consolidated-stats: HTTP 503 after 5 tries"));
    assert_non_null(strstr(text, "  - weekly-manager.pdf\n  - weekly-manager.xlsx\n"));
    assert_non_null(strstr(text, "Generated 2026-11-18 12:06 (Europe/Berlin)"));
    assert_non_null(
        strstr(text, "  FAILED   saleshandy.consolidated-stats: HTTP 503 after 5 tries\n"));
    assert_non_null(strstr(text, "  ok       salesfinity.call-log: 1,234 rows\n"));
    assert_non_null(strstr(text, "  retried  unpod.analytics: 3 rows (1 retry)\n"));
    /* Failed sources lead the list. */
    assert_true(strstr(text, "  FAILED ") < strstr(text, "  ok "));

    /* Green for good news, red for bad, honouring lower_is_better. */
    char *row = html_row(html, "Calls");
    assert_non_null(strstr(row, "color:#1a7f37;white-space:nowrap;\">▲ +12.2 %"));
    g_free(row);
    row = html_row(html, "Bounce rate");
    assert_non_null(strstr(row, "color:#c62828;white-space:nowrap;\">▲ +2.0 pp"));
    g_free(row);
    row = html_row(html, "Meetings");
    assert_non_null(strstr(row, "color:#c62828;white-space:nowrap;\">▼ -25.0 %"));
    g_free(row);
    assert_non_null(strstr(html, "1 of 3 sources failed"));
    assert_non_null(strstr(html, "weekly-manager.xlsx"));
    assert_non_null(strstr(html, "(partial: the period is not over yet)"));
    /* Email-client safe: inline styles only, nothing fetched or run. */
    assert_null(strstr(html, "<style"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "class="));
    g_free(text);
    g_free(html);

    /* A lower-is-better KPI that fell is good news. */
    struct or_kpi fell = {.label = "Bounces",
                          .format = OR_FMT_INTEGER,
                          .has_value = 1,
                          .value = 5,
                          .has_previous = 1,
                          .previous = 10,
                          .lower_is_better = 1};
    const struct or_kpi *fell_list[] = {&fell};
    sec.kpis = fell_list;
    sec.nkpis = 1;
    or_mail_body(&r, NULL, NULL, NULL, &text, &html); /* the report's own zone */
    assert_non_null(strstr(text, "Generated 2026-11-18 12:06 (Europe/Berlin)"));
    row = html_row(html, "Bounces");
    assert_non_null(strstr(row, "color:#1a7f37;white-space:nowrap;\">▼ -50.0 %"));
    g_free(row);
    assert_null(strstr(text, "Attached"));
    g_free(text);
    g_free(html);
    g_time_zone_unref(tz);
}

static void
html_body_escapes_values(void **state)
{
    (void)state;
    struct or_kpi kpi = {.label = "O'Brien's <b>calls</b> & more",
                         .format = OR_FMT_INTEGER,
                         .has_value = 1,
                         .value = 3};
    /* A byte that is not UTF-8 and a control character from a vendor's text. */
    struct or_source_status src = {
        .name = "x.y\xff\x01z", .status = "failed", .detail = "<script>alert(\"pwned\")</script>"};
    const struct or_kpi *kpis[] = {&kpi};
    struct or_section sec = {.kind = OR_SECTION_KPIS, .title = "A & B", .nkpis = 1, .kpis = kpis};
    const struct or_section *secs[] = {&sec};
    const struct or_source_status *srcs[] = {&src};
    struct or_report r = {.title = "Q&A <script>alert(1)</script>",
                          .tz = "UTC",
                          .period_label = "\"this\" week",
                          .nsections = 1,
                          .sections = secs,
                          .nsources = 1,
                          .sources = srcs,
                          .description = "Line one\n<i>line</i> two"};
    static const char *const names[] = {"<evil>.pdf", NULL};
    char *text = NULL;
    char *html = NULL;
    or_mail_body(&r, NULL, NULL, names, &text, &html);

    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<b>calls"));
    assert_null(strstr(html, "<i>line"));
    assert_null(strstr(html, "<evil>"));
    assert_non_null(strstr(html, "Q&amp;A &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert_non_null(strstr(html, "O&#39;Brien&#39;s &lt;b&gt;calls&lt;/b&gt; &amp; more"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;"));
    assert_non_null(strstr(html, "&quot;this&quot; week"));
    assert_non_null(strstr(html, "A &amp; B"));
    assert_non_null(strstr(html, "Line one<br>&lt;i&gt;line&lt;/i&gt; two"));
    assert_non_null(strstr(html, "&lt;evil&gt;.pdf"));
    /* The HTML is UTF-8 throughout: the bad byte is U+FFFD, the control
     * character a character reference. */
    assert_true(g_utf8_validate(html, -1, NULL));
    assert_non_null(strstr(html, "x.y\xEF\xBF\xBD&#x1;z"));
    /* The text body keeps values as they are. */
    assert_non_null(strstr(text, "O'Brien's <b>calls</b> & more: 3"));
    g_free(text);
    g_free(html);
}

static void
subject_placeholders_are_filled(void **state)
{
    (void)state;
    struct or_section sec;
    struct or_report r = sample_report(&sec);
    char *s = or_mail_subject(NULL, &r);
    assert_string_equal(s, "Weekly manager report — 16–22 Nov 2026 (partial)");
    g_free(s);
    r.partial = 0;
    s = or_mail_subject("[{title}] {period} {unknown} {title}", &r);
    assert_string_equal(s,
                        "[Weekly manager report] 16–22 Nov 2026 {unknown} Weekly manager report");
    g_free(s);
    r.title = NULL;
    r.period_label = NULL;
    r.period_start = 1794783600; /* 2026-11-16 00:00 Europe/Berlin */
    r.period_end = 1795388400;   /* 2026-11-23 00:00 Europe/Berlin */
    s = or_mail_subject("{title}: {period}", &r);
    assert_string_equal(s, "Report: 2026-11-16 – 2026-11-22");
    g_free(s);
    r.title = "Line\r\nbreak";
    s = or_mail_subject("{title}", &r);
    assert_string_equal(s, "Line  break");
    g_free(s);
}

/* Every test stops the sinks it left running, also when it failed. */
/* Nonzero when the parsed message has a top-level header @p name (lower case). */
static int
has_header(json_t *msg, const char *name)
{
    json_t *names = json_object_get(msg, "header_names");
    for (size_t i = 0; i < json_array_size(names); i++) {
        if (strcmp(json_string_value(json_array_get(names, i)), name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* CR and LF in a subject, a display name, a file name or a split's value
 * (all of which can come from the data) never start a header of their own:
 * GMime writes the headers, and a value's line breaks become spaces or, in
 * an address, refuse the message before anything is sent. */
static void
line_breaks_in_values_never_reach_the_headers(void **state)
{
    (void)state;
    struct sink s;
    sink_start(&s, NULL);
    struct or_mail_server srv;
    server_for(s.url, &srv, NULL);
    char *dir = test_tmpdir();
    char *path = write_file(dir, "r.csv", "a,b\n", 4);
    struct or_mail_attachment att = {
        .path = path, .filename = "r\r\nBcc: evil@example.com\r\n.csv", .mime_type = "text/csv"};
    struct or_mail_message m = simple_message("Weekly\r\nBcc: evil@example.com\r\n\r\nbody");
    m.attachments = &att;
    m.nattachments = 1;
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_OK);
    json_t *msg = sink_parsed(&s, 1);
    assert_false(has_header(msg, "bcc"));
    assert_string_equal(jstr(msg, "subject"), "Weekly  Bcc: evil@example.com    body");
    json_t *env = sink_envelope(&s, 1);
    json_t *rcpt = json_object_get(env, "rcpt_tos");
    assert_int_equal(json_array_size(rcpt), 1);
    assert_string_equal(json_string_value(json_array_get(rcpt, 0)), "anna@example.com");
    json_decref(env);
    json_t *parts = json_object_get(msg, "parts");
    const char *fn = jstr(json_array_get(parts, json_array_size(parts) - 1), "filename");
    assert_non_null(fn);
    assert_null(strpbrk(fn, "\r\n"));
    json_decref(msg);

    /* An address with a line break (a split's value put into {rep_email},
     * or a display name) is refused, naming it; nothing is sent. */
    static const char *const to[] = {"zoe@example.com\r\nBcc: evil@example.com", NULL};
    static const char *const named[] = {"Zoe\nBcc: evil@example.com <zoe@example.com>", NULL};
    m.to = to;
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_INVALID);
    assert_non_null(strstr(err, "To address 1 contains a line break"));
    m.to = named;
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_INVALID);
    m.to = default_to;
    m.from = "Reports\r\nBcc: evil@example.com <reports@example.com>";
    assert_int_equal(or_mail_send(&srv, &m, err, sizeof(err)), OR_ERR_INVALID);
    assert_non_null(strstr(err, "From address"));
    assert_int_equal(sink_stat(&s, "delivered"), 1);

    /* A split label with line breaks makes a one-line subject. */
    struct or_report r = {.title = "Weekly",
                          .period_label = "16\u201322 Nov",
                          .split_label = "Zo\xC3\xAB\r\nBcc: evil@example.com",
                          .split_value = "zoe@example.com\nX: y"};
    char *subject = or_mail_subject("{title} {split_label} {split_value}", &r);
    assert_null(strpbrk(subject, "\r\n"));
    g_free(subject);

    test_rmtree(dir);
    free(dir);
    g_free(path);
    or_mail_server_release(&srv);
    sink_stop(&s);
}

#define TEST(f) cmocka_unit_test_teardown(f, stop_sinks)

int
main(void)
{
    /* A closed sink connection must not kill the test run. */
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        TEST(message_arrives_with_subject_recipients_and_cc),
        TEST(attachments_are_byte_identical_with_right_names_and_types),
        TEST(text_and_html_alternatives_are_present),
        TEST(non_ascii_subject_is_encoded_and_decodes_back),
        TEST(auth_plain_login_succeeds_and_password_never_in_messages),
        TEST(wrong_password_is_auth_error_naming_config_not_password),
        TEST(transient_451_is_retried_then_delivered),
        TEST(permanent_550_fails_without_retry),
        TEST(over_size_limit_is_refused_before_connecting),
        TEST(missing_attachment_is_named),
        TEST(unreachable_server_is_network_error_after_retries),
        TEST(starttls_required_refuses_a_server_without_it),
        TEST(config_missing_url_or_from_is_clear),
        TEST(summary_body_lists_kpis_change_and_failed_sources),
        TEST(html_body_escapes_values),
        TEST(subject_placeholders_are_filled),
        TEST(line_breaks_in_values_never_reach_the_headers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
