/* SPDX-License-Identifier: MIT */
/*
 * E-mail subsets by sequence. consolidated-stats filters by sequenceIds and
 * a date window; with one index array per sequence combination (at most
 * 2^MOCK_EMAIL_SEQUENCES, built on first use) the window becomes two binary
 * searches and every page costs O(pageLimit).
 */
#include "mockapi.h"

#include <pthread.h>
#include <stdlib.h>

#define EMAILSET_MASKS (1u << MOCK_EMAIL_SEQUENCES)

struct emailset_cache {
    pthread_mutex_t mu;
    uint32_t *idx[EMAILSET_MASKS];
    uint32_t n[EMAILSET_MASKS];
    unsigned char built[EMAILSET_MASKS];
};

struct emailset_cache *
emailset_cache_new(void)
{
    struct emailset_cache *c = calloc(1, sizeof *c);

    if (c == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&c->mu, NULL) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

void
emailset_cache_free(struct emailset_cache *c)
{
    if (c == NULL) {
        return;
    }
    for (unsigned m = 0; m < EMAILSET_MASKS; m++) {
        free(c->idx[m]);
    }
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static int
build(struct emailset_cache *c, const struct mock_data *d, uint32_t mask)
{
    uint32_t n = 0;

    for (uint32_t i = 0; i < d->nemails; i++) {
        n += (mask >> d->emails[i].sequence) & 1;
    }
    if (n > 0) {
        c->idx[mask] = malloc(n * sizeof *c->idx[mask]);
        if (c->idx[mask] == NULL) {
            return -1;
        }
        n = 0;
        for (uint32_t i = 0; i < d->nemails; i++) {
            if ((mask >> d->emails[i].sequence) & 1) {
                c->idx[mask][n++] = i;
            }
        }
    }
    c->n[mask] = n;
    c->built[mask] = 1;
    return 0;
}

int
emailset_get(struct emailset_cache *c, const struct mock_data *d, uint32_t mask,
             const uint32_t **idx, uint32_t *n)
{
    int rc = 0;

    mask &= EMAILSET_MASKS - 1;
    pthread_mutex_lock(&c->mu);
    if (!c->built[mask]) {
        rc = build(c, d, mask);
    }
    *idx = c->idx[mask];
    *n = c->n[mask];
    pthread_mutex_unlock(&c->mu);
    return rc;
}

static uint32_t
first_at_or_after(const struct mock_data *d, const uint32_t *idx, uint32_t n, int64_t ms)
{
    uint32_t lo = 0;
    uint32_t hi = n;

    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (d->emails[idx[mid]].sent_ms < ms) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    return lo;
}

void
emailset_range(const struct mock_data *d, const uint32_t *idx, uint32_t n, int64_t start_ms,
               int64_t end_ms, uint32_t *lo, uint32_t *hi)
{
    *lo = first_at_or_after(d, idx, n, start_ms);
    *hi = first_at_or_after(d, idx, n, end_ms);
    if (*hi < *lo) {
        *hi = *lo;
    }
}
