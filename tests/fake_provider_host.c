/* SPDX-License-Identifier: MIT */
/*
 * The fake host of the provider tests; see fake_provider_host.h.
 */
#include <dlfcn.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "fake_provider_host.h"
#include "proc.h"

struct fake_host_state fake;
void *plugin_handle;
const struct or_plugin *plugin;
uint64_t checked;

/* The provider whose fixtures fixture() reads. */
static char fixture_provider[64];

static char *
dup_bytes(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    assert_non_null(p);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

/* ------------------------------------------------------------------------- */
/* Host services                                                              */
/* ------------------------------------------------------------------------- */

__attribute__((format(printf, 3, 4))) static void
fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
{
    (void)h;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    fake.nlog++;
    if (level == OR_LOG_WARN) {
        fake.nwarn++;
        snprintf(fake.last_warn, sizeof(fake.last_warn), "%s", line);
    }
}

const struct or_param_value *const *
fake_params(const struct or_param_value *p, size_t n)
{
    return (const struct or_param_value *const *)test_pointer_list(p, sizeof(*p), n);
}

void
fake_set_config(const char *key, const char *value)
{
    for (size_t i = 0; i < fake.nconfig; i++) {
        if (strcmp(fake.config_key[i], key) == 0) {
            fake.config_value[i] = value;
            return;
        }
    }
    assert_true(fake.nconfig < FAKE_MAX_CONFIG);
    fake.config_key[fake.nconfig] = key;
    fake.config_value[fake.nconfig] = value;
    fake.nconfig++;
}

/* The plugin's declaration of config key @p key, or NULL. */
static const struct or_config_key *
declared_key(const char *key)
{
    for (size_t i = 0; i < plugin->nconfig_keys; i++) {
        if (strcmp(plugin->config_keys[i]->name, key) == 0) {
            return plugin->config_keys[i];
        }
    }
    return NULL;
}

/* Like the real host: the configured value, else the declared default; a
 * key the plugin did not declare (base_url is the host's) fails the test. */
static or_status
fake_config_get(const struct or_host *h, const char *key, const char **value)
{
    (void)h;
    *value = NULL;
    for (size_t i = 0; i < fake.nconfig; i++) {
        if (strcmp(fake.config_key[i], key) == 0) {
            *value = fake.config_value[i];
        }
    }
    if (strcmp(key, "base_url") == 0) {
        return OR_OK;
    }
    const struct or_config_key *k = declared_key(key);
    if (k == NULL) {
        fail_msg("%s reads config key %s, which it does not declare", plugin->name, key);
        return OR_ERR_INVALID;
    }
    if (*value == NULL || (*value)[0] == '\0') {
        *value = k->default_value;
    }
    return OR_OK;
}

/* Like the real host: config key @p env_key names the variable, else @p default_env. */
static or_status
fake_secret_get(const struct or_host *h, const char *env_key, const char *default_env,
                const char **value, char *err, size_t errlen)
{
    fake.nsecret++;
    snprintf(fake.secret_key_name, sizeof(fake.secret_key_name), "%s", env_key);
    const char *var = NULL;
    if (fake_config_get(h, env_key, &var) != OR_OK) {
        return OR_ERR_INVALID;
    }
    if (var == NULL || var[0] == '\0') {
        var = default_env;
    }
    const char *v = var != NULL ? getenv(var) : NULL;
    if (v == NULL || v[0] == '\0') {
        snprintf(err, errlen, "%s: environment variable %s is not set",
                 plugin != NULL ? plugin->name : "plugin", var != NULL ? var : "(none named)");
        return OR_ERR_CONFIG;
    }
    *value = v;
    return OR_OK;
}

static or_status
fake_req_set(struct or_request *r, const char *method, const char *path)
{
    r->nset++;
    snprintf(r->method, sizeof(r->method), "%s", method);
    snprintf(r->path, sizeof(r->path), "%s", path);
    return OR_OK;
}

static or_status
fake_req_query(struct or_request *r, const char *key, const char *value)
{
    if (r->nquery == FAKE_MAX_PAIRS) {
        return OR_ERR_NOMEM;
    }
    r->qkey[r->nquery] = dup_bytes(key, strlen(key));
    r->qval[r->nquery] = dup_bytes(value, strlen(value));
    r->nquery++;
    return OR_OK;
}

static or_status
fake_req_header(struct or_request *r, const char *name, const char *value, int secret)
{
    if (r->nheader == FAKE_MAX_HEADERS) {
        return OR_ERR_NOMEM;
    }
    r->hname[r->nheader] = dup_bytes(name, strlen(name));
    r->hval[r->nheader] = dup_bytes(value, strlen(value));
    r->hsecret[r->nheader] = secret;
    r->nheader++;
    return OR_OK;
}

static or_status
fake_req_body(struct or_request *r, const char *body, size_t len, const char *content_type)
{
    if (fake.forbid_body) {
        fail_msg("a GET request got a body");
        return OR_ERR_INVALID;
    }
    free(r->body);
    r->body = dup_bytes(body, len);
    r->body_len = len;
    snprintf(r->content_type, sizeof(r->content_type), "%s",
             content_type != NULL ? content_type : "");
    return OR_OK;
}

static void
misuse(struct or_rows *rows, const char *what)
{
    if (rows->misuse == 0) {
        snprintf(rows->misuse_what, sizeof(rows->misuse_what), "%s", what);
    }
    rows->misuse++;
}

static or_status
fake_row_begin(struct or_rows *rows)
{
    if (rows->open) {
        misuse(rows, "row_begin inside a row");
    }
    if (rows->nrows == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 8;
        struct fake_cell *p = realloc(rows->cells, cap * FAKE_MAX_COLS * sizeof(*p));
        if (p == NULL) {
            return OR_ERR_NOMEM;
        }
        rows->cells = p;
        rows->cap = cap;
    }
    memset(&rows->cells[rows->nrows * FAKE_MAX_COLS], 0, FAKE_MAX_COLS * sizeof(struct fake_cell));
    rows->nrows++;
    rows->open = 1;
    return OR_OK;
}

/* The cell a setter writes, or NULL (and a recorded misuse) if it may not.
 * The fake keeps no sticky failure: the tests fail on any misuse. */
static struct fake_cell *
target(struct or_rows *rows, size_t col, enum or_type t1, enum or_type t2)
{
    if (!rows->open) {
        misuse(rows, "setter outside a row");
        return NULL;
    }
    if (col >= rows->ncols) {
        misuse(rows, "column index out of range");
        return NULL;
    }
    enum or_type type = rows->types[col];
    if (type != t1 && type != t2) {
        char what[256];
        snprintf(what, sizeof(what), "setter of the wrong type for column %s", rows->names[col]);
        misuse(rows, what);
        return NULL;
    }
    struct fake_cell *c = &rows->cells[(rows->nrows - 1) * FAKE_MAX_COLS + col];
    if (c->set) {
        char what[256];
        snprintf(what, sizeof(what), "column %s set twice in one row", rows->names[col]);
        misuse(rows, what);
    }
    return c;
}

static or_status
fake_set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    struct fake_cell *c = target(rows, col, OR_TYPE_TEXT, OR_TYPE_TEXT);
    if (c == NULL) {
        return OR_ERR_INVALID;
    }
    if (s == NULL || len == 0) {
        return OR_OK; /* "" is NULL, as in the real host */
    }
    free(c->s);
    c->s = dup_bytes(s, len);
    c->len = len;
    c->set = 1;
    return OR_OK;
}

