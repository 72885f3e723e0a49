/* SPDX-License-Identifier: MIT */
/* Record/replay of HTTP exchanges: request keys and the files of a recording. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/cleanup.h"
#include "http/http_private.h"
#include "base/redact.h"

void
or_http_request_key(const struct or_http_request *req, char hex[65])
{
    const char *method = req->method != NULL ? req->method : "GET";
    const char *path_query = req->path_query != NULL ? req->path_query : "";
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA256);
    if (sum == NULL) {
        /* Only when GLib lacks SHA-256, which it never does. */
        hex[0] = '\0';
        return;
    }
    g_checksum_update(sum, (const guchar *)method, (gssize)strlen(method));
    g_checksum_update(sum, (const guchar *)" ", 1);
    g_checksum_update(sum, (const guchar *)path_query, (gssize)strlen(path_query));
    g_checksum_update(sum, (const guchar *)"\n", 1);
    if (req->body != NULL && req->body_len > 0) {
        g_checksum_update(sum, (const guchar *)req->body, (gssize)req->body_len);
    }
    snprintf(hex, 65, "%s", g_checksum_get_string(sum));
    g_checksum_free(sum);
}

char *
or_http_entry_path(const char *dir, const char *name, const char *suffix)
{
    size_t len = strlen(dir) + 1 + strlen(name) + strlen(suffix) + 1;
    char *path = malloc(len);
    if (path != NULL) {
        snprintf(path, len, "%s/%s%s", dir, name, suffix);
    }
    return path;
}

/* A copy with every registered secret replaced, or NULL when out of memory.
 * Binary data (with NUL bytes) is copied as is: the redaction works on
 * C strings, and a secret is text. */
static char *
redacted_copy(const char *data, size_t len, size_t *out_len)
{
    char *copy = malloc(len + 1);
    if (copy == NULL) {
        return NULL;
    }
    if (len > 0) {
        memcpy(copy, data, len);
    }
    copy[len] = '\0';
    if (memchr(copy, '\0', len) == NULL) {
        or_redact_inplace(copy, len + 1);
        len = strlen(copy);
    }
    *out_len = len;
    return copy;
}

static int
write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -1;
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Readers of a recording or cache never see a half-written file: the data
 * goes to a temporary file in the same directory, renamed over the final
 * name. */
or_status
or_http_write_atomic(const char *dir, const char *name, const char *suffix, const char *data,
                     size_t len, char *err, size_t errlen)
{
    or_status st = OR_ERR_IO;
    char *final_path = or_http_entry_path(dir, name, suffix);
    size_t tmp_len = strlen(dir) + strlen(name) + strlen(suffix) + 16;
    char *tmp_path = malloc(tmp_len);
    int fd = -1;
    if (final_path == NULL || tmp_path == NULL) {
        snprintf(err, errlen, "out of memory writing in %s", dir);
        st = OR_ERR_NOMEM;
        goto fail;
    }
    snprintf(tmp_path, tmp_len, "%s/.%s%s.XXXXXX", dir, name, suffix);
    fd = mkstemp(tmp_path);
    if (fd < 0) {
        snprintf(err, errlen, "cannot create a file in %s: %s", dir, strerror(errno));
        goto fail;
    }
    or_cleanup_add_file(tmp_path);
    if (write_all(fd, data, len) != 0) {
        snprintf(err, errlen, "cannot write %s: %s", tmp_path, strerror(errno));
        goto fail_unlink;
    }
    int rc = close(fd);
    fd = -1;
    if (rc != 0) {
        snprintf(err, errlen, "cannot write %s: %s", tmp_path, strerror(errno));
        goto fail_unlink;
    }
    if (rename(tmp_path, final_path) != 0) {
        snprintf(err, errlen, "cannot rename %s to %s: %s", tmp_path, final_path, strerror(errno));
        goto fail_unlink;
    }
    or_cleanup_forget(tmp_path);
    free(tmp_path);
    free(final_path);
    return OR_OK;

fail_unlink:
    if (fd >= 0) {
        close(fd);
    }
    unlink(tmp_path);
    or_cleanup_forget(tmp_path);
fail:
    free(tmp_path);
    free(final_path);
    return st;
}

/* The metadata is for people reading a recording (replay goes by file
 * name), so it says what was asked, minus any registered secret. */
