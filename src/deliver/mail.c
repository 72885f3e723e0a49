/* SPDX-License-Identifier: MIT */
/* SMTP delivery: the session.  The message is built whole before
 * connecting (mail_build.h: envelope, MIME, attachments, size), so a
 * message that cannot go out never half-reaches a server; then a try per
 * attempt, with back-off after a transient failure. */
#include "deliver/mail.h"

#include <stdio.h>
#include <string.h>

#include <curl/curl.h>
#include <glib.h>

#include "base/log.h"
#include "base/status_str.h"
#include "deliver/mail_build.h"
#include "http/http.h"

#define BACKOFF_MAX_MS 60000L
#define CONNECT_TIMEOUT_MAX_MS 30000L

/* What every try shares; built once before the first. */
struct prepared {
    const struct or_mail_server *srv;
    char *hostport; /* "host:port" for messages; g_free() */
    struct or_mail_built built;
};

/* Where one try is in the message it uploads. */
struct upload {
    const GByteArray *bytes;
    size_t at;
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
    or_mail_built_release(&p->built);
}

static or_status
host_port(const char *url, char **out, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *host = NULL;
    char *port = NULL;
    or_status st = OR_OK;
    if (u == NULL) {
        or_set_err(err, errlen, "out of memory reading [smtp] url");
        return OR_ERR_NOMEM;
    }
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        or_set_err(err, errlen, "config [smtp] url is not a valid URL (expected smtps://host:465)");
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

static or_status
prepare(struct prepared *p, const struct or_mail_message *msg, char *err, size_t errlen)
{
    const char *from = msg->from != NULL ? msg->from : p->srv->from;
    if (p->srv->url == NULL || *p->srv->url == '\0') {
        or_set_err(err, errlen,
                   "config [smtp] url is not set (e.g. url = smtps://mail.example.com:465)");
        return OR_ERR_CONFIG;
    }
    if (from == NULL || *from == '\0') {
        or_set_err(err, errlen, "config [smtp] from is not set (the sender address)");
        return OR_ERR_CONFIG;
    }
    or_status st = or_mail_build(&p->built, from, msg, p->srv->max_bytes, err, errlen);
    if (st == OR_OK) {
        st = host_port(p->srv->url, &p->hostport, err, errlen);
    }
    return st;
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

/* libcurl reads the message (and dot-stuffs its lines) from here. */
static size_t
read_message(char *buf, size_t size, size_t nitems, void *ud)
{
    struct upload *u = ud;
    size_t room = size * nitems;
    size_t left = u->bytes->len - u->at;
    size_t n = left < room ? left : room;
    memcpy(buf, u->bytes->data + u->at, n);
    u->at += n;
    return n;
}

/* Every option of one try; OR_ERR_INVALID when libcurl refuses one. */
static or_status
setup_easy(CURL *easy, const struct prepared *p, struct upload *up, struct attempt *a)
{
    const struct or_mail_server *srv = p->srv;
    long use_ssl = or_mail_server_tls_required(srv) ? CURLUSESSL_ALL : CURLUSESSL_TRY;
    long timeout = srv->timeout_ms > 0 ? srv->timeout_ms : 60000;
    long connect_timeout = timeout < CONNECT_TIMEOUT_MAX_MS ? timeout : CONNECT_TIMEOUT_MAX_MS;
    int bad = 0;
    bad |= curl_easy_setopt(easy, CURLOPT_URL, srv->url) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "smtp,smtps") != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_MAIL_FROM, p->built.mail_from) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_MAIL_RCPT, p->built.rcpt) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_READFUNCTION, read_message) != CURLE_OK;
    bad |= curl_easy_setopt(easy, CURLOPT_READDATA, up) != CURLE_OK;
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
    return bad ? OR_ERR_INVALID : OR_OK;
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
    if (easy == NULL) {
        return OR_ERR_NOMEM;
    }
    struct upload up = {p->built.bytes, 0};
    if (setup_easy(easy, p, &up, a) != OR_OK) {
        curl_easy_cleanup(easy);
        return OR_ERR_NOMEM;
    }
    a->rc = curl_easy_perform(easy);
    if (curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &a->code) != CURLE_OK) {
        a->code = 0;
    }
    curl_easy_cleanup(easy);
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

/* The message of a refused login: what to check, never the password. */
static void
auth_failed(const struct prepared *p, const char *why, char *err, size_t errlen)
{
    const struct or_mail_server *srv = p->srv;
    if (srv->username == NULL) {
        or_set_err(err, errlen,
                   "smtp %s: the server requires a login: %s; set [smtp] username and the "
                   "password in the environment variable [smtp] password_env names",
                   p->hostport, why);
        return;
    }
    or_set_err(err, errlen,
               "smtp %s: the server refused the login of user '%s': %s; check [smtp] "
               "username and the password in $%s ([smtp] password_env)",
               p->hostport, srv->username, why,
               srv->password_env != NULL ? srv->password_env : OR_MAIL_PASSWORD_ENV_DEFAULT);
}

/* Tries until the server accepts, a failure is final, or the tries run out. */
static or_status
session(const struct prepared *p, char *err, size_t errlen)
{
    const struct or_mail_server *srv = p->srv;
    int tries = 1 + (srv->retries > 0 ? srv->retries : 0);
    long wait_ms = srv->backoff_ms > 0 ? srv->backoff_ms : 0;
    struct attempt a;
    char why[CURL_ERROR_SIZE + 512];
    for (int i = 1;; i++) {
        if (try_once(p, &a) != OR_OK) {
            or_set_err(err, errlen, "out of memory building the message");
            return OR_ERR_NOMEM;
        }
        enum outcome oc = classify(&a);
        describe(&a, why, sizeof(why));
        if (oc == OUTCOME_SENT) {
            or_log(OR_LOG_INFO, "smtp %s: message accepted%s", p->hostport,
                   i > 1 ? " after retrying" : "");
            return OR_OK;
        }
        if (oc == OUTCOME_AUTH) {
            auth_failed(p, why, err, errlen);
            return OR_ERR_AUTH;
        }
        if (oc == OUTCOME_FINAL) {
            or_set_err(err, errlen, "smtp %s: %s%s", p->hostport, why, final_hint(p, &a));
            return OR_ERR_NETWORK;
        }
        if (i >= tries) {
            or_set_err(err, errlen, "smtp %s: %s after %d %s", p->hostport, why, i,
                       i == 1 ? "try" : "tries");
            return OR_ERR_NETWORK;
        }
        or_log(OR_LOG_WARN, "smtp %s: %s; retrying in %ld ms (try %d of %d)", p->hostport, why,
               wait_ms, i + 1, tries);
        if (wait_ms > 0) {
            g_usleep((gulong)wait_ms * 1000UL);
        }
        wait_ms = wait_ms * 2 < BACKOFF_MAX_MS ? wait_ms * 2 : BACKOFF_MAX_MS;
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
        or_set_err(err, errlen, "or_mail_send: no server or message");
        return OR_ERR_INVALID;
    }
    if (or_curl_global_init() != OR_OK) {
        or_set_err(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }
    struct prepared p = {.srv = srv};
    or_status st = prepare(&p, msg, err, errlen);
    if (st == OR_OK) {
        st = session(&p, err, errlen);
    }
    prepared_free(&p);
    return st;
}