static or_status
fake_set_int(struct or_rows *rows, size_t col, int64_t v)
{
    struct fake_cell *c = target(rows, col, OR_TYPE_INT, OR_TYPE_BOOL);
    if (c == NULL) {
        return OR_ERR_INVALID;
    }
    if (rows->types[col] == OR_TYPE_BOOL && v != 0 && v != 1) {
        misuse(rows, "bool not 0 or 1");
    }
    c->i = v;
    c->set = 1;
    return OR_OK;
}

static or_status
fake_set_real(struct or_rows *rows, size_t col, double v)
{
    struct fake_cell *c = target(rows, col, OR_TYPE_REAL, OR_TYPE_REAL);
    if (c == NULL) {
        return OR_ERR_INVALID;
    }
    c->r = v;
    c->set = 1;
    return OR_OK;
}

static or_status
fake_set_time(struct or_rows *rows, size_t col, int64_t t)
{
    struct fake_cell *c = target(rows, col, OR_TYPE_TIME, OR_TYPE_TIME);
    if (c == NULL) {
        return OR_ERR_INVALID;
    }
    c->i = t;
    c->set = 1;
    return OR_OK;
}

static or_status
fake_row_end(struct or_rows *rows)
{
    if (!rows->open) {
        misuse(rows, "row_end outside a row");
        return OR_ERR_INVALID;
    }
    rows->open = 0;
    return OR_OK;
}

