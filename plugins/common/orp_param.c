/* SPDX-License-Identifier: MIT */
/*
 * Endpoint parameters: lookup and integer range checks; see orp_param.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orp_param.h"

const char *
orp_param(const struct or_query *q, const char *name)
{
    const char *found = NULL;
    for (size_t i = 0; q != NULL && i < q->nparams; i++) {
        const struct or_param_value *p = q->params[i];
        if (p->name != NULL && strcmp(p->name, name) == 0) {
            found = p->value;
        }
    }
    if (found != NULL && found[0] == '\0') {
        return NULL;
    }
    return found;
}

or_status
orp_check_int(const struct or_query *q, const char *endpoint, const char *name, long lo, long hi,
              long dflt, long *out, char *err, size_t errlen)
{
    *out = dflt;
    const char *s = orp_param(q, name);
    if (s == NULL) {
        return OR_OK;
    }
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno != 0 || v < lo || v > hi) {
        snprintf(err, errlen, "%s: parameter %s must be an integer from %ld to %ld, not \"%s\"",
                 endpoint, name, lo, hi, s);
        return OR_ERR_INVALID;
    }
    *out = v;
    return OR_OK;
}
