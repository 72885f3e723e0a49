/* SPDX-License-Identifier: MIT */
/* Posting chat notifications: see notify.h. */
#include "deliver/notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "base/log.h"
#include "base/redact.h"
#include "base/status_str.h"
#include "http/http.h"
#include "http/http_plain.h"

/* One webhook: which service, the [notify] keys naming its variables. */
struct target {
    const char *name;      /* "slack", "teams" */
    const char *key;       /* the roll-up's variable */
    const char *split_key; /* the prefix of a split's variable */
    json_t *(*payload)(const struct or_notice *n);
};

static const struct target targets[] = {
    {"slack", "slack_webhook_env", "slack_split_prefix", or_notify_slack_payload},
    {"teams", "teams_webhook_env", "teams_split_prefix", or_notify_teams_payload},
};

/* What the post learnt, from the HTTP client's callback. */
struct outcome {
    or_status st;
    char msg[OR_ERR_SIZE];
};

static int
on_done(void *ud, size_t index, or_status status, struct or_http_response *resp, const char *errmsg,
        int *free_body)
{
    (void)index;
    (void)resp;
    (void)free_body;
    struct outcome *o = ud;
    o->st = status;
    snprintf(o->msg, sizeof(o->msg), "%s", errmsg != NULL ? errmsg : "");
    return 0;
}

/* Split @p url into "scheme://host[:port]" and the rest; checks the scheme. */
static or_status
split_url(const char *url, const char *var, char **base, char **rest, char *err, size_t errlen)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL, *query = NULL;
    or_status st = OR_OK;
    if (u == NULL || curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
        curl_url_get(u, CURLUPART_PATH, &path, 0) != CURLUE_OK) {
        or_set_err(err, errlen, "$%s is not a URL", var);
        st = OR_ERR_CONFIG;
        goto out;
    }
    curl_url_get(u, CURLUPART_PORT, &port, 0);
    curl_url_get(u, CURLUPART_QUERY, &query, 0);
    if (strcmp(scheme, "https") != 0 &&
        !(strcmp(scheme, "http") == 0 && or_http_host_is_loopback(host))) {
        or_set_err(err, errlen, "$%s: a webhook URL is a secret and goes only over https://", var);
        st = OR_ERR_CONFIG;
        goto out;
    }
    *base = port != NULL ? g_strdup_printf("%s://%s:%s", scheme, host, port)
                         : g_strdup_printf("%s://%s", scheme, host);
    *rest = query != NULL ? g_strdup_printf("%s?%s", path, query) : g_strdup(path);
    or_redact_add(*rest);

out:
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_free(query);
    curl_url_cleanup(u);
    return st;
}

static or_status
post(const struct or_config *cfg, const char *var, const char *url, const char *body, char *err,
     size_t errlen)
{
    long retries = 3, timeout_s = 30;
    int set = 0;
    or_status st = or_config_long(cfg, "notify", "retries", 0, 10, &retries, &set, err, errlen);
    if (st == OR_OK) {
        st = or_config_long(cfg, "notify", "timeout_s", 1, 600, &timeout_s, &set, err, errlen);
    }
    char *base = NULL, *rest = NULL;
    if (st == OR_OK) {
        st = split_url(url, var, &base, &rest, err, errlen);
    }
    if (st != OR_OK) {
        return st;
    }
    struct or_http_options opts = {.max_retries = (int)retries,
                                   .timeout_ms = timeout_s * 1000,
                                   .backoff_base_ms = 200,
                                   .max_parallel = 1};
    struct or_http *http = NULL;
    char label[128];
    snprintf(label, sizeof(label), "webhook in $%s", var);
    struct or_http_request req = {.method = "POST",
                                  .base_url = base,
                                  .path_query = rest,
                                  .body = body,
                                  .body_len = strlen(body),
                                  .content_type = "application/json",
                                  .label = label};
    struct outcome o = {.st = OR_ERR_NETWORK};
    st = or_http_new(&opts, &http, err, errlen);
    if (st == OR_OK) {
        st = or_http_perform(http, &req, 1, on_done, &o, err, errlen);
    }
    if (st == OR_OK && o.st != OR_OK) {
        or_set_err(err, errlen, "%s", o.msg);
        st = o.st;
    }
    or_http_free(http);
    g_free(base);
    g_free(rest);
    return st;
}

static json_t *
record(const char *target, const char *status, const char *error, const char *split)
{
    json_t *r = json_pack("{s:s, s:s}", "target", target, "status", status);
    json_object_set_new(r, "error", error != NULL ? json_string(error) : json_null());
    json_object_set_new(r, "split", split != NULL ? json_string(split) : json_null());
    return r;
}

/* The variable holding @p t's URL for @p n: the roll-up's, or the split's
 * own (prefix + SLUG); NULL when none is configured.  Owned. */
static char *
variable(const struct or_config *cfg, const struct target *t, const struct or_notice *n)
{
    if (n->split == NULL) {
        const char *var = or_config_get(cfg, "notify", t->key);
        return var != NULL && var[0] != '\0' ? g_strdup(var) : NULL;
    }
    const char *prefix = or_config_get(cfg, "notify", t->split_key);
    if (prefix == NULL || prefix[0] == '\0' || n->split_slug == NULL) {
        return NULL;
    }
    char *var = g_strconcat(prefix, n->split_slug, NULL);
    for (char *p = var + strlen(prefix); *p != '\0'; p++) {
        *p = *p == '-' ? '_' : g_ascii_toupper(*p);
    }
    return var;
}

/* Post to one target; the record of it. */
static json_t *
notify_one(const struct or_config *cfg, const struct target *t, const char *var,
           const struct or_notice *n, int dry_run)
{
    const char *url = getenv(var);
    if (url == NULL || url[0] == '\0') {
        if (n->split != NULL) {
            return NULL; /* this person has no channel of their own */
        }
        or_log(OR_LOG_WARN, "[notify] %s: $%s is not set: no %s message", t->key, var, t->name);
        return record(t->name, "skipped", "variable not set", NULL);
    }
    or_redact_add(url);
    if (dry_run) {
        fprintf(stderr, "would post to %s (the webhook in $%s)\n", t->name, var);
        return record(t->name, "dry-run", NULL, n->split);
    }
    json_t *payload = t->payload(n);
    char *body = json_dumps(payload, JSON_COMPACT);
    char err[OR_ERR_SIZE] = "";
    or_status st = post(cfg, var, url, body, err, sizeof(err));
    if (st == OR_OK) {
        or_log(OR_LOG_INFO, "posted the report to %s ($%s)", t->name, var);
    }
    else {
        or_log(OR_LOG_WARN, "%s notification not sent (the report is): %s", t->name, err);
    }
    free(body);
    json_decref(payload);
    return record(t->name, st == OR_OK ? "sent" : "failed", st == OR_OK ? NULL : err, n->split);
}

void
or_notify(const struct or_config *cfg, const struct or_notice *n, int dry_run, json_t *records)
{
    for (size_t i = 0; i < G_N_ELEMENTS(targets); i++) {
        char *var = variable(cfg, &targets[i], n);
        json_t *r = var != NULL ? notify_one(cfg, &targets[i], var, n, dry_run) : NULL;
        if (r != NULL) {
            json_array_append_new(records, r);
        }
        g_free(var);
    }
}
