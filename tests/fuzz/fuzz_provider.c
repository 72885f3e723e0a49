/* SPDX-License-Identifier: MIT */
/*
 * Generic libFuzzer target for a provider plugin, compiled once per
 * provider with -DOR_FUZZ_PLUGIN=\"provider_NAME.so\".  The plugin is
 * dlopen()ed once from $OUTREPORT_PLUGIN_PATH (colon-separated directories),
 * exactly as the host loads it, and every input goes, for every endpoint, to:
 *   - parse_page as a response body: with the plain query, in another zone,
 *     with limit=1 and limit=7 when the endpoint has a "limit" parameter,
 *     and each of those with and without q->instance when the endpoint has
 *     instances; pages 1 and 2 share one sink, so an endpoint with dynamic
 *     columns also finds the columns it added before;
 *   - parse_page, for an endpoint with a lookup (ABI 2.2), also with rows
 *     of plausible values for the lookup's columns and with a failed lookup;
 *   - error_message, with roomy and tiny exact-size buffers; auth_failure
 *     with 400, 401 and 403 and tiny hint buffers;
 *   - check_query, instances and build_request with the input as the value
 *     of every parameter (all together, then each alone), and lookup_needed.
 *
 * The fake host stores no values but checks the sink's contract: setters
 * only inside a row, column index in range, the setter matching the column
 * type, a column set at most once per row, text readable for its whole
 * length and valid UTF-8, reals finite, bools 0/1, rows_column only on
 * dynamic endpoints with a snake_case name, and no request built while
 * parsing.  Any breach, an unknown status, an error without a message or an
 * unterminated message aborts, so libFuzzer reports the input.
 *
 * The plugin is built with fuzzer-no-link so that libFuzzer sees its
 * coverage (without it, only this file guides the fuzzer); scripts/fuzz does
 * all of this for every provider.  By hand, e.g. for unpod:
 *
 *   clang -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fPIC -shared -Iinclude \
 *       plugins/providers/unpod/[a-z]*.c $(pkg-config --cflags --libs jansson) \
 *       -o DIR/provider_unpod.so
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *       -DOR_FUZZ_PLUGIN='"provider_unpod.so"' tests/fuzz/fuzz_provider.c -ldl -lm -o fz
 *   mkdir -p /tmp/corpus    # new units go to the first directory, not the seeds
 *   OUTREPORT_PLUGIN_PATH=DIR ./fz -max_total_time=60 -rss_limit_mb=2048 /tmp/corpus \
 *       tests/fuzz/corpus/unpod
 */
#include <dlfcn.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outreport/plugin.h"

#ifndef OR_FUZZ_PLUGIN
#error "compile with -DOR_FUZZ_PLUGIN=\"provider_NAME.so\""
#endif

#define MAX_COLS 256
#define MAX_NAME 128
#define MAX_PARAMS 16
#define SPACE_TOKEN "F1O3QJM1Y7Q1AVVUYNV4VPRB"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__attribute__((noreturn, format(printf, 1, 2))) static void
die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz " OR_FUZZ_PLUGIN ": ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}

/* ------------------------------------------------------------------------- */
/* Fake host: a validating sink that stores nothing                           */
/* ------------------------------------------------------------------------- */

struct or_rows {
    const struct or_endpoint *ep;
    size_t ncols; /* declared columns, then added ones */
    enum or_type types[MAX_COLS];
    char names[MAX_COLS][MAX_NAME + 1];
    int open;
    size_t nrows;
    unsigned char set[MAX_COLS]; /* columns set in the open row */
};

struct or_request {
    int unused;
};

static volatile unsigned sink; /* keeps the byte reads of touch() */
static int parsing;            /* inside parse_page: no requests */

/* Read every byte, so the sanitizers see an overread. */
static void
touch(const char *s, size_t len)
{
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum += (unsigned char)s[i];
    }
    sink += sum;
}

static void fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
{
    (void)h;
    if ((int)level < OR_LOG_ERROR || level > OR_LOG_DEBUG) {
        die("log level %d", (int)level);
    }
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    touch(line, strlen(line));
}

static const struct or_plugin *plugin;

