/* SPDX-License-Identifier: MIT */
/* What counts as a time zone name: see tzname.h. */
#include "base/tzname.h"

#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "base/status_str.h"

#define EXAMPLE "an IANA name such as Europe/Berlin or UTC"

/* "/etc/localtime", "./x", "../x", "a/../b", "a\\b", "~x": a file, not a name.
 * "localtime" is the system's zone file under another name. */
static int
looks_like_path(const char *name)
{
    if (name[0] == '/' || name[0] == '.' || name[0] == '~' || strchr(name, '\\') != NULL ||
        strcmp(name, "localtime") == 0) {
        return 1;
    }
    char **parts = g_strsplit(name, "/", -1);
    int path = 0;
    for (char **p = parts; *p != NULL; p++) {
        path = path || **p == '\0' || strcmp(*p, ".") == 0 || strcmp(*p, "..") == 0;
    }
    g_strfreev(parts);
    return path;
}

/* The characters of the zone database's names. */
static int
iana_chars(const char *name)
{
    for (const char *p = name; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_' && *p != '-' && *p != '+' && *p != '/') {
            return 0;
        }
    }
    return 1;
}

/* A POSIX rule has an offset: "UTC+5", "EST5EDT,M3.2.0,M11.1.0", "<+05>-5",
 * "+05:00".  Zone database names with digits are Etc/GMT+5 and the like,
 * which exist as files and never reach this test. */
static int
looks_like_posix(const char *name)
{
    return strpbrk(name, "0123456789,<>:") != NULL;
}

static int
in_zone_database(const char *name)
{
    const char *dir = g_getenv("TZDIR");
    char *path =
        g_build_filename(dir != NULL && *dir != '\0' ? dir : "/usr/share/zoneinfo", name, NULL);
    struct stat sb;
    int found = stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
    g_free(path);
    return found;
}

or_status
or_tz_name_check(const char *name, char *err, size_t errlen)
{
    if (name == NULL || name[0] == '\0') {
        or_set_err(err, errlen, "empty time zone name (give " EXAMPLE ")");
        return OR_ERR_INVALID;
    }
    if (looks_like_path(name)) {
        or_set_err(err, errlen, "time zone '%s' is a file path, not a zone name (give " EXAMPLE ")",
                   name);
        return OR_ERR_INVALID;
    }
    if (strcmp(name, "UTC") == 0 || (iana_chars(name) && in_zone_database(name))) {
        return OR_OK;
    }
    if (looks_like_posix(name)) {
        or_set_err(err, errlen,
                   "time zone '%s' is a POSIX TZ rule or an offset, not an IANA zone name "
                   "(POSIX reverses the sign: UTC+5 is 5 hours behind UTC); give " EXAMPLE
                   ", or Etc/GMT-5 for a fixed UTC+05:00",
                   name);
        return OR_ERR_INVALID;
    }
    or_set_err(err, errlen, "unknown time zone '%s'", name);
    return OR_ERR_INVALID;
}
