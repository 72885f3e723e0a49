/* SPDX-License-Identifier: MIT */
/* CSV profiles: see csv_profile.h. */
#include "csv_profile.h"

#include <stdio.h>
#include <string.h>

struct profile {
    const char *name;
    struct csv_dialect dialect;
};

/* Keep in the order of CSV_PROFILE_CHOICES; the first is the default. */
static const struct profile profiles[] = {
    {"rfc4180", {.sep = ',', .decimal_point = '.', .bom = 0}},
    {"excel", {.sep = ',', .decimal_point = '.', .bom = 1}},
    {"excel-eu", {.sep = ';', .decimal_point = ',', .bom = 1}},
};

static const struct profile *
find_profile(const char *name)
{
    for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++) {
        if (strcmp(profiles[i].name, name) == 0) {
            return &profiles[i];
        }
    }
    return NULL;
}

or_status
csv_profile_parse(const struct or_option *const *options, size_t noptions, struct csv_dialect *out,
                  char *err, size_t errlen)
{
    *out = profiles[0].dialect;
    for (size_t i = 0; i < noptions; i++) {
        const char *name = options[i]->name != NULL ? options[i]->name : "";
        const char *value = options[i]->value != NULL ? options[i]->value : "";
        if (strcmp(name, CSV_OPTION_PROFILE) != 0) {
            snprintf(err, errlen, "csv: unknown option '%s' (expected %s)", name,
                     CSV_OPTION_PROFILE);
            return OR_ERR_INVALID;
        }
        const struct profile *p = find_profile(value);
        if (p == NULL) {
            snprintf(err, errlen,
                     "csv option %s: unknown value '%s' (expected rfc4180, excel, excel-eu)",
                     CSV_OPTION_PROFILE, value);
            return OR_ERR_INVALID;
        }
        *out = p->dialect;
    }
    return OR_OK;
}
