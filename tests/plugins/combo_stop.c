/* SPDX-License-Identifier: MIT */
/*
 * Format "xlsxstop": the real XLSX renderer ($OR_TEST_WRAPPED_RENDERER,
 * dlopen()ed here), run with the host's table except tmp_create, which
 * makes the host's temporary file, writes into it as a combo chart's rewrite
 * does, and then stops the process with SIGINT, as Ctrl-C would while the
 * workbook is being rewritten for its combo charts (test_plugin_abi).  The
 * signal thread ends the process; should it not, the render fails after
 * 10 s.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "outreport/plugin.h"

/* The host table the XLSX renderer gets, and the host's own. */
struct wrap {
    struct or_host h; /* first: the renderer's host pointer is the wrap's */
    const struct or_host *real;
};

static or_status
create_then_stop(const struct or_host *h, const char *beside, char *path, size_t n, char *err,
                 size_t errlen)
{
    const struct wrap *w = (const struct wrap *)(const void *)h;
    or_status st = w->real->tmp_create(w->real, beside, path, n, err, errlen);
    if (st != OR_OK) {
        return st;
    }
    FILE *f = fopen(path, "w");
    if (f != NULL) {
        fputs("PK\x03\x04 half a workbook", f);
        fclose(f);
    }
    kill(getpid(), SIGINT);
    for (int i = 0; i < 100; i++) {
        usleep(100 * 1000);
    }
    snprintf(err, errlen, "SIGINT did not stop the process");
    return OR_ERR_IO;
}

static or_status
render(const struct or_host *h, const struct or_report *report, const char *path,
       const struct or_option *const *options, size_t noptions, char *err, size_t errlen)
{
    const char *so = getenv("OR_TEST_WRAPPED_RENDERER");
    void *lib = so != NULL ? dlopen(so, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE) : NULL;
    or_plugin_entry_fn *entry = NULL;
    if (lib != NULL) {
        *(void **)(&entry) = dlsym(lib, OR_PLUGIN_ENTRY_NAME);
    }
    if (entry == NULL) {
        snprintf(err, errlen, "cannot load $OR_TEST_WRAPPED_RENDERER (%s)", so ? so : "unset");
        return OR_ERR_PLUGIN;
    }
    struct wrap w = {.h = *h, .real = h};
    w.h.tmp_create = create_then_stop;
    return entry()->renderer->render(&w.h, report, path, options, noptions, err, errlen);
}

static const struct or_renderer renderer = {
    .size = sizeof(struct or_renderer),
    .format = "xlsxstop",
    .mime_type = "application/octet-stream",
    .render = render,
};

OR_PLUGIN_DEFINE(.kind = OR_PLUGIN_RENDERER, .name = "xlsxstop", .version = "1.0",
                 .description = "the XLSX renderer, stopped by SIGINT in its combo rewrite",
                 .renderer = &renderer);