/* [a-z0-9] words joined by single underscores, at most 128 bytes. */
static int
is_snake_case(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 128 || s[0] == '_' || s[n - 1] == '_') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        if (!ok || (ch == '_' && s[i + 1] == '_')) {
            return 0;
        }
    }
    return 1;
}

/* Like the real host: an existing column is returned whatever its type. */
static or_status
fake_rows_column(struct or_rows *rows, const char *name, enum or_type type, size_t *col)
{
    if (!rows->ep->dynamic_columns) {
        misuse(rows, "rows_column on a fixed schema");
        return OR_ERR_INVALID;
    }
    if (name == NULL || !is_snake_case(name)) {
        misuse(rows, "rows_column with a name that is not snake_case");
        return OR_ERR_INVALID;
    }
    for (size_t i = 0; i < rows->ncols; i++) {
        if (strcmp(rows->names[i], name) == 0) {
            *col = i;
            return OR_OK;
        }
    }
    if (rows->ncols == FAKE_MAX_COLS) {
        return OR_ERR_NOMEM;
    }
    rows->names[rows->ncols] = dup_bytes(name, strlen(name));
    rows->types[rows->ncols] = type;
    rows->nadded++;
    *col = rows->ncols++;
    return OR_OK;
}

/* GDate day 719163 is 1970-01-01; the tests' dates lie in its years 1..65535. */
int64_t
days_from_civil(int64_t y, int m, int d)
{
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, 1, (GDateMonth)m, (GDateYear)y);
    return (int64_t)g_date_get_julian(&date) - 719163 + d - 1;
}

void
civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_julian(&date, (guint32)(z + 719163));
    *y = g_date_get_year(&date);
    *m = g_date_get_month(&date);
    *d = g_date_get_day(&date);
}

int
digits(const char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9') {
            return 0;
        }
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

/*
 * YYYY-MM-DD[THH:MM:SS[.f+](Z|+HH:MM|-HH:MM)]; a date alone is midnight in
 * the "report zone" (UTC + fake.zone_offset).
 */
static or_status
fake_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
{
    (void)h;
    if (fake.forbid_time_parse) {
        fail_msg("%s has no time columns but parsed a time",
                 plugin != NULL ? plugin->name : "the plugin");
        return OR_ERR_PARSE;
    }
    int y = 0;
    int mo = 0;
    int d = 0;
    int hh = 0;
    int mi = 0;
    int ss = 0;
    if (strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
        s[7] != '-' || !digits(s + 8, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
        return OR_ERR_PARSE;
    }
    const char *p = s + 10;
    int64_t off = fake.zone_offset;
    if (*p == 'T') {
        if (strlen(p) < 9 || !digits(p + 1, 2, &hh) || p[3] != ':' || !digits(p + 4, 2, &mi) ||
            p[6] != ':' || !digits(p + 7, 2, &ss)) {
            return OR_ERR_PARSE;
        }
        p += 9;
        if (*p == '.') {
            p++;
            while (*p >= '0' && *p <= '9') {
                p++;
            }
        }
        if (*p == 'Z') {
            off = 0;
            p++;
        }
        else if (*p == '+' || *p == '-') {
            int oh = 0;
            int om = 0;
            if (strlen(p) < 6 || !digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om)) {
                return OR_ERR_PARSE;
            }
            off = (*p == '-' ? -1 : 1) * (int64_t)(oh * 3600 + om * 60);
            p += 6;
        }
        else {
            return OR_ERR_PARSE;
        }
    }
    if (*p != '\0') {
        return OR_ERR_PARSE;
    }
    *out = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss - off;
    return OR_OK;
}

