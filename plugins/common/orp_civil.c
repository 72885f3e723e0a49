/* SPDX-License-Identifier: MIT */
/*
 * Civil dates by GLib's GDate and UTC text; see orp_civil.h.
 */
#include <stdio.h>

#include <glib.h>

#include "orp_civil.h"

/* GDate holds the years 1..65535; the Gregorian calendar repeats every 400
 * years (146097 days), so a date is moved into [2000, 2400) first and the
 * cycles it was moved by are added back. */
#define CYCLE_YEARS 400
#define CYCLE_DAYS 146097
#define JULIAN_2000 730120 /* GDate's day number of 2000-01-01 (0001-01-01 is 1) */
#define DAYS_1970_TO_2000 10957

static int64_t
cycles_from_2000(int64_t v, int64_t per_cycle)
{
    int64_t q = v / per_cycle;
    return v % per_cycle < 0 ? q - 1 : q;
}

int64_t
orp_days_from_civil(int64_t y, int m, int d)
{
    int64_t cycles = cycles_from_2000(y - 2000, CYCLE_YEARS);
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_dmy(&date, 1, (GDateMonth)m, (GDateYear)(y - cycles * CYCLE_YEARS));
    int64_t first = (int64_t)g_date_get_julian(&date) - JULIAN_2000 + DAYS_1970_TO_2000;
    return first + cycles * CYCLE_DAYS + d - 1;
}

void
orp_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
    int64_t cycles = cycles_from_2000(days - DAYS_1970_TO_2000, CYCLE_DAYS);
    GDate date;
    g_date_clear(&date, 1);
    g_date_set_julian(&date,
                      (guint32)(days - cycles * CYCLE_DAYS - DAYS_1970_TO_2000 + JULIAN_2000));
    *y = (int64_t)g_date_get_year(&date) + cycles * CYCLE_YEARS;
    *m = g_date_get_month(&date);
    *d = g_date_get_day(&date);
}

size_t
orp_format_utc(int64_t t, int ms, const char *zone, char *buf, size_t n)
{
    int64_t days = t / 86400;
    int64_t secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        days -= 1;
    }
    int64_t y = 0;
    int m = 0;
    int d = 0;
    orp_civil_from_days(days, &y, &m, &d);
    int len = snprintf(buf, n, "%04lld-%02d-%02dT%02d:%02d:%02d.%03d%s", (long long)y, m, d,
                       (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), ms, zone);
    if (len < 0 || (size_t)len >= n) {
        if (n > 0) {
            buf[0] = '\0';
        }
        return 0;
    }
    return (size_t)len;
}
