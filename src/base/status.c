/* SPDX-License-Identifier: MIT */
#include "base/status_str.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/redact.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char *const messages[] = {
    [OR_OK] = "success",
    [OR_ERR_NOMEM] = "out of memory",
    [OR_ERR_INVALID] = "invalid input",
    [OR_ERR_IO] = "file error",
    [OR_ERR_CONFIG] = "configuration error",
    [OR_ERR_PLUGIN] = "plugin error",
    [OR_ERR_NOT_FOUND] = "not found",
    [OR_ERR_NETWORK] = "network error",
    [OR_ERR_HTTP] = "HTTP error",
    [OR_ERR_AUTH] = "authentication refused",
    [OR_ERR_PARSE] = "malformed data",
    [OR_ERR_PAGING] = "paging error",
    [OR_ERR_DATASET] = "dataset error",
    [OR_ERR_RENDER] = "render error",
    [OR_ERR_REPLAY] = "not in recording",
    [OR_ERR_UNSUPPORTED] = "unsupported",
};
_Static_assert(ARRAY_LEN(messages) == OR_STATUS_COUNT, "one message per status");

const char *
or_status_str(or_status s)
{
    if ((unsigned)s >= OR_STATUS_COUNT) {
        return "unknown status";
    }
    return messages[s];
}

void
or_vset_err(char *err, size_t errlen, const char *fmt, va_list ap)
{
    if (err != NULL && errlen > 0) {
        vsnprintf(err, errlen, fmt, ap);
        or_redact_inplace(err, errlen);
    }
}

void
or_set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_vset_err(err, errlen, fmt, ap);
    va_end(ap);
}
