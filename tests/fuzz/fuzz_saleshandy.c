/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the saleshandy provider, driven through its ABI.
 *
 * The plugin is dlopen()ed once from $OUTREPORT_PLUGIN_PATH (a directory,
 * or a colon-separated list of them, holding provider_saleshandy.so) and
 * each input goes to:
 *   - parse_page of both endpoints, twice with the same sink (pages 1 and
 *     2 of one table, so team-stats also finds columns it added before);
 *   - consolidated-stats again with the input as an "Email Sent At" text,
 *     which reaches the Date.toString() parser with arbitrary bytes;
 *   - error_message;
 *   - check_query, instances and build_request with the input as the value
 *     of every parameter.
 *
 * The fake host stores no values but aborts on any breach of the sink's
 * contract (setter outside a row, index out of range, setter of the wrong
 * type, bool not 0/1, rows_column name not snake_case), and reads every
 * byte it is handed so the sanitizers see overreads.  Build, e.g.:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *       tests/fuzz/fuzz_saleshandy.c -ldl -o fuzz_saleshandy
 */
#include <dlfcn.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "outreport/plugin.h"

#define MAX_COLS 256
#define MAX_NAME 128

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct or_request {
    int unused;
};

struct or_rows {
    const struct or_endpoint *ep;
    size_t ncols;
    enum or_type types[MAX_COLS];
    char names[MAX_COLS][MAX_NAME + 1];
    int open;
};

static const struct or_plugin *plugin;
static volatile unsigned sink_bytes; /* keeps the byte reads below alive */

static void die(const char *what)
{
    fprintf(stderr, "saleshandy fuzz: contract violation: %s\n", what);
    abort();
}

static void touch(const char *s, size_t len)
{
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum += (unsigned char)s[i];
    }
    sink_bytes += sum;
}

__attribute__((format(printf, 3, 4))) static void fake_log(const struct or_host *h,
                                                           enum or_log_level level,
                                                           const char *fmt, ...)
{
    (void)h;
    (void)level;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    touch(line, strlen(line));
}

static const char *fake_config_get(const struct or_host *h, const char *key)
{
    (void)h;
    (void)key;
    return NULL;
}

static const char *fake_secret_get(const struct or_host *h, const char *env_key_name,
                                   const char *default_env, char *err, size_t errlen)
{
    (void)h;
    (void)env_key_name;
    (void)default_env;
    (void)err;
    (void)errlen;
    return "fuzz-key";
}

static or_status fake_req_set(struct or_request *r, const char *method, const char *path)
{
    (void)r;
    touch(method, strlen(method));
    touch(path, strlen(path));
    return OR_OK;
}

static or_status fake_req_query(struct or_request *r, const char *key, const char *value)
{
    (void)r;
    touch(key, strlen(key));
    touch(value, strlen(value));
    return OR_OK;
}

static or_status fake_req_header(struct or_request *r, const char *name, const char *value,
                                 int secret)
{
    (void)r;
    (void)secret;
    touch(name, strlen(name));
    touch(value, strlen(value));
    return OR_OK;
}

static or_status fake_req_body(struct or_request *r, const char *body, size_t len,
                               const char *content_type)
{
    (void)r;
    touch(body, len);
    touch(content_type, strlen(content_type));
    return OR_OK;
}

static or_status fake_row_begin(struct or_rows *rows)
{
    if (rows->open) {
        die("row_begin inside a row");
    }
    rows->open = 1;
    return OR_OK;
}

static void setter(struct or_rows *rows, size_t col, enum or_type t1, enum or_type t2)
{
    if (!rows->open) {
        die("setter outside a row");
    }
    if (col >= rows->ncols) {
        die("column index out of range");
    }
    if (rows->types[col] != t1 && rows->types[col] != t2) {
        die("setter of the wrong type");
    }
}

static void fake_set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    setter(rows, col, OR_TYPE_TEXT, OR_TYPE_TEXT);
    if (s == NULL && len > 0) {
        die("set_text with NULL and a length");
    }
    if (s != NULL) {
        touch(s, len);
    }
}

static void fake_set_int(struct or_rows *rows, size_t col, int64_t v)
{
    setter(rows, col, OR_TYPE_INT, OR_TYPE_BOOL);
    if (rows->types[col] == OR_TYPE_BOOL && v != 0 && v != 1) {
        die("bool not 0 or 1");
    }
}