/* No config but the declared defaults; a key the plugin did not declare
 * (base_url is the host's) aborts. */
static or_status
fake_config_get(const struct or_host *h, const char *key, const char **value)
{
    (void)h;
    *value = NULL;
    if (strcmp(key, "base_url") == 0) {
        return OR_OK;
    }
    for (size_t i = 0; i < plugin->nconfig_keys; i++) {
        if (strcmp(plugin->config_keys[i]->name, key) == 0) {
            *value = plugin->config_keys[i]->default_value;
            return OR_OK;
        }
    }
    die("config key %s read but not declared", key);
}

static or_status
fake_secret_get(const struct or_host *h, const char *env_key, const char *default_env,
                const char **value, char *err, size_t errlen)
{
    (void)h, (void)env_key, (void)default_env, (void)err, (void)errlen;
    *value = "fuzz-key";
    return OR_OK;
}

static void
request_call(const char *what)
{
    if (parsing) {
        die("parse_page called %s", what);
    }
}

static or_status
fake_req_set(struct or_request *r, const char *method, const char *path)
{
    (void)r;
    request_call("req_set");
    touch(method, strlen(method));
    touch(path, strlen(path));
    return OR_OK;
}

static or_status
fake_req_query(struct or_request *r, const char *key, const char *value)
{
    (void)r;
    request_call("req_query");
    touch(key, strlen(key));
    touch(value, strlen(value));
    return OR_OK;
}

static or_status
fake_req_header(struct or_request *r, const char *name, const char *value, int secret)
{
    (void)r;
    (void)secret;
    request_call("req_header");
    touch(name, strlen(name));
    touch(value, strlen(value));
    return OR_OK;
}

static or_status
fake_req_body(struct or_request *r, const char *body, size_t len, const char *content_type)
{
    (void)r;
    request_call("req_body");
    touch(body, len);
    touch(content_type, strlen(content_type));
    return OR_OK;
}

static or_status
fake_row_begin(struct or_rows *rows)
{
    if (rows->open) {
        die("row_begin inside a row");
    }
    rows->open = 1;
    memset(rows->set, 0, sizeof(rows->set));
    rows->nrows++;
    return OR_OK;
}

static void
check_cell(struct or_rows *rows, size_t col, enum or_type t1, enum or_type t2, const char *setter)
{
    if (!rows->open) {
        die("%s outside a row", setter);
    }
    if (col >= rows->ncols) {
        die("%s: column %zu of %zu", setter, col, rows->ncols);
    }
    enum or_type type = rows->types[col];
    if (type != t1 && type != t2) {
        die("%s on column %s of type %d", setter, rows->names[col], (int)type);
    }
    if (rows->set[col]) {
        die("column %s set twice in one row", rows->names[col]);
    }
    rows->set[col] = 1;
}

/* 1 if @p s (@p len bytes) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
static int
valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n = 0;
        uint32_t cp = 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            n = 1;
            cp = c & 0x1f;
        }
        else if (c >= 0xe0 && c <= 0xef) {
            n = 2;
            cp = c & 0x0f;
        }
        else if (c >= 0xf0 && c <= 0xf4) {
            n = 3;
            cp = c & 0x07;
        }
        else {
            return 0;
        }
        if (n >= len - i) {
            return 0; /* truncated sequence */
        }
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xc0) != 0x80) {
                return 0;
            }
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
            (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        i += n + 1;
    }
    return 1;
}

static or_status
fake_set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    check_cell(rows, col, OR_TYPE_TEXT, OR_TYPE_TEXT, "set_text");
    if (s == NULL) {
        if (len != 0) {
            die("set_text(NULL, %zu)", len);
        }
        return OR_OK;
    }
    touch(s, len); /* ASan: the whole slice must be readable */
    if (!valid_utf8((const unsigned char *)s, len)) {
        die("set_text on column %s: invalid UTF-8", rows->names[col]);
    }
    return OR_OK;
}

static or_status
fake_set_int(struct or_rows *rows, size_t col, int64_t v)
{
    check_cell(rows, col, OR_TYPE_INT, OR_TYPE_BOOL, "set_int");
    if (rows->types[col] == OR_TYPE_BOOL && v != 0 && v != 1) {
        die("bool column %s set to %lld", rows->names[col], (long long)v);
    }
    return OR_OK;
}

