/* SPDX-License-Identifier: MIT */
/* The MIME document of a message: see mail_mime.h. */
#include "deliver/mail_mime.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "base/status_str.h"

#define BYTES_PER_MB 1000000.0

/* MIME text is CRLF-delimited; quoted-printable then makes proper lines. */
static char *
to_crlf(const char *s)
{
    GString *out = g_string_sized_new(s != NULL ? strlen(s) + 64 : 1);
    for (const char *p = s; p != NULL && *p != '\0'; p++) {
        if (*p == '\r') {
            g_string_append(out, "\r\n");
            if (p[1] == '\n') {
                p++;
            }
        }
        else if (*p == '\n') {
            g_string_append(out, "\r\n");
        }
        else {
            g_string_append_c(out, *p);
        }
    }
    return g_string_free(out, FALSE);
}

/* Quoted-printable size, a little generous: 3 bytes per byte that needs
 * escaping, plus a soft line break per 73 characters. */
static double
qp_size(const char *s)
{
    double n = 0;
    for (const unsigned char *p = (const unsigned char *)s; p != NULL && *p != '\0'; p++) {
        n += (*p >= 0x20 && *p < 0x7F && *p != '=') || *p == '\r' || *p == '\n' ? 1 : 3;
    }
    return n + n / 73.0 * 3.0;
}

static double
base64_size(double bytes)
{
    double chars = 4.0 * ceil(bytes / 3.0);
    return chars + 2.0 * ceil(chars / 76.0);
}

static void
human_size(double bytes, char *buf, size_t n)
{
    if (bytes >= 0.1 * BYTES_PER_MB) {
        snprintf(buf, n, "%.1f MB", bytes / BYTES_PER_MB);
    }
    else {
        snprintf(buf, n, "%.1f kB", bytes / 1000.0);
    }
}

static void
limit_text(size_t bytes, char *buf, size_t n)
{
    if (bytes % (size_t)BYTES_PER_MB == 0) {
        snprintf(buf, n, "%zu MB", bytes / (size_t)BYTES_PER_MB);
    }
    else {
        snprintf(buf, n, "%g MB", (double)bytes / BYTES_PER_MB);
    }
}

/* Attachments exist and are readable, and the whole fits the limit. */
static or_status
check_size(const struct or_mail_mime *m, size_t max_bytes, char *err, size_t errlen)
{
    const struct or_mail_message *msg = m->msg;
    double total = 2048.0 + qp_size(m->text) + qp_size(m->html);
    for (size_t i = 0; i < msg->nattachments; i++) {
        const struct or_mail_attachment *a = &msg->attachments[i];
        if (a->path == NULL) {
            or_set_err(err, errlen, "attachment %zu has no path", i + 1);
            return OR_ERR_INVALID;
        }
        const char *name = a->filename != NULL ? a->filename : a->path;
        if (strpbrk(name, "\r\n\"") != NULL ||
            (a->mime_type != NULL && strpbrk(a->mime_type, "\r\n") != NULL)) {
            or_set_err(err, errlen, "attachment %s: name or type contains a line break or quote",
                       a->path);
            return OR_ERR_INVALID;
        }
        struct stat sb;
        FILE *f = fopen(a->path, "rb");
        if (f == NULL) {
            or_set_err(err, errlen, "attachment %s: cannot read %s: %s", name, a->path,
                       g_strerror(errno));
            return OR_ERR_IO;
        }
        int ok = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode);
        fclose(f);
        if (!ok) {
            or_set_err(err, errlen, "attachment %s: %s is not a regular file", name, a->path);
            return OR_ERR_IO;
        }
        total += 512.0 + base64_size((double)sb.st_size);
    }
    if (max_bytes > 0 && total > (double)max_bytes) {
        char size[32];
        char limit[32];
        human_size(total, size, sizeof(size));
        limit_text(max_bytes, limit, sizeof(limit));
        or_set_err(err, errlen,
                   "message would be %s, over the limit of %s ([smtp] max_size_mb): not sent", size,
                   limit);
        return OR_ERR_INVALID;
    }
    return OR_OK;
}

or_status
or_mail_mime_prepare(struct or_mail_mime *m, const struct or_mail_message *msg, size_t max_bytes,
                     char *err, size_t errlen)
{
    m->msg = msg;
    m->text = to_crlf(msg->text != NULL ? msg->text : "");
    m->html = msg->html != NULL ? to_crlf(msg->html) : NULL;
    m->inline_disposition = curl_slist_append(NULL, "Content-Disposition: inline");
    if (m->inline_disposition == NULL) {
        or_set_err(err, errlen, "out of memory building the message headers");
        return OR_ERR_NOMEM;
    }
    return check_size(m, max_bytes, err, errlen);
}

/* Nonzero once the part is added. */
static int
add_text_part(curl_mime *mime, const char *text, const char *type, struct curl_slist *inline_hdr)
{
    curl_mimepart *part = curl_mime_addpart(mime);
    if (part == NULL || curl_mime_data(part, text, CURL_ZERO_TERMINATED) != CURLE_OK ||
        curl_mime_type(part, type) != CURLE_OK ||
        curl_mime_encoder(part, "quoted-printable") != CURLE_OK) {
        return 0;
    }
    return inline_hdr == NULL || curl_mime_headers(part, inline_hdr, 0) == CURLE_OK;
}

curl_mime *
or_mail_mime_build(CURL *easy, const struct or_mail_mime *m)
{
    const struct or_mail_message *msg = m->msg;
    curl_mime *mime = curl_mime_init(easy);
    curl_mime *alt = NULL;
    if (mime == NULL) {
        return NULL;
    }
    if (m->html != NULL) {
        alt = curl_mime_init(easy);
        curl_mimepart *part = curl_mime_addpart(mime);
        if (alt == NULL || part == NULL) {
            goto fail;
        }
        /* Plain text first: clients show the last alternative they can. */
        if (!add_text_part(alt, m->text, "text/plain; charset=utf-8", NULL) ||
            !add_text_part(alt, m->html, "text/html; charset=utf-8", NULL)) {
            goto fail;
        }
        if (curl_mime_subparts(part, alt) != CURLE_OK) {
            goto fail;
        }
        alt = NULL; /* owned by part now */
        if (curl_mime_type(part, "multipart/alternative") != CURLE_OK ||
            curl_mime_headers(part, m->inline_disposition, 0) != CURLE_OK) {
            goto fail;
        }
    }
    else if (!add_text_part(mime, m->text, "text/plain; charset=utf-8", m->inline_disposition)) {
        goto fail;
    }
    for (size_t i = 0; i < msg->nattachments; i++) {
        const struct or_mail_attachment *a = &msg->attachments[i];
        curl_mimepart *part = curl_mime_addpart(mime);
        if (part == NULL || curl_mime_filedata(part, a->path) != CURLE_OK ||
            (a->filename != NULL && curl_mime_filename(part, a->filename) != CURLE_OK) ||
            curl_mime_type(part, a->mime_type != NULL ? a->mime_type
                                                      : "application/octet-stream") != CURLE_OK ||
            curl_mime_encoder(part, "base64") != CURLE_OK) {
            goto fail;
        }
    }
    return mime;

fail:
    curl_mime_free(alt);
    curl_mime_free(mime);
    return NULL;
}

void
or_mail_mime_release(struct or_mail_mime *m)
{
    g_free(m->text);
    g_free(m->html);
    curl_slist_free_all(m->inline_disposition);
    memset(m, 0, sizeof(*m));
}
