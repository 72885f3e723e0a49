/* SPDX-License-Identifier: MIT */
/* The 2.2 members of or_endpoint: see endpoint.h. */
#include "plugin/endpoint.h"

#include <stdio.h>

#define HAS(ep, member) ((ep) != NULL && OR_HAS_MEMBER(ep, struct or_endpoint, member))

enum or_cumulative
or_endpoint_cumulative(const struct or_endpoint *ep)
{
    return HAS(ep, cumulative) ? ep->cumulative : OR_CUMULATIVE_NONE;
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

or_status
or_endpoint_check_lookups(const struct or_provider *pv, char *err, size_t errlen)
{
    for (size_t i = 0; i < pv->nendpoints; i++) {
        const struct or_endpoint *ep = pv->endpoints[i];
        if ((unsigned)or_endpoint_cumulative(ep) >= OR_CUMULATIVE_COUNT) {
            snprintf(err, errlen, "endpoint %s: unknown cumulative kind %d", ep->name,
                     (int)or_endpoint_cumulative(ep));
            return OR_ERR_PLUGIN;
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
