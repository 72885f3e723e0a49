/* SPDX-License-Identifier: MIT */
/*
 * Request counters for GET /__stats and the --log file: one line per API
 * request, "METHOD PATH QUERY STATUS[ fault=KINDS]", where QUERY is the
 * decoded query re-encoded (or "-"), values of parameters whose name
 * contains key/token/secret/password/auth are replaced by "***", and STATUS
 * is 0 for a dropped connection. Headers (where the credentials travel) are
 * never logged.
 */
#include "mockapi.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STATS_PATHS 64

struct path_count {
    char path[128];
    uint64_t n;
};

struct stats {
    pthread_mutex_t mu;
    uint64_t requests;
    struct path_count paths[STATS_PATHS];
    size_t npaths;
    uint64_t other; /* distinct paths beyond STATS_PATHS */
    FILE *log;
};

struct stats *
stats_new(const char *log_path)
{
    struct stats *s = calloc(1, sizeof *s);

    if (s == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&s->mu, NULL) != 0) {
        free(s);
        return NULL;
    }
    if (log_path != NULL) {
        s->log = fopen(log_path, "a");
        if (s->log == NULL) {
            perror(log_path);
            stats_free(s);
            return NULL;
        }
        setvbuf(s->log, NULL, _IOLBF, 0);
    }
    return s;
}

void
stats_free(struct stats *s)
{
    if (s == NULL) {
        return;
    }
    if (s->log != NULL) {
        fclose(s->log);
    }
    pthread_mutex_destroy(&s->mu);
    free(s);
}

static int
secret_name(const char *key)
{
    static const char *const words[] = {"key", "token", "secret", "password", "auth"};
    size_t n = strlen(key);

    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t m = strlen(words[w]);
        for (size_t i = 0; i + m <= n; i++) {
            if (strncasecmp(key + i, words[w], m) == 0) {
                return 1;
            }
        }
    }
    return 0;
}

/* Append s percent-encoded (keeping A-Za-z0-9 -._~[],) to buf at *len. */
static void
append_enc(char *buf, size_t cap, size_t *len, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";

    for (; *s && *len + 4 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (isalnum(c) || strchr("-._~[],", c) != NULL) {
            buf[(*len)++] = (char)c;
        }
        else {
            buf[(*len)++] = '%';
            buf[(*len)++] = hex[c >> 4];
            buf[(*len)++] = hex[c & 15];
        }
    }
    buf[*len] = '\0';
}

static void
query_text(const struct mock_request *req, char *buf, size_t cap)
{
    size_t len = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < req->nparams; i++) {
        const struct mock_param *p = &req->params[i];
        if (i > 0 && len + 1 < cap) {
            buf[len++] = '&';
        }
        append_enc(buf, cap, &len, p->key);
        if (p->value != NULL) {
            if (len + 1 < cap) {
                buf[len++] = '=';
            }
            append_enc(buf, cap, &len, secret_name(p->key) ? "***" : p->value);
        }
    }
    if (len == 0) {
        snprintf(buf, cap, "-");
    }
}

/* Raw request paths may hold any byte: keep the JSON and the log valid. */
static void
clean_path(const char *path, char *out, size_t n)
{
    snprintf(out, n, "%s", path);
    for (; *out; out++) {
        unsigned char c = (unsigned char)*out;
        if (c <= 0x20 || c >= 0x7f) {
            *out = '?';
        }
    }
}

void
stats_record(struct stats *s, const struct mock_request *req, int status, const char *fault_label)
{
    char q[2048];
    char path[128];
    size_t i;

    clean_path(req->path, path, sizeof path);
    if (s->log != NULL) {
        query_text(req, q, sizeof q);
    }
    pthread_mutex_lock(&s->mu);
    s->requests++;
    for (i = 0; i < s->npaths; i++) {
        if (strcmp(s->paths[i].path, path) == 0) {
            break;
        }
    }
    if (i == s->npaths && s->npaths < STATS_PATHS) {
        memcpy(s->paths[i].path, path, sizeof path);
        s->npaths++;
    }
    if (i < s->npaths) {
        s->paths[i].n++;
    }
    else {
        s->other++;
    }
    if (s->log != NULL) {
        fprintf(s->log, "%s %s %s %d%s%s\n", req->method, path, q, status,
                fault_label[0] ? " fault=" : "", fault_label);
    }
    pthread_mutex_unlock(&s->mu);
}

int
stats_json(struct stats *s, struct faults *f, struct mock_response *out)
{
    struct jsonw w;
    uint64_t fired = faults_fired(f);

    jsonw_init(&w, 1024);
    pthread_mutex_lock(&s->mu);
    jsonw_begin_object(&w, NULL);
    jsonw_int(&w, "requests", (int64_t)s->requests);
    jsonw_begin_object(&w, "by_path");
    for (size_t i = 0; i < s->npaths; i++) {
        jsonw_int(&w, s->paths[i].path, (int64_t)s->paths[i].n);
    }
    if (s->other > 0) {
        jsonw_int(&w, "(other)", (int64_t)s->other);
    }
    jsonw_end_object(&w);
    jsonw_int(&w, "faults_fired", (int64_t)fired);
    jsonw_end_object(&w);
    pthread_mutex_unlock(&s->mu);
    return response_take(out, 200, &w);
}