static char *
metadata_json(const struct or_http_request *req, long status, const char *content_type)
{
    char *text = NULL;
    char *path = NULL;
    char *body = NULL;
    char *b64 = NULL;
    json_t *root = json_object();
    if (root == NULL) {
        goto done;
    }
    const char *path_query = req->path_query != NULL ? req->path_query : "";
    size_t path_len = 0;
    path = redacted_copy(path_query, strlen(path_query), &path_len);
    if (path == NULL) {
        goto done;
    }
    json_t *body_value = json_null();
    json_t *body_b64 = NULL;
    if (req->body != NULL) {
        size_t body_len = 0;
        body = redacted_copy(req->body, req->body_len, &body_len);
        if (body == NULL) {
            goto done;
        }
        json_t *s = json_stringn(body, body_len);
        if (s != NULL) {
            body_value = s;
        }
        else {
            /* Not UTF-8 (or has NUL bytes): JSON cannot hold it as text. */
            b64 = g_base64_encode((const guchar *)body, body_len);
            body_b64 = json_string(b64);
        }
    }
    const char *method = req->method != NULL ? req->method : "GET";
    int bad = json_object_set_new(root, "method", json_string(method));
    bad |= json_object_set_new(root, "path_query", json_stringn(path, path_len));
    bad |= json_object_set_new(root, "body", body_value);
    if (body_b64 != NULL) {
        bad |= json_object_set_new(root, "body_base64", body_b64);
    }
    bad |= json_object_set_new(root, "status", json_integer(status));
    bad |= json_object_set_new(root, "content_type",
                               content_type != NULL ? json_string(content_type) : json_null());
    if (bad == 0) {
        text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    }

done:
    g_free(b64);
    free(body);
    free(path);
    json_decref(root);
    return text;
}

or_status
or_http_record_save(const char *dir, const struct or_http_request *req, const char *key,
                    long status, const char *content_type, const char *body, size_t len, char *err,
                    size_t errlen)
{
    or_status st = OR_ERR_NOMEM;
    char *meta = NULL;
    size_t saved_len = 0;
    char *saved = redacted_copy(body != NULL ? body : "", body != NULL ? len : 0, &saved_len);
    if (saved == NULL) {
        snprintf(err, errlen, "out of memory writing the recording");
        goto done;
    }
    meta = metadata_json(req, status, content_type);
    if (meta == NULL) {
        snprintf(err, errlen, "out of memory writing the recording");
        goto done;
    }
    /* Body first: a .json on disk then always has its .body beside it. */
    st = or_http_write_atomic(dir, key, ".body", saved, saved_len, err, errlen);
    if (st != OR_OK) {
        goto done;
    }
    size_t meta_len = strlen(meta);
    char *meta_nl = realloc(meta, meta_len + 2);
    if (meta_nl == NULL) {
        snprintf(err, errlen, "out of memory writing the recording");
        st = OR_ERR_NOMEM;
        goto done;
    }
    meta = meta_nl;
    meta[meta_len] = '\n';
    meta[meta_len + 1] = '\0';
    st = or_http_write_atomic(dir, key, ".json", meta, meta_len + 1, err, errlen);

done:
    free(meta);
    free(saved);
    return st;
}

int
or_http_read_file(const char *path, char **out, size_t *out_len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        return -1;
    }
    size_t cap = 4096;
    size_t len = 0;
    char *data = malloc(cap);
    if (data == NULL) {
        fclose(f);
        errno = ENOMEM;
        return -1;
    }
    for (;;) {
        if (cap - len < 2) {
            char *bigger = cap > SIZE_MAX / 2 ? NULL : realloc(data, cap * 2);
            if (bigger == NULL) {
                free(data);
                fclose(f);
                errno = ENOMEM;
                return -1;
            }
            data = bigger;
            cap *= 2;
        }
        size_t got = fread(data + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) {
            break;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        errno = EIO;
        return -1;
    }
    data[len] = '\0';
    *out = data;
    *out_len = len;
    return 0;
}

or_status
or_http_replay_load(const char *dir, const char *key, long *status, char **body, size_t *len,
                    char *err, size_t errlen)
{
    or_status st = OR_ERR_NOMEM;
    json_t *meta = NULL;
    char *json_path = or_http_entry_path(dir, key, ".json");
    char *body_path = or_http_entry_path(dir, key, ".body");
    if (json_path == NULL || body_path == NULL) {
        snprintf(err, errlen, "out of memory reading the recording");
        goto done;
    }
    json_error_t jerr;
    meta = json_load_file(json_path, 0, &jerr);
    if (meta == NULL) {
        if (access(json_path, F_OK) != 0 && errno == ENOENT) {
            st = OR_ERR_NOT_FOUND;
        }
        else {
            snprintf(err, errlen, "recording entry %s is unreadable: %s", json_path, jerr.text);
            st = OR_ERR_REPLAY;
        }
        goto done;
    }
    json_t *jstatus = json_object_get(meta, "status");
    if (!json_is_integer(jstatus) || json_integer_value(jstatus) < 100 ||
        json_integer_value(jstatus) > 999) {
        snprintf(err, errlen, "recording entry %s has no valid \"status\"", json_path);
        st = OR_ERR_REPLAY;
        goto done;
    }
    if (or_http_read_file(body_path, body, len) != 0) {
        snprintf(err, errlen, "recording entry %s: %s", body_path, strerror(errno));
        st = errno == ENOMEM ? OR_ERR_NOMEM : OR_ERR_REPLAY;
        goto done;
    }
    *status = (long)json_integer_value(jstatus);
    st = OR_OK;

done:
    json_decref(meta);
    free(body_path);
    free(json_path);
    return st;
}
