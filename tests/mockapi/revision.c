/* SPDX-License-Identifier: MIT */
/*
 * --revision N: the same records as revision 0, edited after the fact the
 * way vendors' data changes -- a disposition set later, totals that grow --
 * opens and replies that keep coming after an e-mail was sent -- so tests
 * can check that a store keeps the newest version of a record and dates its
 * snapshots.  Record ids, times and counts stay the same.  E-mails: every
 * fifth is opened N more times; every seventh not replied to is replied to
 * in revision 1 and later (an hour after it was sent).
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
    for (uint32_t i = 0; i < d->nemails; i++) {
        struct mock_email *e = &d->emails[i];
        if (i % 5 == 0 && e->open_count <= 200) {
            e->open_after_s = e->open_count > 0 ? e->open_after_s : 600;
            e->open_count = (uint8_t)(e->open_count + revision);
        }
        if (i % 7 == 0 && !(e->flags & MOCK_EMAIL_REPLIED)) {
            e->flags = (uint8_t)((e->flags | MOCK_EMAIL_REPLIED) & ~MOCK_EMAIL_REPLY_UNDATED);
            e->reply_after_s = 3600;
        }
    }
    for (size_t i = 0; i < d->nspaces; i++) {
        d->spaces[i].total_calls += (uint32_t)(10 * revision);
        d->spaces[i].interested += (uint32_t)(2 * revision);
    }
}
