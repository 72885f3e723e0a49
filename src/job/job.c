/* SPDX-License-Identifier: MIT */
#include "job/job.h"

#include <string.h>

int
or_exit_code(or_status st)
{
    switch (st) {
    case OR_OK: return OR_EXIT_OK;
    case OR_ERR_INVALID:
    case OR_ERR_CONFIG:
    case OR_ERR_NOT_FOUND: return OR_EXIT_USAGE;
    case OR_ERR_NETWORK:
    case OR_ERR_HTTP:
    case OR_ERR_AUTH:
    case OR_ERR_PARSE:
    case OR_ERR_PAGING:
    case OR_ERR_REPLAY: return OR_EXIT_SOURCE;
    default: return OR_EXIT_FAILURE;
    }
}

void
or_job_init(struct or_job *j, enum or_job_kind kind)
{
    memset(j, 0, sizeof(*j));
    j->kind = kind;
    j->params = g_ptr_array_new_with_free_func(g_free);
    j->options = g_ptr_array_new_with_free_func(g_free);
    j->mail_to = g_ptr_array_new_with_free_func(g_free);
    j->mail_cc = g_ptr_array_new_with_free_func(g_free);
    j->vars = g_ptr_array_new_with_free_func(g_free);
    j->out_dir = g_strdup(".");
}

void
or_job_clear(struct or_job *j)
{
    g_ptr_array_free(j->params, TRUE);
    g_ptr_array_free(j->options, TRUE);
    g_ptr_array_free(j->mail_to, TRUE);
    g_ptr_array_free(j->mail_cc, TRUE);
    g_ptr_array_free(j->vars, TRUE);
    g_free(j->out_dir);
    memset(j, 0, sizeof(*j));
}

void
or_job_add_list(GPtrArray *list, const char *csv)
{
    if (csv == NULL) {
        return;
    }
    char **parts = g_strsplit(csv, ",", -1);
    for (char **p = parts; *p != NULL; p++) {
        g_strstrip(*p);
        if (**p != '\0') {
            g_ptr_array_add(list, g_strdup(*p));
        }
    }
    g_strfreev(parts);
}

void
or_job_add_all(GPtrArray *to, const GPtrArray *from)
{
    for (guint i = 0; i < from->len; i++) {
        g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
    }
}

void
or_job_copy(struct or_job *to, const struct or_job *from)
{
    GPtrArray *params = to->params, *options = to->options;
    GPtrArray *mail_to = to->mail_to, *mail_cc = to->mail_cc, *vars = to->vars;
    g_free(to->out_dir);
    *to = *from;
    to->out_dir = g_strdup(from->out_dir);
    to->params = params;
    to->options = options;
    to->mail_to = mail_to;
    to->mail_cc = mail_cc;
    to->vars = vars;
    or_job_add_all(to->params, from->params);
    or_job_add_all(to->vars, from->vars);
    or_job_add_all(to->options, from->options);
    or_job_add_all(to->mail_to, from->mail_to);
    or_job_add_all(to->mail_cc, from->mail_cc);
}
