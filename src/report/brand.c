/* SPDX-License-Identifier: MIT */
/* The company's look: see brand.h. */
#include "report/brand.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <stdio.h>
#include <string.h>

#include "base/readfile.h"
#include "base/status_str.h"

#define LOGO_MAX_BYTES (8u * 1024u * 1024u)
#define SVG_LONG_SIDE 1024.0

int
or_color_parse(const char *s, uint32_t *out)
{
    if (s == NULL || s[0] != '#' || strlen(s) != 7) {
        return 0;
    }
    uint32_t v = 0;
    for (int i = 1; i < 7; i++) {
        int d = g_ascii_xdigit_value(s[i]);
        if (d < 0) {
            return 0;
        }
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 1;
}

static const char *
conf_name(const struct or_config *cfg)
{
    return or_config_path(cfg) != NULL ? or_config_path(cfg) : "configuration";
}

/* An SVG: its first non-blank bytes are "<?xml", "<!--", "<!DOCTYPE" or "<svg",
 * and "<svg" occurs near the start. */
static int
looks_svg(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n && g_ascii_isspace(p[i])) {
        i++;
    }
    if (i >= n || p[i] != '<') {
        return 0;
    }
    size_t look = MIN(n, (size_t)4096);
    for (size_t j = i; j + 4 <= look; j++) {
        if (memcmp(p + j, "<svg", 4) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Decode a PNG or JPEG fully: a broken file fails here, not in a renderer. */
static or_status
check_bitmap(struct or_brand_data *b, const char *type, char *msg, size_t msglen)
{
    GError *gerr = NULL;
    GdkPixbufLoader *ld = gdk_pixbuf_loader_new_with_type(type, &gerr);
    if (ld != NULL && gdk_pixbuf_loader_write(ld, b->logo, b->pub.logo_size, &gerr) &&
        gdk_pixbuf_loader_close(ld, &gerr)) {
        GdkPixbuf *pb = gdk_pixbuf_loader_get_pixbuf(ld);
        if (pb != NULL) {
            b->pub.logo_width = gdk_pixbuf_get_width(pb);
            b->pub.logo_height = gdk_pixbuf_get_height(pb);
        }
    }
    else if (ld != NULL) {
        gdk_pixbuf_loader_close(ld, NULL);
    }
    if (ld != NULL) {
        g_object_unref(ld);
    }
    if (gerr != NULL || b->pub.logo_width <= 0 || b->pub.logo_height <= 0) {
        snprintf(msg, msglen, "not a readable %s image%s%s", type, gerr != NULL ? ": " : "",
                 gerr != NULL ? gerr->message : "");
        g_clear_error(&gerr);
        return OR_ERR_CONFIG;
    }
    return OR_OK;
}

static cairo_status_t
append_png(void *closure, const unsigned char *data, unsigned int len)
{
    g_byte_array_append(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* The SVG's size in pixels: its own, else its view box, else a square. */
static void
svg_size(RsvgHandle *h, double *w, double *hh)
{
    gboolean hw = FALSE, hh_ = FALSE, hv = FALSE;
    RsvgLength lw, lh;
    RsvgRectangle vb;
    *w = 0;
    *hh = 0;
    if (!rsvg_handle_get_intrinsic_size_in_pixels(h, w, hh)) {
        rsvg_handle_get_intrinsic_dimensions(h, &hw, &lw, &hh_, &lh, &hv, &vb);
        if (hv && vb.width > 0 && vb.height > 0) {
            *w = vb.width;
            *hh = vb.height;
        }
    }
    if (!(*w > 0 && *hh > 0)) {
        *w = SVG_LONG_SIDE;
        *hh = SVG_LONG_SIDE;
    }
}

/* Rasterise the SVG in b->logo to a PNG that replaces it. */
static or_status
rasterise_svg(struct or_brand_data *b, char *msg, size_t msglen)
{
    GError *gerr = NULL;
    RsvgHandle *h = rsvg_handle_new_from_data(b->logo, b->pub.logo_size, &gerr);
    if (h == NULL) {
        snprintf(msg, msglen, "not a readable SVG image: %s",
                 gerr != NULL ? gerr->message : "librsvg failed");
        g_clear_error(&gerr);
        return OR_ERR_CONFIG;
    }
    double w, hh;
    svg_size(h, &w, &hh);
    double scale = SVG_LONG_SIDE / MAX(w, hh);
    int pw = MAX(1, (int)(w * scale + 0.5));
    int ph = MAX(1, (int)(hh * scale + 0.5));
    cairo_surface_t *surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph);
    cairo_t *cr = cairo_create(surf);
    RsvgRectangle vp = {0, 0, pw, ph};
    gboolean ok = rsvg_handle_render_document(h, cr, &vp, &gerr);
    cairo_destroy(cr);
    GByteArray *png = g_byte_array_new();
    if (ok) {
        ok = cairo_surface_write_to_png_stream(surf, append_png, png) == CAIRO_STATUS_SUCCESS;
    }
    cairo_surface_destroy(surf);
    g_object_unref(h);
    if (!ok) {
        snprintf(msg, msglen, "the SVG image cannot be drawn%s%s", gerr != NULL ? ": " : "",
                 gerr != NULL ? gerr->message : "");
        g_clear_error(&gerr);
        g_byte_array_free(png, TRUE);
        return OR_ERR_CONFIG;
    }
    g_free(b->logo);
    b->pub.logo_size = png->len;
    b->logo = g_byte_array_free(png, FALSE);
    b->pub.logo_width = pw;
    b->pub.logo_height = ph;
    return OR_OK;
}

/* Read, recognise and check the logo file. */
static or_status
load_logo(const struct or_config *cfg, const char *given, struct or_brand_data *b, char *err,
          size_t errlen)
{
    char msg[OR_ERR_SIZE] = "";
    if (g_path_is_absolute(given) || or_config_path(cfg) == NULL) {
        b->logo_path = g_strdup(given);
    }
    else {
        char *dir = g_path_get_dirname(or_config_path(cfg));
        b->logo_path = g_build_filename(dir, given, NULL);
        g_free(dir);
    }
    char *bytes = NULL;
    size_t len = 0;
    or_status st = or_read_file_max(b->logo_path, LOGO_MAX_BYTES, &bytes, &len, msg, sizeof(msg));
    if (st == OR_ERR_NOT_FOUND) {
        snprintf(msg, sizeof(msg), "%s: no such file", b->logo_path);
    }
    if (st != OR_OK) {
        or_set_err(err, errlen, "%s: [brand] logo: %s", conf_name(cfg), msg);
        return OR_ERR_CONFIG;
    }
    b->logo = (unsigned char *)bytes;
    b->pub.logo_size = len;
    if (len >= 8 && memcmp(bytes, "\x89PNG\r\n\x1a\n", 8) == 0) {
        st = check_bitmap(b, "png", msg, sizeof(msg));
    }
    else if (len >= 3 && memcmp(bytes, "\xFF\xD8\xFF", 3) == 0) {
        b->pub.logo_jpeg = 1;
        st = check_bitmap(b, "jpeg", msg, sizeof(msg));
    }
    else if (looks_svg(b->logo, len)) {
        st = rasterise_svg(b, msg, sizeof(msg));
    }
    else {
        snprintf(msg, sizeof(msg), "not a PNG, JPEG or SVG image");
        st = OR_ERR_CONFIG;
    }
    if (st != OR_OK) {
        or_set_err(err, errlen, "%s: [brand] logo: %s: %s", conf_name(cfg), b->logo_path, msg);
        return st;
    }
    b->pub.logo = b->logo;
    return OR_OK;
}

static or_status
load_keys(const struct or_config *cfg, struct or_brand_data *b, char *err, size_t errlen)
{
    const char *accent = or_config_get(cfg, "brand", "accent");
    if (accent != NULL) {
        if (!or_color_parse(accent, &b->pub.accent)) {
            or_set_err(err, errlen,
                       "%s: [brand] accent: '%s' is not a colour #rrggbb (e.g. #0A5FA8)",
                       conf_name(cfg), accent);
            return OR_ERR_CONFIG;
        }
        b->pub.has_accent = 1;
    }
    const char *cover = or_config_get(cfg, "brand", "cover");
    if (cover != NULL) {
        if (g_ascii_strcasecmp(cover, "true") == 0 || g_ascii_strcasecmp(cover, "yes") == 0) {
            b->pub.cover = 1;
        }
        else if (g_ascii_strcasecmp(cover, "false") != 0 && g_ascii_strcasecmp(cover, "no") != 0) {
            or_set_err(err, errlen, "%s: [brand] cover: '%s' is not true or false", conf_name(cfg),
                       cover);
            return OR_ERR_CONFIG;
        }
    }
    const char *company = or_config_get(cfg, "brand", "company");
    const char *footer = or_config_get(cfg, "brand", "footer");
    b->company = company != NULL && company[0] != '\0' ? g_strdup(company) : NULL;
    b->footer = footer != NULL && footer[0] != '\0' ? g_strdup(footer) : NULL;
    b->pub.company = b->company;
    b->pub.footer = b->footer;
    return OR_OK;
}

or_status
or_brand_load(const struct or_config *cfg, struct or_brand_data **out, char *err, size_t errlen)
{
    *out = NULL;
    char **keys = or_config_keys(cfg, "brand");
    int any = keys != NULL && keys[0] != NULL;
    g_strfreev(keys);
    if (!any) {
        return OR_OK;
    }
    struct or_brand_data *b = g_new0(struct or_brand_data, 1);
    or_status st = load_keys(cfg, b, err, errlen);
    const char *logo = or_config_get(cfg, "brand", "logo");
    if (st == OR_OK && logo != NULL && logo[0] != '\0') {
        st = load_logo(cfg, logo, b, err, errlen);
    }
    if (st != OR_OK) {
        or_brand_free(b);
        return st;
    }
    *out = b;
    return OR_OK;
}

void
or_brand_free(struct or_brand_data *b)
{
    if (b == NULL) {
        return;
    }
    g_free(b->logo);
    g_free(b->logo_path);
    g_free(b->company);
    g_free(b->footer);
    g_free(b);
}
