/* SPDX-License-Identifier: MIT */
#include "report/output.h"
#include "base/status_str.h"

#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cleanup.h"
#include "base/redact.h"
#include "base/tmpfile.h"

const char *
or_output_extension(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0') {
        return "";
    }
    return dot + 1;
}

/* The mode a new document gets: 0666 less the umask.  umask() can only be
 * read by setting it, so it is read once, before documents are written on
 * several threads (a second reader could see and restore the 0 set here). */
static mode_t
document_mode(void)
{
    static gsize mode;
    if (g_once_init_enter(&mode)) {
        mode_t mask = umask(0);
        umask(mask);
        /* +1: g_once needs a nonzero value; 0666 & ~0666 would be 0. */
        g_once_init_leave(&mode, (gsize)(0666 & ~mask) + 1);
    }
    return (mode_t)(mode - 1);
}

or_status
or_output_render_tmp(const struct or_loaded_plugin *renderer, struct or_host_ctx *ctx,
                     const struct or_report *report, const char *path, const struct or_option *opts,
                     size_t nopts, char **tmp_out, char *err, size_t errlen)
{
    char *dir = g_path_get_dirname(path);
    char *base = g_path_get_basename(path);
    char *tmp = or_tmpfile_template(dir, base);
    struct or_host host;
    char rerr[OR_ERR_SIZE] = "";
    or_status st = OR_OK;

    *tmp_out = NULL;
    /* 0600, registered at once; first removes stale ones (tmpfile.h) */
    int fd = or_tmpfile_create_registered(tmp);
    if (fd < 0) {
        or_set_err(err, errlen, "%s: cannot create file in %s: %s", path, dir, strerror(errno));
        st = OR_ERR_IO;
        goto done;
    }
    close(fd);

    or_host_init(&host, ctx);
    /* The ABI takes a list of pointers (plugin.h: no array of structs crosses). */
    const struct or_option **optp = g_new0(const struct or_option *, nopts > 0 ? nopts : 1);
    for (size_t i = 0; i < nopts; i++) {
        optp[i] = &opts[i];
    }
    st = renderer->desc->renderer->render(&host, report, tmp, optp, nopts, rerr, sizeof(rerr));
    g_free(optp);
    if (st != OR_OK) {
        or_set_err(err, errlen, "%s: %s", path, rerr[0] ? rerr : "renderer failed");
        or_output_discard(tmp);
        goto done;
    }
    *tmp_out = tmp;
    tmp = NULL;

done:
    or_redact_inplace(err, errlen);
    g_free(tmp);
    g_free(dir);
    g_free(base);
    return st;
}

or_status
or_output_commit(const char *tmp, const char *path, char *err, size_t errlen)
{
    /* Private while unfinished; the document gets the umask-governed mode. */
    (void)chmod(tmp, document_mode());
    if (rename(tmp, path) != 0) {
        or_set_err(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        or_redact_inplace(err, errlen);
        or_output_discard(tmp);
        return OR_ERR_IO;
    }
    or_cleanup_forget(tmp);
    return OR_OK;
}

void
or_output_discard(const char *tmp)
{
    if (tmp != NULL) {
        unlink(tmp);
        or_cleanup_forget(tmp);
    }
}

or_status
or_output_render(const struct or_loaded_plugin *renderer, struct or_host_ctx *ctx,
                 const struct or_report *report, const char *path, const struct or_option *opts,
                 size_t nopts, char *err, size_t errlen)
{
    char *tmp = NULL;
    or_status st =
        or_output_render_tmp(renderer, ctx, report, path, opts, nopts, &tmp, err, errlen);
    if (st == OR_OK) {
        st = or_output_commit(tmp, path, err, errlen);
    }
    g_free(tmp);
    return st;
}
