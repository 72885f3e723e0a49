/* SPDX-License-Identifier: MIT */
/*
 * Tests of the HTTP response cache against libmicrohttpd servers running
 * inside the test process on loopback ports chosen by the kernel.  Each
 * server counts the requests it answers; its replies carry that count, so
 * a body tells which request produced it.  Built by meson, or directly:
 *
 *   gcc -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -fsanitize=address,undefined \
 *       -Iinclude -Isrc -Ibuild src/http*.c src/redact.c tests/test_http_cache.c \
 *       $(pkg-config --cflags --libs libcurl glib-2.0 jansson cmocka libmicrohttpd) \
 *       -lpthread -o /tmp/thc && /tmp/thc
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <jansson.h>
#include <microhttpd.h>

#include "http/http.h"
#include "http/http_cache.h"
#include "http/http_request.h"
#include "base/redact.h"

/* ------------------------------------------------------------------ */
/* Counting servers                                                    */

struct server {
    struct MHD_Daemon *daemon;
    char base_url[64];
    char name[8]; /* in every reply body, to tell the servers apart */
    GMutex lock;
    unsigned count;
    unsigned fail_first; /* answer the first this-many requests with 500 */
    int echo_query;      /* nonzero: replies echo the query string */
};

static struct server srv_a;
static struct server srv_b;

static enum MHD_Result
add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    (void)kind;
    GString *q = cls;
    g_string_append_printf(q, "%s=%s;", key, value != NULL ? value : "");
    return MHD_YES;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
           const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    (void)method;
    (void)version;
    (void)upload;
    struct server *s = cls;
    /* Answer once the whole request (and its body) is in. */
    if (*con_cls == NULL) {
        *con_cls = s;
        return MHD_YES;
    }
    if (*upload_size > 0) {
        *upload_size = 0;
        return MHD_YES;
    }
    g_mutex_lock(&s->lock);
    unsigned nth = s->count++;
    g_mutex_unlock(&s->lock);

    unsigned status = nth < s->fail_first ? 500 : 200;
    GString *body = g_string_new(NULL);
    g_string_append_printf(body, "{\"server\":\"%s\",\"n\":%u,\"path\":\"%s\"", s->name, nth, url);
    if (s->echo_query) {
        GString *q = g_string_new(NULL);
        MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, q);
        g_string_append_printf(body, ",\"query\":\"%s\"", q->str);
        g_string_free(q, TRUE);
    }
    g_string_append(body, "}");
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(body->len, body->str, MHD_RESPMEM_MUST_COPY);
    g_string_free(body, TRUE);
    if (resp == NULL) {
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    enum MHD_Result ret = MHD_queue_response(c, status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static void
server_start(struct server *s, const char *name)
{
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof(sin));
    sin.sin_family = AF_INET;
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    snprintf(s->name, sizeof(s->name), "%s", name);
    s->daemon = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION, 0,
                                 NULL, NULL, on_request, s, MHD_OPTION_SOCK_ADDR,
                                 (struct sockaddr *)&sin, MHD_OPTION_END);
    assert_non_null(s->daemon);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    assert_non_null(info);
    assert_true(info->port != 0);
    snprintf(s->base_url, sizeof(s->base_url), "http://127.0.0.1:%u", (unsigned)info->port);
}

static void
server_stop(struct server *s)
{
    if (s->daemon != NULL) {
        MHD_stop_daemon(s->daemon);
        s->daemon = NULL;
    }
}

static unsigned
server_count(struct server *s)
{
    g_mutex_lock(&s->lock);
    unsigned n = s->count;
    g_mutex_unlock(&s->lock);
    return n;
}

/* ------------------------------------------------------------------ */
/* Clients and outcomes                                                */

struct outcome {
    int calls;
    or_status status;
    long http_status;
    char *body;
    size_t len;
    int attempts;
    int from_replay;
    int from_cache;
    char msg[OR_ERR_SIZE];
};

