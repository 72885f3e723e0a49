/* SPDX-License-Identifier: MIT */
/* The store profiles of the shipped providers' endpoints (store_profile.h). */
#include "store/store_profile.h"

#include <glib.h>
#include <string.h>

static const char *const call_key[] = {"id", NULL};
static const char *const email_key[] = {"sequence_id", "step", "recipient_email", "sent_at", NULL};
static const char *const list_key[] = {"list_id", NULL};
static const char *const team_key[] = {"user_id", "user_email", "user_name", NULL};
static const char *const space_key[] = {"space_token", NULL};

static const struct or_store_profile known[] = {
    {"salesfinity.call-log", OR_STORE_RECORDS, call_key, "started_at"},
    {"saleshandy.consolidated-stats", OR_STORE_RECORDS, email_key, "sent_at"},
    {"salesfinity.list-performance", OR_STORE_PERIOD, list_key, NULL},
    {"saleshandy.team-stats", OR_STORE_PERIOD, team_key, NULL},
    {"unpod.analytics", OR_STORE_SNAPSHOT, space_key, NULL},
};

static const struct or_store_profile fallback = {NULL, OR_STORE_PERIOD, NULL, NULL};

const struct or_store_profile *
or_store_profile_of(const char *source, const struct or_endpoint *ep)
{
    (void)ep;
    for (size_t i = 0; i < G_N_ELEMENTS(known); i++) {
        if (strcmp(known[i].source, source) == 0) {
            return &known[i];
        }
    }
    return &fallback;
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
