/* SPDX-License-Identifier: MIT */
/*
 * Hostile responses: what a broken or malicious server sends to exhaust a
 * client's memory or time, and legal JSON that parsers choke on (main.c
 * documents the fault kinds).
 *
 *   endless      a chunked JSON body that never ends
 *   huge_length  "Content-Length: 2000000000" and filler until the client hangs up
 *   gzip_bomb    Content-Encoding: gzip; about 1 MB on the wire that inflates to
 *                `mb` MB (default 1024) of zeros, built once with zlib
 *   trickle      the real body, one byte every `ms` ms (default 1000)
 *   page_count   the real body with the first `field` (default "pages") set
 *                to `count` (default 10^13)
 *   nul          the real body with "\u0000" opening the first `field` string
 *                (default "from")
 *   bigint       the real body with the first `field` value (default "to")
 *                replaced by a 30-digit integer
 *   wide         the real body with `count` (default 2500, at most 100000)
 *                keys "x_1": 1, "x_2": 1, ... added at the end of the object
 *                holding the first `field` key (default "userId"; a flat
 *                object): a record with more columns than SQLite allows a table
 *
 * The gzip stream is a gzip header, one raw deflate chunk of 1 MB of zeros
 * ended by a full flush (so it refers to nothing before it and can be
 * repeated), repeated `mb` times, an empty final block, and the trailer:
 * CRC-32 (crc32_combine) and length.
 */
#include "mockapi.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#define HUGE_LENGTH 2000000000ULL
#define BOMB_UNIT (1u << 20)
#define BIGINT "123456789012345678901234567890"
#define PAGE_COUNT_DEFAULT 10000000000000L
#define WIDE_DEFAULT 2500
#define WIDE_MAX 100000

int
hostile_own_body(enum fault_kind kind)
{
    return kind == FAULT_ENDLESS || kind == FAULT_HUGE_LENGTH || kind == FAULT_GZIP_BOMB;
}

int
hostile_rewrites(enum fault_kind kind)
{
    return kind == FAULT_PAGE_COUNT || kind == FAULT_NUL || kind == FAULT_BIGINT ||
           kind == FAULT_WIDE;
}

/* ---- rewriting the real body --------------------------------------------- */

/* Replace [at, at + cut) of r's body by @p with. */
static int
splice(struct mock_response *r, size_t at, size_t cut, const char *with)
{
    size_t add = strlen(with);
    char *body = malloc(r->len - cut + add + 1);
    if (body == NULL) {
        return -1;
    }
    memcpy(body, r->body, at);
    memcpy(body + at, with, add);
    memcpy(body + at + add, r->body + at + cut, r->len - at - cut);
    r->len = r->len - cut + add;
    body[r->len] = '\0';
    free(r->body);
    r->body = body;
    return 0;
}

/* Where the value of the first "key": starts, or NULL. */
static char *
value_of(struct mock_response *r, const char *key)
{
    char pattern[80];
    snprintf(pattern, sizeof pattern, "\"%s\":", key);
    char *at = r->body != NULL ? strstr(r->body, pattern) : NULL;
    return at != NULL ? at + strlen(pattern) : NULL;
}

/* Length of the JSON scalar at @p v (a string with escapes, or a bare word). */
static size_t
scalar_len(const char *v)
{
    size_t n = 0;
    if (v[0] == '"') {
        for (n = 1; v[n] != '\0' && v[n] != '"'; n++) {
            n += v[n] == '\\' && v[n + 1] != '\0';
        }
        return v[n] == '"' ? n + 1 : n;
    }
    while (v[n] != '\0' && strchr(",}] \n", v[n]) == NULL) {
        n++;
    }
    return n;
}

/* `count` keys "x_N": 1 spliced in at the end of the (flat) object holding
 * the first `field` key. */