static or_status
fake_format_time(const struct or_host *h, int64_t t, char *buf, size_t n)
{
    (void)h;
    int len = snprintf(buf, n, "@%lld", (long long)t);
    return len > 0 && (size_t)len < n ? OR_OK : OR_ERR_INVALID;
}

static void
fake_local_time(const struct or_host *h, int64_t t, int parts[6], int32_t *utc_offset)
{
    (void)h;
    (void)t;
    memset(parts, 0, 6 * sizeof(int));
    *utc_offset = 0;
}

static or_status
fake_cursor_next(const struct or_host *h, struct or_cursor *c, struct or_value *row, int *has_row,
                 char *err, size_t errlen)
{
    (void)h, (void)c, (void)row;
    *has_row = 0;
    snprintf(err, errlen, "providers have no cursors");
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_cursor_rewind(const struct or_host *h, struct or_cursor *c, char *err, size_t errlen)
{
    (void)h, (void)c;
    snprintf(err, errlen, "providers have no cursors");
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_format_value(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                  int decimals, char *buf, size_t n)
{
    (void)h, (void)v, (void)fmt, (void)decimals, (void)buf, (void)n;
    fail_msg("a provider formatted a value for people");
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_format_change(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n,
                   int *direction)
{
    (void)h, (void)k, (void)buf, (void)n, (void)direction;
    fail_msg("a provider formatted a KPI change");
    return OR_ERR_UNSUPPORTED;
}

static or_status
fake_count_repaired(const struct or_host *h, enum or_repair what, long n)
{
    (void)h;
    assert_true((unsigned)what < OR_REPAIR_COUNT);
    assert_true(n > 0);
    fake.repaired[what] += n;
    return OR_OK;
}

const struct or_host fake_host = {
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
    .format_value = fake_format_value,
    .format_change = fake_format_change,
    .count_repaired = fake_count_repaired,
};

/* ------------------------------------------------------------------------- */
/* Resets                                                                     */
/* ------------------------------------------------------------------------- */

static void
rows_free(struct or_rows *rows)
{
    rows_next_page(rows);
    free(rows->cells);
    for (size_t i = 0; i < rows->ncols; i++) {
        free(rows->names[i]);
    }
    memset(rows, 0, sizeof(*rows));
}

void
rows_next_page(struct or_rows *rows)
{
    for (size_t r = 0; r < rows->nrows; r++) {
        for (size_t col = 0; col < FAKE_MAX_COLS; col++) {
            free(rows->cells[r * FAKE_MAX_COLS + col].s);
        }
    }
    rows->nrows = 0;
}

void
fake_reset_request(void)
{
    struct or_request *r = &fake.req;
    for (size_t i = 0; i < r->nquery; i++) {
        free(r->qkey[i]);
        free(r->qval[i]);
    }
    for (size_t i = 0; i < r->nheader; i++) {
        free(r->hname[i]);
        free(r->hval[i]);
    }
    free(r->body);
    memset(r, 0, sizeof(*r));
}

void
fake_reset_io(void)
{
    fake_reset_request();
    rows_free(&fake.rows);
    fake.nwarn = 0;
    fake.nlog = 0;
    fake.last_warn[0] = '\0';
    memset(fake.repaired, 0, sizeof(fake.repaired));
}

void
fake_reset(void)
{
    fake_reset_io();
    memset(&fake, 0, sizeof(fake));
}

/* ------------------------------------------------------------------------- */
/* Plugin and fixtures                                                        */
/* ------------------------------------------------------------------------- */

int
fake_plugin_load(const char *provider)
{
    snprintf(fixture_provider, sizeof(fixture_provider), "%s", provider);
    const char *path = getenv("OUTREPORT_PLUGIN_PATH");
    if (path == NULL) {
        fprintf(stderr, "OUTREPORT_PLUGIN_PATH is not set\n");
        return -1;
    }
    /* A colon-separated list of directories, like PATH. */
    const char *dir = path;
    while (plugin_handle == NULL && *dir != '\0') {
        const char *colon = strchr(dir, ':');
        size_t len = colon != NULL ? (size_t)(colon - dir) : strlen(dir);
        char file[4200];
        snprintf(file, sizeof(file), "%.*s/provider_%s.so", (int)len, dir, provider);
        plugin_handle = dlopen(file, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE); /* as the host does */
        if (plugin_handle == NULL) {
            fprintf(stderr, "dlopen %s: %s\n", file, dlerror());
        }
        dir += len + (colon != NULL ? 1 : 0);
    }
    if (plugin_handle == NULL) {
        return -1;
    }
    void *sym = dlsym(plugin_handle, OR_PLUGIN_ENTRY_NAME);
    if (sym == NULL) {
        fprintf(stderr, "no symbol %s\n", OR_PLUGIN_ENTRY_NAME);
        return -1;
    }
    or_plugin_entry_fn *entry = NULL;
    memcpy(&entry, &sym, sizeof(entry));
    plugin = entry();
    return plugin != NULL ? 0 : -1;
}

void
fake_plugin_unload(void)
{
    if (plugin_handle != NULL) {
        dlclose(plugin_handle);
    }
    plugin_handle = NULL;
    plugin = NULL;
}

int
fake_group_teardown(void **state)
{
    (void)state;
    fake_plugin_unload();
    test_pointer_lists_free();
    return 0;
}

int
fake_teardown(void **state)
{
    (void)state;
    fake_reset();
    test_pointer_lists_free();
    return 0;
}

const struct or_endpoint *
endpoint(const char *name)
{
    for (size_t i = 0; i < plugin->provider->nendpoints; i++) {
        if (strcmp(plugin->provider->endpoints[i]->name, name) == 0) {
            return plugin->provider->endpoints[i];
        }
    }
    fail_msg("endpoint %s not found", name);
    return NULL;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }
    size_t cap = 4096;
    size_t n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            break;
        }
        cap *= 2;
        buf = realloc(buf, cap);
        assert_non_null(buf);
    }
    fclose(f);
    *len = n;
    return buf;
}

