/* SPDX-License-Identifier: MIT */
/**
 * @file replay_hint.h
 * @brief Which periods a recording covers, for a replay that asked for
 * another one (core only).
 *
 * A recording (--record DIR) keeps each request's path, query and body in
 * DIR/KEY.json.  The dates in them (2026-11-16, and instants such as
 * 2026-11-15T23:00:00.000Z, read in the report's zone) give each request's
 * period; a replay that misses can then say which periods it could serve.
 */
#ifndef OR_REPLAY_HINT_H
#define OR_REPLAY_HINT_H

#include <glib.h>

/**
 * @brief The periods of the requests recorded in @p dir, distinct and
 * sorted, as "2026-11-09..2026-11-15 and 2026-11-16..2026-11-22" (local
 * dates in @p tz).  Owned (g_free()); NULL when no request names a date.
 */
char *or_replay_coverage(const char *dir, GTimeZone *tz);

#endif
