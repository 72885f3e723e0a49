/* SPDX-License-Identifier: MIT */
/**
 * @file brand.h
 * @brief The company's look: the [brand] section of the configuration
 * (logo, accent, company, footer, cover), checked and loaded before a run
 * fetches anything.
 *
 * Core only.  The logo is read whole (at most 8 MiB) and decoded once to
 * prove it is an image: a PNG or JPEG is handed to renderers as it is, an
 * SVG is rasterised with librsvg to a PNG (its longer side 1024 pixels).  A
 * relative logo path is read from the configuration file's folder.  Every
 * failure names the config file, the key and, for the logo, the file.
 */
#ifndef OR_BRAND_H
#define OR_BRAND_H

#include <stddef.h>

#include "base/config.h"
#include "outreport/plugin.h"

/** A loaded brand.  Owned: or_brand_free().  @c pub points into it. */
struct or_brand_data {
    struct or_brand pub; /**< what renderers get */
    unsigned char *logo; /**< owned bytes behind pub.logo */
    char *logo_path;     /**< the file it came from (owned) */
    char *company;       /**< owned */
    char *footer;        /**< owned */
};

/**
 * @brief Load [brand] of @p cfg into *@p out: NULL when the section sets
 * nothing (outreport's own look).
 * @return OR_OK; OR_ERR_CONFIG with @p err naming the file, key and what is
 *         wrong ("outreport.conf: [brand] accent: '#12345' is not a colour
 *         #rrggbb", "[brand] logo: /x/logo.png: not a PNG, JPEG or SVG
 *         image"); OR_ERR_NOMEM.
 */
or_status or_brand_load(const struct or_config *cfg, struct or_brand_data **out, char *err,
                        size_t errlen);

/**
 * @brief Parse "#rrggbb" (case-insensitive) into 0xRRGGBB.
 * @return 1 on success, 0 when @p s is no such colour.
 */
int or_color_parse(const char *s, uint32_t *out);

/** @brief Free; NULL is a no-op. */
void or_brand_free(struct or_brand_data *b);

#endif
