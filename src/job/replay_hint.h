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

#include "fetch/sources.h"

/**
 * @brief The periods of the requests recorded in @p dir, distinct and
 * sorted, as "2026-11-09..2026-11-15 and 2026-11-16..2026-11-22" (local
 * dates in @p tz).  Owned (g_free()); NULL when no request names a date.
 */
char *or_replay_coverage(const char *dir, GTimeZone *tz);

/** @brief "FIRST..LAST" that source @p s asked for, or "all data".  Owned (g_free()). */
char *or_replay_asked(const struct or_source *s);

/**
 * @brief Warn that a replay of @p dir asked for what it lacks: "--replay DIR
 * covers COVERS; this run asked for ASKED (WHY)", or when @p covers holds
 * @p asked, that the requests for it differ (other parameters or endpoints).
 * The same line for `run`, `batch` and `fetch`.
 * @param covers or_replay_coverage()'s text ("no dated request" when NULL).
 * @param asked the period asked for, "FIRST..LAST", or "all data".
 * @param why what asked for it: "--period", or "trend: last-12-weeks".
 */
void or_replay_say(const char *dir, const char *covers, const char *asked, const char *why);

#endif
