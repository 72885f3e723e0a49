/* SPDX-License-Identifier: MIT */
/**
 * @file chart_fallback.h
 * @brief The font charts fall back to for characters DejaVu Sans lacks.
 *
 * A renderer sets one up per document (the file comes from its
 * `fallback_font` option, Droid Sans Fallback by default) and hands it to
 * every chart it draws (chart_plot.h); the charts load it through cairo's
 * FreeType backend on the first character that needs it.
 *
 * A renderer that also hands over a shaper (orr_shape_fonts.h) has text in
 * scripts that need shaping or run right to left (Arabic, Hebrew, Indic
 * scripts, Thai, Hangul...) measured and drawn shaped: reordered with
 * FriBidi, shaped with HarfBuzz in the script's font and drawn as glyph
 * runs (chart_shaped.h).  Without one such text is set as before, with
 * cairo's toy text API, unshaped.
 */
#ifndef OR_CHART_FALLBACK_H
#define OR_CHART_FALLBACK_H

#include <stdint.h>

struct orr_shaper;

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
    /**
     * MAY be NULL (the toy API, unshaped).  Borrowed: the document's shaper,
     * whose fallback font is @p path; it tells @p warn of a character no font has.
     */
    struct orr_shaper *shaper;
};

#endif /* OR_CHART_FALLBACK_H */
