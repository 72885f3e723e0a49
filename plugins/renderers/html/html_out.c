/* SPDX-License-Identifier: MIT */
/* Writing the HTML document: see html_out.h. */
#include "html_out.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "chart_utf8.h"

void
html_raw(struct html_out *o, const char *s)
{
    if (fputs(s, o->f) == EOF) {
        o->failed = 1;
    }
}

void
html_rawf(struct html_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vfprintf(o->f, fmt, ap) < 0) {
        o->failed = 1;
    }
    va_end(ap);
}

void
html_textn(struct html_out *o, const char *s, size_t len)
{
    char buf[1024];
    size_t i = 0;
    while (s != NULL && i < len) {
        /* Clean a slice at a time; a slice ends on a code point boundary. */
        size_t n = len - i < 300 ? len - i : 300;
        while (n < len - i && n > 1 && ((unsigned char)s[i + n] & 0xC0u) == 0x80u) {
            n--;
        }
        chart_utf8_clean(buf, sizeof(buf), s + i, n, NULL);
        i += n;
        for (const char *p = buf; *p != '\0'; p++) {
            switch (*p) {
            case '&': html_raw(o, "&amp;"); break;
            case '<': html_raw(o, "&lt;"); break;
            case '>': html_raw(o, "&gt;"); break;
            case '"': html_raw(o, "&quot;"); break;
            case '\'': html_raw(o, "&#39;"); break;
            default:
                if (fputc(*p, o->f) == EOF) {
                    o->failed = 1;
                }
                break;
            }
        }
    }
}

void
html_text(struct html_out *o, const char *s)
{
    if (s != NULL) {
        html_textn(o, s, strlen(s));
    }
}

void
html_para(struct html_out *o, const char *cls, const char *text)
{
    if (text == NULL || text[0] == '\0') {
        return;
    }
    html_rawf(o, "<p class=\"%s\">", cls);
    html_text(o, text);
    html_raw(o, "</p>\n");
}

or_status
html_out_close(struct html_out *o, const char *path, char *err, size_t errlen)
{
    int e = 0;
    if (o->f != NULL) {
        if (ferror(o->f) || o->failed) {
            e = errno != 0 ? errno : EIO;
        }
        if (fclose(o->f) != 0 && e == 0) {
            e = errno != 0 ? errno : EIO;
        }
        o->f = NULL;
    }
    if (e != 0 || o->failed) {
        snprintf(err, errlen, "html: cannot write %s: %s", path, strerror(e != 0 ? e : EIO));
        return OR_ERR_IO;
    }
    return OR_OK;
}