static int
widen(const struct fault_decision *fd, struct mock_response *r)
{
    char pattern[80];
    snprintf(pattern, sizeof pattern, "\"%s\":", fd->field[0] != '\0' ? fd->field : "userId");
    char *at = r->body != NULL ? strstr(r->body, pattern) : NULL;
    at = at != NULL ? strchr(at, '}') : NULL;
    if (at == NULL) {
        return 0;
    }
    long n = fd->arg > 0 ? (fd->arg < WIDE_MAX ? fd->arg : WIDE_MAX) : WIDE_DEFAULT;
    size_t cap = (size_t)n * 16 + 1, len = 0;
    char *keys = malloc(cap);
    if (keys == NULL) {
        return -1;
    }
    keys[0] = '\0';
    for (long i = 1; i <= n; i++) {
        len += (size_t)snprintf(keys + len, cap - len, ",\"x_%ld\":1", i);
    }
    int rc = splice(r, (size_t)(at - r->body), 0, keys);
    free(keys);
    return rc;
}

int
hostile_rewrite(const struct fault_decision *fd, struct mock_response *r)
{
    if (fd->kind == FAULT_WIDE) {
        return widen(fd, r);
    }
    if (fd->kind == FAULT_PAGE_COUNT) {
        char *v = value_of(r, fd->field[0] != '\0' ? fd->field : "pages");
        char count[32];
        snprintf(count, sizeof count, "%ld", fd->arg > 0 ? fd->arg : PAGE_COUNT_DEFAULT);
        return v == NULL ? 0 : splice(r, (size_t)(v - r->body), scalar_len(v), count);
    }
    if (fd->kind == FAULT_NUL) {
        char *v = value_of(r, fd->field[0] != '\0' ? fd->field : "from");
        return v == NULL || *v != '"' ? 0 : splice(r, (size_t)(v - r->body) + 1, 0, "\\u0000");
    }
    char *v = value_of(r, fd->field[0] != '\0' ? fd->field : "to");
    return v == NULL ? 0 : splice(r, (size_t)(v - r->body), scalar_len(v), BIGINT);
}

/* ---- bodies of their own --------------------------------------------------- */

static const char endless_head[] = "{\"data\":[";
static const char filler[] = "{\"_id\":\"6553a1f0e4b0c2a1d3f4e5a6\",\"outcome\":\"answered\"},";

/* The filler again and again, after @p head; pos counts from the start. */
static ssize_t
fill(const char *head, uint64_t pos, char *buf, size_t max)
{
    size_t hlen = strlen(head);
    size_t flen = sizeof filler - 1;
    size_t n = 0;
    while (n < max) {
        uint64_t at = pos + n;
        char c = at < hlen ? head[at] : filler[(at - hlen) % flen];
        buf[n++] = c;
    }
    return (ssize_t)n;
}

static ssize_t
endless_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    return fill(endless_head, pos, buf, max);
}

static ssize_t
huge_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls;
    if (pos >= HUGE_LENGTH) {
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (max > HUGE_LENGTH - pos) {
        max = (size_t)(HUGE_LENGTH - pos);
    }
    return fill(endless_head, pos, buf, max);
}

struct bomb {
    unsigned char *chunk; /* one flushed deflate chunk of BOMB_UNIT zeros */
    size_t chunk_len;
    unsigned char tail[64]; /* final block + CRC-32 + ISIZE, for `units` chunks */
    size_t tail_len;
    unsigned long unit_crc;
};

static struct bomb bomb;
static pthread_once_t bomb_once = PTHREAD_ONCE_INIT;

static void
bomb_build(void)
{
    static unsigned char zeros[BOMB_UNIT];
    static unsigned char out[BOMB_UNIT];
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        return;
    }
    zs.next_in = zeros;
    zs.avail_in = BOMB_UNIT;
    zs.next_out = out;
    zs.avail_out = sizeof out;
    if (deflate(&zs, Z_FULL_FLUSH) == Z_OK && zs.avail_in == 0) {
        bomb.chunk_len = sizeof out - zs.avail_out;
        bomb.chunk = malloc(bomb.chunk_len);
        if (bomb.chunk != NULL) {
            memcpy(bomb.chunk, out, bomb.chunk_len);
        }
        zs.next_out = bomb.tail;
        zs.avail_out = sizeof bomb.tail - 8;
        if (deflate(&zs, Z_FINISH) == Z_STREAM_END) {
            bomb.tail_len = sizeof bomb.tail - 8 - zs.avail_out;
        }
    }
    deflateEnd(&zs);
    bomb.unit_crc = crc32(crc32(0L, Z_NULL, 0), zeros, BOMB_UNIT);
}

