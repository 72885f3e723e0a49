/* SPDX-License-Identifier: MIT */
/*
 * --revision N: the same records as revision 0, edited after the fact the
 * way vendors' data changes -- a disposition set later, totals that grow --
 * so tests can check that a store keeps the newest version of a record and
 * dates its snapshots.  Record ids, times and counts stay the same.
 */
#include "mockapi.h"

void
revision_apply(struct mock_data *d, uint64_t revision)
{
    if (revision == 0) {
        return;
    }
    for (uint32_t i = 0; i < d->ncalls; i += 10) {
        struct mock_call *c = &d->calls[i];
        c->disposition = 1;
        c->absent &= (uint8_t) ~(3u << 2);
        c->updated_after_s += (uint32_t)(3600 * revision);
    }
    for (size_t i = 0; i < d->nspaces; i++) {
        d->spaces[i].total_calls += (uint32_t)(10 * revision);
        d->spaces[i].interested += (uint32_t)(2 * revision);
    }
}
