/* SPDX-License-Identifier: MIT */
/**
 * @file tmpfile.h
 * @brief Private temporary files and folders, and removing the ones a run
 * killed with SIGKILL left behind (core only).
 *
 * Every file outreport writes goes first to a hidden temporary file beside
 * its destination, named `.<name>.tmp-XXXXXX` (six letters or digits), and
 * is renamed into place when complete; a batch keeps its shared responses in
 * a folder `<prefix>XXXXXX` under $TMPDIR.  Both are private while they
 * exist: files 0600, folders 0700.  A signal that can be caught removes them
 * (cleanup.h); SIGKILL, a crash or a power cut cannot, so the next run
 * removes them: only names of outreport's own pattern, owned by the same
 * user, untouched for an hour (files), or no longer held by a live process
 * (folders, which their process holds with flock() while it runs).
 */
#ifndef OR_TMPFILE_H
#define OR_TMPFILE_H

#include <stddef.h>

/** Age in seconds after which an unfinished temporary file counts as left behind. */
#define OR_TMP_STALE_S 3600

/**
 * @brief The template of a temporary file for @p name in @p dir:
 * "<dir>/.<name>.tmp-XXXXXX".  Owned by the caller: g_free().
 */
char *or_tmpfile_template(const char *dir, const char *name);

/**
 * @brief Create the temporary file @p tmpl names (its XXXXXX replaced),
 * mode 0600, close-on-exec; before the first one in a folder, remove the
 * stale temporaries of earlier runs from that folder (or_tmpfile_sweep()).
 * The file is not registered with cleanup.h: the caller does that.
 *
 * @param tmpl  A template from or_tmpfile_template() (or of that form);
 *              modified in place.
 * @return An open descriptor, or -1 with errno set.  Thread-safe.
 */
int or_tmpfile_create(char *tmpl);

/**
 * @brief or_tmpfile_create(), and the file registered for removal on a
 * signal (or_cleanup_create_file()) before any signal can stop the process
 * between the two.  The caller calls or_cleanup_forget() once the file is
 * renamed or removed.
 * @return An open descriptor, or -1 with errno set (nothing registered).
 */
int or_tmpfile_create_registered(char *tmpl);

/**
 * @brief Remove from @p dir the regular files named like outreport's
 * temporaries (".*.tmp-" and six letters or digits), owned by this user
 * and not modified for @p max_age_s seconds.  Nothing else is touched;
 * symbolic links are not followed.
 * @return The number of files removed.
 */
int or_tmpfile_sweep(const char *dir, long max_age_s);

/**
 * @brief Make a private folder "<$TMPDIR>/<prefix>XXXXXX" (mode 0700),
 * held by this process (and its forked children) until it ends, after
 * removing the folders of that prefix that earlier runs left behind: owned
 * by this user, held by no process, untouched for OR_TMP_STALE_S.
 *
 * @param prefix  e.g. "outreport-batch-"; borrowed.
 * @return The folder's path, owned by the caller (g_free()), or NULL with
 *         errno set.
 */
char *or_tmpdir_make(const char *prefix);

#endif