char *
fixture(const char *name, size_t *len)
{
    char path[4096];
    const char *env = getenv("OR_FIXTURES_DIR");
    if (env != NULL) {
        snprintf(path, sizeof(path), "%s/%s", env, name);
        char *in_env = read_file(path, len);
        if (in_env != NULL) {
            return in_env;
        }
    }
    const char *root = getenv("OR_SOURCE_ROOT");
    if (root != NULL) {
        snprintf(path, sizeof(path), "%s/tests/fixtures/%s/%s", root, fixture_provider, name);
        char *in_root = read_file(path, len);
        if (in_root != NULL) {
            return in_root;
        }
    }
    /* Next to this source file: meson passes __FILE__ relative to the build dir it runs in. */
    const char *slash = strrchr(__FILE__, '/');
    int dirlen = slash != NULL ? (int)(slash - __FILE__) : 1;
    snprintf(path, sizeof(path), "%.*s/fixtures/%s/%s", dirlen, slash != NULL ? __FILE__ : ".",
             fixture_provider, name);
    char *beside = read_file(path, len);
    if (beside != NULL) {
        return beside;
    }
    char up[64] = "";
    for (int depth = 0; depth < 6; depth++) {
        snprintf(path, sizeof(path), "%stests/fixtures/%s/%s", up, fixture_provider, name);
        char *body = read_file(path, len);
        if (body != NULL) {
            return body;
        }
        size_t used = strlen(up);
        snprintf(up + used, sizeof(up) - used, "../");
    }
    fail_msg("fixture %s not found (set OR_FIXTURES_DIR or OR_SOURCE_ROOT)", name);
    return NULL;
}

