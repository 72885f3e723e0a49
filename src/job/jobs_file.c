/* SPDX-License-Identifier: MIT */
#include "job/jobs_file.h"

#include <string.h>

#include "base/status_str.h"
#include "base/suggest.h"

static const char *const job_keys[] = {
    "template", "period",       "from",     "to",          "tz",     "formats", "out",    "mail_to",
    "mail_cc",  "mail_subject", "split_by", "split_label", "strict", "options", "locale", NULL};

static const char *
job_value(const struct or_config *file, const char *section, const char *key)
{
    const char *v = or_config_get(file, section, key);
    return v != NULL ? v : or_config_get(file, "defaults", key);
}

static or_status
check_keys(const struct or_config *file, const char *section, char *err, size_t errlen)
{
    char **keys = or_config_keys(file, section);
    or_status st = OR_OK;
    for (char **k = keys; *k != NULL && st == OR_OK; k++) {
        size_t n = G_N_ELEMENTS(job_keys) - 1;
        const char *meant = or_suggest(*k, job_keys, n);
        if (meant == NULL || strcmp(meant, *k) != 0) {
            char hint[96];
            char *list = g_strjoinv(", ", (char **)job_keys);
            or_suggest_hint(*k, job_keys, n, hint, sizeof(hint));
            or_set_err(err, errlen, "%s: [%s] %s: unknown key%s (jobs take: %s)",
                       or_config_path(file), section, *k, hint, list);
            g_free(list);
            st = OR_ERR_CONFIG;
        }
    }
    g_strfreev(keys);
    return st;
}

/* Every job names its template.  Whether it exists is found when the job is
 * planned (job/batch.c), before anything is fetched: a missing one fails
 * that job alone. */
static or_status
check_template(const struct or_config *file, const char *section, const char *tpl, char *err,
               size_t errlen)
{
    if (tpl == NULL) {
        or_set_err(err, errlen, "%s: [%s]: missing 'template'", or_config_path(file), section);
        return OR_ERR_CONFIG;
    }
    return OR_OK;
}

/* Whether a job of @p jobs writes to @p dir already (case aside: a folder
 * may be on a file system that ignores it). */
static int
folder_taken(GArray *jobs, const char *dir)
{
    for (guint k = 0; k < jobs->len; k++) {
        const struct or_job *other = &g_array_index(jobs, struct or_job, k);
        if (g_ascii_strcasecmp(other->out_dir, dir) == 0) {
            return 1;
        }
    }
    return 0;
}

/* The folder of job @p name under @p out_root: the name transliterated to
 * ASCII with only letters, digits, '.', '_', '@' and '-' kept (any other run
 * becomes one '-'), never starting with '.' ("job" when nothing is left), so
 * that "../x", "a/b" or control characters stay below the root; "-2", "-3"...
 * after it when another job has that folder already. */
static char *
job_folder(const char *name, const char *out_root, GArray *jobs)
{
    char *ascii = g_str_to_ascii(name, "C");
    GString *s = g_string_new(NULL);
    for (const char *p = ascii; *p != '\0'; p++) {
        if (g_ascii_isalnum(*p) || *p == '.' || *p == '_' || *p == '@' || *p == '-') {
            g_string_append_c(s, *p);
        }
        else if (s->len > 0 && s->str[s->len - 1] != '-') {
            g_string_append_c(s, '-');
        }
    }
    g_free(ascii);
    while (s->len > 0 && (s->str[0] == '.' || s->str[0] == '-')) {
        g_string_erase(s, 0, 1);
    }
    if (s->len == 0) {
        g_string_assign(s, "job");
    }
    char *dir = g_build_filename(out_root, s->str, NULL);
    for (int n = 2; folder_taken(jobs, dir); n++) {
        g_free(dir);
        char *numbered = g_strdup_printf("%s-%d", s->str, n);
        dir = g_build_filename(out_root, numbered, NULL);
        g_free(numbered);
    }
    g_string_free(s, TRUE);
    return dir;
}

