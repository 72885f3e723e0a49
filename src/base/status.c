/* SPDX-License-Identifier: MIT */
/* Filling error message buffers: see status_str.h. */
#include "base/status_str.h"

#include <stdarg.h>
#include <stdio.h>

#include "base/redact.h"

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
