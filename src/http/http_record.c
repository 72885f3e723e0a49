/* SPDX-License-Identifier: MIT */
/* Recording HTTP exchanges and reading them back: see http_record.h. */
#include "http/http_record.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <jansson.h>

#include "base/json_text.h"
#include "base/redact.h"
#include "base/status_str.h"
#include "http/http_files.h"

/* A copy with every registered secret replaced (g_free()), or NULL when out
 * of memory.  Binary data (with NUL bytes) is copied as is: the redaction
 * works on C strings, and a secret is text. */
static char *
redacted_copy(const char *data, size_t len, size_t *out_len)
{
    char *copy = g_try_malloc(len + 1);
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
        text = or_json_text(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, 1);
    }

done:
    g_free(b64);
    g_free(body);
    g_free(path);
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
    if (saved != NULL) {
        meta = metadata_json(req, status, content_type);
    }
    if (meta == NULL) {
        or_set_err(err, errlen, "out of memory writing the recording");
        goto done;
    }
    /* Body first: a .json on disk then always has its .body beside it. */
    st = or_http_write_atomic(dir, key, ".body", saved, saved_len, err, errlen);
    if (st == OR_OK) {
        st = or_http_write_atomic(dir, key, ".json", meta, strlen(meta), err, errlen);
    }

done:
    g_free(meta);
    g_free(saved);
    return st;
}

or_status
or_http_replay_load(const char *dir, const char *key, size_t max, long *status, char **body,
                    size_t *len, char *err, size_t errlen)
{
    or_status st = OR_ERR_REPLAY;
    char *json_path = or_http_entry_path(dir, key, ".json");
    char *body_path = or_http_entry_path(dir, key, ".body");
    char why[OR_ERR_SIZE / 2] = "";
    json_t *meta = or_http_read_meta(json_path, why, sizeof(why));
    if (meta == NULL) {
        if (access(json_path, F_OK) != 0 && errno == ENOENT) {
            st = OR_ERR_NOT_FOUND;
        }
        else {
            or_set_err(err, errlen, "recording entry is unreadable: %s", why);
        }
        goto done;
    }
    json_t *jstatus = json_object_get(meta, "status");
    if (!json_is_integer(jstatus) || json_integer_value(jstatus) < 100 ||
        json_integer_value(jstatus) > 999) {
        or_set_err(err, errlen, "recording entry %s has no valid \"status\"", json_path);
        goto done;
    }
    /* Left as it is when the body file does not exist. */
    snprintf(why, sizeof(why), "no such file");
    or_status rs = or_http_read_file(body_path, max, body, len, why, sizeof(why));
    if (rs == OR_ERR_INVALID) {
        or_set_err(err, errlen, "recording entry %s: %s", json_path, why);
        st = rs;
        goto done;
    }
    if (rs != OR_OK) {
        or_set_err(err, errlen, "recording entry %s has no readable body: %s", json_path, why);
        goto done;
    }
    *status = (long)json_integer_value(jstatus);
    st = OR_OK;

done:
    json_decref(meta);
    g_free(body_path);
    g_free(json_path);
    return st;
}
