/* SPDX-License-Identifier: MIT */
/* Excel date serials: see excel_serial.h. */
#include "base/excel_serial.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static long
days_from_civil(long y, long m, long d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int
or_excel_serial(const int parts[6], double *out)
{
    int y = parts[0], mo = parts[1], d = parts[2];
    if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31) {
        return 0;
    }
    long days = days_from_civil(y, mo, d) - days_from_civil(1899, 12, 30);
    if (days < 61) {
        /* Before 1900-03-01 Excel counts from 1900-01-01 = 1 (no phantom leap day yet). */
        days -= 1;
    }
    double secs = (double)parts[3] * 3600.0 + (double)parts[4] * 60.0 + (double)parts[5];
    *out = (double)days + secs / 86400.0;
    return 1;
}
