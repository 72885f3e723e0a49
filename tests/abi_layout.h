/* SPDX-License-Identifier: MIT */
/**
 * @file abi_layout.h
 * @brief The plugin ABI's layout as three sets of headers give it: the
 * offset of every member and the size of every struct of ABI 2.1 (and, from
 * headers of 2.2 on, of what 2.2 added), and the value of every enumerator,
 * from tests/abi/2.1 (or_abi_layout_2_1), tests/abi/2.2 (or_abi_layout_2_2),
 * tests/abi/2.3 (or_abi_layout_2_3) and include/ (or_abi_layout_now), all
 * built from abi_layout.c.  test_plugin_abi compares them: a minor only
 * appends, and a released minor (2.2, 2.3) never changes.
 */
#ifndef OR_TEST_ABI_LAYOUT_H
#define OR_TEST_ABI_LAYOUT_H

#include <stddef.h>

/** "struct.member" and its offset, "sizeof struct" and its size, or an enumerator's value. */
struct or_abi_entry {
    const char *name; /**< NULL ends the list */
    size_t value;
};

/** The layout under the headers of ABI 2.1 (static, NULL-terminated). */
extern const struct or_abi_entry or_abi_layout_2_1[];
/** The entries of 2.1 and 2.2 under the headers of ABI 2.2 as released. */
extern const struct or_abi_entry or_abi_layout_2_2[];
/** The entries of 2.1 to 2.3 under the headers of ABI 2.3 as released. */
extern const struct or_abi_entry or_abi_layout_2_3[];
/** The same entries under this outreport's headers. */
extern const struct or_abi_entry or_abi_layout_now[];

#endif
