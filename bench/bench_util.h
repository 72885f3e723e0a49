/* SPDX-License-Identifier: MIT */
/**
 * @file bench_util.h
 * @brief What both ceiling programs need: clocks, a sort order for medians and
 *        a suffix test.  Header-only (static inline): the ceilings are also
 *        compiled by bench/run with one `cc` each when there is no build tree.
 */
#ifndef OR_BENCH_UTIL_H
#define OR_BENCH_UTIL_H

#include <string.h>
#include <sys/resource.h>
#include <time.h>

/** Monotonic wall-clock seconds. */
static inline double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/** User plus system CPU seconds of this process. */
static inline double
cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/** qsort() order of doubles, for medians of the passes. */
static inline int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

/** Whether @p s ends with @p suffix. */
static inline int
has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

#endif
