/* SPDX-License-Identifier: MIT */
/*
 * query_list() callbacks that resolve ids from a request into bit masks:
 * rep ids, contact list ids, call sequence ids and disposition ids. Unknown
 * ids set no bit, so a filter naming only unknown ids matches nothing.
 */
#include "mockapi.h"

#include <string.h>
#include <strings.h>

int
ids_add_rep(void *arg, const char *item)
{
    struct ids_ctx *l = arg;

    for (unsigned r = 0; r < MOCK_REPS; r++) {
        if (strcasecmp(item, l->d->reps[r].id) == 0) {
            l->mask |= UINT32_C(1) << r;
        }
    }
    return 0;
}

int
ids_add_list(void *arg, const char *item)
{
    struct ids_ctx *l = arg;

    for (unsigned i = 0; i < MOCK_LISTS; i++) {
        if (strcasecmp(item, l->d->lists[i].id) == 0) {
            l->mask |= UINT32_C(1) << i;
        }
    }
    return 0;
}

int
ids_add_call_sequence(void *arg, const char *item)
{
    struct ids_ctx *l = arg;

    for (unsigned s = 1; s <= MOCK_CALL_SEQUENCES; s++) {
        if (strcmp(item, names_call_sequences[s]) == 0) {
            l->mask |= UINT32_C(1) << s;
        }
    }
    return 0;
}

int
ids_add_disposition(void *arg, const char *item)
{
    struct ids_ctx *l = arg;
    long v;

    if (query_parse_long(item, 0, 1000000, &v) != 0) {
        l->bad = 1;
        return 1;
    }
    if (v >= 1 && v <= MOCK_DISPOSITIONS) {
        l->mask |= UINT32_C(1) << v;
    }
    return 0;
}

int
ids_add_email_sequence(void *arg, const char *item)
{
    struct ids_ctx *l = arg;

    for (unsigned s = 0; s < MOCK_EMAIL_SEQUENCES; s++) {
        if (strcmp(item, l->d->sequences[s].id) == 0) {
            l->mask |= UINT32_C(1) << s;
        }
    }
    return 0;
}

int
ids_add_saleshandy_user(void *arg, const char *item)
{
    struct ids_ctx *l = arg;

    for (unsigned r = 0; r < MOCK_REPS; r++) {
        if (strcmp(item, l->d->reps[r].sh_id) == 0) {
            l->mask |= UINT32_C(1) << r;
        }
    }
    return 0;
}
