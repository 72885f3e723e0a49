/* SPDX-License-Identifier: MIT */
/*
 * The one cell rule of its own: a person's name from first/last name parts,
 * else a single `name`.  Every other JSON value goes through the orp_*
 * setters of plugins/common (DESIGN.md §6 NULL rules, one warning per page).
 */
#include "salesfinity.h"

void
sf_person_name(struct orp_cells *c, size_t col, const json_t *person, unsigned bit)
{
    if (person == NULL) {
        return;
    }
    if (!orp_full_name(c, col, json_object_get(person, "first_name"),
                       json_object_get(person, "last_name"), bit)) {
        orp_text_trimmed(c, col, json_object_get(person, "name"), bit);
    }
}
