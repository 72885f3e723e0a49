/* SPDX-License-Identifier: MIT */
/**
 * @file status_str.h
 * @brief The core's way of filling an error message buffer (core only).
 *
 * A status says what kind of failure happened, the message what exactly: a
 * function that takes a message buffer fills it whenever it fails, so a
 * status never has to stand alone as text (there is no status-to-text
 * table).  The file keeps its name for its many includers.
 */
#ifndef OR_STATUS_STR_H
#define OR_STATUS_STR_H

#include <stdarg.h>
#include <stddef.h>

#include "outreport/status.h"

/**
 * @brief Write a formatted message into a caller's error buffer (truncated
 * to fit), with every secret registered with or_redact_add() replaced by
 * "***"; does nothing when @p err is NULL or @p errlen is 0.
 *
 * The one way the core fills a message buffer: a message built from a URL,
 * a server's reply or a config value never carries a secret out.
 */
void or_set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** @brief or_set_err() with a va_list. */
void or_vset_err(char *err, size_t errlen, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

#endif
