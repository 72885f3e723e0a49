/* SPDX-License-Identifier: MIT */
/* PNG and JPEG data: URIs of a mail body as CID images: see mail_inline.h. */
#include "deliver/mail_inline.h"

#include <string.h>

#define DATA_IMAGE "src=\"data:image/"
#define DATA_PNG "png;base64,"
#define DATA_JPEG "jpeg;base64,"

/* The next data: URI of a PNG or JPEG from @p p, its base64 at *@p b64. */
static const char *
next_image(const char *p, int *jpeg, const char **b64)
{
    const char *hit = p;
    while ((hit = strstr(hit, DATA_IMAGE)) != NULL) {
        const char *type = hit + strlen(DATA_IMAGE);
        if (strncmp(type, DATA_PNG, strlen(DATA_PNG)) == 0) {
            *jpeg = 0;
            *b64 = type + strlen(DATA_PNG);
            return hit;
        }
        if (strncmp(type, DATA_JPEG, strlen(DATA_JPEG)) == 0) {
            *jpeg = 1;
            *b64 = type + strlen(DATA_JPEG);
            return hit;
        }
        hit = type;
    }
    return NULL;
}

/* Whether @p len bytes at @p data start like a PNG (or a JPEG). */
static int
is_image(const guchar *data, gsize len, int jpeg)
{
    if (jpeg) {
        return len >= 4 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;
    }
    return len >= 8 && memcmp(data, "\x89PNG", 4) == 0;
}

void
or_mail_inline_images(const char *html, struct or_mail_inline *out)
{
    GString *s = g_string_sized_new(strlen(html));
    GArray *images = g_array_new(FALSE, TRUE, sizeof(struct or_mail_image));
    memset(out, 0, sizeof(*out));
    out->owned = g_ptr_array_new_with_free_func(g_free);
    const char *p = html;
    const char *hit;
    const char *b64 = NULL;
    int jpeg = 0;
    while ((hit = next_image(p, &jpeg, &b64)) != NULL) {
        const char *end = strchr(b64, '"');
        if (end == NULL) {
            break;
        }
        char *text = g_strndup(b64, (gsize)(end - b64));
        gsize len = 0;
        guchar *png = g_base64_decode(text, &len);
        g_free(text);
        g_string_append_len(s, p, hit - p);
        if (!is_image(png, len, jpeg)) {
            g_free(png);
            g_string_append_len(s, hit, end - hit);
        }
        else {
            char *cid =
                g_strdup_printf("%s%u@outreport", jpeg ? "image" : "chart", images->len + 1);
            struct or_mail_image img = {cid, png, len, jpeg};
            g_array_append_val(images, img);
            g_ptr_array_add(out->owned, cid);
            g_ptr_array_add(out->owned, png);
            g_string_append_printf(s, "src=\"cid:%s", cid);
        }
        p = end;
    }
    g_string_append(s, p);
    out->html = g_string_free(s, FALSE);
    out->nimages = images->len;
    out->images = (struct or_mail_image *)(void *)g_array_free(images, FALSE);
}

void
or_mail_inline_release(struct or_mail_inline *in)
{
    g_free(in->html);
    g_free(in->images);
    if (in->owned != NULL) {
        g_ptr_array_free(in->owned, TRUE);
    }
    memset(in, 0, sizeof(*in));
}