static int
on_done(void *ud, size_t index, or_status st, struct or_http_response *resp, const char *errmsg,
        int *free_body)
{
    struct outcome *o = &((struct outcome *)ud)[index];
    o->calls++;
    o->status = st;
    o->http_status = resp->status;
    o->attempts = resp->attempts;
    o->from_replay = resp->from_replay;
    o->from_cache = resp->from_cache;
    snprintf(o->msg, sizeof(o->msg), "%s", errmsg != NULL ? errmsg : "(null)");
    g_free(o->body);
    o->body = resp->body;
    o->len = resp->len;
    *free_body = 0;
    return 0;
}

static void
outcomes_free(struct outcome *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_free(o[i].body);
    }
    memset(o, 0, n * sizeof(*o));
}

/* Run a batch; @p o is reset first (its bodies freed). */
static void
run(struct or_http *http, const struct or_http_request *reqs, size_t n, struct outcome *o)
{
    outcomes_free(o, n);
    char err[OR_ERR_SIZE] = "";
    assert_int_equal(or_http_perform(http, reqs, n, on_done, o, err, sizeof(err)), OR_OK);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(o[i].calls, 1);
    }
}

static struct or_http *
client_opts(const struct or_http_options *extra)
{
    struct or_http_options opts = *extra;
    opts.connect_timeout_ms = 2000;
    opts.timeout_ms = 5000;
    opts.max_retries = -1; /* none: a 500 is final */
    struct or_http *http = NULL;
    char err[OR_ERR_SIZE] = "";
    or_status st = or_http_new(&opts, &http, err, sizeof(err));
    if (st != OR_OK) {
        fail_msg("or_http_new: %s", err);
    }
    return http;
}

static struct or_http *
client(const char *cache_dir)
{
    struct or_http_options opts = {.cache_dir = cache_dir};
    return client_opts(&opts);
}

static struct or_http_request
get_req(const struct server *s, const char *path_query)
{
    struct or_http_request r = {
        .method = "GET",
        .base_url = s->base_url,
        .path_query = path_query,
        .label = path_query,
    };
    return r;
}

static char *
tmp_dir(void)
{
    char *dir = g_dir_make_tmp("or-http-cache-XXXXXX", NULL);
    assert_non_null(dir);
    return dir;
}

/* Remove @p dir and everything below it, then free the name. */
static void
rm_tree(char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d != NULL) {
        const char *name;
        for (name = g_dir_read_name(d); name != NULL; name = g_dir_read_name(d)) {
            char *p = g_build_filename(dir, name, NULL);
            if (g_file_test(p, G_FILE_TEST_IS_DIR)) {
                rm_tree(p);
            }
            else {
                g_unlink(p);
                g_free(p);
            }
        }
        g_dir_close(d);
    }
    g_rmdir(dir);
    g_free(dir);
}

static int
count_files(const char *dir)
{
    int n = 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    while (g_dir_read_name(d) != NULL) {
        n++;
    }
    g_dir_close(d);
    return n;
}

static char *
entry_file(const char *dir, const struct or_http_request *req, const char *suffix)
{
    char key[65];
    or_http_cache_key(req, key);
    return g_strdup_printf("%s/%s%s", dir, key, suffix);
}

/* Set the `created` time in the metadata of @p req's entry. */
static void
set_created(const char *dir, const struct or_http_request *req, json_int_t created)
{
    char *path = entry_file(dir, req, ".meta");
    json_error_t jerr;
    json_t *meta = json_load_file(path, 0, &jerr);
    assert_non_null(meta);
    assert_true(json_is_integer(json_object_get(meta, "created")));
    assert_int_equal(json_object_set_new(meta, "created", json_integer(created)), 0);
    assert_int_equal(json_dump_file(meta, path, JSON_INDENT(2)), 0);
    json_decref(meta);
    g_free(path);
}

static int
setup(void **state)
{
    (void)state;
    struct server *all[] = {&srv_a, &srv_b};
    for (size_t i = 0; i < 2; i++) {
        memset(all[i], 0, sizeof(*all[i]));
        g_mutex_init(&all[i]->lock);
    }
    return 0;
}

