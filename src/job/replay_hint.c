/* SPDX-License-Identifier: MIT */
/* Which periods a recording covers: see replay_hint.h. */
#include "job/replay_hint.h"

#include <jansson.h>
#include <string.h>

#include "base/log.h"
#include "base/timeutil.h"

/* Every date in @p text, as local "YYYY-MM-DD" in @p tz, into @p dates. */
static void
dates_in(const char *text, GTimeZone *tz, GRegex *re, GPtrArray *dates)
{
    GMatchInfo *m = NULL;
    g_regex_match(re, text, 0, &m);
    while (g_match_info_matches(m)) {
        char *all = g_match_info_fetch(m, 0);
        char *day = g_match_info_fetch(m, 1);
        int64_t t = 0;
        if (strlen(all) > 10 && or_time_parse_iso8601(all, tz, &t) == OR_OK) {
            struct or_local_time lt;
            or_time_local(t, tz, &lt);
            g_ptr_array_add(dates, g_strdup_printf("%04d-%02d-%02d", lt.year, lt.month, lt.day));
        }
        else {
            g_ptr_array_add(dates, g_strdup(day));
        }
        g_free(all);
        g_free(day);
        g_match_info_next(m, NULL);
    }
    g_match_info_free(m);
}

static gint
by_text(gconstpointer a, gconstpointer b)
{
    return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* "FIRST..LAST" of the dates one recorded request names, or NULL. */
static char *
request_period(const char *path, GTimeZone *tz, GRegex *re)
{
    json_t *meta = json_load_file(path, 0, NULL);
    if (meta == NULL) {
        return NULL;
    }
    GPtrArray *dates = g_ptr_array_new_with_free_func(g_free);
    const char *pq = json_string_value(json_object_get(meta, "path_query"));
    char *query = pq != NULL ? g_uri_unescape_string(pq, NULL) : NULL;
    if (query != NULL) {
        dates_in(query, tz, re, dates);
    }
    json_t *body = json_object_get(meta, "body");
    char *text = json_is_string(body) ? g_strdup(json_string_value(body))
                 : body != NULL       ? json_dumps(body, JSON_COMPACT)
                                      : NULL;
    if (text != NULL) {
        dates_in(text, tz, re, dates);
    }
    char *period = NULL;
    if (dates->len > 0) {
        g_ptr_array_sort(dates, by_text);
        period = g_strdup_printf("%s..%s", *(char **)dates->pdata,
                                 *(char **)&dates->pdata[dates->len - 1]);
    }
    g_ptr_array_free(dates, TRUE);
    free(text);
    g_free(query);
    json_decref(meta);
    return period;
}

char *
or_replay_coverage(const char *dir, GTimeZone *tz)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    if (d == NULL) {
        return NULL;
    }
    GRegex *re = g_regex_new("(\\d{4}-\\d{2}-\\d{2})(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?"
                             "(Z|[+-]\\d{2}:?\\d{2}))?",
                             0, 0, NULL);
    GPtrArray *periods = g_ptr_array_new_with_free_func(g_free);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        if (!g_str_has_suffix(name, ".json")) {
            continue;
        }
        char *path = g_build_filename(dir, name, NULL);
        char *p = request_period(path, tz, re);
        if (p != NULL && !g_ptr_array_find_with_equal_func(periods, p, g_str_equal, NULL)) {
            g_ptr_array_add(periods, p);
        }
        else {
            g_free(p);
        }
        g_free(path);
    }
    g_dir_close(d);
    g_regex_unref(re);
    char *out = NULL;
    if (periods->len > 0) {
        g_ptr_array_sort(periods, by_text);
        GString *s = g_string_new(NULL);
        for (guint i = 0; i < periods->len; i++) {
            g_string_append_printf(s, "%s%s",
                                   i == 0                  ? ""
                                   : i + 1 == periods->len ? " and "
                                                           : ", ",
                                   (char *)g_ptr_array_index(periods, i));
        }
        out = g_string_free(s, FALSE);
    }
    g_ptr_array_free(periods, TRUE);
    return out;
}

void
or_replay_say(const char *dir, const char *covers, const char *asked, const char *why)
{
    covers = covers != NULL ? covers : "no dated request";
    if (strstr(covers, asked) != NULL) {
        /* The period is there: the request differs (parameters, endpoint). */
        or_log(OR_LOG_WARN,
               "--replay %s covers %s, but not these requests for %s (other parameters "
               "or endpoints): record them with --record",
               dir, covers, asked);
    }
    else {
        or_log(OR_LOG_WARN, "--replay %s covers %s; this run asked for %s (%s)", dir, covers, asked,
               why);
    }
}

char *
or_replay_asked(const struct or_source *s)
{
    return s->has_period ? g_strdup_printf("%s..%s", s->period.first_day, s->period.last_day)
                         : g_strdup("all data");
}
