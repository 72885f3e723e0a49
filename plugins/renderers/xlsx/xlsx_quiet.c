/* SPDX-License-Identifier: MIT */
/* libxlsxwriter's own stderr lines into the renderer's message: see xlsx_quiet.h. */
#include "xlsx_quiet.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* More than libxlsxwriter ever prints around one call; the rest is dropped. */
#define CAPTURE_MAX 16384

static pthread_mutex_t capture_lock = PTHREAD_MUTEX_INITIALIZER;

void
xlsx_quiet_begin(struct xlsx_quiet *q)
{
    q->saved = -1;
    q->memfd = -1;
    pthread_mutex_lock(&capture_lock);
    q->locked = 1;
    fflush(stderr);
    q->memfd = memfd_create("outreport-xlsx-stderr", MFD_CLOEXEC);
    if (q->memfd >= 0) {
        q->saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    }
    if (q->saved >= 0 && dup2(q->memfd, STDERR_FILENO) < 0) {
        close(q->saved);
        q->saved = -1;
    }
}

/* "[ERROR][worksheet.c:123]: text" or "[ERROR] function(): text" -> "text". */
static void
error_text(const char *line, char *detail, size_t n)
{
    const char *p = line + strlen("[ERROR]");
    if (*p == '[') {
        const char *end = strstr(p, "]:");
        p = end != NULL ? end + 2 : p;
    }
    while (*p == ' ') {
        p++;
    }
    const char *call = strstr(p, "(): ");
    if (call != NULL && strchr(p, ' ') > call) {
        p = call + 4;
    }
    snprintf(detail, n, "%s", p);
}

/* Passes on every line but the [ERROR] ones; the first of those is kept. */
static void
sort_lines(char *text, char *detail, size_t n)
{
    char *line = text;
    while (*line != '\0') {
        char *nl = strchr(line, '\n');
        if (nl != NULL) {
            *nl = '\0';
        }
        if (strncmp(line, "[ERROR]", 7) == 0) {
            if (detail[0] == '\0') {
                error_text(line, detail, n);
            }
        }
        else if (line[0] != '\0') {
            dprintf(STDERR_FILENO, "%s\n", line);
        }
        if (nl == NULL) {
            break;
        }
        line = nl + 1;
    }
}

void
xlsx_quiet_end(struct xlsx_quiet *q, char *detail, size_t n)
{
    char text[CAPTURE_MAX + 1];
    ssize_t got = 0;
    if (n > 0) {
        detail[0] = '\0';
    }
    fflush(stderr);
    if (q->saved >= 0) {
        dup2(q->saved, STDERR_FILENO);
        close(q->saved);
        got = pread(q->memfd, text, CAPTURE_MAX, 0);
    }
    if (q->memfd >= 0) {
        close(q->memfd);
    }
    text[got > 0 ? got : 0] = '\0';
    if (n > 0) {
        sort_lines(text, detail, n);
    }
    q->saved = -1;
    q->memfd = -1;
    if (q->locked) {
        q->locked = 0;
        pthread_mutex_unlock(&capture_lock);
    }
}