static int
teardown(void **state)
{
    (void)state;
    server_stop(&srv_a);
    server_stop(&srv_b);
    g_mutex_clear(&srv_a.lock);
    g_mutex_clear(&srv_b.lock);
    or_redact_clear();
    return 0;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
second_request_within_ttl_is_served_from_cache_without_network(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request req = get_req(&srv_a, "/v1/calls?page=1");
    struct outcome first[1] = {{0}};
    struct outcome again[1] = {{0}};
    run(http, &req, 1, first);
    assert_int_equal(first[0].status, OR_OK);
    assert_int_equal(first[0].attempts, 1);
    assert_int_equal(first[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 1);

    run(http, &req, 1, again);
    assert_int_equal(server_count(&srv_a), 1);
    assert_int_equal(again[0].status, OR_OK);
    assert_int_equal(again[0].http_status, 200);
    assert_int_equal(again[0].attempts, 0);
    assert_int_equal(again[0].from_cache, 1);
    assert_int_equal(again[0].from_replay, 0);
    assert_string_equal(again[0].msg, "");
    assert_int_equal(again[0].len, first[0].len);
    assert_memory_equal(again[0].body, first[0].body, first[0].len);
    assert_int_equal(again[0].body[again[0].len], '\0');
    or_http_free(http);

    /* The entry outlives the client: a later run is served too. */
    http = client(dir);
    run(http, &req, 1, again);
    assert_int_equal(server_count(&srv_a), 1);
    assert_int_equal(again[0].from_cache, 1);
    assert_memory_equal(again[0].body, first[0].body, first[0].len);
    or_http_free(http);
    outcomes_free(first, 1);
    outcomes_free(again, 1);
    rm_tree(dir);
}

static void
entry_past_ttl_is_refetched_and_replaced(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http_options opts = {.cache_dir = dir, .cache_ttl_s = 60};
    struct or_http *http = client_opts(&opts);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    assert_non_null(strstr(o[0].body, "\"n\":0"));

    /* 30 s old with a 60 s TTL: still served. */
    time_t now = time(NULL);
    set_created(dir, &req, (json_int_t)now - 30);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_int_equal(server_count(&srv_a), 1);

    /* 61 s old: refetched, and the new response replaces the entry. */
    set_created(dir, &req, (json_int_t)now - 61);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(o[0].attempts, 1);
    assert_int_equal(server_count(&srv_a), 2);
    assert_non_null(strstr(o[0].body, "\"n\":1"));
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_non_null(strstr(o[0].body, "\"n\":1"));
    assert_int_equal(server_count(&srv_a), 2);
    assert_int_equal(count_files(dir), 2);

    /* An expired entry is deleted when met, even if the refetch fails:
     * it is never served past its TTL. */
    set_created(dir, &req, (json_int_t)now - 3600);
    server_stop(&srv_a);
    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_ERR_NETWORK);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(count_files(dir), 0);
    outcomes_free(o, 1);
    or_http_free(http);

    /* The default TTL is 900 s. */
    server_start(&srv_a, "a");
    unsigned before = server_count(&srv_a);
    req = get_req(&srv_a, "/v1/calls");
    http = client(dir);
    run(http, &req, 1, o);
    set_created(dir, &req, (json_int_t)time(NULL) - 890);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    set_created(dir, &req, (json_int_t)time(NULL) - 901);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), before + 2);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
future_created_time_counts_as_expired(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    set_created(dir, &req, (json_int_t)time(NULL) + 3600);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 2);
    assert_non_null(strstr(o[0].body, "\"n\":1"));
    /* The refetch wrote an entry created now, which is served. */
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_int_equal(server_count(&srv_a), 2);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
errors_are_never_cached(void **state)
{
    (void)state;
    srv_a.fail_first = 1;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_ERR_HTTP);
    assert_int_equal(o[0].http_status, 500);
    assert_int_equal(count_files(dir), 0);

    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].http_status, 200);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 2);
    assert_int_equal(count_files(dir), 2);

    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_int_equal(o[0].http_status, 200);
    assert_int_equal(server_count(&srv_a), 2);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
