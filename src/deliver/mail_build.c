/* SPDX-License-Identifier: MIT */
/* One report e-mail built with GMime: see mail_build.h. */
#include "deliver/mail_build.h"

#include <errno.h>
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/status_str.h"
#include "base/version.h"

#define BYTES_PER_MB 1000000.0

static gpointer
init_gmime(gpointer unused)
{
    (void)unused;
    g_mime_init();
    return NULL;
}

/* A copy of @p s with every control character (CR, LF, tab...) a space:
 * what a header may show of a value.  Owned. */
static char *
one_line(const char *s)
{
    char *out = g_strdup(s != NULL ? s : "");
    for (char *p = out; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            *p = ' ';
        }
    }
    return out;
}

/* Split "Name <user@host>" (or "user@host") into its display name (one
 * line, quotes dropped; owned, may be "") and address (owned); NULL address
 * when it is not one. */
static char *
split_mailbox(const char *a, char **name)
{
    const char *lt = strrchr(a, '<');
    char *spec;
    *name = NULL;
    if (lt != NULL) {
        const char *gt = strchr(lt, '>');
        if (gt == NULL) {
            return NULL;
        }
        spec = g_strstrip(g_strndup(lt + 1, (gsize)(gt - lt - 1)));
        char *phrase = g_strndup(a, (gsize)(lt - a));
        char *raw = g_strstrip(one_line(phrase));
        g_free(phrase);
        size_t n = strlen(raw);
        if (n >= 2 && raw[0] == '"' && raw[n - 1] == '"') {
            raw[n - 1] = '\0';
            memmove(raw, raw + 1, n - 1);
        }
        *name = raw;
    }
    else {
        spec = g_strstrip(g_strdup(a));
    }
    if (strchr(spec, '@') == NULL || strpbrk(spec, " <>\"\\,;:()[]") != NULL) {
        g_free(spec);
        g_free(*name);
        *name = NULL;
        return NULL;
    }
    for (const char *p = spec; *p != '\0'; p++) {
        if ((unsigned char)*p < 0x20 || *p == 0x7F) {
            g_free(spec);
            g_free(*name);
            *name = NULL;
            return NULL;
        }
    }
    if (*name == NULL) {
        *name = g_strdup("");
    }
    return spec;
}

/* Adds @p list as header @p type and, but for From, to the envelope. */
static or_status
add_mailboxes(struct or_mail_built *b, GMimeMessage *m, GMimeAddressType type,
              const char *const *list, const char *what, char *err, size_t errlen)
{
    for (size_t i = 0; list != NULL && list[i] != NULL; i++) {
        char *name = NULL;
        if (strpbrk(list[i], "\r\n") != NULL) {
            or_set_err(err, errlen, "%s address %zu contains a line break", what, i + 1);
            return OR_ERR_INVALID;
        }
        char *spec = split_mailbox(list[i], &name);
        if (spec == NULL) {
            or_set_err(err, errlen, "%s address '%s' is not an e-mail address", what, list[i]);
            return OR_ERR_INVALID;
        }
        g_mime_message_add_mailbox(m, type, name, spec);
        if (type == GMIME_ADDRESS_TYPE_FROM) {
            b->mail_from = g_strdup_printf("<%s>", spec);
        }
        else {
            char *bracketed = g_strdup_printf("<%s>", spec);
            b->rcpt = curl_slist_append(b->rcpt, bracketed);
            g_free(bracketed);
        }
        g_free(spec);
        g_free(name);
        if (type != GMIME_ADDRESS_TYPE_FROM && b->rcpt == NULL) {
            or_set_err(err, errlen, "out of memory listing recipients");
            return OR_ERR_NOMEM;
        }
    }
    return OR_OK;
}

/* The Message-ID's domain: the sender's when it is a plain host name. */
static char *
message_id(const char *mail_from)
{
    const char *at = strrchr(mail_from, '@');
    char *domain = g_strdup("outreport");
    if (at != NULL && at[1] != '\0' && at[1] != '>') {
        char *d = g_strndup(at + 1, strcspn(at + 1, ">"));
        int plain = 1;
        for (const char *p = d; *p != '\0'; p++) {
            plain &= g_ascii_isalnum(*p) || *p == '.' || *p == '-';
        }
        if (plain) {
            g_free(domain);
            domain = d;
        }
        else {
            g_free(d);
        }
    }
    char *id = g_mime_utils_generate_message_id(domain);
    g_free(domain);
    return id;
}

