/* SPDX-License-Identifier: MIT */
/* The 2.2 members of or_endpoint: see endpoint.h. */
#include "plugin/endpoint.h"

#include <stdio.h>

#define HAS(ep, member) ((ep) != NULL && OR_HAS_MEMBER(ep, struct or_endpoint, member))

/* The two members as declared: UNSAID and NONE when the struct lacks them. */
static enum or_keeping
declared_keeping(const struct or_endpoint *ep)
{
    return HAS(ep, record_day) ? ep->keeping : OR_KEEP_UNSAID;
}

static enum or_cumulative
declared_cumulative(const struct or_endpoint *ep)
{
    return HAS(ep, cumulative) ? ep->cumulative : OR_CUMULATIVE_NONE;
}

enum or_cumulative
or_endpoint_cumulative(const struct or_endpoint *ep)
{
    enum or_cumulative c = declared_cumulative(ep);
    if (c == OR_CUMULATIVE_NONE && declared_keeping(ep) == OR_KEEP_SNAPSHOT) {
        return OR_CUMULATIVE_ALL_TIME;
    }
    return c;
}

enum or_keeping
or_endpoint_keeping(const struct or_endpoint *ep)
{
    enum or_keeping k = declared_keeping(ep);
    if (k == OR_KEEP_UNSAID && declared_cumulative(ep) == OR_CUMULATIVE_ALL_TIME) {
        return OR_KEEP_SNAPSHOT;
    }
    return k;
}

const char *
or_endpoint_cumulative_note(const struct or_endpoint *ep)
{
    return HAS(ep, cumulative_note) ? ep->cumulative_note : NULL;
}

const char *
or_cumulative_name(enum or_cumulative c)
{
    switch (c) {
    case OR_CUMULATIVE_COUNTERS: return "counters";
    case OR_CUMULATIVE_ALL_TIME: return "all_time";
    default: return NULL;
    }
}

const char *
or_repair_name(enum or_repair what)
{
    return what == OR_REPAIR_CONTROL_CHARS ? "control_characters" : "unknown";
}

const char *
or_repair_phrase(enum or_repair what)
{
    return what == OR_REPAIR_CONTROL_CHARS
               ? "raw control characters (U+0000 to U+001F) inside text values escaped"
               : "values repaired";
}

const struct or_endpoint *
or_endpoint_lookup(const struct or_endpoint *ep)
{
    return HAS(ep, lookup) ? ep->lookup : NULL;
}

or_lookup_needed_fn *
or_endpoint_lookup_needed(const struct or_endpoint *ep)
{
    return HAS(ep, lookup_needed) ? ep->lookup_needed : NULL;
}

const char *
or_endpoint_lookup_fallback(const struct or_endpoint *ep)
{
    return HAS(ep, lookup_fallback) ? ep->lookup_fallback : NULL;
}

or_auth_failure_fn *
or_endpoint_auth_failure(const struct or_endpoint *ep)
{
    return HAS(ep, auth_failure) ? ep->auth_failure : NULL;
}

static int
is_own(const struct or_provider *pv, const struct or_endpoint *ep)
{
    for (size_t i = 0; i < pv->nendpoints; i++) {
        if (pv->endpoints[i] == ep) {
            return 1;
        }
    }
    return 0;
}

/* A known cumulative kind that agrees with the declared keeping. */
static or_status
check_cumulative(const struct or_endpoint *ep, char *err, size_t errlen)
{
    enum or_cumulative c = declared_cumulative(ep);
    enum or_keeping k = declared_keeping(ep);
    if ((unsigned)c >= OR_CUMULATIVE_COUNT) {
        snprintf(err, errlen, "endpoint %s: unknown cumulative kind %d", ep->name, (int)c);
        return OR_ERR_PLUGIN;
    }
    if (c == OR_CUMULATIVE_ALL_TIME && (k == OR_KEEP_RECORDS || k == OR_KEEP_PERIOD)) {
        snprintf(err, errlen,
                 "endpoint %s: all-time totals (cumulative) are kept as snapshots "
                 "(OR_KEEP_SNAPSHOT), not as %s",
                 ep->name, k == OR_KEEP_RECORDS ? "records" : "period aggregates");
        return OR_ERR_PLUGIN;
    }
    if (c == OR_CUMULATIVE_COUNTERS && k == OR_KEEP_SNAPSHOT) {
        snprintf(err, errlen,
                 "endpoint %s: a snapshot (OR_KEEP_SNAPSHOT) is all-time totals, not rows of "
                 "the period with counters (OR_CUMULATIVE_COUNTERS)",
                 ep->name);
        return OR_ERR_PLUGIN;
    }
    return OR_OK;
}

or_status
or_endpoint_check_lookups(const struct or_provider *pv, char *err, size_t errlen)
{
    for (size_t i = 0; i < pv->nendpoints; i++) {
        const struct or_endpoint *ep = pv->endpoints[i];
        or_status st = check_cumulative(ep, err, errlen);
        if (st != OR_OK) {
            return st;
        }
        const struct or_endpoint *lk = or_endpoint_lookup(ep);
        if (lk == NULL) {
            continue;
        }
        if (!is_own(pv, lk)) {
            snprintf(err, errlen, "endpoint %s: its lookup is not one of the provider's endpoints",
                     ep->name);
            return OR_ERR_PLUGIN;
        }
        if (or_endpoint_lookup(lk) != NULL) {
            snprintf(err, errlen, "endpoint %s: its lookup %s has a lookup of its own", ep->name,
                     lk->name);
            return OR_ERR_PLUGIN;
        }
    }
    return OR_OK;
}
