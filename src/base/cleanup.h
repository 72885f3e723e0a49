/* SPDX-License-Identifier: MIT */
/**
 * @file cleanup.h
 * @brief What is removed when the process is stopped by a signal (core only).
 *
 * Documents are rendered into hidden temporary files beside their
 * destination (output.c), and a batch keeps its shared responses in a private
 * folder.  SIGINT, SIGTERM or SIGHUP (Ctrl-C, `systemctl stop`, `timeout`)
 * would leave them behind, a 50 MB `.weekly.csv.tmp-XXXXXX` at a time.
 *
 * or_cleanup_signals_start() blocks those signals in every thread and waits
 * for them on one thread of its own; there, ordinary code can run: it stops
 * the registered child processes, removes the registered files and folders,
 * and ends the process by the same signal, so the caller sees the usual
 * status (130 for Ctrl-C, 143 for SIGTERM).  The registry is thread-safe and
 * works without the signal thread (unit tests).
 */
#ifndef OR_CLEANUP_H
#define OR_CLEANUP_H

#include <stdio.h>
#include <sys/types.h>

/**
 * @brief Block SIGINT, SIGTERM and SIGHUP and start the thread that handles
 * them.  Call first thing in main(), before any other thread exists (threads
 * inherit the blocked set).  Once per process; a failure to start the
 * thread leaves the default handling in place.
 */
void or_cleanup_signals_start(void);

/**
 * @brief In a child made with fork(): forget the parent's registry (its files
 * and folders are the parent's to remove) and start this process's own
 * signal thread (fork() copies only the calling thread, and the signals are
 * still blocked).
 */
void or_cleanup_after_fork(void);

/** @brief Remove @p path on a signal until or_cleanup_forget() (copied). */
void or_cleanup_add_file(const char *path);

/**
 * @brief Make a file with @p create from template @p tmpl (modified in
 * place, as mkstemp() does) and register it for removal on a signal, in one
 * step: the signal thread cannot remove the registered files between the
 * two, so a signal never leaves the new file behind.  Once a signal is
 * stopping the process, this waits for the end (nothing new is made).
 * @return What @p create returned: a descriptor, or -1 with errno set (then
 *         nothing is registered).
 */
int or_cleanup_create_file(char *tmpl, int (*create)(char *tmpl));

/** @brief Remove the folder @p dir and everything in it on a signal (copied). */
void or_cleanup_add_dir(const char *dir);

/**
 * @brief Stop removing @p path (a file or folder): it was put in place or removed.
 * @return 1 when @p path was registered (once per registration), else 0.
 */
int or_cleanup_forget(const char *path);

/** @brief Send the signal on to child process @p pid and wait for it (until forgotten). */
void or_cleanup_add_child(pid_t pid);

/** @brief @p pid has ended. */
void or_cleanup_forget_child(pid_t pid);

/** @brief write() all of @p text to @p fd, again after EINTR; 0, or -1 when it could not. */
int or_write_all(int fd, const char *text, size_t len);

/**
 * @brief Write @p text to @p f (flushed first, then written to its file
 * descriptor) whole or not at all, as far as a stopping signal goes: once
 * the signal thread is stopping the process nothing starts, and a signal
 * arriving meanwhile waits until the text is out (at most 5 s, so a reader
 * that never reads cannot keep the process alive).  For a --json summary,
 * which a cut at the stdio buffer's 4096 bytes would make invalid JSON.
 * @return 0, or -1 when nothing or not all was written.
 */
int or_write_whole(FILE *f, const char *text, size_t len);

/** @brief Remove @p dir and everything below it (best effort). */
void or_remove_tree(const char *dir);

#endif
