/* SPDX-License-Identifier: MIT */
/* Built-in texts per language: see catalog.h. */
#include "base/catalog.h"

#include <glib.h>
#include <string.h>

#include "base/selfpath.h"
#include "or_config.h"

G_LOCK_DEFINE_STATIC(catalogs);
/* file stem ("de", "de-AT", "en") -> GKeyFile, or a NULL value: no such file */
static GHashTable *catalogs;

static GKeyFile *
read_catalog(const char *stem)
{
    GString *dirs = g_string_new(g_getenv("OUTREPORT_I18N_PATH"));
    /* A build tree's binary reads the source tree's catalogues, an installed
     * one only its installed folder (as with templates: selfpath.h). */
    g_string_append_printf(dirs, ":%s", or_self_in_build_tree() ? OR_SOURCE_I18N_DIR : OR_I18N_DIR);
    char **list = g_strsplit(dirs->str, ":", -1);
    g_string_free(dirs, TRUE);
    char *name = g_strconcat(stem, ".ini", NULL);
    GKeyFile *kf = NULL;
    for (char **d = list; *d != NULL && kf == NULL; d++) {
        if (**d == '\0') {
            continue;
        }
        char *path = g_build_filename(*d, name, NULL);
        GKeyFile *k = g_key_file_new();
        if (g_key_file_load_from_file(k, path, G_KEY_FILE_NONE, NULL)) {
            kf = k;
        }
        else {
            g_key_file_free(k);
        }
        g_free(path);
    }
    g_free(name);
    g_strfreev(list);
    return kf;
}

/* The catalogue of @p stem, read on first use.  Borrowed for the process. */
static GKeyFile *
catalog(const char *stem)
{
    G_LOCK(catalogs);
    if (catalogs == NULL) {
        catalogs =
            g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_key_file_free);
    }
    gpointer value = NULL;
    if (!g_hash_table_lookup_extended(catalogs, stem, NULL, &value)) {
        value = read_catalog(stem);
        g_hash_table_insert(catalogs, g_strdup(stem), value);
    }
    G_UNLOCK(catalogs);
    return value;
}

/* The stems to try for @p locale: "de-AT", "de", "en" (owned strv). */
static char **
stems(const char *locale)
{
    GPtrArray *a = g_ptr_array_new();
    if (locale != NULL && locale[0] != '\0') {
        char *tag = g_strdelimit(g_strdup(locale), "_", '-');
        char *dot = strpbrk(tag, ".@"); /* "de_DE.UTF-8" */
        if (dot != NULL) {
            *dot = '\0';
        }
        char *dash = strchr(tag, '-');
        if (dash != NULL) {
            g_ptr_array_add(a, g_strdup(tag));
            *dash = '\0';
        }
        g_ptr_array_add(a, g_ascii_strdown(tag, -1));
        g_free(tag);
    }
    g_ptr_array_add(a, g_strdup("en"));
    g_ptr_array_add(a, NULL);
    return (char **)g_ptr_array_free(a, FALSE);
}

/* Copy @p s into @p buf, cut at a character; 0 when it was cut. */
static int
put(GString *out, char *buf, size_t n)
{
    if (out->len < n) {
        memcpy(buf, out->str, out->len + 1);
        return 1;
    }
    size_t cut = n - 1;
    while (cut > 0 && ((unsigned char)out->str[cut] & 0xC0) == 0x80) {
        cut--;
    }
    memcpy(buf, out->str, cut);
    buf[cut] = '\0';
    return 0;
}

static void
fill(const char *text, const char *const *args, size_t nargs, GString *out)
{
    for (const char *p = text; *p != '\0'; p++) {
        if (p[0] == '{' && g_ascii_isdigit(p[1]) && p[2] == '}') {
            size_t k = (size_t)(p[1] - '0');
            if (k >= 1 && k <= nargs && args[k - 1] != NULL) {
                g_string_append(out, args[k - 1]);
                p += 2;
                continue;
            }
        }
        g_string_append_c(out, *p);
    }
}

or_status
or_catalog_text(const char *locale, const char *id, const char *const *args, size_t nargs,
                char *buf, size_t n)
{
    if (id == NULL || buf == NULL || n == 0 || (args == NULL && nargs > 0)) {
        return OR_ERR_INVALID;
    }
    char **try = stems(locale);
    char *text = NULL;
    for (char **s = try; *s != NULL && text == NULL; s++) {
        GKeyFile *kf = catalog(*s);
        if (kf != NULL) {
            text = g_key_file_get_string(kf, "texts", id, NULL);
        }
    }
    g_strfreev(try);
    GString *out = g_string_new(NULL);
    or_status st = OR_OK;
    if (text == NULL) {
        g_string_assign(out, id);
        st = OR_ERR_NOT_FOUND;
    }
    else {
        fill(text, args, nargs, out);
    }
    if (!put(out, buf, n) && st == OR_OK) {
        st = OR_ERR_INVALID;
    }
    g_string_free(out, TRUE);
    g_free(text);
    return st;
}

void
or_catalog_text_or(const char *locale, const char *id, const char *english, const char *const *args,
                   size_t nargs, char *buf, size_t n)
{
    if (buf == NULL || n == 0) {
        return;
    }
    if (or_catalog_text(locale, id, args, nargs, buf, n) != OR_ERR_NOT_FOUND) {
        return;
    }
    GString *out = g_string_new(NULL);
    fill(english, args, nargs, out);
    put(out, buf, n);
    g_string_free(out, TRUE);
}

int
or_catalog_has_language(const char *locale)
{
    char **try = stems(locale);
    int found = 0;
    for (char **s = try; *s != NULL && !found; s++) {
        found = catalog(*s) != NULL;
    }
    g_strfreev(try);
    return found;
}
