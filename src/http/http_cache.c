/* SPDX-License-Identifier: MIT */
/* The on-disk response cache of the HTTP client: keys, the private
 * directory, and entries that are served only while fresh and intact. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "http/http_private.h"
#include "base/redact.h"

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
        snprintf(err, errlen, "the HTTP cache directory is empty");
        return OR_ERR_IO;
    }
    if (g_mkdir_with_parents(dir, 0700) != 0) {
        snprintf(err, errlen, "cannot create the HTTP cache directory %s: %s", dir,
                 g_strerror(errno));
        return OR_ERR_IO;
    }
    if (stat(dir, &sb) != 0) {
        snprintf(err, errlen, "cannot use the HTTP cache directory %s: %s", dir, g_strerror(errno));
        return OR_ERR_IO;
    }
    if (!S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "the HTTP cache %s is not a directory", dir);
        return OR_ERR_IO;
    }
    /* Whoever owns the directory could plant responses in it. */
    if (sb.st_uid != geteuid()) {
        snprintf(err, errlen, "the HTTP cache directory %s belongs to another user", dir);
        return OR_ERR_IO;
    }
    if ((sb.st_mode & 077) != 0 && chmod(dir, 0700) != 0) {
        snprintf(err, errlen, "cannot make the HTTP cache directory %s private: %s", dir,
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
or_http_cache_load(const char *dir, const char *key, long ttl_s, int64_t now_s, long *status,
                   char **body, size_t *len)
{
    or_status st = OR_ERR_NOMEM;
    json_t *meta = NULL;
    char *data = NULL;
    size_t data_len = 0;
    char *meta_path = or_http_entry_path(dir, key, ".meta");
    char *body_path = or_http_entry_path(dir, key, ".body");
    if (meta_path == NULL || body_path == NULL) {
        goto done;
    }
    st = OR_ERR_NOT_FOUND;
    json_error_t jerr;
    meta = json_load_file(meta_path, 0, &jerr);
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
        json_integer_value(jstatus) > 299 || json_integer_value(jsize) < 0) {
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
    if (or_http_read_file(body_path, &data, &data_len) != 0) {
        if (errno == ENOMEM) {
            st = OR_ERR_NOMEM;
        }
        else {
            remove_entry(meta_path, body_path);
        }
        goto done;
    }
    /* A body cut short, or one of another response written beside this
     * metadata by a concurrent writer, is a miss. */
    if ((json_int_t)data_len != json_integer_value(jsize) ||
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
    free(data);
    json_decref(meta);
    free(body_path);
    free(meta_path);
    return st;
}

/* Whether registered secrets occur in the bytes; segments between NUL bytes
 * are checked one by one, as redaction works on C strings.  -1 when out of
 * memory. */
static int
has_secret(const char *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return -1;
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    copy[len] = '\0';
    int found = 0;
    size_t pos = 0;
    while (pos <= len && !found) {
        size_t seg = strlen(copy + pos);
        /* A secret is longer than its mask, so redacting shortens the text. */
        or_redact_inplace(copy + pos, seg + 1);
        found = strlen(copy + pos) != seg;
        pos += seg + 1;
    }
    free(copy);
    return found;
}

static json_t *
redacted_string(const char *s)
{
    if (s == NULL) {
        return json_null();
    }
    char *copy = strdup(s);
    if (copy == NULL) {
        return NULL;
    }
    or_redact_inplace(copy, strlen(copy) + 1);
    json_t *value = json_string(copy);
    free(copy);
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
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
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
    int secret = has_secret(body, len);
    if (secret != 0) {
        if (secret < 0) {
            snprintf(err, errlen, "out of memory writing in %s", dir);
            return OR_ERR_NOMEM;
        }
        return OR_OK;
    }
    char *meta = metadata_json(req, now_s, status, content_type, body, len);
    if (meta == NULL) {
        snprintf(err, errlen, "out of memory writing in %s", dir);
        return OR_ERR_NOMEM;
    }
    /* Body first: metadata on disk then describes the body beside it, and
     * a lookup racing with this store sees a size or hash mismatch at
     * worst. */
    or_status st = or_http_write_atomic(dir, key, ".body", body, len, err, errlen);
    if (st == OR_OK) {
        st = or_http_write_atomic(dir, key, ".meta", meta, strlen(meta), err, errlen);
    }
    free(meta);
    return st;
}