static or_status
fake_set_real(struct or_rows *rows, size_t col, double v)
{
    check_cell(rows, col, OR_TYPE_REAL, OR_TYPE_REAL, "set_real");
    if (!isfinite(v)) {
        die("real column %s set to %g", rows->names[col], v);
    }
    return OR_OK;
}

static or_status
fake_set_time(struct or_rows *rows, size_t col, int64_t t)
{
    (void)t;
    check_cell(rows, col, OR_TYPE_TIME, OR_TYPE_TIME, "set_time");
    return OR_OK;
}

static or_status
fake_row_end(struct or_rows *rows)
{
    if (!rows->open) {
        die("row_end outside a row");
    }
    rows->open = 0;
    return OR_OK;
}

static int
snake_case(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_NAME || s[0] == '_' || s[n - 1] == '_') {
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
        die("rows_column on a fixed schema");
    }
    if (name == NULL || !snake_case(name)) {
        die("rows_column name not snake_case");
    }
    if ((unsigned)type >= OR_TYPE_COUNT) {
        die("rows_column with an unknown type %d", (int)type);
    }
    for (size_t i = 0; i < rows->ncols; i++) {
        if (strcmp(rows->names[i], name) == 0) {
            *col = i;
            return OR_OK;
        }
    }
    if (rows->ncols == MAX_COLS) {
        return OR_ERR_NOMEM;
    }
    snprintf(rows->names[rows->ncols], sizeof(rows->names[0]), "%s", name);
    rows->types[rows->ncols] = type;
    *col = rows->ncols++;
    return OR_OK;
}

/* Strict enough to be reached: YYYY-MM-DD[THH:MM:SSZ]. */
static or_status
fake_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
{
    (void)h;
    size_t n = strlen(s);
    if (n != 10 && n != 20) {
        return OR_ERR_PARSE;
    }
    uint64_t v = 0; /* unsigned: wraps instead of overflowing */
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            v = v * 10 + (uint64_t)(ch - '0');
        }
        else if (ch != '-' && ch != ':' && ch != 'T' && ch != 'Z') {
            return OR_ERR_PARSE;
        }
    }
    *out = (int64_t)(v % 4102444800u);
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
    if (utc_offset != NULL) {
        *utc_offset = 0;
    }
}

static or_status
fake_cursor_next(const struct or_host *h, struct or_cursor *c, struct or_value *row, int *has_row,
                 char *err, size_t errlen)
{
    (void)h, (void)c, (void)row, (void)has_row, (void)err, (void)errlen;
    die("a provider stepped a cursor");
}

static or_status
fake_cursor_rewind(const struct or_host *h, struct or_cursor *c, char *err, size_t errlen)
{
    (void)h, (void)c, (void)err, (void)errlen;
    die("a provider rewound a cursor");
}

static or_status
fake_format_value(const struct or_host *h, const struct or_value *v, enum or_format fmt,
                  int decimals, char *buf, size_t n)
{
    (void)h, (void)v, (void)fmt, (void)decimals, (void)buf, (void)n;
    die("a provider formatted a value for people");
}

static or_status
fake_format_change(const struct or_host *h, const struct or_kpi *k, char *buf, size_t n,
                   int *direction)
{
    (void)h, (void)k, (void)buf, (void)n, (void)direction;
    die("a provider formatted a KPI change");
}

/* Since 2.2: a repair is counted with a known kind and a positive count. */
static or_status
fake_count_repaired(const struct or_host *h, enum or_repair what, long n)
{
    (void)h;
    if ((int)what < 0 || what >= OR_REPAIR_COUNT || n <= 0) {
        die("count_repaired(%d, %ld)", (int)what, n);
    }
    return OR_OK;
}