different_credentials_do_not_share_entries(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_header alice[] = {
        {.name = "Authorization", .value = "Bearer alice-1234", .secret = 1}};
    struct or_http_header bob[] = {
        {.name = "Authorization", .value = "Bearer bob-5678", .secret = 1}};
    struct or_http_request reqs[2] = {
        get_req(&srv_a, "/v1/calls"),
        get_req(&srv_a, "/v1/calls"),
    };
    reqs[0].headers = alice;
    reqs[0].nheaders = 1;
    reqs[1].headers = bob;
    reqs[1].nheaders = 1;
    struct outcome o[1] = {{0}};
    run(http, &reqs[0], 1, o);
    run(http, &reqs[1], 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 2);
    assert_int_equal(count_files(dir), 4);
    /* Each account's entry serves that account. */
    run(http, &reqs[0], 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_non_null(strstr(o[0].body, "\"n\":0"));
    run(http, &reqs[1], 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_non_null(strstr(o[0].body, "\"n\":1"));
    assert_int_equal(server_count(&srv_a), 2);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
different_base_urls_do_not_share_entries(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    server_start(&srv_b, "b");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request ra = get_req(&srv_a, "/v1/calls?page=1");
    struct or_http_request rb = get_req(&srv_b, "/v1/calls?page=1");
    struct outcome o[1] = {{0}};
    run(http, &ra, 1, o);
    run(http, &rb, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_non_null(strstr(o[0].body, "\"server\":\"b\""));
    assert_int_equal(server_count(&srv_a), 1);
    assert_int_equal(server_count(&srv_b), 1);
    run(http, &rb, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_non_null(strstr(o[0].body, "\"server\":\"b\""));
    run(http, &ra, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_non_null(strstr(o[0].body, "\"server\":\"a\""));
    assert_int_equal(server_count(&srv_a), 1);
    assert_int_equal(server_count(&srv_b), 1);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
assert_mode(const char *path, unsigned mode)
{
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    if ((sb.st_mode & 07777) != mode) {
        fail_msg("%s has mode %04o, not %04o", path, (unsigned)(sb.st_mode & 07777), mode);
    }
}

static void
cache_dir_is_0700_and_entries_0600(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    mode_t old_umask = umask(0);
    char *top = tmp_dir();
    char *dir = g_build_filename(top, "cache", "http", NULL);
    struct or_http *http = client(dir);
    assert_mode(dir, 0700);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    or_http_free(http);
    assert_int_equal(count_files(dir), 2); /* no temporary file left over */
    char *meta = entry_file(dir, &req, ".meta");
    char *body = entry_file(dir, &req, ".body");
    assert_mode(meta, 0600);
    assert_mode(body, 0600);

    /* An existing directory open to others is made private. */
    assert_int_equal(chmod(dir, 0777), 0);
    http = client(dir);
    assert_mode(dir, 0700);
    or_http_free(http);

    /* A negative TTL is refused. */
    char err[OR_ERR_SIZE] = "";
    struct or_http_options negative = {.cache_dir = dir, .cache_ttl_s = -1};
    assert_int_equal(or_http_new(&negative, &http, err, sizeof(err)), OR_ERR_INVALID);
    assert_null(http);
    umask(old_umask);
    outcomes_free(o, 1);
    g_free(meta);
    g_free(body);
    g_free(dir);
    rm_tree(top);
}

/* A service user's $HOME may be /nonexistent: a cache folder that cannot be
 * created (here: under a regular file), or a file where it should be, costs
 * the cache, not the run; nothing is created and every request goes out. */
static void
uncreatable_cache_dir_is_a_client_without_cache(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *top = tmp_dir();
    char *file = g_build_filename(top, "file", NULL);
    assert_true(g_file_set_contents(file, "x", 1, NULL));
    char *under = g_build_filename(file, "cache", "http", NULL);
    const char *dirs[] = {file, under};
    for (size_t i = 0; i < 2; i++) {
        struct or_http_options opts = {.cache_dir = dirs[i]};
        struct or_http *http = NULL;
        char err[OR_ERR_SIZE] = "";
        assert_int_equal(or_http_new(&opts, &http, err, sizeof(err)), OR_OK);
        assert_non_null(http);
        struct or_http_request req = get_req(&srv_a, "/v1/calls");
        struct outcome o[1] = {{0}};
        run(http, &req, 1, o);
        assert_int_equal(o[0].status, OR_OK);
        run(http, &req, 1, o);
        assert_int_equal(o[0].status, OR_OK);
        assert_int_equal(o[0].from_cache, 0);
        struct or_http_stats st;
        or_http_get_stats(http, &st);
        assert_int_equal(st.cached, 0);
        or_http_free(http);
        outcomes_free(o, 1);
    }
    assert_int_equal(server_count(&srv_a), 4);
    assert_true(g_file_test(file, G_FILE_TEST_IS_REGULAR));
    g_free(under);
    g_free(file);
    rm_tree(top);
}

/* Whether any file under @p dir contains @p needle. */
static int
dir_contains(const char *dir, const char *needle)
{
    int found = 0;
    GDir *d = g_dir_open(dir, 0, NULL);
    assert_non_null(d);
    const char *name;
    for (name = g_dir_read_name(d); name != NULL; name = g_dir_read_name(d)) {
        char *p = g_build_filename(dir, name, NULL);
        char *data = NULL;
        gsize len = 0;
        assert_true(g_file_get_contents(p, &data, &len, NULL));
        if (memmem(data, len, needle, strlen(needle)) != NULL ||
            memmem(name, strlen(name), needle, strlen(needle)) != NULL) {
            found = 1;
        }
        g_free(data);
        g_free(p);
    }
    g_dir_close(d);
    return found;
}

static void
cache_files_contain_no_secret(void **state)
{
    (void)state;
    static const char secret[] = "sk_live_CACHESECRET77";
    or_redact_add(secret);
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_header headers[] = {
        {.name = "Authorization", .value = "Bearer sk_live_CACHESECRET77", .secret = 1},
    };
    struct or_http_request req = get_req(&srv_a, "/v1/calls?api_key=sk_live_CACHESECRET77&p=2");
    req.headers = headers;
    req.nheaders = 1;
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(count_files(dir), 2);
    assert_false(dir_contains(dir, secret));
    /* Nor its hash, which would let a guess be checked. */
    char *hash = g_compute_checksum_for_string(G_CHECKSUM_SHA256, secret, -1);
    assert_false(dir_contains(dir, hash));
    g_free(hash);
    assert_true(dir_contains(dir, "\"path_query\": \"/v1/calls?api_key=***&p=2\""));
    assert_true(dir_contains(dir, "\"method\": \"GET\""));
    assert_true(dir_contains(dir, "\"status\": 200"));
    assert_true(dir_contains(dir, "\"content_type\": \"application/json\""));
    assert_true(dir_contains(dir, "\"created\": "));
    /* And the entry is served. */
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_int_equal(server_count(&srv_a), 1);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
response_containing_a_secret_is_not_cached(void **state)
{
    (void)state;
    static const char secret[] = "sk_live_ECHOEDSECRET9";
    or_redact_add(secret);
    srv_a.echo_query = 1;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request req = get_req(&srv_a, "/v1/calls?api_key=sk_live_ECHOEDSECRET9");
    struct outcome o[1] = {{0}};
    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_OK);
    /* The caller gets the body as sent... */
    assert_non_null(strstr(o[0].body, secret));
    /* ...but it is not kept. */
    assert_int_equal(count_files(dir), 0);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 2);
    outcomes_free(o, 1);
    or_http_free(http);
    rm_tree(dir);
}

static void
corrupt_entry_is_refetched(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    char *meta = entry_file(dir, &req, ".meta");
    char *body = entry_file(dir, &req, ".body");
    static const char *const bad_meta[] = {
        "{not json",
        "",
        "[1,2,3]",
        "{\"created\":\"yesterday\",\"status\":200}",
        "{\"created\":1,\"status\":200}", /* no size or hash of the body */
    };
    struct outcome o[1] = {{0}};
    unsigned expect = 0;
    run(http, &req, 1, o);
    expect++;

    for (size_t i = 0; i < G_N_ELEMENTS(bad_meta); i++) {
        assert_true(g_file_set_contents(meta, bad_meta[i], -1, NULL));
        run(http, &req, 1, o);
        expect++;
        assert_int_equal(o[0].status, OR_OK);
        assert_int_equal(o[0].from_cache, 0);
        assert_int_equal(server_count(&srv_a), expect);
    }

    /* Missing metadata; missing body; a body cut short; a body changed. */
    assert_int_equal(g_unlink(meta), 0);
    run(http, &req, 1, o);
    assert_int_equal(server_count(&srv_a), ++expect);
    assert_int_equal(g_unlink(body), 0);
    run(http, &req, 1, o);
    assert_int_equal(server_count(&srv_a), ++expect);
    assert_true(g_file_set_contents(body, "{\"ser", -1, NULL));
    run(http, &req, 1, o);
    assert_int_equal(server_count(&srv_a), ++expect);
    char *data = NULL;
    gsize len = 0;
    assert_true(g_file_get_contents(body, &data, &len, NULL));
    assert_true(len > 0);
    data[len - 1] = data[len - 1] == '}' ? ']' : '}';
    assert_true(g_file_set_contents(body, data, (gssize)len, NULL));
    g_free(data);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), ++expect);

    /* After all that, the rewritten entry is whole and served. */
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 1);
    assert_int_equal(server_count(&srv_a), expect);
    assert_non_null(strstr(o[0].body, "}"));
    outcomes_free(o, 1);
    or_http_free(http);
    g_free(meta);
    g_free(body);
    rm_tree(dir);
}

static void
replay_bypasses_cache(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *top = tmp_dir();
    char *rec = g_build_filename(top, "rec", NULL);
    char *cache = g_build_filename(top, "cache", NULL);
    struct or_http_request req = get_req(&srv_a, "/v1/calls");
    struct outcome o[1] = {{0}};

    /* Record n=0; then cache n=1. */
    struct or_http_options rec_opts = {.record_dir = rec};
    struct or_http *http = client_opts(&rec_opts);
    run(http, &req, 1, o);
    or_http_free(http);
    http = client(cache);
    run(http, &req, 1, o);
    assert_non_null(strstr(o[0].body, "\"n\":1"));
    or_http_free(http);
    assert_int_equal(count_files(cache), 2);

    /* The replay serves the recording, never the cache. */
    struct or_http_options rep_opts = {.replay_dir = rec, .cache_dir = cache};
    http = client_opts(&rep_opts);
    run(http, &req, 1, o);
    assert_int_equal(o[0].status, OR_OK);
    assert_int_equal(o[0].from_replay, 1);
    assert_int_equal(o[0].from_cache, 0);
    assert_non_null(strstr(o[0].body, "\"n\":0"));
    struct or_http_stats st;
    or_http_get_stats(http, &st);
    assert_int_equal(st.replayed, 1);
    assert_int_equal(st.cached, 0);
    assert_int_equal(server_count(&srv_a), 2);
    or_http_free(http);
    assert_int_equal(count_files(cache), 2);

    /* Nor does a replay create the cache directory. */
    char *unused = g_build_filename(top, "unused", NULL);
    rep_opts.cache_dir = unused;
    http = client_opts(&rep_opts);
    or_http_free(http);
    assert_false(g_file_test(unused, G_FILE_TEST_EXISTS));

    /* Recording too bypasses the cache (every exchange is real and
     * recorded), and does not create the cache directory. */
    struct or_http_options both = {.record_dir = rec, .cache_dir = unused};
    http = client_opts(&both);
    run(http, &req, 1, o);
    run(http, &req, 1, o);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 4);
    assert_false(g_file_test(unused, G_FILE_TEST_EXISTS));
    or_http_free(http);
    outcomes_free(o, 1);
    g_free(unused);
    g_free(rec);
    g_free(cache);
    rm_tree(top);
}

static void
stats_count_cached_responses(void **state)
{
    (void)state;
    server_start(&srv_a, "a");
    char *dir = tmp_dir();
    struct or_http *http = client(dir);
    struct or_http_request reqs[4] = {
        get_req(&srv_a, "/v1/a"),
        get_req(&srv_a, "/v1/b"),
        get_req(&srv_a, "/v1/c"),
        get_req(&srv_a, "/v1/d"),
    };
    reqs[2].method = "POST";
    reqs[2].body = "{\"filter\":1}";
    reqs[2].body_len = strlen(reqs[2].body);
    struct outcome o[4];
    memset(o, 0, sizeof(o));
    struct or_http_stats st;
    run(http, reqs, 3, o);
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, 3);
    assert_int_equal(st.cached, 0);

    run(http, reqs, 4, o);
    or_http_get_stats(http, &st);
    assert_int_equal(st.requests, 4);
    assert_int_equal(st.cached, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(o[i].from_cache, 1);
        assert_int_equal(o[i].attempts, 0);
    }
    assert_int_equal(o[3].from_cache, 0);
    assert_int_equal(server_count(&srv_a), 4);

    /* A POST with another body is another entry. */
    reqs[2].body = "{\"filter\":2}";
    reqs[2].body_len = strlen(reqs[2].body);
    run(http, &reqs[2], 1, o);
    or_http_get_stats(http, &st);
    assert_int_equal(o[0].from_cache, 0);
    assert_int_equal(st.requests, 5);
    assert_int_equal(st.cached, 3);
    outcomes_free(o, 4);
    or_http_free(http);
    rm_tree(dir);
}

static void
cache_key_covers_every_part_and_no_plain_secret(void **state)
{
    (void)state;
    struct or_http_header secret[] = {{.name = "X-Api-Key", .value = "k-111", .secret = 1}};
    struct or_http_header other[] = {{.name = "X-Api-Key", .value = "k-222", .secret = 1}};
    struct or_http_header plain[] = {{.name = "X-Trace", .value = "t-1"}};
    struct or_http_request base = {
        .method = "GET",
        .base_url = "https://a.example",
        .path_query = "/v1/x?p=1",
        .headers = secret,
        .nheaders = 1,
    };
    char k0[65];
    or_http_cache_key(&base, k0);
    assert_int_equal(strlen(k0), 64);

    struct or_http_request r = base;
    char k[65];
    r.base_url = "https://b.example";
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    r = base;
    r.method = "POST";
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    r = base;
    r.path_query = "/v1/x?p=2";
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    r = base;
    r.body = "{}";
    r.body_len = 2;
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    r = base;
    r.headers = other;
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    /* Fields do not run together. */
    r = base;
    r.base_url = "https://a.example/v1";
    r.path_query = "/x?p=1";
    or_http_cache_key(&r, k);
    assert_string_not_equal(k, k0);
    /* Headers that are not secret are not part of it. */
    struct or_http_header both[] = {secret[0], plain[0]};
    r = base;
    r.headers = both;
    r.nheaders = 2;
    or_http_cache_key(&r, k);
    assert_string_equal(k, k0);
    /* Unlike the record/replay key. */
    char rk[65];
    or_http_request_key(&base, rk);
    assert_string_not_equal(rk, k0);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(second_request_within_ttl_is_served_from_cache_without_network),
        T(entry_past_ttl_is_refetched_and_replaced),
        T(future_created_time_counts_as_expired),
        T(errors_are_never_cached),
        T(different_credentials_do_not_share_entries),
        T(different_base_urls_do_not_share_entries),
        T(cache_dir_is_0700_and_entries_0600),
        T(uncreatable_cache_dir_is_a_client_without_cache),
        T(cache_files_contain_no_secret),
        T(response_containing_a_secret_is_not_cached),
        T(corrupt_entry_is_refetched),
        T(replay_bypasses_cache),
        T(stats_count_cached_responses),
        T(cache_key_covers_every_part_and_no_plain_secret),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
