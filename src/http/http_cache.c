/* SPDX-License-Identifier: MIT */
/* The on-disk response cache of the HTTP client: see http_cache.h. */
#include "http/http_cache.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <jansson.h>

#include "base/json_text.h"
#include "base/redact.h"
#include "base/status_str.h"
#include "http/http_files.h"

/* Part of every key: a change of the entry format changes it, and old
 * entries are then simply never found again. */
#define KEY_TAG "outreport-http-cache-v1"

static void
update_field(GChecksum *sum, const char *data, size_t len)
{
    char prefix[32];
    snprintf(prefix, sizeof(prefix), "%zu:", len);
    g_checksum_update(sum, (const guchar *)prefix, (gssize)strlen(prefix));
    if (len > 0) {
        g_checksum_update(sum, (const guchar *)data, (gssize)len);
    }
}

static void
update_string(GChecksum *sum, const char *s)
{
    update_field(sum, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

void
or_http_cache_key(const struct or_http_request *req, char hex[65])
{
    GChecksum *inner = g_checksum_new(G_CHECKSUM_SHA256);
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    if (inner == NULL || sum == NULL) {
        /* Only when GLib lacks SHA-256, which it never does. */
        hex[0] = '\0';
        goto done;
    }
    /* The credentials go in only as the hash of their hash: entries of two
     * accounts differ, and nothing on disk helps recover a secret. */
    for (size_t i = 0; i < req->nheaders; i++) {
        const struct or_http_header *h = &req->headers[i];
        if (h->secret) {
            update_string(inner, h->name);
            update_string(inner, h->value);
        }
    }
    update_string(sum, KEY_TAG);
    update_string(sum, req->base_url);
    update_string(sum, req->method != NULL ? req->method : "GET");
    update_string(sum, req->path_query);
    update_field(sum, req->body, req->body != NULL ? req->body_len : 0);
    update_string(sum, g_checksum_get_string(inner));
    snprintf(hex, 65, "%s", g_checksum_get_string(sum));

done:
    if (sum != NULL) {
        g_checksum_free(sum);
    }
    if (inner != NULL) {
        g_checksum_free(inner);
    }
}

or_status
or_http_cache_open(const char *dir, char *err, size_t errlen)
{
    struct stat sb;
    if (dir == NULL || dir[0] == '\0') {
        or_set_err(err, errlen, "the HTTP cache directory is empty");
        return OR_ERR_IO;
    }
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        or_set_err(err, errlen, "cannot create the HTTP cache directory %s: %s", dir,
                   g_strerror(errno));
        return OR_ERR_IO;
    }
    if (stat(dir, &sb) != 0) {
        or_set_err(err, errlen, "cannot use the HTTP cache directory %s: %s", dir,
                   g_strerror(errno));
        return OR_ERR_IO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        or_set_err(err, errlen, "the HTTP cache %s is not a directory", dir);
        return OR_ERR_IO;
    }
    /* Whoever owns the directory could plant responses in it. */
    if (sb.st_uid != geteuid()) {
        or_set_err(err, errlen, "the HTTP cache directory %s belongs to another user", dir);
        return OR_ERR_IO;
    }
    if ((sb.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
        or_set_err(err, errlen, "cannot make the HTTP cache directory %s private: %s", dir,
                   g_strerror(errno));
        return OR_ERR_IO;
    }
    return OR_OK;
}

static void
remove_entry(const char *meta_path, const char *body_path)
{
    /* Metadata first: an entry without it is a miss whatever the body. */
    unlink(meta_path);
    unlink(body_path);
}

static int
hex_sha256_equal(const char *data, size_t len, const char *want)
{
    char *got = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    int same = got != NULL && want != NULL && strcmp(got, want) == 0;
    g_free(got);
    return same;
}

or_status
or_http_cache_load(const char *dir, const char *key, long ttl_s, int64_t now_s, size_t max,
                   long *status, char **body, size_t *len)
{
    or_status st = OR_ERR_NOT_FOUND;
    char *data = NULL;
    size_t data_len = 0;
    char *meta_path = or_http_entry_path(dir, key, ".meta");
    char *body_path = or_http_entry_path(dir, key, ".body");
    json_t *meta = or_http_read_meta(meta_path, NULL, 0);
    if (meta == NULL) {
        if (access(meta_path, F_OK) == 0) {
            remove_entry(meta_path, body_path);
        }
        goto done;
    }
    json_t *jcreated = json_object_get(meta, "created");
    json_t *jstatus = json_object_get(meta, "status");
    json_t *jsize = json_object_get(meta, "body_size");
    json_t *jsha = json_object_get(meta, "body_sha256");
    if (!json_is_integer(jcreated) || !json_is_integer(jstatus) || !json_is_integer(jsize) ||
        !json_is_string(jsha) || json_integer_value(jstatus) < 200 ||
        json_integer_value(jstatus) > 299 || json_integer_value(jsize) < 0 ||
        (unsigned long long)json_integer_value(jsize) > (unsigned long long)max) {
        remove_entry(meta_path, body_path);
        goto done;
    }
    /* A time in the future is a clock that went back, or a planted entry:
     * either way its age is unknown. */
    json_int_t created = json_integer_value(jcreated);
    if (created > now_s || created <= now_s - ttl_s) {
        remove_entry(meta_path, body_path);
        goto done;
    }
    /* A body missing, cut short, or one of another response written beside
     * this metadata by a concurrent writer, is a miss. */
    if (or_http_read_file(body_path, max, &data, &data_len, NULL, 0) != OR_OK ||
        (json_int_t)data_len != json_integer_value(jsize) ||
        !hex_sha256_equal(data, data_len, json_string_value(jsha))) {
        remove_entry(meta_path, body_path);
        goto done;
    }
    *status = (long)json_integer_value(jstatus);
    *body = data;
    *len = data_len;
    data = NULL;
    st = OR_OK;

done:
    g_free(data);
    json_decref(meta);
    g_free(body_path);
    g_free(meta_path);
    return st;
}

/* Whether registered secrets occur in the bytes; segments between NUL bytes
 * are checked one by one, as redaction works on C strings.  OR_ERR_NOMEM
 * when no copy could be made. */
static or_status
find_secret(const char *data, size_t len, int *found)
{
    char *copy = g_try_malloc(len + 1);
    if (copy == NULL) {
        return OR_ERR_NOMEM;
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    copy[len] = '\0';
    *found = 0;
    size_t pos = 0;
    while (pos <= len && !*found) {
        size_t seg = strlen(copy + pos);
        /* A secret is longer than its mask, so redacting shortens the text. */
        or_redact_inplace(copy + pos, seg + 1);
        *found = strlen(copy + pos) != seg;
        pos += seg + 1;
    }
    g_free(copy);
    return OR_OK;
}

static json_t *
redacted_string(const char *s)
{
    if (s == NULL) {
        return json_null();
    }
    char *copy = g_strdup(s);
    or_redact_inplace(copy, strlen(copy) + 1);
    json_t *value = json_string(copy);
    g_free(copy);
    return value;
}

/* For people looking into the cache and for the checks of a lookup; every
 * string that came from the request goes through the redaction. */
static char *
metadata_json(const struct or_http_request *req, int64_t now_s, long status,
              const char *content_type, const char *body, size_t len)
{
    char *text = NULL;
    char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)body, len);
    json_t *root = json_object();
    if (root == NULL || sha == NULL) {
        goto done;
    }
    int bad = json_object_set_new(root, "created", json_integer((json_int_t)now_s));
    bad |= json_object_set_new(root, "status", json_integer(status));
    bad |= json_object_set_new(root, "content_type", redacted_string(content_type));
    bad |= json_object_set_new(root, "method",
                               redacted_string(req->method != NULL ? req->method : "GET"));
    bad |= json_object_set_new(root, "path_query",
                               redacted_string(req->path_query != NULL ? req->path_query : ""));
    bad |= json_object_set_new(root, "body_size", json_integer((json_int_t)len));
    bad |= json_object_set_new(root, "body_sha256", json_string(sha));
    if (bad == 0) {
        text = or_json_text(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, 0);
    }

done:
    json_decref(root);
    g_free(sha);
    return text;
}

or_status
or_http_cache_store(const char *dir, const struct or_http_request *req, const char *key,
                    int64_t now_s, long status, const char *content_type, const char *body,
                    size_t len, char *err, size_t errlen)
{
    if (status < 200 || status > 299) {
        return OR_OK;
    }
    if (body == NULL) {
        body = "";
        len = 0;
    }
    int secret = 0;
    if (find_secret(body, len, &secret) != OR_OK) {
        or_set_err(err, errlen, "out of memory writing in %s", dir);
        return OR_ERR_NOMEM;
    }
    if (secret) {
        return OR_OK;
    }
    char *meta = metadata_json(req, now_s, status, content_type, body, len);
    if (meta == NULL) {
        or_set_err(err, errlen, "out of memory writing in %s", dir);
        return OR_ERR_NOMEM;
    }
    /* Body first: metadata on disk then describes the body beside it, and
     * a lookup racing with this store sees a size or hash mismatch at
     * worst. */
    or_status st = or_http_write_atomic(dir, key, ".body", body, len, err, errlen);
    if (st == OR_OK) {
        st = or_http_write_atomic(dir, key, ".meta", meta, strlen(meta), err, errlen);
    }
    g_free(meta);
    return st;
}
