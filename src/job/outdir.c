/* SPDX-License-Identifier: MIT */
/* Placeholders in an output folder: see outdir.h. */
#include "job/outdir.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "base/status_str.h"

#define KNOWN "{period_start}, {period_end}, {iso_week}, {template}"

/* "2026-W47": the ISO 8601 week of @p day (YYYY-MM-DD) and the year it
 * belongs to (the last days of December may be week 1 of the next). */
static int
iso_week(const char *day, char *buf, size_t len)
{
    int y = 0, m = 0, d = 0;
    if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy(d, m, y)) {
        return -1;
    }
    GDate *date = g_date_new_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y);
    guint week = g_date_get_iso8601_week_of_year(date);
    g_date_free(date);
    int year = y + (week == 1 && m == 12) - (week >= 52 && m == 1);
    snprintf(buf, len, "%04d-W%02u", year, week);
    return 0;
}

/* The value of placeholder @p name (without braces), or NULL. */
static const char *
value_of(const char *name, const struct or_out_vars *v, char *week, size_t weeklen)
{
    const struct or_period *p = v->period;
    if (strcmp(name, "template") == 0) {
        return v->template_name;
    }
    if (p == NULL) {
        return NULL;
    }
    if (strcmp(name, "period_start") == 0) {
        return p->first_day;
    }
    if (strcmp(name, "period_end") == 0) {
        return p->last_day;
    }
    if (strcmp(name, "iso_week") == 0 && iso_week(p->first_day, week, weeklen) == 0) {
        return week;
    }
    return NULL;
}

or_status
or_out_expand(const char *pattern, const struct or_out_vars *v, const char *what, char **out,
              char *err, size_t errlen)
{
    GString *s = g_string_new(NULL);
    const char *p = pattern;
    *out = NULL;
    while (*p != '\0') {
        const char *open = strchr(p, '{');
        const char *stray = strchr(p, '}');
        if (stray != NULL && (open == NULL || stray < open)) {
            or_set_err(err, errlen, "%s %s: a '}' without its '{' (placeholders: " KNOWN ")", what,
                       pattern);
            goto fail;
        }
        if (open == NULL) {
            g_string_append(s, p);
            break;
        }
        g_string_append_len(s, p, open - p);
        const char *close = strchr(open, '}');
        if (close == NULL) {
            or_set_err(err, errlen, "%s %s: a '{' left open (placeholders: " KNOWN ")", what,
                       pattern);
            goto fail;
        }
        char *name = g_strndup(open + 1, (gsize)(close - open - 1));
        char week[16];
        const char *val = value_of(name, v, week, sizeof(week));
        if (val == NULL) {
            char *braced = g_strdup_printf("{%s}", name);
            or_set_err(err, errlen,
                       strstr(KNOWN, braced) != NULL
                           ? "%s %s: placeholder %s has no value for this job"
                           : "%s %s: unknown placeholder %s (known: " KNOWN ")",
                       what, pattern, braced);
            g_free(braced);
            g_free(name);
            goto fail;
        }
        g_free(name);
        g_string_append(s, val);
        p = close + 1;
    }
    *out = g_string_free(s, FALSE);
    return OR_OK;

fail:
    g_string_free(s, TRUE);
    return OR_ERR_CONFIG;
}

or_status
or_out_fill(struct or_job *job, const struct or_period *period, const char *template_name,
            char *err, size_t errlen)
{
    struct or_out_vars v = {period, template_name};
    char *dir = NULL;
    or_status st =
        or_out_expand(job->out_dir, &v, job->name != NULL ? "out" : "--out", &dir, err, errlen);
    if (st == OR_OK) {
        g_free(job->out_dir);
        job->out_dir = dir;
    }
    return st;
}
