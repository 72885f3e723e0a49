/* SPDX-License-Identifier: MIT */
/**
 * @file status_str.h
 * @brief Text of an ::or_status (core only).
 */
#ifndef OR_STATUS_STR_H
#define OR_STATUS_STR_H

#include "outreport/status.h"

/** @brief A static, never-NULL description of @p s.  Do not free. */
const char *or_status_str(or_status s);

#endif
