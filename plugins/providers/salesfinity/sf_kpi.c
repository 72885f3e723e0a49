/* SPDX-License-Identifier: MIT */
/*
 * Dispositions and the vendor's own KPI definitions, so that a report's
 * numbers equal Salesfinity's dashboard (docs.salesfinity.ai, analytics
 * overview): connected = answered by a human with a disposition in an
 * answered category; conversation = connected and (meeting set or at least
 * 60 s); meeting = disposition 1.  A team's custom dispositions have
 * categories only the account's own list knows (GET /v1/dispositions, the
 * call-log endpoint's lookup); without it, the 14 defaults are known.
 * Dispositions are keyed on their numeric id, never on their text, which
 * differs between accounts ("Meeting Set", "Answered - Meeting Set").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "salesfinity.h"

/* Categories of the default dispositions 1..14 (docs: Get Dispositions). */
static const char *const defaults[] = {
    NULL,           "positive",     "neutral",      "negative",     "positive",
    "neutral",      "positive",     "positive",     "positive",     "negative",
    "not_answered", "not_answered", "not_answered", "not_answered", "cancelled",
};

/* The meeting dispositions of [salesfinity] meeting_dispositions (an int
 * list the host has checked), after disposition 1. */
static void
read_meetings(const struct or_host *h, struct sf_kpi *k)
{
    k->meeting_ids[0] = 1;
    k->nmeeting_ids = 1;
    const char *list = NULL;
    if (h->config_get(h, "meeting_dispositions", &list) != OR_OK || list == NULL) {
        return;
    }
    const char *p = list;
    while (*p != '\0' && k->nmeeting_ids < SF_MEETING_IDS_MAX) {
        char *end = NULL;
        errno = 0;
        long long v = strtoll(p, &end, 10);
        if (end == p || errno != 0) {
            p++;
            continue;
        }
        k->meeting_ids[k->nmeeting_ids++] = (int64_t)v;
        p = end;
    }
}

void
sf_kpi_init(const struct or_host *h, const struct or_query *q, struct sf_kpi *k)
{
    memset(k, 0, sizeof(*k));
    k->id_col = -1;
    k->category_col = -1;
    const struct or_lookup *lk = orp_lookup(h, q);
    if (lk != NULL && lk->failed == NULL) {
        k->lookup = lk;
        k->id_col = orp_lookup_column(lk, "id");
        k->category_col = orp_lookup_column(lk, "category");
    }
    read_meetings(h, k);
}

const char *
sf_kpi_category(const struct sf_kpi *k, int64_t id)
{
    const struct or_value *row = orp_lookup_find_int(k->lookup, k->id_col, id);
    if (row != NULL) {
        return orp_lookup_text(row, k->category_col);
    }
    if (id >= 1 && id < (int64_t)SF_ARRAY_LEN(defaults)) {
        return defaults[id];
    }
    return NULL;
}

static int
answered_category(const char *c)
{
    return c != NULL && (strcasecmp(c, "positive") == 0 || strcasecmp(c, "neutral") == 0 ||
                         strcasecmp(c, "negative") == 0);
}

struct sf_call_kpi
sf_kpi_classify(const struct sf_kpi *k, int has_disposition, int64_t id, const char *category,
                int human, int64_t duration_s)
{
    struct sf_call_kpi r = {0, 0, 0};
    for (size_t i = 0; has_disposition && i < k->nmeeting_ids; i++) {
        if (k->meeting_ids[i] == id) {
            r.meeting = 1;
        }
    }
    r.connected = has_disposition && human && answered_category(category);
    r.conversation = r.connected && (r.meeting || duration_s >= 60);
    return r;
}
