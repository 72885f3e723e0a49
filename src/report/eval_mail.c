/* SPDX-License-Identifier: MIT */
/* Whether a document set is mailed: the template's "mail": {"skip_if"}. */
#include <string.h>

#include "report/eval_impl.h"

/* A condition ("(SELECT count(*) FROM calls) = 0") or a whole statement. */
static char *
skip_sql(const char *cond)
{
    const char *p = cond;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '(') {
        p++;
    }
    if (g_ascii_strncasecmp(p, "select", 6) == 0 || g_ascii_strncasecmp(p, "with", 4) == 0) {
        if (*cond != '(') {
            return g_strdup(cond);
        }
    }
    return g_strdup_printf("SELECT (%s)", cond);
}

or_status
or_eval_mail_skip(struct or_eval *ev, int *skip, char **why, char *err, size_t errlen)
{
    const char *cond = ev->in->tpl->mail_skip_if;
    *skip = 0;
    *why = NULL;
    if (cond == NULL) {
        return OR_OK;
    }
    char *sql = skip_sql(cond);
    GPtrArray *tables = g_ptr_array_new_with_free_func(g_free);
    char *saved = ev->err;
    size_t saved_len = ev->errlen;
    int has = 0;
    double v = 0.0;
    ev->err = err;
    ev->errlen = errlen;
    ev->cur = NULL;
    or_status st = or_eval_single_value(ev, sql, "mail skip_if", tables, 0, &has, &v);
    ev->err = saved;
    ev->errlen = saved_len;
    if (st == OR_OK && has && v != 0.0) {
        if (or_eval_reads_failed(ev, tables)) {
            /* A failed source reads as empty: its readers must hear of it. */
            *why = g_strdup_printf("mail skip_if (%s) holds, but it reads a source that failed: "
                                   "mailed anyway",
                                   cond);
        }
        else {
            *skip = 1;
            *why = g_strdup_printf("no mail: the template's skip_if holds (%s)", cond);
        }
    }
    g_ptr_array_free(tables, TRUE);
    g_free(sql);
    return st;
}
