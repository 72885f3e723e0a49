/* SPDX-License-Identifier: MIT */
/* Built-in texts of the renderers: see orr_text.h. */
#include "orr_text.h"

#include <string.h>

#include <unicode/uloc.h>

void
orr_text(const struct or_host *h, const char *id, const char *english, const char *const *args,
         size_t nargs, char *buf, size_t n)
{
    if (n == 0) {
        return;
    }
    if (h != NULL && OR_HOST_SINCE(h, 3) && h->text != NULL &&
        h->text(h, id, args, nargs, buf, n) == OR_OK) {
        return;
    }
    size_t o = 0;
    for (const char *p = english; *p != '\0' && o + 1 < n; p++) {
        size_t k =
            p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' ? (size_t)(p[1] - '0') : 0;
        if (k >= 1 && k <= nargs && args[k - 1] != NULL) {
            size_t len = strlen(args[k - 1]);
            if (len > n - 1 - o) {
                len = n - 1 - o;
            }
            memcpy(buf + o, args[k - 1], len);
            o += len;
            p += 2;
            continue;
        }
        buf[o++] = *p;
    }
    buf[o] = '\0';
}

int
orr_report_rtl(const struct or_host *h, const struct or_report *r)
{
    return OR_HOST_SINCE(h, 3) && r->locale != NULL && r->locale[0] != '\0' &&
           uloc_isRightToLeft(r->locale);
}
