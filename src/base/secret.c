/* SPDX-License-Identifier: MIT */
/* Credentials named by *_env keys: see secret.h. */
#include "base/secret.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* A credential is a few hundred bytes; anything larger is not one. */
#define CREDENTIAL_MAX 65536

static GMutex lock;
static GHashTable *read_once; /* name -> value, both owned */

static int
plain_name(const char *name)
{
    if (name == NULL || !(g_ascii_isalpha(*name) || *name == '_')) {
        return 0;
    }
    for (const char *p = name; *p != '\0'; p++) {
        if (!g_ascii_isalnum(*p) && *p != '_') {
            return 0;
        }
    }
    return 1;
}

static void
wipe_free(gpointer p)
{
    char *s = p;
    if (s != NULL) {
        memset(s, 0, strlen(s));
        g_free(s);
    }
}

/* $CREDENTIALS_DIRECTORY/NAME without its trailing line breaks, or NULL. */
static char *
read_credential(const char *name)
{
    const char *dir = getenv("CREDENTIALS_DIRECTORY");
    if (dir == NULL || *dir == '\0' || !plain_name(name)) {
        return NULL;
    }
    char *path = g_build_filename(dir, name, NULL);
    char *text = NULL;
    gsize len = 0;
    if (!g_file_get_contents(path, &text, &len, NULL) || len > CREDENTIAL_MAX ||
        memchr(text, '\0', len) != NULL) {
        wipe_free(text);
        text = NULL;
    }
    g_free(path);
    while (text != NULL && len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r')) {
        text[--len] = '\0';
    }
    if (text != NULL && len == 0) {
        g_free(text);
        text = NULL;
    }
    return text;
}

const char *
or_secret_env(const char *name, const char **from)
{
    const char *v = name != NULL && *name != '\0' ? getenv(name) : NULL;
    if (v != NULL && *v != '\0') {
        if (from != NULL) {
            *from = "environment";
        }
        return v;
    }
    g_mutex_lock(&lock);
    if (read_once == NULL) {
        read_once = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, wipe_free);
    }
    if (name != NULL && !g_hash_table_contains(read_once, name)) {
        /* LoadCredential=outreport:DIR hands every file of DIR over as
         * outreport_FILE. */
        char *prefixed = g_strconcat("outreport_", name, NULL);
        char *v2 = read_credential(name);
        if (v2 == NULL) {
            v2 = read_credential(prefixed);
        }
        g_hash_table_insert(read_once, g_strdup(name), v2);
        g_free(prefixed);
    }
    v = name != NULL ? g_hash_table_lookup(read_once, name) : NULL;
    g_mutex_unlock(&lock);
    if (v != NULL && from != NULL) {
        *from = "credential";
    }
    return v;
}

void
or_secret_clear(void)
{
    g_mutex_lock(&lock);
    if (read_once != NULL) {
        g_hash_table_destroy(read_once);
        read_once = NULL;
    }
    g_mutex_unlock(&lock);
}
