/* SPDX-License-Identifier: MIT */
/* No credential in clear text: see http_plain.h. */
#include "http/http_plain.h"

#include <arpa/inet.h>
#include <string.h>

#include <curl/curl.h>
#include <glib.h>

#include "base/status_str.h"
#include "http/http_request.h"

int
or_http_host_is_loopback(const char *host)
{
    if (host == NULL) {
        return 0;
    }
    if (g_ascii_strcasecmp(host, "localhost") == 0 || g_ascii_strcasecmp(host, "localhost.") == 0 ||
        strcmp(host, "::1") == 0 || strcmp(host, "[::1]") == 0) {
        return 1;
    }
    struct in_addr a4;
    if (inet_pton(AF_INET, host, &a4) == 1) {
        return (ntohl(a4.s_addr) >> 24) == 127;
    }
    char inner[64];
    size_t len = strlen(host);
    if (len > 2 && len < sizeof(inner) && host[0] == '[' && host[len - 1] == ']') {
        memcpy(inner, host + 1, len - 2);
        inner[len - 2] = '\0';
        struct in6_addr a6;
        return inet_pton(AF_INET6, inner, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
    }
    return 0;
}

static int
has_secret(const struct or_http_request *req)
{
    for (size_t i = 0; i < req->nheaders; i++) {
        if (req->headers[i].secret) {
            return 1;
        }
    }
    return 0;
}

or_status
or_http_plain_check(const struct or_http_request *req, int allow_insecure, char *msg, size_t msglen)
{
    const char *base = req->base_url != NULL ? req->base_url : "";
    if (allow_insecure || g_ascii_strncasecmp(base, "http://", 7) != 0 || !has_secret(req)) {
        return OR_OK;
    }
    CURLU *u = curl_url();
    char *host = NULL;
    if (u != NULL) {
        if (curl_url_set(u, CURLUPART_URL, base, 0) != CURLUE_OK ||
            curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK) {
            host = NULL;
        }
        curl_url_cleanup(u);
    }
    or_status st = OR_OK;
    if (!or_http_host_is_loopback(host)) {
        or_set_err(msg, msglen,
                   "%s: refusing to send the API credential in clear text to %s (base_url is "
                   "http://); use https://, or set [http] allow_insecure = true",
                   or_http_request_label(req), host != NULL ? host : "an unparsable host");
        st = OR_ERR_CONFIG;
    }
    curl_free(host);
    return st;
}
