/* SPDX-License-Identifier: MIT */
/**
 * @file valuefmt.h
 * @brief Values as text for people, per display format (core only).
 *
 * integer "12,345"; decimal "1,234.50"; percent from a ratio "25.0 %";
 * duration from seconds "1:02:03" (or "2:03" under an hour); date
 * "2026-11-16" and datetime "2026-11-16 09:30" in the report's zone; NULL "–".
 */
#ifndef OR_VALUEFMT_H
#define OR_VALUEFMT_H

#include <glib.h>
#include <stddef.h>

#include "outreport/plugin.h"

/** @brief Format @p v into @p buf (always NUL-terminated). */
void or_value_format(const struct or_value *v, enum or_format fmt, GTimeZone *tz, char *buf,
                     size_t n);

#endif
