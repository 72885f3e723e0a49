/* SPDX-License-Identifier: MIT */
/*
 * Injectable faults (--fault SPEC, syntax in main.c). For each request the
 * faults are tried in command-line order. `latency` and `repeat` combine
 * with anything; the first other ("terminal") fault that fires decides the
 * response, and later terminal faults do not see the request at all (their
 * after/times counters do not move). A fault "sees" a request when path and
 * page match; `after` skips the first N seen, `times` caps how often it fires.
 */
#include "mockapi.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fault {
    enum fault_kind kind;
    char path[256]; /* "" = every path; no trailing slash */
    long page;      /* 0 = any (repeat: threshold) */
    long times;     /* -1 = unlimited */
    long after;
    long ms;
    long retry_after; /* -1 = no header value given */
    int retry_after_date;
    long arg;       /* hostile kinds: ms, mb or count; 0 = default */
    char field[64]; /* nul, bigint, page_count, wide */
    uint64_t seen;
    uint64_t fired;
};

struct faults {
    pthread_mutex_t mu;
    struct fault items[MOCK_MAX_FAULTS];
    size_t n;
    uint64_t fired;
};

static const char *const kind_names[] = {
    [FAULT_LATENCY] = "latency",
    [FAULT_429] = "429",
    [FAULT_500] = "500",
    [FAULT_502] = "502",
    [FAULT_503] = "503",
    [FAULT_MALFORMED] = "malformed",
    [FAULT_TRUNCATED] = "truncated",
    [FAULT_REPEAT] = "repeat",
    [FAULT_AUTH] = "auth",
    [FAULT_DROP] = "drop",
    [FAULT_ENDLESS] = "endless",
    [FAULT_HUGE_LENGTH] = "huge_length",
    [FAULT_GZIP_BOMB] = "gzip_bomb",
    [FAULT_TRICKLE] = "trickle",
    [FAULT_PAGE_COUNT] = "page_count",
    [FAULT_NUL] = "nul",
    [FAULT_BIGINT] = "bigint",
    [FAULT_WIDE] = "wide",
};

/* The key of a hostile kind's number, or NULL. */
static const char *
arg_key(enum fault_kind kind)
{
    switch (kind) {
    case FAULT_TRICKLE: return "ms";
    case FAULT_GZIP_BOMB: return "mb";
    case FAULT_PAGE_COUNT:
    case FAULT_WIDE: return "count";
    default: return NULL;
    }
}

struct faults *
faults_new(void)
{
    struct faults *f = calloc(1, sizeof *f);

    if (f == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&f->mu, NULL) != 0) {
        free(f);
        return NULL;
    }
    return f;
}

void
faults_free(struct faults *f)
{
    if (f == NULL) {
        return;
    }
    pthread_mutex_destroy(&f->mu);
    free(f);
}

/* Length of p without trailing slashes (but "/" stays "/"). */
static size_t
path_len(const char *p)
{
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/') {
        n--;
    }
    return n;
}

static int
set_key(struct fault *x, const char *key, const char *val, char *err, size_t errlen)
{
    long v;

    if (strcmp(key, "path") == 0) {
        size_t n = path_len(val);
        if (val[0] != '/' || n >= sizeof x->path) {
            snprintf(err, errlen, "path must start with / (got '%s')", val);
            return -1;
        }
        memcpy(x->path, val, n);
        x->path[n] = '\0';
        return 0;
    }
    if (strcmp(key, "field") == 0 && (x->kind == FAULT_NUL || x->kind == FAULT_BIGINT ||
                                      x->kind == FAULT_PAGE_COUNT || x->kind == FAULT_WIDE)) {
        if (val[0] == '\0' || strlen(val) >= sizeof x->field || strpbrk(val, "\"\\") != NULL) {
            snprintf(err, errlen, "field must be a plain JSON key (got '%s')", val);
            return -1;
        }
        snprintf(x->field, sizeof x->field, "%s", val);
        return 0;
    }
    long top = strcmp(key, "count") == 0 ? 1000000000000000L : 1000000000L;
    if (query_parse_long(val, 0, top, &v) != 0) {
        snprintf(err, errlen, "%s needs a non-negative integer (got '%s')", key, val);
        return -1;
    }
    if (strcmp(key, "page") == 0) {
        x->page = v; /* 0 = any page */
    }
    else if (strcmp(key, "times") == 0) {
        x->times = v;
    }
    else if (strcmp(key, "after") == 0) {
        x->after = v;
    }
    else if (strcmp(key, "ms") == 0 && x->kind == FAULT_LATENCY) {
        x->ms = v;
    }
    else if (strcmp(key, "retry_after") == 0 && x->kind == FAULT_429) {
        x->retry_after = v;
    }
    else if (strcmp(key, "retry_after_date") == 0 && x->kind == FAULT_429) {
        x->retry_after_date = v != 0;
    }
    else if (arg_key(x->kind) != NULL && strcmp(key, arg_key(x->kind)) == 0) {
        x->arg = v;
    }
    else {
        snprintf(err, errlen, "unknown or misplaced key '%s' for %s", key, kind_names[x->kind]);
        return -1;
    }
    return 0;
}

