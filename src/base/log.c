/* SPDX-License-Identifier: MIT */
/* Logging to stderr: see log.h. */
#include "base/log.h"

#include <stdio.h>
#include <unistd.h>

#include <glib.h>

#include "base/redact.h"

/* Distinct plugin warnings remembered for once_only(); beyond this many,
 * repeats print again rather than memory growing. */
#define SEEN_MAX 1024

static int verbosity;
static char context[64];

void
or_log_set_context(const char *ctx)
{
    snprintf(context, sizeof(context), "%s", ctx != NULL ? ctx : "");
}

void
or_log_set_verbosity(int v)
{
    verbosity = v;
}

int
or_log_verbosity(void)
{
    return verbosity;
}

static int
level_shown(enum or_log_level level)
{
    switch (level) {
    case OR_LOG_ERROR: return 1;
    case OR_LOG_WARN: return verbosity >= 0;
    case OR_LOG_INFO: return verbosity >= 1;
    case OR_LOG_DEBUG: return verbosity >= 2;
    }
    return 0;
}

/* A plugin's warning is printed once per process: a provider parses page
 * after page with the same surprise in it (a value repaired, a field of a
 * new shape), and one line says it as well as a thousand. */
static int
once_only(const char *line)
{
    static GMutex lock;
    static GHashTable *seen;
    int first = 1;
    g_mutex_lock(&lock);
    if (seen == NULL) {
        seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    }
    if (g_hash_table_contains(seen, line)) {
        first = 0;
    }
    else if (g_hash_table_size(seen) < SEEN_MAX) {
        g_hash_table_add(seen, g_strdup(line));
    }
    g_mutex_unlock(&lock);
    return first;
}

void
or_logv(enum or_log_level level, const char *prefix, const char *fmt, va_list ap)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    char line[2048];
    int n;

    if (!level_shown(level)) {
        return;
    }
    char ctx[80] = "";
    if (context[0] != '\0') {
        snprintf(ctx, sizeof(ctx), "%s: ", context);
    }
    if (prefix != NULL) {
        n = snprintf(line, sizeof(line), "outreport: %s%s: [%s] ", ctx, names[level], prefix);
    }
    else {
        n = snprintf(line, sizeof(line), "outreport: %s%s: ", ctx, names[level]);
    }
    if (n < 0 || (size_t)n >= sizeof(line)) {
        return;
    }
    vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
    or_redact_inplace(line, sizeof(line));
    if (level == OR_LOG_WARN && prefix != NULL && !once_only(line)) {
        return;
    }
    /* One write per line keeps lines whole when threads log at once. */
    size_t len = 0;
    while (line[len] != '\0') {
        len++;
    }
    if (len + 1 < sizeof(line)) {
        line[len++] = '\n';
    }
    else {
        line[len - 1] = '\n';
    }
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}

void
or_log(enum or_log_level level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    or_logv(level, NULL, fmt, ap);
    va_end(ap);
}