static void fake_set_real(struct or_rows *rows, size_t col, double v)
{
    (void)v;
    setter(rows, col, OR_TYPE_REAL, OR_TYPE_REAL);
}

static void fake_set_time(struct or_rows *rows, size_t col, int64_t t)
{
    (void)t;
    setter(rows, col, OR_TYPE_TIME, OR_TYPE_TIME);
}

static or_status fake_row_end(struct or_rows *rows)
{
    if (!rows->open) {
        die("row_end outside a row");
    }
    rows->open = 0;
    return OR_OK;
}

static int snake_case(const char *s)
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

static long fake_rows_column(struct or_rows *rows, const char *name, enum or_type type)
{
    if (!rows->ep->dynamic_columns) {
        die("rows_column on a fixed schema");
    }
    if (name == NULL || !snake_case(name)) {
        die("rows_column name not snake_case");
    }
    if ((unsigned)type >= OR_TYPE_COUNT) {
        die("rows_column with an unknown type");
    }
    for (size_t i = 0; i < rows->ncols; i++) {
        if (strcmp(rows->names[i], name) == 0) {
            return (long)i;
        }
    }
    if (rows->ncols == MAX_COLS) {
        return -1;
    }
    snprintf(rows->names[rows->ncols], sizeof(rows->names[0]), "%s", name);
    rows->types[rows->ncols] = type;
    return (long)rows->ncols++;
}

/* Strict enough to be reached: YYYY-MM-DD[THH:MM:SSZ]. */
static or_status fake_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
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

static size_t fake_format_time(const struct or_host *h, int64_t t, char *buf, size_t n)
{
    (void)h;
    int len = snprintf(buf, n, "@%lld", (long long)t);
    return len > 0 && (size_t)len < n ? (size_t)len : 0;
}

static void fake_local_time(const struct or_host *h, int64_t t, int parts[6],
                            int32_t *utc_offset)
{
    (void)h;
    (void)t;
    memset(parts, 0, 6 * sizeof(int));
    *utc_offset = 0;
}

static int fake_cursor_next(struct or_cursor *c, struct or_value *row)
{
    (void)c;
    (void)row;
    return -1;
}

static or_status fake_cursor_rewind(struct or_cursor *c)
{
    (void)c;
    return OR_ERR_UNSUPPORTED;
}

static const struct or_host host = {
    .size = sizeof(struct or_host),
    .abi = OR_ABI_VERSION,
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
};

static void *open_plugin(const char *path)
{
    const char *dir = path;
    while (*dir != '\0') {
        const char *colon = strchr(dir, ':');
        size_t len = colon != NULL ? (size_t)(colon - dir) : strlen(dir);
        char file[4200];
        snprintf(file, sizeof(file), "%.*s/provider_saleshandy.so", (int)len, dir);
        void *handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL) {
            return handle;
        }
        fprintf(stderr, "dlopen %s: %s\n", file, dlerror());
        dir += len + (colon != NULL ? 1 : 0);
    }
    return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("OUTREPORT_PLUGIN_PATH");
    if (path == NULL) {
        fprintf(stderr, "saleshandy fuzz: set OUTREPORT_PLUGIN_PATH\n");
        exit(2);
    }
    /* Opened once and never closed: the fuzzer's process lives as long as the plugin. */
    void *handle = open_plugin(path);
    if (handle == NULL) {
        exit(2);
    }
    void *sym = dlsym(handle, OR_PLUGIN_ENTRY_NAME);
    if (sym == NULL) {
        fprintf(stderr, "saleshandy fuzz: no symbol %s\n", OR_PLUGIN_ENTRY_NAME);
        exit(2);
    }
    or_plugin_entry_fn *entry = NULL;
    memcpy(&entry, &sym, sizeof(entry));
    plugin = entry();
    if (plugin == NULL || plugin->abi != OR_ABI_VERSION || plugin->provider == NULL) {
        fprintf(stderr, "saleshandy fuzz: not a provider of ABI %d\n", OR_ABI_VERSION);
        exit(2);
    }
    return 0;
}

static void check_info(const struct or_page_info *info)
{
    if (info->has_more != 0 && info->has_more != 1) {
        die("has_more not 0 or 1");
    }
    if (info->has_more && info->next_page < 1) {
        die("has_more without a next page");
    }
}

