/* SPDX-License-Identifier: MIT */
/* PNG data: URIs of a mail body as CID images: see mail_inline.h. */
#include "deliver/mail_inline.h"

#include <string.h>

#define DATA_PNG "src=\"data:image/png;base64,"

void
or_mail_inline_images(const char *html, struct or_mail_inline *out)
{
    GString *s = g_string_sized_new(strlen(html));
    GArray *images = g_array_new(FALSE, TRUE, sizeof(struct or_mail_image));
    memset(out, 0, sizeof(*out));
    out->owned = g_ptr_array_new_with_free_func(g_free);
    const char *p = html;
    const char *hit;
    while ((hit = strstr(p, DATA_PNG)) != NULL) {
        const char *b64 = hit + strlen(DATA_PNG);
        const char *end = strchr(b64, '"');
        if (end == NULL) {
            break;
        }
        char *text = g_strndup(b64, (gsize)(end - b64));
        gsize len = 0;
        guchar *png = g_base64_decode(text, &len);
        g_free(text);
        g_string_append_len(s, p, hit - p);
        if (len < 8 || memcmp(png, "\x89PNG", 4) != 0) {
            g_free(png);
            g_string_append_len(s, hit, end - hit);
        }
        else {
            char *cid = g_strdup_printf("chart%u@outreport", images->len + 1);
            struct or_mail_image img = {cid, png, len};
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
