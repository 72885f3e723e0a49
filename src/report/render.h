/* SPDX-License-Identifier: MIT */
/**
 * @file render.h
 * @brief The render stage: every format's documents of an evaluated report,
 * rendered at the same time and put in place in format order.
 *
 * Core only.  A format is one document (DIR/NAME SUFFIX.FORMAT), except CSV,
 * which holds one table: one DIR/NAME SUFFIX-SECTION.csv per available table
 * section.  Documents render on several threads at once (at most one per
 * processor, four, and the job's share), larger ones first, while another
 * core steps their large results ahead of them.  They are put in place in
 * the order of the format list, as if written one after another: when one
 * fails, those before it stay, and it and the ones after it are not written
 * (a file of that name from an earlier run is left alone).
 */
#ifndef OR_RENDER_H
#define OR_RENDER_H

#include <glib.h>

#include "base/config.h"
#include "plugin/plugin_loader.h"
#include "report/evaluate.h"

/** What to render.  All borrowed. */
struct or_render_request {
    struct or_eval *ev;            /**< the evaluated report */
    const struct or_registry *reg; /**< renderers by format */
    const struct or_config *cfg;   /**< for renderers' config lookups */
    GTimeZone *tz;                 /**< the report zone */
    char *const *formats;          /**< NULL-terminated, each with a loaded renderer */
    const char *dir;               /**< output folder */
    const char *name;              /**< file name stem (the template's name) */
    const char *suffix;            /**< after the stem: "" for the roll-up, "-value" for a split */
    const struct or_option *opts;  /**< renderer options */
    size_t nopts;
    int max_threads;             /**< the job's share of the processors; 0: all */
    const struct or_locale *loc; /**< the report's locale ([report] locale), or NULL */
    /**
     * MAY be NULL.  Called on the rendering thread with each rendered
     * temporary file before it is put in place (hashing it there overlaps
     * the other documents' rendering); returns what the written document
     * carries as @c data, freed with @c free_data.
     */
    gpointer (*rendered)(const char *tmp, void *ud);
    GDestroyNotify free_data; /**< frees what @c rendered returned; MAY be NULL */
    void *ud;
};

/** A document put in place. */
struct or_rendered_doc {
    char *path;               /**< where it is (owned) */
    char *format;             /**< "pdf", "xlsx", "csv" (owned) */
    const char *mime;         /**< the renderer's MIME type (borrowed from its descriptor) */
    gpointer data;            /**< what or_render_request.rendered returned, or NULL */
    GDestroyNotify free_data; /**< frees @c data (or_render_request.free_data) */
};

/**
 * @brief Render every format of @p rq and put the documents in place.
 * @param docs receives the documents written, in order (appended; the array
 *        owns them when made with or_rendered_docs_new()), also on failure:
 *        those before the failed one.
 * @return OR_OK, or the first failure in format order with @p err naming the
 *         document.
 */
or_status or_render_documents(const struct or_render_request *rq, GArray *docs, char *err,
                              size_t errlen);

/** What a mail body shows of the report (or_render_mail_html()).  Borrowed. */
struct or_mail_html {
    const char *intro; /**< a paragraph above the report, or NULL */
    long max_rows;     /**< rows a table shows at most; 0: all */
};

/**
 * @brief The report of @p rq->ev as the HTML renderer writes it for a mail
 * body: charts as PNG images (`data:` URIs, which the mail turns into inline
 * CID parts), tables cut at @p m->max_rows, @p m->intro above.  Rendered
 * into a temporary file in @p rq->dir, read back and removed.
 * @param html receives the document (owned, g_free()), or NULL when no
 *        renderer "html" is loaded.
 * @return OR_OK (also without the renderer), or the renderer's error.
 */
or_status or_render_mail_html(const struct or_render_request *rq, const struct or_mail_html *m,
                              char **html, char *err, size_t errlen);

/** @brief An empty array of ::or_rendered_doc that frees them; g_array_free(a, TRUE). */
GArray *or_rendered_docs_new(void);

#endif