/* A key that replaces the command line's setting when the job has it. */
static void
take(const struct or_config *file, const char *section, const char *key, const char **to)
{
    const char *v = job_value(file, section, key);
    if (v != NULL) {
        *to = v;
    }
}

/* Builds a job from its section: the command line's settings, overridden.
 * @p jobs: the jobs before it. */
static or_status
make_job(const struct or_config *file, const char *section, const char *out_root, GArray *jobs,
         struct or_job *j, char *err, size_t errlen)
{
    j->name = g_str_has_prefix(section, "job ") ? section + 4 : section;
    j->progress = 0;
    or_status st = check_keys(file, section, err, errlen);
    if (st == OR_OK) {
        j->target = job_value(file, section, "template");
        st = check_template(file, section, j->target, err, errlen);
    }
    if (st != OR_OK) {
        return st;
    }
    take(file, section, "period", &j->period);
    if (job_value(file, section, "from") != NULL) {
        j->from = job_value(file, section, "from");
        j->to = job_value(file, section, "to");
    }
    take(file, section, "tz", &j->tz);
    take(file, section, "formats", &j->formats);
    take(file, section, "split_by", &j->split_by);
    take(file, section, "split_label", &j->split_label);
    take(file, section, "locale", &j->locale);
    take(file, section, "mail_subject", &j->mail_subject);
    const char *strict = job_value(file, section, "strict");
    if (strict != NULL) {
        j->strict = g_ascii_strcasecmp(strict, "true") == 0 || strcmp(strict, "1") == 0 ||
                    g_ascii_strcasecmp(strict, "yes") == 0;
    }
    /* Recipients and options on the command line apply to every job, besides its own. */
    or_job_add_list(j->mail_to, job_value(file, section, "mail_to"));
    or_job_add_list(j->mail_cc, job_value(file, section, "mail_cc"));
    or_job_add_list(j->options, job_value(file, section, "options"));
    const char *out = or_config_get(file, section, "out");
    g_free(j->out_dir);
    j->out_dir = out != NULL ? g_strdup(out) : job_folder(j->name, out_root, jobs);
    return OR_OK;
}

/* Two jobs writing one folder would overwrite each other's documents. */
static or_status
check_folders(const char *path, GArray *jobs, char *err, size_t errlen)
{
    const struct or_job *j = &g_array_index(jobs, struct or_job, jobs->len - 1);
    for (guint k = 0; k + 1 < jobs->len; k++) {
        const struct or_job *other = &g_array_index(jobs, struct or_job, k);
        if (strcmp(other->out_dir, j->out_dir) == 0) {
            or_set_err(err, errlen, "%s: jobs '%s' and '%s' write to the same folder %s", path,
                       other->name, j->name, j->out_dir);
            return OR_ERR_CONFIG;
        }
    }
    return OR_OK;
}

static void
clear_job(gpointer p)
{
    or_job_clear(p);
}

or_status
or_jobs_load(const char *path, const struct or_job *base, const char *out_root,
             struct or_config **file, GArray **jobs, char *err, size_t errlen)
{
    *jobs = g_array_new(FALSE, TRUE, sizeof(struct or_job));
    g_array_set_clear_func(*jobs, clear_job);
    or_status st = or_config_load(path, file, err, errlen);
    size_t nsec = 0;
    const char *const *sections = st == OR_OK ? or_config_sections(*file, &nsec) : NULL;
    for (size_t i = 0; i < nsec && st == OR_OK; i++) {
        if (strcmp(sections[i], "defaults") == 0) {
            continue;
        }
        struct or_job j;
        or_job_init(&j, OR_JOB_REPORT);
        or_job_copy(&j, base);
        st = make_job(*file, sections[i], out_root, *jobs, &j, err, errlen);
        g_array_append_val(*jobs, j);
        if (st == OR_OK) {
            st = check_folders(path, *jobs, err, errlen);
        }
    }
    if (st == OR_OK && (*jobs)->len == 0) {
        or_set_err(err, errlen, "%s: no jobs (one [section] per job, with template = ...)", path);
        st = OR_ERR_CONFIG;
    }
    return st;
}
