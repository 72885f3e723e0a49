/* SPDX-License-Identifier: MIT */
/**
 * @file tzname.h
 * @brief What counts as a time zone name: an IANA identifier of the zone
 * database, nothing else (core only).
 *
 * GLib's g_time_zone_new_identifier() takes more than IANA names: a POSIX
 * TZ rule ("UTC+5", which means five hours *behind* UTC), an ISO offset, or a
 * file path ("/etc/localtime", "../x") are all zones to it, and "" is UTC.
 * A report's zone is none of those: it is a name from the zone database
 * ($TZDIR, else /usr/share/zoneinfo), or UTC.
 */
#ifndef OR_TZNAME_H
#define OR_TZNAME_H

#include <stddef.h>

#include "outreport/status.h"

/**
 * @brief Check that @p name is an IANA zone identifier.
 *
 * @param name    The name; borrowed; NULL is an error like "".
 * @param err     Receives the reason on failure, e.g. "time zone 'UTC+5' is a
 *                POSIX TZ rule, not an IANA zone name (...)"; may be NULL.
 * @param errlen  Size of @p err.
 * @return OR_OK; OR_ERR_INVALID for an empty name, a path, a POSIX rule or
 *         offset, or a name the zone database does not hold.
 */
or_status or_tz_name_check(const char *name, char *err, size_t errlen);

#endif