static const struct or_host host = {
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
/* Plugin                                                                     */
/* ------------------------------------------------------------------------- */

static void
load_plugin(void)
{
    const char *path = getenv("OUTREPORT_PLUGIN_PATH");
    if (path == NULL || path[0] == '\0') {
        die("set OUTREPORT_PLUGIN_PATH to the directory holding " OR_FUZZ_PLUGIN);
    }
    void *handle = NULL;
    const char *dir = path;
    while (handle == NULL && *dir != '\0') {
        const char *colon = strchr(dir, ':');
        size_t len = colon != NULL ? (size_t)(colon - dir) : strlen(dir);
        char file[4200];
        snprintf(file, sizeof(file), "%.*s/" OR_FUZZ_PLUGIN, (int)len, dir);
        handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
        dir += len + (colon != NULL ? 1 : 0);
    }
    if (handle == NULL) {
        die("no loadable " OR_FUZZ_PLUGIN " in %s: %s", path, dlerror());
    }
    void *sym = dlsym(handle, OR_PLUGIN_ENTRY_NAME);
    if (sym == NULL) {
        die(OR_FUZZ_PLUGIN " exports no %s", OR_PLUGIN_ENTRY_NAME);
    }
    or_plugin_entry_fn *entry = NULL;
    memcpy(&entry, &sym, sizeof(entry));
    plugin = entry();
    if (plugin == NULL || plugin->abi_major != OR_ABI_MAJOR || plugin->abi_minor > OR_ABI_MINOR ||
        plugin->provider == NULL) {
        die(OR_FUZZ_PLUGIN " is not a provider of ABI %d.%d", OR_ABI_MAJOR, OR_ABI_MINOR);
    }
    /* The handle stays open for the life of the process. */
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    load_plugin();
    return 0;
}

/* ------------------------------------------------------------------------- */
/* One input                                                                  */
/* ------------------------------------------------------------------------- */

static void
check_message(const char *what, const char *buf, size_t n)
{
    if (memchr(buf, '\0', n) == NULL) {
        die("%s: message not NUL-terminated", what);
    }
}

static void
check_status(const char *what, or_status st, const char *err, size_t n)
{
    if ((int)st < 0 || st >= OR_STATUS_COUNT) {
        die("%s: status %d", what, (int)st);
    }
    if (st != OR_OK) {
        check_message(what, err, n);
        if (err[0] == '\0') {
            die("%s: status %d without a message", what, (int)st);
        }
    }
}

/* Bind @p rows to @p ep: its declared columns, no rows. */
static void
bind(struct or_rows *rows, const struct or_endpoint *ep)
{
    memset(rows, 0, sizeof(*rows));
    rows->ep = ep;
    if (ep->ncolumns > MAX_COLS) {
        die("%s: %zu columns", ep->name, ep->ncolumns);
    }
    for (size_t i = 0; i < ep->ncolumns; i++) {
        rows->types[i] = ep->columns[i]->type;
        snprintf(rows->names[i], sizeof(rows->names[0]), "%s", ep->columns[i]->name);
    }
    rows->ncols = ep->ncolumns;
}

static void
parse_one(const struct or_endpoint *ep, struct or_rows *rows, long page, const struct or_query *q,
          const char *body, size_t len)
{
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    memset(&info, 0x5a, sizeof(info));
    memset(err, 0x5a, sizeof(err));
    parsing = 1;
    or_status st = ep->parse_page(&host, q, page, body, len, rows, &info, err, sizeof(err));
    parsing = 0;
    check_status(ep->name, st, err, sizeof(err));
    if (st != OR_OK) {
        return;
    }
    if (rows->open) {
        die("%s: OR_OK with a row left open", ep->name);
    }
    if (info.has_more != 0 && info.has_more != 1) {
        die("%s: has_more %d", ep->name, info.has_more);
    }
}

/* Exact-size heap buffers, so a write past n is an overflow ASan sees. */
static void
error_message_one(or_error_message_fn *fn, const char *body, size_t len)
{
    static const size_t sizes[] = {300, 16, 2, 1};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        char *buf = malloc(sizes[i]);
        if (buf == NULL) {
            return;
        }
        memset(buf, 0x5a, sizes[i]);
        or_status st = fn(body, len, buf, sizes[i]);
        if (st != OR_OK && st != OR_ERR_NOT_FOUND) {
            die("error_message: status %d", (int)st);
        }
        if (st == OR_OK) {
            check_message("error_message", buf, sizes[i]);
            if (!valid_utf8((const unsigned char *)buf, strlen(buf))) {
                die("error_message: invalid UTF-8 with a %zu-byte buffer", sizes[i]);
            }
        }
        free(buf);
    }
}