/* ------------------------------------------------------------------------- */
/* Driving the plugin                                                         */
/* ------------------------------------------------------------------------- */

/* Bind the sink to @p ep: its declared columns first, as the host's schema does. */
static void
rows_bind(const struct or_endpoint *ep)
{
    if (fake.rows.ep == ep) {
        return;
    }
    rows_free(&fake.rows);
    fake.rows.ep = ep;
    for (size_t i = 0; i < ep->ncolumns && i < FAKE_MAX_COLS; i++) {
        fake.rows.names[i] = dup_bytes(ep->columns[i]->name, strlen(ep->columns[i]->name));
        fake.rows.types[i] = ep->columns[i]->type;
    }
    fake.rows.ncols = ep->ncolumns;
}

or_status
parse_body(const struct or_endpoint *ep, const struct or_query *q, long page, const char *body,
           size_t len, struct or_page_info *info, char *err)
{
    rows_bind(ep);
    memset(info, 0x5a, sizeof(*info));
    err[0] = '\0';
    or_status st =
        ep->parse_page(&fake_host, q, page, body, len, &fake.rows, info, err, OR_ERR_SIZE);
    if (fake.rows.misuse != 0) {
        fail_msg("plugin broke the row sink contract %d time(s): %s", fake.rows.misuse,
                 fake.rows.misuse_what);
    }
    assert_false(fake.rows.open);
    return st;
}

or_status
parse_fixture(const struct or_endpoint *ep, const struct or_query *q, long page, const char *name,
              struct or_page_info *info, char *err)
{
    size_t len = 0;
    char *body = fixture(name, &len);
    or_status st = parse_body(ep, q, page, body, len, info, err);
    free(body);
    return st;
}

or_status
build(const struct or_endpoint *ep, const struct or_query *q, long page, char *err)
{
    err[0] = '\0';
    return ep->build_request(&fake_host, q, page, &fake.req, err, OR_ERR_SIZE);
}

or_status
check(const struct or_endpoint *ep, const struct or_query *q, char *err)
{
    err[0] = '\0';
    return ep->check_query(&fake_host, q, err, OR_ERR_SIZE);
}

/* ------------------------------------------------------------------------- */
/* Request checks                                                             */
/* ------------------------------------------------------------------------- */

size_t
query_count(const char *key)
{
    size_t n = 0;
    for (size_t i = 0; i < fake.req.nquery; i++) {
        n += strcmp(fake.req.qkey[i], key) == 0;
    }
    return n;
}

const char *
query_value(const char *key, size_t nth)
{
    for (size_t i = 0; i < fake.req.nquery; i++) {
        if (strcmp(fake.req.qkey[i], key) == 0) {
            if (nth == 0) {
                return fake.req.qval[i];
            }
            nth--;
        }
    }
    return NULL;
}

void
expect_query(const char *key, const char *want)
{
    const char *got = query_value(key, 0);
    if (got == NULL) {
        fail_msg("query key %s missing", key);
    }
    if (strcmp(got, want) != 0) {
        fail_msg("query %s = \"%s\", want \"%s\"", key, got, want);
    }
    assert_int_equal(query_count(key), 1);
}

const char *
header(const char *name, int *secret)
{
    const char *found = NULL;
    size_t n = 0;
    for (size_t i = 0; i < fake.req.nheader; i++) {
        if (strcmp(fake.req.hname[i], name) == 0) {
            found = fake.req.hval[i];
            if (secret != NULL) {
                *secret = fake.req.hsecret[i];
            }
            n++;
        }
    }
    if (n > 1) {
        fail_msg("header %s sent %zu times", name, n);
    }
    return found;
}

