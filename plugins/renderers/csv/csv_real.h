/* SPDX-License-Identifier: MIT */
/**
 * @file csv_real.h
 * @brief Text of a REAL value that reads back as the same double.
 *
 * The shortest of 15, 16 or 17 significant digits that strtod() turns back
 * into the same value, laid out without an exponent when 1e-7 <= |x| < 1e21
 * (0.5, 72.08, 1234567.25, 0.0000001, 100000000000000000000) and as
 * `1.5e-08` / `1e+21` outside that range.  Integral values print as
 * integers ("100", never "100.0"), -0 prints as "0", non-finite values as
 * `inf`, `-inf` and `nan` (what strtod reads).  The result never depends on
 * the process locale: the decimal separator is the one given.
 */
#ifndef OR_CSV_REAL_H
#define OR_CSV_REAL_H

#include <stddef.h>
#include <stdint.h>

/** Size of a buffer that holds any csv_real_format() result with its NUL. */
#define CSV_REAL_BUFSIZE 48

/**
 * @brief Format @p x.
 * @param x             the value
 * @param decimal_point '.' or ',' (excel-eu)
 * @param buf           receives the NUL-terminated text
 * @param n             size of @p buf; at least ::CSV_REAL_BUFSIZE
 * @return the length of the text (without the NUL).
 */
size_t csv_real_format(double x, char decimal_point, char *buf, size_t n);

/**
 * @brief Format a 64-bit integer in decimal, without a NUL.
 * @param v   the value
 * @param buf receives the digits; at least 20 bytes
 * @return the number of bytes written.
 */
size_t csv_int_format(int64_t v, char *buf);

#endif /* OR_CSV_REAL_H */
