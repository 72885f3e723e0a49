/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_plot.h
 * @brief Draw a chart with cairo into an RGB raster.
 *
 * Charts are drawn in points onto a cairo image surface scaled to the
 * requested resolution (the renderer uses 300 dpi), then handed over as
 * packed 8-bit RGB for HPDF_LoadRawImageFromMem().  Text uses cairo's toy
 * API with "DejaVu Sans" through fontconfig, grey antialiasing and no
 * hinting, so a raster does not depend on the screen settings of the
 * machine; characters DejaVu lacks are drawn from the document's fallback
 * font file (pdf_font.h) through cairo's FreeType backend.
 */
#ifndef OR_PDF_PLOT_H
#define OR_PDF_PLOT_H

#include <stddef.h>

#include "outreport/status.h"
#include "pdf_chart_data.h"
#include "pdf_font.h"

/** A raster: packed RGB, 3 bytes per pixel, rows top to bottom. */
struct pdf_raster {
    unsigned char *rgb; /**< owned pixels; free() */
    int width;          /**< pixels */
    int height;         /**< pixels */
};

/**
 * @brief Draw @p cd into a raster of @p w x @p h points at @p dpi.
 * @param fallback the document's fallback font (borrowed; its one warning
 *               may be logged); NULL for none
 * @param msg    receives the cairo error on failure
 * @param msglen size of @p msg
 * @return OR_OK; OR_ERR_RENDER when cairo fails; OR_ERR_NOMEM.
 */
or_status pdf_plot_raster(const struct pdf_chart_data *cd, double w, double h, double dpi,
                          struct pdf_fallback *fallback, struct pdf_raster *out, char *msg,
                          size_t msglen);

#endif /* OR_PDF_PLOT_H */
