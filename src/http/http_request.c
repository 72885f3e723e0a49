/* SPDX-License-Identifier: MIT */
/* What a request is called: see http_request.h. */
#include "http/http_request.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

const char *
or_http_request_label(const struct or_http_request *req)
{
    if (req->label != NULL) {
        return req->label;
    }
    return req->path_query != NULL ? req->path_query : "request";
}

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
