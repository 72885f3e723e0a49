/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_tounicode.h
 * @brief Replace libharu 2.3.0's invalid ToUnicode CMap of UTF-8 fonts.
 *
 * With HPDF_UseUTFEncodings() libharu writes text as 2-byte codes equal to
 * the Unicode code point (Identity-H), but the ToUnicode CMap it attaches
 * is its encoding CMap: a `begincidrange` over <0000>..<FFFF>, which is not
 * valid in a ToUnicode map (poppler warns "Invalid 'begincidrange' operator
 * in ToUnicode CMap" and other extractors may give up).  This module swaps
 * in a valid identity map, 248 `bfrange` lines of 256 codes each (the
 * surrogate block left out), so every reader extracts the text.
 *
 * It reaches into libharu's object layer (hpdf_objects.h, shipped with the
 * library's headers); when the font has no ToUnicode entry the font is left
 * as it is.
 */
#ifndef OR_PDF_TOUNICODE_H
#define OR_PDF_TOUNICODE_H

#include <hpdf.h>

/**
 * @brief Give @p font (from HPDF_GetFont(..., "UTF-8")) a valid ToUnicode map.
 * @return HPDF_OK (also when the font has no ToUnicode entry to replace), or
 *         the libharu error code of a failed allocation or write.
 */
HPDF_STATUS pdf_tounicode_fix(HPDF_Doc pdf, HPDF_Font font);

#endif /* OR_PDF_TOUNICODE_H */
