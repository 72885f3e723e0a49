/* SPDX-License-Identifier: MIT */
/**
 * @file log.h
 * @brief Logging to stderr with verbosity and secret redaction (core only).
 *
 * Every line goes through or_redact_inplace() first.  Levels: errors always
 * print (they are the one-line failure message), warnings unless -q, info
 * with -v, debug with -vv.  Thread-safe (one write per line).  A warning
 * with a prefix (a plugin's) is printed once per process: the same line
 * again is dropped.
 */
#ifndef OR_LOG_H
#define OR_LOG_H

#include <stdarg.h>

#include "outreport/plugin.h"

/** Set verbosity: -1 quiet, 0 default, 1 verbose, 2 debug. */
void or_log_set_verbosity(int v);

/** A context shown in every line, e.g. "job weekly" in a batch (copied; NULL clears). */
void or_log_set_context(const char *ctx);

/** Current verbosity. */
int or_log_verbosity(void);

/** Log one line with an optional "[prefix] " (NULL for none). */
void or_logv(enum or_log_level level, const char *prefix, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/** Log one line. */
void or_log(enum or_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
