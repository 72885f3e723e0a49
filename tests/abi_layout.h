/* SPDX-License-Identifier: MIT */
/**
 * @file abi_layout.h
 * @brief The plugin ABI's layout as two sets of headers give it: the
 * offset of every member and the size of every struct of ABI 2.1, and the
 * value of every enumerator, from tests/abi/2.1 (or_abi_layout_2_1) and
 * from include/ (or_abi_layout_now), both built from abi_layout.c.
 * test_plugin_abi compares them: a minor only appends.
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
/** The same entries under this outreport's headers. */
extern const struct or_abi_entry or_abi_layout_now[];

#endif
