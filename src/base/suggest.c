/* SPDX-License-Identifier: MIT */
/* "Did you mean ...?": see suggest.h. */
#include "base/suggest.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define NAME_MAX_LEN 40
#define TYPO_DISTANCE 2

int
or_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > NAME_MAX_LEN || lb > NAME_MAX_LEN) {
        return 9;
    }
    int row[NAME_MAX_LEN + 1];
    for (size_t j = 0; j <= lb; j++) {
        row[j] = (int)j;
    }
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int cost = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]) ? 0 : 1;
            row[j] = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
            diag = up;
        }
    }
    return MIN(row[lb], 9);
}

const char *
or_suggest(const char *s, const char *const *names, size_t n)
{
    const char *best = NULL;
    int best_d = TYPO_DISTANCE + 1;
    if (s == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (names[i] == NULL) {
            continue;
        }
        int d = or_edit_distance(s, names[i]);
        if (d < best_d) {
            best = names[i];
            best_d = d;
        }
    }
    return best;
}

void
or_suggest_hint(const char *s, const char *const *names, size_t n, char *buf, size_t len)
{
    const char *meant = or_suggest(s, names, n);
    if (len == 0) {
        return;
    }
    buf[0] = '\0';
    if (meant != NULL && strcmp(meant, s) != 0) {
        snprintf(buf, len, " (did you mean %s?)", meant);
    }
}
