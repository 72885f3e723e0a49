/* SPDX-License-Identifier: MIT */
/* Render state helpers: see xlsx_ctx.h. */
#include "xlsx_ctx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

or_status
xlsx_ctx_add_part(struct xlsx_ctx *x, size_t section, size_t *index)
{
    if (x->nparts == x->capparts) {
        size_t cap = x->capparts > 0 ? x->capparts * 2 : 8;
        struct xlsx_part *p = realloc(x->parts, cap * sizeof(*p));
        if (p == NULL) {
            return xlsx_ctx_nomem(x, "sheet list");
        }
        x->parts = p;
        x->capparts = cap;
    }
    memset(&x->parts[x->nparts], 0, sizeof(x->parts[0]));
    x->parts[x->nparts].section = section;
    *index = x->nparts++;
    return OR_OK;
}

or_status
xlsx_ctx_lxw(struct xlsx_ctx *x, lxw_error e, const char *what)
{
    snprintf(x->err, x->errlen, "%s: %s: %s", x->path, what, lxw_strerror(e));
    switch (e) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED: return OR_ERR_NOMEM;
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE: return OR_ERR_IO;
    default: return OR_ERR_RENDER;
    }
}

or_status
xlsx_ctx_nomem(struct xlsx_ctx *x, const char *what)
{
    snprintf(x->err, x->errlen, "%s: out of memory (%s)", x->path, what);
    return OR_ERR_NOMEM;
}

const char *
xlsx_str(const char *s)
{
    return s != NULL ? s : "";
}

const char *
xlsx_section_id(const struct or_section *s)
{
    if (s->id != NULL && s->id[0] != '\0') {
        return s->id;
    }
    if (s->title != NULL && s->title[0] != '\0') {
        return s->title;
    }
    return "(unnamed)";
}
