/* SPDX-License-Identifier: MIT */
/**
 * @file stream.h
 * @brief Pages of rows handed from a fetch to a renderer while the fetch runs.
 *
 * Core only.  `outreport fetch` writes one source into one file; when the
 * renderer reads its table once from front to back (::or_renderer.streams)
 * and the endpoint's columns are fixed, the rows need no dataset: the fetch
 * runs on a producer thread and puts each page, in page order, into a
 * bounded queue; the renderer steps a cursor over the queue on the calling
 * thread.  Downloading, parsing and writing the file then overlap, and memory
 * is bounded by the pages in flight.
 *
 * Values reach the renderer typed by the column's declared type, converted
 * by the same function the dataset's table writer uses (dataset/coerce.h):
 * a provider that sets an INT into a TEXT column gets the same text either way.
 *
 * Either side can stop the other: the producer ends the stream with a status
 * (a failed fetch makes the next step fail with the fetch's status, so the
 * renderer fails and its temporary file is removed); the consumer closes it (a failed render
 * makes the next put return an error, so the fetch stops).
 */
#ifndef OR_STREAM_H
#define OR_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "dataset/cursor.h"
#include "dataset/rows.h"
#include "outreport/plugin.h"

struct or_stream;

/**
 * @brief A stream of rows of @p schema (borrowed; fixed columns only),
 * holding at most @p max_pages pages not yet read.  Free with or_stream_free().
 */
struct or_stream *or_stream_new(const struct or_schema *schema, size_t max_pages);

/** @brief Free the stream and any pages left in it.  NULL is a no-op. */
void or_stream_free(struct or_stream *s);

/**
 * @brief Producer: append the rows of one page, taking them over (@p rows is
 * left empty and ready for reuse).  Blocks while the queue is full.
 * @return OR_OK, or OR_ERR_RENDER (with @p err) once the consumer has closed
 *         the stream.
 */
or_status or_stream_put(struct or_stream *s, struct or_rows *rows, char *err, size_t errlen);

/** @brief Producer: no more pages; @p st is the fetch's result (OR_OK: complete). */
void or_stream_finish(struct or_stream *s, or_status st);

/** @brief Consumer: stop reading; a blocked or later put fails. */
void or_stream_close(struct or_stream *s);

/** @brief Whether the consumer closed the stream before its end. */
int or_stream_closed_early(struct or_stream *s);

/** @brief Whether a put failed because the consumer had closed the stream. */
int or_stream_refused(struct or_stream *s);

/**
 * @brief Called on the consumer's thread once, when the last row has been
 * read and the producer finished successfully (before the step that returns
 * 0 returns): lets the host complete what the renderer reads after its rows.
 */
void or_stream_on_end(struct or_stream *s, void (*fn)(void *ud), void *ud);

/** @brief Rows handed to the consumer so far. */
int64_t or_stream_rows_read(const struct or_stream *s);

/** @brief Consumer: seconds spent waiting for pages (the renderer idle). */
double or_stream_wait_seconds(const struct or_stream *s);

/**
 * @brief The stream as a cursor (dataset/cursor.h: the streaming
 * implementation), stepped with or_cursor_next().  Rewinding before the
 * first step does nothing; after it, OR_ERR_UNSUPPORTED (rows once read are
 * gone).  Borrowed: valid while the stream is; or_cursor_free() leaves it alone.
 */
struct or_cursor *or_stream_cursor(struct or_stream *s);

#endif
