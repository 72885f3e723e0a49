/* SPDX-License-Identifier: MIT */
/**
 * @file chart_fallback.h
 * @brief The font charts fall back to for characters DejaVu Sans lacks.
 *
 * A renderer sets one up per document (the file comes from its
 * `fallback_font` option, Droid Sans Fallback by default) and hands it to
 * every chart it draws (chart_plot.h); the charts load it through cairo's
 * FreeType backend on the first character that needs it.
 */
#ifndef OR_CHART_FALLBACK_H
#define OR_CHART_FALLBACK_H

#include <stdint.h>

/** The fix a fallback warning names when the fallback file cannot be used. */
#define CHART_FALLBACK_FIX "install fonts-droid-fallback or set --option fallback_font=FILE"

/**
 * Where text falls back to for the characters DejaVu lacks (CJK, Hangul),
 * and whom to tell about characters drawn as boxes.  Set up by the renderer,
 * one per document; borrowed by the charts it draws.
 */
struct chart_fallback {
    const char *path; /**< the TrueType file (borrowed) */
    /**
     * MAY be NULL.  Called for a character drawn as a box: @p reason says why
     * the fallback does not draw it ("cannot be read (...)", "has none
     * either"), @p fix what the user can do.  The renderer says it once per
     * document.
     */
    void (*warn)(void *ud, uint32_t cp, const char *reason, const char *fix);
    void *ud; /**< passed to warn */
};

#endif /* OR_CHART_FALLBACK_H */