static void parse(const struct or_endpoint *ep, struct or_rows *rows, long page,
                  const struct or_query *q, const char *body, size_t len)
{
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    memset(&info, 0x5a, sizeof(info));
    err[0] = '\0';
    or_status st = ep->parse_page(&host, q, page, body, len, rows, &info, err, sizeof(err));
    if (rows->open) {
        die("parse_page returned inside a row");
    }
    if (st == OR_OK) {
        check_info(&info);
    }
    else if (strlen(err) == 0) {
        die("error without a message");
    }
}

static void bind(struct or_rows *rows, const struct or_endpoint *ep)
{
    memset(rows, 0, sizeof(*rows));
    rows->ep = ep;
    for (size_t i = 0; i < ep->ncolumns && i < MAX_COLS; i++) {
        rows->types[i] = ep->columns[i].type;
        snprintf(rows->names[i], sizeof(rows->names[0]), "%s", ep->columns[i].name);
    }
    rows->ncols = ep->ncolumns;
}

/* {"payload":{"data":[{"Email Sent At":"<text as a JSON string>"}]}} */
static char *date_body(const uint8_t *data, size_t size, size_t *len)
{
    static const char head[] = "{\"payload\":{\"data\":[{\"Email Sent At\":\"";
    static const char tail[] = "\"}],\"hasMore\":false}}";
    char *body = malloc(sizeof(head) + 6 * size + sizeof(tail));
    if (body == NULL) {
        return NULL;
    }
    size_t n = 0;
    memcpy(body, head, sizeof(head) - 1);
    n += sizeof(head) - 1;
    for (size_t i = 0; i < size; i++) {
        unsigned char ch = data[i];
        if (ch == '"' || ch == '\\') {
            body[n++] = '\\';
            body[n++] = (char)ch;
        }
        else if (ch < 0x20) {
            n += (size_t)snprintf(body + n, 7, "\\u%04x", ch);
        }
        else {
            body[n++] = (char)ch;
        }
    }
    memcpy(body + n, tail, sizeof(tail) - 1);
    n += sizeof(tail) - 1;
    *len = n;
    return body;
}

static void requests(const uint8_t *data, size_t size)
{
    char *value = malloc(size + 1);
    if (value == NULL) {
        return;
    }
    memcpy(value, data, size);
    value[size] = '\0';
    for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
        const struct or_endpoint *ep = &plugin->provider->endpoints[e];
        struct or_param_value p[16];
        size_t np = 0;
        for (size_t i = 0; i < ep->nparams && np < 16; i++) {
            p[np].name = ep->params[i].name;
            p[np].value = value;
            np++;
        }
        /* Every parameter, then each alone with a recent period. */
        for (size_t only = 0; only <= np; only++) {
            struct or_query q = {.tz = "UTC",
                                 .period_start = 1767225600,
                                 .period_end = 1767830400,
                                 .first_day = "2026-01-01",
                                 .last_day = "2026-01-07"};
            q.params = only == np ? p : &p[only];
            q.nparams = only == np ? np : 1;
            q.instance = (size & 1) ? value : NULL;
            char err[OR_ERR_SIZE];
            char buf[8192];
            struct or_request req;
            (void)ep->check_query(&host, &q, err, sizeof(err));
            if (ep->instances != NULL) {
                (void)ep->instances(&host, &q, buf, sizeof(buf), err, sizeof(err));
            }
            (void)ep->build_request(&host, &q, 1, &req, err, sizeof(err));
        }
    }
    free(value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *body = (const char *)data;
    static const struct or_query plain = {.tz = "UTC"};
    struct or_rows *rows = malloc(sizeof(*rows));
    if (rows == NULL) {
        return 0;
    }
    for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
        const struct or_endpoint *ep = &plugin->provider->endpoints[e];
        bind(rows, ep);
        parse(ep, rows, 1, &plain, body, size);
        parse(ep, rows, 2, &plain, body, size);
        if (ep->error_message != NULL) {
            char msg[128];
            if (ep->error_message(body, size, msg, sizeof(msg))) {
                touch(msg, strlen(msg));
            }
        }
    }
    if (size <= 4096) {
        size_t len = 0;
        char *wrapped = date_body(data, size, &len);
        if (wrapped != NULL) {
            for (size_t e = 0; e < plugin->provider->nendpoints; e++) {
                const struct or_endpoint *cs = &plugin->provider->endpoints[e];
                if (strcmp(cs->name, "consolidated-stats") == 0) {
                    bind(rows, cs);
                    parse(cs, rows, 1, &plain, wrapped, len);
                }
            }
            free(wrapped);
        }
        requests(data, size);
    }
    free(rows);
    return 0;
}