int
faults_add(struct faults *f, const char *spec, char *err, size_t errlen)
{
    char buf[512];
    struct fault x;
    char *save = buf;
    int kind = -1;

    if (f->n == MOCK_MAX_FAULTS) {
        snprintf(err, errlen, "at most %d faults", MOCK_MAX_FAULTS);
        return -1;
    }
    if (strlen(spec) >= sizeof buf) {
        snprintf(err, errlen, "fault spec too long");
        return -1;
    }
    snprintf(buf, sizeof buf, "%s", spec);
    memset(&x, 0, sizeof x);
    x.times = -1;
    x.retry_after = -1;
    x.ms = 1000;

    char *colon = strchr(save, ':');
    if (colon != NULL) {
        *colon = '\0';
    }
    for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++) {
        if (strcmp(save, kind_names[k]) == 0) {
            kind = (int)k;
        }
    }
    if (kind < 0) {
        snprintf(err, errlen, "unknown fault kind '%s'", save);
        return -1;
    }
    x.kind = (enum fault_kind)kind;
    while (colon != NULL) {
        char *item = colon + 1;
        colon = strchr(item, ':');
        if (colon != NULL) {
            *colon = '\0';
        }
        char *eq = strchr(item, '=');
        if (eq == NULL) {
            snprintf(err, errlen, "expected key=value, got '%s'", item);
            return -1;
        }
        *eq = '\0';
        if (set_key(&x, item, eq + 1, err, errlen) != 0) {
            return -1;
        }
    }
    f->items[f->n++] = x;
    return 0;
}

int
faults_need_page(const struct faults *f)
{
    for (size_t i = 0; i < f->n; i++) {
        if (f->items[i].page != 0) {
            return 1;
        }
    }
    return 0;
}

static void
add_label(struct fault_decision *out, enum fault_kind kind)
{
    size_t n = strlen(out->label);
    snprintf(out->label + n, sizeof out->label - n, "%s%s", n ? "," : "", kind_names[kind]);
}

static int
sees(const struct fault *x, const char *path, long page, int pageable)
{
    if (x->path[0] != '\0' && !query_path_equal(x->path, path)) {
        return 0;
    }
    if (x->kind == FAULT_REPEAT) {
        return pageable && page >= (x->page > 0 ? x->page : 1);
    }
    return x->page == 0 || page == x->page;
}

void
faults_decide(struct faults *f, const char *path, long page, int pageable,
              struct fault_decision *out)
{
    memset(out, 0, sizeof *out);
    out->retry_after = -1;
    pthread_mutex_lock(&f->mu);
    for (size_t i = 0; i < f->n; i++) {
        struct fault *x = &f->items[i];
        int terminal = x->kind != FAULT_LATENCY && x->kind != FAULT_REPEAT;
        if ((terminal && out->terminal) || !sees(x, path, page, pageable)) {
            continue;
        }
        x->seen++;
        if (x->seen <= (uint64_t)x->after || (x->times >= 0 && x->fired >= (uint64_t)x->times)) {
            continue;
        }
        x->fired++;
        f->fired++;
        add_label(out, x->kind);
        if (x->kind == FAULT_LATENCY) {
            out->latency_ms += x->ms;
        }
        else if (x->kind == FAULT_REPEAT) {
            if (!out->repeat) {
                out->repeat = 1;
                out->repeat_page = x->page > 0 ? x->page : 1;
            }
        }
        else {
            out->terminal = 1;
            out->kind = x->kind;
            out->retry_after = x->retry_after;
            out->retry_after_date = x->retry_after_date;
            out->arg = x->arg;
            snprintf(out->field, sizeof out->field, "%s", x->field);
        }
    }
    pthread_mutex_unlock(&f->mu);
}

uint64_t
faults_fired(struct faults *f)
{
    pthread_mutex_lock(&f->mu);
    uint64_t n = f->fired;
    pthread_mutex_unlock(&f->mu);
    return n;
}