struct bomb_body {
    uint64_t units;
    unsigned char tail[64];
    size_t tail_len;
    uint64_t size;
};

static const unsigned char gzip_head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

static ssize_t
bomb_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    const struct bomb_body *b = cls;
    uint64_t body_end = sizeof gzip_head + b->units * bomb.chunk_len;
    size_t n = 0;
    if (pos >= b->size) {
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    while (n < max && pos + n < b->size) {
        uint64_t at = pos + n;
        unsigned char c = at < sizeof gzip_head ? gzip_head[at]
                          : at < body_end ? bomb.chunk[(at - sizeof gzip_head) % bomb.chunk_len]
                                          : b->tail[at - body_end];
        buf[n++] = (char)c;
    }
    return (ssize_t)n;
}

static struct MHD_Response *
bomb_response(const struct fault_decision *fd)
{
    pthread_once(&bomb_once, bomb_build);
    struct bomb_body *b = calloc(1, sizeof *b);
    if (bomb.chunk == NULL || bomb.tail_len == 0 || b == NULL) {
        free(b);
        return NULL;
    }
    b->units = fd->arg > 0 ? (uint64_t)fd->arg : 1024;
    unsigned long crc = crc32(0L, Z_NULL, 0);
    for (uint64_t i = 0; i < b->units; i++) {
        crc = crc32_combine(crc, bomb.unit_crc, BOMB_UNIT);
    }
    uint32_t isize = (uint32_t)(b->units * BOMB_UNIT);
    memcpy(b->tail, bomb.tail, bomb.tail_len);
    for (int i = 0; i < 4; i++) {
        b->tail[bomb.tail_len + i] = (unsigned char)(crc >> (8 * i));
        b->tail[bomb.tail_len + 4 + i] = (unsigned char)(isize >> (8 * i));
    }
    b->tail_len = bomb.tail_len + 8;
    b->size = sizeof gzip_head + b->units * bomb.chunk_len + b->tail_len;
    struct MHD_Response *resp =
        MHD_create_response_from_callback(b->size, 65536, bomb_reader, b, free);
    if (resp == NULL) {
        free(b);
        return NULL;
    }
    MHD_add_response_header(resp, "Content-Encoding", "gzip");
    return resp;
}

struct trickle {
    char *body;
    size_t len;
    long ms;
};

/* One byte per call, after a pause: the pool thread sleeps, so a trickle
 * slows the other connections of its thread too (fine for a test server). */
static ssize_t
trickle_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
    const struct trickle *t = cls;
    if (pos >= t->len) {
        return MHD_CONTENT_READER_END_OF_STREAM;
    }
    if (pos > 0) {
        struct timespec ts = {t->ms / 1000, (t->ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    (void)max;
    buf[0] = t->body[pos];
    return 1;
}

static void
trickle_free(void *cls)
{
    struct trickle *t = cls;
    free(t->body);
    free(t);
}

struct MHD_Response *
hostile_response(const struct fault_decision *fd, struct mock_response *r)
{
    if (fd->kind == FAULT_ENDLESS) {
        return MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 65536, endless_reader, NULL,
                                                 NULL);
    }
    if (fd->kind == FAULT_HUGE_LENGTH) {
        return MHD_create_response_from_callback(HUGE_LENGTH, 65536, huge_reader, NULL, NULL);
    }
    if (fd->kind == FAULT_GZIP_BOMB) {
        return bomb_response(fd);
    }
    struct trickle *t = calloc(1, sizeof *t);
    if (t == NULL) {
        return NULL;
    }
    t->body = r->body;
    t->len = r->len;
    t->ms = fd->arg > 0 ? fd->arg : 1000;
    r->body = NULL;
    struct MHD_Response *resp =
        MHD_create_response_from_callback(t->len, 1, trickle_reader, t, trickle_free);
    if (resp == NULL) {
        trickle_free(t);
    }
    return resp;
}
