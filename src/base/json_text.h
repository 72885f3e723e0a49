/* SPDX-License-Identifier: MIT */
/**
 * @file json_text.h
 * @brief JSON text of a jansson value in GLib memory (core only).
 *
 * json_dumps() hands out memory to release with free(); modules that
 * allocate with GLib take their JSON text from here instead, so that each
 * keeps one allocator.
 */
#ifndef OR_JSON_TEXT_H
#define OR_JSON_TEXT_H

#include <stddef.h>

#include <jansson.h>

/**
 * @brief The JSON text of @p root as json_dumps() with @p flags would write
 * it, followed by a newline when @p newline is nonzero.
 * @return owned text (g_free()), or NULL when jansson fails.
 */
char *or_json_text(const json_t *root, size_t flags, int newline);

/**
 * @brief Print @p root and a newline on stdout whole or not at all, also
 * when a signal stops the process meanwhile (or_write_whole(), cleanup.h):
 * a --json summary.
 * @return 0, or -1 when nothing or not all of it was written.
 */
int or_json_print_whole(const json_t *root, size_t flags);

#endif /* OR_JSON_TEXT_H */
