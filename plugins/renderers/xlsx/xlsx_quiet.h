/* SPDX-License-Identifier: MIT */
/**
 * @file xlsx_quiet.h
 * @brief libxlsxwriter prints its own "[ERROR] ..." lines to stderr (a full
 * disk, a temporary file it cannot create) and then returns an error code
 * the renderer reports anyway: the user would see two messages, one of them
 * not ours.  Around the calls that print, stderr is captured; an [ERROR]
 * line becomes the detail of the renderer's one-line error, anything else is
 * passed on unchanged.
 *
 * stderr is the process's: captures are serialised, and what other threads
 * write meanwhile is passed on when the capture ends.
 */
#ifndef OR_XLSX_QUIET_H
#define OR_XLSX_QUIET_H

#include <stddef.h>

/** One capture; lives on the caller's stack between begin and end. */
struct xlsx_quiet {
    int saved;  /**< the real stderr, duplicated; -1 when not capturing */
    int memfd;  /**< where stderr goes meanwhile */
    int locked; /**< holds the lock */
};

/** @brief Start capturing stderr (if that fails, nothing is captured). */
void xlsx_quiet_begin(struct xlsx_quiet *q);

/**
 * @brief Stop capturing: restore stderr, write on to it what was not an
 * [ERROR] line, and put the text of the first [ERROR] line (without the
 * "[ERROR]" tag and the source position) into @p detail, "" when none.
 */
void xlsx_quiet_end(struct xlsx_quiet *q, char *detail, size_t n);

#endif /* OR_XLSX_QUIET_H */
