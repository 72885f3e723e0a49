/* SPDX-License-Identifier: MIT */
/*
 * Call-log filter evaluation and the cache of filtered results.
 *
 * A filter is a fixed-size struct (list filters are resolved to bit masks
 * and contact bitmaps first), so the struct itself is the cache key: equal
 * structs select equal calls. Each cached set is the list of matching call
 * indices in ascending order of the sort key; descending sorts read it
 * backwards. Building a set is O(calls) once; every page after that is
 * O(limit). Sets are reference-counted so an eviction never frees a set a
 * handler is still serialising.
 */
#include "mockapi.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CALLSET_SLOTS 16

struct callset_cache {
    pthread_mutex_t mu;
    struct callset *slots[CALLSET_SLOTS];
    uint64_t tick;
};

static int
bit(const uint8_t *map, unsigned i)
{
    return (map[i >> 3] >> (i & 7)) & 1;
}

void
callset_filter_init(struct callset_filter *f)
{
    memset(f, 0, sizeof *f);
    f->start_ms = INT64_MIN;
    f->end_ms = INT64_MAX;
    f->min_duration = INT64_MIN;
    f->max_duration = INT64_MAX;
    f->outcome = -1;
    f->direction = -1;
    f->answered_by = -1;
    f->has_recording = -1;
    f->completed = -1;
    f->order = CALLSET_BY_STARTED;
    f->disposition_mask = UINT32_MAX;
    f->rep_mask = UINT32_MAX;
    f->list_mask = UINT32_MAX;
    f->sequence_mask = UINT32_MAX;
}

int
callset_match(const struct mock_data *d, const struct callset_filter *f, uint32_t i)
{
    const struct mock_call *c = &d->calls[i];
    int outbound = c->direction == MOCK_OUTBOUND;

    if (c->started_ms < f->start_ms || c->started_ms >= f->end_ms) {
        return 0;
    }
    if ((int64_t)c->duration_s < f->min_duration || (int64_t)c->duration_s > f->max_duration) {
        return 0;
    }
    if ((f->outcome >= 0 && c->outcome != f->outcome) ||
        (f->direction >= 0 && c->direction != f->direction) ||
        (f->answered_by >= 0 && c->answered_by != f->answered_by)) {
        return 0;
    }
    if (f->has_recording >= 0 && ((c->flags & MOCK_CALL_RECORDING) != 0) != f->has_recording) {
        return 0;
    }
    if (f->completed >= 0 && ((c->flags & MOCK_CALL_COMPLETED) != 0) != f->completed) {
        return 0;
    }
    if (!((f->disposition_mask >> c->disposition) & 1) || !((f->rep_mask >> c->rep) & 1) ||
        !((f->list_mask >> c->list) & 1) || !((f->sequence_mask >> c->sequence) & 1)) {
        return 0;
    }
    if (f->from_set) {
        int hit =
            outbound ? (int)((f->from_rep_mask >> c->rep) & 1) : bit(f->from_contacts, c->contact);
        if (!hit) {
            return 0;
        }
    }
    if (f->to_set) {
        int hit =
            outbound ? bit(f->to_contacts, c->contact) : (int)((f->to_rep_mask >> c->rep) & 1);
        if (!hit) {
            return 0;
        }
    }
    if (f->search_set) {
        int text = !(c->flags & MOCK_CALL_CONTACT_EMPTY) && bit(f->search_text, c->contact);
        if (!text && !bit(f->search_phone, c->contact) && !((f->search_rep_mask >> c->rep) & 1)) {
            return 0;
        }
    }
    return 1;
}

struct callset_cache *
callset_cache_new(void)
{
    struct callset_cache *c = calloc(1, sizeof *c);

    if (c == NULL) {
        return NULL;
    }
    if (pthread_mutex_init(&c->mu, NULL) != 0) {
        free(c);
        return NULL;
    }
    return c;
}

static void
set_free(struct callset *s)
{
    if (s != NULL) {
        free(s->idx);
        free(s);
    }
}

void
callset_cache_free(struct callset_cache *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < CALLSET_SLOTS; i++) {
        set_free(c->slots[i]);
    }
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static struct callset *
build(const struct mock_data *d, const struct callset_filter *f)
{
    struct callset *s = calloc(1, sizeof *s);
    const uint32_t *order = NULL;

    if (s == NULL) {
        return NULL;
    }
    s->key = *f;
    if (d->ncalls == 0) {
        return s;
    }
    s->idx = malloc(d->ncalls * sizeof *s->idx);
    if (s->idx == NULL) {
        free(s);
        return NULL;
    }
    if (f->order == CALLSET_BY_CREATED) {
        order = d->by_created;
    }
    else if (f->order == CALLSET_BY_DURATION) {
        order = d->by_duration;
    }
    for (uint32_t k = 0; k < d->ncalls; k++) {
        uint32_t i = order != NULL ? order[k] : k;
        if (callset_match(d, f, i)) {
            s->idx[s->n++] = i;
        }
    }
    if (s->n == 0) {
        free(s->idx);
        s->idx = NULL;
    }
    else if (s->n < d->ncalls) {
        uint32_t *p = realloc(s->idx, s->n * sizeof *s->idx);
        if (p != NULL) {
            s->idx = p;
        }
    }
    return s;
}

struct callset *
callset_get(struct callset_cache *c, const struct mock_data *d, const struct callset_filter *f)
{
    struct callset *s = NULL;
    size_t victim = 0;

    pthread_mutex_lock(&c->mu);
    for (size_t i = 0; i < CALLSET_SLOTS; i++) {
        if (c->slots[i] != NULL && memcmp(&c->slots[i]->key, f, sizeof *f) == 0) {
            s = c->slots[i];
            goto found;
        }
    }
    /* Built under the lock: concurrent misses wait instead of building twice. */
    s = build(d, f);
    if (s == NULL) {
        pthread_mutex_unlock(&c->mu);
        return NULL;
    }
    for (size_t i = 0; i < CALLSET_SLOTS; i++) {
        if (c->slots[i] == NULL) {
            victim = i;
            break;
        }
        if (c->slots[i]->last_used < c->slots[victim]->last_used) {
            victim = i;
        }
    }
    if (c->slots[victim] != NULL) {
        struct callset *old = c->slots[victim];
        old->in_cache = 0;
        if (old->refs == 0) {
            set_free(old);
        }
    }
    c->slots[victim] = s;
    s->in_cache = 1;

found:
    s->refs++;
    s->last_used = ++c->tick;
    pthread_mutex_unlock(&c->mu);
    return s;
}

void
callset_release(struct callset_cache *c, struct callset *s)
{
    if (s == NULL) {
        return;
    }
    pthread_mutex_lock(&c->mu);
    s->refs--;
    int dead = s->refs == 0 && !s->in_cache;
    pthread_mutex_unlock(&c->mu);
    if (dead) {
        set_free(s);
    }
}
