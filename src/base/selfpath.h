/* SPDX-License-Identifier: MIT */
/**
 * @file selfpath.h
 * @brief Where the running binary is, and whether it runs from its build tree.
 *
 * Core only.  A binary in the build tree it was built in (meson's build
 * folder, any file below it: the binary, the tests) finds its plugins there
 * and the shipped templates in the source tree; an installed one only in its
 * installed folders, never in a source or build tree.
 */
#ifndef OR_SELFPATH_H
#define OR_SELFPATH_H

/** @brief The folder of the running binary (owned: g_free), or NULL. */
char *or_self_dir(void);

/** @brief Nonzero when the running binary lies in the build tree it was built in. */
int or_self_in_build_tree(void);

#endif
