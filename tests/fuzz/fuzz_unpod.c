/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the unpod provider: every input is fed, as a
 * response body, to parse_page of every endpoint (for the organisation and
 * for one space) and to error_message (with roomy and tiny buffers).  The
 * plugin is dlopen()ed once from $OUTREPORT_PLUGIN_PATH (colon-separated
 * directories), exactly as the host loads it.
 *
 * The fake host stores nothing but checks the sink's contract: setters only
 * inside a row, column index in range, the setter matching the column type,
 * text readable for its whole length and valid UTF-8, reals finite, bools
 * 0/1.  Any breach, an unknown status, an error without a message or an
 * unterminated message aborts, so libFuzzer reports the input.
 *
 * The plugin is built with fuzzer-no-link so that libFuzzer sees its
 * coverage (without it, only this file guides the fuzzer):
 *
 *   clang -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fPIC -shared -Iinclude \
 *       plugins/providers/unpod/[a-z]*.c $(pkg-config --cflags --libs jansson) \
 *       -o DIR/provider_unpod.so
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
 *       tests/fuzz/fuzz_unpod.c -ldl -o fz
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

#define PLUGIN_FILE "provider_unpod.so"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

__attribute__((noreturn, format(printf, 1, 2))) static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("fuzz_unpod: ", stderr);
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
    int open;
    size_t nrows;
    uint64_t set; /* columns set in the open row */
};

struct or_request {
    int unused;
};

static volatile unsigned sink; /* keeps the byte reads of set_text */

static void fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fake_log(const struct or_host *h, enum or_log_level level, const char *fmt, ...)
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
    snprintf(err, errlen, "no secrets while fuzzing");
    return NULL;
}

static or_status fake_req_set(struct or_request *r, const char *method, const char *path)
{
    (void)r;
    (void)method;
    (void)path;
    die("parse_page built a request");
}

static or_status fake_req_query(struct or_request *r, const char *key, const char *value)
{
    (void)r;
    (void)key;
    (void)value;
    die("parse_page built a request");
}

static or_status fake_req_header(struct or_request *r, const char *name, const char *value,
                                 int secret)
{
    (void)r;
    (void)name;
    (void)value;
    (void)secret;
    die("parse_page built a request");
}

static or_status fake_req_body(struct or_request *r, const char *body, size_t len,
                               const char *content_type)
{
    (void)r;
    (void)body;
    (void)len;
    (void)content_type;
    die("parse_page built a request");
}

static or_status fake_row_begin(struct or_rows *rows)
{
    if (rows->open) {
        die("row_begin inside a row");
    }
    rows->open = 1;
    rows->set = 0;
    rows->nrows++;
    return OR_OK;
}

static void check_cell(struct or_rows *rows, size_t col, enum or_type t1, enum or_type t2,
                       const char *setter)
{
    if (!rows->open) {
        die("%s outside a row", setter);
    }
    if (col >= rows->ep->ncolumns) {
        die("%s: column %zu of %zu", setter, col, rows->ep->ncolumns);
    }
    enum or_type type = rows->ep->columns[col].type;
    if (type != t1 && type != t2) {
        die("%s on column %s of type %d", setter, rows->ep->columns[col].name, (int)type);
    }
    if (col < 64) {
        if (rows->set & ((uint64_t)1 << col)) {
            die("column %s set twice in one row", rows->ep->columns[col].name);
        }
        rows->set |= (uint64_t)1 << col;
    }
}

/* 1 if @p s (@p len bytes) is valid UTF-8 (no overlongs, surrogates or > U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t len)
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

static void fake_set_text(struct or_rows *rows, size_t col, const char *s, size_t len)
{
    check_cell(rows, col, OR_TYPE_TEXT, OR_TYPE_TEXT, "set_text");
    if (s == NULL) {
        if (len != 0) {
            die("set_text(NULL, %zu)", len);
        }
        return;
    }
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum += (unsigned char)s[i]; /* ASan: the whole slice must be readable */
    }
    sink = sum;
    if (!valid_utf8((const unsigned char *)s, len)) {
        die("set_text on column %s: invalid UTF-8", rows->ep->columns[col].name);
    }
}

static void fake_set_int(struct or_rows *rows, size_t col, int64_t v)
{
    check_cell(rows, col, OR_TYPE_INT, OR_TYPE_BOOL, "set_int");
    if (rows->ep->columns[col].type == OR_TYPE_BOOL && v != 0 && v != 1) {
        die("bool column %s set to %lld", rows->ep->columns[col].name, (long long)v);
    }
}

static void fake_set_real(struct or_rows *rows, size_t col, double v)
{
    check_cell(rows, col, OR_TYPE_REAL, OR_TYPE_REAL, "set_real");
    if (!isfinite(v)) {
        die("real column %s set to %g", rows->ep->columns[col].name, v);
    }
}

static void fake_set_time(struct or_rows *rows, size_t col, int64_t t)
{
    (void)t;
    check_cell(rows, col, OR_TYPE_TIME, OR_TYPE_TIME, "set_time");
}

static or_status fake_row_end(struct or_rows *rows)
{
    if (!rows->open) {
        die("row_end outside a row");
    }
    rows->open = 0;
    return OR_OK;
}

