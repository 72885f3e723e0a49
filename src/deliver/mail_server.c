/* SPDX-License-Identifier: MIT */
/* The [smtp] section: see mail_server.h. */
#include "deliver/mail_server.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <glib.h>

#include "base/config.h"
#include "base/secret.h"
#include "base/redact.h"
#include "base/status_str.h"
#include "http/http.h"
#include "http/http_config.h"

#define SECTION "smtp"
#define BYTES_PER_MB 1000000.0

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
        or_set_err(err, errlen, "config [smtp] %s = %s: expected a number from %g to %g", key, v,
                   min, max);
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
        or_set_err(err, errlen, "config [smtp] url = %s: must start with smtp:// or smtps://", url);
        return OR_ERR_CONFIG;
    }
    or_status st = OR_OK;
    CURLU *u = curl_url();
    if (u == NULL) {
        or_set_err(err, errlen, "out of memory reading [smtp] url");
        return OR_ERR_NOMEM;
    }
    char *pw = NULL;
    char *host = NULL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
        /* The text may hold a password curl could not isolate: do not echo it. */
        or_set_err(err, errlen, "config [smtp] url is not a valid URL (expected smtps://host:465)");
        st = OR_ERR_CONFIG;
        goto out;
    }
    if (curl_url_get(u, CURLUPART_PASSWORD, &pw, 0) == CURLUE_OK && pw != NULL) {
        or_redact_add(pw);
        or_set_err(err, errlen,
                   "config [smtp] url holds a password: a config file must not hold secrets; set "
                   "[smtp] username and put the password in the environment variable [smtp] "
                   "password_env names (default %s)",
                   OR_MAIL_PASSWORD_ENV_DEFAULT);
        st = OR_ERR_CONFIG;
    }

out:
    curl_free(host);
    curl_free(pw);
    curl_url_cleanup(u);
    return st;
}

/* url and from: both required. */
static or_status
read_addresses(const struct or_config *cfg, struct or_mail_server *out, char *err, size_t errlen)
{
    const char *url = cfg_get(cfg, "url");
    if (url == NULL) {
        or_set_err(err, errlen,
                   "config [smtp] url is not set (e.g. url = smtps://mail.example.com:465)");
        return OR_ERR_CONFIG;
    }
    or_status st = check_url(url, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    const char *from = cfg_get(cfg, "from");
    if (from == NULL) {
        or_set_err(err, errlen,
                   "config [smtp] from is not set (the sender, e.g. from = Reports "
                   "<reports@example.com>)");
        return OR_ERR_CONFIG;
    }
    if (strpbrk(from, "\r\n") != NULL || strchr(from, '@') == NULL) {
        or_set_err(err, errlen, "config [smtp] from = %s: not an e-mail address", from);
        return OR_ERR_CONFIG;
    }
    out->url = g_strdup(url);
    out->from = g_strdup(from);
    return OR_OK;
}

/* starttls, max_size_mb, retries, timeout_s and ca_file. */
static or_status
read_transport(const struct or_config *cfg, struct or_mail_server *out, char *err, size_t errlen)
{
    const char *starttls = cfg_get(cfg, "starttls");
    if (starttls != NULL) {
        if (g_ascii_strcasecmp(starttls, "required") == 0) {
            out->require_tls = 1;
        }
        else if (g_ascii_strcasecmp(starttls, "try") != 0) {
            or_set_err(err, errlen, "config [smtp] starttls = %s: expected try or required",
                       starttls);
            return OR_ERR_CONFIG;
        }
    }
    double max_mb = 0;
    double retries = 0;
    double timeout_s = 0;
    or_status st = cfg_number(cfg, "max_size_mb", 20, 0.001, 100000, &max_mb, err, errlen);
    if (st == OR_OK) {
        st = cfg_number(cfg, "retries", 3, 0, 100, &retries, err, errlen);
    }
    if (st == OR_OK && floor(retries) != retries) {
        or_set_err(err, errlen, "config [smtp] retries = %s: expected a whole number",
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
        or_set_err(err, errlen, "config [smtp] ca_file = %s: no such file", ca_file);
        return OR_ERR_CONFIG;
    }
    out->ca_file = g_strdup(ca_file);
    out->max_bytes = (size_t)llround(max_mb * BYTES_PER_MB);
    out->retries = (int)retries;
    out->timeout_ms = (long)llround(timeout_s * 1000.0);
    return OR_OK;
}

/* username, and then the password from the variable password_env names. */
static or_status
read_login(const struct or_config *cfg, struct or_mail_server *out, char *err, size_t errlen)
{
    const char *password_env = cfg_get(cfg, "password_env");
    if (password_env == NULL) {
        password_env = OR_MAIL_PASSWORD_ENV_DEFAULT;
    }
    const char *username = cfg_get(cfg, "username");
    const char *password = NULL;
    if (username != NULL) {
        password = or_secret_env(password_env, NULL);
        if (password == NULL || *password == '\0') {
            or_set_err(err, errlen,
                       "config [smtp] username is set but the environment variable %s is not set "
                       "(it holds the SMTP password; [smtp] password_env names it)",
                       password_env);
            return OR_ERR_CONFIG;
        }
        or_redact_add(password);
    }
    out->username = g_strdup(username);
    out->password = password;
    out->password_env = g_strdup(password_env);
    return OR_OK;
}

/* A password goes only through TLS (smtps:// or STARTTLS required), unless
 * [smtp] allow_insecure = true says a clear-text login is meant. */
static or_status
check_tls(const struct or_config *cfg, const struct or_mail_server *out, char *err, size_t errlen)
{
    const char *allow = cfg_get(cfg, "allow_insecure");
    int insecure = 0;
    if (allow != NULL && !or_config_bool(allow, &insecure)) {
        or_set_err(err, errlen, "config [smtp] allow_insecure = %s: expected true or false", allow);
        return OR_ERR_CONFIG;
    }
    if (out->password == NULL || insecure || or_mail_server_tls_required(out)) {
        return OR_OK;
    }
    or_set_err(err, errlen,
               "config [smtp]: the password of [smtp] username would be sent without TLS to a "
               "server that does not offer STARTTLS; use an smtps:// url or starttls = required "
               "(or set [smtp] allow_insecure = true to allow a clear-text login)");
    return OR_ERR_CONFIG;
}

or_status
or_mail_server_from_config(const struct or_config *cfg, struct or_mail_server *out, char *err,
                           size_t errlen)
{
    if (out == NULL) {
        or_set_err(err, errlen, "or_mail_server_from_config: no place for the settings");
        return OR_ERR_INVALID;
    }
    memset(out, 0, sizeof(*out));
    if (or_curl_global_init() != OR_OK) {
        or_set_err(err, errlen, "libcurl could not be initialised");
        return OR_ERR_NETWORK;
    }
    or_status st = read_addresses(cfg, out, err, errlen);
    if (st == OR_OK) {
        st = read_transport(cfg, out, err, errlen);
    }
    if (st == OR_OK) {
        st = read_login(cfg, out, err, errlen);
    }
    if (st == OR_OK) {
        st = check_tls(cfg, out, err, errlen);
    }
    if (st != OR_OK) {
        or_mail_server_release(out);
        return st;
    }
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

int
or_mail_server_tls_required(const struct or_mail_server *s)
{
    return s->require_tls || (s->url != NULL && has_scheme(s->url, "smtps://"));
}