/* Since 2.2: auth_failure reads the body of any failed response. */
static void
auth_failure_one(or_auth_failure_fn *fn, const char *body, size_t len)
{
    static const long statuses[] = {400, 401, 403};
    static const size_t sizes[] = {300, 16, 1};
    for (size_t s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            char *hint = malloc(sizes[i]);
            if (hint == NULL) {
                return;
            }
            hint[0] = '\0';
            or_status st = fn(&host, statuses[s], body, len, hint, sizes[i]);
            if (st != OR_ERR_AUTH && st != OR_ERR_HTTP) {
                die("auth_failure: status %d", (int)st);
            }
            check_message("auth_failure", hint, sizes[i]);
            free(hint);
        }
    }
}

static int
has_param(const struct or_endpoint *ep, const char *name)
{
    for (size_t i = 0; i < ep->nparams; i++) {
        if (strcmp(ep->params[i]->name, name) == 0) {
            return 1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------- */
/* Lookups (ABI 2.2): rows of the lookup endpoint, as the host hands them     */
/* ------------------------------------------------------------------------- */

#define LOOKUP_ROWS 3

static const char *const lookup_texts[] = {
    "meeting", "conversation", "connected", "not_connected", SPACE_TOKEN, "North team", "",
};

static struct or_value lookup_cells[LOOKUP_ROWS][MAX_COLS];
static const struct or_value *lookup_row_ptrs[LOOKUP_ROWS];
static struct or_lookup lookup_ok;
static struct or_lookup lookup_failed;

/* Rows of plausible values for @p lk's declared columns (ids 15, 1, 3: a
 * custom one and two defaults), and a lookup that failed. */
static void
lookup_build(const struct or_endpoint *lk)
{
    size_t ntexts = sizeof(lookup_texts) / sizeof(lookup_texts[0]);
    size_t ncols = lk->ncolumns < MAX_COLS ? lk->ncolumns : MAX_COLS;
    static const int64_t ids[LOOKUP_ROWS] = {15, 1, 3};
    for (size_t r = 0; r < LOOKUP_ROWS; r++) {
        for (size_t c = 0; c < ncols; c++) {
            struct or_value *v = &lookup_cells[r][c];
            const char *t = lookup_texts[(r + c) % ntexts];
            *v = (struct or_value){.type = lk->columns[c]->type, .i = ids[r], .r = 1.5};
            if (v->type == OR_TYPE_BOOL) {
                v->i = (int64_t)(r & 1);
            }
            else if (v->type == OR_TYPE_TIME) {
                v->i = 1767225600;
            }
            else if (v->type == OR_TYPE_TEXT) {
                v->s = t;
                v->len = strlen(t);
            }
            v->is_null = r == 2 && c == ncols - 1; /* a NULL cell too */
        }
        lookup_row_ptrs[r] = lookup_cells[r];
    }
    lookup_ok = (struct or_lookup){.source = lk->name,
                                   .ncols = ncols,
                                   .columns = lk->columns,
                                   .nrows = LOOKUP_ROWS,
                                   .rows = lookup_row_ptrs};
    lookup_failed = (struct or_lookup){
        .source = lk->name, .ncols = ncols, .columns = lk->columns, .failed = "HTTP 404 Not Found"};
}

/* Every query an endpoint's parse_page is tried with. */
static size_t
queries_for(const struct or_endpoint *ep, struct or_query *out)
{
    static const struct or_param_value one = {"limit", "1"};
    static const struct or_param_value seven = {"limit", "7"};
    static const struct or_param_value *const one_list[] = {&one};
    static const struct or_param_value *const seven_list[] = {&seven};
    size_t n = 0;
    out[n++] = (struct or_query){.tz = "UTC"};
    out[n++] = (struct or_query){.tz = "Europe/Berlin"};
    if (has_param(ep, "limit")) {
        out[n++] = (struct or_query){.tz = "UTC", .params = one_list, .nparams = 1};
        out[n++] = (struct or_query){.tz = "Europe/Berlin", .params = seven_list, .nparams = 1};
    }
    if (ep->instances_key != NULL || ep->instances != NULL) {
        size_t base = n;
        for (size_t i = 0; i < base; i++) {
            out[n] = out[i];
            out[n].instance = SPACE_TOKEN;
            n++;
        }
    }
    if (ep->lookup != NULL) { /* with the lookup's rows, and with a failed one */
        lookup_build(ep->lookup);
        out[n] = out[0];
        out[n++].lookup = &lookup_ok;
        out[n] = out[0];
        out[n++].lookup = &lookup_failed;
    }
    return n;
}

/* check_query, instances and build_request with the input as every parameter's value. */
static void
requests(const struct or_endpoint *ep, const uint8_t *data, size_t size)
{
    char *value = malloc(size + 1);
    if (value == NULL) {
        return;
    }
    memcpy(value, data, size);
    value[size] = '\0';
    struct or_param_value p[MAX_PARAMS];
    const struct or_param_value *list[MAX_PARAMS];
    size_t np = 0;
    for (size_t i = 0; i < ep->nparams && np < MAX_PARAMS; i++) {
        p[np].name = ep->params[i]->name;
        p[np].value = value;
        list[np] = &p[np];
        np++;
    }
    /* Every parameter, then each alone, with a recent period. */
    for (size_t only = 0; only <= np; only++) {
        struct or_query q = {.tz = "UTC",
                             .period_start = 1767225600,
                             .period_end = 1767830400,
                             .first_day = "2026-01-01",
                             .last_day = "2026-01-07"};
        q.params = only == np ? list : &list[only];
        q.nparams = only == np ? np : 1;
        q.instance = (size & 1) ? value : NULL;
        if (ep->lookup != NULL) { /* the ids a body requires come from the lookup */
            lookup_build(ep->lookup);
            q.lookup = (size & 2) ? &lookup_failed : &lookup_ok;
        }
        char err[OR_ERR_SIZE];
        char buf[8192];
        struct or_request req;
        if (ep->check_query != NULL) {
            memset(err, 0x5a, sizeof(err));
            check_status("check_query", ep->check_query(&host, &q, err, sizeof(err)), err,
                         sizeof(err));
        }
        if (ep->instances != NULL) {
            memset(err, 0x5a, sizeof(err));
            or_status st = ep->instances(&host, &q, buf, sizeof(buf), err, sizeof(err));
            check_status("instances", st, err, sizeof(err));
            if (st == OR_OK) {
                check_message("instances", buf, sizeof(buf));
            }
        }
        if (ep->lookup_needed != NULL) {
            or_status st = ep->lookup_needed(&host, &q);
            if (st != OR_OK && st != OR_ERR_NOT_FOUND) {
                die("lookup_needed: status %d", (int)st);
            }
        }
        memset(err, 0x5a, sizeof(err));
        check_status("build_request", ep->build_request(&host, &q, 1, &req, err, sizeof(err)), err,
                     sizeof(err));
    }
    free(value);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (plugin == NULL) {
        load_plugin();
    }
    /* An exact-size copy: any read past len is a heap overflow ASan sees. */
    char *body = malloc(size > 0 ? size : 1);
    struct or_rows *rows = malloc(sizeof(*rows));
    if (body == NULL || rows == NULL) {
        free(body);
        free(rows);
        return 0;
    }
    if (size > 0) {
        memcpy(body, data, size);
    }
    const struct or_provider *p = plugin->provider;
    for (size_t e = 0; e < p->nendpoints; e++) {
        const struct or_endpoint *ep = p->endpoints[e];
        struct or_query queries[12];
        size_t nq = queries_for(ep, queries);
        for (size_t i = 0; i < nq; i++) {
            bind(rows, ep);
            parse_one(ep, rows, 1, &queries[i], body, size);
            parse_one(ep, rows, 2, &queries[i], body, size); /* same table, next page */
        }
        if (ep->error_message != NULL) {
            error_message_one(ep->error_message, body, size);
        }
        if (ep->auth_failure != NULL) {
            auth_failure_one(ep->auth_failure, body, size);
        }
        requests(ep, data, size);
    }
    free(rows);
    free(body);
    return 0;
}