static GMimeObject *
text_part(const char *subtype, const char *text)
{
    GMimeTextPart *p = g_mime_text_part_new_with_subtype(subtype);
    g_mime_text_part_set_text(p, text != NULL ? text : "");
    g_mime_text_part_set_charset(p, "utf-8");
    g_mime_part_set_content_encoding(GMIME_PART(p), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
    return GMIME_OBJECT(p);
}

static GMimeObject *
image_part(const struct or_mail_image *img)
{
    GMimePart *p = g_mime_part_new_with_type("image", img->jpeg ? "jpeg" : "png");
    GMimeStream *s = g_mime_stream_mem_new_with_buffer((const char *)img->png, img->len);
    GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(p, w);
    g_object_unref(w);
    g_object_unref(s);
    g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
    g_mime_part_set_content_id(p, img->cid);
    g_mime_object_set_disposition(GMIME_OBJECT(p), GMIME_DISPOSITION_INLINE);
    return GMIME_OBJECT(p);
}

/* Plain text, or plain text and HTML (with its images) as alternatives. */
static GMimeObject *
body_part(const struct or_mail_message *msg)
{
    GMimeObject *text = text_part("plain", msg->text);
    if (msg->html == NULL) {
        g_mime_object_set_disposition(text, GMIME_DISPOSITION_INLINE);
        return text;
    }
    GMimeObject *html = text_part("html", msg->html);
    if (msg->nimages > 0) {
        GMimeMultipart *rel = g_mime_multipart_new_with_subtype("related");
        g_mime_object_set_content_type_parameter(GMIME_OBJECT(rel), "type", "text/html");
        g_mime_multipart_add(rel, html);
        g_object_unref(html);
        for (size_t i = 0; i < msg->nimages; i++) {
            GMimeObject *img = image_part(&msg->images[i]);
            g_mime_multipart_add(rel, img);
            g_object_unref(img);
        }
        html = GMIME_OBJECT(rel);
    }
    /* Plain text first: clients show the last alternative they can. */
    GMimeMultipart *alt = g_mime_multipart_new_with_subtype("alternative");
    g_mime_multipart_add(alt, text);
    g_mime_multipart_add(alt, html);
    g_object_unref(text);
    g_object_unref(html);
    g_mime_object_set_disposition(GMIME_OBJECT(alt), GMIME_DISPOSITION_INLINE);
    return GMIME_OBJECT(alt);
}

static or_status
attachment_part(const struct or_mail_attachment *a, size_t i, GMimeObject **out, char *err,
                size_t errlen)
{
    if (a->path == NULL) {
        or_set_err(err, errlen, "attachment %zu has no path", i + 1);
        return OR_ERR_INVALID;
    }
    const char *name = a->filename != NULL ? a->filename : a->path;
    int fd = open(a->path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0) {
        or_set_err(err, errlen, "attachment %s: cannot read %s: %s", name, a->path,
                   g_strerror(errno));
        return OR_ERR_IO;
    }
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        or_set_err(err, errlen, "attachment %s: %s is not a regular file", name, a->path);
        return OR_ERR_IO;
    }
    GMimeContentType *ct = g_mime_content_type_parse(
        NULL, a->mime_type != NULL ? a->mime_type : "application/octet-stream");
    GMimePart *p = g_mime_part_new();
    g_mime_object_set_content_type(GMIME_OBJECT(p), ct);
    g_object_unref(ct);
    GMimeStream *s = g_mime_stream_fs_new(fd); /* owns fd */
    GMimeDataWrapper *w = g_mime_data_wrapper_new_with_stream(s, GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(p, w);
    g_object_unref(w);
    g_object_unref(s);
    g_mime_part_set_content_encoding(p, GMIME_CONTENT_ENCODING_BASE64);
    char *base = g_path_get_basename(name);
    char *shown = one_line(base);
    g_mime_part_set_filename(p, shown);
    g_free(shown);
    g_free(base);
    g_mime_object_set_disposition(GMIME_OBJECT(p), GMIME_DISPOSITION_ATTACHMENT);
    *out = GMIME_OBJECT(p);
    return OR_OK;
}

static or_status
add_body(GMimeMessage *m, const struct or_mail_message *msg, char *err, size_t errlen)
{
    GMimeObject *body = body_part(msg);
    GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
    g_mime_multipart_add(mixed, body);
    g_object_unref(body);
    or_status st = OR_OK;
    for (size_t i = 0; i < msg->nattachments && st == OR_OK; i++) {
        GMimeObject *att = NULL;
        st = attachment_part(&msg->attachments[i], i, &att, err, errlen);
        if (st == OR_OK) {
            g_mime_multipart_add(mixed, att);
            g_object_unref(att);
        }
    }
    g_mime_message_set_mime_part(m, GMIME_OBJECT(mixed));
    g_object_unref(mixed);
    return st;
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

static or_status
check_size(size_t bytes, size_t max_bytes, char *err, size_t errlen)
{
    char size[32];
    char limit[32];
    if (max_bytes == 0 || bytes <= max_bytes) {
        return OR_OK;
    }
    human_size((double)bytes, size, sizeof(size));
    if (max_bytes % (size_t)BYTES_PER_MB == 0) {
        snprintf(limit, sizeof(limit), "%zu MB", max_bytes / (size_t)BYTES_PER_MB);
    }
    else {
        snprintf(limit, sizeof(limit), "%g MB", (double)max_bytes / BYTES_PER_MB);
    }
    or_set_err(err, errlen,
               "message would be %s, over the limit of %s ([smtp] max_size_mb): not sent", size,
               limit);
    return OR_ERR_INVALID;
}

static GByteArray *
serialise(GMimeMessage *m)
{
    GMimeFormatOptions *fo = g_mime_format_options_new();
    g_mime_format_options_set_newline_format(fo, GMIME_NEWLINE_FORMAT_DOS);
    GMimeStream *mem = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(GMIME_OBJECT(m), fo, mem);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    g_object_unref(mem);
    g_mime_format_options_free(fo);
    return bytes;
}

or_status
or_mail_build(struct or_mail_built *b, const char *from, const struct or_mail_message *msg,
              size_t max_bytes, char *err, size_t errlen)
{
    static GOnce once = G_ONCE_INIT;
    g_once(&once, init_gmime, NULL);
    if (msg->to == NULL || msg->to[0] == NULL) {
        or_set_err(err, errlen, "the message has no recipient");
        return OR_ERR_INVALID;
    }
    GMimeMessage *m = g_mime_message_new(TRUE);
    const char *const sender[] = {from, NULL};
    or_status st = add_mailboxes(b, m, GMIME_ADDRESS_TYPE_FROM, sender, "From", err, errlen);
    if (st == OR_OK) {
        st = add_mailboxes(b, m, GMIME_ADDRESS_TYPE_TO, msg->to, "To", err, errlen);
    }
    if (st == OR_OK) {
        st = add_mailboxes(b, m, GMIME_ADDRESS_TYPE_CC, msg->cc, "Cc", err, errlen);
    }
    if (st == OR_OK) {
        char *subject = one_line(msg->subject);
        g_mime_message_set_subject(m, subject, "utf-8");
        g_free(subject);
        GDateTime *now = g_date_time_new_now_local();
        g_mime_message_set_date(m, now);
        g_date_time_unref(now);
        char *id = message_id(b->mail_from);
        g_mime_message_set_message_id(m, id);
        g_free(id);
        g_mime_object_set_header(GMIME_OBJECT(m), "X-Mailer", "outreport/" OR_VERSION, NULL);
        st = add_body(m, msg, err, errlen);
    }
    if (st == OR_OK) {
        b->bytes = serialise(m);
        st = check_size(b->bytes->len, max_bytes, err, errlen);
    }
    g_object_unref(m);
    return st;
}

void
or_mail_built_release(struct or_mail_built *b)
{
    g_free(b->mail_from);
    curl_slist_free_all(b->rcpt);
    if (b->bytes != NULL) {
        g_byte_array_unref(b->bytes);
    }
    memset(b, 0, sizeof(*b));
}

or_status
or_mail_write_eml(const char *path, const char *from, const struct or_mail_message *msg, char *err,
                  size_t errlen)
{
    struct or_mail_built b = {0};
    or_status st = or_mail_build(&b, from, msg, 0, err, errlen);
    GError *gerr = NULL;
    /* g_file_set_contents writes a temporary file and renames it. */
    if (st == OR_OK &&
        !g_file_set_contents(path, (const char *)b.bytes->data, (gssize)b.bytes->len, &gerr)) {
        or_set_err(err, errlen, "%s: %s", path, gerr->message);
        g_error_free(gerr);
        st = OR_ERR_IO;
    }
    or_mail_built_release(&b);
    return st;
}
