/* SPDX-License-Identifier: MIT */
/* The store profiles of the shipped providers' endpoints (store_profile.h). */
#include "store/store_profile.h"

#include <stddef.h>

#include "plugin/endpoint.h"

void
or_store_profile_of(const char *source, const struct or_endpoint *ep, struct or_store_profile *out)
{
    *out = (struct or_store_profile){source, OR_STORE_PERIOD, NULL, NULL, 0};
    enum or_keeping keeping = ep != NULL ? or_endpoint_keeping(ep) : OR_KEEP_UNSAID;
    if (keeping == OR_KEEP_UNSAID) {
        return;
    }
    switch (keeping) {
    case OR_KEEP_RECORDS:
        out->kind = OR_STORE_RECORDS;
        out->day = ep->record_day;
        out->counters = or_endpoint_cumulative(ep) == OR_CUMULATIVE_COUNTERS;
        break;
    case OR_KEEP_SNAPSHOT: out->kind = OR_STORE_SNAPSHOT; break;
    default: break;
    }
    /* An endpoint that only says it is all-time totals (keeping inferred)
     * has no record_key: its rows are keyed by every column. */
    out->key = OR_HAS_MEMBER(ep, struct or_endpoint, record_day) ? ep->record_key : NULL;
}

const char *
or_store_kind_name(enum or_store_kind k)
{
    switch (k) {
    case OR_STORE_RECORDS: return "records";
    case OR_STORE_PERIOD: return "period";
    case OR_STORE_SNAPSHOT: return "snapshot";
    }
    return "period";
}
