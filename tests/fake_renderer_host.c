/* SPDX-License-Identifier: MIT */
/*
 * The fake host of the renderer plugin tests; see fake_renderer_host.h.
 */
#include "fake_renderer_host.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/catalog.h"
#include "base/cellfmt.h"
#include "base/valuefmt.h"
#include "plugin/host_tmp.h"
#include "proc.h"

static void
fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
{
    struct fake_renderer_state *st = h->host_data;
    char line[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (level == OR_LOG_WARN && st != NULL) {
        st->warnings++;
        snprintf(st->last_warning, sizeof(st->last_warning), "%s", line);
    }
    fprintf(stderr, "[fake host, level %d] %s\n", (int)level, line);
}

static or_status
fake_config_get(const struct or_host *h, const char *key, const char **value)
{
    (void)h;
    (void)key;
    *value = NULL;
    return OR_OK;
}

static or_status
fake_secret_get(const struct or_host *h, const char *env_key, const char *default_env,
                const char **value, char *err, size_t errlen)
{
    (void)h, (void)env_key, (void)default_env, (void)value;
    snprintf(err, errlen, "no secrets in this test");
    return OR_ERR_CONFIG;
}

static or_status
fake_req_set(struct or_request *r, const char *method, const char *path)
{
    (void)r;
    (void)method;
    (void)path;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_req_query(struct or_request *r, const char *key, const char *value)
{
    (void)r;
    (void)key;
    (void)value;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_req_header(struct or_request *r, const char *name, const char *value, int secret)
{
    (void)r;
    (void)name;
    (void)value;
    (void)secret;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_req_body(struct or_request *r, const char *body, size_t len, const char *content_type)
{
    (void)r;
    (void)body;
    (void)len;
    (void)content_type;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_row_begin(struct or_rows *rows)
{
    (void)rows;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    (void)rows, (void)col, (void)s, (void)len;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_set_int(struct or_rows *rows, size_t col, int64_t v)
{
    (void)rows, (void)col, (void)v;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_set_real(struct or_rows *rows, size_t col, double v)
{
    (void)rows, (void)col, (void)v;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_set_time(struct or_rows *rows, size_t col, int64_t t)
{
    (void)rows, (void)col, (void)t;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_row_end(struct or_rows *rows)
{
    (void)rows;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_rows_column(struct or_rows *rows, const char *name, enum or_type type, size_t *col)
{
    (void)rows, (void)name, (void)type, (void)col;
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
{
    (void)h;
    (void)s;
    (void)out;
    return OR_ERR_UNSUPPORTED;
}

/* Broken-down time of @p t in the fixed report zone; -1 if out of range. */
static int
zone_tm(int64_t t, struct tm *tm)
{
    time_t local = (time_t)(t + FAKE_RENDERER_ZONE_OFFSET);
    memset(tm, 0, sizeof(*tm));
    return gmtime_r(&local, tm) != NULL ? 0 : -1;
}

static or_status
fake_format_time(const struct or_host *h, int64_t t, char *buf, size_t n)
{
    const struct fake_renderer_state *st = h->host_data;
    struct tm tm;

    if (st != NULL && st->fail_time) {
        return OR_ERR_INVALID;
    }
    if (zone_tm(t, &tm) != 0) {
        return OR_ERR_INVALID;
    }
    return strftime(buf, n, "%Y-%m-%dT%H:%M:%S+01:00", &tm) > 0 ? OR_OK : OR_ERR_INVALID;
}

static void
fake_local_time(const struct or_host *h, int64_t t, int parts[6], int32_t *utc_offset)
{
    struct tm tm;

    (void)h;
    zone_tm(t, &tm);
    parts[0] = tm.tm_year + 1900;
    parts[1] = tm.tm_mon + 1;
    parts[2] = tm.tm_mday;
    parts[3] = tm.tm_hour;
    parts[4] = tm.tm_min;
    parts[5] = tm.tm_sec;
    *utc_offset = FAKE_RENDERER_ZONE_OFFSET;
}

static or_status
fake_cursor_next(const struct or_host *h, struct or_cursor *c, struct or_value *row, int *has_row,
                 char *err, size_t errlen)
{
    size_t end = c->generate > 0 ? c->generate : c->nrows;

    (void)h;
    *has_row = 0;
    if (c->fail_at >= 0 && c->pos == (size_t)c->fail_at) {
        c->fail_at = -1;
        c->pos = end;
        snprintf(err, errlen, "injected cursor failure");
        return OR_ERR_DATASET;
    }
    if (c->pos >= end) {
        return OR_OK;
    }
    if (c->generate > 0) {
        c->gen(c, row);
    }
    else {
        memcpy(row, c->rows + c->pos * c->ncols, c->ncols * sizeof(*row));
    }
    c->pos++;
    *has_row = 1;
    return OR_OK;
}

static or_status
fake_cursor_rewind(const struct or_host *h, struct or_cursor *c, char *err, size_t errlen)
{
    (void)h;
    if (c->fail_rewind) {
        snprintf(err, errlen, "injected rewind failure");
        return OR_ERR_DATASET;
    }
    c->pos = 0;
    c->rewinds++;
    return OR_OK;
}

/* The core's formatter, in the fixed report zone, as the real host serves it. */
static or_status
fake_format_value(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                  int decimals, char *buf, size_t n)
{
    (void)h;
    GTimeZone *tz = g_time_zone_new_offset(FAKE_RENDERER_ZONE_OFFSET);
    or_status st = or_value_text(v, fmt, decimals, tz, buf, n);
    g_time_zone_unref(tz);
    return st;
}

static or_status
fake_format_change(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n,
                   int *direction)
{
    (void)h;
    or_kpi_change(k, buf, n, direction);
    return OR_OK;
}

static or_status
fake_format_cell(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                 unsigned flags, struct or_display *out)
{
    (void)h;
    GTimeZone *tz = g_time_zone_new_offset(FAKE_RENDERER_ZONE_OFFSET);
    struct or_cellfmt c = {tz, FAKE_RENDERER_CURRENCY, flags, NULL};
    or_status st = or_value_cell(v, fmt, &c, out);
    g_time_zone_unref(tz);
    return st;
}

/* The built-in texts in English, from the checked-in catalogue. */
static or_status
fake_text(const struct or_host *h, const char *id, const char *const *args, size_t nargs, char *buf,
          size_t n)
{
    (void)h;
    return or_catalog_text(NULL, id, args, nargs, buf, n);
}

static or_status
fake_format_kpi(const struct or_host *h, const struct or_kpi *k, enum or_kpi_part part,
                unsigned flags, struct or_display *out, int *direction)
{
    (void)h;
    GTimeZone *tz = g_time_zone_new_offset(FAKE_RENDERER_ZONE_OFFSET);
    struct or_cellfmt c = {tz, FAKE_RENDERER_CURRENCY, flags, NULL};
    or_status st = or_kpi_cell(k, part, &c, out, direction);
    g_time_zone_unref(tz);
    return st;
}

void
fake_renderer_host_init(struct or_host *host, struct fake_renderer_state *state)
{
    *host = (struct or_host){
        .abi_major = OR_ABI_MAJOR,
        .abi_minor = OR_ABI_MINOR,
        .size = sizeof(struct or_host),
        .log = fake_log,
        .config_get = fake_config_get,
        .secret_get = fake_secret_get,
        .req_set = fake_req_set,
        .req_query = fake_req_query,
        .req_header = fake_req_header,
        .req_body = fake_req_body,
        .row_begin = fake_row_begin,
        .set_text = fake_set_text,
        .set_int = fake_set_int,
        .set_real = fake_set_real,
        .set_time = fake_set_time,
        .row_end = fake_row_end,
        .rows_column = fake_rows_column,
        .parse_iso8601 = fake_parse_iso8601,
        .format_time = fake_format_time,
        .local_time = fake_local_time,
        .cursor_next = fake_cursor_next,
        .cursor_rewind = fake_cursor_rewind,
        .host_data = state,
        .format_value = fake_format_value,
        .format_change = fake_format_change,
        .format_cell = fake_format_cell,
        .format_kpi = fake_format_kpi,
        .text = fake_text,
    };
    or_host_bind_tmp(host);
}

void
fake_renderer_state_reset(struct fake_renderer_state *state)
{
    memset(state, 0, sizeof(*state));
}

void
fake_renderer_result(struct or_cursor *c, struct or_result *r, const struct or_result_column *cols,
                     size_t ncols, const struct or_value *rows, size_t nrows)
{
    *c = (struct or_cursor){.rows = rows, .ncols = ncols, .nrows = nrows, .fail_at = -1};
    *r = (struct or_result){
        .ncols = ncols, .cols = fake_cols(cols, ncols), .nrows = (int64_t)nrows, .cursor = c};
}

const struct or_section *const *
fake_sections(const struct or_section *a, size_t n)
{
    return (const struct or_section *const *)test_pointer_list(a, sizeof(*a), n);
}

const struct or_kpi *const *
fake_kpis(const struct or_kpi *a, size_t n)
{
    return (const struct or_kpi *const *)test_pointer_list(a, sizeof(*a), n);
}

const struct or_source_status *const *
fake_sources(const struct or_source_status *a, size_t n)
{
    return (const struct or_source_status *const *)test_pointer_list(a, sizeof(*a), n);
}

const struct or_result_column *const *
fake_cols(const struct or_result_column *a, size_t n)
{
    return (const struct or_result_column *const *)test_pointer_list(a, sizeof(*a), n);
}

int
fake_renderer_suite_setup(void **state, struct fake_renderer_suite *s, const char *name,
                          struct or_host *host, struct fake_renderer_state *hs)
{
    const char *plugins = getenv("OUTREPORT_PLUGIN_PATH");
    char so[1024];

    fake_renderer_host_init(host, hs);
    s->host = host;
    s->state = hs;
    s->ext = name;
    if (plugins == NULL) {
        fprintf(stderr, "OUTREPORT_PLUGIN_PATH is not set\n");
        return -1;
    }
    snprintf(so, sizeof(so), "%s/renderer_%s.so", plugins, name);
    s->dl = dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE); /* as the host does */
    if (s->dl == NULL) {
        fprintf(stderr, "dlopen %s: %s\n", so, dlerror());
        return -1;
    }
    or_plugin_entry_fn *entry = (or_plugin_entry_fn *)dlsym(s->dl, OR_PLUGIN_ENTRY_NAME);
    if (entry == NULL) {
        fprintf(stderr, "dlsym %s: %s\n", OR_PLUGIN_ENTRY_NAME, dlerror());
        return -1;
    }
    s->plugin = entry();
    s->dir = test_tmpdir();
    if (s->dir == NULL) {
        perror("mkdtemp");
        return -1;
    }
    *state = s;
    return 0;
}

int
fake_renderer_suite_teardown(void **state)
{
    struct fake_renderer_suite *s = *state;

    test_pointer_lists_free();
    test_rmtree(s->dir);
    free(s->dir);
    s->dir = NULL;
    dlclose(s->dl);
    s->dl = NULL;
    return 0;
}

int
fake_renderer_test_setup(void **state)
{
    struct fake_renderer_suite *s = *state;

    fake_renderer_state_reset(s->state);
    test_pointer_lists_free();
    s->err[0] = '\0';
    s->path[0] = '\0';
    return 0;
}

or_status
fake_renderer_render(struct fake_renderer_suite *s, const struct or_report *report,
                     const char *name, const struct or_option *opts, size_t nopts)
{
    snprintf(s->path, sizeof(s->path), "%s/%s.%s", s->dir, name, s->ext);
    unlink(s->path);
    s->err[0] = '\0';
    const struct or_option *const *optp =
        (const struct or_option *const *)test_pointer_list(opts, sizeof(*opts), nopts);
    return s->plugin->renderer->render(s->host, report, s->path, optp, nopts, s->err,
                                       sizeof(s->err));
}