static long fake_rows_column(struct or_rows *rows, const char *name, enum or_type type)
{
    (void)name;
    (void)type;
    if (!rows->ep->dynamic_columns) {
        die("rows_column on a fixed schema");
    }
    return -1;
}

static or_status fake_parse_iso8601(const struct or_host *h, const char *s, int64_t *out)
{
    (void)h;
    size_t n = strlen(s);
    if (n < 10 || s[4] != '-' || s[7] != '-') {
        return OR_ERR_PARSE;
    }
    *out = (int64_t)n;
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
    if (utc_offset != NULL) {
        *utc_offset = 0;
    }
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

/* ------------------------------------------------------------------------- */
/* Plugin                                                                     */
/* ------------------------------------------------------------------------- */

static const struct or_plugin *plugin;

static void load_plugin(void)
{
    const char *path = getenv("OUTREPORT_PLUGIN_PATH");
    if (path == NULL || path[0] == '\0') {
        die("set OUTREPORT_PLUGIN_PATH to the directory holding " PLUGIN_FILE);
    }
    void *handle = NULL;
    const char *dir = path;
    while (handle == NULL && *dir != '\0') {
        const char *colon = strchr(dir, ':');
        size_t len = colon != NULL ? (size_t)(colon - dir) : strlen(dir);
        char file[4200];
        snprintf(file, sizeof(file), "%.*s/" PLUGIN_FILE, (int)len, dir);
        handle = dlopen(file, RTLD_NOW | RTLD_LOCAL);
        dir += len + (colon != NULL ? 1 : 0);
    }
    if (handle == NULL) {
        die("no loadable " PLUGIN_FILE " in %s: %s", path, dlerror());
    }
    void *sym = dlsym(handle, OR_PLUGIN_ENTRY_NAME);
    if (sym == NULL) {
        die(PLUGIN_FILE " exports no %s", OR_PLUGIN_ENTRY_NAME);
    }
    or_plugin_entry_fn *entry = NULL;
    memcpy(&entry, &sym, sizeof(entry));
    plugin = entry();
    if (plugin == NULL || plugin->abi != OR_ABI_VERSION || plugin->provider == NULL) {
        die(PLUGIN_FILE " is not a provider of ABI %d", OR_ABI_VERSION);
    }
    /* The handle stays open for the life of the process. */
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    load_plugin();
    return 0;
}

/* ------------------------------------------------------------------------- */
/* One input                                                                  */
/* ------------------------------------------------------------------------- */

static void check_message(const char *what, const char *buf, size_t n)
{
    if (memchr(buf, '\0', n) == NULL) {
        die("%s: message not NUL-terminated", what);
    }
}

static void parse_one(const struct or_endpoint *ep, const struct or_query *q, const char *body,
                      size_t len)
{
    struct or_rows rows = {.ep = ep};
    struct or_page_info info;
    char err[OR_ERR_SIZE];
    memset(&info, 0x5a, sizeof(info));
    memset(err, 0x5a, sizeof(err));
    or_status st = ep->parse_page(&host, q, 1, body, len, &rows, &info, err, sizeof(err));
    if ((int)st < 0 || st >= OR_STATUS_COUNT) {
        die("%s: status %d", ep->name, (int)st);
    }
    if (st != OR_OK) {
        check_message(ep->name, err, sizeof(err));
        if (err[0] == '\0') {
            die("%s: status %d without a message", ep->name, (int)st);
        }
        return;
    }
    if (rows.open) {
        die("%s: OR_OK with a row left open", ep->name);
    }
    if (info.has_more != 0 && info.has_more != 1) {
        die("%s: has_more %d", ep->name, info.has_more);
    }
}

/* Exact-size heap buffers, so a write past n is an overflow ASan sees. */
static void error_message_one(or_error_message_fn *fn, const char *body, size_t len)
{
    static const size_t sizes[] = {300, 16, 2, 1};
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        char *buf = malloc(sizes[i]);
        if (buf == NULL) {
            return;
        }
        memset(buf, 0x5a, sizes[i]);
        if (fn(body, len, buf, sizes[i])) {
            check_message("error_message", buf, sizes[i]);
            if (!valid_utf8((const unsigned char *)buf, strlen(buf))) {
                die("error_message: invalid UTF-8 with a %zu-byte buffer", sizes[i]);
            }
        }
        free(buf);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (plugin == NULL) {
        load_plugin();
    }
    /* An exact-size copy: any read past len is a heap overflow ASan sees. */
    char *body = malloc(size > 0 ? size : 1);
    if (body == NULL) {
        return 0;
    }
    if (size > 0) {
        memcpy(body, data, size);
    }
    static const struct or_query queries[] = {
        {.tz = "UTC"},
        {.tz = "UTC", .instance = "F1O3QJM1Y7Q1AVVUYNV4VPRB"},
    };
    const struct or_provider *p = plugin->provider;
    for (size_t e = 0; e < p->nendpoints; e++) {
        const struct or_endpoint *ep = &p->endpoints[e];
        for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
            parse_one(ep, &queries[i], body, size);
        }
        if (ep->error_message != NULL) {
            error_message_one(ep->error_message, body, size);
        }
    }
    free(body);
    return 0;
}
