/* SPDX-License-Identifier: MIT */
/* JSON text in GLib memory: see json_text.h. */
#include "base/json_text.h"

#include <glib.h>
#include <string.h>

#include "base/cleanup.h"

static int
append(const char *buffer, size_t size, void *data)
{
    g_string_append_len(data, buffer, (gssize)size);
    return 0;
}

char *
or_json_text(const json_t *root, size_t flags, int newline)
{
    GString *text = g_string_new(NULL);
    if (json_dump_callback(root, append, text, flags) != 0) {
        g_string_free(text, TRUE);
        return NULL;
    }
    if (newline) {
        g_string_append_c(text, '\n');
    }
    return g_string_free(text, FALSE);
}

int
or_json_print_whole(const json_t *root, size_t flags)
{
    char *text = or_json_text(root, flags, 1);
    int rc = text != NULL ? or_write_whole(stdout, text, strlen(text)) : -1;
    g_free(text);
    return rc;
}
