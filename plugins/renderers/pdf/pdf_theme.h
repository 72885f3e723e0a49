/* SPDX-License-Identifier: MIT */
/**
 * @file pdf_theme.h
 * @brief The look of the PDF: colours (0xRRGGBB), type sizes and spacing in points.
 *
 * One place for every visual constant, so pages, tables, tiles and charts
 * share one rhythm.  Series colours are the Okabe–Ito palette, which stays
 * distinguishable for the common forms of colour blindness; good and bad
 * news use its bluish green and vermillion and always come with an arrow
 * direction as well, never colour alone.
 */
#ifndef OR_PDF_THEME_H
#define OR_PDF_THEME_H

/* Colours */
#define PDF_C_TEXT 0x1F2328u      /**< body text */
#define PDF_C_MUTED 0x57606Au     /**< secondary text: descriptions, labels */
#define PDF_C_FAINT 0x8C959Fu     /**< tertiary text: footers, row ranges */
#define PDF_C_RULE 0xD0D7DEu      /**< hairlines and borders */
#define PDF_C_PANEL 0xF6F8FAu     /**< tile and box backgrounds */
#define PDF_C_HEAD_BG 0xE9EEF3u   /**< table header background */
#define PDF_C_ZEBRA 0xF5F7F9u     /**< every other table row */
#define PDF_C_ACCENT 0x0072B2u    /**< header rule, headings' mark */
#define PDF_C_GOOD 0x00855Fu      /**< good change (Okabe–Ito green, darkened for text) */
#define PDF_C_BAD 0xC24F00u       /**< bad change (Okabe–Ito vermillion, darkened for text) */
#define PDF_C_FLAT 0x6E7781u      /**< no change */
#define PDF_C_FAIL_TEXT 0x9B1C1Cu /**< failed source: text */
#define PDF_C_FAIL_BG 0xFDECEAu   /**< failed source: box */
#define PDF_C_FAIL_LINE 0xD93025u /**< failed source: border */
#define PDF_C_WARN_TEXT 0x7A4B00u /**< partial period, retried source: text */
#define PDF_C_WARN_BG 0xFFF4DEu   /**< partial period, retried source: box */
#define PDF_C_WARN_LINE 0xE69F00u /**< partial period, retried source: border */
#define PDF_C_OK 0x009E73u        /**< source ok: status dot */

/* Page furniture */
#define PDF_MARGIN_X 42.0f       /**< left and right margin (about 15 mm) */
#define PDF_HEADER_BASE 30.0f    /**< header baseline below the top edge */
#define PDF_HEADER_RULE 38.0f    /**< header rule below the top edge */
#define PDF_CONTENT_TOP 58.0f    /**< content starts this far below the top edge */
#define PDF_FOOTER_RULE 40.0f    /**< footer rule above the bottom edge */
#define PDF_FOOTER_BASE 27.0f    /**< footer baseline above the bottom edge */
#define PDF_CONTENT_BOTTOM 54.0f /**< content ends this far above the bottom edge */
#define PDF_SIZE_FURNITURE 7.5f  /**< header and footer text */

/* Type */
#define PDF_SIZE_TITLE 22.0f /**< report title on page 1 */
#define PDF_SIZE_H1 13.0f    /**< section headings */
#define PDF_SIZE_BODY 9.5f   /**< paragraphs */
#define PDF_SIZE_SMALL 8.0f  /**< descriptions, notes */
#define PDF_SIZE_TABLE 8.0f  /**< table cells */
#define PDF_LEADING 1.45f    /**< line height as a multiple of the size */

/* Rhythm */
#define PDF_GAP_SECTION 22.0f /**< space before a section heading */
#define PDF_GAP_HEADING 8.0f  /**< space between heading block and content */
#define PDF_GAP 10.0f         /**< space between tiles, boxes */

#endif /* OR_PDF_THEME_H */
