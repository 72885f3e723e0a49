/* SPDX-License-Identifier: MIT */
/* Retry policy of the HTTP client: what is retried and how long to wait. */
#include "http/http_retry.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

int
or_http_status_retryable(long status)
{
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

int
or_http_curl_retryable(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    /* A body shorter than its Content-Length: the server or a proxy dropped
     * the connection, so the same request may well succeed next time. */
    case CURLE_PARTIAL_FILE:
    /* An HTTP/2 stream reset (e.g. REFUSED_STREAM on a GOAWAY) is the
     * multiplexed equivalent of a dropped connection. */
    case CURLE_HTTP2_STREAM: return 1;
    default: return 0;
    }
}

long
or_http_backoff_ms(long base_ms, long max_ms, int retry, double unit)
{
    if (base_ms < 0) {
        base_ms = 0;
    }
    if (max_ms < 0) {
        max_ms = 0;
    }
    long cap = base_ms < max_ms ? base_ms : max_ms;
    for (int i = 0; i < retry && cap < max_ms; i++) {
        cap = cap > max_ms / 2 ? max_ms : cap * 2;
    }
    if (unit < 0.0 || unit >= 1.0) {
        unit = 0.0;
    }
    /* Full jitter (uniform over [0, cap]) spreads clients that failed
     * together, so they do not come back together. */
    long delay = (long)(unit * ((double)cap + 1.0));
    return delay > cap ? cap : delay;
}

or_status
or_http_parse_retry_after(const char *value, int64_t now_real_ms, long *delay_ms)
{
    if (value == NULL || delay_ms == NULL) {
        return OR_ERR_PARSE;
    }
    while (*value == ' ' || *value == '\t') {
        value++;
    }
    char buf[128];
    size_t len = strlen(value);
    while (len > 0 && (value[len - 1] == ' ' || value[len - 1] == '\t' || value[len - 1] == '\r' ||
                       value[len - 1] == '\n')) {
        len--;
    }
    if (len == 0 || len >= sizeof(buf)) {
        return OR_ERR_PARSE;
    }
    memcpy(buf, value, len);
    buf[len] = '\0';

    if (strspn(buf, "0123456789") == len) {
        errno = 0;
        char *end = NULL;
        long long secs = strtoll(buf, &end, 10);
        *delay_ms = errno == ERANGE || secs > LONG_MAX / 1000 ? LONG_MAX : (long)(secs * 1000);
        return OR_OK;
    }
    time_t when = curl_getdate(buf, NULL);
    if (when == (time_t)-1) {
        return OR_ERR_PARSE;
    }
    int64_t delta = (int64_t)when * 1000 - now_real_ms;
    *delay_ms = delta < 0 ? 0 : delta > LONG_MAX ? LONG_MAX : (long)delta;
    return OR_OK;
}

const char *
or_http_reason(long status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 402: return "Payment Required";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return NULL;
    }
}
