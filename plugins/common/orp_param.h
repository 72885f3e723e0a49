/* SPDX-License-Identifier: MIT */
/**
 * @file orp_param.h
 * @brief Endpoint parameter lookup and range checks.
 */
#ifndef ORP_PARAM_H
#define ORP_PARAM_H

#include <stddef.h>

#include "outreport/plugin.h"

#pragma GCC visibility push(hidden)

/**
 * @brief The value of parameter @p name in @p q (the last one wins), or NULL
 * when it is not given or empty.  Borrowed from @p q; @p q may be NULL.
 */
const char *orp_param(const struct or_query *q, const char *name);

/**
 * @brief Check that integer parameter @p name, when given, lies in
 * [@p lo, @p hi]; stores it (or @p dflt when not given) in @p out.
 * @return OR_OK, or OR_ERR_INVALID with "ENDPOINT: parameter NAME must be an
 * integer from LO to HI, not "V"" in @p err.
 */
or_status orp_check_int(const struct or_query *q, const char *endpoint, const char *name, long lo,
                        long hi, long dflt, long *out, char *err, size_t errlen);

#pragma GCC visibility pop

#endif /* ORP_PARAM_H */