/* ------------------------------------------------------------------------- */
/* Cell checks                                                                */
/* ------------------------------------------------------------------------- */

long
column_index(const char *name)
{
    for (size_t col = 0; col < fake.rows.ncols; col++) {
        if (strcmp(fake.rows.names[col], name) == 0) {
            return (long)col;
        }
    }
    return -1;
}

const struct fake_cell *
cell_at(size_t row, const char *name)
{
    if (row >= fake.rows.nrows) {
        fail_msg("row %zu of %zu requested", row, fake.rows.nrows);
    }
    long col = column_index(name);
    if (col < 0) {
        fail_msg("no column %s in table %s", name,
                 fake.rows.ep != NULL ? fake.rows.ep->table : "(none)");
    }
    if (col < 64) {
        checked |= (uint64_t)1 << col;
    }
    return &fake.rows.cells[row * FAKE_MAX_COLS + (size_t)col];
}

void
expect_schema(const struct or_endpoint *ep, const struct want_column *want, size_t n)
{
    assert_int_equal(ep->ncolumns, n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(ep->columns[i]->name, want[i].name) != 0 ||
            ep->columns[i]->type != want[i].type) {
            fail_msg("%s column %zu is %s/%d, want %s/%d", ep->table, i, ep->columns[i]->name,
                     ep->columns[i]->type, want[i].name, want[i].type);
        }
        assert_non_null(ep->columns[i]->description);
        assert_true(strlen(ep->columns[i]->description) > 0);
    }
}

void
expect_type(const char *name, enum or_type type)
{
    long col = column_index(name);
    if (col < 0) {
        fail_msg("no column %s in table %s", name, fake.rows.ep->table);
    }
    if (fake.rows.types[col] != type) {
        fail_msg("column %s has type %d, want %d", name, fake.rows.types[col], type);
    }
}

void
expect_no_column(const char *name)
{
    if (column_index(name) >= 0) {
        fail_msg("column %s should not exist", name);
    }
}

void
expect_text(size_t row, const char *name, const char *want)
{
    const struct fake_cell *c = cell_at(row, name);
    if (!c->set) {
        fail_msg("row %zu %s is NULL, want \"%s\"", row, name, want);
    }
    if (c->len != strlen(want) || memcmp(c->s, want, c->len) != 0) {
        fail_msg("row %zu %s = \"%s\", want \"%s\"", row, name, c->s, want);
    }
}

void
expect_int(size_t row, const char *name, int64_t want)
{
    const struct fake_cell *c = cell_at(row, name);
    if (!c->set) {
        fail_msg("row %zu %s is NULL, want %lld", row, name, (long long)want);
    }
    if (c->i != want) {
        fail_msg("row %zu %s = %lld, want %lld", row, name, (long long)c->i, (long long)want);
    }
}

void
expect_real(size_t row, const char *name, double want)
{
    const struct fake_cell *c = cell_at(row, name);
    if (!c->set) {
        fail_msg("row %zu %s is NULL, want %g", row, name, want);
    }
    if (c->r != want) {
        fail_msg("row %zu %s = %.17g, want %.17g", row, name, c->r, want);
    }
}

void
expect_null(size_t row, const char *name)
{
    const struct fake_cell *c = cell_at(row, name);
    if (c->set) {
        fail_msg("row %zu %s is set (\"%s\" / %lld / %g), want NULL", row, name,
                 c->s != NULL ? c->s : "", (long long)c->i, c->r);
    }
}

void
expect_all_checked(void)
{
    for (size_t col = 0; col < fake.rows.ep->ncolumns; col++) {
        if ((checked & ((uint64_t)1 << col)) == 0) {
            fail_msg("column %s was not checked", fake.rows.ep->columns[col]->name);
        }
    }
}

void
expect_row_all_null(size_t row)
{
    for (size_t col = 0; col < fake.rows.ep->ncolumns; col++) {
        expect_null(row, fake.rows.ep->columns[col]->name);
    }
}
